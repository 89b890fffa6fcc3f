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
    /// The area typed in a page's query, or else the signed-in user's own ("" for none).
    pub fn area_or_own(&self, typed: &str) -> String {
        match typed.trim() {
            "" => self
                .user
                .as_ref()
                .and_then(|u| u.scope.area_prefix())
                .unwrap_or("")
                .to_string(),
            t => t.to_string(),
        }
    }

    /// The signed-in user, or 401.
    pub fn user(&self) -> Result<&User, AppError> {
        self.user.as_ref().ok_or(AppError::SignInRequired)
    }

    /// Refuses a write whose CSRF token does not match the session's, and every write of an
    /// account that must first change the password it was given.
    pub fn check_csrf(&self, sent: &str) -> Result<&User, AppError> {
        self.check_write(sent, "")
    }

    /// `check_csrf` for a write to `path`: an account that must change its password may still
    /// change it and sign out, and nothing else (issue 13, defect 10).
    pub fn check_write(&self, sent: &str, path: &str) -> Result<&User, AppError> {
        const WHILE_MUST_CHANGE: [&str; 3] = ["/account/password", "/signout", "/api/session"];
        let user = self.user()?;
        if sent.is_empty() || !sessions::same_token(sent, &self.csrf) {
            return Err(crate::error::Problem::FormExpired.into());
        }
        if user.must_change_password && !WHILE_MUST_CHANGE.contains(&path) {
            return Err(crate::error::Problem::MustChangePassword.into());
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
        let peer = parts
            .extensions
            .get::<ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip());
        let client = client_address(peer, &parts.headers, state.config.trusted_proxy);
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

/// The client's address: the peer's, or behind the trusted reverse proxy the address that proxy
/// put last in `X-Forwarded-For` (earlier entries are the client's own words and prove nothing).
pub fn client_address(
    peer: Option<std::net::IpAddr>,
    headers: &axum::http::HeaderMap,
    trusted_proxy: Option<std::net::IpAddr>,
) -> String {
    let Some(peer) = peer else {
        return "local".into();
    };
    if Some(peer) == trusted_proxy {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<std::net::IpAddr>().ok())
            .last();
        if let Some(client) = forwarded {
            return client.to_string();
        }
    }
    peer.to_string()
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

#[cfg(test)]
mod tests {
    use super::client_address;
    use axum::http::HeaderMap;

    #[test]
    fn behind_the_proxy_each_user_is_their_own_client() {
        let proxy = "10.0.0.1".parse().ok();
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", "6.6.6.6, 203.0.113.7".parse().unwrap());
        assert_eq!(client_address(proxy, &h, proxy), "203.0.113.7");
        // not from the proxy: the header is anyone's words
        assert_eq!(
            client_address("198.51.100.2".parse().ok(), &h, proxy),
            "198.51.100.2"
        );
        assert_eq!(client_address(proxy, &HeaderMap::new(), proxy), "10.0.0.1");
        assert_eq!(client_address(proxy, &h, None), "10.0.0.1");
        assert_eq!(client_address(None, &h, proxy), "local");
    }
}
