//! Who may write what (issue 13): every write route of the pages and of the API, tried by every
//! kind of account — those of the Mae Sai chain, whose areas hold the target or lie under it, and
//! their like in another district and province — on a target of the Mae Sai chain. Only the
//! accounts a case names succeed; every other attempt is refused (403), writes nothing but the
//! refusal, and is filed in the audit log under the actor's area and the target's. The routes come
//! from the router's own lists (`pages::ROUTES`, the API's document): a write route without a case
//! fails the story.

use crate::common::{Client, cast};
use axum::http::StatusCode;
use oneplan::accounts::{Agency, Role, ScopeLevel};
use oneplan::db::Db;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

/// Writes on the signed-in account itself, not on a target of the chain.
const OWN: [(&str, &str); 7] = [
    ("POST", "/signin"),
    ("POST", "/signout"),
    ("POST", "/account/password"),
    ("POST", "/account/email"),
    ("POST", "/notifications/read"),
    ("POST", "/api/session"),
    ("DELETE", "/api/session"),
];

/// The accounts whose areas hold the Mae Sai chain, by level: a national administrator (ส่วนกลาง),
/// the CD department's national administrator and a national officer; the province office and
/// the province's DLA office (สถ.จ.); the district's CD office (พช.อ.), DLA office (สถ.อ.) and DOPA
/// office (ที่ทำการปกครองอำเภอ).
const NATIONAL: [&str; 3] = ["root", "cdd.admin", "nation"];
const PROVINCE: [&str; 2] = ["changwat", "sthj"];
const DISTRICT: [&str; 3] = ["amphoe", "thongthin", "palat"];

/// Who passes the owner rule (the plan's area in the account's scope) on an owner of a level,
/// the most local first: the first one named in a case is the one whose write must succeed.
fn holding(first: &[&'static str]) -> Vec<&'static str> {
    let mut v = first.to_vec();
    v.extend(DISTRICT);
    v.extend(PROVINCE);
    v.extend(NATIONAL);
    v
}
fn village() -> Vec<&'static str> {
    holding(&["ronghai", "cdo"])
}
fn tambon() -> Vec<&'static str> {
    holding(&["cdo"])
}
fn lao() -> Vec<&'static str> {
    holding(&["lao"])
}
fn district() -> Vec<&'static str> {
    holding(&[])
}
fn province() -> Vec<&'static str> {
    let mut v = PROVINCE.to_vec();
    v.extend(NATIONAL);
    v
}
fn national_admins() -> Vec<&'static str> {
    vec!["root", "cdd.admin"]
}
fn only(name: &'static str) -> Vec<&'static str> {
    vec![name]
}
fn with(mut v: Vec<&'static str>, more: &'static str) -> Vec<&'static str> {
    v.push(more);
    v
}

/// One account signed in, on the pages and the API alike.
struct Actor {
    name: &'static str,
    username: String,
    client: Client,
    csrf: String,
    /// where a refusal of this account is filed: its area code, or its LAO
    area: String,
    lao: Option<i64>,
}

enum Body {
    /// fields of a form; the session's `csrf` is added
    Form(Vec<(&'static str, String)>),
    /// a JSON body; the CSRF header is added
    Json(String),
    /// a multipart form with a file part `file`
    Upload(Vec<(&'static str, String)>, &'static str, Vec<u8>),
}

struct Case {
    method: &'static str,
    route: &'static str,
    /// the path with `<name>` for a record of the world
    uri: String,
    body: Body,
    may: Vec<&'static str>,
    /// the area whose administrators must see a refusal: a code prefix, or `lao:<name>`
    target: String,
    /// whether the first allowed attempt writes (opening a plan that exists does not)
    writes: bool,
}

impl Case {
    fn writes_nothing(mut self) -> Case {
        self.writes = false;
        self
    }
}

fn form(
    route: &'static str,
    uri: &str,
    fields: &[(&'static str, &str)],
    may: Vec<&'static str>,
    target: &str,
) -> Case {
    Case {
        method: "POST",
        route,
        uri: uri.into(),
        body: Body::Form(fields.iter().map(|(k, v)| (*k, v.to_string())).collect()),
        may,
        target: target.into(),
        writes: true,
    }
}

fn api(route: &'static str, uri: &str, body: &str, may: Vec<&'static str>, target: &str) -> Case {
    Case {
        method: "POST",
        route,
        uri: uri.into(),
        body: Body::Json(body.into()),
        may,
        target: target.into(),
        writes: true,
    }
}

fn upload(
    route: &'static str,
    uri: &str,
    fields: &[(&'static str, &str)],
    name: &'static str,
    file: Vec<u8>,
    may: Vec<&'static str>,
    target: &str,
) -> Case {
    Case {
        method: "POST",
        route,
        uri: uri.into(),
        body: Body::Upload(
            fields.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            name,
            file,
        ),
        may,
        target: target.into(),
        writes: true,
    }
}

/// The records the cases act on, by name, and where each one's version is kept.
struct World {
    db: Db,
    names: HashMap<String, String>,
    tables: HashMap<String, &'static str>,
    /// a filled village-plan form, for the import
    village_form: Vec<u8>,
}

impl World {
    fn set(&mut self, name: &str, value: impl ToString, table: Option<&'static str>) {
        self.names.insert(name.into(), value.to_string());
        if let Some(t) = table {
            self.tables.insert(name.into(), t);
        }
    }

    fn get(&self, name: &str) -> String {
        self.names
            .get(name)
            .unwrap_or_else(|| panic!("no record named {name}"))
            .clone()
    }

    /// A template with each `<name>` replaced by the record's id, `<name.v>` by its version now,
    /// and `<sub:YYYY-MM>` by the newest KPI 3.2 report of that month.
    async fn fill(&self, template: &str) -> String {
        let mut out = String::new();
        let mut rest = template;
        while let Some(i) = rest.find('<') {
            out.push_str(&rest[..i]);
            let Some(j) = rest[i..].find('>') else {
                break;
            };
            let name = &rest[i + 1..i + j];
            out.push_str(&self.value(name).await);
            rest = &rest[i + j + 1..];
        }
        out.push_str(rest);
        out
    }

    async fn value(&self, name: &str) -> String {
        if let Some(period) = name.strip_prefix("sub:") {
            let id: i64 = oneplan::db::query_scalar(
                "SELECT MAX(id) FROM submissions WHERE kind = 'kpi32_monthly' AND period = $1",
            )
            .bind(period.to_string())
            .fetch_one(&self.db)
            .await
            .unwrap();
            return id.to_string();
        }
        if let Some(record) = name.strip_suffix(".v") {
            let table = self.tables[record];
            let key = if table == "communities" { "code" } else { "id" };
            let sql = format!("SELECT version FROM {table} WHERE {key} = $1");
            let q = oneplan::db::query_scalar::<i64>(sqlx::AssertSqlSafe(sql));
            let v = if key == "code" {
                q.bind(self.get(record))
            } else {
                q.bind(self.get(record).parse::<i64>().unwrap())
            };
            return v.fetch_one(&self.db).await.unwrap().to_string();
        }
        self.get(name)
    }
}

/// What the audit log gained: (username, action, area code, LAO id).
async fn audit_since(db: &Db, after: i64) -> Vec<(String, String, String, Option<i64>)> {
    oneplan::db::query_as::<(String, String, String, Option<i64>)>(
        "SELECT username, action, area_code, lao_id FROM audit_log WHERE id > $1 ORDER BY id",
    )
    .bind(after)
    .fetch_all(db)
    .await
    .unwrap()
}

async fn last_audit(db: &Db) -> i64 {
    oneplan::db::query_scalar::<Option<i64>>("SELECT MAX(id) FROM audit_log")
        .fetch_one(db)
        .await
        .unwrap()
        .unwrap_or(0)
}

fn multipart(fields: &[(&str, String)], name: &str, file: &[u8]) -> (String, Vec<u8>) {
    let boundary = "oneplanaccessboundary";
    let mut out = Vec::new();
    for (k, v) in fields {
        out.extend(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .bytes(),
        );
    }
    out.extend(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .bytes(),
    );
    out.extend(file);
    out.extend(format!("\r\n--{boundary}--\r\n").bytes());
    (format!("multipart/form-data; boundary={boundary}"), out)
}

async fn attempt(w: &World, who: &mut Actor, case: &Case) -> crate::common::Reply {
    let uri = w.fill(&case.uri).await;
    match &case.body {
        Body::Form(fields) => {
            let mut filled = vec![("csrf".to_string(), who.csrf.clone())];
            for (k, v) in fields {
                filled.push((w.fill(k).await, w.fill(v).await));
            }
            let pairs: Vec<(&str, &str)> = filled
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            who.client.form(&uri, &pairs).await
        }
        Body::Json(body) => {
            let body: Value = serde_json::from_str(&w.fill(body).await)
                .unwrap_or_else(|e| panic!("{} {}: {e}", case.method, case.route));
            let csrf = who.csrf.clone();
            who.client.json(case.method, &uri, body, &csrf).await
        }
        Body::Upload(fields, name, file) => {
            let mut filled = vec![("csrf", who.csrf.clone())];
            for (k, v) in fields {
                filled.push((*k, w.fill(v).await));
            }
            let (content_type, bytes) = multipart(&filled, name, file);
            who.client
                .send("POST", &uri, &content_type, bytes, &[])
                .await
        }
    }
}

/// Tries a case as every account: first all those it does not name, then those it does.
async fn run(w: &World, actors: &mut [Actor], case: &Case, tally: &mut Tally) -> Vec<String> {
    let mut wrong = Vec::new();
    let label = format!("{} {}", case.method, case.uri);
    let target = w.fill(&case.target).await;
    let target_lao = target
        .strip_prefix("lao:")
        .map(|id| id.parse::<i64>().unwrap());
    let mut order: Vec<usize> = (0..actors.len())
        .filter(|&i| !case.may.contains(&actors[i].name))
        .collect();
    for name in &case.may {
        order.push(
            actors
                .iter()
                .position(|a| a.name == *name)
                .unwrap_or_else(|| panic!("no account {name}")),
        );
    }
    let mut first_allowed = true;
    for i in order {
        let who = &mut actors[i];
        let allowed = case.may.contains(&who.name);
        let before = last_audit(&w.db).await;
        let r = attempt(w, who, case).await;
        let entries = audit_since(&w.db, before).await;
        let denied: Vec<_> = entries.iter().filter(|e| e.1 == "denied").collect();
        let status = r.status;
        let head: String = r.body.chars().take(300).collect();
        tally.tried += 1;
        if allowed {
            let ok = status.is_success()
                || (status == StatusCode::SEE_OTHER && !r.location.starts_with("/signin"));
            if first_allowed && !ok {
                wrong.push(format!(
                    "{label}: {} may and was refused or failed: {status} {head}",
                    who.name
                ));
            } else if first_allowed
                && case.writes
                && !entries
                    .iter()
                    .any(|e| e.1 != "denied" && e.0 == who.username)
            {
                wrong.push(format!(
                    "{label}: {}'s write left no entry in the audit log",
                    who.name
                ));
            } else if status == StatusCode::FORBIDDEN || !denied.is_empty() {
                wrong.push(format!("{label}: {} may and was refused: {head}", who.name));
            }
            if ok {
                tally.succeeded += 1;
            }
            first_allowed = false;
        } else {
            if status != StatusCode::FORBIDDEN {
                tally.escapes += usize::from(status.is_success() || status.is_redirection());
                wrong.push(format!(
                    "{label}: {} may not, and the answer was {status} {} {head}",
                    who.name, r.location
                ));
                continue;
            }
            if entries.iter().any(|e| e.1 != "denied") {
                tally.escapes += 1;
                wrong.push(format!(
                    "{label}: {} was refused but something was written: {entries:?}",
                    who.name
                ));
            }
            let at_actor = denied.iter().any(|e| match who.lao {
                Some(id) => e.3 == Some(id),
                None => e.2 == who.area && e.3.is_none(),
            });
            let at_target = denied.iter().any(|e| match target_lao {
                Some(id) => e.3 == Some(id),
                None => e.2.starts_with(&target),
            });
            if !(at_actor && at_target) {
                wrong.push(format!(
                    "{label}: {}'s refusal is not filed under both its area ({}) and the target's ({target}): {denied:?}",
                    who.name, who.area
                ));
            }
            tally.refused += 1;
        }
    }
    wrong
}

#[derive(Default)]
struct Tally {
    tried: usize,
    succeeded: usize,
    refused: usize,
    escapes: usize,
}

story!(
    every_write_route_refuses_every_account_but_the_right_ones,
    Phayao,
    flavor = "multi_thread"
);
async fn every_write_route_refuses_every_account_but_the_right_ones(backend: &str, db: Db) {
    let (mut actors, mut w) = world(&db).await;
    let cases = cases(&w);

    // every write route the server has is a case here (or a write on one's own account)
    let mut routes: BTreeSet<(String, String)> = oneplan::web::pages::ROUTES
        .iter()
        .filter(|(m, _)| *m != "get")
        .map(|(m, p)| (m.to_uppercase(), p.to_string()))
        .collect();
    let doc = serde_json::to_value(oneplan::web::api::openapi()).unwrap();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for m in ["post", "put", "patch", "delete"] {
            if item[m].is_object() {
                routes.insert((m.to_uppercase(), path.clone()));
            }
        }
    }
    // and the router serves no path that is in neither list (a `.route(…)` added beside them)
    let listed: BTreeSet<String> = routes.iter().map(|(_, p)| p.clone()).collect();
    let pages: BTreeSet<String> = oneplan::web::pages::ROUTES
        .iter()
        .map(|(_, p)| p.to_string())
        .collect();
    let app = Client::new(&db).app;
    let unlisted: Vec<String> = crate::api::routed_paths(&app)
        .into_iter()
        .filter(|p| !listed.contains(p) && !pages.contains(p))
        .filter(|p| !doc["paths"][p].is_object())
        .filter(|p| !["/static/style.css", "/static/similar.js", "/healthz"].contains(&p.as_str()))
        .filter(|p| !p.contains("__private__axum_fallback"))
        .collect();
    assert!(
        unlisted.is_empty(),
        "{backend}: routes in no list {unlisted:?}"
    );
    for (m, p) in OWN {
        assert!(routes.remove(&(m.to_string(), p.to_string())), "{m} {p}");
    }
    let covered: BTreeSet<(String, String)> = cases
        .iter()
        .map(|c| (c.method.to_string(), c.route.to_string()))
        .collect();
    let missing: Vec<_> = routes.difference(&covered).collect();
    let stale: Vec<_> = covered.difference(&routes).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "{backend}: write routes without a case {missing:?}; cases of no route {stale:?}"
    );
    for c in &cases {
        assert!(
            c.uri.replace(|ch: char| ch != '/', "").len()
                == c.route.replace(|ch: char| ch != '/', "").len(),
            "{} is not a path of {}",
            c.uri,
            c.route
        );
    }

    let mut tally = Tally::default();
    let mut wrong = Vec::new();
    for case in &cases {
        wrong.extend(run(&w, &mut actors, case, &mut tally).await);
    }
    w.names.clear();
    eprintln!(
        "{backend}: {} write routes, {} cases × {} accounts: {} attempts, {} refused, {} succeeded, {} escapes",
        routes.len(),
        cases.len(),
        actors.len(),
        tally.tried,
        tally.refused,
        tally.succeeded,
        tally.escapes
    );
    assert!(
        wrong.is_empty(),
        "{backend}: {} of {} attempts went wrong:\n{}",
        wrong.len(),
        tally.tried,
        wrong.join("\n")
    );
    assert_eq!(tally.escapes, 0);
}

/// Signs in through the API (the cookie serves the pages too); returns the CSRF token.
async fn signed_in(db: &Db, name: &'static str, user: &oneplan::accounts::User) -> Actor {
    let mut client = Client::new(db);
    let csrf = client.api_sign_in(&user.username, cast::PASSWORD).await;
    let (area, lao) = match user.scope.level {
        ScopeLevel::Lao => {
            let l = oneplan::areas::lao_by_key(db, &user.scope.code)
                .await
                .unwrap()
                .unwrap();
            (String::new(), Some(l.id))
        }
        _ => (user.scope.code.clone(), None),
    };
    Actor {
        name,
        username: user.username.clone(),
        client,
        csrf,
        area,
        lao,
    }
}

async fn first_child(db: &Db, parent: &str) -> String {
    oneplan::areas::children(db, Some(parent)).await.unwrap()[0]
        .code
        .clone()
}

/// The accounts, and the Mae Sai chain's records each case acts on.
async fn world(db: &Db) -> (Vec<Actor>, World) {
    // another province's officer needs another province
    oneplan::areas::national::load(db, Some("11"))
        .await
        .unwrap();
    let acc = |name: &'static str, role, level, code: String, agency| async move {
        (
            name,
            cast::account_of(db, &format!("x.{name}"), role, level, &code, agency).await,
        )
    };
    use Agency::*;
    use ScopeLevel as L;
    let lao_maesai = cast::mae_sai_lao(db).await;
    let chun_tambon = first_child(db, "5602").await;
    let chun_village = first_child(db, &chun_tambon).await;
    let chun_lao = oneplan::areas::covering(db, &chun_tambon).await.unwrap()[0].lao_id;
    let chun_lao = oneplan::areas::lao(db, chun_lao).await.unwrap().unwrap();
    let o = Role::Officer;
    let people = vec![
        ("root", cast::root(db).await),
        acc("cdd.admin", Role::Admin, L::National, String::new(), Cdd).await,
        acc("nation", o, L::National, String::new(), MoiPs).await,
        acc("changwat", o, L::Province, "56".into(), ProvinceOffice).await,
        acc("sthj", o, L::Province, "56".into(), DlaProvince).await,
        acc("amphoe", o, L::District, "5601".into(), CddDistrict).await,
        acc("thongthin", o, L::District, "5601".into(), DlaDistrict).await,
        acc("palat", o, L::District, "5601".into(), DopaDistrict).await,
        acc("cdo", o, L::Tambon, "560114".into(), CddDistrict).await,
        acc(
            "ronghai",
            o,
            L::Village,
            "56011401".into(),
            VillageCommittee,
        )
        .await,
        acc("lao", o, L::Lao, lao_maesai.lao_key.clone(), Lao).await,
        acc(
            "watcher",
            Role::Viewer,
            L::Tambon,
            "560114".into(),
            CddDistrict,
        )
        .await,
        // the same offices elsewhere
        acc("changwat.11", o, L::Province, "11".into(), ProvinceOffice).await,
        acc("sthj.11", o, L::Province, "11".into(), DlaProvince).await,
        acc("amphoe.chun", o, L::District, "5602".into(), CddDistrict).await,
        acc("thongthin.chun", o, L::District, "5602".into(), DlaDistrict).await,
        acc("palat.chun", o, L::District, "5602".into(), DopaDistrict).await,
        acc("cdo.chun", o, L::Tambon, chun_tambon.clone(), CddDistrict).await,
        acc(
            "village.chun",
            o,
            L::Village,
            chun_village,
            VillageCommittee,
        )
        .await,
        acc("lao.chun", o, L::Lao, chun_lao.lao_key.clone(), Lao).await,
        acc(
            "province.admin.11",
            Role::Admin,
            L::Province,
            "11".into(),
            ProvinceOffice,
        )
        .await,
    ];
    let mut actors = Vec::new();
    for (name, user) in &people {
        actors.push(signed_in(db, name, user).await);
    }
    let mut w = World {
        db: db.clone(),
        names: HashMap::new(),
        tables: HashMap::new(),
        village_form: Vec::new(),
    };
    w.set("lao", lao_maesai.id, None);
    setup::records(db, &mut w, &mut actors[0]).await;
    (actors, w)
}

mod cases;
mod setup;
use cases::cases;
