//! Other agencies' project lists of an area: those imported, and the form that imports one
//! (.xlsx or CSV). The rules and the writes are `agency_plans`; this module extracts, calls
//! and renders.

use crate::agency_plans::import::{self, ImportInput};
use crate::agency_plans::{self, Listed};
use crate::error::{AppResult, Field, Problem};
use crate::web::AppState;
use crate::web::page::{Page, render, shown};
use crate::web::session::Visitor;
use crate::web::write::see;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "agency_plans.html")]
pub struct AgencyPlansPage {
    p: Page,
    area: String,
    /// Where the area is, from the province down ("" when none is chosen).
    place: String,
    lists: Vec<Listed>,
    notice: String,
    /// Every mistake of a refused file, each with its row.
    errors: Vec<String>,
    /// What the import form held, kept when the file is refused.
    typed: ImportInput,
}

#[derive(Deserialize, Default)]
pub struct AreaQuery {
    #[serde(default)]
    area: String,
    done: Option<usize>,
}

async fn show(
    s: &AppState,
    v: &Visitor,
    area: String,
    notice: String,
    errors: Vec<String>,
    typed: ImportInput,
) -> AppResult<Response> {
    let area = crate::thai::to_arabic_digits(area.trim());
    let mut errors = errors;
    let (lists, place) = if area.is_empty() {
        (Vec::new(), String::new())
    } else {
        match agency_plans::of_area(&s.db, &area).await {
            Ok(lists) => {
                let places = crate::areas::places(&s.db, std::iter::once(area.as_str())).await?;
                (lists, places.get(&area).cloned().unwrap_or_default())
            }
            Err(e) => {
                errors.push(shown(e, v.tr.lang)?.1);
                (Vec::new(), String::new())
            }
        }
    };
    render(&AgencyPlansPage {
        p: Page::new(v, v.tr.s("agency.title"), "/agency-plans"),
        typed: ImportInput {
            area_code: if typed.area_code.is_empty() {
                area.clone()
            } else {
                typed.area_code
            },
            ..typed
        },
        area,
        place,
        lists,
        notice,
        errors,
    })
}

pub async fn page(
    State(s): State<AppState>,
    v: Visitor,
    Query(q): Query<AreaQuery>,
) -> AppResult<Response> {
    let area = v.area_or_own(&q.area);
    let notice = match q.done {
        Some(n) => format!(
            "{} {n} {}",
            v.tr.s("agency.done"),
            v.tr.s("agency.projects")
        ),
        None => String::new(),
    };
    show(&s, &v, area, notice, Vec::new(), ImportInput::default()).await
}

/// The file uploaded with its area, agency and year: all rows go in, or the page lists every
/// mistake with its row.
pub async fn import(
    State(s): State<AppState>,
    v: Visitor,
    form: axum::extract::Multipart,
) -> AppResult<Response> {
    let crate::web::upload::Upload {
        csrf, file, fields, ..
    } = crate::web::upload::read(form).await?;
    let user = v.check_csrf(&csrf)?.clone();
    let field = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let input = ImportInput {
        area_code: field("area_code"),
        agency_name: field("agency_name"),
        fiscal_year: field("fiscal_year"),
    };
    let r = if file.is_empty() {
        Err(Problem::Missing { field: Field::File }.into())
    } else {
        import::import(&s.db, &user, &input, &file).await
    };
    match r {
        Ok(done) => Ok(see(format!(
            "/agency-plans?area={}&done={}",
            done.area_code, done.projects
        ))),
        Err(e) => {
            let messages: Vec<String> = e.problems().iter().map(|p| p.message(v.tr.lang)).collect();
            let (status, _) = shown(e, v.tr.lang)?;
            let area = input.area_code.clone();
            let mut page = show(&s, &v, area, String::new(), messages, input).await?;
            *page.status_mut() = status;
            Ok(page)
        }
    }
}
