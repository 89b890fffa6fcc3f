//! Issue 14 in headless Chromium: the tambon officer puts a project into the bank from its
//! page; the district administration office selects two projects of the bank, sees the total
//! over the cap and the handout flagged, is refused the submission, takes the handout out,
//! screens what is left with a reason for every item and submits; the district chief approves.

use crate::browser::{browser, fill, server, shot, sign_in, sign_out, submit, text};
use crate::common;
use common::cast;
use fantoccini::Locator;
use oneplan::accounts::{Agency, Role, ScopeLevel};
use oneplan::db::Db;
use oneplan::project_bank::{self, input::EntryInput};
use oneplan::role_model::rounds::{self, RoundInput};
use oneplan::role_model::screening::Criterion;

story!(
    a_district_selects_screens_and_submits_its_role_model_projects,
    Phayao,
    flavor = "multi_thread",
    worker_threads = 2
);
async fn a_district_selects_screens_and_submits_its_role_model_projects(backend: &str, db: Db) {
    let fy = i64::from(oneplan::thai::fiscal_year_be(
        oneplan::thai::fiscal::today_in_thailand(),
    )) + 1;
    let root = cast::root(&db).await;
    let cdo = cast::tambon(&db).await;
    let palat = cast::dopa_district(&db).await;
    let chief = cast::account_of(
        &db,
        "nai.amphoe",
        Role::Officer,
        ScopeLevel::District,
        "5601",
        Agency::DopaDistrict,
    )
    .await;
    oneplan::db::query("UPDATE users SET position = 'นายอำเภอเมืองพะเยา' WHERE id = $1")
        .bind(chief.id)
        .execute(&db)
        .await
        .unwrap();
    rounds::open(
        &db,
        &root,
        &RoundInput {
            fiscal_year: fy.to_string(),
            cap: "150,000".into(),
            work_due_on: format!("31/08/{fy}"),
            report_due_on: format!("31/08/{fy}"),
            districts: "5601".into(),
        },
    )
    .await
    .unwrap();
    let fish = project_bank::put(
        &db,
        &palat,
        "5601",
        &EntryInput {
            title: "จัดซื้อพันธุ์ปลาแจกจ่ายแก่ประชาชน".into(),
            dimension: "economy".into(),
            tambons: "ทุกตำบล".into(),
            target_villages: "20".into(),
            target_households: "400".into(),
            budget: "60,000".into(),
            months: "2".into(),
            site_ready: "1".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let base = server(&db).await;
    let (_driver, c) = browser().await;

    // the tambon officer puts the weir into the bank, typed with Thai digits
    sign_in(&c, &base, &cdo.username).await;
    c.goto(&format!("{base}/project-bank?area=5601"))
        .await
        .unwrap();
    fill(
        &c,
        "#bank-put input[name=title]",
        "ก่อสร้างฝายชะลอน้ำลำห้วยแม่ใส",
    )
    .await;
    c.find(Locator::Css("#bank-put select[name=dimension]"))
        .await
        .unwrap()
        .select_by_value("environment")
        .await
        .unwrap();
    fill(&c, "#bank-put input[name=tambons]", "๕๖๐๑๑๔").await;
    fill(&c, "#bank-put input[name=target_villages]", "๓").await;
    fill(&c, "#bank-put input[name=target_households]", "๑๒๐").await;
    fill(&c, "#bank-put input[name=budget]", "๑๐๐,๐๐๐").await;
    fill(&c, "#bank-put input[name=months]", "๔").await;
    fill(&c, "#bank-put input[name=consent]", "ประชาคมตำบลแม่ใสเห็นชอบ").await;
    submit(&c, "#bank-put button[type=submit]").await;
    assert!(
        text(&c, "#bank-done").await.contains("นำโครงการเข้าคลังแล้ว"),
        "{backend}"
    );
    let bank = text(&c, "#bank-entries").await;
    assert!(
        bank.contains("ก่อสร้างฝายชะลอน้ำลำห้วยแม่ใส") && bank.contains("100,000.00"),
        "{backend}: {bank}"
    );
    sign_out(&c).await;

    // the district office selects both: 160,000 is over the cap, and the handout is flagged
    sign_in(&c, &base, &palat.username).await;
    c.goto(&format!("{base}/role-model?year={fy}&district=5601"))
        .await
        .unwrap();
    submit(&c, "#choices tr:nth-child(1) button").await;
    submit(&c, "#choices tr:nth-child(1) button").await;
    let total = text(&c, "#selection-total").await;
    assert!(
        total.contains("160,000.00") && total.contains("เกินวงเงิน"),
        "{backend}: {total}"
    );
    assert!(
        c.find(Locator::Css(&format!(
            "#selected-{} .flag[data-criterion=dont_1]",
            fish.id
        )))
        .await
        .is_ok(),
        "{backend}: the handout is flagged"
    );
    submit(&c, "#submit-selection button").await;
    assert!(
        text(&c, "#role-model-error")
            .await
            .contains("เกินวงเงินของอำเภอ 150,000.00 บาท"),
        "{backend}"
    );
    c.goto(&format!("{base}/role-model?year={fy}&district=5601"))
        .await
        .unwrap();
    submit(&c, &format!("#selected-{} form.inline button", fish.id)).await;
    // the weir is screened: every item answered, each with its reason
    let weir = text(&c, "section.pair h3").await;
    assert!(weir.contains("ฝายชะลอน้ำ"), "{backend}: {weir}");
    for cr in Criterion::ALL {
        let name = cr.as_str();
        c.find(Locator::Css(&format!(
            "form.screening select[name=passes_{name}]"
        )))
        .await
        .unwrap()
        .select_by_value("1")
        .await
        .unwrap();
        fill(
            &c,
            &format!("form.screening input[name=reason_{name}]"),
            "ที่ประชุมอำเภอพิจารณาแล้ว",
        )
        .await;
    }
    submit(&c, "form.screening button[type=submit]").await;
    assert!(
        text(&c, "section.pair").await.contains("ผ่านการคัดกรองทุกข้อ"),
        "{backend}"
    );
    submit(&c, "#submit-selection button").await;
    assert_eq!(
        text(&c, "#selection-status").await,
        "เสนอนายอำเภอแล้ว",
        "{backend}"
    );
    assert!(
        text(&c, "#selection-total")
            .await
            .contains("100,000.00 / 150,000.00"),
        "{backend}"
    );
    sign_out(&c).await;

    // the district chief approves
    sign_in(&c, &base, &chief.username).await;
    c.goto(&format!("{base}/role-model?year={fy}&district=5601"))
        .await
        .unwrap();
    submit(&c, "#approve-selection button[value=approve]").await;
    assert_eq!(
        text(&c, "#selection-status").await,
        "นายอำเภออนุมัติแล้ว",
        "{backend}"
    );
    shot(&c, backend, "role_model").await;
}
