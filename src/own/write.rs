//! Adding, changing and deleting a plan's own projects: by the plan's owner (`plans::access`),
//! while the plan is a draft, each change in one transaction with its audit entry.

use super::input::{Checked, OwnInput};
use super::{OwnProject, holds_own};
use crate::accounts::User;
use crate::audit::{self, Actor, Change};
use crate::db::{self, Db, Param, Tx, now_text};
use crate::error::{AppError, Problem};
use crate::plans::{self, Plan};

/// The plan, if it holds own projects and the user may write it.
async fn plan_for_write(db: &Db, user: &User, plan_id: i64) -> Result<Plan, AppError> {
    let plan = plans::get(db, plan_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if !holds_own(plan.kind) {
        return Err(Problem::OwnOnlyLocalDistrictProvince {
            kind: plan.kind.into(),
        }
        .into());
    }
    let owner = plans::owner_of(db, &plan).await?;
    plans::access::check_owner_write(db, user, &owner, "own_project", &format!("plan:{plan_id}"))
        .await?;
    Ok(plan)
}

/// Raises an own project in a draft local, district or province plan.
pub async fn add(
    db: &Db,
    user: &User,
    plan_id: i64,
    plan_version: i64,
    input: &OwnInput,
) -> Result<i64, AppError> {
    let plan = plan_for_write(db, user, plan_id).await?;
    let checked = input
        .check(plan.first_year, plan.last_year)
        .map_err(AppError::from)?;
    let mut tx = db.begin_write().await?;
    plans::claim(&mut tx, plan_id, plan_version).await?;
    let seq = next_seq(&mut tx, plan_id).await?;
    let id = insert(&mut tx, &user.actor(), &plan, &checked, seq).await?;
    tx.commit().await?;
    Ok(id)
}

pub(super) async fn next_seq(tx: &mut Tx, plan_id: i64) -> anyhow::Result<i64> {
    let max: Option<i64> = db::query_scalar("SELECT MAX(seq) FROM own_projects WHERE plan_id = $1")
        .bind(plan_id)
        .fetch_one(&mut *tx)
        .await?;
    Ok(max.unwrap_or(0) + 1)
}

/// Who carries out a plan's own project, by the kind of plan.
fn executor(plan: &Plan) -> &'static str {
    match plan.kind {
        plans::PlanKind::Local | plans::PlanKind::Budget => "lao",
        plans::PlanKind::Province => "province",
        _ => "agency",
    }
}

fn reach(plan: &Plan) -> &'static str {
    match plan.kind {
        plans::PlanKind::Local | plans::PlanKind::Budget => "tambon",
        plans::PlanKind::District => "district",
        _ => "tambons",
    }
}

fn audit_json(c: &Checked) -> serde_json::Value {
    serde_json::json!({
        "strategy": c.strategy, "work_plan": c.work_plan, "title": c.title, "objective": c.objective,
        "output": c.output, "years": c.years, "indicator": c.indicator,
        "expected_result": c.expected_result, "responsible": c.responsible, "dimension": c.dimension,
    })
}

fn stored_json(p: &OwnProject) -> serde_json::Value {
    serde_json::json!({
        "strategy": p.strategy, "work_plan": p.work_plan, "title": p.title, "objective": p.objective,
        "output": p.output, "years": p.years.iter().map(|y| (y.year, y.amount_satang)).collect::<Vec<_>>(),
        "indicator": p.indicator, "expected_result": p.expected_result, "responsible": p.responsible,
        "dimension": p.dimension,
    })
}

/// Inserts a checked own project, its ผ.02 row, its years and its item in `plan`, inside the
/// caller's transaction (which has claimed the plan); used by the form, the API and the import.
pub(super) async fn insert(
    tx: &mut Tx,
    actor: &Actor,
    plan: &Plan,
    c: &Checked,
    seq: i64,
) -> Result<i64, AppError> {
    let now = now_text();
    let total = c.total_satang();
    let id: i64 = db::query_scalar(
        "INSERT INTO projects (title, dimension, objective, area_code, origin_plan_id, reach, budget_satang, executor, \
           within_lao_authority, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(&c.title)
    .bind(c.dimension)
    .bind(&c.objective)
    .bind(&plan.area_code)
    .bind(plan.id)
    .bind(reach(plan))
    .bind(total)
    .bind(executor(plan))
    .bind(i64::from(plan.lao_id.is_some()))
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?;
    db::query(
        "INSERT INTO own_projects (project_id, plan_id, seq, strategy, work_plan, output, indicator, expected_result, responsible) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(id)
    .bind(plan.id)
    .bind(seq)
    .bind(&c.strategy)
    .bind(&c.work_plan)
    .bind(&c.output)
    .bind(&c.indicator)
    .bind(&c.expected_result)
    .bind(&c.responsible)
    .execute(&mut *tx)
    .await?;
    insert_years(tx, id, c).await?;
    db::query(
        "INSERT INTO plan_items (plan_id, project_id, fiscal_year, rank, amount_satang, decided_on, created_at, created_by) \
         VALUES ($1, $2, $3, NULL, $4, $5, $6, $7)",
    )
    .bind(plan.id)
    .bind(id)
    .bind(c.first_funded_year())
    .bind(total)
    .bind(now[..10].to_string())
    .bind(&now)
    .bind(&actor.username)
    .execute(&mut *tx)
    .await?;
    crate::projects::status::refresh(tx, id).await?;
    audit::record(
        tx,
        actor,
        Change {
            action: "create",
            entity: "own_project",
            entity_key: id.to_string(),
            area_code: plan.area_code.clone(),
            lao_id: plan.lao_id,
            before: None,
            after: Some(audit_json(c)),
            note: format!("{} #{}", plan.kind.th(), plan.id),
        },
    )
    .await?;
    crate::text_index::refresh(tx, crate::text_index::Kind::Project, id).await?;
    Ok(id)
}

async fn insert_years(tx: &mut Tx, project_id: i64, c: &Checked) -> anyhow::Result<()> {
    for (year, amount) in &c.years {
        db::query(
            "INSERT INTO own_project_years (project_id, fiscal_year, amount_satang) VALUES ($1, $2, $3)",
        )
        .bind(project_id)
        .bind(year)
        .bind(amount)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// The own project and its plan, if the user may change it now.
async fn own_for_write(
    db: &Db,
    user: &User,
    project_id: i64,
) -> Result<(OwnProject, Plan), AppError> {
    let own = super::get(db, project_id)
        .await?
        .ok_or_else(|| AppError::from(Problem::NotOwnProject))?;
    let plan = plan_for_write(db, user, own.plan_id).await?;
    plans::workflow::ensure_editable(&plan)?;
    Ok((own, plan))
}

/// Changes an own project of a draft plan; `expected_version` is the project's version as read.
pub async fn update(
    db: &Db,
    user: &User,
    project_id: i64,
    expected_version: i64,
    input: &OwnInput,
) -> Result<OwnProject, AppError> {
    let (before, plan) = own_for_write(db, user, project_id).await?;
    let c = input
        .check(plan.first_year, plan.last_year)
        .map_err(AppError::from)?;
    let mut tx = db.begin_write().await?;
    db::update_versioned(
        &mut tx,
        "projects",
        project_id,
        expected_version,
        "title = $1, dimension = $2, objective = $3, budget_satang = $4, updated_at = $5",
        vec![
            c.title.clone().value(),
            c.dimension.value(),
            c.objective.clone().value(),
            c.total_satang().value(),
            now_text().value(),
        ],
    )
    .await?;
    db::query(
        "UPDATE own_projects SET strategy = $1, work_plan = $2, output = $3, indicator = $4, expected_result = $5, \
         responsible = $6 WHERE project_id = $7",
    )
    .bind(&c.strategy)
    .bind(&c.work_plan)
    .bind(&c.output)
    .bind(&c.indicator)
    .bind(&c.expected_result)
    .bind(&c.responsible)
    .bind(project_id)
    .execute(&mut tx)
    .await?;
    db::query("DELETE FROM own_project_years WHERE project_id = $1")
        .bind(project_id)
        .execute(&mut tx)
        .await?;
    insert_years(&mut tx, project_id, &c).await?;
    crate::text_index::refresh(&mut tx, crate::text_index::Kind::Project, project_id).await?;
    db::query(
        "UPDATE plan_items SET fiscal_year = $1, amount_satang = $2 WHERE plan_id = $3 AND project_id = $4",
    )
    .bind(c.first_funded_year())
    .bind(c.total_satang())
    .bind(plan.id)
    .bind(project_id)
    .execute(&mut tx)
    .await?;
    db::query("UPDATE plans SET version = version + 1, updated_at = $1 WHERE id = $2")
        .bind(now_text())
        .bind(plan.id)
        .execute(&mut tx)
        .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "update",
            entity: "own_project",
            entity_key: project_id.to_string(),
            area_code: plan.area_code.clone(),
            lao_id: plan.lao_id,
            before: Some(stored_json(&before)),
            after: Some(audit_json(&c)),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    super::get(db, project_id)
        .await?
        .ok_or_else(AppError::not_found)
}

/// Deletes an own project from its draft plan (`plan_version` is the plan's version as read);
/// one that higher plans have adopted must be taken out of those first. Returns the plan.
pub async fn delete(
    db: &Db,
    user: &User,
    project_id: i64,
    plan_version: i64,
) -> Result<Plan, AppError> {
    let (own, plan) = own_for_write(db, user, project_id).await?;
    let plan_id = plan.id;
    let mut tx = db.begin_write().await?;
    plans::claim(&mut tx, plan_id, plan_version).await?;
    let elsewhere: i64 =
        db::query_scalar("SELECT COUNT(*) FROM plan_items WHERE project_id = $1 AND plan_id <> $2")
            .bind(project_id)
            .bind(plan_id)
            .fetch_one(&mut tx)
            .await?;
    if elsewhere > 0 {
        return Err(Problem::AdoptedElsewhere {
            title: own.title,
            plans: elsewhere,
        }
        .into());
    }
    crate::projects::delete_in(&mut tx, project_id).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "delete",
            entity: "own_project",
            entity_key: project_id.to_string(),
            area_code: plan.area_code.clone(),
            lao_id: plan.lao_id,
            before: Some(stored_json(&own)),
            after: None,
            note: format!("{} #{}", plan.kind.th(), plan.id),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(plan)
}
