//! Similar projects while a new one is typed: the projects of the same tambon (its villages and
//! the tambon itself) in the fiscal years around the one planned, most alike first, so that a
//! need already there is linked instead of entered twice.

use crate::db::{self, Db};
use crate::error::AppError;
use crate::plans::{self, PlanKind};
use crate::text_index::Kind;
use crate::thai::likeness::{self, Likeness};
use crate::thai::text;
use serde::Serialize;

/// How many are shown.
pub const SHOWN: usize = 5;
/// Below this score a project is not shown as similar (lower than `SAME_WORK`: a similar
/// project is worth a look even when it is not the same).
pub const SHOWN_FROM: f64 = 0.45;
/// Fiscal years before and after the one planned.
pub const YEARS_AROUND: i64 = 2;

/// A similar project.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Similar {
    pub project_id: i64,
    pub title: String,
    pub area_code: String,
    /// The fiscal years its plans hold it for.
    pub years: Vec<i64>,
    pub score: f64,
    /// Likely the same work (`likeness::SAME_WORK`, no guard apart).
    pub same_work: bool,
    /// Why it is not the same work however alike: another village, size or place.
    pub apart: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Candidate {
    ref_id: i64,
    title_key: String,
}

#[derive(sqlx::FromRow)]
struct Detail {
    id: i64,
    title: String,
    area_code: String,
}

/// The projects like `typed` near a plan's area — the tambon of a village, tambon or local plan,
/// the district of a district plan, the province of a province plan — held by plans for its
/// first year ± `YEARS_AROUND`; `except` leaves out the project being edited.
pub async fn for_plan(
    db: &Db,
    plan_id: i64,
    typed: &str,
    except: Option<i64>,
) -> Result<Vec<Similar>, AppError> {
    let plan = plans::get(db, plan_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let near = match plan.kind {
        PlanKind::Village | PlanKind::Tambon | PlanKind::Local | PlanKind::Budget => 6,
        PlanKind::District => 4,
        PlanKind::Province | PlanKind::ProvinceAction => 2,
        // an agency's list: the area it was imported for, down to a tambon
        PlanKind::Agency => plan.area_code.len().min(6),
    };
    let prefix = plan.area_code.get(..near).unwrap_or(&plan.area_code);
    Ok(find(db, typed, prefix, plan.first_year, except).await?)
}

/// The projects most like `typed` under the area `prefix`, held by plans for `year` ±
/// `YEARS_AROUND`, most alike first.
pub async fn find(
    db: &Db,
    typed: &str,
    prefix: &str,
    year: i64,
    except: Option<i64>,
) -> anyhow::Result<Vec<Similar>> {
    let t = text::title(typed);
    if t.key.chars().count() < 4 {
        return Ok(Vec::new());
    }
    let (from, to) = db::prefix_range(prefix);
    let rows = db::query_as::<Candidate>(
        "SELECT e.ref_id, e.title_key FROM search_entries e \
         WHERE e.kind = $1 AND e.area_code >= $2 AND e.area_code < $3 AND e.ref_id <> $4 \
           AND EXISTS (SELECT 1 FROM plan_items i WHERE i.project_id = e.ref_id \
             AND i.fiscal_year >= $5 AND i.fiscal_year <= $6)",
    )
    .bind(Kind::Project)
    .bind(from)
    .bind(to)
    .bind(except.unwrap_or(0))
    .bind(year - YEARS_AROUND)
    .bind(year + YEARS_AROUND)
    .fetch_all(db)
    .await?;
    let mut alike: Vec<(f64, i64)> = rows
        .iter()
        .map(|c| (likeness::dice(&t.key, &c.title_key), c.ref_id))
        .filter(|(s, _)| *s >= SHOWN_FROM)
        .collect();
    alike.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
    alike.truncate(SHOWN * 3);
    let mut out = Vec::new();
    for (_, id) in alike {
        let Some(d) =
            db::query_as::<Detail>("SELECT id, title, area_code FROM projects WHERE id = $1")
                .bind(id)
                .fetch_optional(db)
                .await?
        else {
            continue;
        };
        let years: Vec<i64> = db::query_scalar(
            "SELECT DISTINCT fiscal_year FROM plan_items WHERE project_id = $1 ORDER BY fiscal_year",
        )
        .bind(id)
        .fetch_all(db)
        .await?;
        let Likeness { score, apart } = likeness::compare(&t, &text::title(&d.title));
        out.push(Similar {
            project_id: d.id,
            title: d.title,
            area_code: d.area_code,
            years,
            score: (score * 100.0).round() / 100.0,
            same_work: apart.is_none() && score >= likeness::SAME_WORK,
            apart: apart.map(|a| a.th()),
        });
    }
    // the same work first, then the most alike; what a guard keeps apart last
    out.sort_by(|a, b| {
        b.same_work
            .cmp(&a.same_work)
            .then(a.apart.is_some().cmp(&b.apart.is_some()))
            .then(b.score.total_cmp(&a.score))
            .then(b.project_id.cmp(&a.project_id))
    });
    out.truncate(SHOWN);
    Ok(out)
}
