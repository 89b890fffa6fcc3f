//! Who is asking: the session cookie, the language cookie, the client address, and the CSRF check.

use super::AppState;
use crate::accounts::{User, sessions};
use crate::error::AppError;
use crate::i18n::{Lang, Tr};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The visitor: maybe signed in, always with a language.
pub struct Visitor {
    pub user: Option<User>,
    pub csrf: String,
    pub token: Option<String>,
    pub tr: Tr,
    pub client: String,
    /// Unread notifications, for the badge in the page header.
    pub unread: i64,
}

impl Visitor {
    /// The signed-in user, or 401.
    pub fn user(&self) -> Result<&User, AppError> {
        self.user.as_ref().ok_or(AppError::SignInRequired)
    }

    /// Refuses a write whose CSRF token does not match the session's.
    pub fn check_csrf(&self, sent: &str) -> Result<&User, AppError> {
        let user = self.user()?;
        if sent.is_empty() || !sessions::same_token(sent, &self.csrf) {
            return Err(crate::error::Problem::FormExpired.into());
        }
        Ok(user)
    }
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let tr = Tr {
            lang: Lang::from_cookie(cookie(&parts.headers, "lang")),
        };
        let client = parts
            .extensions
            .get::<ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip().to_string())
            .unwrap_or_else(|| "local".into());
        let token = cookie(&parts.headers, sessions::COOKIE).map(str::to_string);
        let session = match &token {
            Some(t) => sessions::find(&state.db, t).await?,
            None => None,
        };
        let unread = match &session {
            Some(s) => crate::reporting::notifications::unread_count(&state.db, s.user.id).await?,
            None => 0,
        };
        Ok(match session {
            Some(s) => Visitor {
                unread,
                user: Some(s.user),
                csrf: s.csrf_token,
                token,
                tr,
                client,
            },
            None => Visitor {
                unread,
                user: None,
                csrf: String::new(),
                token: None,
                tr,
                client,
            },
        })
    }
}

pub fn session_cookie(token: &str, secure: bool) -> String {
    format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        sessions::COOKIE,
        sessions::LIFETIME.whole_seconds(),
        if secure { "; Secure" } else { "" }
    )
}

pub fn clear_session_cookie() -> String {
    format!(
        "{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0",
        sessions::COOKIE
    )
}
