//! Accounts as administrators meet them: scopes, refusals that are logged, edits that never
//! silently overwrite each other, and sign-ins slowed after repeated failures.

use crate::common;
use oneplan::accounts::{self, Agency, NewUser, Role, Scope, ScopeLevel, UserChange, signin};
use oneplan::db::Db;
use oneplan::error::AppError;

fn new_user(username: &str, role: Role, level: ScopeLevel, code: &str) -> NewUser {
    NewUser {
        username: username.into(),
        display_name: format!("คุณ {username}"),
        position: "นักวิเคราะห์นโยบายและแผน".into(),
        agency: Agency::DopaDistrict,
        role,
        scope: Scope {
            level,
            code: code.into(),
        },
        password: "ดอกคูณเสียงแคน-2566".into(),
    }
}

story!(administrators_work_inside_their_own_area, Phayao);
async fn administrators_work_inside_their_own_area(backend: &str, db: Db) {
    let root = accounts::create(
        &db,
        None,
        new_user("root", Role::Admin, ScopeLevel::National, ""),
    )
    .await
    .unwrap();
    let district_admin = accounts::create(
        &db,
        Some(&root),
        new_user("mueang.admin", Role::Admin, ScopeLevel::District, "5601"),
    )
    .await
    .unwrap();
    assert!(
        district_admin.must_change_password,
        "{backend}: accounts made by an administrator start with a temporary password"
    );

    // inside: a tambon officer of Mueang Phayao, typed in Thai digits
    let officer = accounts::create(
        &db,
        Some(&district_admin),
        new_user("maesai", Role::Officer, ScopeLevel::Tambon, "๕๖๐๑๑๔"),
    )
    .await
    .unwrap();
    assert_eq!(officer.scope.code, "560114");
    // the LAO that covers แม่ใส is inside the district too
    let lao_key = common::cast::mae_sai_lao(&db).await.lao_key;
    accounts::create(
        &db,
        Some(&district_admin),
        new_user("lao.staff", Role::Officer, ScopeLevel::Lao, &lao_key),
    )
    .await
    .unwrap();

    // outside: another district, the whole province, and a made-up area
    for (level, code) in [(ScopeLevel::District, "5602"), (ScopeLevel::Province, "56")] {
        let e = accounts::create(
            &db,
            Some(&district_admin),
            new_user("outsider", Role::Officer, level, code),
        )
        .await
        .unwrap_err();
        assert!(
            matches!(e, AppError::Forbidden(_)) && {
                let m = e.message_th();
                m.contains("นอกขอบเขต")
            },
            "{backend}: {e:?}"
        );
    }
    let e = accounts::create(
        &db,
        Some(&district_admin),
        new_user("ghost", Role::Officer, ScopeLevel::Tambon, "560199"),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(e, AppError::Invalid(_)) && {
            let m = e.message_th();
            m.contains("ไม่พบตำบลรหัส 560199")
        },
        "{e:?}"
    );
    // an officer is no administrator
    let e = accounts::create(
        &db,
        Some(&officer),
        new_user("friend", Role::Officer, ScopeLevel::Tambon, "560114"),
    )
    .await
    .unwrap_err();
    assert!(matches!(e, AppError::Forbidden(_)));

    // the refusals are in the audit log of the district, with who tried
    let log = oneplan::audit::list(&db, "5601", None, None, 50, true)
        .await
        .unwrap();
    let denied: Vec<_> = log.iter().filter(|e| e.action == "denied").collect();
    assert_eq!(denied.len(), 3, "{backend}: {log:?}");
    assert!(
        denied
            .iter()
            .any(|e| e.username == "mueang.admin" && e.note.contains("5602"))
    );
    assert!(log.iter().any(|e| e.action == "create"
        && e.entity_key == "maesai"
        && e.after_json.as_deref().unwrap().contains("560114")));
    // …and the attempt on another district in that district's too, so its administrators see
    // it (issue 13, defect 13); nothing else is filed there
    let there = oneplan::audit::list(&db, "5602", None, None, 50, true)
        .await
        .unwrap();
    assert!(
        there.len() == 1 && there[0].action == "denied" && there[0].username == "mueang.admin",
        "{backend}: {there:?}"
    );

    // the district administrator sees the accounts of the district only
    let names: Vec<String> = accounts::list_in(&db, &district_admin.scope)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.username)
        .collect();
    assert_eq!(names, ["lao.staff", "maesai", "mueang.admin"]);
    db.close().await;
}

story!(
    two_administrators_editing_one_account_never_overwrite_each_other,
    Phayao
);
async fn two_administrators_editing_one_account_never_overwrite_each_other(backend: &str, db: Db) {
    let root = accounts::create(
        &db,
        None,
        new_user("root", Role::Admin, ScopeLevel::National, ""),
    )
    .await
    .unwrap();
    let other = accounts::create(
        &db,
        Some(&root),
        new_user("other.admin", Role::Admin, ScopeLevel::Province, "56"),
    )
    .await
    .unwrap();
    let u = accounts::create(
        &db,
        Some(&root),
        new_user("somchai", Role::Officer, ScopeLevel::Tambon, "560114"),
    )
    .await
    .unwrap();
    let change = |name: &str, version| UserChange {
        display_name: name.into(),
        position: String::new(),
        agency: Agency::DopaDistrict,
        role: Role::Officer,
        scope: u.scope.clone(),
        active: true,
        version,
    };
    // both opened the form at version 1
    accounts::update(&db, &root, u.id, change("สมชาย ใจดี", u.version))
        .await
        .unwrap();
    let e = accounts::update(&db, &other, u.id, change("สมชาย ใจงาม", u.version))
        .await
        .unwrap_err();
    assert!(
        matches!(e, AppError::Conflict(_)) && {
            let m = e.message_th();
            m.contains("มีผู้อื่นแก้ไข")
        },
        "{backend}: {e:?}"
    );
    let now = accounts::get(&db, u.id).await.unwrap().unwrap();
    assert_eq!((now.display_name.as_str(), now.version), ("สมชาย ใจดี", 2));
    // with the fresh version the second edit goes through
    accounts::update(&db, &other, u.id, change("สมชาย ใจงาม", now.version))
        .await
        .unwrap();
    db.close().await;
}

story!(repeated_failed_sign_ins_are_slowed_down, Phayao);
async fn repeated_failed_sign_ins_are_slowed_down(backend: &str, db: Db) {
    accounts::create(
        &db,
        None,
        new_user("somsri", Role::Officer, ScopeLevel::Tambon, "560114"),
    )
    .await
    .unwrap();
    let ok = signin::sign_in(&db, "SomSri ", "ดอกคูณเสียงแคน-2566", "10.0.0.1")
        .await
        .unwrap();
    assert_eq!(ok.username, "somsri");
    for _ in 0..5 {
        let e = signin::sign_in(&db, "somsri", "wrong password", "10.0.0.1")
            .await
            .unwrap_err();
        assert!(
            matches!(e, AppError::Invalid(_)) && {
                let m = e.message_th();
                m == "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"
            },
            "{backend}: {e:?}"
        );
    }
    // now even the right password must wait, from that client
    let e = signin::sign_in(&db, "somsri", "ดอกคูณเสียงแคน-2566", "10.0.0.1")
        .await
        .unwrap_err();
    assert!(
        matches!(e, AppError::TooManyAttempts(_)) && {
            let m = e.message_th();
            m.contains("โปรดรอ")
        },
        "{backend}: {e:?}"
    );
    // but whoever typed them cannot lock somsri out: from her own desk she signs in
    let ok = signin::sign_in(&db, "somsri", "ดอกคูณเสียงแคน-2566", "10.0.0.2")
        .await
        .unwrap();
    assert_eq!(ok.username, "somsri", "{backend}");
    // an unknown account says the same as a wrong password
    let e = signin::sign_in(&db, "nobody", "whatever-password", "10.0.0.3")
        .await
        .unwrap_err();
    assert!(matches!(e, AppError::Invalid(_)) && e.message_th() == "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง");
    db.close().await;
}

story!(
    an_account_changes_its_given_password_before_anything_else,
    Phayao
);
/// Issue 13, defect 10: an account made by an administrator has a one-time password; until it
/// is changed the account can sign in, change it and sign out, and every other write — page or
/// API — is refused in Thai and nothing is written.
async fn an_account_changes_its_given_password_before_anything_else(backend: &str, db: Db) {
    use axum::http::StatusCode;
    let lao = common::cast::mae_sai_lao(&db).await;
    let new = NewUser {
        username: "lao.first".into(),
        display_name: "คุณ ใหม่".into(),
        position: "ปลัด อบต.".into(),
        agency: Agency::Lao,
        role: Role::Officer,
        scope: Scope {
            level: ScopeLevel::Lao,
            code: lao.lao_key.clone(),
        },
        password: "รหัสแรก-ที่ได้รับ-2569".into(),
    };
    let user = accounts::create(&db, Some(&common::cast::root(&db).await), new)
        .await
        .unwrap();
    assert!(user.must_change_password, "{backend}");
    let mut api = common::Client::new(&db);
    let csrf = api.api_sign_in("lao.first", "รหัสแรก-ที่ได้รับ-2569").await;
    let body = serde_json::json!({"number": "1", "name": "ชุมชนทดลอง", "tambon": "560114"});
    let url = format!("/api/laos/{}/communities", lao.id);
    let r = api.json("POST", &url, body.clone(), &csrf).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{backend}: {}", r.body);
    assert_eq!(r.json()["error"]["code"], "must_change_password");
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("ต้องเปลี่ยนรหัสผ่านก่อน")
    );
    // on the page too; but the password itself can be changed
    let mut page = common::Client::new(&db);
    page.sign_in("lao.first", "รหัสแรก-ที่ได้รับ-2569").await;
    let html = page.get("/account").await.body;
    let csrf_page = common::csrf_of(&html);
    let r = page
        .form(
            &format!("/laos/{}/communities", lao.id),
            &[
                ("csrf", &csrf_page),
                ("number", "1"),
                ("name", "ชุมชนทดลอง"),
                ("tambon", "560114"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{backend}");
    let count: i64 = oneplan::db::query_scalar("SELECT COUNT(*) FROM communities")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(count, 0, "{backend}: nothing written");
    let r = page
        .form(
            "/account/password",
            &[
                ("csrf", &csrf_page),
                ("old_password", "รหัสแรก-ที่ได้รับ-2569"),
                ("new_password", "รหัสใหม่ของฉันเอง-2569"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.body);
    // afterwards the account works (signed in again: the change ended the other sessions)
    let mut api = common::Client::new(&db);
    let csrf = api.api_sign_in("lao.first", "รหัสใหม่ของฉันเอง-2569").await;
    let r = api.json("POST", &url, body, &csrf).await;
    assert_eq!(r.status, StatusCode::OK, "{backend}: {}", r.body);
}
