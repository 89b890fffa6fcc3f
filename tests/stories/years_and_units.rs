//! Years and units of the reports (issue 12): a report opens on the latest fiscal year in which
//! the unit has records (on 1 December, the year just reported, not an empty new one); units
//! that do not exist answer "not found", pages, API and downloads alike (they answered 200
//! with zeros).

use crate::common::{Client, cast};
use axum::http::StatusCode;
use oneplan::db::Db;

story!(reports_of_unknown_units_are_not_found, Phayao);
async fn reports_of_unknown_units_are_not_found(backend: &str, db: Db) {
    let mut web = Client::new(&db);
    for url in [
        "/api/district-report/9999",
        "/api/district-report/560114",
        "/api/kpi/lao/999999",
        "/api/registers/9999",
        "/registers/9999/export/form1.csv",
        "/district-report/9999/export/report.csv",
        "/kpi/lao/999999/export/report.docx",
        "/district-report/9999",
        "/kpi/lao/999999",
    ] {
        let r = web.get(url).await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "{backend}: {url}: {}",
            r.body
        );
    }
    // the units that exist still answer
    for url in [
        "/api/district-report/5601",
        "/api/registers/56",
        "/registers/5601/export/form1.csv",
    ] {
        assert_eq!(
            web.get(url).await.status,
            StatusCode::OK,
            "{backend}: {url}"
        );
    }
}

story!(a_report_opens_on_the_latest_year_with_records, Phayao);
async fn a_report_opens_on_the_latest_year_with_records(backend: &str, db: Db) {
    let current = oneplan::reporting::years::current();
    let last = current - 1;
    let district = cast::district(&db).await;
    oneplan::registers::targets::set(&db, &district, last, "560114", true, "50,000", "")
        .await
        .unwrap();
    let lao = cast::mae_sai_lao(&db).await;
    cast::model_lao(&db, last, "5601", lao.id).await;
    let mut web = Client::new(&db);
    let r = web.get("/api/district-report/5601").await;
    assert_eq!(r.json()["fiscal_year"], last, "{backend}: {}", r.body);
    assert_eq!(r.json()["target_tambons"], 1);
    assert_eq!(
        web.get(&format!("/api/kpi/lao/{}", lao.id)).await.json()["fiscal_year"],
        last
    );
    let page = web.get("/district-report/5601").await.body;
    assert!(
        page.contains(&format!("value=\"{last}\"")),
        "{backend}: the page is on {last}"
    );
    // a year asked for is that year; a district with no records opens on the current year
    assert_eq!(
        web.get(&format!("/api/district-report/5601?year={current}"))
            .await
            .json()["fiscal_year"],
        current
    );
    assert_eq!(
        web.get("/api/district-report/5602").await.json()["fiscal_year"],
        current
    );
}
