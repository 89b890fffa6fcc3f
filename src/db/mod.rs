//! The database: SQLite embedded by default, PostgreSQL for national use. One schema and one
//! set of queries (`$1` placeholders work on both), each database through its own driver;
//! where a backend needs its own SQL, `Backend` says which.

pub mod bulk;
mod migrate;
mod prefix;
mod query;
pub mod types;
mod versioned;

use anyhow::Context;
use sqlx::postgres::PgPoolOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use std::str::FromStr;
use std::sync::Arc;
use tokio::sync::{Mutex, OwnedMutexGuard};

pub use prefix::prefix_range;
pub use query::{
    Column, Done, Executor, Param, Query, QueryAs, QueryScalar, Row, Value, query, query_as,
    query_scalar, raw,
};
pub use types::{Flag, IsoDate, OptIsoDate};
pub use versioned::{Stale, WriteError, update_versioned};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// A handle to the database, cheap to clone.
#[derive(Clone)]
pub struct Db {
    pub(crate) pool: Pool,
    pub backend: Backend,
    /// SQLite has one writer at a time: writes queue here instead of failing with "database is locked".
    write_lock: Arc<Mutex<()>>,
}

pub(crate) enum TxInner {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// A write transaction; dropping it without `commit` rolls everything back.
pub struct Tx {
    pub(crate) inner: TxInner,
    _guard: Option<OwnedMutexGuard<()>>,
}

impl Tx {
    pub async fn commit(self) -> anyhow::Result<()> {
        match self.inner {
            TxInner::Sqlite(t) => t.commit().await?,
            TxInner::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        match self.inner {
            TxInner::Sqlite(_) => Backend::Sqlite,
            TxInner::Postgres(_) => Backend::Postgres,
        }
    }

    /// Makes the transactions that take the lock named `key` run one after another, until
    /// each commits or rolls back: what one reads before it writes, the next sees written. On
    /// PostgreSQL an advisory lock; on SQLite write transactions already run one at a time.
    /// Take locks from the wider to the narrower (a province before its district).
    pub async fn lock(&mut self, key: &str) -> anyhow::Result<()> {
        if self.backend() == Backend::Postgres {
            query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .bind(key)
                .execute(self)
                .await?;
        }
        Ok(())
    }
}

impl Db {
    /// Connects to `sqlite://path` or `postgres://…` and brings the schema up to date.
    pub async fn connect(url: &str) -> anyhow::Result<Db> {
        let db = Db::open(url).await?;
        migrate::run(&db).await?;
        Ok(db)
    }

    /// Connects without touching the schema (a copy being checked, a template).
    pub async fn open(url: &str) -> anyhow::Result<Db> {
        let cannot = || format!("cannot open database {}", redact(url));
        let (pool, backend) = if url.starts_with("postgres://") || url.starts_with("postgresql://")
        {
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .connect(url)
                .await
                .with_context(cannot)?;
            (Pool::Postgres(pool), Backend::Postgres)
        } else if url.starts_with("sqlite:") {
            // case-sensitive LIKE: name searches lower-case both sides, and a code prefix is
            // read as a range of an index (`db::Query::bind_prefix`)
            let options = SqliteConnectOptions::from_str(url)
                .with_context(cannot)?
                .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(std::time::Duration::from_secs(10))
                .pragma("case_sensitive_like", "ON");
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await
                .with_context(cannot)?;
            (Pool::Sqlite(pool), Backend::Sqlite)
        } else {
            anyhow::bail!("database URL must start with sqlite:// or postgres://, got {url}");
        };
        Ok(Db {
            pool,
            backend,
            write_lock: Arc::new(Mutex::new(())),
        })
    }

    /// Begins a transaction for writing.
    pub async fn begin_write(&self) -> anyhow::Result<Tx> {
        Ok(match &self.pool {
            Pool::Sqlite(p) => {
                let guard = self.write_lock.clone().lock_owned().await;
                // IMMEDIATE takes SQLite's write lock at once, so a writer waits (busy_timeout)
                // for a transaction that is still rolling back instead of failing when it first writes.
                Tx {
                    inner: TxInner::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
                    _guard: Some(guard),
                }
            }
            Pool::Postgres(p) => Tx {
                inner: TxInner::Postgres(p.begin().await?),
                _guard: None,
            },
        })
    }

    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p) => p.close().await,
        }
    }
}

/// The URL without its password, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            let user = creds.split(':').next().unwrap_or("");
            format!("{}{}:***{}", &url[..s + 3], user, &url[at..])
        }
        _ => url.to_string(),
    }
}

/// The current time as stored in the database: RFC 3339, UTC, to the second.
pub fn now_text() -> String {
    let now = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    now.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn redacts_passwords() {
        assert_eq!(
            super::redact("postgres://u:secret@localhost:5432/db"),
            "postgres://u:***@localhost:5432/db"
        );
        assert_eq!(super::redact("sqlite://x.db"), "sqlite://x.db");
    }
}
