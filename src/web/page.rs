//! What every page shares: the language, the signed-in user, the CSRF token, and rendering.

use super::session::Visitor;
use crate::accounts::User;
use crate::error::{AppError, AppResult};
use crate::i18n::{Lang, Tr};
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

pub struct Page {
    pub t: Tr,
    pub user: Option<User>,
    pub csrf: String,
    pub title: String,
    /// The current path, so the language switch can return here.
    pub path: String,
    /// Unread notifications of the signed-in user.
    pub unread: i64,
}

impl Page {
    pub fn new(v: &Visitor, title: &str, path: &str) -> Page {
        Page {
            t: v.tr,
            user: v.user.clone(),
            csrf: v.csrf.clone(),
            title: title.to_string(),
            path: path.to_string(),
            unread: v.unread,
        }
    }

    pub fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(crate::accounts::administers)
    }
}

pub fn render(t: &impl Template) -> Result<Response, AppError> {
    let html = t.render().map_err(|e| AppError::Internal(e.into()))?;
    Ok(Html(html).into_response())
}

/// The API's errors are the same `AppError`, worded as JSON by `errors::render`.
pub type ApiError = AppError;

/// What a form shows again after a write went wrong: its own mistakes (400) and conflicts
/// (409), worded for the reader. Anything else (a refusal, a missing record) is an error page.
pub fn shown(e: AppError, lang: Lang) -> Result<(StatusCode, String), AppError> {
    match e {
        AppError::Invalid(_) | AppError::Conflict(_) => Ok((e.status(), e.message(lang))),
        e => Err(e),
    }
}

/// A page rendered again after a write, with the status of what went wrong.
pub fn again(status: StatusCode, page: AppResult<Response>) -> AppResult<Response> {
    let mut page = page?;
    *page.status_mut() = status;
    Ok(page)
}

pub fn not_found() -> AppError {
    AppError::not_found()
}

pub const SEE_OTHER: StatusCode = StatusCode::SEE_OTHER;
