//! A project's lineage: where it came from (the forum, the village), every plan that holds it
//! with year, rank and amount, the agencies it was routed to, and what came of it.

use super::route::{AgencyRequest, agency_requests};
use crate::db::{self, Db};
use crate::forums::{self, Forum};
use crate::projects::{FundingRow, Project, funding, get, progress};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Step {
    pub plan_id: i64,
    pub plan_kind: crate::plans::PlanKind,
    pub plan_title: String,
    pub plan_status: crate::plans::Status,
    pub first_year: i64,
    pub last_year: i64,
    pub fiscal_year: i64,
    pub rank: Option<i64>,
    pub amount_satang: i64,
    #[sqlx(try_from = "crate::db::IsoDate")]
    pub decided_on: time::Date,
    pub issue: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Village {
    pub code: String,
    pub name_th: String,
    pub moo: Option<i64>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Lineage {
    pub project: Project,
    pub forum: Option<Forum>,
    pub villages: Vec<Village>,
    /// From the plan that raised it up to the highest that adopted it.
    pub steps: Vec<Step>,
    pub funding: Vec<FundingRow>,
    pub agency_requests: Vec<AgencyRequest>,
    pub progress: Vec<progress::Report>,
    /// Projects of other villages merged into this one, and the one this was merged into.
    pub merged_from: Vec<(i64, String)>,
    pub merged_into: Option<(i64, String)>,
    /// Its entry in the Tambon Project Bank, and the Role Model rounds that selected it.
    pub bank: Option<crate::project_bank::Entry>,
    pub rounds: Vec<crate::role_model::selection::InRound>,
}

pub async fn of(db: &Db, project_id: i64) -> anyhow::Result<Option<Lineage>> {
    let Some(project) = get(db, project_id).await? else {
        return Ok(None);
    };
    let forum = match project.forum_id {
        Some(f) => forums::get(db, f).await?,
        None => None,
    };
    let villages = db::query_as::<Village>(
        "SELECT a.code, a.name_th, a.moo FROM project_villages v JOIN areas a ON a.code = v.village_code \
         WHERE v.project_id = $1 ORDER BY a.code",
    )
    .bind(project_id)
    .fetch_all(db)
    .await?;
    let steps = db::query_as::<Step>(
        "SELECT pl.id AS plan_id, pl.kind AS plan_kind, pl.title AS plan_title, pl.status AS plan_status, \
                pl.first_year, pl.last_year, i.fiscal_year, i.rank, i.amount_satang, i.decided_on, d.title AS issue, i.note \
         FROM plan_items i JOIN plans pl ON pl.id = i.plan_id LEFT JOIN development_issues d ON d.id = i.issue_id \
         WHERE i.project_id = $1 \
         ORDER BY CASE pl.kind WHEN 'village' THEN 1 WHEN 'tambon' THEN 2 WHEN 'local' THEN 3 WHEN 'budget' THEN 4 \
                  WHEN 'district' THEN 5 ELSE 6 END, pl.first_year, i.id",
    )
    .bind(project_id)
    .fetch_all(db)
    .await?;
    let merged_from = db::query_as::<(i64, String)>(
        "SELECT id, title FROM projects WHERE merged_into = $1 ORDER BY id",
    )
    .bind(project_id)
    .fetch_all(db)
    .await?;
    let merged_into = match project.merged_into {
        Some(m) => get(db, m).await?.map(|p| (p.id, p.title)),
        None => None,
    };
    Ok(Some(Lineage {
        bank: crate::project_bank::of_project(db, project_id).await?,
        rounds: crate::role_model::selection::rounds_of_project(db, project_id).await?,
        funding: funding(db, project_id).await?,
        agency_requests: agency_requests(db, project_id).await?,
        progress: progress::reports(db, project_id).await?,
        project,
        forum,
        villages,
        steps,
        merged_from,
        merged_into,
    }))
}
