//! Sign-in sessions: a random token in an HttpOnly cookie, only its SHA-256 in the database,
//! and a CSRF token per session that every form and API write must send back.

use super::User;
use crate::db::{self, Db, now_text};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime, format_description::well_known::Rfc3339};

pub const COOKIE: &str = "oneplan_session";
pub const LIFETIME: Duration = Duration::hours(12);

pub struct Session {
    pub user: User,
    pub csrf_token: String,
}

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the system random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Starts a session; returns the token for the cookie and the CSRF token.
pub async fn start(db: &Db, user_id: i64) -> anyhow::Result<(String, String)> {
    let token = random_token();
    let csrf = random_token();
    let expires = (OffsetDateTime::now_utc() + LIFETIME)
        .replace_nanosecond(0)?
        .format(&Rfc3339)?;
    let mut tx = db.begin_write().await?;
    db::query("DELETE FROM sessions WHERE expires_at < $1")
        .bind(now_text())
        .execute(&mut tx)
        .await?;
    db::query("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(digest(&token))
        .bind(user_id)
        .bind(&csrf)
        .bind(now_text())
        .bind(expires)
        .execute(&mut tx)
        .await?;
    tx.commit().await?;
    Ok((token, csrf))
}

/// The live session of a cookie token, if any: unexpired, for an active account.
pub async fn find(db: &Db, token: &str) -> anyhow::Result<Option<Session>> {
    let row: Option<(i64, String, String)> =
        db::query_as("SELECT user_id, csrf_token, expires_at FROM sessions WHERE token_hash = $1")
            .bind(digest(token))
            .fetch_optional(db)
            .await?;
    let Some((user_id, csrf_token, expires_at)) = row else {
        return Ok(None);
    };
    if expires_at < now_text() {
        return Ok(None);
    }
    Ok(super::get(db, user_id)
        .await?
        .filter(|u| u.active)
        .map(|user| Session { user, csrf_token }))
}

/// Ends every session of an account but `keep` (the one making the change, if any), inside
/// the caller's transaction: a password once changed or reset opens nothing it used to.
pub async fn end_all_of(
    tx: &mut crate::db::Tx,
    user_id: i64,
    keep: Option<&str>,
) -> anyhow::Result<()> {
    db::query("DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep.map(digest).unwrap_or_default())
        .execute(&mut *tx)
        .await?;
    Ok(())
}

pub async fn end(db: &Db, token: &str) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    db::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(digest(token))
        .execute(&mut tx)
        .await?;
    tx.commit().await
}

/// Compares tokens in constant time.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
