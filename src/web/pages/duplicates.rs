//! The duplicate review page: likely duplicates of an area and year, each decided here.

use crate::duplicates::review::{self, DecisionInput};
use crate::duplicates::{self, Finding};
use crate::error::AppResult;
use crate::web::AppState;
use crate::web::page::{Page, render};
use crate::web::session::Visitor;
use crate::web::write::{FormWrite, see};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct AreaYear {
    #[serde(default)]
    area: String,
    #[serde(default)]
    year: String,
}

#[derive(Template)]
#[template(path = "duplicates.html")]
pub struct DuplicatesPage {
    p: Page,
    area: String,
    year: String,
    error: Option<String>,
    findings: Vec<Finding>,
    /// Whether the visitor may decide (signed in; the decision itself checks the area).
    may_decide: bool,
}

pub async fn page(
    State(s): State<AppState>,
    v: Visitor,
    Query(q): Query<AreaYear>,
) -> AppResult<Response> {
    let t = v.tr;
    let area = v.area_or_own(&q.area);
    let year = if q.year.trim().is_empty() {
        crate::thai::fiscal_year_be(crate::thai::fiscal::today_in_thailand()).to_string()
    } else {
        q.year.trim().to_string()
    };
    let (findings, error) = match crate::thai::parse_int(&year) {
        Ok(y) if !area.is_empty() => match duplicates::find::in_area(&s.db, &area, y).await {
            Ok(f) => (f, None),
            Err(e) => (Vec::new(), Some(e.message(t.lang))),
        },
        Ok(_) => (Vec::new(), None),
        Err(_) => (Vec::new(), Some(t.s("duplicates.year.bad").to_string())),
    };
    let page = DuplicatesPage {
        p: Page::new(&v, t.s("duplicates.title"), "/duplicates"),
        may_decide: v.user.is_some(),
        area,
        year,
        error,
        findings,
    };
    render(&page)
}

#[derive(Deserialize)]
pub struct DecideForm {
    a: i64,
    b: i64,
    verdict: String,
    keep: Option<i64>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    area: String,
    #[serde(default)]
    year: String,
}

pub async fn decide(State(s): State<AppState>, w: FormWrite<DecideForm>) -> AppResult<Response> {
    let f = w.form;
    review::record(
        &s.db,
        &w.user,
        &DecisionInput {
            a: f.a,
            b: f.b,
            verdict: f.verdict,
            keep: f.keep,
            note: f.note,
        },
    )
    .await?;
    let back = serde_urlencoded::to_string([("area", f.area.as_str()), ("year", f.year.as_str())])
        .unwrap_or_default();
    Ok(see(&format!("/duplicates?{back}")))
}
