//! Signing in and out, and the language switch.

use crate::accounts::{sessions, signin};
use crate::error::{AppError, AppResult};
use crate::web::AppState;
use crate::web::page::{Page, SEE_OTHER, render};
use crate::web::session::{Visitor, clear_session_cookie, session_cookie};
use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "signin.html")]
pub struct SignInPage {
    p: Page,
    username: String,
    error: String,
}

pub async fn form(v: Visitor) -> AppResult<Response> {
    if v.user.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    render(&SignInPage {
        p: Page::new(&v, v.tr.s("signin.title"), "/signin"),
        username: String::new(),
        error: String::new(),
    })
}

#[derive(Deserialize)]
pub struct SignInForm {
    username: String,
    password: String,
}

pub async fn submit(
    State(s): State<AppState>,
    v: Visitor,
    Form(f): Form<SignInForm>,
) -> AppResult<Response> {
    match signin::sign_in(&s.db, &f.username, &f.password, &v.client).await {
        Ok(user) => {
            let (token, _csrf) = sessions::start(&s.db, user.id).await?;
            let to = if user.must_change_password {
                "/account"
            } else {
                "/"
            };
            Ok((
                SEE_OTHER,
                [
                    (
                        header::SET_COOKIE,
                        session_cookie(&token, s.config.secure_cookies),
                    ),
                    (header::LOCATION, to.to_string()),
                ],
            )
                .into_response())
        }
        Err(e @ (AppError::Invalid(_) | AppError::TooManyAttempts(_))) => {
            let status = e.status();
            let page = SignInPage {
                p: Page::new(&v, v.tr.s("signin.title"), "/signin"),
                username: f.username,
                error: e.message(v.tr.lang),
            };
            Ok((status, render(&page)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn sign_out(
    State(s): State<AppState>,
    w: crate::web::write::FormWrite<crate::web::write::Button>,
) -> AppResult<Response> {
    if let Some(token) = &w.v.token {
        sessions::end(&s.db, token).await?;
    }
    Ok((
        SEE_OTHER,
        [
            (header::SET_COOKIE, clear_session_cookie()),
            (header::LOCATION, "/".to_string()),
        ],
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// A path on this server: "/plans/1", not "//evil.example" nor "/\\evil.example" (which
/// browsers read as another host), and nothing that would break the header.
pub fn is_local_path(p: &str) -> bool {
    p.starts_with('/')
        && !p.starts_with("//")
        && !p.contains('\\')
        && !p.chars().any(char::is_control)
}

pub async fn set_lang(Path(lang): Path<String>, Query(n): Query<Next>) -> Response {
    let lang = if lang == "en" { "en" } else { "th" };
    // only local paths, so the switch cannot send anyone elsewhere
    let next = n
        .next
        .filter(|p| is_local_path(p))
        .unwrap_or_else(|| "/".into());
    (
        SEE_OTHER,
        [
            (
                header::SET_COOKIE,
                format!("lang={lang}; Path=/; SameSite=Lax; Max-Age=31536000"),
            ),
            (header::LOCATION, next),
        ],
    )
        .into_response()
}
