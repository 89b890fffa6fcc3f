//! What the stories share: their databases (`db`), the people in them (`cast`), an HTTP client
//! of the server in-process (`client`), printed pages (`print`) and pictures (`pictures`), and
//! `story!`, which makes one story two tests, one on each database.

pub mod cast;
pub mod client;
pub mod db;
pub mod pictures;
pub mod print;
pub mod server;

pub use cast::account;
pub use client::{Client, Reply, csrf_of};
pub use db::Data;

use std::sync::atomic::{AtomicU32, Ordering};

/// A name no other test of any run uses.
pub fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("{prefix}_{}_{}_{n}", std::process::id(), t % 1_000_000_000)
}

/// A new empty directory of its own under the temporary directory.
pub fn temp_dir(prefix: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(unique(prefix));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// One story, two tests: `story!(a_story, Phayao)` above `async fn a_story(backend: &str, db: Db)`
/// makes `a_story::sqlite` and `a_story::postgres`, each calling it with a fresh database of its
/// own holding `Data::Phayao` (or `Empty`), so that a failure on one does not hide the other.
/// Arguments after the data go to `#[tokio::test(…)]`, e.g. `flavor = "multi_thread"`.
/// Without ONEPLAN_TEST_POSTGRES the PostgreSQL test fails under CI and scripts/test.sh, and
/// elsewhere says it is skipped. A passing SQLite test removes its database file.
macro_rules! story {
    ($name:ident, $data:ident $(, $($runtime:tt)+)?) => {
        mod $name {
            #[tokio::test $(($($runtime)+))?]
            async fn sqlite() {
                let dir = $crate::common::temp_dir("oneplan_test");
                let file = dir.join("oneplan.db");
                let db = $crate::common::db::sqlite_at($crate::common::Data::$data, &file).await;
                super::$name("sqlite", db).await;
                // kept when the story fails, to be looked into
                std::fs::remove_dir_all(&dir).unwrap();
            }

            #[tokio::test $(($($runtime)+))?]
            async fn postgres() {
                if let Some(db) = $crate::common::db::postgres($crate::common::Data::$data).await {
                    super::$name("postgres", db).await
                }
            }
        }
    };
}
