//! Other agencies' plans (issue 15, seed 001's complaint of plans that overlap in "ระยะเวลา
//! งบประมาณ รูปแบบ"): a line agency's or another department's project list for an area,
//! imported from its file (`import`) as that agency's plan — one per agency and fiscal year,
//! of the kind `PlanKind::Agency` — so that its projects stand beside the village, tambon and
//! local plans' and the duplicate review (`duplicates`) finds where they overlap. Each row is
//! one project record in its village, community or tambon (`place`). Such a list adopts
//! nothing, and nothing adopts from it.

pub mod import;
pub mod place;

use crate::db::{self, Db};
use crate::error::{AppError, Field, Problem, Thing};
use crate::plans::Status;
use serde::Serialize;

/// The owner key of an agency's list (`plans.owner_key`): its area and the agency's name.
pub fn owner_key(area_code: &str, agency_name: &str) -> String {
    format!("agency:{area_code}:{agency_name}")
}

/// An agency's list as an area's page shows it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Listed {
    pub plan_id: i64,
    pub agency_name: String,
    /// Fiscal year, Buddhist era.
    pub fiscal_year: i64,
    /// The area it was imported for.
    pub area_code: String,
    pub status: Status,
    pub projects: i64,
    pub budget_satang: i64,
}

/// The agencies' lists of an area: those imported for it or an area under it, and those of the
/// areas it lies in (a province's list covers its districts' villages); newest year first.
pub async fn of_area(db: &Db, typed: &str) -> Result<Vec<Listed>, AppError> {
    let code = crate::thai::to_arabic_digits(typed.trim());
    if code.is_empty() {
        return Err(Problem::Missing {
            field: Field::AreaCode,
        }
        .into());
    }
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::UnknownCode {
            field: Field::AreaCode,
            thing: Thing::AnyArea,
            code,
        }
        .into());
    }
    let code = code.as_str();
    let (from, to) = db::prefix_range(code);
    let above: Vec<String> = [2, 4, 6]
        .iter()
        .filter(|n| **n < code.len())
        .map(|n| code[..*n].to_string())
        .collect();
    let mut q = db::query_as::<Listed>(
        "SELECT pl.id AS plan_id, pl.agency_name, pl.first_year AS fiscal_year, pl.area_code, pl.status, \
           CAST(COUNT(i.project_id) AS BIGINT) AS projects, CAST(COALESCE(SUM(i.amount_satang), 0) AS BIGINT) AS budget_satang \
         FROM plans pl LEFT JOIN plan_items i ON i.plan_id = pl.id \
         WHERE pl.kind = 'agency' AND ((pl.area_code >= $1 AND pl.area_code < $2) OR pl.area_code IN ($3, $4, $5)) \
         GROUP BY pl.id, pl.agency_name, pl.first_year, pl.area_code, pl.status",
    )
    .bind(from)
    .bind(to);
    for n in 0..3 {
        q = q.bind(above.get(n).cloned().unwrap_or_default());
    }
    let mut lists = q.fetch_all(db).await?;
    // ordered here: the two databases collate Thai differently
    lists.sort_by(|a, b| {
        b.fiscal_year
            .cmp(&a.fiscal_year)
            .then_with(|| a.agency_name.cmp(&b.agency_name))
            .then(a.plan_id.cmp(&b.plan_id))
    });
    Ok(lists)
}
