//! The records the access cases act on, made by the national administrator through the same
//! API and pages as anyone.

use super::{Actor, World};
use axum::http::StatusCode;
use oneplan::db::Db;
use serde_json::{Value, json};

async fn post(root: &mut Actor, path: &str, body: Value) -> Value {
    let csrf = root.csrf.clone();
    let r = root.client.json("POST", path, body, &csrf).await;
    assert_eq!(r.status, StatusCode::OK, "setup {path}: {}", r.body);
    r.json()
}

async fn page(root: &mut Actor, path: &str, fields: &[(&str, &str)]) {
    let mut all = vec![("csrf", root.csrf.as_str())];
    all.extend_from_slice(fields);
    let r = root.client.form(path, &all).await;
    assert!(
        r.status == StatusCode::SEE_OTHER && !r.location.starts_with("/signin")
            || r.status == StatusCode::OK,
        "setup {path}: {} {}",
        r.status,
        r.body.chars().take(400).collect::<String>()
    );
}

async fn scalar(db: &Db, sql: &'static str) -> i64 {
    oneplan::db::query_scalar::<i64>(sql)
        .fetch_one(db)
        .await
        .unwrap()
}

async fn version(db: &Db, plan: i64) -> i64 {
    oneplan::db::query_scalar::<i64>("SELECT version FROM plans WHERE id = $1")
        .bind(plan)
        .fetch_one(db)
        .await
        .unwrap()
}

/// A plan opened, with a forum and projects when asked; returns its id and the projects'.
async fn plan(
    db: &Db,
    root: &mut Actor,
    kind: &str,
    owner: &str,
    year: i64,
    projects: &[&str],
) -> (i64, Vec<i64>) {
    let p = post(
        root,
        "/api/plans",
        json!({"kind": kind, "owner": owner, "year": year}),
    )
    .await;
    let id = p["id"].as_i64().unwrap();
    let mut ids = vec![];
    if !projects.is_empty() {
        post(
            root,
            &format!("/api/plans/{id}/forums"),
            json!({"version": version(db, id).await, "held_on": "15/03/2569",
                   "chaired_by": "นายสมบัติ ใจดี", "attendance": "86"}),
        )
        .await;
    }
    for title in projects {
        let p = post(
            root,
            &format!("/api/plans/{id}/projects"),
            json!({"version": version(db, id).await, "title": title, "dimension": "economy",
                   "budget": "50,000", "executor": "community"}),
        )
        .await;
        ids.push(p["id"].as_i64().unwrap());
    }
    (id, ids)
}

async fn step(db: &Db, root: &mut Actor, plan: i64, step: &str) {
    post(
        root,
        &format!("/api/plans/{plan}/steps"),
        json!({"version": version(db, plan).await, "step": step, "reason": ""}),
    )
    .await;
}

pub async fn records(db: &Db, w: &mut World, root: &mut Actor) {
    let lao_id = w.get("lao");
    // village plans of Mae Sai's villages, 2569
    let titles = [
        "ขุดลอกลำเหมืองสาธารณะ",
        "ถนนคอนกรีตซอย ๓",
        "ส่งเสริมอาชีพเลี้ยงไก่ไข่",
        "ตลาดนัดชุมชน",
        "ประปาหมู่บ้าน",
        "ไฟฟ้าส่องสว่างทางสาธารณะ",
        "ลานกีฬาเอนกประสงค์",
        "ศาลาอเนกประสงค์หมู่บ้าน",
        "รางระบายน้ำ คสล.",
    ];
    let (vp, pv) = plan(db, root, "village", "56011401", 2569, &titles).await;
    w.set("vp", vp, Some("plans"));
    for (i, p) in pv.iter().enumerate() {
        w.set(&format!("pv{}", i + 1), p, Some("projects"));
    }
    for (name, village, steps) in [
        ("v_approve", "56011402", &["submit"][..]),
        ("v_approve_api", "56011403", &["submit"][..]),
        ("v_submit", "56011404", &[][..]),
        ("v_submit_api", "56011405", &[][..]),
        ("v_reopen", "56011409", &["submit", "approve"][..]),
    ] {
        let (id, _) = plan(db, root, "village", village, 2569, &["ถนนลูกรังเพื่อการเกษตร"]).await;
        for s in steps {
            step(db, root, id, s).await;
        }
        w.set(name, id, Some("plans"));
    }
    let (carry, _) = plan(db, root, "village", "56011406", 2569, &[]).await;
    w.set("v_carry", carry, Some("plans"));
    let (import, _) = plan(db, root, "village", "56011401", 2570, &[]).await;
    w.set("v_import", import, Some("plans"));
    let template = root
        .client
        .get(&format!("/plans/{import}/template.xlsx"))
        .await
        .bytes;
    w.village_form = village_form(&template);

    // the tambon plan, with three village projects in it and a budget request for one
    let (tp, _) = plan(db, root, "tambon", "560114", 2569, &[]).await;
    w.set("tp", tp, Some("plans"));
    for p in [&pv[2], &pv[4], &pv[5]] {
        post(
            root,
            &format!("/api/plans/{tp}/adoptions"),
            json!({"version": version(db, tp).await, "project_id": p}),
        )
        .await;
    }
    let pv6 = pv[5].to_string();
    page(
        root,
        &format!("/plans/{tp}/budget-requests"),
        &[
            ("project_id", pv6.as_str()),
            ("lao_id", lao_id.as_str()),
            ("requested_on", "20/05/2569"),
            ("amount", "50,000"),
            ("note", ""),
        ],
    )
    .await;
    let req = scalar(db, "SELECT MAX(id) FROM lao_budget_requests").await;
    w.set("req", req, Some("lao_budget_requests"));

    // the LAO's local development plan, with a forum and its own projects
    let (lp, _) = plan(db, root, "local", &lao_id, 2570, &["ถนนคอนกรีตเสริมเหล็ก"]).await;
    w.set("lp", lp, Some("plans"));
    let first: i64 = oneplan::db::query_scalar("SELECT first_year FROM plans WHERE id = $1")
        .bind(lp)
        .fetch_one(db)
        .await
        .unwrap();
    w.set("lp.year", first + 1, None);
    for n in 1..=4 {
        let own = post(
            root,
            &format!("/api/plans/{lp}/own-projects"),
            json!({"version": version(db, lp).await, "title": format!("ศูนย์พัฒนาเด็กเล็ก {n}"),
                   "budgets": {(first + 1).to_string(): "1,000,000"}}),
        )
        .await;
        w.set(
            &format!("own{n}"),
            own["project_id"].as_i64().unwrap(),
            Some("projects"),
        );
    }

    // the district plan: a ranked project on a provincial issue, approved by ก.บ.อ.
    let (dp, pd) = plan(db, root, "district", "5601", 2570, &["ถนนเลี่ยงเมืองพะเยา"]).await;
    w.set("dp", dp, Some("plans"));
    w.set("pd1", pd[0], Some("projects"));
    let dv = version(db, dp).await.to_string();
    page(
        root,
        &format!("/plans/{dp}/milestones"),
        &[
            ("version", dv.as_str()),
            ("committee_approved_on", "10/06/2568"),
        ],
    )
    .await;
    page(
        root,
        &format!("/plans/{dp}/issues"),
        &[("title", "เศรษฐกิจฐานราก")],
    )
    .await;
    let issue = scalar(db, "SELECT MAX(id) FROM development_issues")
        .await
        .to_string();
    let (dv, pd1) = (version(db, dp).await.to_string(), pd[0].to_string());
    page(
        root,
        &format!("/plans/{dp}/item"),
        &[
            ("version", dv.as_str()),
            ("project_id", pd1.as_str()),
            ("rank", "1"),
            ("issue_id", issue.as_str()),
            ("decided_on", "10/06/2568"),
            ("note", ""),
        ],
    )
    .await;
    let first: i64 = oneplan::db::query_scalar("SELECT first_year FROM plans WHERE id = $1")
        .bind(dp)
        .fetch_one(db)
        .await
        .unwrap();
    w.set("dp.year", first, None);

    // อบต.แม่ใส is the district's model LAO of 2569 and has reported May
    crate::common::cast::model_lao(db, 2569, "5601", lao_id.parse().unwrap()).await;
    post(
        root,
        &format!("/api/kpi/lao/{lao_id}?year=2569"),
        json!({"period": "2026-05", "report_no": "1/2569"}),
    )
    .await;

    // a village committee, communities of the LAO, an account, the calendar of 2569
    let today = time::OffsetDateTime::now_utc().date().to_string();
    w.set("today", &today, None);
    let c = post(
        root,
        "/api/committees/orders",
        json!({"kind": "village_committee", "area_code": "56011402", "order_no": "1/2569",
               "order_date": today, "fiscal_year": null,
               "members": [{"name": "นายแก้ว ดวงดี", "position": "ผู้ใหญ่บ้าน", "role": "ประธาน"}]}),
    )
    .await;
    w.set("committee", c["committee"]["id"].as_i64().unwrap(), None);
    for n in 1..=4 {
        let k = post(
            root,
            &format!("/api/laos/{lao_id}/communities"),
            json!({"number": (10 + n).to_string(), "name": format!("ชุมชนทดลอง {n}"), "tambon": "560114"}),
        )
        .await;
        w.set(
            &format!("kc{n}"),
            k["code"].as_str().unwrap(),
            Some("communities"),
        );
    }
    let kc1 = w.get("kc1");
    w.set("kc1.into", kc1, None);
    let target = crate::common::cast::account(
        db,
        "x.target",
        oneplan::accounts::Role::Officer,
        oneplan::accounts::ScopeLevel::District,
        "5601",
    )
    .await;
    w.set("user", target.id, Some("users"));
    page(
        root,
        "/calendar/years",
        &[("fiscal_year", "2569"), ("area", "")],
    )
    .await;
    let deadline = scalar(db, "SELECT MIN(id) FROM deadlines WHERE fiscal_year = 2569").await;
    w.set("deadline", deadline, None);

    // a tambon of Phayao that two LAOs share, and a split of its villages between them
    let shared: String = oneplan::db::query_scalar(
        "SELECT MIN(area_code) FROM lao_coverage WHERE extent = 'partial' \
         AND area_code LIKE '56%' AND LENGTH(area_code) = 6",
    )
    .fetch_one(db)
    .await
    .unwrap();
    let sharing = oneplan::areas::covering(db, &shared).await.unwrap();
    let by = sharing
        .iter()
        .find(|c| c.extent == oneplan::areas::Extent::Partial)
        .unwrap()
        .lao_id;
    let villages = oneplan::areas::children(db, Some(&shared)).await.unwrap();
    let json_villages: Vec<Value> = villages
        .iter()
        .map(|v| json!({"village": v.code, "lao_id": by}))
        .collect();
    w.set(
        "split.json",
        json!({"tambon": shared, "villages": json_villages}),
        None,
    );
    w.set("split.village", &villages[0].code, None);
    w.set("split.lao", by, None);
    w.set("shared", &shared, None);
    w.set("shared.district", &shared[..4], None);

    // issue 14: a Role Model round of next fiscal year for Mueang Phayao, four projects in its
    // bank, two of them selected by its ปค.อ. (for the cases that take them out)
    let fy = i64::from(oneplan::thai::fiscal_year_be(
        oneplan::thai::fiscal::today_in_thailand(),
    )) + 1;
    w.set("rm.year", fy, None);
    w.set("rm.open1", fy + 5, None);
    w.set("rm.open2", fy + 6, None);
    w.set("rm.due", format!("31/08/{fy}"), None);
    post(
        root,
        "/api/role-model/rounds",
        json!({"fiscal_year": fy.to_string(), "cap": "150,000", "work_due_on": format!("31/08/{fy}"),
               "report_due_on": format!("31/08/{fy}"), "districts": "5601"}),
    )
    .await;
    let rm = scalar(
        db,
        "SELECT MAX(id) FROM role_model_districts WHERE district_code = '5601'",
    )
    .await;
    w.set("rm", rm, Some("role_model_districts"));
    for n in 1..=4 {
        let e = post(
            root,
            "/api/project-bank",
            json!({"district": "5601", "entry": {"title": format!("ส่งเสริมอาชีพกลุ่มที่ {n}"), "dimension": "economy",
                   "tambons": "560114", "target_villages": "2", "target_households": "40", "budget": "10,000",
                   "months": "4", "site_ready": "1", "consent": ""}}),
        )
        .await;
        w.set(&format!("bank{n}"), e["id"].as_i64().unwrap(), None);
    }
    let palat_id =
        oneplan::db::query_scalar::<i64>("SELECT id FROM users WHERE username = 'x.palat'")
            .fetch_one(db)
            .await
            .unwrap();
    let palat = oneplan::accounts::get(db, palat_id).await.unwrap().unwrap();
    for n in [3, 4] {
        let v = oneplan::role_model::selection::of(db, fy, "5601")
            .await
            .unwrap()
            .version;
        let bank: i64 = w.get(&format!("bank{n}")).parse().unwrap();
        oneplan::role_model::selection::select(db, &palat, fy, "5601", v, bank)
            .await
            .unwrap();
    }
}

/// The downloaded village-plan form filled with one project, as an officer would in Excel.
fn village_form(template: &[u8]) -> Vec<u8> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(template)).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    let headers: Vec<String> = range
        .rows()
        .nth(3)
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let row = [
        "1",
        "ขุดลอกลำเหมืองสาธารณะ",
        "ด้านเศรษฐกิจ",
        "ปัญหาที่เวทีเสนอ",
        "",
        "ก่อสร้าง",
        "หมู่บ้านเดียว",
        "1",
        "85",
        "๓๒๐",
        "๑๒๐,๐๐๐",
        "องค์กรปกครองส่วนท้องถิ่น",
        "ใช่",
        "1/11/2569",
        "30 ก.ย. 2570",
        "",
    ];
    let mut out = rust_xlsxwriter::Workbook::new();
    let ws = out.add_worksheet();
    for (i, h) in headers.iter().enumerate() {
        ws.write_string(3, i as u16, h).unwrap();
    }
    for (i, v) in row.iter().enumerate().take(headers.len()) {
        if !v.is_empty() {
            ws.write_string(4, i as u16, *v).unwrap();
        }
    }
    out.save_to_buffer().unwrap()
}
