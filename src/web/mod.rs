//! The web layer: thin handlers over the domain modules. Pages are rendered on the server
//! (askama templates, no JavaScript needed); the JSON API serves the same data.

pub mod agency_plans_api;
pub mod api;
pub mod calendar_api;
pub mod communities_api;
pub mod duplicates_api;
mod errors;
mod json;
pub mod kpi_chain_api;
mod openapi;
pub mod page;
pub mod pages;
pub mod plans_api;
pub mod reports_api;
pub mod role_model_api;
pub mod search_api;
pub mod session;
pub mod shared_tambons_api;
pub mod upload;
pub mod write;

use crate::config::Config;
use crate::db::Db;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Config,
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages::routes())
        .merge(api::router().split_for_parts().0)
        .route("/static/style.css", axum::routing::get(style))
        .route("/static/similar.js", axum::routing::get(similar_js))
        .route("/healthz", axum::routing::get(|| async { "ok" }))
        // inside `errors::render`, which words its refusal as every other one
        .layer(middleware::from_fn(no_nul_in_address))
        .layer(middleware::from_fn(errors::render))
        .layer(middleware::from_fn_with_state(
            state.config.secure_cookies,
            same_origin_writes,
        ))
        .layer(middleware::from_fn_with_state(
            state.config.secure_cookies,
            security_headers,
        ))
        .with_state(state)
}

/// What every answer tells the browser: no scripts but this server's own files (the pages work
/// without them), no frames or other sites' resources, no guessing of types, no referrer to other sites, HTTPS only when served over it;
/// and nothing a signed-in user saw (it carries the CSRF token) kept in a cache.
async fn security_headers(
    axum::extract::State(secure): axum::extract::State<bool>,
    req: Request,
    next: Next,
) -> Response {
    let signed_in = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|c| {
            c.split(';').any(|kv| {
                kv.trim()
                    .starts_with(&format!("{}=", crate::accounts::sessions::COOKIE))
            })
        })
        || req.headers().contains_key(header::AUTHORIZATION);
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, name: header::HeaderName, value: &'static str| {
        h.insert(name, header::HeaderValue::from_static(value));
    };
    set(
        h,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'",
    );
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "same-origin");
    if secure {
        set(h, header::STRICT_TRANSPORT_SECURITY, "max-age=31536000");
    }
    if signed_in && !h.contains_key(header::CACHE_CONTROL) {
        set(h, header::CACHE_CONTROL, "no-store");
    }
    res
}

/// Similar projects while a title is typed (`search::similar`), on the plan page.
async fn similar_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/similar.js"),
    )
}

async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/style.css"),
    )
}

/// Refuses an address whose path or query holds an encoded NUL (`%00`): no code, name or year
/// has one, and PostgreSQL refuses to store or compare text that does.
async fn no_nul_in_address(req: Request, next: Next) -> Response {
    let uri = req.uri().to_string();
    if uri.contains("%00") {
        let detail = "a NUL character in the address".to_string();
        return crate::error::AppError::from(crate::error::Problem::Unreadable { detail })
            .into_response();
    }
    next.run(req).await
}

/// Refuses writes that a browser says come from another site: the first CSRF defence,
/// before the per-session token that forms and API calls carry. Behind HTTPS (secure cookies)
/// the origin must be https on this host; otherwise http.
async fn same_origin_writes(
    axum::extract::State(secure): axum::extract::State<bool>,
    req: Request,
    next: Next,
) -> Response {
    let scheme = if secure { "https" } else { "http" };
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS)
        && !same_origin(req.headers(), scheme)
    {
        return crate::error::AppError::from(crate::error::Problem::CrossSite).into_response();
    }
    next.run(req).await
}

fn same_origin(headers: &HeaderMap, scheme: &str) -> bool {
    let get = |h: header::HeaderName| headers.get(h).and_then(|v| v.to_str().ok());
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && !matches!(site, "same-origin" | "none")
    {
        return false;
    }
    match (get(header::ORIGIN), get(header::HOST)) {
        (Some(origin), Some(host)) => origin.split_once("://") == Some((scheme, host)),
        (Some(_), None) => false,
        _ => true,
    }
}

/// Serves until Ctrl-C or SIGTERM.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> anyhow::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await?;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cross_site_writes_are_refused() {
        let mut h = HeaderMap::new();
        assert!(same_origin(&h, "http"));
        h.insert(header::HOST, "127.0.0.1:8080".parse().unwrap());
        h.insert(header::ORIGIN, "http://127.0.0.1:8080".parse().unwrap());
        assert!(same_origin(&h, "http"));
        // the same host on another scheme is another origin (issue 13, defect 14)
        assert!(!same_origin(&h, "https"));
        h.insert(header::ORIGIN, "https://127.0.0.1:8080".parse().unwrap());
        assert!(same_origin(&h, "https") && !same_origin(&h, "http"));
        h.insert(header::ORIGIN, "http://evil.example".parse().unwrap());
        assert!(!same_origin(&h, "http"));
        let mut h = HeaderMap::new();
        h.insert("sec-fetch-site", "cross-site".parse().unwrap());
        assert!(!same_origin(&h, "http"));
    }
}
