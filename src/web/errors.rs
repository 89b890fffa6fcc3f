//! Every error answer, in the reader's language. A handler returns an `AppError`; it leaves the
//! handler as a status and the problems (`Unrendered`), and `render` words them for the request:
//! an error page, or the API's `{"error": {code, message, field, problems}}`. What axum answers
//! by itself (a body it cannot read, an unknown path or method) is worded the same way.

use super::session::cookie;
use crate::error::{AppError, Problem, Thing};
use crate::i18n::{Lang, Tr};
use askama::Template;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};

/// An error answer waiting for the request's language.
#[derive(Clone, Debug)]
struct Unrendered {
    /// invalid, forbidden, not_found, conflict, too_many_attempts, sign_in_required or internal
    kind: &'static str,
    code: &'static str,
    problems: Vec<Problem>,
    sign_in: bool,
    internal: bool,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(e) = &self {
            tracing::error!("{e:#}");
        }
        let mut res = self.status().into_response();
        let kind = kind_of(res.status());
        res.extensions_mut().insert(Unrendered {
            kind,
            code: self.code(),
            problems: self.problems().to_vec(),
            sign_in: matches!(self, AppError::SignInRequired),
            internal: matches!(self, AppError::Internal(_)),
        });
        res
    }
}

impl Unrendered {
    fn message(&self, lang: Lang) -> String {
        if self.sign_in {
            return AppError::SignInRequired.message(lang);
        }
        if self.internal || self.problems.is_empty() {
            return AppError::Internal(anyhow::anyhow!("")).message(lang);
        }
        self.problems
            .iter()
            .map(|p| p.message(lang))
            .collect::<Vec<_>>()
            .join(" · ")
    }

    fn json(&self, lang: Lang) -> serde_json::Value {
        let field = self
            .problems
            .iter()
            .find_map(Problem::field)
            .map(|f| f.name());
        let problems: Vec<serde_json::Value> = self
            .problems
            .iter()
            .map(|p| {
                serde_json::json!({
                    "code": p.code(), "message": p.message(lang), "field": p.field().map(|f| f.name()),
                })
            })
            .collect();
        serde_json::json!({"error": {
            "kind": self.kind, "code": self.code, "message": self.message(lang), "field": field,
            "problems": problems,
        }})
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    p: super::page::Page,
    message: String,
}

/// The class of an error answer, for clients that handle all problems of a kind alike.
fn kind_of(status: StatusCode) -> &'static str {
    match status {
        StatusCode::UNAUTHORIZED => "sign_in_required",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::CONFLICT => "conflict",
        StatusCode::TOO_MANY_REQUESTS => "too_many_attempts",
        s if s.is_server_error() => "internal",
        _ => "invalid",
    }
}

/// The page of an error, in the reader's language.
fn page(lang: Lang, message: String) -> Html<String> {
    let t = Tr { lang };
    let p = super::page::Page {
        t,
        user: None,
        csrf: String::new(),
        title: t.s("error.title").to_string(),
        path: "/".into(),
        unread: 0,
    };
    let html = ErrorPage {
        p,
        message: message.clone(),
    }
    .render()
    .unwrap_or(message);
    Html(html)
}

/// What axum says by itself, as a problem: a body it could not read, or no such page or method.
fn framework_answer(res: &Response, body: &str) -> Option<(&'static str, Problem)> {
    let text = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_none_or(|v| v.starts_with("text/plain"));
    if !text {
        return None;
    }
    Some(match res.status() {
        StatusCode::NOT_FOUND => ("not_found", Problem::missing(Thing::Page)),
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", Problem::MethodNotAllowed),
        StatusCode::PAYLOAD_TOO_LARGE => ("too_large", Problem::TooLarge),
        StatusCode::BAD_REQUEST
        | StatusCode::UNPROCESSABLE_ENTITY
        | StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            tracing::info!("unreadable request: {}", body.trim());
            (
                "unreadable_request",
                Problem::Unreadable {
                    detail: body.trim().to_string(),
                },
            )
        }
        _ => return None,
    })
}

pub async fn render(req: Request, next: Next) -> Response {
    let lang = Lang::from_cookie(cookie(req.headers(), "lang"));
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let (unrendered, res) = match res.extensions().get::<Unrendered>().cloned() {
        Some(u) => (u, res),
        None if res.status().is_client_error() => {
            let status = res.status();
            let (parts, body) = res.into_parts();
            let bytes = axum::body::to_bytes(body, 64 * 1024)
                .await
                .unwrap_or_default();
            let res = Response::from_parts(parts, axum::body::Body::from(bytes.clone()));
            match framework_answer(&res, &String::from_utf8_lossy(&bytes)) {
                Some((code, problem)) => (
                    Unrendered {
                        kind: kind_of(status),
                        code,
                        problems: vec![problem],
                        sign_in: false,
                        internal: false,
                    },
                    res,
                ),
                None => return res,
            }
        }
        None => return res,
    };
    let status = res.status();
    if unrendered.sign_in && !api {
        return Redirect::to("/signin").into_response();
    }
    let (mut parts, _) = res.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = if api {
        parts.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        axum::body::Body::from(unrendered.json(lang).to_string())
    } else {
        parts.headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        axum::body::Body::from(page(lang, unrendered.message(lang)).0)
    };
    let mut out = Response::from_parts(parts, body);
    *out.status_mut() = status;
    out
}
