//! The district plan to the province (issue 12, seed 003): ที่ทำการปกครองอำเภอ sends the plan
//! year's projects that ก.บ.อ. approved, each ranked and aligned with a provincial development
//! issue; what is not cannot be sent, and the province sees who sent what and who did not.

use crate::common::{self, Client, cast};
use axum::http::StatusCode;
use oneplan::adoption::adopt::{self, AdoptInput};
use oneplan::adoption::to_province;
use oneplan::db::Db;
use oneplan::error::AppError;
use oneplan::forums::{self, ForumInput};
use oneplan::plans::{self, Milestones, PlanKind};
use oneplan::projects::input::ProjectInput;

async fn version(db: &Db, plan: i64) -> i64 {
    plans::get(db, plan).await.unwrap().unwrap().version
}

fn code_of(r: &Result<impl std::fmt::Debug, AppError>) -> (&'static str, String) {
    match r {
        Err(e) => (
            e.problems().first().map(|p| p.code()).unwrap_or(""),
            e.message_th(),
        ),
        Ok(x) => panic!("refusal expected, got {x:?}"),
    }
}

/// Mueang Phayao's district plan of 2570 (made by its พช.อ.) with a forum of the district
/// that raised one need per title: the plan and the projects.
pub(crate) async fn district_plan_of(
    db: &Db,
    planner: &oneplan::accounts::User,
    titles: &[&str],
) -> (plans::Plan, Vec<i64>) {
    let owner = plans::resolve_owner(db, PlanKind::District, "5601")
        .await
        .unwrap();
    let plan = plans::open(db, planner, PlanKind::District, &owner, 2570)
        .await
        .unwrap();
    let f = forums::add(
        db,
        planner,
        plan.id,
        plan.version,
        &ForumInput {
            held_on: "15/11/2568".into(),
            place: "หอประชุมอำเภอเมืองพะเยา".into(),
            chaired_by: "นายอำเภอเมืองพะเยา".into(),
            held_by: "ที่ทำการปกครองอำเภอเมืองพะเยา".into(),
            attendance: "80".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let mut ids = vec![];
    for title in titles {
        let p = oneplan::adoption::add_to_plan(
            db,
            planner,
            plan.id,
            version(db, plan.id).await,
            &ProjectInput {
                title: title.to_string(),
                dimension: "economy".into(),
                budget: "250,000".into(),
                executor: "หน่วยงานราชการ".into(),
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

story!(
    a_district_sends_its_approved_ranked_aligned_projects,
    Phayao
);
async fn a_district_sends_its_approved_ranked_aligned_projects(backend: &str, db: Db) {
    let planner = cast::district(&db).await;
    let dopa = cast::dopa_district(&db).await;
    let (plan, ids) =
        district_plan_of(&db, &planner, &["ถนนเลี่ยงเมืองพะเยา", "ประปาผิวดินบ้านร่องไฮ"]).await;
    let (road, water) = (ids[0], ids[1]);
    let year = plans::get(&db, plan.id).await.unwrap().unwrap().first_year;

    // before ก.บ.อ. approved the plan nothing goes
    let r = to_province::send(&db, &dopa, plan.id, year, &[], "").await;
    assert_eq!(
        code_of(&r).0,
        "not_committee_approved",
        "{backend}: {}",
        code_of(&r).1
    );
    plans::set_milestones(
        &db,
        &planner,
        plan.id,
        version(&db, plan.id).await,
        Milestones {
            committee_approved_on: "10/06/2568".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let issue =
        plans::development_issues::add(&db, &cast::province(&db).await, "56", "เศรษฐกิจฐานราก")
            .await
            .unwrap();
    adopt::update_item(
        &db,
        &planner,
        plan.id,
        version(&db, plan.id).await,
        &AdoptInput {
            project_id: road,
            rank: "1".into(),
            issue_id: Some(issue.id),
            decided_on: "2025-06-10".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // the unranked, unaligned project cannot go, and says what it lacks
    let r = to_province::send(&db, &dopa, plan.id, year, &[], "").await;
    let (code, words) = code_of(&r);
    assert_eq!(code, "projects_not_ready", "{words}");
    assert!(
        words.contains("ประปาผิวดินบ้านร่องไฮ (ขาดลำดับความสำคัญ และประเด็นการพัฒนาจังหวัด)"),
        "{words}"
    );
    let r = to_province::send(&db, &dopa, plan.id, year, &[water], "").await;
    assert_eq!(code_of(&r).0, "projects_not_ready");
    // the district's CD office keeps the plan but does not send it
    let r = to_province::send(&db, &planner, plan.id, year, &[road], "").await;
    assert_eq!(code_of(&r).0, "step_for_agency", "{}", code_of(&r).1);

    // on the page, as ที่ทำการปกครองอำเภอ
    let mut web = Client::new(&db);
    web.sign_in(&dopa.username, cast::PASSWORD).await;
    let page = web
        .get(&format!("/plans/{}/to-province?year={year}", plan.id))
        .await
        .body;
    assert!(
        page.contains(&format!("name=\"project\" value=\"{road}\"")),
        "{backend}: the ready project is offered"
    );
    assert!(
        !page.contains(&format!("name=\"project\" value=\"{water}\"")),
        "the unready one is not"
    );
    let csrf = common::client::csrf_of(&page);
    let sent = web
        .form(
            &format!("/plans/{}/to-province", plan.id),
            &[
                ("csrf", &csrf),
                ("year", &year.to_string()),
                ("project", &road.to_string()),
                ("report_no", "พย ๐๐๑๘/๑"),
            ],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let submitted =
        oneplan::reporting::submissions::latest(&db, "district_plan", "5601", year - 2, "")
            .await
            .unwrap()
            .unwrap();
    assert_eq!(submitted.version, 1);
    let s: oneplan::reporting::signed::Signed<to_province::DistrictPlanSent> =
        oneplan::reporting::signed::Signed::read(&submitted, "report").unwrap();
    assert_eq!(s.report.projects.len(), 1);
    assert_eq!(
        (s.report.projects[0].rank, s.report.total_satang),
        (Some(1), 25_000_000)
    );
    assert_eq!(s.report.committee_approved_on.to_string(), "2025-06-10");

    // the province sees each district's submission and who sent none
    let rows = to_province::of_province(&db, "56", year).await.unwrap();
    let mueang = rows.iter().find(|r| r.district_code == "5601").unwrap();
    assert_eq!((mueang.version, mueang.projects), (Some(1), 1), "{backend}");
    assert!(
        rows.iter().filter(|r| r.version.is_none()).count() >= 8,
        "Phayao's other districts sent nothing"
    );
    let page = web
        .get(&format!("/areas/56/district-plans?year={year}"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let missing = page
        .body
        .split("id=\"district-plans-missing\"")
        .nth(1)
        .expect("missing districts named");
    assert!(missing.contains("อำเภอจุน"), "{missing}");
    assert_eq!(
        web.get("/areas/5601/district-plans").await.status,
        StatusCode::NOT_FOUND
    );
}

story!(
    the_province_plan_draws_on_village_tambon_local_and_district_plans,
    Phayao
);
async fn the_province_plan_draws_on_village_tambon_local_and_district_plans(backend: &str, db: Db) {
    use oneplan::plans::PlanKind::{District, Local, Tambon, Village};
    let village = cast::village(&db).await;
    let owner = plans::resolve_owner(&db, Village, "56011401")
        .await
        .unwrap();
    let vplan = plans::open(&db, &village, Village, &owner, 2569)
        .await
        .unwrap();
    let need = oneplan::adoption::add_to_plan(
        &db,
        &village,
        vplan.id,
        vplan.version,
        &ProjectInput {
            title: "ศูนย์เรียนรู้เกษตรอินทรีย์บ้านร่องไฮ".into(),
            dimension: "economy".into(),
            budget: "120,000".into(),
            executor: "หน่วยงานราชการ".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let planner = cast::district(&db).await;
    let (_, district_ids) = district_plan_of(&db, &planner, &["ถนนเลี่ยงเมืองพะเยา"]).await;
    let province = cast::province(&db).await;
    let owner = plans::resolve_owner(&db, PlanKind::Province, "56")
        .await
        .unwrap();
    let pplan = plans::open(&db, &province, PlanKind::Province, &owner, 2570)
        .await
        .unwrap();
    let (from_village, n) = adopt::candidates_from(&db, &pplan, Village, 300)
        .await
        .unwrap();
    assert!(
        from_village.iter().any(|c| c.project_id == need.id),
        "{backend}: the village plan's need is offered"
    );
    assert_eq!(n as usize, from_village.len());
    let (from_district, _) = adopt::candidates_from(&db, &pplan, District, 300)
        .await
        .unwrap();
    assert!(
        from_district
            .iter()
            .any(|c| c.project_id == district_ids[0])
    );
    for kind in [Tambon, Local] {
        adopt::candidates_from(&db, &pplan, kind, 300)
            .await
            .unwrap();
    }
    // the page lists them, one kind at a time, and the province adopts from it
    let mut web = Client::new(&db);
    web.sign_in(&province.username, cast::PASSWORD).await;
    let page = web
        .get(&format!("/plans/{}/sources?from=village", pplan.id))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("ศูนย์เรียนรู้เกษตรอินทรีย์บ้านร่องไฮ") && page.body.contains("class=\"adopt\""),
        "{backend}"
    );
    assert_eq!(
        web.get(&format!("/plans/{}/sources?from=budget", pplan.id))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    adopt::adopt(
        &db,
        &province,
        pplan.id,
        version(&db, pplan.id).await,
        &AdoptInput {
            project_id: need.id,
            decided_on: "2026-11-20".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let items = oneplan::adoption::items(&db, pplan.id).await.unwrap();
    assert_eq!(
        items.iter().map(|i| i.project_id).collect::<Vec<_>>(),
        [need.id]
    );
    let (again, _) = adopt::candidates_from(&db, &pplan, Village, 300)
        .await
        .unwrap();
    assert!(
        again.iter().all(|c| c.project_id != need.id),
        "adopted once"
    );
}

story!(
    the_provinces_annual_action_plan_takes_from_its_plan_and_below,
    Phayao
);
async fn the_provinces_annual_action_plan_takes_from_its_plan_and_below(backend: &str, db: Db) {
    use oneplan::plans::PlanKind::{Province, ProvinceAction};
    let planner = cast::district(&db).await;
    let (_, ids) = district_plan_of(&db, &planner, &["ถนนเลี่ยงเมืองพะเยา"]).await;
    let province = cast::province(&db).await;
    let owner = plans::resolve_owner(&db, Province, "56").await.unwrap();
    let pplan = plans::open(&db, &province, Province, &owner, 2570)
        .await
        .unwrap();
    adopt::adopt(
        &db,
        &province,
        pplan.id,
        pplan.version,
        &AdoptInput {
            project_id: ids[0],
            fiscal_year: "2571".into(),
            decided_on: "2026-11-20".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    // the action plan of 2571: one year, the province's, opened from the province's page
    let owner = plans::resolve_owner(&db, ProvinceAction, "56")
        .await
        .unwrap();
    let action = plans::open(&db, &province, ProvinceAction, &owner, 2571)
        .await
        .unwrap();
    assert_eq!(
        (action.first_year, action.last_year, action.kind),
        (2571, 2571, ProvinceAction),
        "{backend}"
    );
    assert!(
        plans::resolve_owner(&db, ProvinceAction, "5601")
            .await
            .is_err(),
        "a district owns none"
    );
    let (from_plan, _) = adopt::candidates_from(&db, &action, Province, 300)
        .await
        .unwrap();
    assert_eq!(
        from_plan.iter().map(|c| c.project_id).collect::<Vec<_>>(),
        [ids[0]],
        "the province plan's project of 2571"
    );
    adopt::adopt(
        &db,
        &province,
        action.id,
        action.version,
        &AdoptInput {
            project_id: ids[0],
            decided_on: "2026-11-25".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let items = oneplan::adoption::items(&db, action.id).await.unwrap();
    assert_eq!((items.len(), items[0].fiscal_year), (1, 2571));
    let mut web = Client::new(&db);
    web.sign_in(&province.username, cast::PASSWORD).await;
    let area = web.get("/areas/56").await.body;
    assert!(
        area.contains("id=\"plans-province_action\""),
        "{backend}: the province's page offers it"
    );
    let page = web.get(&format!("/plans/{}", action.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("แผนปฏิบัติการประจำปีของจังหวัด"));
    let sources = web
        .get(&format!("/plans/{}/sources?from=province", action.id))
        .await;
    assert_eq!(sources.status, StatusCode::OK);
}

story!(a_district_plans_project_is_edited_on_its_page, Phayao);
/// The project page once cut a 6-digit tambon code out of the district's 4 digits and crashed.
async fn a_district_plans_project_is_edited_on_its_page(backend: &str, db: Db) {
    let planner = cast::district(&db).await;
    let (_, ids) = district_plan_of(&db, &planner, &["ถนนเลี่ยงเมืองพะเยา"]).await;
    let project = oneplan::projects::get(&db, ids[0]).await.unwrap().unwrap();
    let mut web = Client::new(&db);
    web.sign_in(&planner.username, cast::PASSWORD).await;
    let page = web.get(&format!("/projects/{}/edit", project.id)).await;
    assert_eq!(page.status, StatusCode::OK, "{backend}");
    let csrf = common::csrf_of(&page.body);
    let version = project.version.to_string();
    let saved = web
        .form(
            &format!("/projects/{}", project.id),
            &[
                ("csrf", csrf.as_str()),
                ("version", version.as_str()),
                ("title", "ถนนเลี่ยงเมืองพะเยา ช่วงที่ ๒"),
                ("dimension", "economy"),
                ("executor", "หน่วยงานราชการ"),
                ("budget", "300,000"),
                ("villages", "56011401"),
            ],
        )
        .await;
    assert_eq!(
        saved.status,
        StatusCode::SEE_OTHER,
        "{backend}: {}",
        saved.body
    );
    let after = oneplan::projects::get(&db, project.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.title, "ถนนเลี่ยงเมืองพะเยา ช่วงที่ ๒");
}
