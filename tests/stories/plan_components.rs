//! District-report item (๓) counts a tambon plan complete in the components CDD requires
//! (FORMS.md section 1): the components are data per fiscal year, set by CDD's national
//! administrators, shown to the signer, and the count follows them.

use crate::common::{Client, cast, client::csrf_of};
use axum::http::StatusCode;
use oneplan::accounts::{Agency, Role, ScopeLevel};
use oneplan::error::AppError;
use oneplan::registers::components::{self, Component};
use oneplan::registers::district_report;

story!(item_3_counts_the_components_cdd_requires, Phayao);
async fn item_3_counts_the_components_cdd_requires(backend: &str, db: oneplan::db::Db) {
    let tambon = cast::tambon(&db).await;
    crate::budget_requests::target_tambon_plan(&db, &tambon, &["ฝายชะลอน้ำห้วยแม่ใส"]).await;
    // all five required (as migrated): a plan unranked, without all core dimensions or a date lacks (๓)
    let r = district_report::compute(&db, "5601", 2569).await.unwrap();
    assert_eq!(r.counts[2], 0, "{backend}");
    let row = r
        .tambons
        .iter()
        .find(|t| t.tambon_code == "560114")
        .unwrap();
    assert!(
        row.lacks
            .contains(&"จัดลำดับความสำคัญครบทุกโครงการ".to_string()),
        "{:?}",
        row.lacks
    );
    assert!(!row.lacks.contains(&"บันทึกเวทีประชาคมของแผน".to_string()));

    // only CDD's national administrators set them; never none
    let root = cast::root(&db).await;
    assert!(matches!(
        components::save(&db, &root, 2569, &[Component::Forum]).await,
        Err(AppError::Forbidden(_))
    ));
    let cdd = cast::account_of(
        &db,
        "cdd.admin",
        Role::Admin,
        ScopeLevel::National,
        "",
        Agency::Cdd,
    )
    .await;
    assert!(matches!(
        components::save(&db, &cdd, 2569, &[]).await,
        Err(AppError::Invalid(_))
    ));
    // from 2569 CDD asks only for a forum and projects: the plan now counts; 2568 keeps the old rule
    let mut web = Client::new(&db);
    web.sign_in(&cdd.username, cast::PASSWORD).await;
    let page = web.get("/district-report-settings?year=2569").await.body;
    let csrf = csrf_of(&page);
    let r = web
        .form(
            "/district-report-settings",
            &[
                ("csrf", &csrf),
                ("year", "2569"),
                ("component", "forum"),
                ("component", "projects"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        components::for_year(&db, 2570).await.unwrap().required,
        [Component::Forum, Component::Projects]
    );
    assert_eq!(
        components::for_year(&db, 2568)
            .await
            .unwrap()
            .required
            .len(),
        5
    );
    assert_eq!(
        district_report::compute(&db, "5601", 2569)
            .await
            .unwrap()
            .counts[2],
        1,
        "{backend}"
    );
    // the signer reads the rule of the year
    let page = web.get("/district-report/5601?year=2569").await.body;
    let rule = page.split("id=\"item3-rule\"").nth(1).unwrap();
    assert!(
        rule.contains("บันทึกเวทีประชาคมของแผน · มีโครงการในแผน") && !rule.contains("จัดลำดับ"),
        "{rule}"
    );
}
