//! The signed-in user's reminders, and marking them read.

use crate::error::AppResult;
use crate::reporting::notifications::{self, Notification};
use crate::web::AppState;
use crate::web::page::{Page, render};
use crate::web::session::Visitor;
use crate::web::write::FormWrite;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
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
    /// One notification; absent: all of them.
    id: Option<i64>,
}

pub async fn mark_read(State(s): State<AppState>, w: FormWrite<ReadForm>) -> AppResult<Response> {
    notifications::mark_read(&s.db, &w.user, w.form.id).await?;
    Ok(crate::web::write::see("/notifications"))
}
