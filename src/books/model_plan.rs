//! The district's model tambon plan (แผนพัฒนาตำบลต้นแบบ, ONEPLAN.md section 4.2): each district
//! chooses one tambon plan of its own a year and sends it to the province as a Word file. A
//! later choice replaces the earlier as current; the earlier is kept, with who chose it when.

use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::error::{AppError, Problem, Thing};
use crate::plans::{Owner, PlanKind};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ModelPlan {
    pub id: i64,
    pub district_code: String,
    pub fiscal_year: i64,
    pub plan_id: i64,
    pub plan_title: String,
    pub tambon_code: String,
    pub note: String,
    pub chosen_at: String,
    pub chosen_by_name: String,
    /// None while it is the current choice.
    pub replaced_at: Option<String>,
}

const SELECT: &str = "SELECT m.id, m.district_code, m.fiscal_year, m.plan_id, p.title AS plan_title, \
     p.area_code AS tambon_code, m.note, m.chosen_at, m.chosen_by_name, m.replaced_at \
     FROM model_tambon_plans m JOIN plans p ON p.id = m.plan_id";

/// Marks a tambon plan as its district's model for the plan's fiscal year. Only the district's
/// CD office (พช.อ.) chooses; a refusal is recorded.
pub async fn designate(
    db: &Db,
    user: &User,
    plan_id: i64,
    note: &str,
) -> Result<ModelPlan, AppError> {
    let plan = crate::plans::get(db, plan_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if plan.kind() != PlanKind::Tambon {
        return Err(Problem::ModelPlanNotTambon.into());
    }
    let district_code = plan.area_code[..4].to_string();
    let district = crate::areas::get(db, &district_code)
        .await?
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::District, &district_code)))?;
    let key = format!("{district_code}:{}", plan.first_year);
    crate::plans::access::check_owner_write(
        db,
        user,
        &Owner::Area(district),
        "model_tambon_plan",
        &key,
    )
    .await?;
    crate::accounts::agency::require(
        db,
        user,
        &[crate::plans::access::CHOOSES_MODEL_PLAN],
        "คัดเลือกแผนพัฒนาตำบลต้นแบบ",
        "model_tambon_plan",
        &key,
        &plan.area_code,
    )
    .await?;
    let mut tx = db.begin_write().await?;
    let before = db::query_as::<ModelPlan>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE m.district_code = $1 AND m.fiscal_year = $2 AND m.replaced_at IS NULL"
    )))
    .bind(&district_code)
    .bind(plan.first_year)
    .fetch_optional(&mut tx)
    .await?;
    if let Some(b) = &before
        && b.plan_id == plan_id
    {
        return Ok(b.clone());
    }
    let now = now_text();
    db::query("UPDATE model_tambon_plans SET replaced_at = $1 WHERE district_code = $2 AND fiscal_year = $3 AND replaced_at IS NULL")
        .bind(&now)
        .bind(&district_code)
        .bind(plan.first_year)
        .execute(&mut tx)
        .await?;
    let id: i64 = db::query_scalar(
        "INSERT INTO model_tambon_plans (district_code, fiscal_year, plan_id, note, chosen_at, chosen_by, chosen_by_name) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(&district_code)
    .bind(plan.first_year)
    .bind(plan_id)
    .bind(note.trim())
    .bind(&now)
    .bind(user.id)
    .bind(&user.display_name)
    .fetch_one(&mut tx)
    .await?;
    let json = |m: &ModelPlan| serde_json::json!({"plan_id": m.plan_id, "plan": m.plan_title});
    // choosing it is sending it: the calendar's ๓๑ มี.ค. counts the district as reported
    crate::reporting::submissions::submit(
        &mut tx,
        user,
        crate::reporting::NewSubmission {
            kind: crate::reporting::MODEL_TAMBON_PLAN,
            unit_key: district_code.clone(),
            area_code: district_code.clone(),
            lao_id: None,
            fiscal_year: plan.first_year,
            period: String::new(),
            payload: serde_json::json!({
                "report": {"plan_id": plan_id, "plan": plan.title, "tambon_code": plan.area_code, "note": note.trim()},
                "carries": [plan_id.to_string()], "signed_by": user.display_name, "position": user.position,
            }),
        },
    )
    .await?;
    let after = db::query_as::<ModelPlan>(sqlx::AssertSqlSafe(format!("{SELECT} WHERE m.id = $1")))
        .bind(id)
        .fetch_one(&mut tx)
        .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "designate",
            entity: "model_tambon_plan",
            entity_key: key,
            area_code: district_code,
            lao_id: None,
            before: before.as_ref().map(json),
            after: Some(json(&after)),
            note: note.trim().to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// The district's current model plan of each year, newest year first.
pub async fn of_district(db: &Db, district_code: &str) -> anyhow::Result<Vec<ModelPlan>> {
    Ok(db::query_as::<ModelPlan>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE m.district_code = $1 AND m.replaced_at IS NULL ORDER BY m.fiscal_year DESC"
    )))
    .bind(district_code)
    .fetch_all(db)
    .await?)
}

/// Every choice the district made for a year, oldest first; the last is current.
pub async fn history(
    db: &Db,
    district_code: &str,
    fiscal_year: i64,
) -> anyhow::Result<Vec<ModelPlan>> {
    Ok(db::query_as::<ModelPlan>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE m.district_code = $1 AND m.fiscal_year = $2 ORDER BY m.id"
    )))
    .bind(district_code)
    .bind(fiscal_year)
    .fetch_all(db)
    .await?)
}

/// Whether the plan is now its district's model.
pub async fn is_current(db: &Db, plan_id: i64) -> anyhow::Result<bool> {
    let n: i64 = db::query_scalar(
        "SELECT COUNT(*) FROM model_tambon_plans WHERE plan_id = $1 AND replaced_at IS NULL",
    )
    .bind(plan_id)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}
