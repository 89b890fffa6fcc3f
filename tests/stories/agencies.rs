//! Accounts act for an agency, and the steps the circulars give to a named office need it: a
//! plan is approved by the level above its owner, an LAO reads the villages' plans without
//! changing them, the district report is signed by พช.อ., and a model LAO is designated by
//! สถ.อ. and counts once พช.อ. agrees. Every refusal says in Thai who may, and is audited.

use crate::common;
use common::{Client, cast};
use oneplan::accounts::{Agency, User};
use oneplan::adoption::{self as adopt, AdoptInput};
use oneplan::books::model_plan;
use oneplan::db::Db;
use oneplan::error::AppError;
use oneplan::forums::{self, ForumInput};
use oneplan::kpi::model_laos;
use oneplan::plans::workflow::{self, Step};
use oneplan::plans::{self, Plan, PlanKind, access};
use oneplan::projects::{self, Project, input::ProjectInput};
use oneplan::registers::{district_report, targets};

const YEAR: i64 = 2569;

fn need(title: &str) -> ProjectInput {
    ProjectInput {
        title: title.into(),
        dimension: "ด้านเศรษฐกิจ".into(),
        budget: "120,000".into(),
        executor: "องค์กรปกครองส่วนท้องถิ่น".into(),
        within_lao_authority: "ใช่".into(),
        rank: "1".into(),
        ..Default::default()
    }
}

fn forum() -> ForumInput {
    ForumInput {
        held_on: "๑๕ มีนาคม ๒๕๖๙".into(),
        chaired_by: "นายสมบัติ ใจดี ผู้ใหญ่บ้าน".into(),
        attendance: "86".into(),
        used_basic_needs: "on".into(),
        ..Default::default()
    }
}

async fn version(db: &Db, plan: i64) -> i64 {
    plans::get(db, plan).await.unwrap().unwrap().version
}

/// บ้านร่องไฮ's plan of 2569 made by its officer, with a forum and one project.
async fn village_plan(db: &Db, village: &User) -> (Plan, Project) {
    let owner = plans::resolve_owner(db, PlanKind::Village, "56011401")
        .await
        .unwrap();
    let plan = plans::open(db, village, PlanKind::Village, &owner, YEAR)
        .await
        .unwrap();
    forums::add(db, village, plan.id, plan.version, &forum())
        .await
        .unwrap();
    let project = adopt::add_to_plan(
        db,
        village,
        plan.id,
        version(db, plan.id).await,
        &need("ขุดลอกฝายห้วยแม่ใส"),
    )
    .await
    .unwrap();
    (plans::get(db, plan.id).await.unwrap().unwrap(), project)
}

async fn denials(db: &Db, username: &str, note_like: &str) -> i64 {
    oneplan::db::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND username = $1 AND note LIKE $2",
    )
    .bind(username)
    .bind(note_like)
    .fetch_one(db)
    .await
    .unwrap()
}

fn forbidden_saying<T: std::fmt::Debug>(r: Result<T, AppError>, words: &str) -> String {
    match r {
        Err(e @ AppError::Forbidden(_)) => {
            let m = e.message_th();
            assert!(m.contains(words), "{m}");
            m
        }
        other => panic!("expected a refusal saying “{words}”: {other:?}"),
    }
}

story!(a_village_does_not_approve_its_own_plan, Phayao);
async fn a_village_does_not_approve_its_own_plan(backend: &str, db: Db) {
    let village = cast::village(&db).await;
    let tambon = cast::tambon(&db).await;
    let (plan, _) = village_plan(&db, &village).await;
    assert_eq!(plan.agency, Agency::VillageCommittee, "{backend}");
    let f = forums::of_plan(&db, plan.id).await.unwrap();
    assert_eq!(f[0].agency, Agency::VillageCommittee);
    workflow::step(&db, &village, plan.id, plan.version, Step::Submit, "")
        .await
        .unwrap();
    let plan = plans::get(&db, plan.id).await.unwrap().unwrap();
    let owner = plans::owner_of(&db, &plan).await.unwrap();

    // the owner is not offered the approval, the tambon is
    assert!(
        !access::rights(&db, Some(&village), &plan, &owner)
            .await
            .unwrap()
            .approve
    );
    assert!(
        access::rights(&db, Some(&tambon), &plan, &owner)
            .await
            .unwrap()
            .approve
    );
    let mut c = Client::new(&db);
    c.sign_in(&village.username, cast::PASSWORD).await;
    let page = c.get(&format!("/plans/{}", plan.id)).await.body;
    assert!(page.contains("id=\"plan-status\""), "{backend}");
    assert!(
        page.contains("value=\"withdraw\""),
        "{backend}: the owner may withdraw"
    );
    assert!(
        !page.contains("id=\"approve-plan\""),
        "{backend}: no approve button for the owner"
    );
    assert!(
        page.contains("คณะกรรมการหมู่บ้าน/ชุมชน"),
        "{backend}: the agency that made it"
    );
    let json: serde_json::Value =
        serde_json::from_str(&c.get(&format!("/api/plans/{}", plan.id)).await.body).unwrap();
    assert_eq!(json["plan"]["agency"], "village_committee", "{backend}");

    // the POST is refused in Thai, audited, and the plan stays submitted
    let m = forbidden_saying(
        workflow::step(&db, &village, plan.id, plan.version, Step::Approve, "").await,
        "ผู้อนุมัติแผนพัฒนาหมู่บ้านคือเจ้าหน้าที่ระดับตำบลขึ้นไป",
    );
    assert!(m.contains("ไม่ใช่เจ้าของแผน"), "{m}");
    assert_eq!(
        denials(&db, &village.username, "approve:%").await,
        1,
        "{backend}"
    );
    let after = plans::get(&db, plan.id).await.unwrap().unwrap();
    assert_eq!(
        (after.status.as_str(), after.version),
        ("submitted", plan.version)
    );
    let form = c.get(&format!("/plans/{}", plan.id)).await.body;
    let csrf = common::csrf_of(&form);
    let posted = c
        .post(
            &format!("/plans/{}/step", plan.id),
            &format!("csrf={csrf}&step=approve&version={}&reason=", plan.version),
        )
        .await;
    assert_eq!(
        posted.status,
        axum::http::StatusCode::FORBIDDEN,
        "{backend}: {}",
        posted.body
    );

    // the tambon officer approves
    let mut t = Client::new(&db);
    t.sign_in(&tambon.username, cast::PASSWORD).await;
    assert!(
        t.get(&format!("/plans/{}", plan.id))
            .await
            .body
            .contains("id=\"approve-plan\"")
    );
    let approved = workflow::step(&db, &tambon, plan.id, plan.version, Step::Approve, "")
        .await
        .unwrap();
    assert_eq!(approved.status, "approved", "{backend}");
}

story!(
    an_lao_reads_a_village_plan_and_adopts_without_changing_it,
    Phayao
);
async fn an_lao_reads_a_village_plan_and_adopts_without_changing_it(backend: &str, db: Db) {
    let village = cast::village(&db).await;
    let tambon = cast::tambon(&db).await;
    let lao = cast::lao(&db).await;
    let (plan, project) = village_plan(&db, &village).await;

    assert!(
        !projects::rights::of(&db, Some(&lao), &project)
            .await
            .unwrap()
            .edit
    );
    assert!(
        projects::rights::of(&db, Some(&village), &project)
            .await
            .unwrap()
            .edit
    );
    let says = "อปท. อ่านแผนพัฒนาหมู่บ้านในเขตของตนได้";
    let changed = ProjectInput {
        budget: "900,000".into(),
        ..need("ขุดลอกฝายห้วยแม่ใส")
    };
    forbidden_saying(
        projects::update(&db, &lao, project.id, project.version, &changed).await,
        says,
    );
    forbidden_saying(
        adopt::remove(&db, &lao, plan.id, plan.version, project.id).await,
        says,
    );
    forbidden_saying(
        adopt::add_to_plan(&db, &lao, plan.id, plan.version, &need("โครงการของ อบต.")).await,
        says,
    );
    // each refusal filed under the LAO's area and the village's
    assert_eq!(
        denials(&db, &lao.username, "write:%อปท. อ่าน%").await,
        6,
        "{backend}"
    );
    let kept = projects::get(&db, project.id).await.unwrap().unwrap();
    assert_eq!(
        (kept.budget_satang, kept.version),
        (project.budget_satang, project.version)
    );
    assert_eq!(
        version(&db, plan.id).await,
        plan.version,
        "{backend}: the plan is untouched"
    );
    // the plan's page shows the LAO the project, and no form to add, change or remove one
    let mut c = Client::new(&db);
    c.sign_in(&lao.username, cast::PASSWORD).await;
    let page = c.get(&format!("/plans/{}", plan.id)).await;
    assert_eq!(page.status, axum::http::StatusCode::OK);
    assert!(page.body.contains("ขุดลอกฝายห้วยแม่ใส"), "{backend}");
    for form in ["id=\"project-form\"", "/remove\"", "id=\"forum-form\""] {
        assert!(
            !page.body.contains(form),
            "{backend}: {form} offered to the LAO"
        );
    }
    let mut v = Client::new(&db);
    v.sign_in(&village.username, cast::PASSWORD).await;
    assert!(
        v.get(&format!("/plans/{}", plan.id))
            .await
            .body
            .contains("id=\"project-form\""),
        "{backend}: the village still edits its plan"
    );

    // it still adopts the project, through the tambon plan, into its own local plan
    let mae_sai = plans::resolve_owner(&db, PlanKind::Tambon, "560114")
        .await
        .unwrap();
    let tambon_plan = plans::open(&db, &tambon, PlanKind::Tambon, &mae_sai, YEAR)
        .await
        .unwrap();
    assert_eq!(tambon_plan.agency, Agency::CddDistrict);
    let input = |rank: &str| AdoptInput {
        project_id: project.id,
        rank: rank.into(),
        decided_on: "2569-06-20".into(),
        ..Default::default()
    };
    adopt::adopt(
        &db,
        &tambon,
        tambon_plan.id,
        tambon_plan.version,
        &input("1"),
    )
    .await
    .unwrap();
    let owner = plans::resolve_owner(
        &db,
        PlanKind::Local,
        &cast::mae_sai_lao(&db).await.id.to_string(),
    )
    .await
    .unwrap();
    let local = plans::open(&db, &lao, PlanKind::Local, &owner, 2570)
        .await
        .unwrap();
    assert_eq!(
        local.agency,
        Agency::Lao,
        "{backend}: plans of one village told apart"
    );
    adopt::adopt(&db, &lao, local.id, local.version, &input("1"))
        .await
        .unwrap();
}

story!(
    the_district_report_is_signed_by_the_district_cd_office,
    Phayao
);
async fn the_district_report_is_signed_by_the_district_cd_office(backend: &str, db: Db) {
    let cdd = cast::district(&db).await;
    let dopa = cast::dopa_district(&db).await;
    targets::set(&db, &cdd, YEAR, "560114", true, "50,000", "ก")
        .await
        .unwrap();
    forbidden_saying(
        district_report::submit(&db, &dopa, "5601", YEAR, "", "").await,
        "ขั้นตอนนี้ (ลงนามรายงานผลการดำเนินงานระดับอำเภอ) ต้องทำโดย สำนักงานพัฒนาชุมชนอำเภอ",
    );
    assert_eq!(denials(&db, &dopa.username, "ลงนาม%").await, 1, "{backend}");
    let area = oneplan::areas::get(&db, "5601").await.unwrap().unwrap();
    assert!(
        !district_report::may_sign(&db, Some(&dopa), &area)
            .await
            .unwrap()
    );
    assert!(
        district_report::may_sign(&db, Some(&cdd), &area)
            .await
            .unwrap()
    );
    let s = district_report::submit(&db, &cdd, "5601", YEAR, "", "")
        .await
        .unwrap();
    assert_eq!(s.version, 1, "{backend}");
    assert!(s.payload_json.contains("cdd_district"));

    // so is the district's model tambon plan chosen, by พช.อ.
    let tambon = cast::tambon(&db).await;
    let owner = plans::resolve_owner(&db, PlanKind::Tambon, "560114")
        .await
        .unwrap();
    let plan = plans::open(&db, &tambon, PlanKind::Tambon, &owner, YEAR)
        .await
        .unwrap();
    assert!(
        !access::rights(&db, Some(&dopa), &plan, &owner)
            .await
            .unwrap()
            .mark_model
    );
    assert!(
        access::rights(&db, Some(&cdd), &plan, &owner)
            .await
            .unwrap()
            .mark_model
    );
    forbidden_saying(
        model_plan::designate(&db, &dopa, plan.id, "").await,
        "ขั้นตอนนี้ (คัดเลือกแผนพัฒนาตำบลต้นแบบ) ต้องทำโดย สำนักงานพัฒนาชุมชนอำเภอ",
    );
    let chosen = model_plan::designate(&db, &cdd, plan.id, "").await.unwrap();
    assert_eq!(chosen.plan_id, plan.id, "{backend}");
}

story!(a_model_lao_is_designated_by_dla_and_agreed_by_cdd, Phayao);
async fn a_model_lao_is_designated_by_dla_and_agreed_by_cdd(backend: &str, db: Db) {
    let cdd = cast::district(&db).await;
    let dla = cast::dla_district(&db).await;
    let mae_sai = cast::mae_sai_lao(&db).await.id;
    forbidden_saying(
        model_laos::designate(&db, &cdd, YEAR, "5601", mae_sai, "1/11/2568", "").await,
        "ต้องทำโดย สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอ",
    );
    assert_eq!(
        denials(&db, &cdd.username, "คัดเลือก อปท. ต้นแบบ:%").await,
        1,
        "{backend}"
    );
    model_laos::designate(&db, &dla, YEAR, "5601", mae_sai, "1/11/2568", "")
        .await
        .unwrap();
    assert!(
        model_laos::current(&db, YEAR, "56")
            .await
            .unwrap()
            .is_empty(),
        "{backend}: not yet agreed"
    );
    assert!(!model_laos::is_model(&db, YEAR, mae_sai).await.unwrap());
    forbidden_saying(
        model_laos::agree(&db, &dla, YEAR, "5601").await,
        "ต้องทำโดย สำนักงานพัฒนาชุมชนอำเภอ",
    );
    let agreed = model_laos::agree(&db, &cdd, YEAR, "5601").await.unwrap();
    assert_eq!(
        (agreed.created_by.as_str(), agreed.agreed_by.as_deref()),
        ("thongthin", Some("amphoe")),
        "{backend}: both recorded"
    );
    assert!(agreed.agreed_at.is_some());
    assert_eq!(model_laos::current(&db, YEAR, "56").await.unwrap().len(), 1);
    assert!(model_laos::is_model(&db, YEAR, mae_sai).await.unwrap());
    assert!(matches!(
        model_laos::agree(&db, &cdd, YEAR, "5601").await,
        Err(AppError::Invalid(_))
    ));
    let audited: i64 = oneplan::db::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'model_lao' AND action IN ('designate', 'agree')",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(audited, 2, "{backend}");
}

story!(an_account_is_saved_with_its_agency, Phayao);
async fn an_account_is_saved_with_its_agency(backend: &str, db: Db) {
    let root = cast::root(&db).await;
    let mut c = Client::new(&db);
    c.sign_in(&root.username, cast::PASSWORD).await;
    let form = c.get("/admin/users/new").await.body;
    assert!(form.contains("value=\"cdd_district\""), "{backend}");
    assert!(form.contains("สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอ"));
    assert!(
        form.contains("<option value=\"พัฒนาการอำเภอ\">"),
        "{backend}: positions suggested"
    );
    assert!(
        !form.contains("value=\"other\""),
        "{backend}: 'other' is for old accounts only"
    );
    let csrf = common::csrf_of(&form);
    let typed = "username=phatthana&display_name=x&position=%E0%B8%9E%E0%B8%B1%E0%B8%92%E0%B8%99%E0%B8%B2%E0%B8%81%E0%B8%B2%E0%B8%A3%E0%B8%AD%E0%B8%B3%E0%B9%80%E0%B8%A0%E0%B8%AD&role=officer&scope_level=district&scope_code=5601&password=long-enough-pass";
    for agency in [
        "",
        "agency=other&",
        "agency=%E0%B8%81%E0%B8%A3%E0%B8%A1%E0%B8%9B%E0%B9%88%E0%B8%B2%E0%B9%84%E0%B8%A1%E0%B9%89&",
    ] {
        let refused = c
            .post("/admin/users", &format!("csrf={csrf}&{agency}{typed}"))
            .await;
        assert_eq!(
            refused.status,
            axum::http::StatusCode::BAD_REQUEST,
            "{backend}: {agency}"
        );
        assert!(refused.body.contains("ส่วนราชการ"), "{}", refused.body);
    }
    let made = c
        .post(
            "/admin/users",
            &format!("csrf={csrf}&agency=cdd_district&{typed}"),
        )
        .await;
    assert_eq!(
        made.status,
        axum::http::StatusCode::SEE_OTHER,
        "{}",
        made.body
    );
    let (u, _) = oneplan::accounts::by_username(&db, "phatthana")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (u.agency, u.position.as_str()),
        (Agency::CddDistrict, "พัฒนาการอำเภอ")
    );
    let list = c.get("/admin/users").await.body;
    assert!(list.contains("สำนักงานพัฒนาชุมชนอำเภอ"), "{backend}");

    // the API takes the code and nothing else
    let mut api = Client::new(&db);
    let token = api.api_sign_in(&root.username, cast::PASSWORD).await;
    let body = |agency: &str| {
        serde_json::json!({"username": "api.dla", "display_name": "ท้องถิ่นอำเภอ", "agency": agency,
            "role": "officer", "scope": {"level": "district", "code": "5601"}, "password": "long-enough-pass"})
    };
    for bad in ["other", "สถ.อ."] {
        let r = api.json("POST", "/api/users", body(bad), &token).await;
        assert_eq!(
            r.status,
            axum::http::StatusCode::BAD_REQUEST,
            "{backend}: {bad}: {}",
            r.body
        );
    }
    let r = api
        .json("POST", "/api/users", body("dla_district"), &token)
        .await;
    assert_eq!(r.status, axum::http::StatusCode::OK, "{}", r.body);
    let made: serde_json::Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(made["agency"], "dla_district");

    // the database holds only the codes, and reads them strictly
    let stored =
        oneplan::db::query("UPDATE users SET agency = 'กรมป่าไม้' WHERE username = 'api.dla'")
            .execute(&db)
            .await;
    assert!(
        stored.is_err(),
        "{backend}: the CHECK constraint refuses free text"
    );
}
