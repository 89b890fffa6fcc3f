//! Register form 3 as the form says (issue 12, seed 000): the tambon plan's projects linked with
//! the LAO or for which the LAO's budget support was requested. A request (to which LAO, when,
//! how much) is recorded from the tambon plan and counts whether or not the LAO adopts the
//! project; the LAO answers it.

use crate::common::{Client, cast};
use axum::http::StatusCode;
use oneplan::db::Db;
use oneplan::error::AppError;
use oneplan::forums::{self, ForumInput};
use oneplan::plans::{self, PlanKind};
use oneplan::projects::input::ProjectInput;
use oneplan::registers::budget_requests::{self, Answer, RequestInput};
use oneplan::registers::{self, targets};

const YEAR: i64 = 2569;

async fn version(db: &Db, plan: i64) -> i64 {
    plans::get(db, plan).await.unwrap().unwrap().version
}

fn code(r: &Result<impl std::fmt::Debug, AppError>) -> &'static str {
    match r {
        Err(e) => e
            .problems()
            .first()
            .map(|p| p.code())
            .unwrap_or("forbidden?"),
        Ok(x) => panic!("refusal expected, got {x:?}"),
    }
}

/// Tambon แม่ใส as a target tambon of 2569 (set by its district), and its tambon plan of the
/// year with a forum of the tambon that raised one need per title: the plan and the projects.
pub(crate) async fn target_tambon_plan(
    db: &Db,
    tambon: &oneplan::accounts::User,
    titles: &[&str],
) -> (plans::Plan, Vec<i64>) {
    let district = cast::district(db).await;
    targets::set(db, &district, YEAR, "560114", true, "50,000", "")
        .await
        .unwrap();
    let owner = plans::resolve_owner(db, PlanKind::Tambon, "560114")
        .await
        .unwrap();
    let plan = plans::open(db, tambon, PlanKind::Tambon, &owner, YEAR)
        .await
        .unwrap();
    let f = forums::add(
        db,
        tambon,
        plan.id,
        plan.version,
        &ForumInput {
            held_on: "20/02/2569".into(),
            place: "ศาลาประชาคมตำบลแม่ใส".into(),
            chaired_by: "กำนันตำบลแม่ใส".into(),
            held_by: "ศอช.ต.".into(),
            attendance: "60".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut ids = vec![];
    for title in titles {
        let p = oneplan::adoption::add_to_plan(
            db,
            tambon,
            plan.id,
            version(db, plan.id).await,
            &ProjectInput {
                title: title.to_string(),
                dimension: "economy".into(),
                budget: "80,000".into(),
                executor: "องค์กรปกครองส่วนท้องถิ่น".into(),
                forum_id: Some(f.id),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        ids.push(p.id);
    }
    (plan, ids)
}

story!(a_request_for_the_laos_budget_counts_on_register_3, Phayao);
async fn a_request_for_the_laos_budget_counts_on_register_3(backend: &str, db: Db) {
    let tambon = cast::tambon(&db).await;
    let (plan, ids) = target_tambon_plan(
        &db,
        &tambon,
        &["ลานตากผลผลิตชุมชนบ้านร่องไฮ", "ฝายชะลอน้ำห้วยแม่ใส"],
    )
    .await;
    assert!(
        registers::form3(&db, "5601", YEAR)
            .await
            .unwrap()
            .is_empty(),
        "{backend}: nothing linked yet"
    );

    let lao = cast::mae_sai_lao(&db).await;
    let request = |lao_id| RequestInput {
        project_id: ids[0],
        lao_id,
        requested_on: "20/05/2569".into(),
        amount: "50,000".into(),
        note: String::new(),
    };
    let r = budget_requests::record(&db, &tambon, plan.id, &request(lao.id))
        .await
        .unwrap();
    assert_eq!((r.answer, r.amount_satang), (Answer::Pending, 5_000_000));
    let form3 = registers::form3(&db, "5601", YEAR).await.unwrap();
    assert_eq!(
        form3.iter().map(|p| p.project_id).collect::<Vec<_>>(),
        [ids[0]],
        "{backend}: requested, not adopted"
    );
    // once per LAO; only to an LAO that covers the tambon; only by the plan's keepers
    assert_eq!(
        code(&budget_requests::record(&db, &tambon, plan.id, &request(lao.id)).await),
        "request_exists"
    );
    let chun = oneplan::areas::laos_in(&db, "5602")
        .await
        .unwrap()
        .remove(0);
    assert_eq!(
        code(&budget_requests::record(&db, &tambon, plan.id, &request(chun.id)).await),
        "lao_not_covering"
    );
    let outsider = cast::outsider(&db).await;
    assert!(matches!(
        budget_requests::record(&db, &outsider, plan.id, &request(lao.id)).await,
        Err(AppError::Forbidden(_))
    ));
    let bad = RequestInput {
        requested_on: "๓๒/๑๓/๒๕๖๙".into(),
        amount: "ห้าหมื่น".into(),
        ..request(lao.id)
    };
    match budget_requests::record(
        &db,
        &tambon,
        plan.id,
        &RequestInput {
            project_id: ids[1],
            ..bad
        },
    )
    .await
    {
        Err(AppError::Invalid(ps)) => {
            assert_eq!(ps.len(), 2, "the date and the amount, both named")
        }
        other => panic!("{other:?}"),
    }

    // the LAO refuses: the request still counts, as the form says
    let officer = cast::lao(&db).await;
    assert!(matches!(
        budget_requests::answer(&db, &tambon, r.id, r.version, Answer::Granted, "1/7/2569").await,
        Err(AppError::Forbidden(_))
    ));
    let a = budget_requests::answer(&db, &officer, r.id, r.version, Answer::Refused, "1/7/2569")
        .await
        .unwrap();
    assert_eq!(
        (a.answer, a.answered_on.map(|d| d.to_string())),
        (Answer::Refused, Some("2026-07-01".into()))
    );
    assert!(matches!(
        budget_requests::answer(&db, &officer, r.id, r.version, Answer::Granted, "2/7/2569").await,
        Err(AppError::Conflict(_))
    ));
    assert_eq!(registers::form3(&db, "5601", YEAR).await.unwrap().len(), 1);

    // the pages: the tambon records, the LAO answers
    let mut web = Client::new(&db);
    web.sign_in(&tambon.username, cast::PASSWORD).await;
    let page = web
        .get(&format!("/plans/{}/budget-requests", plan.id))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("id=\"request-form\"")
            && page.body.contains("ไม่สนับสนุน (1 กรกฎาคม 2569)"),
        "{backend}"
    );
    assert!(
        !page.body.contains("answer-form"),
        "the tambon does not answer for the LAO"
    );
    let mut web = Client::new(&db);
    web.sign_in(&officer.username, cast::PASSWORD).await;
    let page = web
        .get(&format!("/laos/{}/budget-requests", lao.id))
        .await
        .body;
    assert!(
        page.contains("answer-form") && page.contains("ลานตากผลผลิตชุมชนบ้านร่องไฮ"),
        "{backend}"
    );
}
