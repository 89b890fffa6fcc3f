//! Shared tambons (issue 11): tambon 110110 แพรกษา (7 villages, Samut Prakan) is covered partially
//! by ทต.แพรกษา and ทม.แพรกษา. Before the district splits it, both say so and count none of its
//! villages; after villages 1–3 go to one and 4–7 to the other, each counts only its own — in KPI
//! item 1, items 4 and 6–8, and its local plan's candidates. Those who may not split are refused.

use crate::common::{Client, cast};
use axum::http::StatusCode;
use oneplan::accounts::{Role, ScopeLevel, User};
use oneplan::adoption::adopt::{self, AdoptInput};
use oneplan::areas::{self, Extent};
use oneplan::db::{self, Db};
use oneplan::error::AppError;
use oneplan::forums::{self, ForumInput};
use oneplan::kpi::monthly;
use oneplan::plans::{self, PlanKind};
use oneplan::projects::input::ProjectInput;
use oneplan::shared_tambons::{self, assign};

const YEAR: i64 = 2569;
const TAMBON: &str = "110110";

async fn version(db: &Db, plan: i64) -> i64 {
    plans::get(db, plan).await.unwrap().unwrap().version
}

/// Samut Prakan's areas beside Phayao's, and the two LAOs sharing แพรกษา: (ทม., ทต.).
async fn phraekkasa(db: &Db) -> (areas::Lao, areas::Lao) {
    areas::national::load(db, Some("11")).await.unwrap();
    let sharing: Vec<_> = areas::covering(db, TAMBON)
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.extent == Extent::Partial)
        .collect();
    assert_eq!(sharing.len(), 2, "{sharing:?}");
    let lao = |name: &str| {
        let id = sharing
            .iter()
            .find(|c| c.full_name_th.contains(name))
            .unwrap()
            .lao_id;
        async move { areas::lao(db, id).await.unwrap().unwrap() }
    };
    (lao("ทม.").await, lao("ทต.").await)
}

/// Every village of แพรกษา a plan of YEAR reviewed in a forum with the three core dimensions, and
/// the tambon plan integrating all 21 projects. Returns the projects by village number (1–7).
async fn plans_of_the_year(db: &Db, officer: &User) -> Vec<(i64, Vec<i64>)> {
    let mut out = Vec::new();
    for v in areas::children(db, Some(TAMBON)).await.unwrap() {
        let owner = plans::resolve_owner(db, PlanKind::Village, &v.code)
            .await
            .unwrap();
        let plan = plans::open(db, officer, PlanKind::Village, &owner, YEAR)
            .await
            .unwrap();
        let forum = ForumInput {
            held_on: "10/01/2569".into(),
            chaired_by: "ผู้ใหญ่บ้าน".into(),
            attendance: "40".into(),
            used_basic_needs: "on".into(),
            ..Default::default()
        };
        forums::add(db, officer, plan.id, plan.version, &forum)
            .await
            .unwrap();
        let mut ids = Vec::new();
        for (n, dim) in ["economy", "society", "environment"].iter().enumerate() {
            let input = ProjectInput {
                title: format!("โครงการ {} ของ{}", n + 1, v.name_th),
                dimension: dim.to_string(),
                budget: "20,000".into(),
                executor: "ชุมชนดำเนินการเอง".into(),
                rank: (n + 1).to_string(),
                ..Default::default()
            };
            let p = oneplan::adoption::add_to_plan(
                db,
                officer,
                plan.id,
                version(db, plan.id).await,
                &input,
            )
            .await
            .unwrap();
            ids.push(p.id);
        }
        let moo: i64 = v.code[6..].parse().unwrap();
        out.push((moo, ids));
    }
    let owner = plans::resolve_owner(db, PlanKind::Tambon, TAMBON)
        .await
        .unwrap();
    let tp = plans::open(db, officer, PlanKind::Tambon, &owner, YEAR)
        .await
        .unwrap();
    let forum = ForumInput {
        held_on: "20/02/2569".into(),
        chaired_by: "ประธาน ศอช.ต.".into(),
        held_by: "ศอช.ต.".into(),
        attendance: "70".into(),
        ..Default::default()
    };
    forums::add(db, officer, tp.id, tp.version, &forum)
        .await
        .unwrap();
    for id in out.iter().flat_map(|(_, ids)| ids) {
        let input = AdoptInput {
            project_id: *id,
            decided_on: "2026-02-20".into(),
            ..Default::default()
        };
        adopt::adopt(db, officer, tp.id, version(db, tp.id).await, &input)
            .await
            .unwrap();
    }
    out
}

async fn local_plan(db: &Db, user: &User, lao: &areas::Lao) -> plans::Plan {
    let owner = plans::resolve_owner(db, PlanKind::Local, &lao.id.to_string())
        .await
        .unwrap();
    plans::open(db, user, PlanKind::Local, &owner, YEAR + 1)
        .await
        .unwrap()
}

async fn count(db: &Db, table: &str) -> i64 {
    db::query_scalar::<i64>(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(db)
        .await
        .unwrap()
}

fn split_body(villages: &[(String, i64)]) -> serde_json::Value {
    serde_json::json!({
        "tambon": TAMBON,
        "villages": villages.iter().map(|(v, l)| serde_json::json!({"village": v, "lao_id": l})).collect::<Vec<_>>(),
    })
}

story!(
    a_district_splits_a_shared_tambon_and_each_lao_counts_its_own,
    Phayao
);
async fn a_district_splits_a_shared_tambon_and_each_lao_counts_its_own(_backend: &str, db: Db) {
    let (tm, tt) = phraekkasa(&db).await;
    let officer = cast::account(
        &db,
        "amphoe.paknam",
        Role::Officer,
        ScopeLevel::District,
        "1101",
    )
    .await;
    let tm_user = cast::account(&db, "lao.tm", Role::Officer, ScopeLevel::Lao, &tm.lao_key).await;
    let tt_user = cast::account(&db, "lao.tt", Role::Officer, ScopeLevel::Lao, &tt.lao_key).await;
    let projects = plans_of_the_year(&db, &officer).await;
    let of_moo = |range: std::ops::RangeInclusive<i64>| -> Vec<i64> {
        projects
            .iter()
            .filter(|(m, _)| range.contains(m))
            .flat_map(|(_, ids)| ids.clone())
            .collect()
    };

    // before the split: both say so, and neither counts a village or a project of แพรกษา
    for lao in [&tm, &tt] {
        let m = monthly::compute(&db, lao.id, YEAR).await.unwrap();
        assert_eq!(
            (m.villages, m.villages_reviewed, m.rates.integrated),
            (0, 0, 0),
            "{}",
            lao.full_name_th
        );
        assert!(
            m.unsplit_tambons.iter().any(|t| t.code == TAMBON),
            "{:?}",
            m.unsplit_tambons
        );
        assert!(
            m.unsplit_warning
                .as_deref()
                .unwrap()
                .contains("ตำบลนี้ยังไม่ได้แบ่งหมู่บ้านระหว่าง อปท.")
        );
        assert!(m.unsplit_warning.as_deref().unwrap().contains("ตำบลแพรกษา"));
    }
    let tm_local = local_plan(&db, &tm_user, &tm).await;
    assert!(adopt::candidates(&db, &tm_local).await.unwrap().is_empty());
    let d = shared_tambons::of_district(&db, "1101", Some(&officer))
        .await
        .unwrap();
    let t = d.tambons.iter().find(|t| t.code == TAMBON).unwrap();
    assert!(!t.split && t.may_split && t.laos.len() == 2 && t.villages.len() == 7);

    // the LAO page's KPI figures say so too, page and API alike
    let mut c = Client::new(&db);
    c.sign_in("lao.tm", cast::PASSWORD).await;
    let page = c.get(&format!("/kpi/lao/{}?year={YEAR}", tm.id)).await;
    assert!(
        page.body.contains("ตำบลนี้ยังไม่ได้แบ่งหมู่บ้านระหว่าง อปท."),
        "{}",
        page.body
    );
    let api = c
        .get(&format!("/api/kpi/lao/{}?year={YEAR}", tm.id))
        .await
        .json();
    assert_eq!(api["unsplit_tambons"][0]["code"], TAMBON);
    let lao_page = c.get(&format!("/laos/{}", tm.id)).await;
    assert!(
        lao_page.body.contains("id=\"unsplit-warning\""),
        "{}",
        lao_page.body
    );
    assert!(
        lao_page
            .body
            .contains("/areas/1101/shared-tambons#tambon-110110")
    );

    // the district assigns villages 1–3 to ทม.แพรกษา and 4–7 to ทต.แพรกษา, in one write
    let mut split: Vec<(String, i64)> = (1..=7)
        .map(|n| {
            (
                format!("{TAMBON}{n:02}"),
                if n <= 3 { tm.id } else { tt.id },
            )
        })
        .collect();
    let mut district = Client::new(&db);
    let csrf = district.api_sign_in("amphoe.paknam", cast::PASSWORD).await;
    let r = district
        .json("POST", "/api/shared-tambons", split_body(&split), &csrf)
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["changed"], 7);
    assert_eq!(r.json()["tambon"]["split"], true);

    let (a, b) = (
        monthly::compute(&db, tm.id, YEAR).await.unwrap(),
        monthly::compute(&db, tt.id, YEAR).await.unwrap(),
    );
    assert_eq!((a.villages, b.villages), (3, 4));
    assert_eq!((a.villages_reviewed, b.villages_reviewed), (3, 4));
    assert_eq!((a.rates.integrated, b.rates.integrated), (9, 12));
    assert!(a.missing_dimensions.is_empty() && b.missing_dimensions.is_empty());
    assert!(!a.unsplit_tambons.iter().any(|t| t.code == TAMBON));
    // ทม.แพรกษา covers nothing else: no warning left; ทต.แพรกษา still shares two unsplit tambons
    assert!(a.unsplit_warning.is_none(), "{:?}", a.unsplit_warning);
    let lao_page = c.get(&format!("/laos/{}", tm.id)).await;
    assert!(
        !lao_page.body.contains("unsplit-warning"),
        "{}",
        lao_page.body
    );
    assert!(b.unsplit_tambons.iter().all(|t| t.code != TAMBON) && !b.unsplit_tambons.is_empty());

    // the local plan's candidates are the LAO's own villages' projects only
    let mut mine: Vec<i64> = adopt::candidates(&db, &tm_local)
        .await
        .unwrap()
        .iter()
        .map(|c| c.project_id)
        .collect();
    mine.sort();
    assert_eq!(mine, of_moo(1..=3));
    let theirs = of_moo(4..=7)[0];
    let refused = adopt::adopt(
        &db,
        &tm_user,
        tm_local.id,
        tm_local.version,
        &AdoptInput {
            project_id: theirs,
            ..Default::default()
        },
    )
    .await;
    assert!(matches!(refused, Err(AppError::Invalid(_))), "{refused:?}");
    for id in of_moo(1..=3).iter().take(3) {
        let input = AdoptInput {
            project_id: *id,
            ..Default::default()
        };
        adopt::adopt(
            &db,
            &tm_user,
            tm_local.id,
            version(&db, tm_local.id).await,
            &input,
        )
        .await
        .unwrap();
    }
    let (a, b) = (
        monthly::compute(&db, tm.id, YEAR).await.unwrap(),
        monthly::compute(&db, tt.id, YEAR).await.unwrap(),
    );
    assert_eq!(
        (a.rates.in_local_plan, a.rates.local_pct_x100),
        (3, Some(3333))
    );
    assert_eq!(b.rates.in_local_plan, 0);
    // lao_covers_unit follows the split
    assert!(
        areas::lao_covers_unit(&db, tm.id, "11011003")
            .await
            .unwrap()
    );
    assert!(
        !areas::lao_covers_unit(&db, tm.id, "11011004")
            .await
            .unwrap()
    );

    // ทต.แพรกษา's staff move village 3 to their LAO: kept in the history
    split = vec![(format!("{TAMBON}03"), tt.id)];
    let input = assign::AssignInput {
        tambon: TAMBON.into(),
        villages: split
            .iter()
            .map(|(v, l)| assign::Choice {
                village: v.clone(),
                lao_id: *l,
            })
            .collect(),
    };
    let moved = assign::assign(&db, &tt_user, &input).await.unwrap();
    assert_eq!(moved.changed, 1);
    assert_eq!(
        monthly::compute(&db, tt.id, YEAR).await.unwrap().villages,
        5
    );
    let d = shared_tambons::of_district(&db, "1101", None)
        .await
        .unwrap();
    let last = &d.history[0];
    assert_eq!(last.village_code, "11011003");
    assert_eq!(last.from_lao.as_deref(), Some(tm.full_name_th.as_str()));
    assert_eq!(last.to_lao, tt.full_name_th);
    assert_eq!(d.history.len(), 8);
}

story!(
    those_who_may_not_split_are_refused_and_bad_lines_write_nothing,
    Phayao
);
async fn those_who_may_not_split_are_refused_and_bad_lines_write_nothing(_backend: &str, db: Db) {
    let (tm, tt) = phraekkasa(&db).await;
    cast::outsider(&db).await;
    // ทต.เทพารักษ์: an LAO of the same district that does not share แพรกษา
    let other = areas::covering(&db, "110115")
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.full_name_th.contains("เทพารักษ์"))
        .unwrap();
    let other = areas::lao(&db, other.lao_id).await.unwrap().unwrap();
    cast::account(
        &db,
        "lao.other",
        Role::Officer,
        ScopeLevel::Lao,
        &other.lao_key,
    )
    .await;
    cast::account(
        &db,
        "amphoe.paknam",
        Role::Officer,
        ScopeLevel::District,
        "1101",
    )
    .await;
    let good: Vec<(String, i64)> = (1..=7)
        .map(|n| {
            (
                format!("{TAMBON}{n:02}"),
                if n <= 3 { tm.id } else { tt.id },
            )
        })
        .collect();
    let before = (
        count(&db, "lao_villages").await,
        count(&db, "lao_village_history").await,
    );

    for username in ["amphoe.chun", "lao.other"] {
        let mut c = Client::new(&db);
        let csrf = c.api_sign_in(username, cast::PASSWORD).await;
        let r = c
            .json("POST", "/api/shared-tambons", split_body(&good), &csrf)
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{username}: {}", r.body);
        assert!(
            r.body.contains("ทำได้โดยเจ้าหน้าที่ของอำเภอเมืองสมุทรปราการ"),
            "{}",
            r.body
        );
        assert!(r.body.contains("split_by_district_or_lao"), "{}", r.body);
    }
    let refusals: i64 = db::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'village_assignment' AND action = 'denied'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    // two refusals, each under the actor's area and the tambon's
    assert_eq!(refusals, 4);
    let at_tambon: i64 = db::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'village_assignment' AND action = 'denied' AND area_code = $1",
    )
    .bind(TAMBON)
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(
        at_tambon, 2,
        "the tambon's administrators see both attempts"
    );

    // bad lines: a village of another tambon, an LAO not sharing it, a village twice — all named
    let mut c = Client::new(&db);
    let csrf = c.api_sign_in("amphoe.paknam", cast::PASSWORD).await;
    let mut bad = good.clone();
    bad.push(("11011501".into(), tm.id));
    bad[0].1 = other.id;
    bad.push((format!("{TAMBON}02"), tt.id));
    let r = c
        .json("POST", "/api/shared-tambons", split_body(&bad), &csrf)
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    for words in [
        "หมู่บ้าน “11011501” ไม่ได้อยู่ในตำบลแพรกษา",
        "ทต.เทพารักษ์ ไม่ได้ครอบคลุมตำบลแพรกษาบางส่วน",
        "ถูกกำหนดมากกว่าหนึ่งครั้ง",
    ] {
        assert!(r.body.contains(words), "{words}: {}", r.body);
    }
    // a tambon nobody shares
    let mut whole = split_body(&good[..1]);
    whole["tambon"] = "560114".into();
    let r = c.json("POST", "/api/shared-tambons", whole, &csrf).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    assert!(r.body.contains("not_shared_tambon"), "{}", r.body);
    assert_eq!(
        (
            count(&db, "lao_villages").await,
            count(&db, "lao_village_history").await
        ),
        before,
        "nothing written"
    );
}

story!(
    a_district_officer_splits_a_tambon_in_the_browser,
    Phayao,
    flavor = "multi_thread",
    worker_threads = 2
);
async fn a_district_officer_splits_a_tambon_in_the_browser(_backend: &str, db: Db) {
    use crate::browser::{browser, click_link, server, sign_in, submit, text};
    use fantoccini::Locator;
    let (tm, tt) = phraekkasa(&db).await;
    cast::account(
        &db,
        "amphoe.paknam",
        Role::Officer,
        ScopeLevel::District,
        "1101",
    )
    .await;
    let base = server(&db).await;
    let (_driver, c) = browser().await;
    sign_in(&c, &base, "amphoe.paknam").await;
    c.goto(&format!("{base}/areas/1101")).await.unwrap();
    click_link(&c, "ตำบลที่ใช้ร่วมกันหลาย อปท.").await;
    let section = text(&c, "#tambon-110110 h2").await;
    assert!(
        section.contains("แพรกษา") && section.contains("ยังไม่ได้แบ่ง"),
        "{section}"
    );
    for n in 1..=7 {
        let lao = if n <= 3 { tm.id } else { tt.id };
        c.find(Locator::Css(&format!("#lao-{TAMBON}{n:02}")))
            .await
            .unwrap()
            .select_by_value(&lao.to_string())
            .await
            .unwrap();
    }
    submit(&c, "#save-110110").await;
    assert!(text(&c, "p.notice").await.contains("บันทึกการแบ่งหมู่บ้านแล้ว"));
    assert!(text(&c, "#tambon-110110 h2").await.contains("แบ่งแล้ว"));
    assert!(text(&c, "#split-history").await.contains(&tm.full_name_th));
    let (a, b) = (
        monthly::compute(&db, tm.id, YEAR).await.unwrap(),
        monthly::compute(&db, tt.id, YEAR).await.unwrap(),
    );
    assert_eq!((a.villages, b.villages), (3, 4));
    c.close().await.unwrap();
}

story!(an_laos_own_villages_are_looked_up_by_index, Phayao);
/// SQLite has no statistics: the view `lao_units` must still walk from the LAO's coverage to the
/// villages of each tambon by index, never through every village of the country. (PostgreSQL
/// plans from statistics, which this tiny database does not have: SQLite only.)
async fn an_laos_own_villages_are_looked_up_by_index(_backend: &str, db: Db) {
    if db.backend != db::Backend::Sqlite {
        return;
    }
    let (tm, _) = phraekkasa(&db).await;
    for (name, sql) in oneplan::kpi::figures::ONE_LAO {
        let plan: Vec<(i64, i64, i64, String)> =
            db::query_as(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")))
                .bind(YEAR)
                .bind(tm.id)
                .fetch_all(&db)
                .await
                .unwrap();
        let plan: Vec<String> = plan.into_iter().map(|r| r.3).collect();
        assert!(
            !plan
                .iter()
                .any(|l| l.contains("USING INDEX areas_level (level=?)")),
            "{name} scans every village:\n{}",
            plan.join("\n")
        );
        if ["villages", "villages_reviewed"].contains(&name) {
            assert!(
                plan.iter().any(|l| l.contains("areas_parent_level")),
                "{name}:\n{}",
                plan.join("\n")
            );
        }
    }
}
