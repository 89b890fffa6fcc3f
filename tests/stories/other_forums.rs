//! Needs from other forums (issue 11, seed 003: เวทีประชาคมอื่นๆ): a forum of an LAO, district or
//! province is recorded on its plan, with date, organiser, agency, attendance and minutes; the
//! needs it raises go into that plan and can be adopted by the plans above, with lineage back
//! to the forum. Above the tambon a need comes only from a forum; a draft budget has none.

use crate::common::cast;
use oneplan::adoption::adopt::{self, AdoptInput};
use oneplan::adoption::lineage;
use oneplan::db::Db;
use oneplan::error::{AppError, Problem};
use oneplan::forums::{self, ForumInput};
use oneplan::plans::{self, PlanKind};
use oneplan::projects::input::ProjectInput;

async fn version(db: &Db, plan: i64) -> i64 {
    plans::get(db, plan).await.unwrap().unwrap().version
}

fn need(title: &str) -> ProjectInput {
    ProjectInput {
        title: title.into(),
        dimension: "economy".into(),
        budget: "250,000".into(),
        executor: "หน่วยงานอื่น".into(),
        ..Default::default()
    }
}

fn forum(organiser: &str) -> ForumInput {
    ForumInput {
        held_on: "15/11/2569".into(),
        place: "หอประชุมอำเภอเมืองพะเยา".into(),
        chaired_by: "นายอำเภอเมืองพะเยา".into(),
        held_by: organiser.into(),
        attendance: "120".into(),
        minutes: "ที่ประชุมเสนอความต้องการ ๓ เรื่อง".into(),
        ..Default::default()
    }
}

fn adopt_of(project_id: i64) -> AdoptInput {
    AdoptInput {
        project_id,
        decided_on: "2026-11-20".into(),
        ..Default::default()
    }
}

story!(needs_from_other_forums_go_up_with_their_lineage, Phayao);
async fn needs_from_other_forums_go_up_with_their_lineage(_backend: &str, db: Db) {
    let (district_officer, lao_officer, province_officer) = (
        cast::district(&db).await,
        cast::lao(&db).await,
        cast::province(&db).await,
    );
    let owner = plans::resolve_owner(&db, PlanKind::District, "5601")
        .await
        .unwrap();
    let district = plans::open(&db, &district_officer, PlanKind::District, &owner, 2570)
        .await
        .unwrap();

    // above the tambon, no forum, no need
    let e = oneplan::adoption::add_to_plan(
        &db,
        &district_officer,
        district.id,
        district.version,
        &need("ถนนเลี่ยงเมือง"),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&e, AppError::Invalid(p) if matches!(p[..], [Problem::RaiseOnlyFromForum { .. }])),
        "{e:?}"
    );

    // the district's forum, and a need it raised
    let f = forums::add(
        &db,
        &district_officer,
        district.id,
        district.version,
        &forum("ที่ทำการปกครองอำเภอเมืองพะเยา"),
    )
    .await
    .unwrap();
    assert_eq!(
        (f.held_by.as_str(), f.attendance),
        ("ที่ทำการปกครองอำเภอเมืองพะเยา", 120)
    );
    assert_eq!(f.agency, district_officer.agency);
    let road = oneplan::adoption::add_to_plan(
        &db,
        &district_officer,
        district.id,
        version(&db, district.id).await,
        &need("ถนนเลี่ยงเมือง"),
    )
    .await
    .unwrap();
    assert_eq!(road.forum_id, Some(f.id));

    // the LAO's forum raises a need in its local plan; the district plan can adopt it
    let lao = cast::mae_sai_lao(&db).await;
    let owner = plans::resolve_owner(&db, PlanKind::Local, &lao.id.to_string())
        .await
        .unwrap();
    let local = plans::open(&db, &lao_officer, PlanKind::Local, &owner, 2570)
        .await
        .unwrap();
    let lf = forums::add(
        &db,
        &lao_officer,
        local.id,
        local.version,
        &ForumInput {
            chaired_by: "นายก อบต.แม่ใส".into(),
            place: "อบต.แม่ใส".into(),
            ..forum("อบต.แม่ใส")
        },
    )
    .await
    .unwrap();
    let water = oneplan::adoption::add_to_plan(
        &db,
        &lao_officer,
        local.id,
        version(&db, local.id).await,
        &need("ประปาหมู่บ้านแบบผิวดิน"),
    )
    .await
    .unwrap();
    let district = plans::get(&db, district.id).await.unwrap().unwrap();
    let candidates = adopt::candidates(&db, &district).await.unwrap();
    assert!(
        candidates
            .iter()
            .any(|c| c.project_id == water.id && c.source_kind == PlanKind::Local),
        "{candidates:?}"
    );
    adopt::adopt(
        &db,
        &district_officer,
        district.id,
        district.version,
        &adopt_of(water.id),
    )
    .await
    .unwrap();

    // the province plan adopts both from the district plan; each goes back to its forum
    let owner = plans::resolve_owner(&db, PlanKind::Province, "56")
        .await
        .unwrap();
    let province = plans::open(&db, &province_officer, PlanKind::Province, &owner, 2570)
        .await
        .unwrap();
    let ids: Vec<i64> = adopt::candidates(&db, &province)
        .await
        .unwrap()
        .iter()
        .map(|c| c.project_id)
        .collect();
    assert!(ids.contains(&road.id) && ids.contains(&water.id), "{ids:?}");
    for id in [road.id, water.id] {
        adopt::adopt(
            &db,
            &province_officer,
            province.id,
            version(&db, province.id).await,
            &adopt_of(id),
        )
        .await
        .unwrap();
    }
    let l = lineage::of(&db, water.id).await.unwrap().unwrap();
    let kinds: Vec<&str> = l.steps.iter().map(|s| s.plan_kind.as_str()).collect();
    assert_eq!(kinds, ["local", "district", "province"]);
    assert_eq!(l.forum.as_ref().map(|f| f.id), Some(lf.id));
    assert_eq!(
        lineage::of(&db, road.id)
            .await
            .unwrap()
            .unwrap()
            .forum
            .map(|f| f.chaired_by),
        Some("นายอำเภอเมืองพะเยา".into())
    );

    // the LAO's own ผ.02 projects (no forum) are not offered to the district
    let own = oneplan::own::input::OwnInput {
        title: "ก่อสร้างอาคารสำนักงาน".into(),
        budgets: [("2570".to_string(), "1,000,000".to_string())]
            .into_iter()
            .collect(),
        ..Default::default()
    };
    oneplan::own::write::add(
        &db,
        &lao_officer,
        local.id,
        version(&db, local.id).await,
        &own,
    )
    .await
    .unwrap();
    let district = plans::get(&db, district.id).await.unwrap().unwrap();
    assert!(
        adopt::candidates(&db, &district)
            .await
            .unwrap()
            .iter()
            .all(|c| c.title != "ก่อสร้างอาคารสำนักงาน")
    );

    // a draft budget records no forum
    let owner = plans::resolve_owner(&db, PlanKind::Budget, &lao.id.to_string())
        .await
        .unwrap();
    let budget = plans::open(&db, &lao_officer, PlanKind::Budget, &owner, 2570)
        .await
        .unwrap();
    let e = forums::add(
        &db,
        &lao_officer,
        budget.id,
        budget.version,
        &forum("อบต.แม่ใส"),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(&e, AppError::Invalid(p) if matches!(p[..], [Problem::ForumNotInBudget])),
        "{e:?}"
    );
}
