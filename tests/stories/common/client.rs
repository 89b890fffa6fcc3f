//! The server in-process, as a browser or an API client sees it: one cookie kept between requests.

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use oneplan::db::Db;
use tower::ServiceExt;

pub struct Client {
    pub app: axum::Router,
    /// `name=value` of the last cookie the server set
    pub cookie: String,
}

#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// the Location header, or ""
    pub location: String,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: not JSON: {}", self.body))
    }
}

/// What the server's handlers share, over `db`.
pub fn state(db: &Db) -> oneplan::web::AppState {
    let config = oneplan::config::Config {
        data_dir: std::env::temp_dir(),
        database_url: String::new(),
        listen: String::new(),
        secure_cookies: false,
        trusted_proxy: None,
    };
    oneplan::web::AppState {
        db: db.clone(),
        config,
    }
}

impl Client {
    pub fn new(db: &Db) -> Client {
        Client::of(oneplan::web::router(state(db)))
    }

    /// A visitor of another router, such as the API's alone.
    pub fn of(app: axum::Router) -> Client {
        Client {
            app,
            cookie: String::new(),
        }
    }

    /// Another visitor of the same server, with no cookie.
    pub fn another(&self) -> Client {
        Client {
            app: self.app.clone(),
            cookie: String::new(),
        }
    }

    pub async fn send(
        &mut self,
        method: &str,
        uri: &str,
        content_type: &str,
        body: impl Into<Vec<u8>>,
        extra: &[(&str, &str)],
    ) -> Reply {
        let mut req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::HOST, "oneplan.test");
        if !self.cookie.is_empty() {
            req = req.header(header::COOKIE, &self.cookie);
        }
        if !content_type.is_empty() {
            req = req.header(header::CONTENT_TYPE, content_type);
        }
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        let res = self
            .app
            .clone()
            .oneshot(req.body(Body::from(body.into())).unwrap())
            .await
            .unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let text = |h| {
            headers
                .get(h)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let (location, cookie) = (text(header::LOCATION), text(header::SET_COOKIE));
        if !cookie.is_empty() {
            self.cookie = cookie.split(';').next().unwrap().to_string();
        }
        let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
        Reply {
            status,
            headers,
            location,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        }
    }

    pub async fn get(&mut self, uri: &str) -> Reply {
        self.send("GET", uri, "", String::new(), &[]).await
    }

    /// A form posted as it is typed here: `a=1&b=%E0%B8%81`.
    pub async fn post(&mut self, uri: &str, body: &str) -> Reply {
        let form = "application/x-www-form-urlencoded";
        self.send("POST", uri, form, body.to_string(), &[]).await
    }

    /// A form of fields, each value percent-encoded.
    pub async fn form(&mut self, uri: &str, fields: &[(&str, &str)]) -> Reply {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.post(uri, &body).await
    }

    /// JSON to the API, with the CSRF header when `csrf` is not "".
    pub async fn json(
        &mut self,
        method: &str,
        uri: &str,
        body: serde_json::Value,
        csrf: &str,
    ) -> Reply {
        let extra: &[(&str, &str)] = if csrf.is_empty() {
            &[]
        } else {
            &[("x-csrf-token", csrf)]
        };
        self.send(method, uri, "application/json", body.to_string(), extra)
            .await
    }

    /// Signs in on the sign-in page.
    pub async fn sign_in(&mut self, username: &str, password: &str) {
        let r = self
            .form("/signin", &[("username", username), ("password", password)])
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "sign-in of {username}: {}",
            r.body
        );
    }

    /// Signs in through the API; returns the CSRF token its writes need.
    pub async fn api_sign_in(&mut self, username: &str, password: &str) -> String {
        let r = self
            .json(
                "POST",
                "/api/session",
                serde_json::json!({"username": username, "password": password}),
                "",
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "sign-in of {username}: {}",
            r.body
        );
        r.json()["csrf_token"].as_str().unwrap().to_string()
    }
}

/// The CSRF token of the first form on a page.
pub fn csrf_of(html: &str) -> String {
    html.split("name=\"csrf\" value=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

/// Percent-encoding of a form value.
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
