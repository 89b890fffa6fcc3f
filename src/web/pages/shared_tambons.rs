//! The district's shared tambons (ตำบลที่ใช้ร่วมกันหลาย อปท.): those not yet split first, a form
//! per tambon with a select per village, saved in one write, and the assignments so far.

use super::areas::{Crumb, crumbs};
use crate::areas;
use crate::error::AppResult;
use crate::shared_tambons::assign::{self, AssignInput};
use crate::shared_tambons::{self, DistrictTambons};
use crate::web::AppState;
use crate::web::page::{Page, render};
use crate::web::session::Visitor;
use crate::web::write::{FormWrite, after};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "shared_tambons.html")]
pub struct SharedTambonsPage {
    p: Page,
    crumbs: Vec<Crumb>,
    d: DistrictTambons,
    notice: String,
    error: String,
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

async fn page(
    s: &AppState,
    v: &Visitor,
    code: &str,
    notice: String,
    error: String,
) -> AppResult<Response> {
    let d = shared_tambons::of_district(&s.db, code, v.user.as_ref()).await?;
    let title = format!("{} · {}", v.tr.s("split.title"), d.district_name);
    render(&SharedTambonsPage {
        p: Page::new(v, &title, &format!("/areas/{code}/shared-tambons")),
        crumbs: crumbs(&v.tr, &areas::path(&s.db, code).await?),
        d,
        notice,
        error,
    })
}

pub async fn show(
    State(s): State<AppState>,
    v: Visitor,
    Path(code): Path<String>,
    Query(q): Query<DoneQuery>,
) -> AppResult<Response> {
    let notice = match q.done.as_deref() {
        Some("split") => v.tr.s("split.saved").to_string(),
        _ => String::new(),
    };
    page(&s, &v, &code, notice, String::new()).await
}

pub async fn save(
    State(s): State<AppState>,
    Path(code): Path<String>,
    w: FormWrite<Vec<(String, String)>>,
) -> AppResult<Response> {
    let input = AssignInput::from_form(&w.form);
    let r = assign::assign(&s.db, &w.user, &input).await;
    after(
        &w.v,
        r,
        |_| format!("/areas/{code}/shared-tambons?done=split"),
        |(_, m)| page(&s, &w.v, &code, String::new(), m),
    )
    .await
}
