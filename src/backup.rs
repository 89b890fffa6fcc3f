//! Backup and restore of the embedded database. A backup is a consistent SQLite file made
//! with `VACUUM INTO` while the server runs; a restore checks the file, keeps the current
//! database beside it, and refuses while a server is running on the data directory.

use crate::db::{self, Backend, Db};
use anyhow::{Context, bail};
use std::path::{Path, PathBuf};

pub async fn backup(db: &Db, file: &Path) -> anyhow::Result<()> {
    if db.backend != Backend::Sqlite {
        bail!("backup works on the embedded SQLite database; for PostgreSQL use pg_dump");
    }
    if file.exists() {
        bail!(
            "{} มีอยู่แล้ว: เลือกชื่อไฟล์ใหม่ (will not overwrite)",
            file.display()
        );
    }
    let path = file.to_str().context("backup path must be valid UTF-8")?;
    db::query("VACUUM INTO $1").bind(path).execute(db).await?;
    Ok(())
}

pub async fn restore(data_dir: &Path, target: &Path, file: &Path) -> anyhow::Result<PathBuf> {
    if let Some(pid) = PidFile::running(data_dir) {
        bail!("เซิร์ฟเวอร์ยังทำงานอยู่ (pid {pid}): หยุดเซิร์ฟเวอร์ก่อนกู้คืน (stop the server first)");
    }
    // the backup must be a oneplan database: open it read-only and look for our tables
    let url = format!("sqlite://{}?mode=ro", file.display());
    let check = async {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect(&url).await?;
        let n: i64 = db::query_scalar("SELECT COUNT(*) FROM schema_migrations")
            .fetch_one(&mut conn)
            .await?;
        let areas: i64 = db::query_scalar("SELECT COUNT(*) FROM areas")
            .fetch_one(&mut conn)
            .await?;
        anyhow::Ok((n, areas))
    };
    let (migrations, _) = check
        .await
        .map_err(|e| anyhow::anyhow!("{} ไม่ใช่ไฟล์สำรองข้อมูลของ oneplan ({e})", file.display()))?;
    if migrations == 0 {
        bail!("{} ไม่ใช่ไฟล์สำรองข้อมูลของ oneplan", file.display());
    }
    let stamp = time::OffsetDateTime::now_utc().unix_timestamp();
    let kept = target.with_extension(format!("db.before-restore-{stamp}"));
    if target.exists() {
        // the kept copy is made by SQLite itself, so it holds what the WAL held too (after a
        // crash the newest changes may be there only)
        use sqlx::Connection;
        let url = format!("sqlite://{}?mode=rw", target.display());
        let mut conn = sqlx::SqliteConnection::connect(&url)
            .await
            .with_context(|| format!("cannot open {} to keep it", target.display()))?;
        let path = kept.to_str().context("data path must be valid UTF-8")?;
        db::query("VACUUM INTO $1")
            .bind(path)
            .execute(&mut conn)
            .await
            .with_context(|| format!("cannot keep a copy of {}", target.display()))?;
        conn.close().await?;
    }
    // the backup goes in under another name first and replaces the database in one rename
    let incoming = target.with_extension("db.restoring");
    std::fs::copy(file, &incoming)
        .with_context(|| format!("cannot copy {} to {}", file.display(), incoming.display()))?;
    std::fs::File::open(&incoming)?.sync_all()?;
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", target.display()));
        let _ = std::fs::remove_file(side);
    }
    std::fs::rename(&incoming, target)
        .with_context(|| format!("cannot put {} in place", target.display()))?;
    Ok(kept)
}

/// `oneplan.pid` in the data directory while a server runs.
pub struct PidFile(PathBuf);

impl PidFile {
    pub fn create(data_dir: &Path) -> anyhow::Result<PidFile> {
        std::fs::create_dir_all(data_dir)?;
        let path = data_dir.join("oneplan.pid");
        std::fs::write(&path, std::process::id().to_string())?;
        Ok(PidFile(path))
    }

    /// The pid of a live server on this data directory, if any.
    pub fn running(data_dir: &Path) -> Option<u32> {
        let pid: u32 = std::fs::read_to_string(data_dir.join("oneplan.pid"))
            .ok()?
            .trim()
            .parse()
            .ok()?;
        Path::new(&format!("/proc/{pid}")).exists().then_some(pid)
    }
}

impl Drop for PidFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
