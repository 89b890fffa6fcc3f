//! Likely duplicates across agencies (issue 15): the LAO puts in its local plan a road that the
//! village raised in its own plan, typed another way; the review finds the pair — not the same
//! road in the next หมู่ที่ — a tambon officer confirms it, the village's project is merged into
//! the LAO's with its adoption kept, and a pair dismissed is not shown again; a village officer
//! or an officer of another tambon may not decide.

use crate::common;
use common::cast;
use oneplan::accounts::{Role, ScopeLevel, User};
use oneplan::adoption as adopt;
use oneplan::db::Db;
use oneplan::duplicates::{self, review};
use oneplan::error::{AppError, Problem};
use oneplan::own::{self, OwnInput};
use oneplan::plans::{self, Owner, PlanKind};
use oneplan::projects::input::ProjectInput;

/// A project raised in a village's plan for 2569 (the plan opened when there is none).
pub(crate) async fn raise(db: &Db, user: &User, code: &str, title: &str) -> (i64, i64) {
    let owner = plans::resolve_owner(db, PlanKind::Village, code)
        .await
        .unwrap();
    let plan = match plans::find(db, PlanKind::Village, &owner.key(), 2569)
        .await
        .unwrap()
    {
        Some(p) => p,
        None => plans::open(db, user, PlanKind::Village, &owner, 2569)
            .await
            .unwrap(),
    };
    let version = plans::get(db, plan.id).await.unwrap().unwrap().version;
    let p = adopt::raise::add_to_plan(
        db,
        user,
        plan.id,
        version,
        &ProjectInput {
            title: title.into(),
            dimension: "ด้านเศรษฐกิจ".into(),
            budget: "480,000".into(),
            executor: "องค์กรปกครองส่วนท้องถิ่น".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    (plan.id, p.id)
}

async fn plans_of(db: &Db, project: i64) -> Vec<i64> {
    oneplan::db::query_scalar(
        "SELECT plan_id FROM plan_items WHERE project_id = $1 ORDER BY plan_id",
    )
    .bind(project)
    .fetch_all(db)
    .await
    .unwrap()
}

story!(
    a_road_planned_by_the_village_and_the_lao_is_found_and_merged,
    Phayao
);
async fn a_road_planned_by_the_village_and_the_lao_is_found_and_merged(backend: &str, db: Db) {
    let ronghai = cast::village(&db).await;
    let second = cast::account(
        &db,
        "village2",
        Role::Officer,
        ScopeLevel::Village,
        "56011402",
    )
    .await;
    let tambon = cast::tambon(&db).await;
    // the village's road, typed short; the same road of หมู่ที่ 2; a road of Rong Hai elsewhere
    let (village_plan, road) = raise(
        &db,
        &ronghai,
        "56011401",
        "ก่อสร้างถนน คสล. ม.1 บ้านร่องไฮ กว้าง 4 ม. ยาว 1,200 ม.",
    )
    .await;
    let (_, next_moo) = raise(
        &db,
        &second,
        "56011402",
        "ก่อสร้างถนน คสล. ม.2 บ้านแม่ใส กว้าง 4 ม. ยาว 1,200 ม.",
    )
    .await;
    let (_, water) = raise(&db, &ronghai, "56011401", "ขยายเขตประปาหมู่บ้าน หมู่ที่ 1").await;
    let (_, water_again) = raise(&db, &ronghai, "56011401", "ขยายเขตระบบประปาหมู่บ้าน ม.1").await;

    // the LAO's local plan spells it out, with Thai digits
    let lao = cast::lao(&db).await;
    let lao_plan = plans::open(
        &db,
        &lao,
        PlanKind::Local,
        &Owner::Lao(cast::mae_sai_lao(&db).await),
        2566,
    )
    .await
    .unwrap();
    let version = plans::get(&db, lao_plan.id).await.unwrap().unwrap().version;
    let lao_road = own::add(
        &db,
        &lao,
        lao_plan.id,
        version,
        &OwnInput {
            title: "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๑ บ้านร่องไฮ กว้าง ๔ เมตร ยาว ๑,๒๐๐ เมตร"
                .into(),
            work_plan: "แผนงานเคหะและชุมชน".into(),
            dimension: "ด้านเศรษฐกิจ".into(),
            budgets: [("2569".to_string(), "๔๘๐,๐๐๐".to_string())].into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();

    let found = duplicates::find::in_area(&db, "560114", 2569)
        .await
        .unwrap();
    let pairs: Vec<(i64, i64)> = found.iter().map(|f| (f.a, f.b)).collect();
    let lao_pair = (road.min(lao_road), road.max(lao_road));
    assert!(pairs.contains(&lao_pair), "{backend}: {found:#?}");
    assert!(
        pairs.contains(&(water, water_again)),
        "{backend}: {found:#?}"
    );
    assert!(
        !pairs.iter().any(|(a, b)| *a == next_moo || *b == next_moo),
        "{backend}: the road of หมู่ที่ 2 is another road: {found:#?}"
    );
    let f = found.iter().find(|f| (f.a, f.b) == lao_pair).unwrap();
    assert!(f.score >= oneplan::thai::likeness::SAME_WORK && f.guards.contains("หมู่ที่ 1"));
    assert!(
        f.a_place.contains("ร่องไฮ") || f.b_place.contains("ร่องไฮ"),
        "{f:?}"
    );
    assert!(matches!(
        duplicates::find::in_area(&db, "", 2569).await,
        Err(AppError::Invalid(ref p)) if matches!(p[0], Problem::Missing { .. })
    ));

    // a village officer may not decide, nor a tambon officer of another tambon
    let other_tambon = cast::account(
        &db,
        "cdo.other",
        Role::Officer,
        ScopeLevel::Tambon,
        "560101",
    )
    .await;
    for (who, problem) in [
        (&ronghai, "duplicates_from_tambon_up"),
        (&other_tambon, "outside_project_area"),
    ] {
        let e = review::decide(
            &db,
            who,
            road,
            lao_road,
            review::Verdict::Same { keep: lao_road },
            "",
        )
        .await
        .unwrap_err();
        assert_eq!(e.code(), problem, "{backend}");
    }
    // the keep must be one of the two
    let e = review::decide(
        &db,
        &tambon,
        road,
        lao_road,
        review::Verdict::Same { keep: water },
        "",
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "keep_not_in_pair");

    // confirmed: the village's road is merged into the LAO's; both plans now hold the one project
    review::decide(
        &db,
        &tambon,
        road,
        lao_road,
        review::Verdict::Same { keep: lao_road },
        "ถนนสายเดียวกัน",
    )
    .await
    .unwrap();
    assert_eq!(
        plans_of(&db, lao_road).await,
        {
            let mut p = vec![village_plan, lao_plan.id];
            p.sort();
            p
        },
        "{backend}: the village's adoption moved to the project kept"
    );
    assert!(plans_of(&db, road).await.is_empty());
    let merged: Option<i64> =
        oneplan::db::query_scalar("SELECT merged_into FROM projects WHERE id = $1")
            .bind(road)
            .fetch_one(&db)
            .await
            .unwrap();
    assert_eq!(merged, Some(lao_road));
    // dismissed: the two water projects are different works; neither pair comes back
    review::decide(
        &db,
        &tambon,
        water_again,
        water,
        review::Verdict::Different,
        "คนละระบบ",
    )
    .await
    .unwrap();
    let again = duplicates::find::in_area(&db, "560114", 2569)
        .await
        .unwrap();
    assert!(
        again
            .iter()
            .all(|f| (f.a, f.b) != lao_pair && (f.a, f.b) != (water, water_again))
    );
    let e = review::decide(
        &db,
        &tambon,
        water,
        water_again,
        review::Verdict::Same { keep: water },
        "",
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "duplicate_decided", "{backend}");
    // both decisions are in the audit log, with the refusals
    let logged: i64 = oneplan::db::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action IN ('merge_duplicate', 'dismiss_duplicate')",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(logged, 2, "{backend}");
}
