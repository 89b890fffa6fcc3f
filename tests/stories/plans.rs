//! The One Plan chain as officials walk it: a need raised in a village forum goes into the
//! village plan, the tambon plan, the LAO's local plan and draft budget, and the district
//! plan — one project record throughout, traced on its lineage.

use crate::common;
use common::cast;
use oneplan::accounts::User;
use oneplan::adoption::{self as adopt, AdoptInput, lineage};
use oneplan::db::Db;
use oneplan::error::AppError;
use oneplan::forums::{self, ForumInput};
use oneplan::kpi::rates;
use oneplan::plans::workflow::{self, Step};
use oneplan::plans::{self, PlanKind, carry};
use oneplan::projects::{self, input::ProjectInput};

struct People {
    village: User,
    tambon: User,
    lao: User,
    district: User,
    viewer: User,
}

async fn people(db: &Db) -> People {
    People {
        village: cast::village(db).await,
        tambon: cast::tambon(db).await,
        lao: cast::lao(db).await,
        district: cast::district(db).await,
        viewer: cast::viewer(db).await,
    }
}

fn road() -> ProjectInput {
    ProjectInput {
        title: "ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านร่องไฮ–ห้วยแม่ใส".into(),
        dimension: "ด้านเศรษฐกิจ".into(),
        need: "ถนนลูกรังเป็นหลุมบ่อ ขนส่งผลผลิตไม่ได้ในฤดูฝน".into(),
        objective: "ให้ขนส่งผลผลิตทางการเกษตรได้ตลอดปี".into(),
        format: "ก่อสร้าง".into(),
        target_households: "๑๒๐".into(),
        target_people: "450".into(),
        budget: "๔๙๕,๐๐๐".into(),
        executor: "องค์กรปกครองส่วนท้องถิ่น".into(),
        within_lao_authority: "ใช่".into(),
        starts_on: "1 ต.ค. 2569".into(),
        ends_on: "31/03/2570".into(),
        rank: "1".into(),
        funding: "อบต.แม่ใส | สนับสนุนงบประมาณ | 450,000\nชาวบ้านร่องไฮ | ร่วมดำเนินการ | 45,000".into(),
        ..Default::default()
    }
}

fn project(title: &str, dimension: &str, rank: &str, budget: &str) -> ProjectInput {
    ProjectInput {
        title: title.into(),
        dimension: dimension.into(),
        budget: budget.into(),
        executor: "ชุมชนดำเนินการเอง".into(),
        rank: rank.into(),
        ..Default::default()
    }
}

fn forum() -> ForumInput {
    ForumInput {
        held_on: "๑๕ มีนาคม ๒๕๖๙".into(),
        place: "ศาลาเอนกประสงค์บ้านร่องไฮ".into(),
        chaired_by: "นายสมบัติ ใจดี ผู้ใหญ่บ้าน".into(),
        attendance: "86".into(),
        households: "72".into(),
        used_basic_needs: "on".into(),
        used_village_data: "on".into(),
        ..Default::default()
    }
}

async fn version(db: &Db, plan: i64) -> i64 {
    plans::get(db, plan).await.unwrap().unwrap().version
}

fn adopt_input(project: i64, rank: &str, amount: &str) -> AdoptInput {
    AdoptInput {
        project_id: project,
        rank: rank.into(),
        amount: amount.into(),
        decided_on: "2569-06-20".into(),
        ..Default::default()
    }
}

story!(
    a_need_travels_from_a_village_forum_to_the_lao_budget_and_the_district_plan,
    Phayao
);
async fn a_need_travels_from_a_village_forum_to_the_lao_budget_and_the_district_plan(
    backend: &str,
    db: Db,
) {
    let p = people(&db).await;
    let rong_hai = plans::resolve_owner(&db, PlanKind::Village, "56011401")
        .await
        .unwrap();
    let village_plan = plans::open(&db, &p.village, PlanKind::Village, &rong_hai, 2569)
        .await
        .unwrap();
    assert_eq!(village_plan.status, "draft");

    // the forum, then the needs it raised
    let f = forums::add(
        &db,
        &p.village,
        village_plan.id,
        village_plan.version,
        &forum(),
    )
    .await
    .unwrap();
    assert_eq!(
        f.held_on.to_string(),
        "2026-03-15",
        "{backend}: BE date stored as one calendar date"
    );
    let need = ProjectInput {
        forum_id: Some(f.id),
        ..road()
    };
    let road = oneplan::adoption::add_to_plan(
        &db,
        &p.village,
        village_plan.id,
        version(&db, village_plan.id).await,
        &need,
    )
    .await
    .unwrap();
    assert_eq!(road.budget_satang, 49_500_000);
    assert_eq!(road.status, "proposed");
    let coverage = oneplan::dimensions::of_plan(&db, village_plan.id)
        .await
        .unwrap();
    assert_eq!(
        coverage.missing_th(),
        "ขาดด้านสังคมและคุณภาพชีวิต, ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม",
        "{backend}"
    );
    for (title, dim, rank) in [
        ("อบรมอาสาสมัครดูแลผู้สูงอายุ", "ด้านสังคมและคุณภาพชีวิต", "2"),
        ("ปลูกป่าชุมชนต้นน้ำห้วยแม่ใส", "ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม", "3"),
    ] {
        oneplan::adoption::add_to_plan(
            &db,
            &p.village,
            village_plan.id,
            version(&db, village_plan.id).await,
            &project(title, dim, rank, "20,000"),
        )
        .await
        .unwrap();
    }
    assert!(
        oneplan::dimensions::of_plan(&db, village_plan.id)
            .await
            .unwrap()
            .complete()
    );

    // submitted and approved: then locked
    let v = version(&db, village_plan.id).await;
    workflow::step(&db, &p.village, village_plan.id, v, Step::Submit, "")
        .await
        .unwrap();
    let v = version(&db, village_plan.id).await;
    let approved = workflow::step(&db, &p.tambon, village_plan.id, v, Step::Approve, "")
        .await
        .unwrap();
    assert_eq!(approved.status, "approved");

    // the tambon plan integrates it
    let mae_sai = plans::resolve_owner(&db, PlanKind::Tambon, "560114")
        .await
        .unwrap();
    let tambon_plan = plans::open(&db, &p.tambon, PlanKind::Tambon, &mae_sai, 2569)
        .await
        .unwrap();
    let candidates = adopt::candidates(&db, &tambon_plan).await.unwrap();
    assert_eq!(
        candidates.len(),
        3,
        "{backend}: the village's three projects are offered"
    );
    adopt::adopt(
        &db,
        &p.tambon,
        tambon_plan.id,
        tambon_plan.version,
        &adopt_input(road.id, "1", ""),
    )
    .await
    .unwrap();
    let tambon_plan = plans::get(&db, tambon_plan.id).await.unwrap().unwrap();
    plans::set_milestones(
        &db,
        &p.tambon,
        tambon_plan.id,
        tambon_plan.version,
        plans::Milestones {
            made_quarter: "๒".into(),
            made_on: "๒๐ ก.พ. ๒๕๖๙".into(),
            delivered_lao_on: "30 เม.ย. 2569".into(),
            delivered_district_on: "2026-05-02".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    // the LAO adopts it into its local plan for 2570 and its draft budget
    let lao = plans::resolve_owner(
        &db,
        PlanKind::Local,
        &oneplan::areas::covering(&db, "560114").await.unwrap()[0]
            .lao_id
            .to_string(),
    )
    .await
    .unwrap();
    let local = plans::open(&db, &p.lao, PlanKind::Local, &lao, 2570)
        .await
        .unwrap();
    assert_eq!((local.first_year, local.last_year), (2570, 2574));
    let offered = adopt::candidates(&db, &local).await.unwrap();
    assert_eq!(
        offered.iter().map(|c| c.project_id).collect::<Vec<_>>(),
        vec![road.id]
    );
    adopt::adopt(
        &db,
        &p.lao,
        local.id,
        local.version,
        &adopt_input(road.id, "1", "480,000"),
    )
    .await
    .unwrap();
    let rates = rates::for_lao(&db, lao_id(&lao), 2570).await.unwrap();
    assert_eq!(
        (rates.integrated, rates.in_local_plan, rates.in_budget),
        (1, 1, 0)
    );
    assert_eq!(rates.local_pct_x100, Some(10_000));
    assert_eq!(
        projects::get(&db, road.id).await.unwrap().unwrap().status,
        "adopted"
    );

    let budget = plans::open(&db, &p.lao, PlanKind::Budget, &lao, 2570)
        .await
        .unwrap();
    adopt::adopt(
        &db,
        &p.lao,
        budget.id,
        budget.version,
        &adopt_input(road.id, "", ""),
    )
    .await
    .unwrap();
    let rates = rates::for_lao(&db, lao_id(&lao), 2570).await.unwrap();
    assert_eq!((rates.in_budget, rates.budget_pct_x100), (1, Some(10_000)));
    assert_eq!(
        projects::get(&db, road.id).await.unwrap().unwrap().status,
        "budgeted"
    );

    // the LAO officer's page and the API read the same view: the same projects, total, rates and rights
    let mut officer = common::client::Client::new(&db);
    officer.sign_in(&p.lao.username, cast::PASSWORD).await;
    for plan_id in [local.id, budget.id] {
        let api = officer.get(&format!("/api/plans/{plan_id}")).await.json();
        let page = officer.get(&format!("/plans/{plan_id}")).await.body;
        let total = oneplan::thai::format_baht(api["total_satang"].as_i64().unwrap());
        assert_eq!(
            api["total_satang"], 48_000_000,
            "{backend}: the LAO's amount, not the village's"
        );
        assert!(page.contains(&format!("{total} บาท")), "{backend}: {total}");
        let items = api["items"].as_array().unwrap();
        assert_eq!(items.len(), 1);
        assert!(page.contains(&format!("data-project=\"{}\"", items[0]["project_id"])));
        let r = &api["rates"];
        for (id, pct, meets) in [
            ("rate-local", "local_pct_x100", "meets_local"),
            ("rate-budget", "budget_pct_x100", "meets_budget"),
        ] {
            let shown = format!(
                "id=\"{id}\">{}% {}",
                rates::format_pct(r[pct].as_i64()),
                if r[meets].as_bool().unwrap() {
                    "✓"
                } else {
                    "✗"
                }
            );
            assert!(page.contains(&shown), "{backend}: {shown}");
        }
        assert_eq!(
            (r["year"].as_i64(), r["kpi_year"].as_i64()),
            (Some(2570), Some(2569))
        );
        assert_eq!(
            api["rights"]["write"], true,
            "{backend}: the LAO's own draft"
        );
        assert!(page.contains(&format!("action=\"/plans/{plan_id}/remove\"")));
    }
    let mut public = common::client::Client::new(&db);
    let seen = public.get(&format!("/api/plans/{}", local.id)).await.json();
    assert_eq!(seen["rights"]["write"], false);
    assert_eq!(seen["total_satang"], 48_000_000);
    assert!(
        !public
            .get(&format!("/plans/{}", local.id))
            .await
            .body
            .contains("/remove\"")
    );

    // the district plan ranks it, aligns it with the province's issue, routes it too
    let issue = plans::development_issues::add(
        &db,
        &cast::province(&db).await,
        "56",
        "เศรษฐกิจฐานรากและการเกษตรปลอดภัย",
    )
    .await
    .unwrap();
    let mueang = plans::resolve_owner(&db, PlanKind::District, "5601")
        .await
        .unwrap();
    let district = plans::open(&db, &p.district, PlanKind::District, &mueang, 2570)
        .await
        .unwrap();
    adopt::adopt(
        &db,
        &p.district,
        district.id,
        district.version,
        &AdoptInput {
            issue_id: Some(issue.id),
            ..adopt_input(road.id, "4", "")
        },
    )
    .await
    .unwrap();
    // the district routes it to a line agency on the plan page's form (it once answered 422)
    let mut c = common::Client::new(&db);
    c.api_sign_in(&p.district.username, cast::PASSWORD).await;
    let page = c.get(&format!("/plans/{}", district.id)).await;
    let csrf = common::csrf_of(&page.body);
    let project = road.id.to_string();
    let routed = c
        .form(
            &format!("/plans/{}/route", district.id),
            &[
                ("csrf", csrf.as_str()),
                ("project_id", project.as_str()),
                ("agency", "แขวงทางหลวงชนบทพะเยา"),
                ("amount", "45,000"),
                ("requested_on", "1/7/2569"),
                ("note", ""),
            ],
        )
        .await;
    assert_eq!(
        routed.status,
        axum::http::StatusCode::SEE_OTHER,
        "{backend}: {}",
        routed.body
    );

    // one record, with its whole history
    let l = lineage::of(&db, road.id).await.unwrap().unwrap();
    let kinds: Vec<&str> = l.steps.iter().map(|s| s.plan_kind.as_str()).collect();
    assert_eq!(
        kinds,
        vec!["village", "tambon", "local", "budget", "district"],
        "{backend}"
    );
    assert_eq!(l.steps[2].fiscal_year, 2570);
    assert_eq!(l.steps[2].amount_satang, 48_000_000);
    assert_eq!(
        l.steps[3].amount_satang, 48_000_000,
        "{backend}: the budget takes the local plan's amount"
    );
    assert_eq!(l.steps[4].rank, Some(4));
    assert_eq!(
        l.steps[4].issue.as_deref(),
        Some("เศรษฐกิจฐานรากและการเกษตรปลอดภัย")
    );
    assert_eq!(l.forum.as_ref().unwrap().chaired_by, "นายสมบัติ ใจดี ผู้ใหญ่บ้าน");
    assert_eq!(l.villages[0].code, "56011401");
    assert_eq!(l.funding.len(), 2);
    assert_eq!(l.agency_requests[0].agency, "แขวงทางหลวงชนบทพะเยา");
    let count: i64 = oneplan::db::query_scalar("SELECT COUNT(*) FROM projects")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(count, 3, "{backend}: adoption never copies a project");

    // progress, reported where the work happens
    let v = projects::get(&db, road.id).await.unwrap().unwrap().version;
    projects::progress::record(
        &db,
        &p.lao,
        road.id,
        v,
        &projects::progress::ProgressInput {
            status: "under_way".into(),
            progress_pct: "๔๐".into(),
            spent: "120,000".into(),
            reported_on: "15 ธ.ค. 2569".into(),
            note: String::new(),
        },
    )
    .await
    .unwrap();
    let now = projects::get(&db, road.id).await.unwrap().unwrap();
    assert_eq!(
        (now.status.as_str(), now.progress_pct, now.spent_satang),
        ("under_way", 40, 12_000_000)
    );

    // a read-only account can change nothing, and the refusal is on record
    let refused = adopt::adopt(
        &db,
        &p.viewer,
        district.id,
        version(&db, district.id).await,
        &adopt_input(road.id, "9", ""),
    )
    .await;
    assert!(matches!(refused, Err(AppError::Forbidden(_))), "{backend}");
    let denied: i64 = oneplan::db::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND username = 'watcher'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    // one refusal, under the watcher's area and the district plan's
    assert_eq!(denied, 2);
    let adoptions: i64 =
        oneplan::db::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'adopt'")
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(
        adoptions, 4,
        "{backend}: every adoption is in the audit log"
    );
}

fn lao_id(owner: &plans::Owner) -> i64 {
    match owner {
        plans::Owner::Lao(l) => l.id,
        plans::Owner::Area(_) => panic!("not an LAO"),
    }
}

story!(bad_input_is_named_in_thai_and_nothing_is_written, Phayao);
async fn bad_input_is_named_in_thai_and_nothing_is_written(backend: &str, db: Db) {
    let p = people(&db).await;
    let owner = plans::resolve_owner(&db, PlanKind::Village, "56011401")
        .await
        .unwrap();
    let plan = plans::open(&db, &p.village, PlanKind::Village, &owner, 2569)
        .await
        .unwrap();
    let first = oneplan::adoption::add_to_plan(&db, &p.village, plan.id, plan.version, &road())
        .await
        .unwrap();
    let before: i64 = oneplan::db::query_scalar("SELECT COUNT(*) FROM projects")
        .fetch_one(&db)
        .await
        .unwrap();
    let v = version(&db, plan.id).await;
    let message = |r: Result<projects::Project, AppError>| match r {
        Err(e @ AppError::Invalid(_)) => e.message_th(),
        other => panic!("{backend}: expected a message, got {other:?}"),
    };
    let m = message(
        oneplan::adoption::add_to_plan(
            &db,
            &p.village,
            plan.id,
            v,
            &ProjectInput {
                budget: "-5,000".into(),
                ..road()
            },
        )
        .await,
    );
    assert!(m.contains("งบประมาณ") && m.contains("ไม่ติดลบ"), "{m}");
    let m = message(
        oneplan::adoption::add_to_plan(
            &db,
            &p.village,
            plan.id,
            v,
            &ProjectInput {
                budget: "สองหมื่น".into(),
                ..road()
            },
        )
        .await,
    );
    assert!(m.contains("ไม่ใช่ตัวเลข"), "{m}");
    let m = message(
        oneplan::adoption::add_to_plan(
            &db,
            &p.village,
            plan.id,
            v,
            &ProjectInput {
                dimension: "ด้านกีฬา".into(),
                ..road()
            },
        )
        .await,
    );
    assert!(m.contains("มิติการพัฒนา") && m.contains("ด้านกีฬา"), "{m}");
    let m = message(
        oneplan::adoption::add_to_plan(
            &db,
            &p.village,
            plan.id,
            v,
            &ProjectInput {
                rank: "๑".into(),
                title: "ขุดลอกลำเหมือง".into(),
                ..road()
            },
        )
        .await,
    );
    assert!(m.contains("ลำดับที่ 1 ซ้ำกับโครงการ"), "{m}");
    let m = message(
        oneplan::adoption::add_to_plan(
            &db,
            &p.village,
            plan.id,
            v,
            &ProjectInput {
                rank: "2".into(),
                villages: "56020101".into(),
                ..road()
            },
        )
        .await,
    );
    assert!(m.contains("ไม่อยู่ในพื้นที่ของแผนนี้"), "{m}");
    let m = message(
        oneplan::adoption::add_to_plan(
            &db,
            &p.village,
            plan.id,
            v,
            &ProjectInput {
                rank: "2".into(),
                starts_on: "2026-13-40".into(),
                ..road()
            },
        )
        .await,
    );
    assert!(m.contains("วันเริ่มต้น"), "{m}");
    let after: i64 = oneplan::db::query_scalar("SELECT COUNT(*) FROM projects")
        .fetch_one(&db)
        .await
        .unwrap();
    assert_eq!(before, after, "{backend}: nothing half written");
    assert_eq!(
        version(&db, plan.id).await,
        v,
        "{backend}: a refused change leaves the plan as it was"
    );

    // the same project twice into one tambon plan
    let tambon = plans::resolve_owner(&db, PlanKind::Tambon, "560114")
        .await
        .unwrap();
    let tp = plans::open(&db, &p.tambon, PlanKind::Tambon, &tambon, 2569)
        .await
        .unwrap();
    adopt::adopt(
        &db,
        &p.tambon,
        tp.id,
        tp.version,
        &adopt_input(first.id, "1", ""),
    )
    .await
    .unwrap();
    let again = adopt::adopt(
        &db,
        &p.tambon,
        tp.id,
        version(&db, tp.id).await,
        &adopt_input(first.id, "2", ""),
    )
    .await;
    match again {
        Err(e @ AppError::Invalid(_)) => {
            let m = e.message_th();
            assert!(m.contains("อยู่ในแผนพัฒนาตำบลนี้แล้ว (ลำดับที่ 1)"), "{m}")
        }
        other => panic!("{backend}: {other:?}"),
    }
    // a project of another tambon is not this plan's to take
    let other_owner = plans::resolve_owner(&db, PlanKind::Village, "56010401")
        .await
        .unwrap();
    let district_user = &p.district;
    let other_plan = plans::open(&db, district_user, PlanKind::Village, &other_owner, 2569)
        .await
        .unwrap();
    let elsewhere = oneplan::adoption::add_to_plan(
        &db,
        district_user,
        other_plan.id,
        other_plan.version,
        &project("ซ่อมฝาย", "1", "1", "1000"),
    )
    .await
    .unwrap();
    match adopt::adopt(
        &db,
        &p.tambon,
        tp.id,
        version(&db, tp.id).await,
        &adopt_input(elsewhere.id, "2", ""),
    )
    .await
    {
        Err(e @ AppError::Invalid(_)) => {
            let m = e.message_th();
            assert!(m.contains("ไม่อยู่ในแผนระดับล่าง"), "{m}")
        }
        other => panic!("{backend}: {other:?}"),
    }
    // a village officer cannot write another village's plan
    let refused = oneplan::adoption::add_to_plan(
        &db,
        &p.village,
        other_plan.id,
        version(&db, other_plan.id).await,
        &road(),
    )
    .await;
    assert!(matches!(refused, Err(AppError::Forbidden(_))), "{backend}");
}

story!(
    approved_plans_are_locked_and_only_the_level_above_reopens_them,
    Phayao
);
async fn approved_plans_are_locked_and_only_the_level_above_reopens_them(backend: &str, db: Db) {
    let p = people(&db).await;
    let owner = plans::resolve_owner(&db, PlanKind::Village, "56011401")
        .await
        .unwrap();
    let plan = plans::open(&db, &p.village, PlanKind::Village, &owner, 2569)
        .await
        .unwrap();
    match workflow::step(&db, &p.village, plan.id, plan.version, Step::Submit, "").await {
        Err(e @ AppError::Invalid(_)) => {
            let m = e.message_th();
            assert!(m.contains("ยังไม่มีโครงการ"), "{m}")
        }
        other => panic!("{backend}: {other:?}"),
    }
    oneplan::adoption::add_to_plan(&db, &p.village, plan.id, plan.version, &road())
        .await
        .unwrap();
    match workflow::step(
        &db,
        &p.village,
        plan.id,
        version(&db, plan.id).await,
        Step::Submit,
        "",
    )
    .await
    {
        Err(e @ AppError::Invalid(_)) => {
            let m = e.message_th();
            assert!(m.contains("เวทีประชาคม"), "{m}")
        }
        other => panic!("{backend}: {other:?}"),
    }
    forums::add(
        &db,
        &p.village,
        plan.id,
        version(&db, plan.id).await,
        &forum(),
    )
    .await
    .unwrap();
    workflow::step(
        &db,
        &p.village,
        plan.id,
        version(&db, plan.id).await,
        Step::Submit,
        "",
    )
    .await
    .unwrap();
    workflow::step(
        &db,
        &p.tambon,
        plan.id,
        version(&db, plan.id).await,
        Step::Approve,
        "",
    )
    .await
    .unwrap();

    let locked = oneplan::adoption::add_to_plan(
        &db,
        &p.village,
        plan.id,
        version(&db, plan.id).await,
        &project("ขุดลอกคลอง", "3", "2", "5000"),
    )
    .await;
    assert!(
        matches!(&locked, Err(e @ AppError::Conflict(_)) if e.message_th().contains("ถูกล็อก")),
        "{backend}: {locked:?}"
    );

    // the village cannot reopen its own plan; the tambon can, with a reason
    let v = version(&db, plan.id).await;
    assert!(matches!(
        workflow::step(&db, &p.village, plan.id, v, Step::Reopen, "แก้ไขงบประมาณ").await,
        Err(AppError::Forbidden(_))
    ));
    assert!(matches!(
        workflow::step(&db, &p.tambon, plan.id, v, Step::Reopen, "").await,
        Err(AppError::Invalid(_))
    ));
    let reopened = workflow::step(
        &db,
        &p.tambon,
        plan.id,
        v,
        Step::Reopen,
        "ต้องเพิ่มโครงการด้านสิ่งแวดล้อมตามมติเวที",
    )
    .await
    .unwrap();
    assert_eq!(reopened.status, "draft");
    let events = plans::events(&db, plan.id).await.unwrap();
    assert_eq!(
        events.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        vec!["submit", "approve", "reopen"]
    );
    assert_eq!(events[2].username, "cdo.maesai");
    let audited: i64 = oneplan::db::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'reopen' AND note LIKE '%สิ่งแวดล้อม%'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(audited, 1, "{backend}");
    oneplan::adoption::add_to_plan(
        &db,
        &p.village,
        plan.id,
        version(&db, plan.id).await,
        &project("ขุดลอกคลอง", "3", "2", "5000"),
    )
    .await
    .unwrap();
}

story!(
    two_people_editing_one_plan_never_overwrite_each_other,
    Phayao
);
async fn two_people_editing_one_plan_never_overwrite_each_other(backend: &str, db: Db) {
    let p = people(&db).await;
    let owner = plans::resolve_owner(&db, PlanKind::Village, "56011401")
        .await
        .unwrap();
    let plan = plans::open(&db, &p.village, PlanKind::Village, &owner, 2569)
        .await
        .unwrap();
    let opened_by_both = plan.version;
    oneplan::adoption::add_to_plan(&db, &p.village, plan.id, opened_by_both, &road())
        .await
        .unwrap();
    let second = oneplan::adoption::add_to_plan(
        &db,
        &p.tambon,
        plan.id,
        opened_by_both,
        &project("ขุดลอกคลอง", "3", "2", "5000"),
    )
    .await;
    match second {
        Err(e @ AppError::Conflict(_)) => {
            let m = e.message_th();
            assert!(m.contains("ถูกแก้ไขโดยผู้อื่น"), "{m}")
        }
        other => panic!("{backend}: {other:?}"),
    }
    let items = oneplan::adoption::items(&db, plan.id).await.unwrap();
    assert_eq!(items.len(), 1, "{backend}");

    // the same for a project's own edits
    let project_row = projects::get(&db, items[0].project_id)
        .await
        .unwrap()
        .unwrap();
    let stale = project_row.version;
    projects::update(
        &db,
        &p.village,
        project_row.id,
        stale,
        &ProjectInput {
            budget: "500,000".into(),
            ..road()
        },
    )
    .await
    .unwrap();
    let lost = projects::update(
        &db,
        &p.tambon,
        project_row.id,
        stale,
        &ProjectInput {
            budget: "600,000".into(),
            ..road()
        },
    )
    .await;
    assert!(
        matches!(lost, Err(AppError::Conflict(_))),
        "{backend}: {lost:?}"
    );
    assert_eq!(
        projects::get(&db, project_row.id)
            .await
            .unwrap()
            .unwrap()
            .budget_satang,
        50_000_000
    );
}

story!(
    next_years_plan_starts_from_this_years_and_the_tambon_merges_shared_needs,
    Phayao
);
async fn next_years_plan_starts_from_this_years_and_the_tambon_merges_shared_needs(
    backend: &str,
    db: Db,
) {
    let p = people(&db).await;
    let owner = plans::resolve_owner(&db, PlanKind::Village, "56011401")
        .await
        .unwrap();
    let plan = plans::open(&db, &p.village, PlanKind::Village, &owner, 2569)
        .await
        .unwrap();
    let road_project =
        oneplan::adoption::add_to_plan(&db, &p.village, plan.id, plan.version, &road())
            .await
            .unwrap();
    oneplan::adoption::add_to_plan(
        &db,
        &p.village,
        plan.id,
        version(&db, plan.id).await,
        &project("ตลาดนัดชุมชน", "1", "2", "30000"),
    )
    .await
    .unwrap();

    // the neighbouring village asks for the same road
    let hua_bua = plans::resolve_owner(&db, PlanKind::Village, "56011402")
        .await
        .unwrap();
    let other = plans::open(&db, &p.tambon, PlanKind::Village, &hua_bua, 2569)
        .await
        .unwrap();
    let same = oneplan::adoption::add_to_plan(
        &db,
        &p.tambon,
        other.id,
        other.version,
        &ProjectInput {
            title: "ถนน คสล. ร่องไฮ–ห้วยแม่ใส".into(),
            ..road()
        },
    )
    .await
    .unwrap();

    let tambon = plans::resolve_owner(&db, PlanKind::Tambon, "560114")
        .await
        .unwrap();
    let tp = plans::open(&db, &p.tambon, PlanKind::Tambon, &tambon, 2569)
        .await
        .unwrap();
    adopt::merge(
        &db,
        &p.tambon,
        tp.id,
        tp.version,
        road_project.id,
        &[same.id],
    )
    .await
    .unwrap();
    let merged = projects::get(&db, same.id).await.unwrap().unwrap();
    assert_eq!(merged.merged_into, Some(road_project.id));
    let kept = lineage::of(&db, road_project.id).await.unwrap().unwrap();
    assert_eq!(
        kept.villages
            .iter()
            .map(|v| v.code.as_str())
            .collect::<Vec<_>>(),
        vec!["56011401", "56011402"],
        "{backend}"
    );
    assert_eq!(kept.project.target_villages, Some(2));
    assert_eq!(kept.merged_from[0].0, same.id);
    let offered: Vec<i64> = adopt::candidates(&db, &plans::get(&db, tp.id).await.unwrap().unwrap())
        .await
        .unwrap()
        .iter()
        .map(|c| c.project_id)
        .collect();
    assert!(
        !offered.contains(&same.id) && !offered.contains(&road_project.id),
        "{backend}: {offered:?}"
    );

    // next year: the village plan starts from this one, with the same records
    let next = carry::forward(&db, &p.village, plan.id).await.unwrap();
    assert_eq!((next.first_year, next.copied_from), (2570, Some(plan.id)));
    let carried = oneplan::adoption::items(&db, next.id).await.unwrap();
    assert_eq!(carried.len(), 2, "{backend}");
    assert_eq!(carried[0].project_id, road_project.id);
    assert_eq!(carried[0].fiscal_year, 2570);
    assert!(matches!(
        carry::forward(&db, &p.village, plan.id).await,
        Err(AppError::Conflict(_))
    ));
}

story!(
    a_village_plan_is_assessed_against_the_community_plan_standard,
    Phayao
);
async fn a_village_plan_is_assessed_against_the_community_plan_standard(backend: &str, db: Db) {
    let p = people(&db).await;
    let owner = plans::resolve_owner(&db, PlanKind::Village, "56011401")
        .await
        .unwrap();
    let plan = plans::open(&db, &p.village, PlanKind::Village, &owner, 2569)
        .await
        .unwrap();
    let standard = plans::standard::for_year(&db, 2569)
        .await
        .unwrap()
        .expect("a standard in force");
    assert_eq!(standard.criteria.len(), 6);
    let ids: Vec<i64> = standard.criteria.iter().map(|c| c.id).collect();
    let a = plans::standard::assess(&db, &p.tambon, plan.id, "30 มิ.ย. 2569", &ids[..5], "")
        .await
        .unwrap();
    assert_eq!(a.level.as_deref(), Some("ระดับดีมาก"), "{backend}");
    let b = plans::standard::assess(
        &db,
        &p.tambon,
        plan.id,
        "2026-07-01",
        &[ids[0], ids[0], ids[1]],
        "",
    )
    .await
    .unwrap();
    assert_eq!(
        (b.met.len(), b.level),
        (2, None),
        "{backend}: a tick counted once; below the lowest level"
    );
    let history = plans::standard::assessments(&db, plan.id, &standard)
        .await
        .unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].assessed_on, "2026-07-01");
    assert!(matches!(
        plans::standard::assess(&db, &p.viewer, plan.id, "2026-07-01", &ids, "").await,
        Err(AppError::Forbidden(_))
    ));
}

story!(dates_are_checked_against_the_plan, Phayao);
async fn dates_are_checked_against_the_plan(backend: &str, db: Db) {
    let p = people(&db).await;
    let rong_hai = plans::resolve_owner(&db, PlanKind::Village, "56011401")
        .await
        .unwrap();
    let village_plan = plans::open(&db, &p.village, PlanKind::Village, &rong_hai, 2569)
        .await
        .unwrap();
    // a forum dated 1999 on a 2569 plan: refused, with the window it must fall in
    let old = ForumInput {
        held_on: "1 ม.ค. 2542".into(),
        ..forum()
    };
    let e = forums::add(&db, &p.village, village_plan.id, village_plan.version, &old)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "outside_plan_window", "{backend}");
    assert!(
        e.message_th().contains("1 ตุลาคม 2567") && e.message_th().contains("30 กันยายน 2569"),
        "{backend}: {}",
        e.message_th()
    );
    assert!(
        forums::of_plan(&db, village_plan.id)
            .await
            .unwrap()
            .is_empty()
    );

    // the tambon plan's quarter follows from the date it was made
    let tambon = plans::resolve_owner(&db, PlanKind::Tambon, "560114")
        .await
        .unwrap();
    let tp = plans::open(&db, &p.tambon, PlanKind::Tambon, &tambon, 2569)
        .await
        .unwrap();
    let august = |quarter: &str| plans::Milestones {
        made_quarter: quarter.into(),
        made_on: "14 ส.ค. 2569".into(),
        ..Default::default()
    };
    let e = plans::set_milestones(&db, &p.tambon, tp.id, tp.version, august("1"))
        .await
        .unwrap_err();
    assert_eq!(
        e.code(),
        "quarter_disagrees",
        "{backend}: August is quarter 4"
    );
    assert_eq!(
        plans::get(&db, tp.id).await.unwrap().unwrap().made_quarter,
        None
    );
    let e = plans::set_milestones(
        &db,
        &p.tambon,
        tp.id,
        tp.version,
        plans::Milestones {
            made_quarter: "2".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "quarter_needs_date", "{backend}");
    let made = plans::set_milestones(&db, &p.tambon, tp.id, tp.version, august(""))
        .await
        .unwrap();
    assert_eq!(made.made_quarter, Some(4), "{backend}");
    assert_eq!(
        made.made_on.map(|d| d.to_string()).as_deref(),
        Some("2026-08-14")
    );
    let e = plans::set_milestones(
        &db,
        &p.tambon,
        tp.id,
        made.version,
        plans::Milestones {
            made_on: "2/1/2542".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "outside_plan_window", "{backend}");
}

story!(only_a_plan_s_own_item_can_be_removed_from_it, Phayao);
async fn only_a_plan_s_own_item_can_be_removed_from_it(backend: &str, db: Db) {
    let p = people(&db).await;
    let village = plans::resolve_owner(&db, PlanKind::Village, "56011401")
        .await
        .unwrap();
    let here = plans::open(&db, &p.village, PlanKind::Village, &village, 2569)
        .await
        .unwrap();
    let tambon = plans::resolve_owner(&db, PlanKind::Tambon, "560114")
        .await
        .unwrap();
    let there = plans::open(&db, &p.tambon, PlanKind::Tambon, &tambon, 2569)
        .await
        .unwrap();
    let ours = oneplan::adoption::add_to_plan(&db, &p.village, here.id, here.version, &road())
        .await
        .unwrap();
    let theirs = oneplan::adoption::add_to_plan(&db, &p.tambon, there.id, there.version, &road())
        .await
        .unwrap();
    let audit_rows = || async {
        oneplan::db::query_scalar::<i64>("SELECT COUNT(*) FROM audit_log")
            .fetch_one(&db)
            .await
            .unwrap()
    };
    let before = audit_rows().await;
    let v = version(&db, here.id).await;
    for id in [theirs.id, 999_999] {
        let e = adopt::remove(&db, &p.village, here.id, v, id)
            .await
            .unwrap_err();
        assert_eq!(e.code(), "not_found", "{backend}: {id}");
    }
    assert_eq!(
        audit_rows().await,
        before,
        "{backend}: no entry for what did not happen"
    );
    assert!(projects::get(&db, theirs.id).await.unwrap().is_some());
    adopt::remove(&db, &p.village, here.id, v, ours.id)
        .await
        .unwrap();
    assert!(
        projects::get(&db, ours.id).await.unwrap().is_none(),
        "{backend}"
    );
}
