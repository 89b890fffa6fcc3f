//! KPI 3.2 roll-ups: of the model LAOs of a district, a province or the country, how many meet
//! all five criteria, the KPI value (percent to two decimals) and its score under the year's bands.

use super::model_laos::{self, ModelLao};
use super::monthly::{self, Monthly};
use super::settings::{self, Settings};
use crate::db::Db;
use crate::plans::rates::percent_x100;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Row {
    pub model: ModelLao,
    pub report: Monthly,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Rollup {
    pub area_prefix: String,
    pub fiscal_year: i64,
    pub model_laos: i64,
    pub meeting: i64,
    /// meeting × 100 ÷ model LAOs, ×100 (8257 = 82.57%).
    pub value_x100: Option<i64>,
    /// Nationally the base is the year's base count (878 in ๒๕๕๕) when set.
    pub base: i64,
    pub score_x100: Option<i64>,
    pub settings: Settings,
    pub rows: Vec<Row>,
}

pub async fn of_area(db: &Db, area_prefix: &str, year: i64) -> anyhow::Result<Rollup> {
    let settings = settings::for_year(db, year).await?;
    let models = model_laos::current(db, year, area_prefix).await?;
    let mut rows = Vec::with_capacity(models.len());
    for m in models {
        let report = monthly::compute(db, m.lao_id, year).await?;
        rows.push(Row { model: m, report });
    }
    let meeting = rows.iter().filter(|r| r.report.meets_all()).count() as i64;
    let base = if area_prefix.is_empty() && settings.base_count > 0 {
        settings.base_count
    } else {
        rows.len() as i64
    };
    let value_x100 = percent_x100(meeting, base);
    Ok(Rollup {
        area_prefix: area_prefix.to_string(),
        fiscal_year: year,
        model_laos: rows.len() as i64,
        meeting,
        value_x100,
        base,
        score_x100: value_x100.map(|v| settings::score_x100(v, &settings.score_bands)),
        settings,
        rows,
    })
}
