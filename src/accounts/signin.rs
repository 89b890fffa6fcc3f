//! Signing in, slowed down after repeated failures: after 5 failures in 15 minutes for one
//! account from one client (or 20 from one client in all) each further try from that client
//! must wait, doubling from 30 seconds to 15 minutes. Failures are counted per client, so that
//! nobody can lock another person out of their account by typing wrong passwords for it.

use super::{User, password};
use crate::db::{self, Db, now_text};
use crate::error::{AppError, Problem};
use time::{Duration, OffsetDateTime, format_description::well_known::Rfc3339};

const WINDOW: Duration = Duration::minutes(15);
const FREE_TRIES_ACCOUNT: usize = 5;
const FREE_TRIES_CLIENT: usize = 20;

/// Seconds to wait after `failures` recent failures, the last at `last`.
fn wait_seconds(failures: usize, free: usize, last: OffsetDateTime, now: OffsetDateTime) -> i64 {
    if failures < free {
        return 0;
    }
    let backoff = (30i64 << (failures - free).min(5)).min(15 * 60);
    (last + Duration::seconds(backoff) - now)
        .whole_seconds()
        .max(0)
}

/// Whose recent failures: one account's from one client, or one client's in all.
enum Tries<'a> {
    AccountFrom { username: &'a str, client: &'a str },
    Client(&'a str),
}

async fn recent_failures(
    db: &Db,
    who: Tries<'_>,
) -> anyhow::Result<(usize, Option<OffsetDateTime>)> {
    let since = (OffsetDateTime::now_utc() - WINDOW).format(&Rfc3339)?;
    let q = match who {
        Tries::AccountFrom { username, client } => db::query_as(
            "SELECT at, succeeded FROM sign_in_attempts WHERE username = $1 AND client = $2 AND at > $3 \
             ORDER BY id DESC LIMIT 100",
        )
        .bind(username.to_string())
        .bind(client.to_string()),
        Tries::Client(client) => db::query_as(
            "SELECT at, succeeded FROM sign_in_attempts WHERE client = $1 AND at > $2 ORDER BY id DESC LIMIT 100",
        )
        .bind(client.to_string()),
    };
    let rows: Vec<(String, i64)> = q.bind(since).fetch_all(db).await?;
    // failures since the last success
    let failures: Vec<&String> = rows
        .iter()
        .take_while(|(_, ok)| *ok == 0)
        .map(|(at, _)| at)
        .collect();
    let last = failures
        .first()
        .and_then(|at| OffsetDateTime::parse(at, &Rfc3339).ok());
    Ok((failures.len(), last))
}

async fn record(db: &Db, username: &str, client: &str, succeeded: bool) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    db::query(
        "INSERT INTO sign_in_attempts (username, client, at, succeeded) VALUES ($1, $2, $3, $4)",
    )
    .bind(username)
    .bind(client)
    .bind(now_text())
    .bind(i64::from(succeeded))
    .execute(&mut tx)
    .await?;
    tx.commit().await
}

/// Checks a username and password; `client` is the caller's address.
pub async fn sign_in(
    db: &Db,
    username: &str,
    password_typed: &str,
    client: &str,
) -> Result<User, AppError> {
    let username = username.trim().to_lowercase();
    let now = OffsetDateTime::now_utc();
    let (n, last) = recent_failures(
        db,
        Tries::AccountFrom {
            username: &username,
            client,
        },
    )
    .await?;
    let mut wait = last.map_or(0, |l| wait_seconds(n, FREE_TRIES_ACCOUNT, l, now));
    let (n, last) = recent_failures(db, Tries::Client(client)).await?;
    wait = wait.max(last.map_or(0, |l| wait_seconds(n, FREE_TRIES_CLIENT, l, now)));
    if wait > 0 {
        return Err(Problem::TooManyAttempts { seconds: wait }.into());
    }
    let found = super::by_username(db, &username).await?;
    let ok = match &found {
        Some((user, hash)) => password::verify(password_typed, hash) && user.active,
        None => {
            // spend the same time as a real check, so timing does not tell which usernames exist
            password::verify(password_typed, DUMMY_HASH);
            false
        }
    };
    record(db, &username, client, ok).await?;
    match found {
        Some((user, _)) if ok => Ok(user),
        _ => Err(Problem::BadCredentials.into()),
    }
}

const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0Gq5CX0Y2jM9Xq8iP1W2kK8y3cN2yJ1rG3tqz4H6m1Y";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_after_the_free_tries() {
        let now = OffsetDateTime::now_utc();
        assert_eq!(wait_seconds(4, 5, now, now), 0);
        assert_eq!(wait_seconds(5, 5, now, now), 30);
        assert_eq!(wait_seconds(6, 5, now, now), 60);
        assert_eq!(wait_seconds(30, 5, now, now), 900);
        assert_eq!(wait_seconds(5, 5, now - Duration::seconds(40), now), 0);
    }
}
