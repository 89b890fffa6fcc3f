//! The projects a plan holds, as the plan holds them (rank, year, amount, decision).

use crate::db::{self, Db};
use crate::dimensions::Dimension;
use crate::projects::status::ProjectStatus;
use serde::Serialize;

/// One project as a plan holds it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Item {
    pub project_id: i64,
    pub title: String,
    pub dimension: Dimension,
    pub area_code: String,
    pub executor: String,
    #[sqlx(try_from = "crate::db::Flag")]
    pub within_lao_authority: bool,
    pub status: ProjectStatus,
    pub budget_satang: i64,
    pub fiscal_year: i64,
    pub rank: Option<i64>,
    pub amount_satang: i64,
    #[sqlx(try_from = "crate::db::IsoDate")]
    pub decided_on: time::Date,
    pub issue_id: Option<i64>,
    pub note: String,
}

/// The plan's projects in priority order (unranked last).
pub async fn items(db: &Db, plan_id: i64) -> anyhow::Result<Vec<Item>> {
    Ok(db::query_as::<Item>(
        "SELECT p.id AS project_id, p.title, p.dimension, p.area_code, p.executor, p.within_lao_authority, p.status, \
                p.budget_satang, i.fiscal_year, i.rank, i.amount_satang, i.decided_on, i.issue_id, i.note \
         FROM plan_items i JOIN projects p ON p.id = i.project_id \
         WHERE i.plan_id = $1 \
         ORDER BY CASE WHEN i.rank IS NULL THEN 1 ELSE 0 END, i.rank, p.id",
    )
    .bind(plan_id)
    .fetch_all(db)
    .await?)
}

/// Whether a plan holds a project, inside the caller's transaction.
pub(crate) async fn holds(
    tx: &mut crate::db::Tx,
    plan_id: i64,
    project_id: i64,
) -> anyhow::Result<bool> {
    let n: i64 =
        db::query_scalar("SELECT COUNT(*) FROM plan_items WHERE plan_id = $1 AND project_id = $2")
            .bind(plan_id)
            .bind(project_id)
            .fetch_one(&mut *tx)
            .await?;
    Ok(n > 0)
}

/// The rank a plan gives a project; None when unranked or not in the plan.
pub async fn rank_of(db: &Db, plan_id: i64, project_id: i64) -> anyhow::Result<Option<i64>> {
    Ok(
        db::query_scalar("SELECT rank FROM plan_items WHERE plan_id = $1 AND project_id = $2")
            .bind(plan_id)
            .bind(project_id)
            .fetch_optional(db)
            .await?
            .flatten(),
    )
}
