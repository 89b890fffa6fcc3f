//! KPI 3.2 roll-ups: of the model LAOs of a district, a province or the country, how many meet
//! all five criteria, the KPI value (percent to two decimals) and its score under the year's bands.

use super::figures::{self, Figures, Scope};
use super::model_laos::{self, ModelLao};
use super::monthly::Monthly;
use super::settings::{self, Settings};
use crate::db::Db;
use crate::kpi::rates::percent_x100;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = KpiRow)]
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

/// The statements of the figures of every current model LAO under an area prefix, by name:
/// $1 the fiscal year (BE), $2 and $3 the ends of the district codes under the prefix
/// (`db::Query::bind_prefix`). Each returns rows keyed by lao_id; see `figures`.
pub const SQL: &[(&str, &str)] = &figures::BY_AREA;

/// The roll-up of the model LAOs under an area prefix ("" for the country), in a fixed number of
/// statements however many LAOs there are.
pub async fn of_area(db: &Db, area_prefix: &str, year: i64) -> anyhow::Result<Rollup> {
    let settings = settings::for_year(db, year).await?;
    let models = model_laos::current(db, year, area_prefix).await?;
    let ids: Vec<i64> = models.iter().map(|m| m.lao_id).collect();
    let mut figures = figures::of_scope(db, Scope::Models(area_prefix), year, &ids).await?;
    let rows: Vec<Row> = models
        .into_iter()
        .map(|m| {
            let f = figures
                .remove(&m.lao_id)
                .unwrap_or_else(|| Figures::empty(year));
            Row {
                report: Monthly::of(m.lao_id, year, f, settings.clone()),
                model: m,
            }
        })
        .collect();
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
