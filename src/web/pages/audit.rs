//! The audit log of the user's area.

use crate::audit;
use crate::error::{AppError, AppResult};
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
    let (prefix, lao_id) = match user.scope.area_prefix() {
        Some(own) => {
            let asked = crate::thai::to_arabic_digits(q.area.as_deref().unwrap_or("").trim());
            // narrower than the user's own area is fine; wider is not
            if asked.is_empty() || !asked.starts_with(own) {
                if !asked.is_empty() {
                    return Err(AppError::Forbidden(format!(
                        "พื้นที่รหัส {asked} อยู่นอกพื้นที่รับผิดชอบของท่าน"
                    )));
                }
                (own.to_string(), None)
            } else {
                (asked, None)
            }
        }
        None => {
            let lao = crate::areas::lao_by_key(&s.db, &user.scope.code).await?;
            (String::new(), Some(lao.map(|l| l.id).unwrap_or(-1)))
        }
    };
    let entries = audit::list(&s.db, &prefix, lao_id, q.before, PAGE).await?;
    let older = (entries.len() as i64 == PAGE)
        .then(|| {
            entries
                .last()
                .map(|e| format!("/audit?area={prefix}&before={}", e.id))
        })
        .flatten();
    render(&AuditPage {
        p: Page::new(&v, v.tr.s("audit.title"), "/audit"),
        area: prefix,
        entries,
        older,
    })
}
