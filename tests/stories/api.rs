//! The JSON API against its own description: every route is documented and every documented
//! route is served, and a body with a field the request does not take is refused.

use crate::common;
use axum::http::StatusCode;
use common::{Client, cast};
use oneplan::db::Db;
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// What the API router answers by itself, told apart from anything a handler answers.
const NO_ROUTE: u16 = 418;
const NO_METHOD: u16 = 419;
const METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// The paths a router routes, as its `Debug` shows them (`RouteId(3): "/api/plans"`): axum has
/// no other way to list them.
pub(crate) fn routed_paths(app: &axum::Router) -> BTreeSet<String> {
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
        .map(|p| {
            let value = p["schema"]["minimum"].as_i64().unwrap_or(1);
            format!("{}={value}", p["name"].as_str().unwrap())
        })
        .collect();
    if params.is_empty() {
        String::new()
    } else {
        format!("?{}", params.join("&"))
    }
}

/// A value of the shape a schema asks for: every required field, each of its type.
fn example(schema: &Value, doc: &Value) -> Value {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.trim_start_matches("#/components/schemas/");
        return example(&doc["components"]["schemas"][name], doc);
    }
    if let Some(parts) = schema["allOf"].as_array() {
        let mut all = serde_json::Map::new();
        for part in parts {
            if let Value::Object(fields) = example(part, doc) {
                all.extend(fields);
            }
        }
        return Value::Object(all);
    }
    if let Some(first) = schema["oneOf"].as_array().and_then(|a| a.first()) {
        return example(first, doc);
    }
    if let Some(first) = schema["enum"].as_array().and_then(|a| a.first()) {
        return first.clone();
    }
    let ty = match &schema["type"] {
        Value::Array(types) => types[0].as_str(),
        ty => ty.as_str(),
    };
    match ty {
        Some("object") => {
            let mut fields = serde_json::Map::new();
            for name in schema["required"].as_array().into_iter().flatten() {
                let name = name.as_str().unwrap();
                fields.insert(name.into(), example(&schema["properties"][name], doc));
            }
            Value::Object(fields)
        }
        Some("array") => json!([]),
        Some("integer" | "number") => schema.get("minimum").cloned().unwrap_or(json!(1)),
        Some("boolean") => json!(false),
        Some("string") => json!("1"),
        _ => Value::Null,
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

story!(every_json_body_refuses_a_field_it_does_not_take, Empty);
async fn every_json_body_refuses_a_field_it_does_not_take(backend: &str, db: Db) {
    cast::root(&db).await;
    let mut c = Client::new(&db);
    let token = c.api_sign_in("root", cast::PASSWORD).await;
    let doc = serde_json::to_value(oneplan::web::api::openapi()).unwrap();
    let mut bodies = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Some(schema) = op["requestBody"]["content"]["application/json"].get("schema")
            else {
                continue;
            };
            let mut body = example(schema, &doc);
            body["zzz_not_a_field"] = json!(1);
            let uri = format!("{}{}", filled(path), query(op));
            let r = c
                .json(&method.to_uppercase(), &uri, body.clone(), &token)
                .await;
            assert_eq!(
                r.status,
                StatusCode::BAD_REQUEST,
                "{backend}: {method} {path} {body}: {}",
                r.body
            );
            let e = &r.json()["error"];
            assert_eq!(e["code"], "unknown_field", "{method} {path} {body}: {e}");
            assert_eq!(e["kind"], "invalid");
            assert_eq!(
                e["problems"][0]["message"],
                "ไม่รู้จักช่อง “zzz_not_a_field” ในข้อมูลที่ส่งมา"
            );
            bodies += 1;
        }
    }
    assert!(bodies >= 10, "{bodies}");
}

/// The version of a plan, as the API gives it.
async fn version(c: &mut Client, id: i64) -> i64 {
    let plan = c.get(&format!("/api/plans/{id}")).await.json();
    plan["plan"]["version"].as_i64().unwrap()
}

story!(api_writes_refuse_unknown_fields_and_take_known_ones, Phayao);
async fn api_writes_refuse_unknown_fields_and_take_known_ones(backend: &str, db: Db) {
    let village = cast::village(&db).await;
    let mut c = Client::new(&db);
    let unknown = |r: &common::Reply, name: &str| {
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{backend}: {}", r.body);
        let e = &r.json()["error"];
        assert_eq!(e["code"], "unknown_field", "{e}");
        assert!(e["field"].is_null(), "{e}");
        assert!(
            e["message"]
                .as_str()
                .unwrap()
                .contains(&format!("“{name}”")),
            "{e}"
        );
    };

    // signing in with a field the API does not know of signs no one in
    let sign_in =
        json!({"username": village.username, "password": cast::PASSWORD, "remember_me": true});
    let refused = c.json("POST", "/api/session", sign_in, "").await;
    unknown(&refused, "remember_me");
    assert!(c.cookie.is_empty());
    let token = c.api_sign_in(&village.username, cast::PASSWORD).await;

    let open = json!({"kind": "village", "owner": "56011401", "year": 2569});
    let mut typo = open.clone();
    typo["yaer"] = json!(2570);
    // without its CSRF header a write is refused before its body is read: no word on the body
    let forged = c.json("POST", "/api/plans", typo.clone(), "").await;
    assert_eq!(
        forged.status,
        StatusCode::FORBIDDEN,
        "{backend}: {}",
        forged.body
    );
    assert_eq!(forged.json()["error"]["code"], "form_expired");
    let forged = c
        .send(
            "POST",
            "/api/plans",
            "application/json",
            "{not json".to_string(),
            &[("x-csrf-token", "stale")],
        )
        .await;
    assert_eq!(
        forged.json()["error"]["code"],
        "form_expired",
        "{backend}: {}",
        forged.body
    );
    unknown(&c.json("POST", "/api/plans", typo, &token).await, "yaer");
    let opened = c.json("POST", "/api/plans", open, &token).await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let id = opened.json()["id"].as_i64().unwrap();
    let v = version(&mut c, id).await;
    let forum = json!({"version": v, "held_on": "15/03/2569", "chaired_by": "นายสมบัติ ใจดี", "attendance": "86"});
    let added = c
        .json("POST", &format!("/api/plans/{id}/forums"), forum, &token)
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);

    // a project: a field the flattened project input does not take is refused, nothing written
    let v = version(&mut c, id).await;
    let project = json!({"version": v, "title": "ขุดลอกลำเหมือง", "dimension": "environment", "budget": "50,000", "executor": "community"});
    let mut typo = project.clone();
    typo["budjet"] = json!("60,000");
    unknown(
        &c.json("POST", &format!("/api/plans/{id}/projects"), typo, &token)
            .await,
        "budjet",
    );
    assert_eq!(version(&mut c, id).await, v, "nothing was written");
    let added = c
        .json(
            "POST",
            &format!("/api/plans/{id}/projects"),
            project,
            &token,
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);

    // a step
    let v = version(&mut c, id).await;
    let typo = json!({"version": v, "step": "submit", "reson": "พร้อมแล้ว"});
    unknown(
        &c.json("POST", &format!("/api/plans/{id}/steps"), typo, &token)
            .await,
        "reson",
    );
    let submitted = c
        .json(
            "POST",
            &format!("/api/plans/{id}/steps"),
            json!({"version": v, "step": "submit"}),
            &token,
        )
        .await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    assert_eq!(submitted.json()["status"], "submitted");

    // a field inside a list is named by its path, in the reader's language
    let order = json!({"kind": "village_committee", "area_code": "56011401", "order_no": "1/2569",
        "order_date": "1/10/2568", "members": [{"name": "นายหนึ่ง", "role": "chair", "postion": "ผู้ใหญ่บ้าน"}]});
    let english = c
        .send(
            "POST",
            "/api/committees/orders",
            "application/json",
            order.to_string(),
            &[("x-csrf-token", token.as_str()), ("cookie", "lang=en")],
        )
        .await;
    assert_eq!(english.status, StatusCode::BAD_REQUEST, "{}", english.body);
    assert_eq!(
        english.json()["error"]["message"],
        "“members.0.postion” is not a field this request takes"
    );
    db.close().await;
}

story!(a_year_no_calendar_has_is_refused_before_any_figure, Phayao);
/// schemathesis found `year=-9223372036854775808` overflowing the KPI chain's months (a panic
/// that dropped the connection): a year outside พ.ศ. 2400–2800 is refused at the edge.
async fn a_year_no_calendar_has_is_refused_before_any_figure(backend: &str, db: Db) {
    let mut c = Client::new(&db);
    for uri in [
        "/api/kpi/chain/department?year=-9223372036854775808",
        "/api/kpi/chain/district/5601?year=9223372036854775807",
        "/api/kpi?year=99999",
        "/api/registers/5601?year=0",
    ] {
        let r = c.get(uri).await;
        assert_eq!(
            r.status,
            StatusCode::BAD_REQUEST,
            "{backend}: {uri}: {}",
            r.body
        );
    }
    let r = c.get("/api/kpi/chain/department?year=2569").await;
    assert_eq!(r.status, StatusCode::OK, "{backend}: {}", r.body);
    // a year older than any setting of the tambon plan's components reads the first one
    let r = c.get("/api/district-report/5602?year=2458").await;
    assert_eq!(r.status, StatusCode::OK, "{backend}: {}", r.body);
    // text with NUL (PostgreSQL refuses it: once a 500), in a body, a form or an address
    cast::root(&db).await;
    let token = c.api_sign_in("root", cast::PASSWORD).await;
    let nul = json!({"tambon": "5603\u{0}01", "villages": []});
    let r = c.json("POST", "/api/shared-tambons", nul, &token).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{backend}: {}", r.body);
    for uri in ["/api/search?q=%00", "/api/areas/56%0001", "/search?q=a%00"] {
        let r = c.get(uri).await;
        assert_eq!(
            r.status,
            StatusCode::BAD_REQUEST,
            "{backend}: {uri}: {}",
            r.body
        );
    }
    let r = c
        .post(
            "/plans",
            &format!("csrf={token}&kind=village&owner=5601140%001&year=2569"),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{backend}: {}", r.body);
    // a code that is not digits is no code, not cut by bytes (once a panic)
    let r = c.get("/api/codes/%F1%B8%BD%88%F3%8D%B3%A6").await;
    assert!(
        r.status.is_success() || r.status == StatusCode::NOT_FOUND,
        "{backend}: {}",
        r.status
    );
    // a page asked for such a year opens on its usual one
    let r = c.get("/kpi/5601?year=-9223372036854775808").await;
    assert_eq!(r.status, StatusCode::OK, "{backend}");
    let r = c.get("/kpi-chain?year=9223372036854775807").await;
    assert_eq!(r.status, StatusCode::OK, "{backend}");
}
