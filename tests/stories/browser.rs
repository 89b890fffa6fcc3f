//! A person in headless Chromium: drilling down from the country to a village, and signing in.
//! Runs on both databases. Needs Debian's `chromium` and `chromium-driver` (scripts/test.sh installs them).

use crate::common;
use common::{cast, pictures};
use fantoccini::{Client, ClientBuilder, Locator};
use oneplan::accounts::{self, Agency, NewUser, Role, Scope, ScopeLevel};
use oneplan::config::Config;
use oneplan::db::Db;
use oneplan::web::{self, AppState};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub(crate) struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(crate) async fn browser() -> (Driver, Client) {
    let port = free_port();
    let driver = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect(
            "chromedriver (Debian package chromium-driver): run the tests with scripts/test.sh",
        );
    let driver = Driver(driver);
    let profile = std::env::temp_dir().join(format!("oneplan-chromium-{port}"));
    let caps = serde_json::json!({
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--window-size=1200,900", format!("--user-data-dir={}", profile.display())]
        }
    });
    let caps = caps.as_object().unwrap().clone().into_iter().collect();
    for _ in 0..100 {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        if let Ok(c) = ClientBuilder::new(connector)
            .capabilities(caps_clone(&caps))
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            return (driver, c);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("chromedriver did not start");
}

fn caps_clone(
    c: &serde_json::Map<String, serde_json::Value>,
) -> serde_json::Map<String, serde_json::Value> {
    c.clone()
}

pub(crate) async fn server(db: &oneplan::db::Db) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = Config {
        data_dir: std::env::temp_dir(),
        database_url: String::new(),
        listen: addr.to_string(),
        secure_cookies: false,
        trusted_proxy: None,
    };
    let state = AppState {
        db: db.clone(),
        config,
    };
    tokio::spawn(async move { web::serve(state, listener).await.unwrap() });
    format!("http://{addr}")
}

pub(crate) async fn text(c: &Client, css: &str) -> String {
    match c
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
    {
        Ok(e) => e.text().await.unwrap(),
        Err(_) => {
            let url = c
                .current_url()
                .await
                .map(|u| u.to_string())
                .unwrap_or_default();
            let body = c.find(Locator::Css("main")).await.ok();
            let main = match body {
                Some(b) => b.text().await.unwrap_or_default(),
                None => c.source().await.unwrap_or_default(),
            };
            panic!("no {css} on {url}:\n{main}")
        }
    }
}

pub(crate) async fn click_link(c: &Client, label: &str) {
    let old = c.find(Locator::Css("html")).await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::LinkText(label))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    gone(c, old).await;
}

story!(
    a_person_drills_down_to_a_village_and_signs_in,
    Phayao,
    flavor = "multi_thread",
    worker_threads = 2
);
async fn a_person_drills_down_to_a_village_and_signs_in(backend: &str, db: Db) {
    let new = NewUser {
        username: "maesai".into(),
        display_name: "สมศรี ใจดี".into(),
        position: "นักพัฒนาชุมชน".into(),
        agency: Agency::CddDistrict,
        role: Role::Officer,
        scope: Scope {
            level: ScopeLevel::Tambon,
            code: "560114".into(),
        },
        password: "ร่องไฮ-หัวบัว-2566".into(),
    };
    accounts::create(&db, None, new).await.unwrap();
    let base = server(&db).await;
    let (_driver, c) = browser().await;

    // country → province → district → tambon → village
    c.goto(&base).await.unwrap();
    assert!(text(&c, "h1").await.contains("ประเทศไทย"), "{backend}");
    click_link(&c, "พะเยา").await;
    assert_eq!(text(&c, "h1").await, "จังหวัดพะเยา จังหวัด 56");
    click_link(&c, "เมืองพะเยา").await;
    assert!(text(&c, "h1").await.starts_with("อำเภอเมืองพะเยา"));
    assert!(text(&c, "#laos-here").await.contains("อบต.แม่ใส"));
    click_link(&c, "แม่ใส").await;
    assert!(text(&c, "h1").await.starts_with("ตำบลแม่ใส"));
    let villages = text(&c, "#children").await;
    assert!(
        villages.contains("บ้านร่องไฮ") && villages.contains("บ้านหัวบัว"),
        "{villages}"
    );
    let laos = text(&c, "#laos").await;
    assert!(
        laos.contains("อบต.แม่ใส") && laos.contains("ทั้งตำบล"),
        "{laos}"
    );
    if backend == "sqlite" {
        let png = c.screenshot().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"), "a screenshot");
        std::fs::write(pictures::scratch().join("tambon.png"), png).unwrap();
    }
    click_link(&c, "บ้านร่องไฮ").await;
    assert!(text(&c, "h1").await.starts_with("หมู่ที่ 1 บ้านร่องไฮ"));
    assert!(text(&c, ".crumbs").await.contains("แม่ใส"));
    // the LAO's page lists what it covers
    click_link(&c, "อบต.แม่ใส").await;
    assert!(text(&c, "#coverage").await.contains("560114"));

    // the same page in English
    click_link(&c, "English").await;
    assert!(text(&c, "h1").await.contains("Mae Sai"));
    click_link(&c, "ภาษาไทย").await;

    // sign in: a wrong password is told in Thai, the right one lets the officer in
    c.goto(&format!("{base}/signin")).await.unwrap();
    c.find(Locator::Id("username"))
        .await
        .unwrap()
        .send_keys("maesai")
        .await
        .unwrap();
    c.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys("ผิด")
        .await
        .unwrap();
    c.find(Locator::Id("signin-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(text(&c, "#error").await, "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");
    assert_eq!(
        c.find(Locator::Id("username"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("maesai")
    );
    c.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys("ร่องไฮ-หัวบัว-2566")
        .await
        .unwrap();
    c.find(Locator::Id("signin-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(text(&c, "a.me").await, "สมศรี ใจดี");
    click_link(&c, "บันทึกการแก้ไข").await;
    assert!(text(&c, "h1").await.contains("บันทึกการแก้ไขข้อมูล"));
    assert!(text(&c, "main").await.contains("560114"));
    c.find(Locator::Css("button.link"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(
        c.wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Id("signin-link"))
            .await
            .is_ok()
    );

    c.close().await.unwrap();
    db.close().await;
}

pub(crate) async fn fill(c: &Client, css: &str, value: &str) {
    let e = c
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("no element {css}"));
    e.clear().await.unwrap();
    e.send_keys(value).await.unwrap();
}

/// Clicks something that loads a new page, and waits until the old page is gone.
pub(crate) async fn submit(c: &Client, css: &str) {
    let old = c.find(Locator::Css("html")).await.unwrap();
    click(c, css).await;
    gone(c, old).await;
}

async fn gone(c: &Client, old: fantoccini::elements::Element) {
    for _ in 0..200 {
        if old.tag_name().await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let _ = c
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("footer"))
        .await;
}

async fn value(c: &Client, css: &str) -> String {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default()
}

async fn click(c: &Client, css: &str) {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("no element {css}"))
        .click()
        .await
        .unwrap();
}

pub(crate) async fn sign_in(c: &Client, base: &str, username: &str) {
    c.goto(&format!("{base}/signin")).await.unwrap();
    fill(c, "#username", username).await;
    fill(c, "#password", cast::PASSWORD).await;
    submit(c, "#signin-submit").await;
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("a.me"))
        .await
        .unwrap();
}

pub(crate) async fn sign_out(c: &Client) {
    submit(c, "button.link").await;
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("signin-link"))
        .await
        .unwrap();
}

/// Opens the plan of the owner shown on the current page for a year, from its plans box.
async fn open_plan(c: &Client, kind: &str, year: &str) {
    fill(c, &format!("#plans-{kind} input[name=year]"), year).await;
    submit(c, &format!("#plans-{kind} button[type=submit]")).await;
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Id("plan-status"))
        .await
        .unwrap();
}

async fn adopt_first(c: &Client, rank: &str, amount: &str) {
    fill(c, "#candidates form.adopt input[name=rank]", rank).await;
    if !amount.is_empty() {
        fill(c, "#candidates form.adopt input[name=amount]", amount).await;
    }
    submit(c, "#candidates form.adopt button").await;
    assert_eq!(text(c, "p.notice").await, "นำโครงการเข้าแผนแล้ว");
}

/// A picture of the page for the README (see common::pictures), from the SQLite test.
pub(crate) async fn shot(c: &Client, backend: &str, name: &str) {
    if backend == "sqlite" {
        pictures::keep(&format!("{name}.png"), &c.screenshot().await.unwrap());
    }
}

story!(
    a_need_goes_from_a_village_forum_to_the_lao_budget_and_the_district_plan,
    Phayao,
    flavor = "multi_thread",
    worker_threads = 2
);
async fn a_need_goes_from_a_village_forum_to_the_lao_budget_and_the_district_plan(
    backend: &str,
    db: Db,
) {
    let mae_sai = cast::mae_sai_lao(&db).await;
    let village = cast::village(&db).await;
    let tambon = cast::tambon(&db).await;
    let lao = cast::lao(&db).await;
    let district = cast::district(&db).await;
    let province = cast::province(&db).await;
    oneplan::plans::development_issues::add(&db, &province, "56", "เศรษฐกิจฐานรากและการเกษตรปลอดภัย")
        .await
        .unwrap();
    let base = server(&db).await;
    let (_driver, c) = browser().await;
    let title = "ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านร่องไฮ–ห้วยแม่ใส";

    // the village officer records the forum and the need it raised
    sign_in(&c, &base, &village.username).await;
    c.goto(&format!("{base}/areas/56011401")).await.unwrap();
    open_plan(&c, "village", "๒๕๖๙").await;
    assert_eq!(text(&c, "#plan-status").await, "ร่าง", "{backend}");
    fill(&c, "#forum-form input[name=held_on]", "15/03/2569").await;
    fill(
        &c,
        "#forum-form input[name=place]",
        "ศาลาเอนกประสงค์บ้านร่องไฮ",
    )
    .await;
    fill(&c, "#forum-form input[name=chaired_by]", "นายสมบัติ ใจดี").await;
    fill(&c, "#forum-form input[name=attendance]", "๘๖").await;
    click(&c, "#forum-form input[name=used_basic_needs]").await;
    click(&c, "#forum-form input[name=used_village_data]").await;
    submit(&c, "#forum-form button[type=submit]").await;
    assert_eq!(text(&c, "p.notice").await, "บันทึกเวทีประชาคมแล้ว");
    assert!(text(&c, "#forums").await.contains("15 มีนาคม 2569"));

    fill(&c, "#project-form input[name=title]", title).await;
    click(
        &c,
        "#project-form select[name=dimension] option[value=economy]",
    )
    .await;
    fill(&c, "#project-form input[name=rank]", "1").await;
    fill(
        &c,
        "#project-form textarea[name=need]",
        "ถนนลูกรังเป็นหลุมบ่อ ขนส่งผลผลิตไม่ได้ในฤดูฝน",
    )
    .await;
    fill(&c, "#project-form input[name=budget]", "-495,000").await;
    click(&c, "#project-form select[name=executor] option[value=lao]").await;
    click(&c, "#project-form input[name=within_lao_authority]").await;
    submit(&c, "#project-form button[type=submit]").await;
    // a negative budget is refused in Thai, and what was typed is kept
    assert!(
        text(&c, "#plan-error").await.contains("งบประมาณต้องไม่ติดลบ"),
        "{backend}"
    );
    assert_eq!(
        c.find(Locator::Css("#project-form input[name=title]"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some(title)
    );
    fill(&c, "#project-form input[name=budget]", "๔๙๕,๐๐๐").await;
    submit(&c, "#project-form button[type=submit]").await;
    assert_eq!(text(&c, "p.notice").await, "บันทึกโครงการแล้ว");
    let items = text(&c, "#items").await;
    assert!(
        items.contains(title) && items.contains("495,000.00"),
        "{items}"
    );
    assert!(
        text(&c, "#missing-dimensions")
            .await
            .starts_with("ขาดด้านสังคมและคุณภาพชีวิต")
    );
    shot(&c, backend, "village-plan").await;
    submit(&c, "#submit-plan").await;
    assert_eq!(text(&c, "#plan-status").await, "เสนอแล้ว รอการอนุมัติ");
    assert!(
        c.find(Locator::Css("#approve-plan")).await.is_err(),
        "{backend}: the village does not approve its own plan"
    );
    let village_plan_url = c.current_url().await.unwrap();
    sign_out(&c).await;

    // the tambon officer approves it and integrates it into the tambon plan
    sign_in(&c, &base, &tambon.username).await;
    c.goto(village_plan_url.as_str()).await.unwrap();
    submit(&c, "#approve-plan").await;
    assert_eq!(text(&c, "#plan-status").await, "อนุมัติแล้ว");
    c.goto(&format!("{base}/areas/560114")).await.unwrap();
    open_plan(&c, "tambon", "2569").await;
    assert!(text(&c, "#candidates").await.contains(title));
    adopt_first(&c, "1", "").await;
    assert!(text(&c, "#items").await.contains(title));
    fill(&c, "#milestones input[name=made_on]", "20 ก.พ. 2569").await;
    fill(
        &c,
        "#milestones input[name=delivered_lao_on]",
        "30 เม.ย. 2569",
    )
    .await;
    fill(
        &c,
        "#milestones input[name=delivered_district_on]",
        "2026-05-02",
    )
    .await;
    submit(&c, "#milestones button[type=submit]").await;
    assert_eq!(text(&c, "p.notice").await, "บันทึกแล้ว");
    shot(&c, backend, "tambon-plan").await;

    // the tambon's committees: the ก.บ.ต. order is recorded and no longer missing
    c.goto(&format!("{base}/areas/560114")).await.unwrap();
    click_link(&c, "คณะกรรมการ (กลไก)").await;
    let missing: i64 = text(&c, "#missing-count").await.parse().unwrap();
    assert!(
        missing > 10,
        "{backend}: every village committee and the tambon's bodies lack an order"
    );
    c.goto(&format!(
        "{base}/committees/orders/new?kind=tambon_board&area_code=560114"
    ))
    .await
    .unwrap();
    fill(&c, "input[name=order_no]", "๑๒/๒๕๗๐").await;
    fill(&c, "input[name=order_date]", "1 ต.ค. 2569").await;
    fill(&c, "input[name=name_1]", "นายสมชาย รักถิ่น").await;
    fill(&c, "input[name=position_1]", "กำนันตำบลแม่ใส").await;
    click(&c, "select[name=role_1] option[value=chair]").await;
    submit(&c, "form.wide button[type=submit]:not([name])").await;
    assert!(
        text(&c, "main").await.contains("นายสมชาย รักถิ่น"),
        "{backend}"
    );
    c.goto(&format!("{base}/areas/560114/committees"))
        .await
        .unwrap();
    assert_eq!(text(&c, "#missing-count").await, (missing - 1).to_string());
    shot(&c, backend, "committees").await;
    sign_out(&c).await;

    // the LAO takes it into next year's local plan, then into the draft budget
    sign_in(&c, &base, &lao.username).await;
    c.goto(&format!("{base}/laos/{}", mae_sai.id))
        .await
        .unwrap();
    open_plan(&c, "local", "2570").await;
    adopt_first(&c, "1", "480,000").await;
    assert!(
        text(&c, "#rate-local").await.starts_with("100.00%"),
        "{backend}"
    );
    shot(&c, backend, "lao-local-plan").await;
    c.goto(&format!("{base}/laos/{}", mae_sai.id))
        .await
        .unwrap();
    open_plan(&c, "budget", "2570").await;
    adopt_first(&c, "", "").await;
    assert_eq!(value(&c, "#items input[name=amount]").await, "480,000.00");
    assert!(text(&c, "#rate-budget").await.starts_with("100.00%"));
    sign_out(&c).await;

    // the district ranks it in the district plan
    sign_in(&c, &base, &district.username).await;
    c.goto(&format!("{base}/areas/5601")).await.unwrap();
    open_plan(&c, "district", "2570").await;
    click(
        &c,
        "#candidates form.adopt select[name=issue_id] option:nth-child(2)",
    )
    .await;
    adopt_first(&c, "4", "").await;
    assert_eq!(
        text(&c, "#items select[name=issue_id] option[selected]").await,
        "1. เศรษฐกิจฐานรากและการเกษตรปลอดภัย"
    );
    // the district revises the amount in place; the issue it chose stays
    fill(&c, "#items input[name=amount]", "๔๕๐,๐๐๐").await;
    submit(&c, "#items form.inline button.small").await;
    assert_eq!(text(&c, "p.notice").await, "แก้ไขรายการแล้ว");
    assert_eq!(value(&c, "#items input[name=amount]").await, "450,000.00");
    assert_eq!(
        text(&c, "#items select[name=issue_id] option[selected]").await,
        "1. เศรษฐกิจฐานรากและการเกษตรปลอดภัย"
    );
    fill(
        &c,
        "#milestones input[name=committee_approved_on]",
        "10/06/2569",
    )
    .await;
    submit(&c, "#milestones button[type=submit]").await;
    shot(&c, backend, "district-plan").await;

    let district_plan_url = c.current_url().await.unwrap();
    sign_out(&c).await;

    // the province sees it under the development issue the district aligned it with
    sign_in(&c, &base, &province.username).await;
    c.goto(&format!("{base}/areas/56")).await.unwrap();
    open_plan(&c, "province", "2570").await;
    let by_issue = text(&c, "#by-issue").await;
    assert!(
        by_issue.contains("1. เศรษฐกิจฐานรากและการเกษตรปลอดภัย (1)") && by_issue.contains(title),
        "{by_issue}"
    );
    shot(&c, backend, "province-plan").await;

    // one page tells the whole story
    c.goto(district_plan_url.as_str()).await.unwrap();
    click_link(&c, title).await;
    let lineage = text(&c, "#lineage").await;
    for step in [
        "แผนพัฒนาหมู่บ้าน",
        "แผนพัฒนาตำบล",
        "แผนพัฒนาท้องถิ่น",
        "ร่างข้อบัญญัติงบประมาณ",
        "แผนพัฒนาอำเภอ",
    ] {
        assert!(
            lineage.contains(step),
            "{backend}: {step} missing from {lineage}"
        );
    }
    assert!(
        lineage.contains("480,000.00") && lineage.contains("2570"),
        "{lineage}"
    );
    assert!(text(&c, "#origin-forum").await.contains("นายสมบัติ ใจดี"));
    assert_eq!(text(&c, "#project-status").await, "ได้รับงบประมาณ");
    shot(&c, backend, "project-lineage").await;
    sign_out(&c).await;

    // the district's reports: target tambons, the progress report, KPI 3.2
    sign_in(&c, &base, &district.username).await;
    c.goto(&format!("{base}/registers/5601/targets?year=2569"))
        .await
        .unwrap();
    click(&c, "#targets-form input[name=target_560114]").await;
    fill(&c, "#targets-form input[name=budget_560114]", "๕๐,๐๐๐").await;
    fill(
        &c,
        "#targets-form input[name=coordinator_560114]",
        "นางสาวสมใจ ใฝ่ดี",
    )
    .await;
    submit(&c, "#targets-form button[type=submit]").await;
    assert_eq!(text(&c, "p.notice").await, "บันทึกแล้ว");
    c.goto(&format!("{base}/district-report/5601?year=2569"))
        .await
        .unwrap();
    assert_eq!(text(&c, "#count-n").await, "1", "{backend}");
    // the ก.บ.ต. order of 1 Oct 2569 is for fiscal year 2570, and the tambon plan has no forum
    assert_eq!(text(&c, "#count-1").await, "0");
    assert_eq!(text(&c, "#count-2").await, "0");
    fill(
        &c,
        "#district-report-form textarea[name=problems]",
        "ตำบลยังไม่ได้บันทึกเวทีบูรณาการแผน",
    )
    .await;
    submit(&c, "#district-report-form button[type=submit]").await;
    assert_eq!(text(&c, "p.notice").await, "ส่งรายงานแล้ว");
    shot(&c, backend, "district-report").await;
    // the calendar of the year, with the district progress report due 31 March
    oneplan::reporting::calendar::ensure_year(&db, 2569)
        .await
        .unwrap();
    c.goto(&format!("{base}/calendar?year=2569&area=56"))
        .await
        .unwrap();
    assert!(
        text(&c, "#calendar").await.contains("31 มีนาคม 2569"),
        "{backend}"
    );
    shot(&c, backend, "calendar").await;
    // สถ.อ. has designated อบต.แม่ใส; the district CD officer agrees on the page
    let dla = cast::dla_district(&db).await;
    oneplan::kpi::model_laos::designate(&db, &dla, 2569, "5601", mae_sai.id, "1/11/2568", "")
        .await
        .unwrap();
    c.goto(&format!("{base}/kpi/5601?year=2569")).await.unwrap();
    assert!(
        c.find(Locator::Css("#designate-form")).await.is_err(),
        "{backend}: พช.อ. does not designate"
    );
    submit(&c, "#agree-form button[type=submit]").await;
    assert!(
        text(&c, "#model-laos").await.contains("อบต.แม่ใส"),
        "{backend}"
    );
    click_link(&c, "อบต.แม่ใส").await;
    assert!(
        text(&c, "#item7").await.contains("100.00%"),
        "{backend}: 1 of 1 integrated project in the local plan"
    );
    assert!(text(&c, "#item8").await.contains("100.00%"));
    shot(&c, backend, "kpi-monthly").await;

    c.close().await.unwrap();
    db.close().await;
}
