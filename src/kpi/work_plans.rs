//! The joint work plan of an LAO's working group (KPI 3.2 item 3): recorded with its approval date.

use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::error::{AppError, Field, Problem, Thing};

pub async fn record(
    db: &Db,
    user: &User,
    lao_id: i64,
    year: i64,
    approved_on: &str,
    note: &str,
) -> Result<(), AppError> {
    let lao = crate::areas::lao(db, lao_id)
        .await?
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::Lao, lao_id)))?;
    let owner = crate::plans::Owner::Lao(lao);
    crate::plans::access::check_owner_write(db, user, &owner, "working_group_plan", &owner.key())
        .await?;
    let on = crate::thai::parse_date(approved_on)
        .map_err(|error| Problem::Date {
            field: Field::AgreedOn,
            error,
        })?
        .to_string();
    let mut tx = db.begin_write().await?;
    db::query("DELETE FROM working_group_plans WHERE lao_id = $1 AND fiscal_year = $2")
        .bind(lao_id)
        .bind(year)
        .execute(&mut tx)
        .await?;
    db::query(
        "INSERT INTO working_group_plans (lao_id, fiscal_year, approved_on, note, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(lao_id)
    .bind(year)
    .bind(&on)
    .bind(note.trim())
    .bind(now_text())
    .bind(&user.username)
    .execute(&mut tx)
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "set",
            entity: "working_group_plan",
            entity_key: format!("{year}:{lao_id}"),
            area_code: owner.area_code(),
            lao_id: Some(lao_id),
            before: None,
            after: Some(serde_json::json!({"approved_on": on, "note": note.trim()})),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await.map_err(AppError::from)
}
