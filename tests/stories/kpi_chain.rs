//! The KPI 3.2 chain (issue 12, seed 002): a model LAO reports to its district's สถ.อ., which
//! returns it with a reason or accepts it and forwards the district's reports to the province;
//! the province's สถ.จ. forwards its districts' to the department. Each step refuses what the
//! circular's order does not allow, in Thai, and what was forwarded prints as it was sent.

use crate::common::{Client, cast};
use axum::http::StatusCode;
use oneplan::accounts::{Agency, Role, ScopeLevel};
use oneplan::committees::{self, Kind, MemberInput, OrderInput, Target};
use oneplan::db::Db;
use oneplan::error::AppError;
use oneplan::kpi::chain::{Stage, Verdict, forward, months, review};
use oneplan::kpi::monthly;

const YEAR: i64 = 2569;
const MAY: &str = "2026-05";

fn refused(r: Result<impl std::fmt::Debug, AppError>, code: &str, words: &str) {
    match r {
        Err(e) => {
            let p = e.problems().first().unwrap_or_else(|| panic!("{e:?}"));
            assert_eq!(p.code(), code, "{}", e.message_th());
            assert!(e.message_th().contains(words), "{}", e.message_th());
        }
        Ok(x) => panic!("{code} expected, got {x:?}"),
    }
}

fn may(no: &str) -> monthly::MonthlyInput {
    monthly::MonthlyInput {
        period: MAY.into(),
        report_no: no.into(),
        ..Default::default()
    }
}

story!(a_report_goes_from_the_lao_to_the_department, Phayao);
async fn a_report_goes_from_the_lao_to_the_department(backend: &str, db: Db) {
    let lao = cast::mae_sai_lao(&db).await;
    cast::model_lao(&db, YEAR, "5601", lao.id).await;
    let chun = oneplan::areas::laos_in(&db, "5602")
        .await
        .unwrap()
        .remove(0);
    cast::model_lao(&db, YEAR, "5602", chun.id).await;
    let officer = cast::lao(&db).await;
    let district = oneplan::accounts::by_username(&db, "thongthin.5601")
        .await
        .unwrap()
        .unwrap()
        .0;
    let cdd = oneplan::accounts::by_username(&db, "pcho.5601")
        .await
        .unwrap()
        .unwrap()
        .0;
    let province = cast::account_of(
        &db,
        "sthj.phayao",
        Role::Officer,
        ScopeLevel::Province,
        "56",
        Agency::DlaProvince,
    )
    .await;

    let v1 = monthly::submit(&db, &officer, lao.id, YEAR, &may("๑/๒๕๖๙"))
        .await
        .unwrap();
    let m = months::district(&db, "5601", YEAR, MAY).await.unwrap();
    assert_eq!(m.laos.len(), 1, "{backend}");
    assert_eq!(m.laos[0].stage, Stage::Awaiting);
    // nothing goes on while a report awaits review
    refused(
        forward::forward(&db, &district, "5601", YEAR, MAY, "").await,
        "awaiting_review",
        "ยังมีรายงานที่รอตรวจ: อบต.แม่ใส",
    );
    // returning needs a reason; only สถ.อ. reviews
    refused(
        review::review(&db, &district, v1.id, Verdict::Returned, "  ").await,
        "return_without_reason",
        "ต้องระบุเหตุผล",
    );
    refused(
        review::review(&db, &cdd, v1.id, Verdict::Accepted, "").await,
        "step_for_agency",
        "สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอ",
    );
    let outsider = cast::outsider(&db).await;
    assert!(matches!(
        review::review(&db, &outsider, v1.id, Verdict::Accepted, "").await,
        Err(AppError::Forbidden(_))
    ));
    let reason = "ข้อ ๔ ไม่ตรงกับบันทึกเวทีประชาคม";
    review::review(&db, &district, v1.id, Verdict::Returned, reason)
        .await
        .unwrap();
    refused(
        review::review(&db, &district, v1.id, Verdict::Accepted, "").await,
        "already_reviewed",
        "ตรวจแล้ว",
    );
    // the LAO reads the reason on its page
    let mut web = Client::new(&db);
    web.sign_in(&officer.username, cast::PASSWORD).await;
    let page = web
        .get(&format!("/kpi/lao/{}?year=2569", lao.id))
        .await
        .body;
    let reviews = page
        .split("id=\"lao-reviews\"")
        .nth(1)
        .expect("the district's review is shown");
    assert!(
        reviews.contains("ส่งคืนให้แก้ไข") && reviews.contains(reason),
        "{reviews}"
    );

    // a new version, accepted; the old one is no longer reviewed
    let v2 = monthly::submit(&db, &officer, lao.id, YEAR, &may("๑/๒๕๖๙"))
        .await
        .unwrap();
    assert_eq!(v2.version, 2);
    refused(
        review::review(&db, &district, v1.id, Verdict::Accepted, "").await,
        "not_latest_version",
        "ไม่ใช่ฉบับล่าสุด",
    );
    review::review(&db, &district, v2.id, Verdict::Accepted, "")
        .await
        .unwrap();
    let sent = forward::forward(&db, &district, "5601", YEAR, MAY, "สถ.อ. ๑/๒๕๖๙")
        .await
        .unwrap();
    assert_eq!((sent.kind.as_str(), sent.version), ("kpi32_district", 1));
    refused(
        forward::forward(&db, &district, "5601", YEAR, MAY, "").await,
        "already_forwarded",
        "ส่งต่อแล้ว (ฉบับที่ 1)",
    );
    // the LAO's May report has moved on with the district's forward
    refused(
        monthly::submit(&db, &officer, lao.id, YEAR, &may("๒/๒๕๖๙")).await,
        "chain_moved_on",
        "สถ.อ.เมืองพะเยา ส่งต่อแล้ว",
    );

    // the province sees who forwarded and who did not
    let p = months::province(&db, "56", YEAR, MAY).await.unwrap();
    let stage = |code: &str| {
        p.districts
            .iter()
            .find(|d| d.district_code == code)
            .map(|d| d.stage)
    };
    assert_eq!(
        (stage("5601"), stage("5602")),
        (Some(Stage::Forwarded), Some(Stage::Missing)),
        "{backend}"
    );
    // only สถ.จ. forwards the province's reports
    refused(
        forward::forward(&db, &cast::province(&db).await, "56", YEAR, MAY, "").await,
        "step_for_agency",
        "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด",
    );
    let up = forward::forward(&db, &province, "56", YEAR, MAY, "พย ๐๐๒๓/๑")
        .await
        .unwrap();
    assert_eq!(up.kind, "kpi32_province");
    let dept = months::department(&db, YEAR, MAY).await.unwrap();
    let phayao = dept
        .provinces
        .iter()
        .find(|p| p.province_code == "56")
        .unwrap();
    assert_eq!(
        (phayao.stage, phayao.districts, phayao.tally.reports),
        (Stage::Forwarded, 1, 1),
        "{backend}"
    );
    assert_eq!(dept.forwarded_tally.reports, 1);
    // the district cannot change a month its province has forwarded
    refused(
        forward::forward(&db, &district, "5601", YEAR, MAY, "").await,
        "chain_moved_on",
        "สถ.จ.พะเยา ส่งต่อแล้ว",
    );

    // what the province forwarded prints as sent, whatever the records do afterwards
    let url = "/kpi/56/chain/export/forward.docx?year=2569&period=2026-05";
    let printed = crate::documents::runs(&crate::documents::unzip(
        &web.get(url).await.bytes,
        "word/document.xml",
    ))
    .join("|");
    assert!(
        printed.contains("อบต.แม่ใส") && printed.contains("จังหวัดพะเยา"),
        "{printed}"
    );
    assert!(printed.contains("อำเภอจุน (ยังไม่ส่ง)"), "{printed}");
    assert!(printed.contains("เลขที่รายงาน พย ๐๐๒๓/๑"), "{printed}");
    assert!(printed.contains(&province.display_name), "{printed}");
    committees::record_order(
        &db,
        &officer,
        &Target {
            kind: Kind::LaoWorkingGroup,
            area_code: String::new(),
            lao_id: Some(lao.id),
        },
        &OrderInput {
            order_no: "๑๒/๒๕๖๙".into(),
            order_date: "1/11/2568".into(),
            fiscal_year: String::new(),
            members: vec![MemberInput {
                name: "นายก อบต.".into(),
                position: "นายก".into(),
                role: "ประธาน".into(),
            }],
        },
        oneplan::thai::parse_date("2026-01-10").unwrap(),
    )
    .await
    .unwrap();
    let again = crate::documents::runs(&crate::documents::unzip(
        &web.get(url).await.bytes,
        "word/document.xml",
    ))
    .join("|");
    assert_eq!(again, printed, "{backend}");

    // June: a report number is not used twice in a year
    let june = monthly::MonthlyInput {
        period: "2026-06".into(),
        report_no: "๑/๒๕๖๙".into(),
        ..Default::default()
    };
    refused(
        monthly::submit(&db, &officer, lao.id, YEAR, &june).await,
        "report_no_used",
        "ใช้แล้วกับรายงานประจำเดือนพฤษภาคม 2569",
    );
    let june = monthly::MonthlyInput {
        report_no: "๒/๒๕๖๙".into(),
        ..june
    };
    let j = monthly::submit(&db, &officer, lao.id, YEAR, &june)
        .await
        .unwrap();
    review::review(&db, &district, j.id, Verdict::Accepted, "")
        .await
        .unwrap();
    refused(
        forward::forward(&db, &district, "5601", YEAR, "2026-06", "สถ.อ. ๑/๒๕๖๙").await,
        "report_no_used",
        "เลขที่รายงาน",
    );
    forward::forward(&db, &district, "5601", YEAR, "2026-06", "สถ.อ. ๒/๒๕๖๙")
        .await
        .unwrap();
    // the province's page, as its สถ.จ. reads it
    let mut web = Client::new(&db);
    web.sign_in(&province.username, cast::PASSWORD).await;
    let page = web.get("/kpi/56/chain?year=2569&period=2026-06").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("id=\"forward-form\""),
        "{backend}: สถ.จ. may forward"
    );
    let missing = page
        .body
        .split("id=\"chain-missing\"")
        .nth(1)
        .expect("the missing districts are named");
    assert!(missing.contains("อำเภอจุน"), "{missing}");
    assert_eq!(
        web.get("/kpi/560114/chain?year=2569").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        web.get("/api/kpi/chain/district/9999?year=2569")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

story!(the_chain_through_the_api, Phayao);
async fn the_chain_through_the_api(backend: &str, db: Db) {
    let lao = cast::mae_sai_lao(&db).await;
    cast::model_lao(&db, YEAR, "5601", lao.id).await;
    let officer = cast::lao(&db).await;
    let v1 = monthly::submit(&db, &officer, lao.id, YEAR, &may(""))
        .await
        .unwrap();
    let mut api = Client::new(&db);
    let csrf = api.api_sign_in("thongthin.5601", cast::PASSWORD).await;
    let r = api
        .json(
            "POST",
            &format!("/api/kpi/reviews/{}", v1.id),
            serde_json::json!({"verdict": "returned"}),
            &csrf,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{backend}: {}", r.body);
    assert_eq!(
        r.json()["error"]["code"],
        "return_without_reason",
        "{}",
        r.body
    );
    let r = api
        .json(
            "POST",
            &format!("/api/kpi/reviews/{}", v1.id),
            serde_json::json!({"verdict": "accepted"}),
            &csrf,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = api
        .json(
            "POST",
            "/api/kpi/chain/5601/forward",
            serde_json::json!({"year": 2569, "period": "๒๕๖๙-๐๕"}),
            &csrf,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = api
        .json(
            "POST",
            "/api/kpi/chain/5601/forward",
            serde_json::json!({"year": 2569, "period": "2026-05"}),
            &csrf,
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(r.json()["error"]["code"], "already_forwarded");
    let m = api
        .get("/api/kpi/chain/district/5601?year=2569&period=2026-05")
        .await
        .json();
    assert_eq!(m["laos"][0]["stage"], "accepted", "{m}");
    assert_eq!(m["forwarded"]["version"], 1, "{m}");
    let p = api
        .get("/api/kpi/chain/province/56?year=2569&period=2026-05")
        .await
        .json();
    assert_eq!(p["districts"][0]["stage"], "forwarded", "{p}");
}

story!(
    the_calendar_expects_the_model_plan_and_closes_model_lao_changes,
    Phayao
);
async fn the_calendar_expects_the_model_plan_and_closes_model_lao_changes(backend: &str, db: Db) {
    use oneplan::reporting::{MODEL_LAO_CHANGE, MODEL_TAMBON_PLAN, calendar, overview};
    calendar::ensure_year(&db, YEAR).await.unwrap();
    let lao = cast::mae_sai_lao(&db).await;
    cast::model_lao(&db, YEAR, "5601", lao.id).await;
    let dla = oneplan::accounts::by_username(&db, "thongthin.5601")
        .await
        .unwrap()
        .unwrap()
        .0;
    let other = oneplan::areas::laos_in(&db, "5601")
        .await
        .unwrap()
        .into_iter()
        .find(|l| l.id != lao.id && oneplan::kpi::model_laos::may_be_model(l))
        .unwrap();
    // after the year's 15 May a change of target is refused, before it accepted
    refused(
        oneplan::kpi::model_laos::designate(
            &db,
            &dla,
            YEAR,
            "5601",
            other.id,
            "16/05/2569",
            "ย้ายพื้นที่",
        )
        .await,
        "model_change_too_late",
        "ต้องแจ้งภายใน 15 พฤษภาคม 2569",
    );
    oneplan::kpi::model_laos::designate(&db, &dla, YEAR, "5601", other.id, "15/05/2569", "ย้ายพื้นที่")
        .await
        .unwrap();
    // the date is a deadline no unit owes a report for
    let today = time::macros::date!(2026 - 06 - 10);
    let o = overview::overview(&db, YEAR, "56", today).await.unwrap();
    let change = o
        .deadlines
        .iter()
        .find(|d| d.deadline.kind == MODEL_LAO_CHANGE)
        .expect("on the calendar");
    assert_eq!(change.counts.expected, 0, "{backend}");

    // choosing the district's model tambon plan is sending it: the 31 March deadline counts it
    oneplan::registers::targets::set(
        &db,
        &cast::district(&db).await,
        YEAR,
        "560114",
        true,
        "50,000",
        "",
    )
    .await
    .unwrap();
    let tambon = cast::tambon(&db).await;
    let owner = oneplan::plans::resolve_owner(&db, oneplan::plans::PlanKind::Tambon, "560114")
        .await
        .unwrap();
    let plan = oneplan::plans::open(&db, &tambon, oneplan::plans::PlanKind::Tambon, &owner, YEAR)
        .await
        .unwrap();
    let before = overview::overview(&db, YEAR, "5601", today).await.unwrap();
    let model = before
        .deadlines
        .iter()
        .find(|d| d.deadline.kind == MODEL_TAMBON_PLAN)
        .unwrap();
    assert_eq!(
        (model.counts.expected, model.counts.reported),
        (1, 0),
        "{backend}"
    );
    let cdd = oneplan::accounts::by_username(&db, "pcho.5601")
        .await
        .unwrap()
        .unwrap()
        .0;
    oneplan::books::model_plan::designate(&db, &cdd, plan.id, "")
        .await
        .unwrap();
    let after = overview::overview(&db, YEAR, "5601", today).await.unwrap();
    let model = after
        .deadlines
        .iter()
        .find(|d| d.deadline.kind == MODEL_TAMBON_PLAN)
        .unwrap();
    assert_eq!(model.counts.reported, 1, "{backend}");
}
