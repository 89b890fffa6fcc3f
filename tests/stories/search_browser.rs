//! Issue 15 in headless Chromium: a tambon officer searches in Thai from the box on every page,
//! sees the village's road while typing the same road into another plan, and on the duplicate
//! review confirms one pair and dismisses another.

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
    let (_, road_again) = raise(
        &db,
        &ronghai,
        "56011401",
        "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๑ บ้านร่องไฮ กว้าง ๔ เมตร ยาว ๑,๒๐๐ เมตร",
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
    assert!(text(&c, &pair).await.contains("หมู่ที่ 1"), "{backend}");
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
}
