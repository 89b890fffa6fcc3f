//! The provincial view: every project the province's district plans adopted, by the
//! provincial development issue each district aligned it with, and whether the provincial
//! plan has taken it up.

use crate::db::{self, Db};
use crate::plans::Plan;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct FromDistrict {
    pub project_id: i64,
    pub title: String,
    pub area_code: String,
    pub district_plan_id: i64,
    pub district_code: String,
    pub district_rank: Option<i64>,
    pub amount_satang: i64,
    pub issue_id: Option<i64>,
    pub status: crate::projects::status::ProjectStatus,
    #[sqlx(try_from = "crate::db::Flag")]
    pub in_province_plan: bool,
}

pub async fn from_districts(db: &Db, plan: &Plan) -> anyhow::Result<Vec<FromDistrict>> {
    Ok(db::query_as::<FromDistrict>(
        "SELECT p.id AS project_id, p.title, p.area_code, pl.id AS district_plan_id, pl.area_code AS district_code, \
                i.rank AS district_rank, i.amount_satang, i.issue_id, p.status, \
                CASE WHEN EXISTS (SELECT 1 FROM plan_items x WHERE x.plan_id = $1 AND x.project_id = p.id) THEN 1 ELSE 0 END AS in_province_plan \
         FROM plan_items i JOIN plans pl ON pl.id = i.plan_id JOIN projects p ON p.id = i.project_id \
         WHERE pl.kind = 'district' AND pl.area_code LIKE $2 AND pl.first_year <= $3 AND pl.last_year >= $4 \
         ORDER BY i.issue_id, pl.area_code, CASE WHEN i.rank IS NULL THEN 1 ELSE 0 END, i.rank, p.id",
    )
    .bind(plan.id)
    .bind(format!("{}%", &plan.area_code[..2]))
    .bind(plan.last_year)
    .bind(plan.first_year)
    .fetch_all(db)
    .await?)
}
