//! Reminders shown in the app: each user reads and marks only their own.

use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Notification {
    pub id: i64,
    pub deadline_id: Option<i64>,
    pub unit_key: String,
    pub message: String,
    pub created_at: String,
    pub read_at: Option<String>,
    /// The deadline's fiscal year, for a link to its calendar.
    pub fiscal_year: Option<i64>,
}

pub async fn unread_count(db: &Db, user_id: i64) -> anyhow::Result<i64> {
    Ok(db::query_scalar(
        "SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
    )
    .bind(user_id)
    .fetch_one(db)
    .await?)
}

/// A user's notifications, unread first, newest first.
pub async fn of_user(db: &Db, user_id: i64, limit: i64) -> anyhow::Result<Vec<Notification>> {
    Ok(db::query_as::<Notification>(
        "SELECT n.id, n.deadline_id, n.unit_key, n.message, n.created_at, n.read_at, d.fiscal_year \
         FROM notifications n LEFT JOIN deadlines d ON d.id = n.deadline_id WHERE n.user_id = $1 \
         ORDER BY CASE WHEN n.read_at IS NULL THEN 0 ELSE 1 END, n.id DESC LIMIT $2",
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(db)
    .await?)
}

/// Marks one of the user's notifications read, or all of them (`id` None). Returns how many.
pub async fn mark_read(db: &Db, user: &User, id: Option<i64>) -> anyhow::Result<u64> {
    let (area_code, lao_id) = crate::accounts::audit_place(db, &user.scope).await?;
    let mut tx = db.begin_write().await?;
    // the user's own only: the WHERE clause is the authorisation
    let done = match id {
        Some(id) => {
            db::query(
                "UPDATE notifications SET read_at = $1 WHERE id = $2 AND user_id = $3 AND read_at IS NULL",
            )
            .bind(now_text())
            .bind(id)
            .bind(user.id)
            .execute(&mut tx)
            .await?
        }
        None => {
            db::query(
                "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
            )
            .bind(now_text())
            .bind(user.id)
            .execute(&mut tx)
            .await?
        }
    };
    let n = done.rows_affected();
    if n > 0 {
        audit::record(
            &mut tx,
            &user.actor(),
            Change {
                action: "read",
                entity: "notification",
                entity_key: id.map(|i| i.to_string()).unwrap_or_else(|| "all".into()),
                area_code,
                lao_id,
                before: None,
                after: None,
                note: format!("อ่านแล้ว {n} รายการ"),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(n)
}
