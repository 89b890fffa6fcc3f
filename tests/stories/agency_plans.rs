//! Another agency's project list comes in (issue 15): the provincial public works office's list
//! for Phayao, typed as agencies type — ตำบล and หมู่ที่ in Thai digits, the agency on every
//! row — becomes one list per agency and year; its road in หมู่ที่ 1 is found as the village's
//! road typed another way, its road in หมู่ที่ 2 is not. A file with mistakes is refused whole
//! with each row's mistake, the same list is not imported twice, and an officer of another
//! province may not import for Phayao.

use crate::common;
use crate::duplicates::raise;
use common::cast;
use oneplan::accounts::{Agency, Role, ScopeLevel};
use oneplan::agency_plans::{self, import};
use oneplan::db::Db;
use oneplan::duplicates;
use oneplan::error::AppError;
use oneplan::plans::{self, PlanKind};

const WORKS: &str = "สำนักงานโยธาธิการและผังเมืองจังหวัดพะเยา";
const FARMING: &str = "สำนักงานเกษตรอำเภอเมืองพะเยา";

fn list() -> String {
    [
        "ลำดับ,ชื่อโครงการ,หมู่ที่,ตำบล,อำเภอ,ปีงบประมาณ,งบประมาณ (บาท),หน่วยงานรับผิดชอบ".to_string(),
        format!("๑,โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๑ บ้านร่องไฮ กว้าง ๔ เมตร ยาว ๑๒๐๐ เมตร,๑,ต.แม่ใส,เมืองพะเยา,๒๕๖๙,\"๔๘๐,๐๐๐\",{WORKS}"),
        format!("2,ก่อสร้างถนน คสล. ม.2 บ้านหัวบัว กว้าง 4 ม. ยาว 1200 ม.,2,แม่ใส,,2569,480000,{WORKS}"),
        format!("3,ส่งเสริมการปลูกผักปลอดสารพิษ,,แม่ใส,,2569,-,{FARMING}"),
        format!("4,ขุดลอกหนองน้ำสาธารณะ,,เวียง,อำเภอเมืองพะเยา,2569,\"120,000\",{FARMING}"),
    ]
    .join("\n")
}

story!(an_agencys_list_comes_in_and_its_overlap_is_found, Phayao);
async fn an_agencys_list_comes_in_and_its_overlap_is_found(backend: &str, db: Db) {
    let ronghai = cast::village(&db).await;
    let (village_plan, road) = raise(
        &db,
        &ronghai,
        "56011401",
        "ก่อสร้างถนน คสล. ม.1 บ้านร่องไฮ กว้าง 4 ม. ยาว 1,200 ม.",
    )
    .await;
    let works = cast::account_of(
        &db,
        "works.phayao",
        Role::Officer,
        ScopeLevel::Province,
        "56",
        Agency::LineAgency,
    )
    .await;
    let input = import::ImportInput {
        area_code: "๕๖".into(),
        ..Default::default()
    };

    // mistakes in three rows: nothing goes in, each is named with its row and field
    let bad = [
        "ชื่อโครงการ,หมู่ที่,ตำบล,ปีงบประมาณ,งบประมาณ,หน่วยงาน".to_string(),
        format!("ถนนลูกรัง,1,แม่ใส,2569,100000,{WORKS}"),
        format!("ถนนลูกรัง,40,แม่ใส,2569,100000,{WORKS}"),
        format!("ฝายชะลอน้ำ,,เวียง,2469,สองแสน,{WORKS}"),
        format!("ศาลาอเนกประสงค์,,ไม่มีตำบลนี้,2569,50000,"),
    ]
    .join("\n");
    let before = agency_plans::of_area(&db, "56").await.unwrap().len();
    let e = import::import(&db, &works, &input, bad.as_bytes())
        .await
        .unwrap_err();
    let AppError::Invalid(problems) = &e else {
        panic!("{backend}: {e:?}")
    };
    let said: Vec<String> = problems
        .iter()
        .map(|p| p.message(oneplan::i18n::Lang::Th))
        .collect();
    let expect = [
        "แถวที่ 3 ไม่พบหมู่ที่ 40 ในตำบลแม่ใส",
        "แถวที่ 4 มีตำบล “เวียง” มากกว่าหนึ่งแห่ง (อำเภอเมืองพะเยา, ",
        "แถวที่ 4 ปีงบประมาณ:",
        "แถวที่ 4 งบประมาณ:",
        "แถวที่ 5 ไม่พบตำบล “ไม่มีตำบลนี้” ในจังหวัดพะเยา",
        "แถวที่ 5 หน่วยงาน: ไม่ได้กรอก",
    ];
    for x in expect {
        assert!(
            said.iter().any(|s| s.starts_with(x)),
            "{backend}: {x} in {said:#?}"
        );
    }
    assert_eq!(said.len(), expect.len(), "{backend}: {said:#?}");
    assert_eq!(
        agency_plans::of_area(&db, "56").await.unwrap().len(),
        before
    );

    // the list as typed: one list per agency, its projects in their villages and tambons
    let done = import::import(&db, &works, &input, list().as_bytes())
        .await
        .unwrap();
    assert_eq!((done.plans.len(), done.projects), (2, 4), "{backend}");
    let lists = agency_plans::of_area(&db, "560114").await.unwrap();
    let shown: Vec<(&str, i64, i64, i64)> = lists
        .iter()
        .map(|l| {
            (
                l.agency_name.as_str(),
                l.fiscal_year,
                l.projects,
                l.budget_satang,
            )
        })
        .collect();
    assert_eq!(
        shown,
        [(FARMING, 2569, 2, 12_000_000), (WORKS, 2569, 2, 96_000_000)],
        "{backend}"
    );
    let works_plan = plans::get(&db, lists[1].plan_id).await.unwrap().unwrap();
    assert_eq!(works_plan.kind, PlanKind::Agency);
    assert_eq!(works_plan.agency, Agency::LineAgency);
    assert_eq!(works_plan.agency_name, WORKS);
    assert!(works_plan.title.starts_with(WORKS), "{}", works_plan.title);
    let places: Vec<String> = oneplan::db::query_scalar(
        "SELECT p.area_code FROM plan_items i JOIN projects p ON p.id = i.project_id \
         WHERE i.plan_id IN ($1, $2) ORDER BY p.id",
    )
    .bind(lists[1].plan_id)
    .bind(lists[0].plan_id)
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(
        places,
        ["560114", "560101", "56011401", "56011402"],
        "{backend}"
    );

    // the review finds the agency's road of หมู่ที่ 1 as the village's, not its road of หมู่ที่ 2
    let found = duplicates::find::in_area(&db, "560114", 2569)
        .await
        .unwrap();
    let with_road: Vec<_> = found
        .iter()
        .filter(|f| f.a == road || f.b == road)
        .collect();
    assert_eq!(with_road.len(), 1, "{backend}: {found:#?}");
    let f = with_road[0];
    let (village_side, agency_side) = if f.a == road {
        (&f.a_plans, &f.b_plans)
    } else {
        (&f.b_plans, &f.a_plans)
    };
    assert!(agency_side[0].starts_with(WORKS), "{backend}: {f:#?}");
    let village_title = plans::get(&db, village_plan).await.unwrap().unwrap().title;
    assert_eq!(village_side, &vec![village_title], "{backend}");

    // the same list again is refused whole; an officer of Chiang Rai may not import for Phayao
    let again = import::import(&db, &works, &input, list().as_bytes())
        .await
        .unwrap_err();
    assert_eq!(again.code(), "agency_list_exists", "{backend}");
    let said = again.message(oneplan::i18n::Lang::Th);
    assert!(
        said.contains(WORKS) && said.contains(FARMING),
        "{backend}: {said}"
    );
    let outsider = cast::outsider(&db).await;
    let e = import::import(&db, &outsider, &input, list().as_bytes())
        .await
        .unwrap_err();
    assert_eq!(e.code(), "outside_area", "{backend}");
    // an agency's list is never opened empty like the chain's plans
    let e = plans::resolve_owner(&db, PlanKind::Agency, "56")
        .await
        .unwrap_err();
    assert_eq!(e.code(), "agency_plan_is_imported");
    // nor submitted, nor given forums: it is what its file gave
    let e = plans::workflow::step(
        &db,
        &works,
        works_plan.id,
        works_plan.version,
        plans::workflow::Step::Submit,
        "",
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "agency_list_as_imported");
    // nor edited: its items stay as the file gave them
    let item = oneplan::adoption::items(&db, works_plan.id).await.unwrap()[0].project_id;
    let e = oneplan::adoption::remove(&db, &works, works_plan.id, works_plan.version, item)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "agency_list_as_imported", "{backend}");
    assert_eq!(
        oneplan::adoption::items(&db, works_plan.id)
            .await
            .unwrap()
            .len(),
        lists[1].projects as usize,
        "{backend}"
    );
    // and a tambon's list needs no tambon column
    let one_tambon = import::ImportInput {
        area_code: "560114".into(),
        agency_name: FARMING.into(),
        fiscal_year: "๒๕๗๐".into(),
    };
    let done = import::import(
        &db,
        &works,
        &one_tambon,
        "โครงการ,หมู่บ้าน,งบประมาณ\nอบรมการทำปุ๋ยหมัก,บ้านหัวบัว,15000\n".as_bytes(),
    )
    .await
    .unwrap();
    assert_eq!(
        (done.plans[0].fiscal_year, done.projects),
        (2570, 1),
        "{backend}"
    );
}
