//! Two people save the same version of the same record at the same moment: exactly one is
//! accepted and the other is told (409), on both databases, for every versioned write. The
//! two requests are released together by a barrier and run on separate threads.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use oneplan::accounts::{Role, ScopeLevel};
use oneplan::config::Config;
use oneplan::db::Db;
use oneplan::forums::ForumInput;
use oneplan::plans::{self, Owner, PlanKind};
use oneplan::projects::{self, input::ProjectInput};
use oneplan::web::{AppState, router};
use serde_json::{Value, json};
use std::sync::Arc;
use tokio::sync::Barrier;
use tower::ServiceExt;

const ROUNDS: usize = 20;

/// A signed-in client: its session cookie and CSRF token.
#[derive(Clone)]
struct Person {
    app: axum::Router,
    cookie: String,
    csrf: String,
}

impl Person {
    async fn sign_in(app: &axum::Router, username: &str) -> Person {
        let res = app
            .clone()
            .oneshot(
                Request::post("/api/session")
                    .header(header::HOST, "oneplan.test")
                    .header(header::CONTENT_TYPE, "application/json")
                    .body(Body::from(
                        json!({"username": username, "password": "ดอกคูณเสียงแคน-2566"}).to_string(),
                    ))
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK, "sign-in of {username}");
        let cookie = res.headers()[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string();
        let body: Value =
            serde_json::from_slice(&res.into_body().collect().await.unwrap().to_bytes()).unwrap();
        Person {
            app: app.clone(),
            cookie,
            csrf: body["csrf_token"].as_str().unwrap().to_string(),
        }
    }

    async fn send(&self, uri: &str, content_type: &str, body: String) -> StatusCode {
        let res = self
            .app
            .clone()
            .oneshot(
                Request::post(uri)
                    .header(header::HOST, "oneplan.test")
                    .header(header::COOKIE, &self.cookie)
                    .header("x-csrf-token", &self.csrf)
                    .header(header::CONTENT_TYPE, content_type)
                    .body(Body::from(body))
                    .unwrap(),
            )
            .await
            .unwrap();
        res.status()
    }

    async fn api(&self, uri: &str, body: Value) -> StatusCode {
        self.send(uri, "application/json", body.to_string()).await
    }

    async fn form(&self, uri: &str, fields: &[(&str, String)]) -> StatusCode {
        let mut all = vec![("csrf", self.csrf.clone())];
        all.extend(fields.iter().map(|(k, v)| (*k, v.clone())));
        let body = all
            .iter()
            .map(|(k, v)| format!("{k}={}", urlencode(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.send(uri, "application/x-www-form-urlencoded", body)
            .await
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Releases both writes together; returns (accepted, conflicts) by status.
async fn race<F, Fut>(write: F) -> (Vec<StatusCode>, usize)
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = StatusCode> + Send,
{
    let barrier = Arc::new(Barrier::new(2));
    let write = Arc::new(write);
    let tasks: Vec<_> = (0..2)
        .map(|who| {
            let (barrier, write) = (barrier.clone(), write.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                write(who).await
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for t in tasks {
        statuses.push(t.await.unwrap());
    }
    let conflicts = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    let accepted = statuses
        .into_iter()
        .filter(|s| *s != StatusCode::CONFLICT)
        .collect();
    (accepted, conflicts)
}

fn one_accepted(
    what: &str,
    round: usize,
    (accepted, conflicts): (Vec<StatusCode>, usize),
    ok: StatusCode,
) {
    assert_eq!(
        (accepted.as_slice(), conflicts),
        (&[ok][..], 1),
        "{what}, round {round}: exactly one accepted and one 409"
    );
}

async fn version(db: &Db, plan: i64) -> i64 {
    plans::get(db, plan).await.unwrap().unwrap().version
}

async fn project_version(db: &Db, project: i64) -> i64 {
    projects::get(db, project).await.unwrap().unwrap().version
}

async fn items(db: &Db, plan: i64) -> usize {
    oneplan::adoption::items(db, plan).await.unwrap().len()
}

fn road(title: &str) -> ProjectInput {
    ProjectInput {
        title: title.into(),
        dimension: "economy".into(),
        need: "ถนนเป็นหลุมบ่อ".into(),
        budget: "150,000".into(),
        executor: "lao".into(),
        reach: "village".into(),
        ..Default::default()
    }
}

story!(
    same_version_saved_twice_at_once,
    Phayao,
    flavor = "multi_thread",
    worker_threads = 4
);

async fn same_version_saved_twice_at_once(backend: &str, db: Db) {
    let tambon =
        crate::common::account(&db, "tambon", Role::Officer, ScopeLevel::Tambon, "560114").await;
    crate::common::account(&db, "district", Role::Officer, ScopeLevel::District, "5601").await;
    let app = router(AppState {
        db: db.clone(),
        config: Config {
            data_dir: std::env::temp_dir(),
            database_url: String::new(),
            listen: String::new(),
            secure_cookies: false,
            trusted_proxy: None,
        },
    });
    let people = [
        Person::sign_in(&app, "tambon").await,
        Person::sign_in(&app, "district").await,
    ];

    // a village plan with its forum, and the tambon plan above it
    let village = plans::resolve_owner(&db, PlanKind::Village, "56011401")
        .await
        .unwrap();
    let vp = plans::open(&db, &tambon, PlanKind::Village, &village, 2569)
        .await
        .unwrap()
        .id;
    let forum = ForumInput {
        held_on: "15/01/2569".into(),
        chaired_by: "ผู้ใหญ่บ้าน".into(),
        attendance: "80".into(),
        ..Default::default()
    };
    oneplan::forums::add(&db, &tambon, vp, version(&db, vp).await, &forum)
        .await
        .unwrap();
    let tambon_owner = plans::resolve_owner(&db, PlanKind::Tambon, "560114")
        .await
        .unwrap();
    assert!(matches!(tambon_owner, Owner::Area(_)));
    let tp = plans::open(&db, &tambon, PlanKind::Tambon, &tambon_owner, 2569)
        .await
        .unwrap()
        .id;

    // adding a project to a plan (the API)
    for round in 0..ROUNDS {
        let (v, before) = (version(&db, vp).await, items(&db, vp).await);
        let p = people.clone();
        let r = race(move |who| {
            let p = p[who].clone();
            async move {
                let d = road(&format!("ถนน {round} โดย {who}"));
                let body = json!({"version": v, "title": d.title, "dimension": d.dimension, "need": d.need,
                                  "budget": d.budget, "executor": d.executor, "reach": d.reach});
                p.api(&format!("/api/plans/{vp}/projects"), body).await
            }
        })
        .await;
        one_accepted(
            &format!("{backend}: add a project"),
            round,
            r,
            StatusCode::OK,
        );
        assert_eq!(
            items(&db, vp).await,
            before + 1,
            "{backend}: one project more"
        );
    }

    // recording a forum (the plan's version again)
    for round in 0..ROUNDS {
        let v = version(&db, vp).await;
        let p = people.clone();
        let r = race(move |who| {
            let p = p[who].clone();
            async move {
                let body = json!({"version": v, "held_on": "16/01/2569", "chaired_by": "ผู้ใหญ่บ้าน",
                                  "attendance": "60", "place": format!("ศาลา {round}/{who}")});
                p.api(&format!("/api/plans/{vp}/forums"), body).await
            }
        })
        .await;
        one_accepted(&format!("{backend}: a forum"), round, r, StatusCode::OK);
    }

    // editing a project (the form)
    let project = oneplan::adoption::items(&db, vp).await.unwrap()[0].project_id;
    for round in 0..ROUNDS {
        let v = project_version(&db, project).await;
        let p = people.clone();
        let r = race(move |who| {
            let p = p[who].clone();
            async move {
                let d = road(&format!("ถนนแก้ไข {round} โดย {who}"));
                p.form(
                    &format!("/projects/{project}"),
                    &[
                        ("version", v.to_string()),
                        ("title", d.title),
                        ("dimension", d.dimension),
                        ("need", d.need),
                        ("budget", d.budget),
                        ("executor", d.executor),
                        ("reach", d.reach),
                    ],
                )
                .await
            }
        })
        .await;
        one_accepted(
            &format!("{backend}: edit a project"),
            round,
            r,
            StatusCode::SEE_OTHER,
        );
        let title = projects::get(&db, project).await.unwrap().unwrap().title;
        assert!(
            title.starts_with(&format!("ถนนแก้ไข {round} โดย ")),
            "{backend}: {title}"
        );
    }

    // progress on a project (the API)
    for round in 0..ROUNDS {
        let v = project_version(&db, project).await;
        let p = people.clone();
        let r = race(move |who| {
            let p = p[who].clone();
            async move {
                p.api(
                    &format!("/api/projects/{project}/progress"),
                    json!({"version": v, "status": "under_way", "progress_pct": format!("{}", round * 4 + who), "spent": "1000"}),
                )
                .await
            }
        })
        .await;
        one_accepted(&format!("{backend}: progress"), round, r, StatusCode::OK);
    }

    // the tambon plan's milestones (the form)
    for round in 0..ROUNDS {
        let v = version(&db, tp).await;
        let p = people.clone();
        let r = race(move |who| {
            let p = p[who].clone();
            async move {
                p.form(
                    &format!("/plans/{tp}/milestones"),
                    &[
                        ("version", v.to_string()),
                        ("evaluation", format!("ประเมิน {round} โดย {who}")),
                    ],
                )
                .await
            }
        })
        .await;
        one_accepted(
            &format!("{backend}: milestones"),
            round,
            r,
            StatusCode::SEE_OTHER,
        );
        let evaluation = plans::get(&db, tp).await.unwrap().unwrap().evaluation;
        assert!(
            evaluation.starts_with(&format!("ประเมิน {round} โดย ")),
            "{backend}: {evaluation}"
        );
    }

    // adopting the villages' projects into the tambon plan (the API), two offered each round
    for extra in ["ฝายชะลอน้ำ", "ตลาดชุมชน"] {
        oneplan::adoption::add_to_plan(&db, &tambon, vp, version(&db, vp).await, &road(extra))
            .await
            .unwrap();
    }
    for round in 0..ROUNDS {
        let (v, before) = (version(&db, tp).await, items(&db, tp).await);
        let p = people.clone();
        let candidates =
            oneplan::adoption::adopt::candidates(&db, &plans::get(&db, tp).await.unwrap().unwrap())
                .await
                .unwrap();
        assert!(
            candidates.len() >= 2,
            "{backend}: {} candidates",
            candidates.len()
        );
        let pair = [candidates[0].project_id, candidates[1].project_id];
        let r = race(move |who| {
            let p = p[who].clone();
            async move {
                p.api(
                    &format!("/api/plans/{tp}/adoptions"),
                    json!({"version": v, "project_id": pair[who]}),
                )
                .await
            }
        })
        .await;
        one_accepted(&format!("{backend}: adopt"), round, r, StatusCode::OK);
        assert_eq!(items(&db, tp).await, before + 1, "{backend}: one item more");
    }

    // the plan's cycle: both submit the same version; then it is withdrawn for the next round
    for round in 0..ROUNDS {
        let v = version(&db, vp).await;
        let p = people.clone();
        let r = race(move |who| {
            let p = p[who].clone();
            async move {
                p.api(
                    &format!("/api/plans/{vp}/steps"),
                    json!({"version": v, "step": "submit"}),
                )
                .await
            }
        })
        .await;
        one_accepted(&format!("{backend}: submit"), round, r, StatusCode::OK);
        let status = people[0]
            .api(
                &format!("/api/plans/{vp}/steps"),
                json!({"version": version(&db, vp).await, "step": "withdraw"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{backend}: withdraw");
    }
}
