//! The audit log of the user's area.

use crate::accounts::audit_log;
use crate::audit;
use crate::error::AppResult;
use crate::web::AppState;
use crate::web::page::{Page, render};
use crate::web::session::Visitor;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct AuditQuery {
    area: Option<String>,
    before: Option<i64>,
}

#[derive(Template)]
#[template(path = "audit.html")]
pub struct AuditPage {
    p: Page,
    area: String,
    entries: Vec<audit::Entry>,
    older: Option<String>,
}

const PAGE: i64 = 100;

pub async fn list(
    State(s): State<AppState>,
    v: Visitor,
    Query(q): Query<AuditQuery>,
) -> AppResult<Response> {
    let user = v.user()?;
    let read = audit_log::read(&s.db, user, q.area.as_deref(), q.before, PAGE).await?;
    render(&AuditPage {
        p: Page::new(&v, v.tr.s("audit.title"), "/audit"),
        older: read
            .older
            .map(|id| format!("/audit?area={}&before={id}", read.area)),
        area: read.area,
        entries: read.entries,
    })
}
