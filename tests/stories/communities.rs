//! Communities (issue 11): ทม.พะเยา covers tambons เวียง and แม่ต๋ำ, where DOPA lists no village,
//! so it could never meet criterion 2 (villages > 0, all reviewed). It registers its communities —
//! through the API, the page and a spreadsheet — and once each community's plan of the year is
//! reviewed in a forum with the three core dimensions, item 1 counts them and criterion 2 is met.
//! Bad input writes nothing; renaming keeps the code; a merged community is no longer counted;
//! another LAO is refused, and the refusal is audited.

use crate::common::{Client, cast, csrf_of};
use axum::http::StatusCode;
use oneplan::accounts::{Role, ScopeLevel, User};
use oneplan::areas;
use oneplan::communities::{self, Status};
use oneplan::db::{self, Db};
use oneplan::forums::{self, ForumInput};
use oneplan::kpi::monthly;
use oneplan::plans::{self, PlanKind};
use oneplan::projects::input::ProjectInput;

const YEAR: i64 = 2569;
const PASSWORD: &str = cast::PASSWORD;

async fn count(db: &Db, sql: &str) -> i64 {
    db::query_scalar::<i64>(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(db)
        .await
        .unwrap()
}

async fn phayao_town(db: &Db) -> areas::Lao {
    let id = areas::covering(db, "560101")
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.full_name_th == "ทม.พะเยา")
        .unwrap()
        .lao_id;
    areas::lao(db, id).await.unwrap().unwrap()
}

/// The community's plan of YEAR reviewed in a forum, with a project in each core dimension.
async fn reviewed_plan(db: &Db, officer: &User, code: &str) {
    let owner = plans::resolve_owner(db, PlanKind::Village, code)
        .await
        .unwrap();
    let plan = plans::open(db, officer, PlanKind::Village, &owner, YEAR)
        .await
        .unwrap();
    let forum = ForumInput {
        held_on: "12/01/2569".into(),
        chaired_by: "ประธานชุมชน".into(),
        attendance: "35".into(),
        used_basic_needs: "on".into(),
        ..Default::default()
    };
    forums::add(db, officer, plan.id, plan.version, &forum)
        .await
        .unwrap();
    for dim in ["economy", "society", "environment"] {
        let version = plans::get(db, plan.id).await.unwrap().unwrap().version;
        let input = ProjectInput {
            title: format!("โครงการด้าน {dim}"),
            dimension: dim.into(),
            budget: "10,000".into(),
            executor: "ชุมชนดำเนินการเอง".into(),
            ..Default::default()
        };
        oneplan::adoption::add_to_plan(db, officer, plan.id, version, &input)
            .await
            .unwrap();
    }
}

story!(a_municipality_of_communities_meets_criterion_2, Phayao);
async fn a_municipality_of_communities_meets_criterion_2(_backend: &str, db: Db) {
    let lao = phayao_town(&db).await;
    let officer = cast::account(
        &db,
        "lao.phayao",
        Role::Officer,
        ScopeLevel::Lao,
        &lao.lao_key,
    )
    .await;
    let before = monthly::compute(&db, lao.id, YEAR).await.unwrap();
    assert_eq!(
        (before.villages, before.criteria[1]),
        (0, false),
        "no DOPA village"
    );

    // through the API: one community, then a mistake of each kind, none written
    let mut api = Client::new(&db);
    let csrf = api.api_sign_in("lao.phayao", PASSWORD).await;
    let url = format!("/api/laos/{}/communities", lao.id);
    let add = |number: &str, name: &str, tambon: &str| serde_json::json!({"number": number, "name": name, "tambon": tambon});
    let r = api
        .json("POST", &url, add("๑", "ชุมชนบ้านร่องไฮ", "560101"), &csrf)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let first = r.json()["code"].as_str().unwrap().to_string();
    assert_eq!(first, "560101C001", "the tambon's code, C and a number");
    let written = count(&db, "SELECT COUNT(*) FROM communities").await;
    for (body, code, field) in [
        (
            add("1", "ชุมชนอื่น", "560101"),
            "community_number_used",
            "number",
        ),
        (
            add("2", "ชุมชนบ้านร่องไฮ", "560101"),
            "community_name_used",
            "name",
        ),
        (
            add("2", "ชุมชนบ้านตุ่น", "560103"),
            "community_tambon_not_covered",
            "tambon",
        ),
        (add("0", "ชุมชนศูนย์", "560101"), "starts_at_one", "number"),
    ] {
        let r = api.json("POST", &url, body, &csrf).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
        let j = &r.json()["error"];
        assert_eq!(j["code"], code, "{}", r.body);
        assert_eq!(j["field"], field, "{}", r.body);
        assert!(
            j["message"]
                .as_str()
                .unwrap()
                .chars()
                .any(|c| ('\u{0e01}'..='\u{0e5b}').contains(&c)),
            "Thai: {}",
            r.body
        );
    }
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM communities").await,
        written,
        "nothing written"
    );

    // through the page: the second, in the other tambon
    let mut page = Client::new(&db);
    page.sign_in("lao.phayao", PASSWORD).await;
    let html = page
        .get(&format!("/laos/{}/communities", lao.id))
        .await
        .body;
    assert!(
        html.contains("ชุมชนบ้านร่องไฮ") && html.contains("560101C001"),
        "{html}"
    );
    let r = page
        .form(
            &format!("/laos/{}/communities", lao.id),
            &[
                ("csrf", &csrf_of(&html)),
                ("number", "2"),
                ("name", "ประตูเหล็ก"),
                ("tambon", "560102"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // a refused form keeps what was typed and says why in Thai
    let r = page
        .form(
            &format!("/laos/{}/communities", lao.id),
            &[
                ("csrf", &csrf_of(&html)),
                ("number", "2"),
                ("name", "ชุมชนซ้ำเลข"),
                ("tambon", "560102"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.body.contains("เลขที่ชุมชน 2 ใช้แล้วกับชุมชนประตูเหล็ก") && r.body.contains("value=\"ชุมชนซ้ำเลข\""),
        "{}",
        r.body
    );

    // a spreadsheet: one bad row refuses the whole file; fixed, two new rows go in, one is skipped
    let bad = "เลขที่ชุมชน,ชื่อชุมชน,รหัสตำบล\n1,ชุมชนบ้านร่องไฮ,560101\n3,ชุมชนสันต้นม่วง,560101\n4,ชุมชนนอกเขต,560103\n";
    let e = communities::import::import(&db, &officer, lao.id, bad.as_bytes())
        .await
        .unwrap_err();
    let shown = format!("{e:?}");
    assert!(
        shown.contains("InRow { row: 4") && shown.contains("CommunityTambonNotCovered"),
        "{shown}"
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM communities").await,
        2,
        "nothing written"
    );
    let good = bad.replace("4,ชุมชนนอกเขต,560103", "4,ชุมชนแม่ต๋ำเหนือ,ตำบลแม่ต๋ำ");
    let done = communities::import::import(&db, &officer, lao.id, good.as_bytes())
        .await
        .unwrap();
    assert_eq!((done.added, done.unchanged), (2, 1));

    // item 1 counts the four communities, and ticks "ชุมชน"; criterion 2 waits for their forums
    let m = monthly::compute(&db, lao.id, YEAR).await.unwrap();
    assert_eq!(
        (
            m.villages,
            m.communities,
            m.villages_reviewed,
            m.criteria[1]
        ),
        (4, 4, 0, false)
    );
    let r = page.get(&format!("/laos/{}/communities", lao.id)).await;
    for name in [
        "ชุมชนบ้านร่องไฮ",
        "ชุมชนประตูเหล็ก",
        "ชุมชนสันต้นม่วง",
        "ชุมชนแม่ต๋ำเหนือ",
    ] {
        assert!(r.body.contains(name), "{name}");
    }
    // and the tambon's page lists them where villages are listed
    let tambon = page.get("/areas/560101").await.body;
    assert!(
        tambon.contains("ชุมชนบ้านร่องไฮ") && tambon.contains("/areas/560101C001"),
        "{tambon}"
    );

    // each community's plan reviewed in a forum with the three core dimensions, by the
    // district's CD officer (an LAO reads community plans but does not make them)
    let cd = cast::account(
        &db,
        "cd.mueang",
        Role::Officer,
        ScopeLevel::District,
        "5601",
    )
    .await;
    let codes: Vec<String> = communities::of_lao(&db, lao.id)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.code)
        .collect();
    for code in &codes {
        reviewed_plan(&db, &cd, code).await;
    }
    let m = monthly::compute(&db, lao.id, YEAR).await.unwrap();
    assert_eq!((m.villages, m.villages_reviewed), (4, 4));
    assert!(m.criteria[1], "criterion 2 met by the communities' forums");
    let head = oneplan::kpi::document::MonthlyHead::of(&db, &lao, "2026-01")
        .await
        .unwrap();
    let doc = oneplan::kpi::document::monthly(&head, &m, &|_| String::new(), None);
    assert!(
        doc.subtitle[1].starts_with("(✓) เทศบาล ( ) อบต. ทม.พะเยา อำเภอเมืองพะเยา จังหวัดพะเยา"),
        "{:?}",
        doc.subtitle
    );
    let oneplan::documents::Section::Table(table) = &doc.sections[0] else {
        panic!("the items are a table")
    };
    let item1: Vec<String> = table.rows[0]
        .iter()
        .map(|c| match c {
            oneplan::documents::Cell::Text(s) => s.clone(),
            _ => String::new(),
        })
        .collect();
    assert_eq!(
        item1,
        ["๑. จำนวน ( ) หมู่บ้าน หรือ (✓) ชุมชน ทั้งหมด", "๔ หมู่บ้าน/ชุมชน"]
    );

    // renaming keeps the code (and the plan); merging ends one, which is then not counted
    let k = communities::get(&db, "560101C001").await.unwrap().unwrap();
    let r = api
        .json(
            "POST",
            "/api/communities/560101C001/rename",
            serde_json::json!({"number": "1", "name": "ชุมชนร่องไฮพัฒนา", "version": k.version}),
            &csrf,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["code"], "560101C001");
    // the same version again: someone saved first
    let r = api
        .json(
            "POST",
            "/api/communities/560101C001/rename",
            serde_json::json!({"number": "1", "name": "ชื่ออื่น", "version": k.version}),
            &csrf,
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let third = communities::of_lao(&db, lao.id)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.number == 3)
        .unwrap();
    let r = api
        .json(
            "POST",
            &format!("/api/communities/{}/end", third.code),
            serde_json::json!({"into": "560101C001", "ended_on": "01/11/2569", "version": third.version}),
            &csrf,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let merged = communities::get(&db, &third.code).await.unwrap().unwrap();
    assert_eq!(
        (merged.status, merged.merged_into.as_deref()),
        (Status::Merged, Some("560101C001"))
    );
    let m = monthly::compute(&db, lao.id, YEAR).await.unwrap();
    assert_eq!((m.villages, m.villages_reviewed), (3, 3));
    // a merged community is kept as it was
    let r = api
        .json(
            "POST",
            &format!("/api/communities/{}/rename", third.code),
            serde_json::json!({"number": "9", "name": "ฟื้น", "version": merged.version}),
            &csrf,
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(r.json()["error"]["code"], "community_ended");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM community_history WHERE code = '560101C001'"
        )
        .await,
        2,
        "registered, renamed"
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'community'"
        )
        .await,
        6,
        "four registered, one renamed, one merged"
    );

    // another LAO's officer is refused, in Thai, and the refusal is audited
    let other = areas::covering(&db, "560114").await.unwrap().remove(0);
    let other = areas::lao(&db, other.lao_id).await.unwrap().unwrap();
    cast::account(
        &db,
        "lao.other",
        Role::Officer,
        ScopeLevel::Lao,
        &other.lao_key,
    )
    .await;
    let mut intruder = Client::new(&db);
    let csrf = intruder.api_sign_in("lao.other", PASSWORD).await;
    let r = intruder
        .json("POST", &url, add("7", "ชุมชนแปลกปลอม", "560101"), &csrf)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(
        r.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("ทะเบียนชุมชนของทม.พะเยา")
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_log WHERE entity = 'community' AND action = 'denied'"
        )
        .await,
        2,
        "filed under the intruder's place and ทม.พะเยา's"
    );
    assert_eq!(communities::of_lao(&db, lao.id).await.unwrap().len(), 4);
}

story!(
    an_lao_officer_registers_a_community_in_the_browser,
    Phayao,
    flavor = "multi_thread",
    worker_threads = 2
);
async fn an_lao_officer_registers_a_community_in_the_browser(_backend: &str, db: Db) {
    use crate::browser::{browser, click_link, fill, server, sign_in, submit, text};
    let lao = phayao_town(&db).await;
    cast::account(
        &db,
        "lao.phayao",
        Role::Officer,
        ScopeLevel::Lao,
        &lao.lao_key,
    )
    .await;
    let base = server(&db).await;
    let (_driver, c) = browser().await;
    sign_in(&c, &base, "lao.phayao").await;
    c.goto(&format!("{base}/laos/{}", lao.id)).await.unwrap();
    click_link(&c, "ทะเบียนชุมชน").await;
    assert!(text(&c, "#no-communities").await.contains("ยังไม่มีชุมชน"));
    fill(&c, "#community-number", "๑").await;
    fill(&c, "#community-name", "บ้านร่องไฮ").await;
    submit(&c, "#community-save").await;
    assert!(text(&c, "p.notice").await.contains("เพิ่มชุมชนแล้ว"));
    let list = text(&c, "#communities").await;
    assert!(
        list.contains("ชุมชนบ้านร่องไฮ") && list.contains("560101C001"),
        "{list}"
    );
    // the same number again: refused in Thai, what was typed kept
    fill(&c, "#community-number", "1").await;
    fill(&c, "#community-name", "ชุมชนเลขซ้ำ").await;
    submit(&c, "#community-save").await;
    assert!(
        text(&c, "#community-error")
            .await
            .contains("เลขที่ชุมชน 1 ใช้แล้ว")
    );
    assert_eq!(
        c.find(fantoccini::Locator::Css("#community-name"))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .as_deref(),
        Some("ชุมชนเลขซ้ำ")
    );
    // the community is in the area tree, under its tambon, with a page of its own
    c.goto(&format!("{base}/areas/560101")).await.unwrap();
    click_link(&c, "ชุมชนบ้านร่องไฮ").await;
    assert!(text(&c, "h1").await.contains("ชุมชนบ้านร่องไฮ"));
    assert_eq!(communities::of_lao(&db, lao.id).await.unwrap().len(), 1);
    c.close().await.unwrap();
}
