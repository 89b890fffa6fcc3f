//! A plan's own projects (ONEPLAN.md section 4): the projects a local, district or province plan
//! raises itself, beside those it adopts from the plans below — for an LAO, the ผ.02 table of its
//! แผนพัฒนาท้องถิ่น (strategy, programme, project, objective, output, budget for each of the five
//! years, indicator, expected result, responsible unit). Each is one project record raised in the
//! plan (origin = the plan) with its item there; its ผ.02 columns and yearly budgets are in
//! `own_projects` and `own_project_years`. Typed entry and its checks (`input`), adding, editing
//! and deleting (`write`), the spreadsheet import (`import`, `sheet`), the totals of both kinds
//! per year (`totals`). Never counted by KPI 3.2 items 7–8: those count projects of the
//! integrated community plans only, and an own project is raised in no community plan.

pub mod import;
pub mod input;

pub mod totals;
pub mod write;

use crate::db::{self, Db};
use crate::dimensions::Dimension;
use crate::plans::PlanKind;
use serde::Serialize;

pub use input::OwnInput;
pub use totals::{PlanTotals, YearTotal};
pub use write::{add, delete, update};

/// The plans that hold projects of their own.
pub fn holds_own(kind: PlanKind) -> bool {
    matches!(
        kind,
        PlanKind::Local | PlanKind::District | PlanKind::Province
    )
}

/// One year's budget of an own project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct YearAmount {
    /// Fiscal year, Buddhist era.
    pub year: i64,
    pub amount_satang: i64,
}

/// An own project as the plan's ผ.02 table shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OwnProject {
    pub project_id: i64,
    pub plan_id: i64,
    /// ที่: its place in the table.
    pub seq: i64,
    pub strategy: String,
    pub work_plan: String,
    pub title: String,
    pub objective: String,
    pub output: String,
    /// One per year of the plan's span, in order.
    pub years: Vec<YearAmount>,
    pub total_satang: i64,
    pub indicator: String,
    pub expected_result: String,
    pub responsible: String,
    pub dimension: Dimension,
    /// The project's version, for editing.
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    project_id: i64,
    plan_id: i64,
    seq: i64,
    strategy: String,
    work_plan: String,
    title: String,
    objective: String,
    output: String,
    budget_satang: i64,
    indicator: String,
    expected_result: String,
    responsible: String,
    dimension: Dimension,
    version: i64,
}

const SELECT: &str = "SELECT o.project_id, o.plan_id, o.seq, o.strategy, o.work_plan, p.title, p.objective, o.output, \
     p.budget_satang, o.indicator, o.expected_result, o.responsible, p.dimension, p.version \
     FROM own_projects o JOIN projects p ON p.id = o.project_id";

#[derive(sqlx::FromRow)]
struct YearRow {
    project_id: i64,
    year: i64,
    amount_satang: i64,
}

fn assemble(rows: Vec<Row>, years: Vec<YearRow>) -> Vec<OwnProject> {
    rows.into_iter()
        .map(|r| OwnProject {
            years: years
                .iter()
                .filter(|y| y.project_id == r.project_id)
                .map(|y| YearAmount {
                    year: y.year,
                    amount_satang: y.amount_satang,
                })
                .collect(),
            project_id: r.project_id,
            plan_id: r.plan_id,
            seq: r.seq,
            strategy: r.strategy,
            work_plan: r.work_plan,
            title: r.title,
            objective: r.objective,
            output: r.output,
            total_satang: r.budget_satang,
            indicator: r.indicator,
            expected_result: r.expected_result,
            responsible: r.responsible,
            dimension: r.dimension,
            version: r.version,
        })
        .collect()
}

/// The plan's own projects in the order of its table.
pub async fn of_plan(db: &Db, plan_id: i64) -> anyhow::Result<Vec<OwnProject>> {
    let rows = db::query_as::<Row>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE o.plan_id = $1 ORDER BY o.seq, o.project_id"
    )))
    .bind(plan_id)
    .fetch_all(db)
    .await?;
    let years = db::query_as::<YearRow>(
        "SELECT y.project_id, y.fiscal_year AS year, y.amount_satang FROM own_project_years y \
         JOIN own_projects o ON o.project_id = y.project_id WHERE o.plan_id = $1 ORDER BY y.fiscal_year",
    )
    .bind(plan_id)
    .fetch_all(db)
    .await?;
    Ok(assemble(rows, years))
}

/// One own project; None when the project is not an own project of any plan.
pub async fn get(db: &Db, project_id: i64) -> anyhow::Result<Option<OwnProject>> {
    let row = db::query_as::<Row>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE o.project_id = $1"
    )))
    .bind(project_id)
    .fetch_optional(db)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let years = db::query_as::<YearRow>(
        "SELECT project_id, fiscal_year AS year, amount_satang FROM own_project_years WHERE project_id = $1 ORDER BY fiscal_year",
    )
    .bind(project_id)
    .fetch_all(db)
    .await?;
    Ok(assemble(vec![row], years).pop())
}
