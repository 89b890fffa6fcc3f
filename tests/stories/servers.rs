//! The binary as a deployment runs it (issue 13): killed with kill -9 in the middle of imports
//! and saves, it comes back with every import wholly there or wholly absent, every answered save
//! kept and the audit log matching the records, on both databases; and two servers on one
//! PostgreSQL work as one — a session of one is good on the other, a save on one is seen on the
//! other at once, sign-in failures count across both, and the day's round runs once.

use crate::common::server::{Remote, Server};
use crate::common::{self, Data, cast};
use axum::http::StatusCode;
use oneplan::db::Db;
use oneplan::plans::{self, PlanKind};
use serde_json::json;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Rows of each import: large enough that a kill often lands inside one.
const ROWS: usize = 1500;
/// Kill -9 trials per database: 4, or ONEPLAN_KILL_TRIALS (the long variant).
fn trials() -> usize {
    std::env::var("ONEPLAN_KILL_TRIALS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4)
}

async fn count(db: &Db, sql: &'static str, id: i64) -> i64 {
    oneplan::db::query_scalar::<i64>(sql)
        .bind(id)
        .fetch_one(db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_killed_mid_work_keeps_every_import_whole_sqlite() {
    let dir = common::temp_dir("oneplan-kill");
    let file = dir.join("oneplan.db");
    let db = common::db::sqlite_at(Data::Phayao, &file).await;
    let url = format!("sqlite://{}?mode=rwc", file.display());
    killed_mid_work("sqlite", &db, &url, &dir).await;
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_killed_mid_work_keeps_every_import_whole_postgres() {
    let Some((db, url)) = common::db::postgres_with_url(Data::Phayao).await else {
        return;
    };
    let dir = common::temp_dir("oneplan-kill");
    killed_mid_work("postgres", &db, &url, &dir).await;
    std::fs::remove_dir_all(&dir).unwrap();
}

async fn killed_mid_work(backend: &str, db: &Db, url: &str, dir: &std::path::Path) {
    let lao_user = cast::lao(db).await;
    let village_user = cast::village(db).await;
    let lao = cast::mae_sai_lao(db).await;
    let owner = plans::resolve_owner(db, PlanKind::Local, &lao.id.to_string())
        .await
        .unwrap();
    let local = plans::open(db, &lao_user, PlanKind::Local, &owner, 2570)
        .await
        .unwrap();
    let owner = plans::resolve_owner(db, PlanKind::Village, "56011401")
        .await
        .unwrap();
    let village = plans::open(db, &village_user, PlanKind::Village, &owner, 2569)
        .await
        .unwrap();
    let years: Vec<String> = (local.first_year..=local.last_year)
        .map(|y| format!("b{y}"))
        .collect();
    let mut csv = format!("project_title,{}\n", years.join(","));
    for i in 1..=ROWS {
        csv.push_str(&format!("ถนนคอนกรีตสายที่ {i},\"1,000\",-,-,-,-\n"));
    }

    let mut answered_imports = 0;
    let answered_saves: Arc<Mutex<Vec<i64>>> = Arc::default();
    let mut killed_inside = 0;
    let trials = trials();
    for trial in 0..trials {
        let mut server = Server::start(url, dir).await;
        let mut importer = Remote::new(&server.base);
        let csrf = importer
            .sign_in(&lao_user.username, cast::PASSWORD)
            .await
            .unwrap();
        let mut saver = Remote::new(&server.base);
        let saver_csrf = saver
            .sign_in(&village_user.username, cast::PASSWORD)
            .await
            .unwrap();
        let (plan_id, village_id, csv) = (local.id, village.id, csv.clone());
        let answered = Arc::new(AtomicUsize::new(0));
        let in_flight = Arc::new(AtomicBool::new(false));
        let (counted, flying) = (answered.clone(), in_flight.clone());
        let imports = tokio::spawn(async move {
            loop {
                let Ok(plan) = importer
                    .try_send("GET", &format!("/api/plans/{plan_id}"), "", vec![], &[])
                    .await
                else {
                    return;
                };
                let version = plan.json()["plan"]["version"].as_i64().unwrap();
                flying.store(true, Ordering::SeqCst);
                let r = importer
                    .json(
                        "POST",
                        &format!("/api/plans/{plan_id}/own-projects/import"),
                        json!({"version": version, "csv": csv}),
                        &csrf,
                    )
                    .await;
                flying.store(false, Ordering::SeqCst);
                match r {
                    Ok(r) if r.status == StatusCode::OK => counted.fetch_add(1, Ordering::SeqCst),
                    Ok(r) => panic!("the import was refused: {} {}", r.status, r.body),
                    Err(_) => return,
                };
            }
        });
        let saved = answered_saves.clone();
        let saves = tokio::spawn(async move {
            for n in 0.. {
                let Ok(plan) = saver
                    .try_send("GET", &format!("/api/plans/{village_id}"), "", vec![], &[])
                    .await
                else {
                    return;
                };
                let version = plan.json()["plan"]["version"].as_i64().unwrap();
                match saver
                    .json(
                        "POST",
                        &format!("/api/plans/{village_id}/projects"),
                        json!({"version": version, "title": format!("ขุดลอกลำเหมือง {n}"),
                               "dimension": "economy", "budget": "5,000", "executor": "community"}),
                        &saver_csrf,
                    )
                    .await
                {
                    Ok(r) if r.status == StatusCode::OK => {
                        saved.lock().unwrap().push(r.json()["id"].as_i64().unwrap())
                    }
                    Ok(r) => panic!("the save was refused: {} {}", r.status, r.body),
                    Err(_) => return,
                }
            }
        });
        // a different moment of an import each trial: once it is under way, a little later
        for _ in 0..600 {
            if in_flight.load(Ordering::SeqCst) {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        tokio::time::sleep(Duration::from_millis(40 + 120 * trial as u64)).await;
        // and the last after one import was answered, so that a whole one is kept too
        while trial == trials - 1 && answered.load(Ordering::SeqCst) == 0 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let inside = in_flight.load(Ordering::SeqCst);
        server.kill();
        imports.await.unwrap();
        saves.await.unwrap();
        answered_imports += answered.load(Ordering::SeqCst);
        killed_inside += usize::from(inside);

        // back up: what the dead server left is whole
        let server = Server::start(url, dir).await;
        let own = count(
            db,
            "SELECT COUNT(*) FROM own_projects WHERE plan_id = $1",
            local.id,
        )
        .await;
        assert_eq!(
            own % ROWS as i64,
            0,
            "{backend}, trial {trial}: {own} own projects, not whole imports of {ROWS}"
        );
        assert!(
            own >= (answered_imports * ROWS) as i64,
            "{backend}: {answered_imports} imports were answered, {own} rows kept"
        );
        let audited = count(
            db,
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'own_project' AND action = 'create' \
             AND note LIKE '%#' || CAST($1 AS TEXT)",
            local.id,
        )
        .await;
        assert_eq!(
            audited, own,
            "{backend}: one audit entry for each imported row"
        );
        let raised = count(
            db,
            "SELECT COUNT(*) FROM projects WHERE origin_plan_id = $1",
            village.id,
        )
        .await;
        let audited = count(
            db,
            "SELECT COUNT(*) FROM audit_log a JOIN projects p ON a.entity_key = CAST(p.id AS TEXT) \
             WHERE a.entity = 'project' AND a.action = 'create' AND p.origin_plan_id = $1",
            village.id,
        )
        .await;
        assert_eq!(
            audited, raised,
            "{backend}: one audit entry for each saved project"
        );
        for id in answered_saves.lock().unwrap().iter() {
            assert!(
                oneplan::projects::get(db, *id).await.unwrap().is_some(),
                "{backend}: project {id} was answered as saved and is gone"
            );
        }
        drop(server);
    }
    let saves = answered_saves.lock().unwrap().len();
    eprintln!(
        "{backend}: {trials} kill -9 trials, {answered_imports} imports of {ROWS} rows and {saves} saves answered, \
         {killed_inside} kills while an import was being written; 0 records lost"
    );
    assert!(saves > 0 && answered_imports > 0, "{backend}: the work ran");
}

#[tokio::test(flavor = "multi_thread")]
async fn two_servers_on_one_postgresql_work_as_one() {
    let Some((db, url)) = common::db::postgres_with_url(Data::Phayao).await else {
        return;
    };
    let officer = cast::village(&db).await;
    let (dir_a, dir_b) = (common::temp_dir("oneplan-a"), common::temp_dir("oneplan-b"));
    // started at the same moment, as a load balancer's instances are
    let (a, b) = tokio::join!(Server::start(&url, &dir_a), Server::start(&url, &dir_b));

    // a session made on one is good on the other
    let mut on_a = Remote::new(&a.base);
    let csrf = on_a
        .sign_in(&officer.username, cast::PASSWORD)
        .await
        .unwrap();
    let mut on_b = on_a.on(&b.base);
    let me = on_b
        .try_send("GET", "/api/me", "", vec![], &[])
        .await
        .unwrap();
    assert_eq!(me.json()["user"]["username"], "ronghai", "{}", me.body);

    // a save on one is read on the other at once
    let plan = on_b
        .json(
            "POST",
            "/api/plans",
            json!({"kind": "village", "owner": "56011401", "year": 2569}),
            &csrf,
        )
        .await
        .unwrap()
        .json();
    let id = plan["id"].as_i64().unwrap();
    let saved = on_b
        .json(
            "POST",
            &format!("/api/plans/{id}/projects"),
            json!({"version": plan["version"], "title": "ประปาหมู่บ้านร่องไฮ",
                   "dimension": "economy", "budget": "80,000", "executor": "community"}),
            &csrf,
        )
        .await
        .unwrap();
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    let seen = on_a
        .try_send("GET", &format!("/api/plans/{id}"), "", vec![], &[])
        .await
        .unwrap();
    assert!(seen.body.contains("ประปาหมู่บ้านร่องไฮ"), "{}", seen.body);

    // wrong passwords typed on both count together
    for i in 0..5 {
        let base = if i % 2 == 0 { &a.base } else { &b.base };
        let r = Remote::new(base).sign_in("ronghai", "ผิดรหัส").await;
        assert!(r.is_err());
    }
    let r = Remote::new(&a.base)
        .sign_in("ronghai", cast::PASSWORD)
        .await
        .unwrap_err();
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);

    // the day's round of calendars and reminders ran once, not once per server
    let runs = || async {
        oneplan::db::query_scalar::<i64>("SELECT COUNT(*) FROM job_runs WHERE job = 'daily_round'")
            .fetch_one(&db)
            .await
            .unwrap()
    };
    for _ in 0..100 {
        if runs().await > 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(runs().await, 1);
    drop((a, b));
}

story!(the_days_round_is_claimed_once, Empty);
async fn the_days_round_is_claimed_once(backend: &str, db: Db) {
    use oneplan::reporting::daily_claim::{DAILY_ROUND, claim, release};
    let day = time::macros::date!(2026 - 12 - 01);
    assert!(claim(&db, DAILY_ROUND, day).await.unwrap(), "{backend}");
    assert!(
        !claim(&db, DAILY_ROUND, day).await.unwrap(),
        "{backend}: only once a day"
    );
    assert!(
        claim(&db, DAILY_ROUND, day.next_day().unwrap())
            .await
            .unwrap()
    );
    // given back after a failure, the next try runs it
    release(&db, DAILY_ROUND, day).await.unwrap();
    assert!(claim(&db, DAILY_ROUND, day).await.unwrap(), "{backend}");
}

/// Servers started at the same moment on a new database (or after an upgrade) migrate it once.
#[tokio::test(flavor = "multi_thread")]
async fn servers_started_at_once_migrate_a_new_database_once() {
    let dir = common::temp_dir("oneplan-migrate");
    let sqlite = format!("sqlite://{}?mode=rwc", dir.join("oneplan.db").display());
    let mut urls = vec![("sqlite", sqlite)];
    if let Some(url) = common::db::postgres_blank().await {
        urls.push(("postgres", url));
    }
    // one per file of migrations/
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations"))
        .unwrap()
        .filter(|f| {
            f.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|e| e == "sql")
        })
        .count() as i64;
    for (backend, url) in urls {
        let started = opened_at_once(&url).await;
        for db in &started {
            let n: i64 = oneplan::db::query_scalar("SELECT COUNT(*) FROM schema_migrations")
                .fetch_one(db)
                .await
                .unwrap();
            assert_eq!(n, files, "{backend}: every migration applied once");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Three connections opened at once, each migrating; all must succeed.
async fn opened_at_once(url: &str) -> Vec<Db> {
    let (a, b, c) = tokio::join!(Db::connect(url), Db::connect(url), Db::connect(url));
    vec![a.unwrap(), b.unwrap(), c.unwrap()]
}
