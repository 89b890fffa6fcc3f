//! The reporting chain in a real browser (issue 12): a model LAO submits its KPI 3.2 report of
//! May, the district's สถ.อ. returns it with a reason, the LAO submits again, the district
//! accepts and forwards it, the province's สถ.จ. forwards the province's, and the department's
//! page shows Phayao forwarded; then ที่ทำการปกครองอำเภอ sends the district plan's approved
//! project to the province, which sees it.

use crate::browser::{browser, click_link, fill, server, shot, sign_in, sign_out, submit, text};
use crate::common::cast;
use fantoccini::Locator;
use oneplan::accounts::{Agency, Role, ScopeLevel};
use oneplan::adoption::adopt::{self, AdoptInput};
use oneplan::db::Db;
use oneplan::plans::{self, Milestones};

async fn version(db: &Db, plan: i64) -> i64 {
    plans::get(db, plan).await.unwrap().unwrap().version
}

/// A district plan of Mueang Phayao whose one project ก.บ.อ. approved, ranked and aligned.
async fn district_plan(db: &Db) -> (i64, i64) {
    let planner = cast::district(db).await;
    let (plan, ids) =
        crate::to_province::district_plan_of(db, &planner, &["ถนนเลี่ยงเมืองพะเยา"]).await;
    plans::set_milestones(
        db,
        &planner,
        plan.id,
        version(db, plan.id).await,
        Milestones {
            committee_approved_on: "10/06/2568".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let issue =
        plans::development_issues::add(db, &cast::province(db).await, "56", "เศรษฐกิจฐานราก")
            .await
            .unwrap();
    adopt::update_item(
        db,
        &planner,
        plan.id,
        version(db, plan.id).await,
        &AdoptInput {
            project_id: ids[0],
            rank: "1".into(),
            issue_id: Some(issue.id),
            decided_on: "2025-06-10".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    (
        plan.id,
        plans::get(db, plan.id).await.unwrap().unwrap().first_year,
    )
}

async fn submit_may(c: &fantoccini::Client, base: &str, lao_id: i64, no: &str) {
    c.goto(&format!("{base}/kpi/lao/{lao_id}?year=2569"))
        .await
        .unwrap();
    c.find(Locator::Css("#monthly-form select[name=period]"))
        .await
        .unwrap()
        .select_by_value("2026-05")
        .await
        .unwrap();
    fill(c, "#monthly-form input[name=report_no]", no).await;
    submit(c, "#monthly-form button[type=submit]").await;
    assert_eq!(text(c, "p.notice").await, "ส่งรายงานแล้ว");
}

story!(
    the_chain_in_a_browser,
    Phayao,
    flavor = "multi_thread",
    worker_threads = 2
);
async fn the_chain_in_a_browser(backend: &str, db: Db) {
    let lao = cast::mae_sai_lao(&db).await;
    cast::model_lao(&db, 2569, "5601", lao.id).await;
    let officer = cast::lao(&db).await;
    let province = cast::account_of(
        &db,
        "sthj.phayao",
        Role::Officer,
        ScopeLevel::Province,
        "56",
        Agency::DlaProvince,
    )
    .await;
    let dopa = cast::dopa_district(&db).await;
    let (plan_id, plan_year) = district_plan(&db).await;
    let base = server(&db).await;
    let (_driver, c) = browser().await;

    // the LAO submits May
    sign_in(&c, &base, &officer.username).await;
    submit_may(&c, &base, lao.id, "๑/๒๕๖๙").await;
    sign_out(&c).await;

    // the district returns it with a reason, from its KPI page's chain link
    sign_in(&c, &base, "thongthin.5601").await;
    c.goto(&format!("{base}/kpi/5601?year=2569")).await.unwrap();
    click_link(&c, "การส่งรายงานตามสายงาน").await;
    click_link(&c, "พฤษภาคม 2569").await;
    assert!(
        text(&c, "#chain-rows tr.awaiting .stage")
            .await
            .contains("รอตรวจ")
    );
    fill(
        &c,
        "#chain-rows form.review-form input[name=reason]",
        "ข้อ ๔ ไม่ตรงกับบันทึกเวที",
    )
    .await;
    submit(&c, "#chain-rows form.review-form button[value=returned]").await;
    assert_eq!(
        text(&c, "#chain-rows tr.returned .stage").await,
        "ส่งคืนให้แก้ไข: ข้อ ๔ ไม่ตรงกับบันทึกเวที"
    );
    sign_out(&c).await;

    // the LAO reads the reason and submits again
    sign_in(&c, &base, &officer.username).await;
    c.goto(&format!("{base}/kpi/lao/{}?year=2569", lao.id))
        .await
        .unwrap();
    assert!(
        text(&c, "#lao-reviews")
            .await
            .contains("ข้อ ๔ ไม่ตรงกับบันทึกเวที")
    );
    submit_may(&c, &base, lao.id, "๑/๒๕๖๙").await;
    sign_out(&c).await;

    // the district accepts version 2 and forwards May to the province
    sign_in(&c, &base, "thongthin.5601").await;
    c.goto(&format!("{base}/kpi/5601/chain?year=2569&period=2026-05"))
        .await
        .unwrap();
    submit(&c, "#chain-rows form.review-form button[value=accepted]").await;
    assert_eq!(
        text(&c, "#chain-rows tr.accepted .stage").await,
        "ตรวจรับแล้ว"
    );
    fill(&c, "#forward-form input[name=report_no]", "สถ.อ. ๑/๒๕๖๙").await;
    submit(&c, "#forward-form button").await;
    assert!(
        text(&c, "#chain-forwarded").await.contains("1 ·"),
        "{backend}"
    );
    sign_out(&c).await;

    // the province forwards; Chun, with no model LAO, owes nothing
    sign_in(&c, &base, &province.username).await;
    c.goto(&format!("{base}/kpi/56/chain?year=2569&period=2026-05"))
        .await
        .unwrap();
    assert!(
        text(&c, "#chain-rows tr.forwarded")
            .await
            .contains("อำเภอเมืองพะเยา")
    );
    fill(&c, "#forward-form input[name=report_no]", "พย ๐๐๒๓/๑").await;
    submit(&c, "#forward-form button").await;
    assert!(text(&c, "#chain-forwarded").await.contains("1 ·"));
    // the department's page: Phayao forwarded, one report meeting or not
    c.goto(&format!("{base}/kpi-chain?year=2569&period=2026-05"))
        .await
        .unwrap();
    assert!(
        text(&c, "#chain-rows tr.forwarded")
            .await
            .contains("จังหวัดพะเยา")
    );
    shot(&c, backend, "kpi-chain-department").await;
    sign_out(&c).await;

    // the district plan's approved project goes to the province from the plan page
    sign_in(&c, &base, &dopa.username).await;
    c.goto(&format!("{base}/plans/{plan_id}")).await.unwrap();
    click_link(&c, "ส่งโครงการที่ ก.บ.อ. อนุมัติถึงจังหวัด").await;
    c.goto(&format!(
        "{base}/plans/{plan_id}/to-province?year={plan_year}"
    ))
    .await
    .unwrap();
    fill(&c, "#send-form input[name=report_no]", "พย ๐๐๑๘/๑").await;
    submit(&c, "#send-form button[type=submit]").await;
    assert_eq!(text(&c, "p.notice").await, "ส่งรายงานแล้ว");
    assert!(text(&c, "#sent-versions").await.contains("ส่งแล้ว ฉบับที่ 1"));
    shot(&c, backend, "district-plan-to-province").await;
    sign_out(&c).await;
    sign_in(&c, &base, &province.username).await;
    c.goto(&format!("{base}/areas/56/district-plans?year={plan_year}"))
        .await
        .unwrap();
    let rows = text(&c, "#district-plans").await;
    assert!(
        rows.contains("อำเภอเมืองพะเยา ส่งแล้ว ฉบับที่ 1"),
        "{backend}: {rows}"
    );
    c.close().await.unwrap();
}
