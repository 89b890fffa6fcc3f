//! The server as a browser and an API client see it: pages, sign-in, CSRF, the API.

use crate::common;
use axum::http::{StatusCode, header};
use common::{Client, Reply, cast, csrf_of};
use oneplan::accounts::{self, Agency, NewUser, Role, Scope, ScopeLevel};
use oneplan::db::Db;

async fn admin(db: &oneplan::db::Db, username: &str, level: ScopeLevel, code: &str) {
    let new = NewUser {
        username: username.into(),
        display_name: "ผู้ดูแล".into(),
        position: String::new(),
        agency: Agency::ProvinceOffice,
        role: Role::Admin,
        scope: Scope {
            level,
            code: code.into(),
        },
        password: "ต้นกล้าพะเยา-2566".into(),
    };
    accounts::create(db, None, new).await.unwrap();
}

story!(drill_down_pages_and_api_show_the_real_areas, Phayao);
async fn drill_down_pages_and_api_show_the_real_areas(backend: &str, db: Db) {
    let mut c = Client::new(&db);
    let home = c.get("/").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body.contains("href=\"/areas/56\"") && home.body.contains("พะเยา"),
        "{backend}"
    );
    let district = c.get("/areas/5601").await;
    assert!(district.body.contains("อำเภอเมืองพะเยา") && district.body.contains("/areas/560114"));
    let tambon = c.get("/areas/560114").await;
    assert!(
        tambon.body.contains("บ้านร่องไฮ")
            && tambon.body.contains("อบต.แม่ใส")
            && tambon.body.contains("ทั้งตำบล")
    );
    // Thai digits in the address work too
    assert!(
        c.get("/areas/%E0%B9%95%E0%B9%96")
            .await
            .body
            .contains("จังหวัดพะเยา")
    );
    assert_eq!(c.get("/areas/99").await.status, StatusCode::NOT_FOUND);
    let found = c
        .get("/search?q=%E0%B9%81%E0%B8%A1%E0%B9%88%E0%B9%83%E0%B8%AA")
        .await; // แม่ใส
    assert!(found.body.contains("/areas/560114") && found.body.contains("อบต.แม่ใส"));

    // English
    let switched = c.get("/lang/en?next=/areas/560114").await;
    assert_eq!(switched.status, StatusCode::SEE_OTHER);
    c.cookie = "lang=en".into();
    let en = c.get("/areas/560114").await;
    assert!(
        en.body.contains("Mae Sai") && en.body.contains("Village"),
        "{}",
        &en.body[..500]
    );

    // the API
    let api = c.get("/api/areas/560114").await;
    let v: serde_json::Value = serde_json::from_str(&api.body).unwrap();
    assert_eq!(v["area"]["name_th"], "แม่ใส");
    assert_eq!(v["path"][0]["code"], "56");
    assert_eq!(v["children"].as_array().unwrap().len(), 12);
    assert_eq!(v["covering_laos"][0]["extent"], "complete");
    let counts: serde_json::Value = serde_json::from_str(&c.get("/api/counts").await.body).unwrap();
    assert_eq!(counts["provinces"], 1);
    assert_eq!(counts["districts"], 9);
    let missing = c.get("/api/areas/5699").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("\"code\":\"not_found\""));
    let spec: serde_json::Value =
        serde_json::from_str(&c.get("/api/openapi.json").await.body).unwrap();
    assert!(spec["paths"]["/api/areas/{code}"]["get"].is_object());
    assert!(spec["paths"]["/api/users"]["post"].is_object());
    db.close().await;
}

story!(sign_in_csrf_and_scope_are_enforced_over_http, Phayao);
async fn sign_in_csrf_and_scope_are_enforced_over_http(backend: &str, db: Db) {
    admin(&db, "phayao.admin", ScopeLevel::Province, "56").await;
    let mut c = Client::new(&db);
    // pages that need an account send visitors to the sign-in page
    assert_eq!(c.get("/admin/users").await.status, StatusCode::SEE_OTHER);
    let bad = c
        .post("/signin", "username=phayao.admin&password=nope")
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{backend}");
    assert!(bad.body.contains("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"));
    let ok = c.post("/signin", "username=phayao.admin&password=%E0%B8%95%E0%B9%89%E0%B8%99%E0%B8%81%E0%B8%A5%E0%B9%89%E0%B8%B2%E0%B8%9E%E0%B8%B0%E0%B9%80%E0%B8%A2%E0%B8%B2-2566").await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    assert!(
        ok.headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("HttpOnly")
    );
    let users = c.get("/admin/users/new").await;
    assert_eq!(users.status, StatusCode::OK);
    let csrf = csrf_of(&users.body);

    // a form without the session's token is refused, and nothing is created
    let form = "username=maesai.officer&display_name=%E0%B8%AA%E0%B8%A1%E0%B8%8A%E0%B8%B2%E0%B8%A2&agency=cdd_district&role=officer&scope_level=tambon&scope_code=560114&password=long-enough-pass";
    let forged = c.post("/admin/users", &format!("csrf=forged&{form}")).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(
        accounts::by_username(&db, "maesai.officer")
            .await
            .unwrap()
            .is_none()
    );
    // a request another site's page makes is refused before it reaches the handler
    let cross = c
        .send(
            "POST",
            "/admin/users",
            "application/x-www-form-urlencoded",
            format!("csrf={csrf}&{form}"),
            &[("origin", "http://evil.example")],
        )
        .await;
    assert_eq!(cross.status, StatusCode::FORBIDDEN);
    let created = c.post("/admin/users", &format!("csrf={csrf}&{form}")).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    assert!(
        accounts::by_username(&db, "maesai.officer")
            .await
            .unwrap()
            .is_some()
    );
    // outside the province: refused with a Thai message
    let outside = c
        .post(
            "/admin/users",
            &format!(
                "csrf={csrf}&{}",
                form.replace("maesai.officer", "far.away")
                    .replace("tambon&scope_code=560114", "province&scope_code=57")
            ),
        )
        .await;
    assert!(
        outside.body.contains("ไม่พบจังหวัดรหัส 57") || outside.status == StatusCode::FORBIDDEN,
        "{}",
        outside.body
    );

    // the API: sign in, then writes need the CSRF header
    let mut api = Client::new(&db);
    let token = api.api_sign_in("phayao.admin", "ต้นกล้าพะเยา-2566").await;
    let body = serde_json::json!({"username": "api.viewer", "display_name": "ผู้ติดตาม", "role": "viewer", "agency": "cdd_district",
        "scope": {"level": "district", "code": "5601"}, "password": "viewer-password-1"});
    assert_eq!(
        api.json("POST", "/api/users", body.clone(), "")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let made = api.json("POST", "/api/users", body, &token).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    // the audit log of the province shows both accounts; asking for another province is refused
    let log: serde_json::Value = serde_json::from_str(&api.get("/api/audit").await.body).unwrap();
    let keys: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["entity_key"].as_str().unwrap())
        .collect();
    assert!(
        keys.contains(&"maesai.officer") && keys.contains(&"api.viewer"),
        "{keys:?}"
    );
    let other = api.get("/api/audit?area=57").await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    assert!(other.body.contains("นอกพื้นที่รับผิดชอบ"));
    let log: serde_json::Value = serde_json::from_str(&api.get("/api/audit").await.body).unwrap();
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "denied" && e["entity_key"] == "57")
    );
    // the audit page renders the same entries
    let page = c.get("/audit").await;
    assert!(page.body.contains("maesai.officer"));
    db.close().await;
}

story!(the_plan_chain_over_the_api_and_the_excel_form, Phayao);
async fn the_plan_chain_over_the_api_and_the_excel_form(backend: &str, db: Db) {
    let village = cast::village(&db).await;
    let mut c = Client::new(&db);
    let token = c.api_sign_in(&village.username, cast::PASSWORD).await;
    let json = Reply::json;

    let opened = c
        .json(
            "POST",
            "/api/plans",
            serde_json::json!({"kind": "village", "owner": "๕๖๐๑๑๔๐๑", "year": 2569}),
            &token,
        )
        .await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let plan = json(&opened);
    let id = plan["id"].as_i64().unwrap();
    let v0 = plan["version"].as_i64().unwrap();
    let forum = c
        .json("POST", &format!("/api/plans/{id}/forums"), serde_json::json!({"version": v0, "held_on": "15/03/2569", "chaired_by": "นายสมบัติ ใจดี", "attendance": "86"}), &token)
        .await;
    assert_eq!(forum.status, StatusCode::OK, "{}", forum.body);
    assert_eq!(json(&forum)["held_on"], "2026-03-15");

    // a stale version is a conflict, a negative budget a Thai message naming the field
    let project = serde_json::json!({"title": "ขุดลอกลำเหมือง", "dimension": "environment", "budget": "๕๐,๐๐๐", "executor": "community", "version": v0});
    let stale = c
        .json(
            "POST",
            &format!("/api/plans/{id}/projects"),
            project.clone(),
            &token,
        )
        .await;
    assert_eq!(
        stale.status,
        StatusCode::CONFLICT,
        "{backend}: {}",
        stale.body
    );
    assert_eq!(json(&stale)["error"]["code"], "stale");
    let mut project = project;
    project["version"] = serde_json::json!(v0 + 1);
    project["budget"] = serde_json::json!("-1");
    let negative = c
        .json(
            "POST",
            &format!("/api/plans/{id}/projects"),
            project.clone(),
            &token,
        )
        .await;
    assert_eq!(negative.status, StatusCode::BAD_REQUEST);
    assert!(
        json(&negative)["error"]["message"]
            .as_str()
            .unwrap()
            .contains("งบประมาณ")
    );
    project["budget"] = serde_json::json!("๕๐,๐๐๐");
    let added = c
        .json(
            "POST",
            &format!("/api/plans/{id}/projects"),
            project,
            &token,
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    let project_id = json(&added)["id"].as_i64().unwrap();

    let detail = json(&c.get(&format!("/api/plans/{id}")).await);
    assert_eq!(detail["items"][0]["amount_satang"], 5_000_000);
    assert_eq!(
        detail["coverage"]["missing_core"].as_array().unwrap().len(),
        2
    );
    let lineage = json(&c.get(&format!("/api/projects/{project_id}")).await);
    assert_eq!(lineage["steps"][0]["plan_kind"], "village");
    assert_eq!(lineage["forum"]["chaired_by"], "นายสมบัติ ใจดี");

    // the Excel form downloads, and a file that is not one is refused with a Thai page
    let form = c.get(&format!("/plans/{id}/template.xlsx")).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(
        form.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .contains("spreadsheetml")
    );
    assert_eq!(&form.bytes[..2], b"PK", "{backend}: an .xlsx is a zip file");
    let page = c.get(&format!("/plans/{id}")).await;
    let csrf = csrf_of(&page.body);
    let boundary = "oneplanboundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"version\"\r\n\r\n{}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\nnot a spreadsheet\r\n\
         --{boundary}--\r\n",
        detail["plan"]["version"].as_i64().unwrap() + 1
    );
    let refused = c
        .send(
            "POST",
            &format!("/plans/{id}/import"),
            &format!("multipart/form-data; boundary={boundary}"),
            body,
            &[],
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::BAD_REQUEST,
        "{backend}: {}",
        refused.body
    );
    assert!(refused.body.contains("ไม่ใช่ไฟล์ Excel"), "{}", refused.body);

    let doc = c.get("/api/openapi.json").await.body;
    assert!(
        doc.contains("/api/plans/{id}/adoptions") && doc.contains("/api/users"),
        "{backend}"
    );
}

story!(report_pages_compute_show_and_submit, Phayao);
async fn report_pages_compute_show_and_submit(backend: &str, db: Db) {
    let district = cast::district(&db).await;
    let mut c = Client::new(&db);
    c.sign_in(&district.username, cast::PASSWORD).await;

    // target tambons, set from the district's table
    let targets = c.get("/registers/5601/targets?year=2569").await;
    assert_eq!(targets.status, StatusCode::OK);
    let csrf = csrf_of(&targets.body);
    let saved = c
        .post(
            "/registers/5601/targets",
            &format!(
                "csrf={csrf}&year=2569&target_560114=on&budget_560114=50%2C000&coordinator_560114=x"
            ),
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let bad = c
        .post(
            "/registers/5601/targets",
            &format!("csrf={csrf}&year=2569&target_560114=on&budget_560114=-1"),
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("ไม่ติดลบ"));

    let registers = c.get("/registers/5601?year=2569").await;
    assert_eq!(registers.status, StatusCode::OK);
    assert!(
        registers.body.contains("แม่ใส") && registers.body.contains("50,000.00"),
        "{backend}"
    );
    let submitted = c
        .post(
            "/registers/5601/submit",
            &format!("csrf={csrf}&year=2569&kind=register1"),
        )
        .await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER);

    let report = c.get("/district-report/5601?year=2569").await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(
        report.body.contains("id=\"count-n\">1<"),
        "{backend}: N is one target tambon"
    );
    let sent = c
        .post(
            "/district-report/5601",
            &format!("csrf={csrf}&year=2569&problems=a&suggestions=b"),
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    let report = c.get("/district-report/5601?year=2569").await;
    assert!(
        report.body.contains("<td>amphoe</td>"),
        "{backend}: the submission is listed with who sent it"
    );

    // KPI pages: สถ.อ. designates, พช.อ. (amphoe) agrees, then the model LAO's monthly page
    let lao = cast::mae_sai_lao(&db).await.id;
    let dla = cast::dla_district(&db).await;
    let mut d = Client::new(&db);
    d.sign_in(&dla.username, cast::PASSWORD).await;
    let dla_csrf = csrf_of(&d.get("/kpi/5601?year=2569").await.body);
    let designated = d
        .post(
            "/kpi/5601/designate",
            &format!("csrf={dla_csrf}&year=2569&lao_id={lao}&designated_on=1%2F11%2F2568&reason="),
        )
        .await;
    assert_eq!(
        designated.status,
        StatusCode::SEE_OTHER,
        "{}",
        designated.body
    );
    let awaiting = c.get("/kpi/5601?year=2569").await.body;
    assert!(awaiting.contains("id=\"agree-form\""), "{backend}");
    let agreed = c
        .post("/kpi/5601/agree", &format!("csrf={csrf}&year=2569"))
        .await;
    assert_eq!(agreed.status, StatusCode::SEE_OTHER, "{}", agreed.body);
    let kpi = c.get("/kpi/56?year=2569").await;
    assert_eq!(kpi.status, StatusCode::OK);
    assert!(kpi.body.contains("อบต.แม่ใส"), "{backend}");
    let monthly = c.get(&format!("/kpi/lao/{lao}?year=2569")).await;
    assert_eq!(monthly.status, StatusCode::OK);
    assert!(monthly.body.contains("id=\"item7\""));
    assert_eq!(c.get("/kpi?year=2569").await.status, StatusCode::OK);
    assert_eq!(
        c.get("/kpi-settings?year=2569").await.status,
        StatusCode::OK
    );
    let refused = c
        .post(
            "/kpi-settings",
            &format!("csrf={csrf}&year=2569&local=40&budget=20&bands=60,65&base=878"),
        )
        .await;
    assert_eq!(
        refused.status,
        StatusCode::FORBIDDEN,
        "{backend}: a district officer cannot change the year's rules"
    );
}

story!(unreadable_requests_are_answered_in_thai, Phayao);
async fn unreadable_requests_are_answered_in_thai(backend: &str, db: Db) {
    let district = cast::district(&db).await;
    let mut c = Client::new(&db);
    let token = c.api_sign_in(&district.username, cast::PASSWORD).await;
    // JSON that is not JSON: the API's own error shape, in Thai
    let broken = c
        .send(
            "POST",
            "/api/plans",
            "application/json",
            "{not json",
            &[("x-csrf-token", token.as_str())],
        )
        .await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST, "{backend}");
    let body: serde_json::Value = serde_json::from_str(&broken.body).unwrap();
    assert_eq!(body["error"]["code"], "unreadable_request");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("ข้อมูลที่ส่งมาไม่ถูกต้อง")
    );
    // no parser's English in the reader's words
    assert!(!broken.body.contains("JSON body"), "{}", broken.body);
    // a form whose version is not a number: a Thai page (its CSRF token is checked first)
    let page = c
        .post("/plans/1/forums", &format!("csrf={token}&version=abc"))
        .await;
    assert!(page.status.is_client_error(), "{backend}");
    assert!(
        page.body.contains("ข้อมูลที่ส่งมาไม่ถูกต้อง") && page.body.contains("<html"),
        "{}",
        page.body
    );
    // in English mode the same answers are in English, and unknown paths and methods have a body
    let english = [("cookie", "lang=en"), ("x-csrf-token", token.as_str())];
    let broken = c
        .send(
            "POST",
            "/api/plans",
            "application/json",
            "{not json",
            &english,
        )
        .await;
    let body: serde_json::Value = serde_json::from_str(&broken.body).unwrap();
    assert_eq!(
        (
            body["error"]["kind"].as_str(),
            body["error"]["code"].as_str()
        ),
        (Some("invalid"), Some("unreadable_request"))
    );
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("the data sent")
    );
    let missing = c.send("GET", "/plans/99999999", "", "", &english).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND, "{backend}");
    assert!(
        missing.body.contains("not found") && missing.body.contains("<html"),
        "{}",
        missing.body
    );
    let nowhere = c.get("/no/such/page").await;
    assert_eq!(nowhere.status, StatusCode::NOT_FOUND);
    assert!(nowhere.body.contains("ไม่พบข้อมูลที่ต้องการ"), "{}", nowhere.body);
    let api_nowhere = c.get("/api/no/such/thing").await;
    assert_eq!(api_nowhere.json()["error"]["code"], "not_found");
    let wrong_method = c.send("DELETE", "/api/plans", "", "", &english).await;
    assert_eq!(wrong_method.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(wrong_method.json()["error"]["code"], "method_not_allowed");
}

story!(answers_cannot_be_turned_against_their_users, Phayao);
async fn answers_cannot_be_turned_against_their_users(backend: &str, db: Db) {
    cast::district(&db).await;
    let mut c = Client::new(&db);
    // the language switch goes back only to this server
    for evil in [
        "/%5Cevil.example",
        "//evil.example",
        "https://evil.example",
        "/%0d%0aSet-Cookie:x=1",
    ] {
        let r = c.get(&format!("/lang/en?next={evil}")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(r.location, "/", "{backend}: {evil}");
    }
    assert_eq!(c.get("/lang/th?next=/areas/56").await.location, "/areas/56");

    // every answer says what the browser may do with it
    let page = c.get("/areas/56").await;
    let h = |r: &Reply, name: header::HeaderName| {
        r.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    };
    assert!(h(&page, header::CONTENT_SECURITY_POLICY).contains("frame-ancestors 'none'"));
    assert_eq!(h(&page, header::X_FRAME_OPTIONS), "DENY");
    assert_eq!(h(&page, header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert_eq!(h(&page, header::REFERRER_POLICY), "same-origin");
    assert_eq!(
        h(&page, header::CACHE_CONTROL),
        "",
        "a visitor's page may be cached"
    );
    c.api_sign_in("amphoe", cast::PASSWORD).await;
    let me = c.get("/api/me").await;
    assert_eq!(me.status, StatusCode::OK, "{backend}");
    assert_eq!(
        h(&me, header::CACHE_CONTROL),
        "no-store",
        "it carries the CSRF token"
    );
    assert_eq!(
        h(&c.get("/areas/56").await, header::CACHE_CONTROL),
        "no-store"
    );

    // a file name made from the path carries nothing but the name
    let r = c
        .get("/kpi-export/kpi.csv?year=2569&area=56%22%3B%20filename%3Devil.exe")
        .await;
    let disposition = h(&r, header::CONTENT_DISPOSITION);
    assert_eq!(r.status, StatusCode::OK, "{backend}: {}", r.body);
    assert!(
        !disposition.contains("evil.exe\"") && disposition.matches("filename=").count() <= 1,
        "{backend}: {} {disposition}",
        r.status
    );
}

story!(a_changed_or_reset_password_ends_the_other_sessions, Phayao);
async fn a_changed_or_reset_password_ends_the_other_sessions(backend: &str, db: Db) {
    let district = cast::district(&db).await;
    cast::root(&db).await;
    let mut desk = Client::new(&db);
    let mut phone = Client::new(&db);
    desk.api_sign_in("amphoe", cast::PASSWORD).await;
    phone.api_sign_in("amphoe", cast::PASSWORD).await;
    assert_eq!(phone.get("/api/me").await.status, StatusCode::OK);

    // changed at the desk: the desk stays signed in, the phone (maybe a lost one) is not
    let page = desk.get("/account").await;
    let csrf = csrf_of(&page.body);
    let changed = desk
        .form(
            "/account/password",
            &[
                ("csrf", csrf.as_str()),
                ("old_password", cast::PASSWORD),
                ("new_password", "ฝนตกที่เชียงคำ-2569"),
            ],
        )
        .await;
    assert_eq!(
        changed.status,
        StatusCode::SEE_OTHER,
        "{backend}: {}",
        changed.body
    );
    assert_eq!(
        desk.get("/api/me").await.status,
        StatusCode::OK,
        "{backend}"
    );
    assert_eq!(
        phone.get("/api/me").await.status,
        StatusCode::UNAUTHORIZED,
        "{backend}"
    );

    // an administrator's reset ends every session of the account
    let mut admin = Client::new(&db);
    admin.api_sign_in("root", cast::PASSWORD).await;
    let users = admin.get("/admin/users").await;
    let csrf = csrf_of(&users.body);
    let reset = admin
        .form(
            &format!("/admin/users/{}/password", district.id),
            &[("csrf", csrf.as_str())],
        )
        .await;
    assert!(
        reset.status.is_success() || reset.status == StatusCode::SEE_OTHER,
        "{}",
        reset.status
    );
    assert_eq!(
        desk.get("/api/me").await.status,
        StatusCode::UNAUTHORIZED,
        "{backend}"
    );
}
