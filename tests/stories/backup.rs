//! Backing up while the database is in use, and putting a backup back: the embedded database
//! with `oneplan backup`/`restore`, PostgreSQL with pg_dump/pg_restore (issue 13). A backup taken
//! during saves holds a whole moment; one put back reads through the API as the original did.

use crate::common;
use oneplan::backup;
use oneplan::db::Db;
use oneplan::plans::{self, PlanKind};
use oneplan::projects::input::ProjectInput;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[tokio::test]
async fn a_backup_taken_while_running_restores_the_data_of_that_moment() {
    let dir = common::temp_dir("oneplan-backup");
    let live = dir.join("oneplan.db");
    let url = format!("sqlite://{}?mode=rwc", live.display());
    let db = common::db::sqlite_at(common::Data::Phayao, &live).await;
    let copy = dir.join("backup-2566-10-01.db");
    backup::backup(&db, &copy).await.unwrap();
    // a second backup never overwrites the first
    assert!(
        backup::backup(&db, &copy)
            .await
            .unwrap_err()
            .to_string()
            .contains("มีอยู่แล้ว")
    );

    // later changes…
    let file = "code,tambon_code,moo,name_th,name_en\n56011413,560114,13,บ้านหลังสำรอง,After\n";
    oneplan::areas::import::import_files(
        &db,
        &oneplan::audit::Actor::system("test"),
        &[("v.csv".into(), file.into())],
    )
    .await
    .unwrap();
    assert!(
        oneplan::areas::get(&db, "56011413")
            .await
            .unwrap()
            .is_some()
    );

    // …are gone after a restore, and the replaced database is kept beside it
    {
        let _running = backup::PidFile::create(&dir).unwrap();
        let refused = backup::restore(&dir, &live, &copy).await.unwrap_err();
        assert!(refused.to_string().contains("หยุดเซิร์ฟเวอร์ก่อน"), "{refused}");
    }
    // the server was killed (kill -9): its connections were never closed, so the newest
    // changes may be in the WAL only; the kept copy still holds them
    std::mem::forget(db);
    let kept = backup::restore(&dir, &live, &copy).await.unwrap();
    assert!(kept.exists());
    {
        use sqlx::Connection;
        let mut old =
            sqlx::SqliteConnection::connect(&format!("sqlite://{}?mode=ro", kept.display()))
                .await
                .unwrap();
        let n: i64 =
            oneplan::db::query_scalar("SELECT COUNT(*) FROM areas WHERE code = '56011413'")
                .fetch_one(&mut old)
                .await
                .unwrap();
        assert_eq!(n, 1, "the kept copy lost the newest data");
    }
    let db = Db::connect(&url).await.unwrap();
    assert!(
        oneplan::areas::get(&db, "56011413")
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(oneplan::areas::counts(&db).await.unwrap().tambons, 68);
    db.close().await;

    // a file that is no oneplan backup is refused and nothing is replaced
    let junk = dir.join("junk.db");
    std::fs::write(&junk, b"not a database").unwrap();
    assert!(
        backup::restore(&dir, &live, &junk)
            .await
            .unwrap_err()
            .to_string()
            .contains("ไม่ใช่ไฟล์สำรองข้อมูล")
    );
    let db = Db::connect(&url).await.unwrap();
    assert_eq!(oneplan::areas::counts(&db).await.unwrap().tambons, 68);
    db.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// Everything the API shows of a database, as the national administrator reads it: the plans of
/// Phayao and each plan's page, the accounts and the whole audit log.
async fn seen(db: &Db, upto: i64) -> Vec<(String, serde_json::Value)> {
    let mut c = common::Client::new(db);
    c.api_sign_in("root", common::cast::PASSWORD).await;
    let mut out = Vec::new();
    let get = async |c: &mut common::Client, uri: String| {
        let r = c.get(&uri).await;
        assert!(r.status.is_success(), "{uri}: {}", r.body);
        (uri, r.json())
    };
    let plans = get(&mut c, "/api/plans?area=56".into()).await;
    for p in plans.1.as_array().unwrap() {
        out.push(get(&mut c, format!("/api/plans/{}", p["id"])).await);
    }
    out.push(plans);
    out.push(get(&mut c, "/api/users".into()).await);
    out.push(get(&mut c, "/api/areas/560114".into()).await);
    // the log up to the backup (signing in to read it adds to it)
    let mut before = format!("&before={}", upto + 1);
    loop {
        let (uri, page) = get(&mut c, format!("/api/audit?area=56{before}")).await;
        let Some(last) = page.as_array().unwrap().last().map(|e| e["id"].clone()) else {
            break;
        };
        before = format!("&before={last}");
        out.push((uri, page));
    }
    out
}

/// A village plan saved into while a backup is taken: the projects a writer committed, in order.
async fn writing(db: &Db) -> (i64, tokio::task::JoinHandle<Vec<i64>>, Arc<AtomicBool>) {
    let officer = common::cast::village(db).await;
    let owner = plans::resolve_owner(db, PlanKind::Village, "56011401")
        .await
        .unwrap();
    let plan = plans::open(db, &officer, PlanKind::Village, &owner, 2569)
        .await
        .unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let (db, halt) = (db.clone(), stop.clone());
    let writer = tokio::spawn(async move {
        let mut ids = vec![];
        while !halt.load(Ordering::SeqCst) {
            let v = plans::get(&db, plan.id).await.unwrap().unwrap().version;
            let input = ProjectInput {
                title: format!("ขุดลอกลำเหมือง {}", ids.len() + 1),
                dimension: "economy".into(),
                budget: "5,000".into(),
                executor: "community".into(),
                ..Default::default()
            };
            let p = oneplan::adoption::add_to_plan(&db, &officer, plan.id, v, &input)
                .await
                .unwrap();
            ids.push(p.id);
        }
        ids
    });
    (plan.id, writer, stop)
}

/// A copy taken while `writing` saved holds the first k projects committed, for some k, each with
/// its audit entry, and the plan's version that counts them: a moment of the database, whole.
async fn a_moment_of(copy: &Db, live: &Db, plan: i64, committed: &[i64]) -> usize {
    let ids: Vec<i64> =
        oneplan::db::query_scalar("SELECT id FROM projects WHERE origin_plan_id = $1 ORDER BY id")
            .bind(plan)
            .fetch_all(copy)
            .await
            .unwrap();
    assert_eq!(
        ids,
        committed[..ids.len()],
        "the copy's projects are the first ones saved"
    );
    let audited: i64 = oneplan::db::query_scalar(
        "SELECT COUNT(*) FROM audit_log a JOIN projects p ON a.entity_key = CAST(p.id AS TEXT) \
         WHERE a.entity = 'project' AND a.action = 'create' AND p.origin_plan_id = $1",
    )
    .bind(plan)
    .fetch_one(copy)
    .await
    .unwrap();
    assert_eq!(audited as usize, ids.len(), "each with its audit entry");
    let version = |db: &Db| {
        let db = db.clone();
        async move { plans::get(&db, plan).await.unwrap().unwrap().version }
    };
    let base = version(live).await - committed.len() as i64;
    assert_eq!(
        version(copy).await,
        base + ids.len() as i64,
        "the plan's version too"
    );
    ids.len()
}

async fn last_audit(db: &Db) -> i64 {
    oneplan::db::query_scalar::<i64>("SELECT MAX(id) FROM audit_log")
        .fetch_one(db)
        .await
        .unwrap()
}

/// Compares two databases' reads; returns how many records (plan items, accounts, audit entries)
/// they held.
fn assert_same(
    view: &[(String, serde_json::Value)],
    restored: &[(String, serde_json::Value)],
    backend: &str,
) -> usize {
    assert_eq!(view.len(), restored.len(), "{backend}: the same reads");
    for (a, b) in view.iter().zip(restored) {
        assert!(
            a == b,
            "{backend}: {} differs after the restore:\n{}\n{}",
            a.0,
            a.1,
            b.1
        );
    }
    view.iter()
        .map(|(_, v)| match v {
            serde_json::Value::Array(a) => a.len(),
            v => v["items"].as_array().map_or(1, |i| i.len()),
        })
        .sum()
}

#[tokio::test(flavor = "multi_thread")]
async fn sqlite_backups_taken_while_saving_restore_record_by_record() {
    let dir = common::temp_dir("oneplan-backup-equal");
    let live = dir.join("oneplan.db");
    let url = format!("sqlite://{}?mode=rwc", live.display());
    let db = common::db::sqlite_at(common::Data::Phayao, &live).await;
    common::cast::root(&db).await;
    let (plan, writer, stop) = writing(&db).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let during = dir.join("during.db");
    backup::backup(&db, &during).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    stop.store(true, Ordering::SeqCst);
    let committed = writer.await.unwrap();
    let copy = Db::connect(&format!("sqlite://{}?mode=rwc", during.display()))
        .await
        .unwrap();
    let k = a_moment_of(&copy, &db, plan, &committed).await;
    copy.close().await;

    // quiet, a backup put back shows through the API exactly what the live database showed
    let quiet = dir.join("quiet.db");
    backup::backup(&db, &quiet).await.unwrap();
    let upto = last_audit(&db).await;
    let view = seen(&db, upto).await;
    db.close().await;
    backup::restore(&dir, &live, &quiet).await.unwrap();
    let restored = Db::connect(&url).await.unwrap();
    let records = assert_same(&view, &seen(&restored, upto).await, "sqlite");
    eprintln!(
        "sqlite: a backup taken during {} saves held the first {k}, whole; restored equal on {} reads, {records} records",
        committed.len(),
        view.len()
    );
    assert!(
        k > 0 && k < committed.len(),
        "the backup was taken during the saves"
    );
    restored.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// A PostgreSQL program of the newest installed version (pg_dump, pg_restore).
fn pg_tool(name: &str) -> std::path::PathBuf {
    let mut found: Vec<_> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|d| d.path().join("bin").join(name))
        .filter(|p| p.exists())
        .collect();
    found.sort_by_key(|p| {
        p.components()
            .nth(4)
            .and_then(|c| c.as_os_str().to_str()?.parse::<u32>().ok())
    });
    found.pop().unwrap_or_else(|| name.into())
}

fn run(program: std::path::PathBuf, args: &[&str]) {
    let out = std::process::Command::new(&program)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}: {}",
        program.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// pg_dump of the live database, put into a new one with pg_restore.
async fn dumped_and_restored(url: &str, file: &std::path::Path) -> Db {
    let file = file.to_str().unwrap();
    run(pg_tool("pg_dump"), &["-Fc", "-f", file, url]);
    let target = common::db::postgres_blank().await.unwrap();
    run(pg_tool("pg_restore"), &["--no-owner", "-d", &target, file]);
    Db::connect(&target).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn postgres_dumps_taken_while_saving_restore_record_by_record() {
    let Some((db, url)) = common::db::postgres_with_url(common::Data::Phayao).await else {
        return;
    };
    let dir = common::temp_dir("oneplan-dump");
    common::cast::root(&db).await;
    let (plan, writer, stop) = writing(&db).await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let dump = dir.join("during.dump");
    let url_during = url.clone();
    let dump_during = dump.clone();
    let copy = tokio::spawn(async move { dumped_and_restored(&url_during, &dump_during).await });
    let copy = copy.await.unwrap();
    stop.store(true, Ordering::SeqCst);
    let committed = writer.await.unwrap();
    let k = a_moment_of(&copy, &db, plan, &committed).await;

    let upto = last_audit(&db).await;
    let view = seen(&db, upto).await;
    let restored = dumped_and_restored(&url, &dir.join("quiet.dump")).await;
    let records = assert_same(&view, &seen(&restored, upto).await, "postgres");
    eprintln!(
        "postgres: a pg_dump taken during {} saves held the first {k}, whole; pg_restore equal on {} reads, {records} records",
        committed.len(),
        view.len()
    );
    assert!(k > 0, "the dump was taken during the saves");
    let _ = std::fs::remove_dir_all(&dir);
}
