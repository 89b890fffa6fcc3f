//! A plan's money by year, in two kinds: what it adopted from the plans below (for an LAO, the
//! community plans) and what it raised itself (its own projects, ผ.02).

use crate::db::{self, Db};
use crate::plans::Plan;
use serde::Serialize;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct YearTotal {
    /// Fiscal year, Buddhist era.
    pub year: i64,
    /// Projects adopted from the plans below, scheduled for the year.
    pub adopted_satang: i64,
    /// The plan's own projects' budgets for the year.
    pub own_satang: i64,
    pub total_satang: i64,
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct PlanTotals {
    /// Every year of the plan's span, in order (and any other year an adopted item names).
    pub years: Vec<YearTotal>,
    pub adopted_count: i64,
    pub own_count: i64,
    pub adopted_satang: i64,
    pub own_satang: i64,
    pub total_satang: i64,
}

/// The plan's totals by year, adopted and own.
pub async fn of_plan(db: &Db, plan: &Plan) -> anyhow::Result<PlanTotals> {
    // adopted: the items of projects raised elsewhere, at the year and amount the plan gave them
    let adopted: Vec<(i64, i64, i64)> = db::query_as(
        "SELECT i.fiscal_year, CAST(COUNT(*) AS BIGINT), CAST(SUM(i.amount_satang) AS BIGINT) \
         FROM plan_items i JOIN projects p ON p.id = i.project_id \
         WHERE i.plan_id = $1 AND NOT EXISTS (SELECT 1 FROM own_projects o WHERE o.project_id = i.project_id) \
         GROUP BY i.fiscal_year",
    )
    .bind(plan.id)
    .fetch_all(db)
    .await?;
    let own: Vec<(i64, i64)> = db::query_as(
        "SELECT y.fiscal_year, CAST(SUM(y.amount_satang) AS BIGINT) FROM own_project_years y \
         JOIN own_projects o ON o.project_id = y.project_id WHERE o.plan_id = $1 GROUP BY y.fiscal_year",
    )
    .bind(plan.id)
    .fetch_all(db)
    .await?;
    let own_count: i64 =
        db::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM own_projects WHERE plan_id = $1")
            .bind(plan.id)
            .fetch_one(db)
            .await?;
    let mut years: Vec<YearTotal> = (plan.first_year..=plan.last_year)
        .map(|year| YearTotal {
            year,
            ..Default::default()
        })
        .collect();
    let mut at = |year: i64| -> usize {
        match years.iter().position(|y| y.year == year) {
            Some(i) => i,
            None => {
                years.push(YearTotal {
                    year,
                    ..Default::default()
                });
                years.len() - 1
            }
        }
    };
    let mut t = PlanTotals {
        own_count,
        ..Default::default()
    };
    let mut slots: Vec<(usize, i64, i64)> = Vec::new();
    for (year, count, amount) in &adopted {
        t.adopted_count += count;
        slots.push((at(*year), *amount, 0));
    }
    for (year, amount) in &own {
        slots.push((at(*year), 0, *amount));
    }
    for (i, a, o) in slots {
        years[i].adopted_satang += a;
        years[i].own_satang += o;
    }
    years.sort_by_key(|y| y.year);
    for y in &mut years {
        y.total_satang = y.adopted_satang + y.own_satang;
        t.adopted_satang += y.adopted_satang;
        t.own_satang += y.own_satang;
    }
    t.total_satang = t.adopted_satang + t.own_satang;
    t.years = years;
    Ok(t)
}

/// An LAO's local development plans, newest first, each with its totals: what it adopted from
/// the community plans and what the LAO raised itself (the LAO's page).
pub async fn of_lao(db: &Db, lao_id: i64) -> anyhow::Result<Vec<(Plan, PlanTotals)>> {
    let mut out = Vec::new();
    for plan in crate::plans::of_owner(db, &format!("lao:{lao_id}")).await? {
        if plan.kind == crate::plans::PlanKind::Local {
            let t = of_plan(db, &plan).await?;
            out.push((plan, t));
        }
    }
    Ok(out)
}
