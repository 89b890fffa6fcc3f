//! The signed-in user's reminders, and marking them read.

use crate::error::AppResult;
use crate::reporting::notifications::{self, Notification};
use crate::web::AppState;
use crate::web::page::{Page, SEE_OTHER, render};
use crate::web::session::Visitor;
use askama::Template;
use axum::extract::{Form, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "notifications.html")]
pub struct NotificationsPage {
    p: Page,
    items: Vec<(Notification, String)>,
}

/// Where a reminder leads: the calendar of its year, at the unit's district (or the LAO's page).
fn href(n: &Notification) -> String {
    let year = n.fiscal_year.map(|y| y.to_string()).unwrap_or_default();
    match n.unit_key.strip_prefix("lao:") {
        Some(id) => format!("/laos/{id}"),
        None => format!("/calendar?year={year}&area={}", n.unit_key),
    }
}

pub async fn list(State(s): State<AppState>, v: Visitor) -> AppResult<Response> {
    let me = v.user()?;
    let items = notifications::of_user(&s.db, me.id, 200)
        .await?
        .into_iter()
        .map(|n| {
            let h = href(&n);
            (n, h)
        })
        .collect();
    render(&NotificationsPage {
        p: Page::new(&v, v.tr.s("notification.title"), "/notifications"),
        items,
    })
}

#[derive(Deserialize)]
pub struct ReadForm {
    csrf: String,
    /// One notification; absent: all of them.
    id: Option<i64>,
}

pub async fn mark_read(
    State(s): State<AppState>,
    v: Visitor,
    Form(f): Form<ReadForm>,
) -> AppResult<Response> {
    let me = v.check_csrf(&f.csrf)?;
    notifications::mark_read(&s.db, me, f.id).await?;
    Ok((SEE_OTHER, [(header::LOCATION, "/notifications")]).into_response())
}
