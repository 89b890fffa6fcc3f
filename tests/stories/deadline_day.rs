//! Deadline day (issue 13): on the 25th every model LAO of the area sends its month's KPI 3.2
//! report at once — from two tabs, some versions twice — while each district's สถ.อ. reviews
//! and forwards them, its พช.อ. sends the district's progress report, the province's สถ.จ.
//! forwards the districts', and readers keep the KPI and chain pages open. Against the real
//! binary on both databases: no server error, every answered submission kept once and nothing
//! kept that was not answered, versions without gaps, one audit entry per submission, no LAO
//! report after its district forwarded it, and the answer times printed as figures.
//!
//! 20 s of the province of Phayao by default; ONEPLAN_DEADLINE_SECONDS and ONEPLAN_DEADLINE_AREA
//! (a DOPA code prefix: "5" is the whole North) make the long variant.

use crate::common::server::{Remote, Server};
use crate::common::{self, Data, cast};
use oneplan::accounts::{Agency, Role, ScopeLevel};
use oneplan::db::Db;
use serde_json::json;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const YEAR: i64 = 2569;
const MAY: &str = "2026-05";
/// Readers on the pages while the reports come in.
const READERS: usize = 12;

fn seconds() -> u64 {
    std::env::var("ONEPLAN_DEADLINE_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
}

fn area() -> String {
    std::env::var("ONEPLAN_DEADLINE_AREA").unwrap_or_else(|_| "56".into())
}

#[tokio::test(flavor = "multi_thread")]
async fn deadline_day_loses_and_doubles_no_report_sqlite() {
    let dir = common::temp_dir("oneplan-deadline");
    let file = dir.join("oneplan.db");
    let db = common::db::sqlite_at(data(), &file).await;
    let url = format!("sqlite://{}?mode=rwc", file.display());
    deadline_day("sqlite", &db, &url, &dir).await;
    std::fs::remove_dir_all(&dir).unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn deadline_day_loses_and_doubles_no_report_postgres() {
    let Some((db, url)) = common::db::postgres_with_url(data()).await else {
        return;
    };
    let dir = common::temp_dir("oneplan-deadline");
    deadline_day("postgres", &db, &url, &dir).await;
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Phayao's template, or an empty database that the story fills with a wider area.
fn data() -> Data {
    if area() == "56" {
        Data::Phayao
    } else {
        Data::Empty
    }
}

/// What one request took and how it was answered.
#[derive(Default)]
struct Tally {
    /// milliseconds, by kind of request
    times: Mutex<BTreeMap<&'static str, Vec<f64>>>,
    /// refusals (4xx) by kind and code
    refusals: Mutex<BTreeMap<String, usize>>,
    /// 5xx and broken connections: each is a failure
    failures: Mutex<Vec<String>>,
    /// the ids of the submissions answered 200, by kind
    answered: Mutex<BTreeMap<&'static str, Vec<i64>>>,
    reviews: AtomicUsize,
}

impl Tally {
    /// Sends and files the answer; Some(body) when it was 200.
    async fn send(
        &self,
        who: &mut Remote,
        kind: &'static str,
        method: &str,
        path: &str,
        body: Option<serde_json::Value>,
        csrf: &str,
    ) -> Option<serde_json::Value> {
        let start = Instant::now();
        let r = match body {
            Some(b) => who.json(method, path, b, csrf).await,
            None => who.try_send(method, path, "", vec![], &[]).await,
        };
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        self.times.lock().unwrap().entry(kind).or_default().push(ms);
        match r {
            Err(e) => {
                self.failures
                    .lock()
                    .unwrap()
                    .push(format!("{kind} {path}: {e}"));
                None
            }
            Ok(r) if r.status.is_server_error() => {
                self.failures
                    .lock()
                    .unwrap()
                    .push(format!("{kind} {path}: {} {}", r.status, r.body));
                None
            }
            Ok(r) if r.status.is_success() => Some(if r.body.starts_with('{') {
                r.json()
            } else {
                json!({})
            }),
            Ok(r) => {
                let code = serde_json::from_str::<serde_json::Value>(&r.body)
                    .ok()
                    .and_then(|v| v["error"]["code"].as_str().map(str::to_string))
                    .unwrap_or_else(|| r.status.to_string());
                *self
                    .refusals
                    .lock()
                    .unwrap()
                    .entry(format!("{kind}: {code}"))
                    .or_default() += 1;
                None
            }
        }
    }

    fn answered(&self, kind: &'static str, body: &serde_json::Value) {
        let id = body["id"].as_i64().unwrap_or_else(|| panic!("{body}"));
        self.answered
            .lock()
            .unwrap()
            .entry(kind)
            .or_default()
            .push(id);
    }
}

/// A small random source of its own for each actor, so that a run can be read again.
struct Dice(u64);
impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
    async fn pause(&mut self, upto_ms: u64) {
        tokio::time::sleep(Duration::from_millis(10 + self.below(upto_ms))).await;
    }
}

struct District {
    code: String,
    lao_id: i64,
    lao_user: String,
    dla_user: String,
    cdd_user: String,
}

async fn deadline_day(backend: &str, db: &Db, url: &str, dir: &std::path::Path) {
    let area = area();
    if area != "56" {
        oneplan::areas::national::load(db, Some(&area))
            .await
            .unwrap();
    }
    let setup = Instant::now();
    let mut districts = Vec::new();
    for d in oneplan::areas::under(db, oneplan::areas::Level::District, &area)
        .await
        .unwrap()
    {
        let Some(lao) = oneplan::kpi::model_laos::eligible(db, &d.code)
            .await
            .unwrap()
            .into_iter()
            .next()
        else {
            continue;
        };
        cast::model_lao(db, YEAR, &d.code, lao.id).await;
        // the district's target tambon of the year, set by its พช.อ. (the progress report
        // counts from it)
        let cdd = oneplan::accounts::by_username(db, &format!("pcho.{}", d.code))
            .await
            .unwrap()
            .unwrap()
            .0;
        let tambon = oneplan::areas::under(db, oneplan::areas::Level::Tambon, &d.code)
            .await
            .unwrap()
            .remove(0);
        oneplan::registers::targets::set(db, &cdd, YEAR, &tambon.code, true, "50,000", "")
            .await
            .unwrap();
        let lao_user = format!("lao.{}", lao.id);
        cast::account(db, &lao_user, Role::Officer, ScopeLevel::Lao, &lao.lao_key).await;
        districts.push(District {
            lao_id: lao.id,
            lao_user,
            dla_user: format!("thongthin.{}", d.code),
            cdd_user: format!("pcho.{}", d.code),
            code: d.code,
        });
    }
    assert!(
        !districts.is_empty(),
        "no district with a model LAO under {area}"
    );
    let provinces: Vec<String> = {
        let mut p: Vec<String> = districts.iter().map(|d| d.code[..2].to_string()).collect();
        p.dedup();
        p
    };
    for p in &provinces {
        cast::account_of(
            db,
            &format!("sthj.{p}"),
            Role::Officer,
            ScopeLevel::Province,
            p,
            Agency::DlaProvince,
        )
        .await;
        cast::account(
            db,
            &format!("reader.{p}"),
            Role::Viewer,
            ScopeLevel::Province,
            p,
        )
        .await;
    }
    let setup = setup.elapsed();

    let server = Server::start(url, dir).await;
    let tally = Arc::new(Tally::default());
    let forwarded: Arc<Mutex<HashSet<String>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let secs = seconds();
    // everyone signs in first; the day starts for all at once
    let (day_starts, go) = tokio::sync::watch::channel(None::<Instant>);
    let mut actors = Vec::new();
    let sign_in = |user: String| {
        let base = server.base.clone();
        async move {
            let mut r = Remote::new(&base);
            let csrf = r.sign_in(&user, cast::PASSWORD).await.unwrap();
            (r, csrf)
        }
    };

    for (n, d) in districts.iter().enumerate() {
        // the model LAO's officer, in two tabs: each sends a version now and then (a figure
        // corrected), and a version is sometimes sent twice (a double click)
        for tab in 0..2u64 {
            let (mut who, csrf) = sign_in(d.lao_user.clone()).await;
            let (tally, stop, lao_id) = (tally.clone(), stop.clone(), d.lao_id);
            let (forwarded, code) = (forwarded.clone(), d.code.clone());
            let mut dice = Dice(0x9E37_79B9 + 31 * n as u64 + tab);
            let mut go = go.clone();
            actors.push(tokio::spawn(async move {
                let started = go.wait_for(Option::is_some).await.unwrap().unwrap();
                let path = format!("/api/kpi/lao/{lao_id}?year={YEAR}");
                let body = json!({"period": MAY, "report_no": format!("{}/๒๕๖๙", 100 + n)});
                // for the first three quarters of the day, and not once the district has
                // forwarded the month (what is sent meanwhile is refused)
                while !stop.load(Ordering::SeqCst)
                    && started.elapsed().as_secs_f64() < secs as f64 * 0.75
                    && !forwarded.lock().unwrap().contains(&code)
                {
                    let times = if dice.below(4) == 0 { 2 } else { 1 };
                    let sends = (0..times).map(|_| {
                        let mut who = who.clone();
                        let (tally, path, body, csrf) =
                            (tally.clone(), path.clone(), body.clone(), csrf.clone());
                        async move {
                            tally
                                .send(&mut who, "LAO report", "POST", &path, Some(body), &csrf)
                                .await
                        }
                    });
                    let answers = futures_join(sends.collect()).await;
                    for a in answers.into_iter().flatten() {
                        tally.answered("kpi32_monthly", &a);
                    }
                    tally
                        .send(
                            &mut who,
                            "page",
                            "GET",
                            &format!("/kpi/lao/{lao_id}?year={YEAR}"),
                            None,
                            "",
                        )
                        .await;
                    dice.pause(1200).await;
                }
            }));
        }
        // the district's สถ.อ.: reviews what waits (returns a first version now and then), and
        // forwards the month once most of the day has gone
        {
            let (mut who, csrf) = sign_in(d.dla_user.clone()).await;
            let (tally, stop, forwarded, code) = (
                tally.clone(),
                stop.clone(),
                forwarded.clone(),
                d.code.clone(),
            );
            let mut dice = Dice(0x85EB_CA6B + n as u64);
            let mut go = go.clone();
            actors.push(tokio::spawn(async move {
                let started = go.wait_for(Option::is_some).await.unwrap().unwrap();
                while !stop.load(Ordering::SeqCst) {
                    let month = format!("/api/kpi/chain/district/{code}?year={YEAR}&period={MAY}");
                    let Some(m) = tally.send(&mut who, "district month", "GET", &month, None, "").await else {
                        dice.pause(500).await;
                        continue;
                    };
                    for l in m["laos"].as_array().unwrap() {
                        if l["stage"] != "awaiting" {
                            continue;
                        }
                        let (id, version) = (l["latest"]["submission_id"].as_i64().unwrap(), l["latest"]["version"].as_i64().unwrap());
                        let body = if version == 1 && dice.below(2) == 0 {
                            json!({"verdict": "returned", "reason": "ข้อ ๔ ยังไม่ครบทุกหมู่บ้าน"})
                        } else {
                            json!({"verdict": "accepted"})
                        };
                        if tally.send(&mut who, "review", "POST", &format!("/api/kpi/reviews/{id}"), Some(body), &csrf).await.is_some() {
                            tally.reviews.fetch_add(1, Ordering::SeqCst);
                        }
                    }
                    let late_in_the_day = started.elapsed().as_secs_f64() > secs as f64 * 0.8;
                    if late_in_the_day && !forwarded.lock().unwrap().contains(&code) {
                        let body = json!({"year": YEAR, "period": MAY, "report_no": format!("สถ.อ. {code}/๒๕๖๙")});
                        if let Some(f) = tally.send(&mut who, "district forward", "POST", &format!("/api/kpi/chain/{code}/forward"), Some(body), &csrf).await {
                            tally.answered("kpi32_district", &f);
                            forwarded.lock().unwrap().insert(code.clone());
                        }
                    }
                    dice.pause(800).await;
                }
            }));
        }
        // the district's พช.อ. sends its progress report, a new version now and then
        {
            let (mut who, csrf) = sign_in(d.cdd_user.clone()).await;
            let (tally, stop, code) = (tally.clone(), stop.clone(), d.code.clone());
            let mut dice = Dice(0xC2B2_AE35 + n as u64);
            let mut go = go.clone();
            actors.push(tokio::spawn(async move {
                go.wait_for(Option::is_some).await.unwrap();
                for k in 0.. {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let body =
                        json!({"year": YEAR, "problems": format!("ร่าง {k}"), "suggestions": ""});
                    if let Some(s) = tally
                        .send(
                            &mut who,
                            "district report",
                            "POST",
                            &format!("/api/district-report/{code}"),
                            Some(body),
                            &csrf,
                        )
                        .await
                    {
                        tally.answered("district_progress", &s);
                    }
                    tally
                        .send(
                            &mut who,
                            "page",
                            "GET",
                            &format!("/district-report/{code}?year={YEAR}"),
                            None,
                            "",
                        )
                        .await;
                    dice.pause(2000).await;
                }
            }));
        }
    }
    // each province's สถ.จ. forwards its districts' once they have all forwarded
    for (n, p) in provinces.iter().enumerate() {
        let (mut who, csrf) = sign_in(format!("sthj.{p}")).await;
        let (tally, stop, forwarded, p) =
            (tally.clone(), stop.clone(), forwarded.clone(), p.clone());
        let all: HashSet<String> = districts
            .iter()
            .filter(|d| d.code.starts_with(&p))
            .map(|d| d.code.clone())
            .collect();
        let mut dice = Dice(0x27D4_EB2F + n as u64);
        let mut go = go.clone();
        actors.push(tokio::spawn(async move {
            go.wait_for(Option::is_some).await.unwrap();
            while !stop.load(Ordering::SeqCst) {
                tally.send(&mut who, "province month", "GET", &format!("/api/kpi/chain/province/{p}?year={YEAR}&period={MAY}"), None, "").await;
                if all.is_subset(&forwarded.lock().unwrap()) {
                    let body = json!({"year": YEAR, "period": MAY, "report_no": format!("สถ.จ. {p}/๒๕๖๙")});
                    if let Some(f) = tally.send(&mut who, "province forward", "POST", &format!("/api/kpi/chain/{p}/forward"), Some(body), &csrf).await {
                        tally.answered("kpi32_province", &f);
                        break;
                    }
                }
                dice.pause(1000).await;
            }
        }));
    }
    // readers, signed in as the province's staff, on the pages that report the month
    for r in 0..READERS {
        let p = provinces[r % provinces.len()].clone();
        let (mut who, _) = sign_in(format!("reader.{p}")).await;
        let (tally, stop) = (tally.clone(), stop.clone());
        let codes: Vec<(String, i64)> = districts
            .iter()
            .filter(|d| d.code.starts_with(&p))
            .map(|d| (d.code.clone(), d.lao_id))
            .collect();
        let mut dice = Dice(0x1656_67B1 + r as u64);
        let mut go = go.clone();
        actors.push(tokio::spawn(async move {
            go.wait_for(Option::is_some).await.unwrap();
            while !stop.load(Ordering::SeqCst) {
                let (code, lao) = &codes[dice.below(codes.len() as u64) as usize];
                let path = match dice.below(5) {
                    0 => format!("/kpi/{p}?year={YEAR}"),
                    1 => format!("/kpi/{code}/chain?year={YEAR}&period={MAY}"),
                    2 => format!("/kpi/{p}/chain?year={YEAR}&period={MAY}"),
                    3 => format!("/kpi/lao/{lao}?year={YEAR}"),
                    _ => format!("/api/kpi?area={code}&year={YEAR}"),
                };
                tally.send(&mut who, "page", "GET", &path, None, "").await;
                dice.pause(300).await;
            }
        }));
    }

    let started = Instant::now();
    day_starts.send(Some(started)).unwrap();
    tokio::time::sleep(Duration::from_secs(secs)).await;
    stop.store(true, Ordering::SeqCst);
    for a in actors {
        a.await.unwrap();
    }
    let day = started.elapsed();
    drop(server);

    // what the day left
    let failures = tally.failures.lock().unwrap().clone();
    assert!(
        failures.is_empty(),
        "{backend}: {} failures, first: {:?}",
        failures.len(),
        failures.first()
    );
    let answered = tally.answered.lock().unwrap().clone();
    for kind in [
        "kpi32_monthly",
        "district_progress",
        "kpi32_district",
        "kpi32_province",
    ] {
        let rows: Vec<(i64, String, i64)> = oneplan::db::query_as(
            "SELECT id, unit_key, version FROM submissions WHERE kind = $1 AND fiscal_year = $2 ORDER BY unit_key, version",
        )
        .bind(kind)
        .bind(YEAR)
        .fetch_all(db)
        .await
        .unwrap();
        let mut kept: Vec<i64> = rows.iter().map(|r| r.0).collect();
        let mut said = answered.get(kind).cloned().unwrap_or_default();
        kept.sort();
        said.sort();
        assert_eq!(
            said, kept,
            "{backend} {kind}: the answered submissions are the kept ones, each once"
        );
        let mut versions: HashMap<&str, Vec<i64>> = HashMap::new();
        for (_, unit, v) in &rows {
            versions.entry(unit).or_default().push(*v);
        }
        for (unit, v) in versions {
            assert_eq!(
                v,
                (1..=v.len() as i64).collect::<Vec<_>>(),
                "{backend} {kind} {unit}: versions without gaps"
            );
        }
        let audited: i64 = oneplan::db::query_scalar(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'submit' AND entity = $1",
        )
        .bind(kind)
        .fetch_one(db)
        .await
        .unwrap();
        assert_eq!(
            audited,
            kept.len() as i64,
            "{backend} {kind}: one audit entry per submission"
        );
    }
    let reviews: i64 = oneplan::db::query_scalar("SELECT COUNT(*) FROM submission_reviews")
        .fetch_one(db)
        .await
        .unwrap();
    assert_eq!(
        reviews as usize,
        tally.reviews.load(Ordering::SeqCst),
        "{backend}: every answered review kept once"
    );
    // a forwarded district carries its LAO's newest version: none came after the forward
    for d in &districts {
        let Some(s) =
            oneplan::reporting::submissions::latest(db, "kpi32_district", &d.code, YEAR, MAY)
                .await
                .unwrap()
        else {
            continue;
        };
        let v: serde_json::Value = serde_json::from_str(&s.payload_json).unwrap();
        let carried = v["report"]["carried"][0]["submission_id"].as_i64().unwrap();
        let newest = oneplan::reporting::submissions::latest(
            db,
            "kpi32_monthly",
            &format!("lao:{}", d.lao_id),
            YEAR,
            MAY,
        )
        .await
        .unwrap()
        .unwrap();
        assert_eq!(
            carried, newest.id,
            "{backend} {}: the forward carries the LAO's newest report (v{})",
            d.code, newest.version
        );
    }
    let n_forwarded = forwarded.lock().unwrap().len();
    assert!(
        n_forwarded > 0,
        "{backend}: no district forwarded in {secs} s"
    );

    // the figures
    let count = |k: &str| answered.get(k).map_or(0, Vec::len);
    println!(
        "deadline day, {backend}, area {area}: {} districts, {} model LAOs, {} clients, {:.1} s (set-up {:.1} s)",
        districts.len(),
        districts.len(),
        districts.len() * 4 + provinces.len() + READERS,
        day.as_secs_f64(),
        setup.as_secs_f64()
    );
    println!(
        "  kept: {} LAO reports, {} reviews, {} district forwards ({n_forwarded} of {} districts), {} province forwards, {} district progress reports; 0 lost, 0 doubled, 0 server errors",
        count("kpi32_monthly"),
        reviews,
        count("kpi32_district"),
        districts.len(),
        count("kpi32_province"),
        count("district_progress"),
    );
    for (kind, mut t) in tally.times.lock().unwrap().clone() {
        t.sort_by(f64::total_cmp);
        let at = |q: f64| t[((t.len() - 1) as f64 * q).round() as usize];
        println!(
            "  {kind:>16}: {:>6} requests, p50 {:>7.1} ms, p99 {:>7.1} ms, max {:>7.1} ms",
            t.len(),
            at(0.5),
            at(0.99),
            at(1.0)
        );
    }
    for (k, n) in tally.refusals.lock().unwrap().iter() {
        println!("  refused {k}: {n}");
    }
}

/// Runs the futures at once and returns their outputs in order.
async fn futures_join<F: std::future::Future + Send + 'static>(fs: Vec<F>) -> Vec<F::Output>
where
    F::Output: Send + 'static,
{
    let handles: Vec<_> = fs.into_iter().map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}
