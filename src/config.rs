//! Configuration: one place, environment variables with defaults that need no setup.
//!
//! | variable | default | meaning |
//! |---|---|---|
//! | ONEPLAN_DATA_DIR | `oneplan-data` | where the embedded database and backups live |
//! | ONEPLAN_DATABASE_URL | `sqlite://<data dir>/oneplan.db` | or `postgres://user:pass@host/db` |
//! | ONEPLAN_LISTEN | `127.0.0.1:8080` | address the web server listens on |
//! | ONEPLAN_SECURE_COOKIES | off | `1` behind HTTPS, so cookies are sent only over TLS |
//! | ONEPLAN_TRUSTED_PROXY | none | the reverse proxy's address: its `X-Forwarded-For` names the client |

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub listen: String,
    pub secure_cookies: bool,
    /// Requests from this address carry the client's address in `X-Forwarded-For`.
    pub trusted_proxy: Option<std::net::IpAddr>,
}

impl Config {
    pub fn from_env() -> Config {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let data_dir =
            PathBuf::from(var("ONEPLAN_DATA_DIR").unwrap_or_else(|| "oneplan-data".into()));
        Config {
            database_url: var("ONEPLAN_DATABASE_URL").unwrap_or_else(|| sqlite_url(&data_dir)),
            data_dir,
            listen: var("ONEPLAN_LISTEN").unwrap_or_else(|| "127.0.0.1:8080".into()),
            secure_cookies: var("ONEPLAN_SECURE_COOKIES").is_some_and(|v| v == "1" || v == "true"),
            trusted_proxy: var("ONEPLAN_TRUSTED_PROXY").and_then(|v| v.trim().parse().ok()),
        }
    }

    pub fn is_sqlite(&self) -> bool {
        self.database_url.starts_with("sqlite:")
    }

    /// The SQLite file, when the database is embedded.
    pub fn sqlite_path(&self) -> Option<PathBuf> {
        let rest = self.database_url.strip_prefix("sqlite://")?;
        Some(PathBuf::from(rest.split('?').next().unwrap_or(rest)))
    }
}

pub fn sqlite_url(data_dir: &std::path::Path) -> String {
    format!(
        "sqlite://{}?mode=rwc",
        data_dir.join("oneplan.db").display()
    )
}
