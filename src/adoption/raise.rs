//! A need raised as a new project in a plan: in a village or tambon plan, at its forum or not;
//! in an LAO's, district's or province's plan, a need of one of its own forums (เวทีประชาคม
//! อื่นๆ, seed 003), which the plans above can then adopt with lineage back to that forum. The
//! project record and its item in the plan are written together.

use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::error::{AppError, Problem};
use crate::plans::{self, PlanKind};
use crate::projects::input::{Checked, ProjectInput};
use crate::projects::{Project, get, get_in, insert_funding, rank_free};

/// The area of a plan that raises projects, or why it raises none.
fn area_of(plan: &plans::Plan) -> Result<&str, AppError> {
    plan.raising_area().ok_or_else(|| {
        Problem::RaiseOnlyVillageOrTambon {
            kind: plan.kind().into(),
        }
        .into()
    })
}

/// Above the tambon, a plan raises only the needs of its own forums.
fn needs_forum(plan: &plans::Plan) -> bool {
    matches!(
        plan.kind(),
        PlanKind::Local | PlanKind::District | PlanKind::Province
    )
}

/// Raises a new project in a village or tambon plan and puts it in the plan, in one transaction.
pub async fn add_to_plan(
    db: &Db,
    user: &User,
    plan_id: i64,
    plan_version: i64,
    input: &ProjectInput,
) -> Result<Project, AppError> {
    let plan = plans::get(db, plan_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let owner = plans::owner_of(db, &plan).await?;
    plans::access::check_owner_write(db, user, &owner, "project", &format!("plan:{plan_id}"))
        .await?;
    let tambon = area_of(&plan)?.to_string();
    let checked = input.check(&tambon).map_err(AppError::from)?;
    let mut tx = db.begin_write().await?;
    plans::claim(&mut tx, plan_id, plan_version).await?;
    let id = insert(&mut tx, user, &plan, &checked).await?;
    tx.commit().await?;
    Ok(get(db, id).await?.ok_or_else(AppError::not_found)?)
}

/// Inserts a checked project and its item in `plan`, inside the caller's transaction (which
/// has claimed the plan); used by the form, the API and the Excel import alike.
pub(crate) async fn insert(
    conn: &mut crate::db::Tx,
    user: &User,
    plan: &plans::Plan,
    c: &Checked,
) -> Result<i64, AppError> {
    let tambon = area_of(plan)?;
    let mut villages = c.villages.clone();
    if plan.kind() == PlanKind::Village && !villages.contains(&plan.area_code) {
        villages.insert(0, plan.area_code.clone());
    }
    for v in &villages {
        let known: Option<String> = db::query_scalar(
            "SELECT code FROM areas WHERE code = $1 AND level IN ('village', 'community')",
        )
        .bind(v)
        .fetch_optional(&mut *conn)
        .await?;
        if !v.starts_with(tambon) || known.is_none() {
            return Err(Problem::VillageOutsidePlan {
                code: v.clone(),
                tambon: tambon.to_string(),
            }
            .into());
        }
    }
    if let Some(rank) = c.rank {
        rank_free(conn, plan.id, rank, None).await?;
    }
    // a need comes from a forum: without one named, the plan's latest forum
    let latest: Option<i64> = db::query_scalar(
        "SELECT id FROM forums WHERE plan_id = $1 ORDER BY held_on DESC, id DESC LIMIT 1",
    )
    .bind(plan.id)
    .fetch_optional(&mut *conn)
    .await?;
    let c = &Checked {
        forum_id: c.forum_id.or(latest),
        ..c.clone()
    };
    if c.forum_id.is_none() && needs_forum(plan) {
        return Err(Problem::RaiseOnlyFromForum {
            kind: plan.kind().into(),
        }
        .into());
    }
    if let Some(f) = c.forum_id {
        let of_plan: Option<i64> = db::query_scalar("SELECT plan_id FROM forums WHERE id = $1")
            .bind(f)
            .fetch_optional(&mut *conn)
            .await?;
        if of_plan != Some(plan.id) {
            return Err(Problem::ForumOfOtherPlan.into());
        }
    }
    let now = now_text();
    let area = if plan.kind() == PlanKind::Village {
        plan.area_code.clone()
    } else {
        villages
            .first()
            .cloned()
            .unwrap_or_else(|| plan.area_code.clone())
    };
    let target_villages = c
        .target_villages
        .or(Some(villages.len() as i64).filter(|n| *n > 0));
    let id: i64 = db::query_scalar(
        "INSERT INTO projects (title, dimension, need, objective, format, area_code, origin_plan_id, forum_id, reach, \
           target_villages, target_households, target_people, budget_satang, executor, within_lao_authority, starts_on, ends_on, \
           created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18) RETURNING id",
    )
    .bind(&c.title)
    .bind(c.dimension)
    .bind(&c.need)
    .bind(&c.objective)
    .bind(&c.format)
    .bind(&area)
    .bind(plan.id)
    .bind(c.forum_id)
    .bind(c.reach)
    .bind(target_villages)
    .bind(c.target_households)
    .bind(c.target_people)
    .bind(c.budget_satang)
    .bind(c.executor)
    .bind(c.within_lao_authority as i64)
    .bind(c.starts_on.map(|d| d.to_string()))
    .bind(c.ends_on.map(|d| d.to_string()))
    .bind(&now)
    .fetch_one(&mut *conn)
    .await?;
    for v in &villages {
        db::query("INSERT INTO project_villages (project_id, village_code) VALUES ($1, $2)")
            .bind(id)
            .bind(v)
            .execute(&mut *conn)
            .await?;
    }
    insert_funding(conn, id, &c.funding).await?;
    let decided_on: Option<String> = match c.forum_id {
        Some(f) => {
            db::query_scalar("SELECT held_on FROM forums WHERE id = $1")
                .bind(f)
                .fetch_optional(&mut *conn)
                .await?
        }
        None => None,
    };
    db::query(
        "INSERT INTO plan_items (plan_id, project_id, fiscal_year, rank, amount_satang, decided_on, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(plan.id)
    .bind(id)
    .bind(plan.first_year)
    .bind(c.rank)
    .bind(c.budget_satang)
    .bind(decided_on.unwrap_or_else(|| now[..10].to_string()))
    .bind(&now)
    .bind(&user.username)
    .execute(&mut *conn)
    .await?;
    let project = get_in(conn, id).await?;
    audit::record(
        conn,
        &user.actor(),
        Change {
            action: "create",
            entity: "project",
            entity_key: id.to_string(),
            area_code: area,
            lao_id: None,
            before: None,
            after: Some(project.audit_json()),
            note: format!("{} #{}", plan.kind().th(), plan.id),
        },
    )
    .await?;
    Ok(id)
}
