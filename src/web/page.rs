//! What every page shares: the language, the signed-in user, the CSRF token, and rendering.

use super::session::Visitor;
use crate::accounts::{Role, User};
use crate::error::AppError;
use crate::i18n::{Lang, Tr};
use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

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
        self.user.as_ref().is_some_and(|u| u.role == Role::Admin)
    }
}

pub fn render(t: &impl Template) -> Result<Response, AppError> {
    let html = t.render().map_err(|e| AppError::Internal(e.into()))?;
    Ok(Html(html).into_response())
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    p: Page,
    message: String,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(e) = &self {
            tracing::error!("{e:#}");
        }
        if matches!(self, AppError::SignInRequired) {
            return Redirect::to("/signin").into_response();
        }
        let page = ErrorPage {
            p: Page {
                t: Tr { lang: Lang::Th },
                user: None,
                csrf: String::new(),
                title: "ดำเนินการไม่สำเร็จ".into(),
                path: "/".into(),
                unread: 0,
            },
            message: self.message_th(),
        };
        let body = page.render().unwrap_or_else(|_| self.message_th());
        (self.status(), Html(body)).into_response()
    }
}

/// JSON errors for the API: `{"error": {"code": "forbidden", "message": "…"}}`.
pub struct ApiError(pub AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let AppError::Internal(e) = &self.0 {
            tracing::error!("{e:#}");
        }
        let status = self.0.status();
        let body =
            serde_json::json!({"error": {"code": self.0.code(), "message": self.0.message_th()}});
        (status, axum::Json(body)).into_response()
    }
}

pub fn not_found() -> AppError {
    AppError::NotFound(String::new())
}

pub const SEE_OTHER: StatusCode = StatusCode::SEE_OTHER;
