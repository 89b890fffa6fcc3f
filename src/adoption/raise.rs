//! A need raised as a new project in a plan: in a village or tambon plan, at its forum or not;
//! in an LAO's, district's or province's plan, a need of one of its own forums (เวทีประชาคม
//! อื่นๆ, seed 003), which the plans above can then adopt with lineage back to that forum. The
//! project record and its item in the plan are written together.

use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, Param, now_text};
use crate::error::{AppError, Problem};
use crate::plans::{self, PlanKind};
use crate::projects::input::{Checked, ProjectInput};
use crate::projects::{Project, get, rank_free};

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
/// has claimed the plan); used by the form and the API.
pub(crate) async fn insert(
    conn: &mut crate::db::Tx,
    user: &User,
    plan: &plans::Plan,
    c: &Checked,
) -> Result<i64, AppError> {
    let placed = place(conn, plan, c).await?;
    if let Some(rank) = c.rank {
        rank_free(conn, plan.id, rank, None).await?;
    }
    write(conn, user, plan, c, &placed).await
}

/// What a new project takes from the database besides what was typed: its villages (each a
/// village or community of the plan's tambon), its forum (the plan's latest when none is named)
/// and that forum's date, on which the plan decided it. Read before the write, so that a large
/// import holds the write lock only to write (issue 13, defect 15).
pub(crate) struct Placed {
    villages: Vec<String>,
    forum_id: Option<i64>,
    decided_on: Option<String>,
}

/// `Placed` for a project of `plan`, read on the pool or inside a transaction.
pub(crate) async fn place<C>(
    conn: &mut C,
    plan: &plans::Plan,
    c: &Checked,
) -> Result<Placed, AppError>
where
    for<'e> &'e mut C: db::Executor<'e>,
{
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
    // a need comes from a forum: without one named, the plan's latest forum
    let forum_id =
        match c.forum_id {
            Some(f) => Some(f),
            None => db::query_scalar(
                "SELECT id FROM forums WHERE plan_id = $1 ORDER BY held_on DESC, id DESC LIMIT 1",
            )
            .bind(plan.id)
            .fetch_optional(&mut *conn)
            .await?,
        };
    if forum_id.is_none() && needs_forum(plan) {
        return Err(Problem::RaiseOnlyFromForum {
            kind: plan.kind().into(),
        }
        .into());
    }
    let mut decided_on = None;
    if let Some(f) = forum_id {
        let forum: Option<(i64, String)> =
            db::query_as("SELECT plan_id, held_on FROM forums WHERE id = $1")
                .bind(f)
                .fetch_optional(&mut *conn)
                .await?;
        match forum {
            Some((of_plan, held_on)) if of_plan == plan.id => decided_on = Some(held_on),
            _ => return Err(Problem::ForumOfOtherPlan.into()),
        }
    }
    Ok(Placed {
        villages,
        forum_id,
        decided_on,
    })
}

/// Writes a project placed by `place` and its item, with its audit entry: inserts only.
pub(crate) async fn write(
    conn: &mut crate::db::Tx,
    user: &User,
    plan: &plans::Plan,
    c: &Checked,
    placed: &Placed,
) -> Result<i64, AppError> {
    Ok(write_many(conn, user, plan, &[(c, placed)]).await?[0])
}

/// Rows of one table written per statement by `write_many` (within both databases' limits on
/// a statement's values).
const ROWS_PER_STATEMENT: usize = 100;

/// Writes many projects placed by `place`, each with its item and audit entry: inserts only,
/// one per project and then many items, villages and audit entries to a statement, so that a
/// large import holds the write lock briefly. Returns the projects' ids in order.
pub(crate) async fn write_many(
    conn: &mut crate::db::Tx,
    user: &User,
    plan: &plans::Plan,
    rows: &[(&Checked, &Placed)],
) -> Result<Vec<i64>, AppError> {
    let now = now_text();
    let actor = user.actor();
    let (mut ids, mut villages, mut items, mut changes) = (vec![], vec![], vec![], vec![]);
    let mut funding = vec![];
    for (c, placed) in rows {
        let c = &Checked {
            forum_id: placed.forum_id,
            ..(*c).clone()
        };
        let project = insert_project(conn, plan, c, &placed.villages, &now).await?;
        let id = project.id;
        funding.extend(c.funding.iter().map(|f| {
            vec![
                id.value(),
                f.source.clone().value(),
                f.partner_role.value(),
                f.amount_satang.value(),
            ]
        }));
        villages.extend(
            placed
                .villages
                .iter()
                .map(|v| vec![id.value(), v.clone().value()]),
        );
        let decided_on = placed
            .decided_on
            .clone()
            .unwrap_or_else(|| now[..10].to_string());
        items.push(vec![
            plan.id.value(),
            id.value(),
            plan.first_year.value(),
            c.rank.value(),
            c.budget_satang.value(),
            decided_on.value(),
            now.clone().value(),
            user.username.clone().value(),
        ]);
        changes.push(Change {
            action: "create",
            entity: "project",
            entity_key: id.to_string(),
            area_code: project.area_code.clone(),
            lao_id: None,
            before: None,
            after: Some(project.audit_json()),
            note: format!("{} #{}", plan.kind().th(), plan.id),
        });
        ids.push(id);
    }
    insert_rows(
        conn,
        "project_villages (project_id, village_code)",
        villages,
    )
    .await?;
    insert_rows(
        conn,
        "project_funding (project_id, source, partner_role, amount_satang)",
        funding,
    )
    .await?;
    insert_rows(
        conn,
        "plan_items (plan_id, project_id, fiscal_year, rank, amount_satang, decided_on, created_at, created_by)",
        items,
    )
    .await?;
    audit::record_many(conn, &actor, changes).await?;
    Ok(ids)
}

/// Rows into `table (columns)`, `ROWS_PER_STATEMENT` to a statement.
async fn insert_rows(
    conn: &mut crate::db::Tx,
    table: &str,
    rows: Vec<Vec<db::Value>>,
) -> anyhow::Result<()> {
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let width = chunk[0].len();
        let tuples: Vec<String> = (0..chunk.len())
            .map(|r| {
                let marks: Vec<String> =
                    (1..=width).map(|c| format!("${}", r * width + c)).collect();
                format!("({})", marks.join(", "))
            })
            .collect();
        let sql = format!("INSERT INTO {table} VALUES {}", tuples.join(", "));
        let mut q = db::query(sqlx::AssertSqlSafe(sql));
        for v in chunk.iter().flatten() {
            q = q.bind(v.clone());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The project row itself; the row as written comes back, for the audit entry (no second
/// read under the write lock).
async fn insert_project(
    conn: &mut crate::db::Tx,
    plan: &plans::Plan,
    c: &Checked,
    villages: &[String],
    now: &str,
) -> anyhow::Result<Project> {
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
    let project: Project = db::query_as(sqlx::AssertSqlSafe(format!(
        "INSERT INTO projects (title, dimension, need, objective, format, area_code, origin_plan_id, forum_id, reach, \
           target_villages, target_households, target_people, budget_satang, executor, within_lao_authority, starts_on, ends_on, \
           created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18) \
         RETURNING {}",
        crate::projects::PROJECT_COLUMNS
    )))
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
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    crate::text_index::refresh(conn, crate::text_index::Kind::Project, project.id).await?;
    Ok(project)
}
