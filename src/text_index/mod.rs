//! The text index (issue 15): every project, plan, forum and committee as the normalised text it
//! is found by (`thai::text`), and the pairs of neighbouring characters of that text as tokens
//! (`grams`) that each database indexes without extensions — SQLite in an FTS5 table with its
//! `ascii` tokenizer, PostgreSQL in a GIN index over `to_tsvector('simple', grams)`. Neither
//! database reads Thai: they only serve the records that have every pair of a query, and the
//! search checks each against its text, so both give the same results.
//!
//! A write calls `refresh` for the record it changed, in its own transaction; `rebuild` makes
//! the whole index again (at start, when `VERSION` is not the one it was built with).

pub mod grams;
mod sources;

use crate::db::{self, Backend, Db, Tx};
use crate::thai::text;

/// What the index holds.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
#[schema(as = RecordKind)]
pub enum Kind {
    Project,
    Plan,
    Forum,
    Committee,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Project, Kind::Plan, Kind::Forum, Kind::Committee];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Project => "project",
            Kind::Plan => "plan",
            Kind::Forum => "forum",
            Kind::Committee => "committee",
        }
    }
}

crate::text_enum!(Kind);

/// A record as the index keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub kind: Kind,
    pub ref_id: i64,
    pub area_code: String,
    /// `thai::text::key` of the normalised title (a leading โครงการ/กิจกรรม set aside).
    pub title_key: String,
    pub body_key: String,
}

impl Entry {
    fn of(kind: Kind, s: sources::Source) -> Entry {
        Entry {
            kind,
            ref_id: s.ref_id,
            area_code: s.area_code,
            title_key: text::title(&s.title).key,
            body_key: text::key(&text::normalize(&s.body)),
        }
    }

    /// The tokens of both keys, and of where the record is and what it is (`grams::area`,
    /// `grams::kind`), joined: a search within an area or of one kind is one more token to
    /// match, which the token index intersects instead of reading every match.
    pub fn grams(&self) -> String {
        let mut g = grams::of_key(&self.title_key);
        g.extend(grams::of_key(&self.body_key));
        for len in grams::AREA_PREFIXES {
            if let Some(p) = self.area_code.get(..len) {
                g.insert(grams::area(p));
            }
        }
        g.insert(grams::area(&self.area_code));
        g.insert(grams::kind(self.kind.as_str()));
        grams::joined(&g)
    }
}

/// Stored beside each entry: the normalisation's version and the tokens' format, so that a
/// change to either makes the index again.
pub const VERSION: i64 = text::VERSION * 1000 + 2;

const COLUMNS: &str = "kind, ref_id, area_code, title_key, body_key, grams, version";

/// Makes a record's entry agree with its tables: written, changed, or removed when the record
/// is gone. Called in the transaction of the change.
pub async fn refresh(tx: &mut Tx, kind: Kind, ref_id: i64) -> anyhow::Result<()> {
    let found = sources::read(&mut *tx, kind, 0, Some(ref_id), 1).await?;
    let Some(source) = found.into_iter().next() else {
        db::query("DELETE FROM search_entries WHERE kind = $1 AND ref_id = $2")
            .bind(kind)
            .bind(ref_id)
            .execute(&mut *tx)
            .await?;
        return Ok(());
    };
    let e = Entry::of(kind, source);
    db::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO search_entries ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (kind, ref_id) DO UPDATE SET area_code = excluded.area_code, \
           title_key = excluded.title_key, body_key = excluded.body_key, grams = excluded.grams, \
           version = excluded.version"
    )))
    .bind(e.kind)
    .bind(e.ref_id)
    .bind(e.area_code.as_str())
    .bind(e.title_key.as_str())
    .bind(e.body_key.as_str())
    .bind(e.grams())
    .bind(VERSION)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Every entry the tables give, in the order they are stored (kind, id): what the index should
/// hold. Used by `rebuild` and by the proof that the writes keep the index current.
pub async fn expected(db: &Db, kind: Kind) -> anyhow::Result<Vec<Entry>> {
    let mut out = Vec::new();
    let mut after = 0;
    loop {
        let batch = sources::read(db, kind, after, None, BATCH).await?;
        let Some(last) = batch.last() else { break };
        after = last.ref_id;
        out.extend(batch.into_iter().map(|s| Entry::of(kind, s)));
    }
    Ok(out)
}

const BATCH: i64 = 5000;

/// The entries stored, in the same order as `expected`.
pub async fn stored(db: &Db, kind: Kind) -> anyhow::Result<Vec<Entry>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        kind: Kind,
        ref_id: i64,
        area_code: String,
        title_key: String,
        body_key: String,
    }
    let rows = db::query_as::<Row>(
        "SELECT kind, ref_id, area_code, title_key, body_key FROM search_entries WHERE kind = $1 ORDER BY ref_id",
    )
    .bind(kind)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Entry {
            kind: r.kind,
            ref_id: r.ref_id,
            area_code: r.area_code,
            title_key: r.title_key,
            body_key: r.body_key,
        })
        .collect())
}

/// Whether the index was built by another normalisation, or holds a different number of
/// records than the tables (a database loaded or restored from before the index existed).
pub async fn is_stale(db: &Db) -> anyhow::Result<bool> {
    let other: i64 = db::query_scalar("SELECT COUNT(*) FROM search_entries WHERE version <> $1")
        .bind(VERSION)
        .fetch_one(db)
        .await?;
    if other > 0 {
        return Ok(true);
    }
    let indexed: i64 = db::query_scalar("SELECT COUNT(*) FROM search_entries")
        .fetch_one(db)
        .await?;
    let records: i64 = db::query_scalar(
        "SELECT (SELECT COUNT(*) FROM projects) + (SELECT COUNT(*) FROM plans) \
           + (SELECT COUNT(*) FROM forums) + (SELECT COUNT(*) FROM committees)",
    )
    .fetch_one(db)
    .await?;
    Ok(indexed != records)
}

/// Makes the whole index again from the tables, a batch per transaction; `progress` hears the
/// records done. Returns how many entries it wrote.
pub async fn rebuild(db: &Db, mut progress: impl FnMut(Kind, u64)) -> anyhow::Result<u64> {
    let mut tx = db.begin_write().await?;
    db::query("DELETE FROM search_entries")
        .execute(&mut tx)
        .await?;
    tx.commit().await?;
    let mut written = 0;
    for kind in Kind::ALL {
        let mut after = 0;
        loop {
            let batch = sources::read(db, kind, after, None, BATCH).await?;
            let Some(last) = batch.last() else { break };
            after = last.ref_id;
            let rows: Vec<Vec<db::Value>> = batch
                .into_iter()
                .map(|s| {
                    let e = Entry::of(kind, s);
                    let grams = e.grams();
                    use db::Param;
                    vec![
                        e.kind.value(),
                        e.ref_id.value(),
                        e.area_code.value(),
                        e.title_key.value(),
                        e.body_key.value(),
                        grams.value(),
                        VERSION.value(),
                    ]
                })
                .collect();
            let n = rows.len() as u64;
            let mut tx = db.begin_write().await?;
            db::bulk::insert_rows(
                &mut tx,
                &format!("INSERT INTO search_entries ({COLUMNS})"),
                "",
                rows,
            )
            .await?;
            tx.commit().await?;
            written += n;
            progress(kind, written);
        }
    }
    Ok(written)
}

/// The entries `e` that have every token of the parameter `$n` (tokens joined by spaces):
/// `FROM … WHERE …` to go on with `AND`, and the `ORDER BY` that reads them newest first
/// from the token index itself, so that a common word stops at the first entries it needs
/// instead of sorting all it matches. The one place the two databases are asked differently.
pub fn with_tokens(backend: Backend, n: usize) -> (String, &'static str) {
    match backend {
        Backend::Sqlite => (
            // CROSS JOIN: the token index leads (SQLite 3.51 would otherwise read every entry
            // of a kind through its index and look each up in the tokens)
            format!(
                "FROM search_grams g CROSS JOIN search_entries e WHERE e.id = g.rowid AND search_grams MATCH ${n}"
            ),
            "ORDER BY g.rowid DESC",
        ),
        Backend::Postgres => (
            format!("FROM search_entries e WHERE e.grams_tsv @@ plainto_tsquery('simple', ${n})"),
            "ORDER BY e.id DESC",
        ),
    }
}
