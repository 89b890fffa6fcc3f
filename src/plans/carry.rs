//! Next year's village plan starts as this year's (ONEPLAN.md section 4.1): the projects no
//! plan above has taken up yet are carried into it, as the same records, to be revised.

use super::{Owner, Plan, PlanKind, create_in, get, owner_of};
use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::error::{AppError, Problem};

pub async fn forward(db: &Db, user: &User, plan_id: i64) -> Result<Plan, AppError> {
    let plan = get(db, plan_id).await?.ok_or_else(AppError::not_found)?;
    if plan.kind() != PlanKind::Village {
        return Err(Problem::CarryOnlyVillage.into());
    }
    let owner: Owner = owner_of(db, &plan).await?;
    super::access::check_owner_write(db, user, &owner, "plan", &plan_id.to_string()).await?;
    let mut tx = db.begin_write().await?;
    let next = create_in(
        &mut tx,
        user,
        PlanKind::Village,
        &owner,
        plan.first_year + 1,
        Some(plan.id),
    )
    .await?;
    let carried = db::query(
        "INSERT INTO plan_items (plan_id, project_id, fiscal_year, rank, amount_satang, decided_on, note, created_at, created_by) \
         SELECT $1, i.project_id, $2, i.rank, i.amount_satang, $3, 'ยกมาจากแผนปีก่อน', $4, $5 \
         FROM plan_items i JOIN projects p ON p.id = i.project_id \
         WHERE i.plan_id = $6 AND p.status = 'proposed' AND p.merged_into IS NULL",
    )
    .bind(next.id)
    .bind(next.first_year)
    .bind(&now_text()[..10])
    .bind(now_text())
    .bind(&user.username)
    .bind(plan.id)
    .execute(&mut tx)
    .await?
    .rows_affected();
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "carry_forward",
            entity: "plan",
            entity_key: next.id.to_string(),
            area_code: next.area_code.clone(),
            lao_id: None,
            before: None,
            after: Some(serde_json::json!({"from_plan": plan.id, "projects": carried})),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(next)
}

/// The plan carried forward from this one, if any.
pub async fn next_of(db: &Db, plan_id: i64) -> anyhow::Result<Option<i64>> {
    Ok(
        crate::db::query_scalar("SELECT id FROM plans WHERE copied_from = $1")
            .bind(plan_id)
            .fetch_optional(db)
            .await?,
    )
}
