//! The JSON API against its own description: every route is documented and every documented
//! route is served.

use crate::common;
use axum::http::StatusCode;
use common::Client;
use oneplan::db::Db;
use serde_json::Value;
use std::collections::BTreeSet;

/// What the API router answers by itself, told apart from anything a handler answers.
const NO_ROUTE: u16 = 418;
const NO_METHOD: u16 = 419;
const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// The paths a router routes, as its `Debug` shows them (`RouteId(3): "/api/plans"`): axum has
/// no other way to list them.
fn routed_paths(app: &axum::Router) -> BTreeSet<String> {
    format!("{app:?}")
        .split("RouteId(")
        .filter_map(|s| {
            let (n, rest) = s.split_once(')')?;
            n.parse::<u32>().ok()?;
            Some(rest.strip_prefix(": \"")?.split('"').next()?.to_string())
        })
        .collect()
}

/// A path of the document with its parameters filled in.
fn filled(path: &str) -> String {
    path.replace("{id}", "1").replace("{code}", "5601")
}

/// The required query of an operation, each parameter a value of its type.
fn query(op: &Value) -> String {
    let params: Vec<String> = op["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["in"] == "query" && p["required"] == true)
        .map(|p| format!("{}=1", p["name"].as_str().unwrap()))
        .collect();
    if params.is_empty() {
        String::new()
    } else {
        format!("?{}", params.join("&"))
    }
}

story!(api_routes_and_their_description_agree, Empty);
async fn api_routes_and_their_description_agree(backend: &str, db: Db) {
    let doc = serde_json::to_value(oneplan::web::api::openapi()).unwrap();
    let paths = doc["paths"].as_object().unwrap();
    let documented: BTreeSet<String> = paths.keys().cloned().collect();

    // the whole server's paths under /api are the documented ones, no more and no fewer
    let app = Client::new(&db).app;
    let routed: BTreeSet<String> = routed_paths(&app)
        .into_iter()
        .filter(|p| p.starts_with("/api"))
        .collect();
    assert!(
        routed.contains("/api/plans/{id}/steps"),
        "{backend}: {routed:?}"
    );
    let undocumented: Vec<_> = routed.difference(&documented).collect();
    let unserved: Vec<_> = documented.difference(&routed).collect();
    assert!(
        undocumented.is_empty() && unserved.is_empty(),
        "{backend}: served but not documented {undocumented:?}, documented but not served {unserved:?}"
    );

    // and on each path the methods served are the documented ones
    let (api, _) = oneplan::web::api::router().split_for_parts();
    let api = api
        .fallback(|| async { StatusCode::from_u16(NO_ROUTE).unwrap() })
        .method_not_allowed_fallback(|| async { StatusCode::from_u16(NO_METHOD).unwrap() })
        .with_state(common::client::state(&db));
    let mut c = Client::of(api);
    assert_eq!(c.get("/api/no/such/thing").await.status.as_u16(), NO_ROUTE);
    let mut served = 0;
    for (path, item) in paths {
        for method in METHODS {
            let op = &item[method.to_lowercase()];
            let uri = format!("{}{}", filled(path), query(op));
            let status = c.send(method, &uri, "", "", &[]).await.status.as_u16();
            if op.is_object() {
                assert!(
                    ![NO_ROUTE, NO_METHOD].contains(&status),
                    "{backend}: {method} {path} is documented but not served"
                );
                served += 1;
            } else {
                assert_eq!(
                    status, NO_METHOD,
                    "{backend}: {method} {uri} is served but not documented"
                );
            }
        }
    }
    assert!(served >= 30, "{served}");

    // the document served is the one `oneplan openapi` prints
    let mut c = Client::new(&db);
    assert_eq!(c.get("/api/openapi.json").await.json(), doc);
}
