//! The LAO's adoption rates (ONEPLAN.md section 8, items 4 and 5), computed from the items:
//! of the projects in the integrated (tambon) plans of its coverage for year Y−1, how many
//! its local plan schedules for year Y, and of those, how many its draft budget for Y holds.
//! The thresholds they are held against are data per year (`kpi::settings`).

use crate::db::Db;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
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

pub async fn for_lao(db: &Db, lao_id: i64, year: i64) -> anyhow::Result<Rates> {
    let (integrated, in_local, in_budget): (i64, i64, i64) = sqlx::query_as(
        "WITH integrated AS ( \
             SELECT DISTINCT i.project_id FROM plan_items i JOIN plans pl ON pl.id = i.plan_id \
             JOIN projects p ON p.id = i.project_id \
             WHERE pl.kind = 'tambon' AND pl.first_year = $2 - 1 AND p.merged_into IS NULL \
               AND pl.area_code IN (SELECT area_code FROM lao_coverage WHERE lao_id = $1)), \
         local AS ( \
             SELECT DISTINCT i.project_id FROM plan_items i JOIN plans pl ON pl.id = i.plan_id \
             WHERE pl.kind = 'local' AND pl.lao_id = $1 AND i.fiscal_year = $2 \
               AND i.project_id IN (SELECT project_id FROM integrated)), \
         budget AS ( \
             SELECT DISTINCT i.project_id FROM plan_items i JOIN plans pl ON pl.id = i.plan_id \
             WHERE pl.kind = 'budget' AND pl.lao_id = $1 AND pl.first_year = $2 \
               AND i.project_id IN (SELECT project_id FROM local)) \
         SELECT CAST((SELECT COUNT(*) FROM integrated) AS BIGINT), CAST((SELECT COUNT(*) FROM local) AS BIGINT), \
                CAST((SELECT COUNT(*) FROM budget) AS BIGINT)",
    )
    .bind(lao_id)
    .bind(year)
    .fetch_one(&db.pool)
    .await?;
    Ok(Rates {
        year,
        integrated,
        in_local_plan: in_local,
        in_budget,
        local_pct_x100: percent_x100(in_local, integrated),
        budget_pct_x100: percent_x100(in_budget, in_local),
    })
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
