//! The `oneplan` binary run as a deployment runs it, in a process of its own, and a client of it
//! over TCP: for what only a real process shows (kill -9, several servers on one database).

use super::Reply;
use axum::body::Bytes;
use axum::http::{Request, header};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::{Client, connect::HttpConnector};
use std::path::Path;
use std::process::{Child, Command};
use std::time::Duration;

/// A running server; killed (SIGKILL) when dropped.
pub struct Server {
    child: Child,
    pub base: String,
}

impl Server {
    /// Starts `oneplan serve` on `database_url` with `data_dir`, and waits until it answers.
    pub async fn start(database_url: &str, data_dir: &Path) -> Server {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let log = std::fs::File::create(data_dir.join(format!("server-{port}.log"))).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_oneplan"))
            .env("ONEPLAN_DATABASE_URL", database_url)
            .env("ONEPLAN_DATA_DIR", data_dir)
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            // the server logs to stdout
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        let mut server = Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        for _ in 0..300 {
            if let Ok(r) = Remote::new(&server.base)
                .try_send("GET", "/healthz", "", vec![], &[])
                .await
                && r.status.is_success()
            {
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("the server stopped ({status}): see {}", data_dir.display());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        server.kill();
        panic!("the server did not answer in 30 s");
    }

    /// kill -9: no shutdown, no closed connections.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

/// A visitor of a server over TCP, keeping its cookie.
#[derive(Clone)]
pub struct Remote {
    base: String,
    http: Client<HttpConnector, Full<Bytes>>,
    pub cookie: String,
}

impl Remote {
    pub fn new(base: &str) -> Remote {
        Remote {
            base: base.to_string(),
            http: Client::builder(hyper_util::rt::TokioExecutor::new()).build_http(),
            cookie: String::new(),
        }
    }

    /// The same visitor (cookie) on another server.
    pub fn on(&self, base: &str) -> Remote {
        Remote {
            base: base.to_string(),
            ..self.clone()
        }
    }

    pub async fn try_send(
        &mut self,
        method: &str,
        path: &str,
        content_type: &str,
        body: Vec<u8>,
        extra: &[(&str, &str)],
    ) -> Result<Reply, String> {
        let host = self.base.trim_start_matches("http://").to_string();
        let mut req = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base))
            .header(header::HOST, host);
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
            .http
            .request(req.body(Full::new(Bytes::from(body))).unwrap())
            .await
            .map_err(|e| e.to_string())?;
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
        let bytes = res
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes()
            .to_vec();
        Ok(Reply {
            status,
            headers,
            location,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes,
        })
    }

    /// JSON to the API, with the CSRF header when `csrf` is not ""; Err when the server is gone.
    pub async fn json(
        &mut self,
        method: &str,
        path: &str,
        body: serde_json::Value,
        csrf: &str,
    ) -> Result<Reply, String> {
        let extra: &[(&str, &str)] = if csrf.is_empty() {
            &[]
        } else {
            &[("x-csrf-token", csrf)]
        };
        self.try_send(
            method,
            path,
            "application/json",
            body.to_string().into_bytes(),
            extra,
        )
        .await
    }

    /// Signs in through the API; returns the CSRF token.
    pub async fn sign_in(&mut self, username: &str, password: &str) -> Result<String, Reply> {
        let r = self
            .json(
                "POST",
                "/api/session",
                serde_json::json!({"username": username, "password": password}),
                "",
            )
            .await
            .unwrap();
        if r.status.is_success() {
            Ok(r.json()["csrf_token"].as_str().unwrap().to_string())
        } else {
            Err(r)
        }
    }
}
