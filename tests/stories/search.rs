//! Thai search (issue 15): officials find projects, plans and forums by the words they type —
//! abbreviated or spelled out, Thai or Arabic digits, part of a word — within an area and by
//! the filters of the page; a new title shows the projects like it nearby; the index every
//! write keeps is what a rebuild would make; and SQLite and PostgreSQL answer one search with
//! the same results in the same order, on a generated province.

use crate::common;
use common::cast;
use oneplan::accounts::{Role, ScopeLevel, User};
use oneplan::adoption as adopt;
use oneplan::db::Db;
use oneplan::error::Problem;
use oneplan::forums::{self, ForumInput};
use oneplan::plans::{self, PlanKind};
use oneplan::projects::{self, input::ProjectInput};
use oneplan::search::{self, Results, Search, Typed, similar};
use oneplan::text_index::{self, Kind};

fn project(title: &str, dimension: &str, need: &str) -> ProjectInput {
    ProjectInput {
        title: title.into(),
        dimension: dimension.into(),
        need: need.into(),
        budget: "250,000".into(),
        executor: "องค์กรปกครองส่วนท้องถิ่น".into(),
        ..Default::default()
    }
}

async fn village_plan(db: &Db, user: &User, code: &str, year: i64) -> plans::Plan {
    let owner = plans::resolve_owner(db, PlanKind::Village, code)
        .await
        .unwrap();
    plans::open(db, user, PlanKind::Village, &owner, year)
        .await
        .unwrap()
}

async fn add(db: &Db, user: &User, plan: i64, p: ProjectInput) -> i64 {
    let version = plans::get(db, plan).await.unwrap().unwrap().version;
    adopt::raise::add_to_plan(db, user, plan, version, &p)
        .await
        .unwrap()
        .id
}

async fn find(db: &Db, s: Search) -> Results {
    search::find(db, &s).await.unwrap()
}

fn text(q: &str) -> Search {
    Search {
        text: q.into(),
        ..Search::default()
    }
}

/// The (kind, id) of the hits, in order.
fn ids(r: &Results) -> Vec<(Kind, i64)> {
    r.hits.iter().map(|h| (h.kind, h.id)).collect()
}

/// Every kind's entries are what the tables give: no write left the index behind.
async fn index_is_current(backend: &str, db: &Db) {
    for kind in Kind::ALL {
        let stored = text_index::stored(db, kind).await.unwrap();
        let expected = text_index::expected(db, kind).await.unwrap();
        assert_eq!(stored, expected, "{backend}: the {kind} entries");
    }
}

story!(officials_find_projects_by_the_words_they_type, Phayao);
async fn officials_find_projects_by_the_words_they_type(backend: &str, db: Db) {
    let ronghai = cast::village(&db).await;
    let second = cast::account(
        &db,
        "maesai2",
        Role::Officer,
        ScopeLevel::Village,
        "56011402",
    )
    .await;
    let p1 = village_plan(&db, &ronghai, "56011401", 2569).await;
    let version = plans::get(&db, p1.id).await.unwrap().unwrap().version;
    let forum = forums::add(
        &db,
        &ronghai,
        p1.id,
        version,
        &ForumInput {
            held_on: "๑๕ มีนาคม ๒๕๖๙".into(),
            place: "ศาลาเอนกประสงค์บ้านร่องไฮ".into(),
            chaired_by: "นายสมบัติ ใจดี ผู้ใหญ่บ้าน".into(),
            attendance: "86".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let road1 = add(
        &db,
        &ronghai,
        p1.id,
        project(
            "ก่อสร้างถนน คสล. ม.1 บ้านร่องไฮ กว้าง 4 ม. ยาว 1,200 ม.",
            "ด้านเศรษฐกิจ",
            "ถนนลูกรังเป็นหลุมบ่อ",
        ),
    )
    .await;
    let water = add(
        &db,
        &ronghai,
        p1.id,
        project(
            "โครงการขยายเขตประปาหมู่บ้าน หมู่ที่ 1",
            "ด้านสังคมและคุณภาพชีวิต",
            "น้ำไม่พอใช้ในฤดูแล้ง",
        ),
    )
    .await;
    let training = add(
        &db,
        &ronghai,
        p1.id,
        project(
            "ฝึกอบรมอาชีพการทำขนมไทย",
            "ด้านเศรษฐกิจ",
            "ครัวเรือนขาดรายได้เสริมหลังฤดูเก็บเกี่ยว",
        ),
    )
    .await;
    let p2 = village_plan(&db, &second, "56011402", 2570).await;
    let road2 = add(
        &db,
        &second,
        p2.id,
        project("ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๒ บ้านแม่ใส", "ด้านเศรษฐกิจ", ""),
    )
    .await;

    // "ประปา" finds the water supply (before this issue it found no project), and part of it does too
    for q in ["ประปา", "ประป", "ขยายเขตประปา"] {
        assert_eq!(
            ids(&find(&db, text(q)).await),
            [(Kind::Project, water)],
            "{backend}: {q}"
        );
    }
    // abbreviated or spelled out, Thai digits or Arabic: the same words
    let roads = find(&db, text("ถนน คสล.")).await;
    assert_eq!(roads.phrases, ["ถนน", "คอนกรีตเสริมเหล็ก"], "{backend}");
    let mut found = ids(&roads);
    found.sort();
    assert_eq!(
        found,
        [(Kind::Project, road1), (Kind::Project, road2)],
        "{backend}"
    );
    assert_eq!(
        ids(&find(&db, text("ถนนคอนกรีตเสริมเหล็ก ม.๒")).await),
        [(Kind::Project, road2)],
        "{backend}: หมู่ที่ 2 only"
    );
    assert_eq!(
        ids(&find(&db, text("ถนน หมู่ที่ 1")).await),
        [(Kind::Project, road1)],
        "{backend}: หมู่ที่ 1 is not found in หมู่ที่ 12 or in another village"
    );
    assert_eq!(
        ids(&find(&db, text("ยาว ๑๒๐๐ เมตร")).await),
        [(Kind::Project, road1)],
        "{backend}: 1,200 ม. is 1200 เมตร"
    );
    // a word of the need finds the project, below those that have it in their title
    let income = find(&db, text("รายได้")).await;
    assert_eq!(ids(&income), [(Kind::Project, training)], "{backend}");
    assert!(
        income.hits[0].score < find(&db, text("ขนมไทย")).await.hits[0].score,
        "{backend}"
    );
    // tone marks are kept: ป่า is not ปา
    assert!(find(&db, text("ป่า")).await.hits.is_empty(), "{backend}");

    // filters: area, year, dimension, kind, plan level, agency
    let within = |area: &str| Search {
        text: "ถนน".into(),
        area: Some(area.into()),
        ..Search::default()
    };
    assert_eq!(
        ids(&find(&db, within("56011402")).await),
        [(Kind::Project, road2)]
    );
    assert_eq!(find(&db, within("560114")).await.total, 2);
    assert_eq!(find(&db, within("5602")).await.total, 0);
    let in_year = |year| Search {
        text: "ถนน".into(),
        year: Some(year),
        ..Search::default()
    };
    assert_eq!(
        ids(&find(&db, in_year(2569)).await),
        [(Kind::Project, road1)]
    );
    assert_eq!(
        ids(&find(&db, in_year(2570)).await),
        [(Kind::Project, road2)]
    );
    let infrastructure = Search {
        text: "หมู่ที่ 1".into(),
        dimension: Some(oneplan::dimensions::Dimension::Society),
        ..Search::default()
    };
    assert_eq!(
        ids(&find(&db, infrastructure).await),
        [(Kind::Project, water)]
    );
    let tambon_level = Search {
        text: "ถนน".into(),
        level: Some(PlanKind::Tambon),
        ..Search::default()
    };
    assert_eq!(find(&db, tambon_level).await.total, 0, "{backend}");
    let village_level = Search {
        text: "ถนน".into(),
        level: Some(PlanKind::Village),
        agency: Some(ronghai.agency),
        ..Search::default()
    };
    assert_eq!(find(&db, village_level).await.total, 2, "{backend}");
    // a forum by its place, a plan by its title
    let at_hall = find(&db, text("ศาลาเอนกประสงค์")).await;
    assert_eq!(ids(&at_hall), [(Kind::Forum, forum.id)], "{backend}");
    assert_eq!(at_hall.hits[0].plan_id, Some(p1.id));
    let plan_title = plans::get(&db, p1.id).await.unwrap().unwrap().title;
    let plans_found = find(
        &db,
        Search {
            text: plan_title.clone(),
            kind: Some(Kind::Plan),
            ..Search::default()
        },
    )
    .await;
    assert_eq!(
        ids(&plans_found).first(),
        Some(&(Kind::Plan, p1.id)),
        "{backend}: {plan_title}"
    );
    // an area by its name comes with the records
    assert!(
        find(&db, text("แม่ใส"))
            .await
            .places
            .areas
            .iter()
            .any(|a| a.code == "560114")
    );

    // too short to search by, and a filter that names nothing
    assert!(find(&db, text("ก")).await.too_short);
    let wrong = Typed {
        q: "ถนน".into(),
        dimension: "roads".into(),
        year: "สองพัน".into(),
        ..Typed::default()
    }
    .read()
    .unwrap_err();
    assert!(
        matches!(&wrong[0], Problem::Unknown { typed, .. } if typed == "roads"),
        "{wrong:?}"
    );
    assert!(matches!(&wrong[1], Problem::NotValid { typed, .. } if typed == "สองพัน"));

    // similar while typing: the same road typed another way is the same work; the road of
    // หมู่ที่ 2 is alike but kept apart by its village
    let typed = "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๑ บ้านร่องไฮ กว้าง ๔ เมตร ยาว ๑๒๐๐ เมตร";
    let alike = similar::for_plan(&db, p2.id, typed, None).await.unwrap();
    assert_eq!(alike[0].project_id, road1, "{backend}: {alike:?}");
    assert!(alike[0].same_work && alike[0].years == [2569]);
    let other = alike.iter().find(|s| s.project_id == road2).unwrap();
    assert!(!other.same_work);
    assert!(
        other.apart.as_deref().unwrap().starts_with("คนละหมู่บ้าน"),
        "{other:?}"
    );
    // the project being edited is left out; far years are not searched
    assert!(
        similar::for_plan(&db, p1.id, typed, Some(road1))
            .await
            .unwrap()
            .iter()
            .all(|s| s.project_id != road1)
    );
    assert!(
        similar::find(&db, typed, "560114", 2580, None)
            .await
            .unwrap()
            .is_empty()
    );

    // an edited title is found by its new words, not its old ones
    let p = projects::get(&db, water).await.unwrap().unwrap();
    let edited = project(
        "ก่อสร้างระบบประปาหมู่บ้านแบบผิวดิน",
        "ด้านสังคมและคุณภาพชีวิต",
        "น้ำไม่พอใช้ในฤดูแล้ง",
    );
    projects::update(&db, &ronghai, water, p.version, &edited)
        .await
        .unwrap();
    assert_eq!(
        ids(&find(&db, text("ผิวดิน")).await),
        [(Kind::Project, water)]
    );
    assert!(
        find(&db, text("ขยายเขต")).await.hits.is_empty(),
        "{backend}"
    );
    index_is_current(backend, &db).await;

    // a rebuild makes the same index; a stale one is seen
    assert!(!text_index::is_stale(&db).await.unwrap());
    oneplan::db::query("DELETE FROM search_entries WHERE ref_id = $1 AND kind = 'project'")
        .bind(training)
        .execute(&db)
        .await
        .unwrap();
    assert!(text_index::is_stale(&db).await.unwrap());
    let n = text_index::rebuild(&db, |_, _| {}).await.unwrap();
    assert!(n >= 7, "{n}");
    index_is_current(backend, &db).await;
    assert_eq!(
        ids(&find(&db, text("ขนมไทย")).await),
        [(Kind::Project, training)]
    );
}

/// The queries of the comparison: for every 500th project of the province, its whole title, its
/// first word, a part of a word, and the first word within the project's district, fiscal
/// year and dimension; and the common words of village plans.
async fn queries(db: &Db) -> Vec<Search> {
    let rows: Vec<(String, String, String)> = oneplan::db::query_as(
        "SELECT title, area_code, dimension FROM projects WHERE id % 500 = 0 ORDER BY id",
    )
    .fetch_all(db)
    .await
    .unwrap();
    assert!(rows.len() > 40, "{} projects sampled", rows.len());
    let mut out = Vec::new();
    for (title, area, dimension) in rows {
        let first: String = title.split(' ').next().unwrap().to_string();
        let part: String = first.chars().skip(2).take(4).collect();
        out.push(text(&title));
        out.push(text(&first));
        out.push(text(&part));
        out.push(Search {
            text: first.clone(),
            area: Some(area[..4].to_string()),
            year: Some(2569),
            dimension: oneplan::dimensions::Dimension::from_stored(&dimension),
            ..Search::default()
        });
    }
    for q in [
        "ถนน",
        "ประปา",
        "ฝาย",
        "อบรม",
        "ขุดลอก",
        "หมู่ที่ 3",
        "ถนน คสล.",
        "ไฟฟ้า",
        "ระบาย",
    ] {
        out.push(text(q));
        out.push(Search {
            text: q.into(),
            level: Some(PlanKind::Tambon),
            ..Search::default()
        });
        out.push(Search {
            text: q.into(),
            area: Some("5601".into()),
            page: 2,
            ..Search::default()
        });
    }
    out
}

/// A generated province (Phayao, 2569: about 27,000 projects) loaded into both databases: the
/// index `dataset load` made is what the writes would have made, and every query gives the
/// same results, scores and order on SQLite and on PostgreSQL.
#[tokio::test]
async fn both_databases_give_the_same_results() {
    let Some(pg) = common::db::postgres(common::Data::Phayao).await else {
        return;
    };
    let lite = common::db::sqlite(common::Data::Phayao).await;
    let started = std::time::Instant::now();
    let (dir, _) = crate::dataset::phayao_files().await;
    println!("generated in {:?}", started.elapsed());
    for (backend, db) in [("sqlite", &lite), ("postgres", &pg)] {
        let loaded = oneplan::dataset::load::load(db, dir).await.unwrap();
        println!(
            "{backend}: loaded in {:.1} s, indexed in {:.1} s",
            loaded.seconds, loaded.index_seconds
        );
        assert!(loaded.indexed > 20_000, "{backend}: {}", loaded.indexed);
        index_is_current(backend, db).await;
    }
    let started = std::time::Instant::now();
    let qs = queries(&lite).await;
    let (mut hits, mut capped) = (0, 0);
    for q in &qs {
        let a = search::find(&lite, q).await.unwrap();
        let b = search::find(&pg, q).await.unwrap();
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            serde_json::to_value(&b).unwrap(),
            "{q:?}"
        );
        // PostgreSQL asked window by window from the newest 1,000 entries answers the same
        let c = search::find_from(&pg, q, 1_000).await.unwrap();
        assert_eq!(
            serde_json::to_value(&a).unwrap(),
            serde_json::to_value(&c).unwrap(),
            "{q:?}"
        );
        hits += a.hits.len();
        capped += usize::from(a.capped);
    }
    println!(
        "{} queries, {hits} hits shown, {capped} capped, in {:?}",
        qs.len(),
        started.elapsed()
    );
    assert!(hits > qs.len() * 5, "{hits} hits for {} queries", qs.len());
}
