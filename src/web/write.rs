//! One way for a page to write: `FormWrite` reads a form post once — the visitor, signed in,
//! whose CSRF token matched, and the form's fields — and `after` answers it: see the result
//! (POST–redirect–GET), or the form again with what went wrong at its status.

use super::AppState;
use super::page::shown;
use super::session::Visitor;
use crate::accounts::User;
use crate::error::{AppError, AppResult, Problem};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

/// A form post by a signed-in user with a matching CSRF token. The fields are read straight
/// from the body, so a number is a number (no flattened structs, whose numbers arrive as text).
pub struct FormWrite<T> {
    pub v: Visitor,
    pub user: User,
    pub form: T,
}

impl<T: DeserializeOwned> FromRequest<AppState> for FormWrite<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let parts_path = parts.uri.path().to_string();
        let v = Visitor::from_request_parts(&mut parts, state).await?;
        let is_form = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|c| c.to_str().ok())
            .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));
        let unreadable = |detail: String| AppError::from(Problem::Unreadable { detail });
        if !is_form {
            return Err(unreadable("not a form post".into()));
        }
        let bytes = axum::body::Bytes::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(|e| unreadable(e.to_string()))?;
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(&bytes).map_err(|e| unreadable(e.to_string()))?;
        if pairs
            .iter()
            .any(|(k, v)| k.contains('\0') || v.contains('\0'))
        {
            return Err(unreadable("a NUL character in a field".into()));
        }
        let csrf = pairs
            .iter()
            .find(|(k, _)| k == "csrf")
            .map_or("", |(_, v)| v.as_str());
        let user = v.check_write(csrf, parts_path.as_str())?.clone();
        let form = serde_urlencoded::from_bytes(&bytes).map_err(|e| unreadable(e.to_string()))?;
        Ok(FormWrite { v, user, form })
    }
}

/// A form with no fields but its CSRF token (a button).
#[derive(serde::Deserialize)]
pub struct Button {}

/// 303 to a page: what a write answers when it worked.
pub fn see(location: impl Into<String>) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, location.into())]).into_response()
}

/// Answers a form write: when it worked, 303 to `done(result)`; when the user can correct it
/// (a mistake, 400) or reload and retry (a conflict, 409), the form again from `again` with
/// the words and that status; anything else (a refusal, a missing record) an error page.
pub async fn after<T, Fut>(
    v: &Visitor,
    result: AppResult<T>,
    done: impl FnOnce(T) -> String,
    again: impl FnOnce((StatusCode, String)) -> Fut,
) -> AppResult<Response>
where
    Fut: Future<Output = AppResult<Response>>,
{
    match result {
        Ok(x) => Ok(see(done(x))),
        Err(e) => {
            let failed = shown(e, v.tr.lang)?;
            let status = failed.0;
            let mut page = again(failed).await?;
            *page.status_mut() = status;
            Ok(page)
        }
    }
}
