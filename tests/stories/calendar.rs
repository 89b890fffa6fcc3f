//! The reporting calendar of Phayao for fiscal year 2569: deadlines from the yearly pattern,
//! who must report, who has, who was late, drill-down, reminders to the right accounts, and
//! the outbox handed to a real mail command.

use crate::common;
use axum::http::StatusCode;
use common::{Client, cast, csrf_of};
use oneplan::accounts::{self, Role, ScopeLevel, User};
use oneplan::areas;
use oneplan::db::Db;
use oneplan::error::AppError;
use oneplan::reporting::{
    self, DISTRICT_PLAN, KPI32_MONTHLY, NewSubmission, REGISTER_1, calendar, notifications, outbox,
    overview, reminders, submissions,
};
use oneplan::thai::fiscal::today_in_thailand;
use time::macros::date;

const FY: i64 = 2569;

async fn target_tambon(db: &Db, tambon: &str) {
    oneplan::db::query(
        "INSERT INTO target_tambons (fiscal_year, tambon_code, updated_at, updated_by) VALUES ($1, $2, '2025-11-01T00:00:00Z', 'test')",
    )
    .bind(FY)
    .bind(tambon)
    .execute(&db)
    .await
    .unwrap();
}

async fn designate(db: &Db, district: &str, lao_id: i64, replaced: bool) {
    oneplan::db::query(
        "INSERT INTO model_laos (fiscal_year, district_code, lao_id, designated_on, created_at, created_by, replaced_at, agreed_by, agreed_at) \
         VALUES ($1, $2, $3, '2025-11-01', '2025-11-01T00:00:00Z', 'test', $4, 'test', '2025-11-02T00:00:00Z')",
    )
    .bind(FY)
    .bind(district)
    .bind(lao_id)
    .bind(replaced.then_some("2025-12-01T00:00:00Z"))
    .execute(&db)
    .await
    .unwrap();
}

async fn submit(
    db: &Db,
    user: &User,
    kind: &'static str,
    unit_key: &str,
    period: &str,
) -> reporting::Submission {
    let area_code = reporting::expected::unit_area(db, unit_key)
        .await
        .unwrap()
        .unwrap();
    let mut tx = db.begin_write().await.unwrap();
    let s = submissions::submit(
        &mut tx,
        user,
        NewSubmission {
            kind,
            unit_key: unit_key.into(),
            area_code,
            lao_id: unit_key.strip_prefix("lao:").map(|id| id.parse().unwrap()),
            fiscal_year: FY,
            period: period.into(),
            payload: serde_json::json!({"note": "ส่งแล้ว"}),
        },
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    s
}

fn find<'a>(o: &'a overview::Overview, kind: &str, period: &str) -> &'a overview::DeadlineReport {
    o.deadlines
        .iter()
        .find(|d| d.deadline.kind == kind && d.deadline.period == period)
        .unwrap()
}

fn counts(expected: i64, reported: i64, late: i64, missing: i64) -> overview::Counts {
    overview::Counts {
        expected,
        reported,
        late,
        missing,
    }
}

/// The first tambon of a district.
async fn first_tambon(db: &Db, district: &str) -> String {
    areas::children(db, Some(district)).await.unwrap()[0]
        .code
        .clone()
}

struct Place {
    lao1: areas::Lao,
    lao2: areas::Lao,
    lao3_old: areas::Lao,
    lao3: areas::Lao,
}

/// Target tambons in three districts, model LAOs in three (one replaced).
async fn records(db: &Db) -> Place {
    for d in ["5601", "5602", "5603"] {
        target_tambon(db, &first_tambon(db, d).await).await;
    }
    // a second target tambon in the same district does not make it report twice
    target_tambon(
        db,
        &areas::children(db, Some("5601")).await.unwrap()[1].code,
    )
    .await;
    let laos = |d: &'static str| async move {
        areas::laos_in(db, d)
            .await
            .unwrap()
            .into_iter()
            .filter(|l| l.kind == oneplan::areas::LaoKind::Tao)
            .collect::<Vec<_>>()
    };
    let (l1, l2, l3) = (laos("5601").await, laos("5602").await, laos("5603").await);
    let place = Place {
        lao1: l1[0].clone(),
        lao2: l2[0].clone(),
        lao3_old: l3[0].clone(),
        lao3: l3[1].clone(),
    };
    designate(db, "5601", place.lao1.id, false).await;
    designate(db, "5602", place.lao2.id, false).await;
    designate(db, "5603", place.lao3_old.id, true).await;
    designate(db, "5603", place.lao3.id, false).await;
    place
}

story!(calendar_counts_reminders_and_mail, Phayao);
async fn calendar_counts_reminders_and_mail(backend: &str, db: Db) {
    // the calendar of the year, from the circulars' pattern, made once
    // (twenty-two: five of each step of KPI 3.2 — the LAO's, the district's and the
    // province's — and seven yearly ones, with the model tambon plan (31 March) and the last day
    // to change a model LAO (15 May); the Role Model report is a round's, not every year's)
    assert_eq!(calendar::ensure_year(&db, FY).await.unwrap(), 22);
    assert_eq!(
        calendar::ensure_year(&db, FY).await.unwrap(),
        0,
        "{backend}"
    );
    let year = calendar::deadlines(&db, FY).await.unwrap();
    assert_eq!(year.len(), 22);
    // the district plan sent by 15 June serves the plans of two years later
    let plan = year.iter().find(|d| d.kind == "district_plan").unwrap();
    assert!(
        plan.title.ends_with(&format!("(แผนปี {})", FY + 2)),
        "{}",
        plan.title
    );
    assert!(year.iter().all(|d| d.kind != "role_model"));
    let due = |kind: &str, period: &str| {
        year.iter()
            .find(|d| d.kind == kind && d.period == period)
            .unwrap()
            .due_on
            .to_string()
    };
    assert_eq!(due(REGISTER_1, ""), "2026-03-31");
    assert_eq!(due(reporting::DISTRICT_PROGRESS, ""), "2026-03-31");
    for (period, on) in [
        ("2026-05", "2026-05-25"),
        ("2026-06", "2026-06-25"),
        ("2026-07", "2026-07-25"),
        ("2026-08", "2026-08-25"),
        ("2026-09", "2026-09-25"),
    ] {
        assert_eq!(due(KPI32_MONTHLY, period), on);
        assert_eq!(due(reporting::KPI32_DISTRICT, period), on);
        assert_eq!(due(reporting::KPI32_PROVINCE, period), on);
    }
    assert_eq!(due(DISTRICT_PLAN, ""), "2026-06-15");

    let place = records(&db).await;
    let amphoe = cast::district(&db).await;
    let root = cast::root(&db).await;
    let province = cast::province(&db).await;
    let viewer = common::account(
        &db,
        "chun.viewer",
        Role::Viewer,
        ScopeLevel::District,
        "5602",
    )
    .await;
    let lao2 = common::account(
        &db,
        "lao2",
        Role::Officer,
        ScopeLevel::Lao,
        &place.lao2.lao_key,
    )
    .await;

    // register 1 is past due (31 March 2569): the first report is late, a second is version 2
    let first = submit(&db, &amphoe, REGISTER_1, "5601", "").await;
    assert_eq!(
        (
            first.version,
            first.late,
            first.deadline.map(|d| d.to_string())
        ),
        (1, true, Some("2026-03-31".to_string()))
    );
    let second = submit(&db, &amphoe, REGISTER_1, "5601", "").await;
    assert_eq!(second.version, 2);
    let history = submissions::history(&db, REGISTER_1, "5601", FY, "")
        .await
        .unwrap();
    assert_eq!(
        history.iter().map(|s| s.version).collect::<Vec<_>>(),
        [2, 1]
    );

    // only a national administrator moves a due date; the refusal is recorded
    let r1 = year.iter().find(|d| d.kind == REGISTER_1).unwrap();
    let later = today_in_thailand() + time::Duration::days(10);
    assert!(matches!(
        calendar::set_due(&db, &province, r1.id, later).await,
        Err(AppError::Forbidden(_))
    ));
    let denied: i64 = oneplan::db::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND entity = 'deadline' AND username = 'changwat'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(denied, 1);
    let moved = calendar::set_due(&db, &root, r1.id, later).await.unwrap();
    assert_eq!(moved.due_on.to_string(), later.to_string());
    let audited: i64 = oneplan::db::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'update' AND entity = 'deadline' AND username = 'root'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(audited, 1);
    // ...and a report sent before the new date is on time; the earlier one stays late
    let chun = submit(&db, &province, REGISTER_1, "5602", "").await;
    assert!(!chun.late);
    // the yearly pattern does not undo the administrator's change
    calendar::ensure_year(&db, FY).await.unwrap();
    assert_eq!(
        calendar::get(&db, r1.id)
            .await
            .unwrap()
            .unwrap()
            .due_on
            .to_string(),
        later.to_string()
    );
    // a report from a unit that is not expected is not counted
    submit(&db, &province, REGISTER_1, "5609", "").await;

    // KPI 3.2 for May 2569 from one of the three current model LAOs
    let kpi = submit(
        &db,
        &amphoe,
        KPI32_MONTHLY,
        &format!("lao:{}", place.lao1.id),
        "2026-05",
    )
    .await;
    assert!(kpi.late);

    // the province: counts and the districts to drill into
    let today = today_in_thailand();
    let o = overview::overview(&db, FY, "56", today).await.unwrap();
    let r1 = find(&o, REGISTER_1, "");
    assert_eq!(r1.counts, counts(3, 2, 1, 1), "{backend}");
    assert_eq!(r1.status, calendar::Status::DueSoon);
    let by_area: Vec<_> = r1
        .areas
        .iter()
        .map(|a| (a.code.as_str(), a.counts))
        .collect();
    assert_eq!(
        by_area,
        [
            ("5601", counts(1, 1, 1, 0)),
            ("5602", counts(1, 1, 0, 0)),
            ("5603", counts(1, 0, 0, 1))
        ]
    );
    assert_eq!(r1.not_reported.len(), 1);
    assert_eq!(r1.not_reported[0].name_th, "อำเภอเชียงคำ");
    let k = find(&o, KPI32_MONTHLY, "2026-05");
    assert_eq!(k.counts, counts(3, 1, 1, 2));
    assert_eq!(k.status, calendar::Status::Overdue);
    assert_eq!(find(&o, DISTRICT_PLAN, "").counts, counts(9, 0, 0, 9));
    assert_eq!(
        find(&o, KPI32_MONTHLY, "2026-06").counts,
        counts(3, 0, 0, 3)
    );

    // the country: provinces only, no unit lists
    let country = overview::overview(&db, FY, "", today).await.unwrap();
    let r1 = find(&country, REGISTER_1, "");
    assert_eq!(r1.counts, counts(3, 2, 1, 1));
    assert_eq!(r1.areas.len(), 1);
    assert_eq!(r1.areas[0].name_th, "จังหวัดพะเยา");
    assert!(r1.not_reported.is_empty());

    // drill down to Chiang Kham: the units that have not reported, by name
    let ck = overview::overview(&db, FY, "5603", today).await.unwrap();
    assert_eq!(find(&ck, REGISTER_1, "").not_reported[0].unit_key, "5603");
    let missing_laos: Vec<_> = find(&ck, KPI32_MONTHLY, "2026-05")
        .not_reported
        .iter()
        .map(|u| u.name_th.clone())
        .collect();
    assert_eq!(missing_laos, [place.lao3.full_name_th.clone()]);
    assert!(find(&ck, REGISTER_1, "").areas.is_empty());

    // reminders on 10 June 2569: register 2 and 3 (31 May), KPI May (25 May) and the
    // district plan (15 June) are inside the window; register 1 (moved) and KPI June are not
    accounts::email::set_email(&db, &amphoe, amphoe.id, "amphoe1@phayao.go.th")
        .await
        .unwrap();
    let on = date!(2026 - 06 - 10);
    let r = reminders::remind(&db, on).await.unwrap();
    // register 2, 3: 5601 → amphoe; 5602 (only a viewer) and 5603 → the province
    // KPI May: lao2 → its LAO officer; the new Chiang Kham LAO → the province
    // district plan: 5601 → amphoe; the other eight → the province
    // KPI May forwards: the three districts with a model LAO (5601 → amphoe, 5602 and 5603 →
    // the province), and the province's own forward to DLA
    assert_eq!(r.notifications, 3 + 3 + 2 + 9 + 3 + 1, "{backend}");
    assert_eq!(
        r.mails, 4,
        "amphoe has an address: register 2, 3, district plan, KPI forward"
    );
    let again = reminders::remind(&db, on).await.unwrap();
    assert_eq!((again.notifications, again.mails), (0, 0));
    let total: i64 = oneplan::db::query_scalar("SELECT COUNT(*) FROM notifications")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(total, 21);
    let unread = |u: &User| notifications::unread_count(&db, u.id);
    assert_eq!(unread(&amphoe).await.unwrap(), 4);
    // + KPI May forwards of 5602 and 5603, and the province's own
    assert_eq!(unread(&province).await.unwrap(), 2 + 2 + 1 + 8 + 2 + 1);
    assert_eq!(unread(&lao2).await.unwrap(), 1);
    assert_eq!(unread(&viewer).await.unwrap(), 0);
    assert_eq!(unread(&root).await.unwrap(), 0);
    let mine = notifications::of_user(&db, lao2.id, 10).await.unwrap();
    assert!(
        mine[0].message.contains(&place.lao2.full_name_th)
            && mine[0].message.contains("25 พฤษภาคม 2569")
            && mine[0].message.starts_with("เลยกำหนดส่ง"),
        "{}",
        mine[0].message
    );

    // the outbox: a dry run sends nothing; a real command gets RFC 5322 messages
    let dir = std::env::temp_dir().join(format!("oneplan_mail_{}_{backend}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("sent.txt");
    let _ = std::fs::remove_file(&file);
    let good = outbox::Sender {
        command: Some(format!("cat >> '{}'", file.display())),
        from: "oneplan@phayao.go.th".into(),
    };
    let dry = outbox::drain(&db, &good, true).await.unwrap();
    assert_eq!(dry.would_send.len(), 4);
    assert!(!file.exists());
    let sent = outbox::drain(&db, &good, false).await.unwrap();
    assert_eq!((sent.sent, sent.failed), (4, 0));
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.matches("To: amphoe1@phayao.go.th\n").count(), 4);
    assert!(text.contains("Subject: =?UTF-8?B?"));
    assert!(text.contains("Content-Type: text/plain; charset=utf-8"));
    assert!(text.contains("อำเภอเมืองพะเยา ยังไม่ได้ส่ง"));
    assert!(text.contains("เลยกำหนดมาแล้ว 10 วัน"));
    let unsent: i64 =
        oneplan::db::query_scalar("SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(unsent, 0);
    assert_eq!(outbox::drain(&db, &good, false).await.unwrap().sent, 0);

    // a failing command: the mail stays, with the attempt and the error
    let mut tx = db.begin_write().await.unwrap();
    let id = outbox::enqueue(
        &mut tx,
        Some(amphoe.id),
        "amphoe1@phayao.go.th",
        "ทดสอบ",
        "ทดสอบ",
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let bad = outbox::Sender {
        command: Some("echo 'relay down' >&2; exit 75".into()),
        ..good.clone()
    };
    let failed = outbox::drain(&db, &bad, false).await.unwrap();
    assert_eq!((failed.sent, failed.failed), (0, 1));
    let (attempts, error, sent_at): (i64, String, Option<String>) =
        oneplan::db::query_as("SELECT attempts, last_error, sent_at FROM outbox WHERE id = $1")
            .bind(id)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!((attempts, sent_at), (1, None));
    assert_eq!(error, "exit status 75: relay down");
    assert_eq!(outbox::drain(&db, &good, false).await.unwrap().sent, 1);
    let _ = std::fs::remove_dir_all(&dir);

    // marking read: one's own only
    let n = notifications::of_user(&db, amphoe.id, 10).await.unwrap();
    assert_eq!(
        notifications::mark_read(&db, &province, Some(n[0].id))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        notifications::mark_read(&db, &amphoe, Some(n[0].id))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        notifications::mark_read(&db, &amphoe, None).await.unwrap(),
        3
    );
    assert_eq!(unread(&amphoe).await.unwrap(), 0);

    // a national administrator adds a deadline; a duplicate is refused
    let added = calendar::add(
        &db,
        &root,
        calendar::NewDeadline {
            fiscal_year: FY,
            kind: KPI32_MONTHLY.into(),
            period: "2026-10".into(),
            due_on: "25/10/2569".into(),
            title: String::new(),
        },
    )
    .await
    .unwrap();
    assert_eq!(added.due_on.to_string(), "2026-10-25");
    assert!(added.title.ends_with("ประจำเดือนตุลาคม 2569"));
    assert!(matches!(
        calendar::add(
            &db,
            &root,
            calendar::NewDeadline {
                fiscal_year: FY,
                kind: KPI32_MONTHLY.into(),
                period: "2026-10".into(),
                due_on: "2026-10-26".into(),
                title: String::new(),
            },
        )
        .await,
        Err(AppError::Invalid(_))
    ));
}

story!(calendar_pages_badge_and_api, Phayao);
async fn calendar_pages_badge_and_api(backend: &str, db: Db) {
    calendar::ensure_year(&db, FY).await.unwrap();
    records(&db).await;
    let amphoe = cast::district(&db).await;
    submit(&db, &amphoe, REGISTER_1, "5601", "").await;
    reminders::remind(&db, date!(2026 - 06 - 10)).await.unwrap();
    let mut c = Client::new(&db);

    // a visitor sees the country; the province page lists who has not reported
    let country = c.get("/calendar?year=2569").await;
    assert_eq!(country.status, StatusCode::OK, "{backend}");
    assert!(country.body.contains("31 มีนาคม 2569") && country.body.contains("จังหวัดพะเยา"));
    let phayao = c
        .get("/calendar?year=%E0%B9%92%E0%B9%95%E0%B9%96%E0%B9%99&area=56")
        .await
        .body; // ๒๕๖๙
    assert!(
        phayao.contains("อำเภอเชียงคำ") && phayao.contains("area=5603\""),
        "{backend}"
    );
    assert_eq!(
        c.get("/calendar?area=99").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        c.get("/calendar?year=abc").await.status,
        StatusCode::BAD_REQUEST
    );

    // the same as JSON, and in the API description
    let v = c.get("/api/calendar?year=2569&area=56").await.json();
    assert_eq!(v["deadlines"].as_array().unwrap().len(), 22);
    let r1 = v["deadlines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["deadline"]["kind"] == "register1")
        .unwrap();
    assert_eq!(r1["counts"]["expected"], 3);
    assert_eq!(r1["counts"]["reported"], 1);
    assert_eq!(r1["status"], "overdue");
    assert_eq!(r1["not_reported"].as_array().unwrap().len(), 2);
    let doc = c.get("/api/openapi.json").await.body;
    assert!(doc.contains("/api/calendar") && doc.contains("/api/plans"));

    // signed in: the district's own calendar by default, and the unread badge
    c.sign_in(&amphoe.username, cast::PASSWORD).await;
    let mine = c.get("/calendar?year=2569").await.body;
    assert!(
        mine.contains("id=\"calendar-place\">อำเภอเมืองพะเยา"),
        "{backend}"
    );
    assert!(mine.contains("<span class=\"badge\" id=\"unread-count\">4</span>"));
    let list = c.get("/notifications").await.body;
    assert!(list.contains("แบบ ๒") && list.contains("อำเภอเมืองพะเยา"));
    let csrf = csrf_of(&list);
    let read = c.post("/notifications/read", &format!("csrf={csrf}")).await;
    assert_eq!(read.status, StatusCode::SEE_OTHER);
    let after = c.get("/notifications").await.body;
    assert!(!after.contains("id=\"unread-count\""));

    // the e-mail on my account page
    let page = c
        .post(
            "/account/email",
            &format!("csrf={csrf}&email=not-an-address"),
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("ไม่ใช่อีเมล"));
    c.post(
        "/account/email",
        &format!("csrf={csrf}&email=amphoe1%40phayao.go.th"),
    )
    .await;
    let me = accounts::get(&db, amphoe.id).await.unwrap().unwrap();
    assert_eq!(me.email, "amphoe1@phayao.go.th");

    // a district officer cannot move a due date
    let d = calendar::deadlines(&db, FY).await.unwrap()[0].clone();
    let moved = c
        .post(
            &format!("/calendar/deadlines/{}", d.id),
            &format!("csrf={csrf}&due_on=30%2F04%2F2569&area=56"),
        )
        .await;
    assert_eq!(moved.status, StatusCode::FORBIDDEN);

    // a national administrator can, typing a Buddhist-era date
    let mut admin = c.another();
    admin.sign_in("root", cast::PASSWORD).await;
    let page = admin.get("/calendar?year=2569&area=56").await.body;
    assert!(page.contains("action=\"/calendar/deadlines\""));
    let csrf = csrf_of(&page);
    let moved = admin
        .post(
            &format!("/calendar/deadlines/{}", d.id),
            &format!("csrf={csrf}&due_on=30%2F04%2F2569&area=56"),
        )
        .await;
    assert_eq!(moved.status, StatusCode::SEE_OTHER);
    assert_eq!(
        calendar::get(&db, d.id)
            .await
            .unwrap()
            .unwrap()
            .due_on
            .to_string(),
        "2026-04-30"
    );
    let page = admin
        .post(
            &format!("/calendar/deadlines/{}", d.id),
            &format!("csrf={csrf}&due_on=31%2F02%2F2569&area=56"),
        )
        .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("ไม่ใช่วันที่"));

    // an administrator sets the address on the account form; it is audited
    let form = admin.get(&format!("/admin/users/{}", amphoe.id)).await.body;
    assert!(form.contains("value=\"amphoe1@phayao.go.th\""));
    let version = accounts::get(&db, amphoe.id)
        .await
        .unwrap()
        .unwrap()
        .version;
    let saved = admin
        .post(
            &format!("/admin/users/{}", amphoe.id),
            &format!(
                "csrf={csrf}&version={version}&display_name=x&agency=cdd_district&role=officer&scope_level=district&scope_code=5601&active=on&email=sara%40phayao.go.th"
            ),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let back = saved.headers["location"].to_str().unwrap().to_string();
    assert_eq!(back, format!("/admin/users/{}?done=saved", amphoe.id));
    assert!(admin.get(&back).await.body.contains("บันทึกการแก้ไขแล้ว"));
    assert_eq!(
        accounts::get(&db, amphoe.id).await.unwrap().unwrap().email,
        "sara@phayao.go.th"
    );
    let audited: i64 = oneplan::db::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'user' AND entity_key = 'amphoe' AND after_json LIKE '%sara@phayao.go.th%'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(audited, 1);

    // English
    c.cookie = format!("{}; lang=en", c.cookie);
    let en = c.get("/calendar?year=2569&area=56").await.body;
    assert!(en.contains("Reporting calendar") && en.contains("Register form 1"));
}
