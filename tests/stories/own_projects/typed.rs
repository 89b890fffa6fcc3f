//! Typing, changing and deleting an own project on the plan page, and who may not.

use super::files::*;
use super::need;
use crate::common::{self, Client, cast, csrf_of};
use axum::http::StatusCode;
use oneplan::db::Db;
use oneplan::error::{AppError, Problem};
use oneplan::own::{self, OwnInput};
use oneplan::plans::{self, PlanKind};
use oneplan::views::PlanView;

story!(typed_own_projects_are_edited_by_version_and_deleted, Phayao);
async fn typed_own_projects_are_edited_by_version_and_deleted(backend: &str, db: Db) {
    let (lao, plan) = lao_plan(&db).await;
    let mut c = Client::new(&db);
    c.sign_in("lao.maesai", cast::PASSWORD).await;
    let page = c.get(&format!("/plans/{}", plan.id)).await;
    assert!(
        page.body.contains("name=\"budget_2570\""),
        "{backend}: a budget per year of the span"
    );
    let csrf = csrf_of(&page.body);
    let v = version(&db, plan.id).await.to_string();
    let fields = |v: &str, title: &str, b2567: &str| -> Vec<(String, String)> {
        [
            ("csrf", csrf.as_str()),
            ("version", v),
            ("strategy", "การพัฒนาโครงสร้างพื้นฐาน"),
            ("work_plan", "แผนงานเคหะและชุมชน"),
            ("title", title),
            ("objective", "เพื่อให้ประชาชนสัญจรสะดวก"),
            ("output", "ถนน 1 สาย ยาว 500 ม."),
            ("budget_2566", "-"),
            ("budget_2567", b2567),
            ("budget_2568", ""),
            ("budget_2569", "0"),
            ("budget_2570", "๑๐,๐๐๐"),
            ("indicator", "ร้อยละ 80 ของผู้ใช้พึงพอใจ"),
            ("expected_result", "ประชาชนสัญจรสะดวก"),
            ("responsible", "กองช่าง"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    };
    let post = |f: Vec<(String, String)>| {
        f.iter()
            .map(|(k, v)| format!("{k}={}", common::client::encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    };
    let r = c
        .post(
            &format!("/plans/{}/own", plan.id),
            &post(fields(&v, "ถนน คสล. สายบ้านแม่ใส", "๔๕๐,๐๐๐")),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.body);
    let mine = own::of_plan(&db, plan.id).await.unwrap().remove(0);
    assert_eq!(mine.total_satang, 46_000_000);
    let amounts: Vec<i64> = mine.years.iter().map(|y| y.amount_satang).collect();
    assert_eq!(amounts, vec![0, 45_000_000, 0, 0, 1_000_000]);
    assert_eq!(mine.strategy, "การพัฒนาโครงสร้างพื้นฐาน");

    // an edit carries the project's version: a second edit from the same read is refused
    let pv = mine.version.to_string();
    let edit = format!("/plans/{}/own/{}", plan.id, mine.project_id);
    let r = c
        .post(
            &edit,
            &post(fields(&pv, "ถนน คสล. สายบ้านแม่ใส หมู่ที่ 2", "500,000")),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.body);
    let r = c.post(&edit, &post(fields(&pv, "ชื่อที่คนอื่นพิมพ์", "1"))).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{backend}");
    let now = own::get(&db, mine.project_id).await.unwrap().unwrap();
    assert_eq!(now.title, "ถนน คสล. สายบ้านแม่ใส หมู่ที่ 2");
    assert_eq!(now.total_satang, 51_000_000);
    let item = PlanView::load(&db, Some(&lao), plan.id)
        .await
        .unwrap()
        .items
        .remove(0);
    assert_eq!((item.fiscal_year, item.amount_satang), (2567, 51_000_000));

    // the project's own page does not offer to change it: its yearly budgets are in the table
    let pv = oneplan::views::ProjectView::load(&db, Some(&lao), mine.project_id)
        .await
        .unwrap();
    assert!(!pv.rights.edit, "{backend}");
    let e = oneplan::projects::update(&db, &lao, mine.project_id, now.version, &need("ถนน"))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "own_edit_on_plan", "{backend}");

    // deleted with the plan's version; the audit log keeps all three changes
    let del = format!("csrf={csrf}&version={}", version(&db, plan.id).await);
    let r = c.post(&format!("{edit}/delete"), &del).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.body);
    assert!(own::of_plan(&db, plan.id).await.unwrap().is_empty());
    assert!(
        oneplan::projects::get(&db, mine.project_id)
            .await
            .unwrap()
            .is_none()
    );
    let audited: Vec<String> = oneplan::db::query_scalar(
        "SELECT action FROM audit_log WHERE entity = 'own_project' ORDER BY id",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(audited, vec!["create", "update", "delete"], "{backend}");
}

story!(an_account_without_rights_on_the_plan_is_refused, Phayao);
async fn an_account_without_rights_on_the_plan_is_refused(backend: &str, db: Db) {
    let (lao, plan) = lao_plan(&db).await;
    let typed = OwnInput {
        title: "ศูนย์พัฒนาเด็กเล็ก".into(),
        budgets: [("2567".to_string(), "1,000,000".to_string())].into(),
        ..Default::default()
    };
    let outsider = cast::outsider(&db).await;
    let viewer = cast::viewer(&db).await;
    for (who, code) in [(&outsider, "outside_area"), (&viewer, "read_only")] {
        let e = own::add(&db, who, plan.id, version(&db, plan.id).await, &typed)
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Forbidden(_)), "{backend}: {e:?}");
        assert_eq!(e.code(), code);
        let e = own::import::import(&db, who, plan.id, version(&db, plan.id).await, &sample())
            .await
            .unwrap_err();
        assert_eq!(e.status(), StatusCode::FORBIDDEN, "{backend}");
    }
    // through the page and the API alike
    let mut c = Client::new(&db);
    c.sign_in("amphoe.chun", cast::PASSWORD).await;
    let page = c.get(&format!("/plans/{}", plan.id)).await;
    assert!(
        !page.body.contains("id=\"own-form\""),
        "{backend}: no form for an outsider"
    );
    let csrf = c.api_sign_in("amphoe.chun", cast::PASSWORD).await;
    let r = c
        .json(
            "POST",
            &format!("/api/plans/{}/own-projects", plan.id),
            serde_json::json!({"version": version(&db, plan.id).await, "title": "ศูนย์พัฒนาเด็กเล็ก"}),
            &csrf,
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{backend}: {}", r.body);
    // the LAO may not write the district's plan either
    let district = cast::district(&db).await;
    let mueang = plans::resolve_owner(&db, PlanKind::District, "5601")
        .await
        .unwrap();
    let dplan = plans::open(&db, &district, PlanKind::District, &mueang, 2566)
        .await
        .unwrap();
    let e = own::add(&db, &lao, dplan.id, dplan.version, &typed)
        .await
        .unwrap_err();
    assert!(
        matches!(e, AppError::Forbidden(Problem::OutsideArea { .. })),
        "{backend}"
    );
    // nothing was written, and every refusal was recorded
    let view = PlanView::load(&db, None, plan.id).await.unwrap();
    assert!(view.own_projects.is_empty() && view.items.is_empty());
    assert!(own::of_plan(&db, dplan.id).await.unwrap().is_empty());
    let denied: i64 = oneplan::db::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM audit_log WHERE action = 'denied' AND entity = 'own_project'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert!(denied >= 5, "{backend}: {denied} refusals recorded");
}
