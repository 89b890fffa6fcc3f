//! Projects (ONEPLAN.md section 6): one record from the forum that raised the need to the
//! budget that funds it. Plans hold projects as items (`plans::adopt`); a project is never copied.

pub mod input;
pub mod progress;
pub mod rights;
pub mod status;

use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, Param, now_text};
use crate::dimensions::Dimension;
use crate::error::{AppError, Problem};
use crate::plans::{self};
use input::ProjectInput;
use serde::Serialize;
use status::ProjectStatus;

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Project {
    pub id: i64,
    pub title: String,
    pub dimension: Dimension,
    pub need: String,
    pub objective: String,
    pub format: String,
    pub area_code: String,
    pub origin_plan_id: Option<i64>,
    pub forum_id: Option<i64>,
    pub reach: String,
    pub target_villages: Option<i64>,
    pub target_households: Option<i64>,
    pub target_people: Option<i64>,
    pub budget_satang: i64,
    pub executor: String,
    #[sqlx(try_from = "crate::db::Flag")]
    pub within_lao_authority: bool,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    pub starts_on: Option<time::Date>,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    pub ends_on: Option<time::Date>,
    pub status: ProjectStatus,
    pub progress_pct: i64,
    pub spent_satang: i64,
    pub merged_into: Option<i64>,
    pub updated_at: String,
    pub version: i64,
}

impl Project {
    pub fn audit_json(&self) -> serde_json::Value {
        serde_json::json!({
            "title": self.title, "dimension": self.dimension, "need": self.need, "objective": self.objective,
            "format": self.format, "area": self.area_code, "reach": self.reach,
            "target": [self.target_villages, self.target_households, self.target_people],
            "budget_satang": self.budget_satang, "executor": self.executor,
            "within_lao_authority": self.within_lao_authority,
            "starts_on": self.starts_on, "ends_on": self.ends_on, "status": self.status,
            "progress_pct": self.progress_pct, "spent_satang": self.spent_satang, "merged_into": self.merged_into,
        })
    }
}

pub(crate) const PROJECT_COLUMNS: &str = "id, title, dimension, need, objective, format, area_code, origin_plan_id, forum_id, reach, \
     target_villages, target_households, target_people, budget_satang, executor, within_lao_authority, starts_on, ends_on, \
     status, progress_pct, spent_satang, merged_into, updated_at, version";

pub async fn get(db: &Db, id: i64) -> anyhow::Result<Option<Project>> {
    Ok(db::query_as::<Project>(sqlx::AssertSqlSafe(format!(
        "SELECT {PROJECT_COLUMNS} FROM projects WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(db)
    .await?)
}

pub(crate) async fn get_in(conn: &mut crate::db::Tx, id: i64) -> anyhow::Result<Project> {
    Ok(db::query_as::<Project>(sqlx::AssertSqlSafe(format!(
        "SELECT {PROJECT_COLUMNS} FROM projects WHERE id = $1"
    )))
    .bind(id)
    .fetch_one(conn)
    .await?)
}

pub async fn villages(db: &Db, project_id: i64) -> anyhow::Result<Vec<String>> {
    Ok(db::query_scalar(
        "SELECT village_code FROM project_villages WHERE project_id = $1 ORDER BY village_code",
    )
    .bind(project_id)
    .fetch_all(db)
    .await?)
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct FundingRow {
    pub source: String,
    pub partner_role: String,
    pub amount_satang: i64,
}

pub async fn funding(db: &Db, project_id: i64) -> anyhow::Result<Vec<FundingRow>> {
    Ok(db::query_as::<FundingRow>(
        "SELECT source, partner_role, amount_satang FROM project_funding WHERE project_id = $1 ORDER BY id",
    )
    .bind(project_id)
    .fetch_all(db)
    .await?)
}

pub(crate) async fn insert_funding(
    conn: &mut crate::db::Tx,
    project_id: i64,
    funding: &[input::Funding],
) -> anyhow::Result<()> {
    for f in funding {
        db::query(
            "INSERT INTO project_funding (project_id, source, partner_role, amount_satang) VALUES ($1, $2, $3, $4)",
        )
        .bind(project_id)
        .bind(&f.source)
        .bind(f.partner_role)
        .bind(f.amount_satang)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Refuses a priority rank that another project of the plan already has.
pub(crate) async fn rank_free(
    conn: &mut crate::db::Tx,
    plan_id: i64,
    rank: i64,
    except_project: Option<i64>,
) -> Result<(), AppError> {
    let holder: Option<(i64, String)> = db::query_as(
        "SELECT p.id, p.title FROM plan_items i JOIN projects p ON p.id = i.project_id \
         WHERE i.plan_id = $1 AND i.rank = $2 AND p.id <> $3",
    )
    .bind(plan_id)
    .bind(rank)
    .bind(except_project.unwrap_or(-1))
    .fetch_optional(&mut *conn)
    .await?;
    match holder {
        Some((_, title)) => Err(Problem::RankTaken { rank, title }.into()),
        None => Ok(()),
    }
}

/// Whether the project is one of a plan's own (ผ.02), changed in that plan's table (`own`).
pub async fn is_own(db: &Db, project_id: i64) -> anyhow::Result<bool> {
    let n: i64 =
        db::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM own_projects WHERE project_id = $1")
            .bind(project_id)
            .fetch_one(db)
            .await?;
    Ok(n > 0)
}

/// Adds the villages `other` serves to those of `keep` (merging the same need raised twice).
pub(crate) async fn join_villages(
    tx: &mut crate::db::Tx,
    keep: i64,
    other: i64,
) -> anyhow::Result<()> {
    db::query(
        "INSERT INTO project_villages (project_id, village_code) SELECT $1, v.village_code FROM project_villages v \
         WHERE v.project_id = $2 AND NOT EXISTS (SELECT 1 FROM project_villages k WHERE k.project_id = $1 AND k.village_code = v.village_code)",
    )
    .bind(keep)
    .bind(other)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Changes a project's description. Allowed while the plan that raised it is a draft; the
/// version guards against overwriting someone else's change.
pub async fn update(
    db: &Db,
    user: &User,
    project_id: i64,
    expected_version: i64,
    input: &ProjectInput,
) -> Result<Project, AppError> {
    let before = get(db, project_id).await?.ok_or_else(AppError::not_found)?;
    // issue 11: a plan's own project keeps its yearly budgets in the plan's ผ.02 table
    if is_own(db, project_id).await? {
        return Err(Problem::OwnEditOnPlan.into());
    }
    let plan = match before.origin_plan_id {
        Some(p) => plans::get(db, p).await?,
        None => None,
    }
    .ok_or_else(|| AppError::from(Problem::NoOriginPlan))?;
    let owner = plans::owner_of(db, &plan).await?;
    plans::access::check_owner_write(db, user, &owner, "project", &project_id.to_string()).await?;
    plans::workflow::ensure_editable(&plan)?;
    // a project of a district or province plan once cut a 6-digit tambon out of a shorter code
    let area = plan.raising_area().unwrap_or(&plan.area_code);
    let c = input.check(area).map_err(AppError::from)?;
    let mut tx = db.begin_write().await?;
    let current = get_in(&mut tx, project_id).await?;
    if let Some(rank) = c.rank {
        rank_free(&mut tx, plan.id, rank, Some(project_id)).await?;
    }
    db::update_versioned(
        &mut tx,
        "projects",
        project_id,
        expected_version,
        "title = $1, dimension = $2, need = $3, objective = $4, format = $5, reach = $6, \
         target_villages = $7, target_households = $8, target_people = $9, budget_satang = $10, executor = $11, \
         within_lao_authority = $12, starts_on = $13, ends_on = $14, updated_at = $15",
        vec![
            c.title.clone().value(),
            c.dimension.value(),
            c.need.clone().value(),
            c.objective.clone().value(),
            c.format.clone().value(),
            c.reach.value(),
            c.target_villages.or(current.target_villages).value(),
            c.target_households.value(),
            c.target_people.value(),
            c.budget_satang.value(),
            c.executor.value(),
            c.within_lao_authority.value(),
            c.starts_on.value(),
            c.ends_on.value(),
            now_text().value(),
        ],
    )
    .await?;
    db::query("UPDATE plan_items SET rank = $1, amount_satang = $2 WHERE plan_id = $3 AND project_id = $4")
        .bind(c.rank)
        .bind(c.budget_satang)
        .bind(plan.id)
        .bind(project_id)
        .execute(&mut tx)
        .await?;
    db::query("DELETE FROM project_funding WHERE project_id = $1")
        .bind(project_id)
        .execute(&mut tx)
        .await?;
    insert_funding(&mut tx, project_id, &c.funding).await?;
    crate::text_index::refresh(&mut tx, crate::text_index::Kind::Project, project_id).await?;
    db::query("UPDATE plans SET version = version + 1, updated_at = $1 WHERE id = $2")
        .bind(now_text())
        .bind(plan.id)
        .execute(&mut tx)
        .await?;
    let after = get_in(&mut tx, project_id).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "update",
            entity: "project",
            entity_key: project_id.to_string(),
            area_code: after.area_code.clone(),
            lao_id: None,
            before: Some(current.audit_json()),
            after: Some(after.audit_json()),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// A project's target as the forms write it: "3 หมู่บ้าน · 120 ครัวเรือน · 450 คน".
pub fn target_th(
    villages: Option<i64>,
    households: Option<i64>,
    people: Option<i64>,
    separator: &str,
) -> String {
    [
        villages.map(|n| format!("{n} หมู่บ้าน")),
        households.map(|n| format!("{n} ครัวเรือน")),
        people.map(|n| format!("{n} คน")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(separator)
}

/// Deletes a project and every row that belongs to it (its items in any plan, ผ.02 details,
/// villages, funding, progress, agency requests), inside the caller's transaction.
pub(crate) async fn delete_in(tx: &mut crate::db::Tx, project_id: i64) -> anyhow::Result<()> {
    for table in [
        "own_project_years",
        "own_projects",
        "plan_items",
        "project_villages",
        "project_funding",
        "project_progress",
        "agency_requests",
    ] {
        db::query(sqlx::AssertSqlSafe(format!(
            "DELETE FROM {table} WHERE project_id = $1"
        )))
        .bind(project_id)
        .execute(&mut *tx)
        .await?;
    }
    db::query("DELETE FROM projects WHERE id = $1")
        .bind(project_id)
        .execute(&mut *tx)
        .await?;
    crate::text_index::refresh(tx, crate::text_index::Kind::Project, project_id).await?;
    Ok(())
}
