//! The LAO's adoption rates (ONEPLAN.md section 8, items 4 and 5), computed from the items:
//! of the projects in the integrated (tambon) plans of its coverage for year Y−1, how many
//! its local plan schedules for year Y, and of those, how many its draft budget for Y holds.
//! The thresholds they are held against are data per year (`kpi::settings`).

use crate::db::{self, Db};
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Rates {
    /// The fiscal year (BE) of the local plan and budget.
    pub year: i64,
    pub integrated: i64,
    pub in_local_plan: i64,
    pub in_budget: i64,
    /// Percent × 100, rounded half up to two decimals (3333 = 33.33%); None when nothing to divide.
    pub local_pct_x100: Option<i64>,
    pub budget_pct_x100: Option<i64>,
}

/// n × 100 ÷ d to two decimals, as hundredths of a percent, rounded half up.
pub fn percent_x100(n: i64, d: i64) -> Option<i64> {
    (d > 0).then(|| (n * 10_000 * 2 + d) / (2 * d))
}

/// "33.33"
pub fn format_pct(x100: Option<i64>) -> String {
    match x100 {
        Some(p) => format!("{}.{:02}", p / 100, p % 100),
        None => "–".into(),
    }
}

/// The rates of every LAO in a scope `m (lao_id, y)`, y being the year of the integrated
/// (tambon) plans, so the local plan and draft budget are of y + 1. The integrated projects are
/// the LAO's own (`areas::units::own_project`): all of a tambon it covers completely, and of a
/// shared tambon those raised in its own villages or for the whole tambon. One row per LAO with
/// integrated projects: lao_id, integrated, in the local plan, in the draft budget. Each set is a
/// subset of the one before, so left joins count them; the rows are grouped by LAO, so a whole
/// country's model LAOs take one statement.
macro_rules! grouped_sql {
    ($scope:expr) => {
        concat!(
            "WITH m AS (",
            $scope,
            "), \
             integrated AS ( \
                 SELECT DISTINCT c.lao_id, i.project_id FROM m JOIN lao_coverage c ON c.lao_id = m.lao_id \
                 JOIN plans pl ON pl.kind = 'tambon' AND pl.owner_key = c.area_code AND pl.first_year = m.y \
                 JOIN plan_items i ON i.plan_id = pl.id JOIN projects p ON p.id = i.project_id \
                 WHERE p.merged_into IS NULL AND ",
            crate::areas::units::own_project!(),
            "), \
             in_local AS ( \
                 SELECT DISTINCT g.lao_id, g.project_id FROM integrated g JOIN m ON m.lao_id = g.lao_id \
                 JOIN plans pl ON pl.kind = 'local' AND pl.lao_id = g.lao_id \
                 JOIN plan_items i ON i.plan_id = pl.id AND i.project_id = g.project_id \
                 WHERE i.fiscal_year = m.y + 1), \
             in_budget AS ( \
                 SELECT DISTINCT l.lao_id, l.project_id FROM in_local l JOIN m ON m.lao_id = l.lao_id \
                 JOIN plans pl ON pl.kind = 'budget' AND pl.lao_id = l.lao_id AND pl.first_year = m.y + 1 \
                 JOIN plan_items i ON i.plan_id = pl.id AND i.project_id = l.project_id) \
             SELECT g.lao_id, CAST(COUNT(*) AS BIGINT), CAST(COUNT(l.project_id) AS BIGINT), \
                    CAST(COUNT(b.project_id) AS BIGINT) \
             FROM integrated g \
             LEFT JOIN in_local l ON l.lao_id = g.lao_id AND l.project_id = g.project_id \
             LEFT JOIN in_budget b ON b.lao_id = g.lao_id AND b.project_id = g.project_id \
             GROUP BY g.lao_id"
        )
    };
}
pub(crate) use grouped_sql;

/// The scope of one LAO: $1 the year of the integrated plans, $2 the LAO's id.
macro_rules! one_lao {
    () => {
        "SELECT id AS lao_id, CAST($1 AS BIGINT) AS y FROM laos WHERE id = $2"
    };
}
pub(crate) use one_lao;

/// The rates of one LAO: $1 the year of the integrated plans (the local plan's year − 1), $2 the LAO's id.
pub const FOR_LAO: &str = grouped_sql!(one_lao!());

impl Rates {
    /// The rates of the counts, for the local plan and budget of `year`.
    pub fn of_counts(year: i64, integrated: i64, in_local_plan: i64, in_budget: i64) -> Rates {
        Rates {
            year,
            integrated,
            in_local_plan,
            in_budget,
            local_pct_x100: percent_x100(in_local_plan, integrated),
            budget_pct_x100: percent_x100(in_budget, in_local_plan),
        }
    }
}

/// The LAO's rates for its local plan and draft budget of `year`.
/// An LAO plan's rates as its page shows them: held against the thresholds of the KPI year they
/// answer (the local plan and budget for year Y answer KPI 3.2 of year Y − 1).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanRates {
    #[serde(flatten)]
    pub rates: Rates,
    /// The KPI 3.2 year the rates count for.
    pub kpi_year: i64,
    pub local_threshold_pct: i64,
    pub budget_threshold_pct: i64,
    pub meets_local: bool,
    pub meets_budget: bool,
}

/// The rates of an LAO's local plan or draft budget; None for other plans.
pub async fn for_plan(db: &Db, plan: &crate::plans::Plan) -> anyhow::Result<Option<PlanRates>> {
    use crate::plans::PlanKind;
    let (PlanKind::Local | PlanKind::Budget, Some(lao)) = (plan.kind, plan.lao_id) else {
        return Ok(None);
    };
    let rates = for_lao(db, lao, plan.first_year).await?;
    let kpi_year = plan.first_year - 1;
    let settings = super::settings::for_year(db, kpi_year).await?;
    Ok(Some(PlanRates {
        kpi_year,
        local_threshold_pct: settings.local_threshold_pct,
        budget_threshold_pct: settings.budget_threshold_pct,
        meets_local: settings.meets_local(&rates),
        meets_budget: settings.meets_budget(&rates),
        rates,
    }))
}

pub async fn for_lao(db: &Db, lao_id: i64, year: i64) -> anyhow::Result<Rates> {
    let row: Option<(i64, i64, i64, i64)> = db::query_as(FOR_LAO)
        .bind(year - 1)
        .bind(lao_id)
        .fetch_optional(db)
        .await?;
    let (_, integrated, in_local, in_budget) = row.unwrap_or_default();
    Ok(Rates::of_counts(year, integrated, in_local, in_budget))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_half_up_to_two_decimals() {
        assert_eq!(percent_x100(1, 3), Some(3333));
        assert_eq!(percent_x100(2, 3), Some(6667));
        assert_eq!(percent_x100(1, 8), Some(1250));
        assert_eq!(percent_x100(3, 10), Some(3000));
        assert_eq!(percent_x100(0, 5), Some(0));
        assert_eq!(percent_x100(1, 0), None);
        assert_eq!(format_pct(Some(3333)), "33.33");
        assert_eq!(format_pct(Some(5)), "0.05");
    }
}
