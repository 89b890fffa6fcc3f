//! A person in headless Chromium: drilling down from the country to a village, and signing in.
//! Runs on both databases. Needs Debian's `chromium` and `chromium-driver` (scripts/test.sh installs them).

mod common;

use fantoccini::{Client, ClientBuilder, Locator};
use oneplan::accounts::{self, NewUser, Role, Scope, ScopeLevel};
use oneplan::config::Config;
use oneplan::web::{self, AppState};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Driver(Child);

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

async fn browser() -> (Driver, Client) {
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

async fn server(db: &oneplan::db::Db) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = Config {
        data_dir: std::env::temp_dir(),
        database_url: String::new(),
        listen: addr.to_string(),
        secure_cookies: false,
    };
    let state = AppState {
        db: db.clone(),
        config,
    };
    tokio::spawn(async move { web::serve(state, listener).await.unwrap() });
    format!("http://{addr}")
}

async fn text(c: &Client, css: &str) -> String {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn click_link(c: &Client, label: &str) {
    c.wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::LinkText(label))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_drills_down_to_a_village_and_signs_in() {
    for (backend, db) in common::backends().await {
        common::with_phayao(&db).await;
        let new = NewUser {
            username: "maesai".into(),
            display_name: "สมศรี ใจดี".into(),
            position: "นักพัฒนาชุมชน".into(),
            agency: "สำนักงานพัฒนาชุมชนอำเภอเมืองพะเยา".into(),
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
            std::fs::create_dir_all("target/screenshots").unwrap();
            std::fs::write("target/screenshots/tambon.png", png).unwrap();
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
}
