//! Issue 15 in headless Chromium: a tambon officer imports the provincial public works office's
//! list (an Excel file) for the tambon, searches in Thai from the box on every page, sees the
//! village's road while typing the same road into another plan, and on the duplicate review
//! confirms that the office's road is the village's and dismisses another pair.

use crate::browser::{browser, fill, server, shot, sign_in, submit, text};
use crate::common;
use crate::duplicates::raise;
use common::cast;
use fantoccini::Locator;
use oneplan::db::Db;
use oneplan::plans::{self, PlanKind};
use std::time::Duration;

story!(
    an_officer_searches_sees_a_similar_project_and_reviews_duplicates,
    Phayao,
    flavor = "multi_thread",
    worker_threads = 2
);
async fn an_officer_searches_sees_a_similar_project_and_reviews_duplicates(backend: &str, db: Db) {
    let ronghai = cast::village(&db).await;
    let tambon = cast::tambon(&db).await;
    let (_, road) = raise(
        &db,
        &ronghai,
        "56011401",
        "ก่อสร้างถนน คสล. ม.1 บ้านร่องไฮ กว้าง 4 ม. ยาว 1,200 ม.",
    )
    .await;
    let (_, water) = raise(&db, &ronghai, "56011401", "ขยายเขตประปาหมู่บ้าน หมู่ที่ 1").await;
    let (_, water_again) = raise(&db, &ronghai, "56011401", "ขยายเขตระบบประปาหมู่บ้าน ม.1").await;
    let owner = plans::resolve_owner(&db, PlanKind::Village, "56011402")
        .await
        .unwrap();
    let other_plan = plans::open(&db, &tambon, PlanKind::Village, &owner, 2569)
        .await
        .unwrap();
    let base = server(&db).await;
    let (_driver, c) = browser().await;
    sign_in(&c, &base, &tambon.username).await;

    // the office's list comes in as an Excel file: the road spelled out in Thai digits, and the
    // same road of หมู่ที่ 2
    let dir = common::temp_dir("oneplan_agency_list");
    let file = dir.join("โยธาธิการ 2569.xlsx");
    std::fs::write(&file, agency_list()).unwrap();
    c.goto(&format!("{base}/duplicates?area=560114&year=2569"))
        .await
        .unwrap();
    submit(&c, "#to-agency-plans").await;
    fill(&c, "#agency-import input[name=agency_name]", WORKS).await;
    c.find(Locator::Css("#agency-import input[type=file]"))
        .await
        .unwrap()
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    submit(&c, "#agency-import button[type=submit]").await;
    assert!(
        text(&c, "#agency-done")
            .await
            .contains("นำเข้าแล้ว 2 โครงการ"),
        "{backend}"
    );
    assert!(text(&c, "#agency-lists").await.contains(WORKS), "{backend}");
    shot(&c, backend, "agency_plans").await;
    submit(&c, "#agency-lists td a").await;
    let plan = text(&c, "main").await;
    assert!(
        plan.contains("แผนงาน/โครงการของหน่วยงาน") && plan.contains("หมู่ที่ ๒ บ้านหัวบัว"),
        "{backend}: {plan}"
    );
    assert_eq!(text(&c, "#plan-agency").await, WORKS, "{backend}");
    assert!(
        c.find(Locator::Css("#submit-plan")).await.is_err()
            && c.find(Locator::Css("#forum-form")).await.is_err(),
        "{backend}: an agency's list is neither submitted nor given forums"
    );
    let road_again: i64 = oneplan::db::query_scalar(
        "SELECT p.id FROM projects p JOIN plans pl ON pl.id = p.origin_plan_id \
         WHERE pl.kind = 'agency' AND p.area_code = '56011401'",
    )
    .fetch_one(&db)
    .await
    .unwrap();

    // the box in the header, on any page: Thai digits and an abbreviation find both roads
    c.goto(&format!("{base}/calendar")).await.unwrap();
    fill(&c, "#top-search input[name=q]", "ถนน คสล. หมู่ที่ ๑").await;
    submit(&c, "#top-search button").await;
    let results = text(&c, "#search-results").await;
    assert!(
        results.contains("ก่อสร้างถนน คสล. ม.1 บ้านร่องไฮ"),
        "{backend}: {results}"
    );
    assert!(
        text(&c, "#search-summary").await.contains("พบ 2 รายการ"),
        "{backend}"
    );
    fill(&c, "#search-q", "ประปา").await;
    submit(&c, "#search-form button[type=submit]").await;
    assert!(
        text(&c, "#search-results")
            .await
            .contains("ขยายเขตประปาหมู่บ้าน")
    );
    // the words that hold what was typed are marked, whole
    assert_eq!(text(&c, "#search-results mark").await, "ประปา", "{backend}");
    shot(&c, backend, "search").await;

    // typing the same road into หมู่ที่ 2's plan shows the village's road under the title
    c.goto(&format!("{base}/plans/{}", other_plan.id))
        .await
        .unwrap();
    fill(
        &c,
        "#project-form input[name=title]",
        "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 1 บ้านร่องไฮ",
    )
    .await;
    let similar = c
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#similar-projects li"))
        .await
        .unwrap();
    let said = similar.text().await.unwrap();
    assert!(
        said.contains("บ้านร่องไฮ") && said.contains("2569"),
        "{backend}: {said}"
    );
    assert!(
        text(&c, "#similar-projects")
            .await
            .contains("น่าจะเป็นโครงการเดียวกัน"),
        "{backend}"
    );

    // the review: the two roads are one; the two water supplies are two
    c.goto(&format!("{base}/duplicates?area=560114&year=2569"))
        .await
        .unwrap();
    let (a, b) = (road.min(road_again), road.max(road_again));
    let pair = format!("#pair-{a}-{b}");
    let shown = text(&c, &pair).await;
    assert!(
        shown.contains("หมู่ที่ 1") && shown.contains(WORKS),
        "{backend}: {shown}"
    );
    shot(&c, backend, "duplicates").await;
    submit(
        &c,
        &format!("{pair} form.same button[value=\"{road_again}\"]"),
    )
    .await;
    let (wa, wb) = (water.min(water_again), water.max(water_again));
    submit(&c, &format!("#pair-{wa}-{wb} form.different button")).await;
    assert!(
        text(&c, "#duplicates-none").await.contains("ไม่พบ"),
        "{backend}"
    );
    let merged: Option<i64> =
        oneplan::db::query_scalar("SELECT merged_into FROM projects WHERE id = $1")
            .bind(road)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(merged, Some(road_again), "{backend}");
    std::fs::remove_dir_all(&dir).unwrap();
}

const WORKS: &str = "สำนักงานโยธาธิการและผังเมืองจังหวัดพะเยา";

/// The office's list as it keeps it: a title row, the header, amounts as numbers.
fn agency_list() -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "บัญชีโครงการ ปีงบประมาณ ๒๕๖๙").unwrap();
    for (c, h) in ["ที่", "โครงการ", "หมู่ที่", "ตำบล", "ปีงบประมาณ", "งบประมาณ (บาท)"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let rows = [
        (
            "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๑ บ้านร่องไฮ กว้าง ๔ เมตร ยาว ๑,๒๐๐ เมตร",
            "๑",
        ),
        (
            "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๒ บ้านหัวบัว กว้าง ๔ เมตร ยาว ๑,๒๐๐ เมตร",
            "๒",
        ),
    ];
    for (r, (title, moo)) in rows.iter().enumerate() {
        let r = 3 + r as u32;
        ws.write_number(r, 0, f64::from(r - 2)).unwrap();
        ws.write_string(r, 1, *title).unwrap();
        ws.write_string(r, 2, *moo).unwrap();
        ws.write_string(r, 3, "แม่ใส").unwrap();
        ws.write_number(r, 4, 2569.0).unwrap();
        ws.write_number(r, 5, 480000.0).unwrap();
    }
    wb.save_to_buffer().unwrap()
}
