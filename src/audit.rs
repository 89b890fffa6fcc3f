//! The audit log: who changed what, when, from what to what. Every write calls `record`
//! inside its own transaction, so a change and its record land together or not at all.

use crate::db::{self, Db, now_text};
use serde::Serialize;

/// Who made a change: a signed-in user, or the command line / the system itself.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub username: String,
}

impl Actor {
    pub fn system(what: &str) -> Actor {
        Actor {
            user_id: None,
            username: format!("[{what}]"),
        }
    }
}

/// One change to record.
pub struct Change<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_key: String,
    /// DOPA code of the area concerned; '' when national.
    pub area_code: String,
    pub lao_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub note: String,
}

pub async fn record(
    conn: &mut crate::db::Tx,
    actor: &Actor,
    change: Change<'_>,
) -> anyhow::Result<()> {
    db::query(
        "INSERT INTO audit_log (at, user_id, username, action, entity, entity_key, area_code, lao_id, before_json, after_json, note) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(now_text())
    .bind(actor.user_id)
    .bind(&actor.username)
    .bind(change.action)
    .bind(change.entity)
    .bind(change.entity_key)
    .bind(change.area_code)
    .bind(change.lao_id)
    .bind(change.before.map(|v| v.to_string()))
    .bind(change.after.map(|v| v.to_string()))
    .bind(change.note)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records many changes by one actor, a hundred to a statement (a large import).
pub async fn record_many(
    conn: &mut crate::db::Tx,
    actor: &Actor,
    changes: Vec<Change<'_>>,
) -> anyhow::Result<()> {
    let at = now_text();
    for chunk in changes.chunks(100) {
        let tuples: Vec<String> = (0..chunk.len())
            .map(|r| {
                let marks: Vec<String> = (1..=11).map(|c| format!("${}", r * 11 + c)).collect();
                format!("({})", marks.join(", "))
            })
            .collect();
        let mut q = db::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO audit_log (at, user_id, username, action, entity, entity_key, area_code, lao_id, before_json, after_json, note) \
             VALUES {}",
            tuples.join(", ")
        )));
        for change in chunk {
            q = q
                .bind(&at)
                .bind(actor.user_id)
                .bind(&actor.username)
                .bind(change.action)
                .bind(change.entity)
                .bind(&change.entity_key)
                .bind(&change.area_code)
                .bind(change.lao_id)
                .bind(change.before.as_ref().map(|v| v.to_string()))
                .bind(change.after.as_ref().map(|v| v.to_string()))
                .bind(&change.note);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub username: String,
    pub action: String,
    pub entity: String,
    pub entity_key: String,
    pub area_code: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub note: String,
}

/// The newest entries about an area and everything under it ('' = the whole country),
/// or about one LAO. `before_id` pages backwards. Without `accounts`, the entries about user
/// accounts are left out (their names, roles, scopes and e-mail are for administrators).
pub async fn list(
    db: &Db,
    area_prefix: &str,
    lao_id: Option<i64>,
    before_id: Option<i64>,
    limit: i64,
    accounts: bool,
) -> anyhow::Result<Vec<Entry>> {
    let before = before_id.unwrap_or(i64::MAX);
    // 'user' is never an entity name below, so "entity <> $x" keeps everything
    let hidden = if accounts { "" } else { "user" };
    let rows = match lao_id {
        Some(lao) => {
            db::query_as::<Entry>(
                "SELECT id, at, username, action, entity, entity_key, area_code, before_json, after_json, note \
                 FROM audit_log WHERE lao_id = $1 AND id < $2 AND entity <> $4 ORDER BY id DESC LIMIT $3",
            )
            .bind(lao)
            .bind(before)
            .bind(limit)
            .bind(hidden)
            .fetch_all(db)
            .await?
        }
        None => {
            db::query_as::<Entry>(
                "SELECT id, at, username, action, entity, entity_key, area_code, before_json, after_json, note \
                 FROM audit_log WHERE area_code >= $1 AND area_code < $2 AND id < $3 AND entity <> $5 ORDER BY id DESC LIMIT $4",
            )
            .bind_prefix(area_prefix)
            .bind(before)
            .bind(limit)
            .bind(hidden)
            .fetch_all(db)
            .await?
        }
    };
    Ok(rows)
}
