//! The plan page's own projects (ผ.02): the rows and totals it shows, and its form posts — add,
//! change, delete, import a spreadsheet.

use super::{answer, show};
use crate::error::{AppResult, Field, Problem};
use crate::own::{self, OwnInput, OwnProject};
use crate::projects::input::ProjectInput;
use crate::views::PlanView;
use crate::web::AppState;
use crate::web::page::shown;
use crate::web::pages::format::{baht, dimension_label};
use crate::web::write::FormWrite;
use axum::extract::{Path, State};
use axum::response::Response;
use std::collections::HashMap;

/// An own project's fields as a form shows them; `budgets` one per year of the plan.
pub struct OwnForm {
    pub strategy: String,
    pub work_plan: String,
    pub title: String,
    pub objective: String,
    pub output: String,
    pub budgets: Vec<(i64, String)>,
    pub indicator: String,
    pub expected_result: String,
    pub responsible: String,
    pub dimension: String,
}

impl OwnForm {
    fn of(input: &OwnInput, years: &[i64]) -> OwnForm {
        OwnForm {
            strategy: input.strategy.clone(),
            work_plan: input.work_plan.clone(),
            title: input.title.clone(),
            objective: input.objective.clone(),
            output: input.output.clone(),
            budgets: years
                .iter()
                .map(|y| {
                    let typed = input.budgets.get(&y.to_string()).cloned();
                    (*y, typed.unwrap_or_default())
                })
                .collect(),
            indicator: input.indicator.clone(),
            expected_result: input.expected_result.clone(),
            responsible: input.responsible.clone(),
            dimension: input.dimension.clone(),
        }
    }
}

pub struct OwnRow {
    pub project_id: i64,
    pub seq: i64,
    pub strategy: String,
    pub work_plan: String,
    pub title: String,
    pub objective: String,
    pub output: String,
    pub amounts: Vec<String>,
    pub total: String,
    pub indicator: String,
    pub expected_result: String,
    pub responsible: String,
    pub dimension: String,
    pub version: i64,
    pub form: OwnForm,
}

pub struct TotalRow {
    pub year: i64,
    pub adopted: String,
    pub own: String,
    pub total: String,
}

/// The own-project box of the plan page.
pub struct OwnBox {
    pub years: Vec<i64>,
    pub rows: Vec<OwnRow>,
    pub totals: Vec<TotalRow>,
    pub adopted_count: i64,
    pub own_count: i64,
    pub adopted: String,
    pub own: String,
    pub total: String,
    pub blank: OwnForm,
}

impl OwnBox {
    pub fn of(t: &crate::i18n::Tr, view: &PlanView) -> OwnBox {
        let years: Vec<i64> = (view.plan.first_year..=view.plan.last_year).collect();
        let row = |o: &OwnProject| OwnRow {
            project_id: o.project_id,
            seq: o.seq,
            strategy: o.strategy.clone(),
            work_plan: o.work_plan.clone(),
            title: o.title.clone(),
            objective: o.objective.clone(),
            output: o.output.clone(),
            amounts: years
                .iter()
                .map(|y| {
                    let a = o.years.iter().find(|x| x.year == *y);
                    baht(a.map_or(0, |x| x.amount_satang))
                })
                .collect(),
            total: baht(o.total_satang),
            indicator: o.indicator.clone(),
            expected_result: o.expected_result.clone(),
            responsible: o.responsible.clone(),
            dimension: dimension_label(t, o.dimension),
            version: o.version,
            form: OwnForm::of(&OwnInput::of(o), &years),
        };
        let tt = &view.totals;
        OwnBox {
            rows: view.own_projects.iter().map(row).collect(),
            totals: tt
                .years
                .iter()
                .map(|y| TotalRow {
                    year: y.year,
                    adopted: baht(y.adopted_satang),
                    own: baht(y.own_satang),
                    total: baht(y.total_satang),
                })
                .collect(),
            adopted_count: tt.adopted_count,
            own_count: tt.own_count,
            adopted: baht(tt.adopted_satang),
            own: baht(tt.own_satang),
            total: baht(tt.total_satang),
            blank: OwnForm::of(&OwnInput::default(), &years),
            years,
        }
    }
}

fn version_of(f: &HashMap<String, String>) -> i64 {
    f.get("version").and_then(|v| v.parse().ok()).unwrap_or(-1)
}

pub async fn add_own(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<HashMap<String, String>>,
) -> AppResult<Response> {
    let input = OwnInput::from_form(&w.form);
    let r = own::add(&s.db, &w.user, id, version_of(&w.form), &input).await;
    answer(&s, &w.v, id, r, "own", ProjectInput::default()).await
}

pub async fn update_own(
    State(s): State<AppState>,
    Path((id, project)): Path<(i64, i64)>,
    w: FormWrite<HashMap<String, String>>,
) -> AppResult<Response> {
    let input = OwnInput::from_form(&w.form);
    let r = own::update(&s.db, &w.user, project, version_of(&w.form), &input).await;
    answer(&s, &w.v, id, r, "own_updated", ProjectInput::default()).await
}

pub async fn delete_own(
    State(s): State<AppState>,
    Path((id, project)): Path<(i64, i64)>,
    w: FormWrite<HashMap<String, String>>,
) -> AppResult<Response> {
    let r = own::delete(&s.db, &w.user, project, version_of(&w.form)).await;
    answer(&s, &w.v, id, r, "own_deleted", ProjectInput::default()).await
}

/// A spreadsheet in the ผ.02 layout, uploaded: all rows go in, or the page lists every mistake.
pub async fn import_own(
    State(s): State<AppState>,
    v: crate::web::session::Visitor,
    Path(id): Path<i64>,
    form: axum::extract::Multipart,
) -> AppResult<Response> {
    let crate::web::upload::Upload {
        csrf,
        version,
        file,
        ..
    } = crate::web::upload::read(form).await?;
    let user = v.check_csrf(&csrf)?.clone();
    let r = if file.is_empty() {
        Err(Problem::Missing { field: Field::File }.into())
    } else {
        own::import::import(&s.db, &user, id, version, &file).await
    };
    match r {
        Ok(_) => Ok(crate::web::write::see(format!(
            "/plans/{id}?done=plan.done.own_imported"
        ))),
        Err(e) => {
            let failed = shown(e, v.tr.lang)?;
            show(
                &s,
                &v,
                id,
                String::new(),
                Some(failed),
                ProjectInput::default(),
            )
            .await
        }
    }
}
