//! The API's JSON: axum's `Json`, except that a body is read strictly. A field the request does
//! not take is refused (400, `unknown_field`, one problem per field) instead of being dropped
//! unread, and a value of the wrong type is a problem like any other (400,
//! `unreadable_request`). Answers are written as axum's `Json` writes them. `ApiWrite` is the
//! one way an API write is read: signed in, its CSRF header checked first, then its body.
//!
//! The fields a body's type would ignore are found by `serde_ignored`, at any depth. A struct
//! that flattens another (`#[serde(flatten)]`) hides them from it: such a struct refuses them
//! itself with `#[serde(deny_unknown_fields)]`, whose error is read back as the same problem.

use super::AppState;
use super::session::Visitor;
use crate::accounts::User;
use crate::error::{AppError, Problem};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

#[derive(Debug, Clone)]
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Response> {
        // axum's own checks and answers first: the content type, and JSON that is not JSON
        let axum::Json(value) = axum::Json::<serde_json::Value>::from_request(req, state)
            .await
            .map_err(IntoResponse::into_response)?;
        read(value).map(Json).map_err(IntoResponse::into_response)
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// A JSON write: a signed-in user whose `X-CSRF-Token` header matches the session (checked
/// before the body is read), and the body read strictly as a `T`.
pub struct ApiWrite<T> {
    pub user: User,
    pub body: T,
}

impl<T: DeserializeOwned> FromRequest<AppState> for ApiWrite<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = req.into_parts();
        let path = parts.uri.path().to_string();
        let user = Visitor::from_request_parts(&mut parts, state)
            .await
            .and_then(|v| v.check_write(csrf_of(&parts.headers), &path).cloned())
            .map_err(IntoResponse::into_response)?;
        let Json(body) = Json::from_request(Request::from_parts(parts, body), state).await?;
        Ok(ApiWrite { user, body })
    }
}

/// Whether a text anywhere in a value holds NUL, which no text of ours has and PostgreSQL
/// refuses to store (schemathesis found it answering 500).
fn holds_nul(value: &serde_json::Value) -> bool {
    use serde_json::Value::*;
    match value {
        String(s) => s.contains('\0'),
        Array(items) => items.iter().any(holds_nul),
        Object(fields) => fields.iter().any(|(k, v)| k.contains('\0') || holds_nul(v)),
        _ => false,
    }
}

/// The CSRF token an API write sends in its `X-CSRF-Token` header ("" when none).
pub fn csrf_of(headers: &HeaderMap) -> &str {
    headers
        .get("x-csrf-token")
        .and_then(|h| h.to_str().ok())
        .unwrap_or("")
}

/// A JSON value as a `T`, refusing every field that `T` does not take. The unknown fields come
/// first, so that a body with a misspelt field says so rather than only that one is missing.
pub fn read<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, AppError> {
    if holds_nul(&value) {
        return Err(Problem::Unreadable {
            detail: "a NUL character in a text".into(),
        }
        .into());
    }
    let mut problems = Vec::new();
    let body = serde_ignored::deserialize(value, |path| {
        problems.push(Problem::UnknownField {
            name: path.to_string(),
        })
    });
    match body {
        Ok(body) if problems.is_empty() => return Ok(body),
        Ok(_) => {}
        Err(e) => problems.push(match refused_field(&e) {
            Some(name) => Problem::UnknownField { name },
            None => {
                tracing::info!("unreadable request: {e}");
                Problem::Unreadable {
                    detail: e.to_string(),
                }
            }
        }),
    }
    Err(problems.into())
}

/// The field named by serde's `deny_unknown_fields` error: "unknown field `x`" (", expected …").
fn refused_field(e: &serde_json::Error) -> Option<String> {
    let rest = e.to_string().strip_prefix("unknown field `")?.to_string();
    rest.split_once('`').map(|(name, _)| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::projects::input::ProjectInput;
    use crate::web::plans_api::Versioned;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize)]
    struct Member {
        #[serde(default)]
        name: String,
    }

    #[derive(Debug, Deserialize)]
    struct Order {
        kind: String,
        #[serde(default)]
        members: Vec<Member>,
        /// a map takes any key
        #[serde(default)]
        expected: std::collections::BTreeMap<String, String>,
    }

    fn refused<T: DeserializeOwned>(v: serde_json::Value) -> AppError {
        match read::<T>(v) {
            Ok(_) => panic!("read"),
            Err(e) => e,
        }
    }

    fn codes(e: AppError) -> Vec<(String, String)> {
        e.problems()
            .iter()
            .map(|p| match p {
                Problem::UnknownField { name } => (p.code().to_string(), name.clone()),
                p => (p.code().to_string(), String::new()),
            })
            .collect()
    }

    #[test]
    fn unknown_fields_are_refused_at_any_depth() {
        let ok: Order =
            read(json!({"kind": "k", "members": [{"name": "a"}], "expected": {"2": "x"}})).unwrap();
        assert_eq!((ok.kind.as_str(), ok.members[0].name.as_str()), ("k", "a"));
        assert_eq!(ok.expected["2"], "x");
        let e = read::<Order>(
            json!({"kind": "k", "colour": 1, "members": [{"name": "a"}, {"nmae": "b"}]}),
        )
        .unwrap_err();
        assert_eq!(e.status(), axum::http::StatusCode::BAD_REQUEST);
        assert_eq!(e.code(), "unknown_field");
        assert_eq!(
            codes(e),
            [
                ("unknown_field".into(), "colour".into()),
                ("unknown_field".into(), "members.1.nmae".into())
            ]
        );
        // a misspelt required field: both what is unknown and what is missing
        let e = read::<Order>(json!({"knd": "k"})).unwrap_err();
        assert_eq!(
            codes(e),
            [
                ("unknown_field".into(), "knd".into()),
                ("unreadable_request".into(), String::new())
            ]
        );
        let e = read::<Order>(json!({"kind": 5})).unwrap_err();
        assert_eq!(codes(e), [("unreadable_request".into(), String::new())]);
    }

    #[test]
    fn a_flattened_body_refuses_unknown_fields_too() {
        let _: Versioned<ProjectInput> =
            read(json!({"version": 3, "title": "ถนน", "forum_id": 4})).unwrap();
        let e =
            refused::<Versioned<ProjectInput>>(json!({"version": 3, "title": "ถนน", "titel": "x"}));
        assert_eq!(codes(e), [("unknown_field".into(), "titel".into())]);
        let e = refused::<Versioned<ProjectInput>>(json!({"title": "ถนน"}));
        assert_eq!(codes(e), [("unreadable_request".into(), String::new())]);
    }
}
