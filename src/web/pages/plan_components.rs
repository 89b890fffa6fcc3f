//! The components district-report item (๓) counts, per fiscal year: read by all, set by CDD's
//! national administrators (`registers::components`).

use super::reports::{YearQuery, notice, year_of};
use crate::error::AppResult;
use crate::registers::components::{self, Component};
use crate::web::AppState;
use crate::web::page::{Page, render};
use crate::web::session::Visitor;
use crate::web::write::{FormWrite, after};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Template)]
#[template(path = "plan_components.html")]
pub struct ComponentsPage {
    p: Page,
    year: i64,
    set_for: i64,
    components: Vec<(&'static str, &'static str, bool)>,
    can_edit: bool,
    notice: String,
    error: String,
}

async fn view(
    s: &AppState,
    v: &Visitor,
    year: i64,
    notice: String,
    error: String,
) -> AppResult<Response> {
    let c = components::for_year(&s.db, year).await?;
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = ComponentsPage {
        p: Page::new(v, v.tr.s("components.title"), "/district-report-settings"),
        year,
        set_for: c.set_for,
        components: Component::ALL
            .into_iter()
            .map(|k| (k.as_str(), k.th(), c.required.contains(&k)))
            .collect(),
        can_edit: components::may_set(v.user.as_ref()),
        notice,
        error,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn page(
    State(s): State<AppState>,
    v: Visitor,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let n = notice(&v, &q);
    view(&s, &v, year_of(&q), n, String::new()).await
}

/// `year` and a `component` per required component.
pub async fn save(
    State(s): State<AppState>,
    w: FormWrite<Vec<(String, String)>>,
) -> AppResult<Response> {
    let year = w
        .form
        .iter()
        .find(|(k, _)| k == "year")
        .and_then(|(_, v)| crate::thai::parse_int(v).ok())
        .unwrap_or(0);
    let chosen: Vec<Component> = w
        .form
        .iter()
        .filter(|(k, _)| k == "component")
        .filter_map(|(_, v)| Component::from_stored(v))
        .collect();
    let r = components::save(&s.db, &w.user, year, &chosen).await;
    after(
        &w.v,
        r,
        |_| format!("/district-report-settings?year={year}&done=saved"),
        |(_, m)| view(&s, &w.v, year, String::new(), m),
    )
    .await
}
