//! อบต.แม่ใส keeps its local development plan 2566–2570 whole: beside the projects it adopts
//! from the community plans, its own projects in the ผ.02 layout, typed or imported from the
//! real plan's table (CSV, or Excel with the same columns); the district and the province do the
//! same with theirs. A file with a mistake is refused whole, row and field named; KPI 3.2 items
//! 7–8 count only what came from the community plans; nobody else may write the plan.

mod files;
mod typed;

use crate::common::{Client, cast};
use axum::http::StatusCode;
use files::*;
use oneplan::adoption::{self, AdoptInput};
use oneplan::db::Db;
use oneplan::error::AppError;
use oneplan::kpi::{monthly, rates};
use oneplan::own::{self, OwnInput};
use oneplan::plans::{self, Owner, PlanKind};
use oneplan::projects::input::ProjectInput;
use oneplan::thai::format_baht;
use oneplan::views::PlanView;

story!(
    the_mae_sai_plan_imports_and_its_totals_per_year_match_the_file,
    Phayao
);
async fn the_mae_sai_plan_imports_and_its_totals_per_year_match_the_file(backend: &str, db: Db) {
    let (_, plan) = lao_plan(&db).await;
    assert_eq!((plan.first_year, plan.last_year), (2566, 2570));
    let sums = column_sums(&sample());
    assert_eq!(sums.len(), 5, "the sample has a column for each year");

    // the LAO's staff upload the real table as it is
    let mut c = Client::new(&db);
    c.sign_in("lao.maesai", cast::PASSWORD).await;
    let r = upload(&mut c, plan.id, "mae_sai.csv", &sample()).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: {}", r.body);
    assert!(r.location.ends_with("done=plan.done.own_imported"));

    // the page and GET /api/plans/{id} show the same: 23 own projects, the file's sums per year
    let api = c.get(&format!("/api/plans/{}", plan.id)).await.json();
    assert_eq!(
        api["own_projects"].as_array().unwrap().len(),
        23,
        "{backend}"
    );
    assert_eq!(api["totals"]["own_count"], 23);
    assert_eq!(api["totals"]["adopted_count"], 0);
    let years: Vec<(i64, i64)> = api["totals"]["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| {
            (
                y["year"].as_i64().unwrap(),
                y["own_satang"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        years, sums,
        "{backend}: the totals per year are the file's column sums"
    );
    let first = &api["own_projects"][0];
    assert_eq!(first["seq"], 1);
    assert_eq!(first["work_plan"], "แผนงานอุตสาหกรรมและการโยธา (ผ.02)");
    assert_eq!(first["responsible"], "กองช่าง");
    assert_eq!(first["years"][2]["amount_satang"], 50_000_000);
    let last = &api["own_projects"][22];
    assert_eq!(last["responsible"], "อบจ.พะเยา");
    let page = c.get(&format!("/plans/{}", plan.id)).await;
    for (year, own) in &sums {
        let row = format!(
            "<tr data-year=\"{year}\"><td>{year}</td><td class=\"num\">0.00</td><td class=\"num\">{}</td>",
            format_baht(*own)
        );
        assert!(page.body.contains(&row), "{backend}: {row}");
    }
    let grand: i64 = sums.iter().map(|(_, s)| s).sum();
    assert!(
        page.body
            .contains(&format!("id=\"plan-grand-total\">{}<", format_baht(grand))),
        "{backend}"
    );
    assert!(page.body.contains("ปรับปรุงผิวทางแอสฟัลท์ติกคอนกรีต"));
    // own projects are not listed again among the adopted ones
    assert!(
        page.body
            .contains("โครงการที่รับมาจากแผนระดับล่าง (แผนชุมชน) (0)")
    );

    // an Excel workbook with the same columns (a title above, Thai digits, "-") goes into the
    // district plan; the command line's import into the province plan
    let district = cast::district(&db).await;
    let mueang = plans::resolve_owner(&db, PlanKind::District, "5601")
        .await
        .unwrap();
    let dplan = plans::open(&db, &district, PlanKind::District, &mueang, 2566)
        .await
        .unwrap();
    let n = own::import::import(&db, &district, dplan.id, dplan.version, &as_xlsx(&sample()))
        .await
        .unwrap();
    assert_eq!(n, 23);
    let view = PlanView::load(&db, Some(&district), dplan.id)
        .await
        .unwrap();
    assert_eq!(
        own_by_year(&view),
        sums,
        "{backend}: the workbook reads as the CSV"
    );
    let province = cast::province(&db).await;
    let phayao = plans::resolve_owner(&db, PlanKind::Province, "56")
        .await
        .unwrap();
    let pplan = plans::open(&db, &province, PlanKind::Province, &phayao, 2566)
        .await
        .unwrap();
    let cli = oneplan::audit::Actor::system("cli");
    assert_eq!(
        own::import::import_as(&db, &cli, pplan.id, &sample())
            .await
            .unwrap(),
        23
    );
    let view = PlanView::load(&db, None, pplan.id).await.unwrap();
    assert_eq!(own_by_year(&view), sums);

    // a village or tambon plan holds no projects of its own
    let tambon = cast::tambon(&db).await;
    let mae_sai = plans::resolve_owner(&db, PlanKind::Tambon, "560114")
        .await
        .unwrap();
    let tplan = plans::open(&db, &tambon, PlanKind::Tambon, &mae_sai, 2566)
        .await
        .unwrap();
    let refused = own::import::import(&db, &tambon, tplan.id, tplan.version, &sample()).await;
    assert!(
        matches!(refused, Err(AppError::Invalid(ref ps)) if ps[0].code() == "own_only_local_district_province"),
        "{backend}: {refused:?}"
    );
}

story!(
    a_file_with_a_bad_cell_is_refused_with_row_and_field_and_nothing_is_written,
    Phayao
);
async fn a_file_with_a_bad_cell_is_refused_with_row_and_field_and_nothing_is_written(
    backend: &str,
    db: Db,
) {
    let (lao, plan) = lao_plan(&db).await;
    let (headers, mut rows) = records(&sample());
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    // data row 5 is line 6 of the file, data row 10 line 11
    rows[4][col("b2567")] = "หนึ่งแสนสองหมื่น".into();
    rows[9][col("project_title")] = String::new();
    // as Excel saves a CSV: a byte-order mark and "\r\n" line endings
    let bad = [
        "\u{feff}".as_bytes(),
        &String::from_utf8(to_csv(&headers, &rows))
            .unwrap()
            .replace('\n', "\r\n")
            .into_bytes(),
    ]
    .concat();

    let mut c = Client::new(&db);
    c.sign_in("lao.maesai", cast::PASSWORD).await;
    let r = upload(&mut c, plan.id, "bad.csv", &bad).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{backend}");
    assert!(
        r.body
            .contains("แถวที่ 6 งบประมาณปี 2567: “หนึ่งแสนสองหมื่น” ไม่ใช่ตัวเลข"),
        "{backend}: {}",
        r.body
    );
    assert!(r.body.contains("แถวที่ 11 ชื่อโครงการ: ไม่ได้กรอก"), "{backend}");
    let view = PlanView::load(&db, Some(&lao), plan.id).await.unwrap();
    assert!(
        view.own_projects.is_empty() && view.items.is_empty(),
        "{backend}: nothing written"
    );
    assert_eq!(view.totals.own_satang, 0);

    // a file without a column for one of the plan's years, or with a year outside it
    let (mut headers, rows) = records(&sample());
    let at = headers.iter().position(|h| h == "b2570").unwrap();
    headers[at] = "งบประมาณ 2571".into();
    let e = own::import::import(
        &db,
        &lao,
        plan.id,
        version(&db, plan.id).await,
        &to_csv(&headers, &rows),
    )
    .await
    .unwrap_err();
    let words: Vec<String> = e
        .problems()
        .iter()
        .map(|p| p.message(oneplan::i18n::Lang::Th))
        .collect();
    assert!(
        words[0].starts_with("ไม่มีคอลัมน์งบประมาณปี 2570"),
        "{backend}: {words:?}"
    );
    assert_eq!(words[1], "คอลัมน์งบประมาณปี 2571 อยู่นอกช่วงปีของแผน (2566–2570)");
    assert_eq!(e.status(), StatusCode::BAD_REQUEST);
    // the API names the field of each row's mistake
    let csrf = c.api_sign_in("lao.maesai", cast::PASSWORD).await;
    let r = c
        .json(
            "POST",
            &format!("/api/plans/{}/own-projects", plan.id),
            serde_json::json!({"version": version(&db, plan.id).await, "title": "ถนน", "budgets": {"2568": "สามแสน"}}),
            &csrf,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{backend}: {}", r.body);
    assert_eq!(
        r.json()["error"]["code"],
        "year_budget_not_a_number",
        "{}",
        r.body
    );
    assert_eq!(r.json()["error"]["field"], "budget");
    let import = format!("/api/plans/{}/own-projects/import", plan.id);
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).unwrap();
    let r = c
        .json(
            "POST",
            &import,
            serde_json::json!({"version": version(&db, plan.id).await, "csv": text(&bad)}),
            &csrf,
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{backend}: {}", r.body);
    let problems = r.json()["error"]["problems"].as_array().unwrap().clone();
    assert_eq!(problems.len(), 2, "{backend}: {}", r.body);
    assert_eq!(problems[0]["field"], "budget");
    assert_eq!(problems[1]["field"], "title");
    assert!(
        problems[1]["message"]
            .as_str()
            .unwrap()
            .starts_with("แถวที่ 11 ")
    );
    let view = PlanView::load(&db, Some(&lao), plan.id).await.unwrap();
    assert!(
        view.own_projects.is_empty(),
        "{backend}: still nothing written"
    );

    // the file put right goes in whole
    let r = c
        .json(
            "POST",
            &import,
            serde_json::json!({"version": version(&db, plan.id).await, "csv": text(&sample())}),
            &csrf,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{backend}: {}", r.body);
    assert_eq!(r.json()["imported"], 23);
}

pub(super) fn need(title: &str) -> ProjectInput {
    ProjectInput {
        title: title.into(),
        dimension: "economy".into(),
        budget: "100,000".into(),
        executor: "lao".into(),
        within_lao_authority: "ใช่".into(),
        ..Default::default()
    }
}

story!(own_projects_do_not_enter_kpi_items_7_and_8, Phayao);
async fn own_projects_do_not_enter_kpi_items_7_and_8(backend: &str, db: Db) {
    // the integrated tambon plan 2565 of แม่ใส holds two community projects
    let tambon = cast::tambon(&db).await;
    let mae_sai = plans::resolve_owner(&db, PlanKind::Tambon, "560114")
        .await
        .unwrap();
    let tplan = plans::open(&db, &tambon, PlanKind::Tambon, &mae_sai, 2565)
        .await
        .unwrap();
    let road = adoption::add_to_plan(
        &db,
        &tambon,
        tplan.id,
        tplan.version,
        &need("ถนนเพื่อการเกษตร"),
    )
    .await
    .unwrap();
    adoption::add_to_plan(
        &db,
        &tambon,
        tplan.id,
        version(&db, tplan.id).await,
        &need("ฝายชะลอน้ำ"),
    )
    .await
    .unwrap();
    // the LAO adopts one into its local plan 2566 and that one into the draft budget 2566
    let (lao, plan) = lao_plan(&db).await;
    let adopt = |id: i64| AdoptInput {
        project_id: id,
        fiscal_year: "2566".into(),
        decided_on: "2565-06-20".into(),
        ..Default::default()
    };
    adoption::adopt(&db, &lao, plan.id, plan.version, &adopt(road.id))
        .await
        .unwrap();
    let lao_owner = Owner::Lao(cast::mae_sai_lao(&db).await);
    let budget = plans::open(&db, &lao, PlanKind::Budget, &lao_owner, 2566)
        .await
        .unwrap();
    adoption::adopt(&db, &lao, budget.id, budget.version, &adopt(road.id))
        .await
        .unwrap();
    let lao_id = plan.lao_id.unwrap();
    let before = rates::for_lao(&db, lao_id, 2566).await.unwrap();
    assert_eq!(
        (before.integrated, before.in_local_plan, before.in_budget),
        (2, 1, 1),
        "{backend}"
    );
    assert_eq!(
        (before.local_pct_x100, before.budget_pct_x100),
        (Some(5000), Some(10000))
    );

    // its own projects: the Mae Sai table, and a typed one funded in 2566 that the draft budget takes up
    own::import::import(&db, &lao, plan.id, version(&db, plan.id).await, &sample())
        .await
        .unwrap();
    let typed = OwnInput {
        title: "จัดซื้อรถบรรทุกน้ำอเนกประสงค์".into(),
        budgets: [("2566".to_string(), "2,500,000".to_string())].into(),
        ..Default::default()
    };
    let truck = own::add(&db, &lao, plan.id, version(&db, plan.id).await, &typed)
        .await
        .unwrap();
    adoption::adopt(
        &db,
        &lao,
        budget.id,
        version(&db, budget.id).await,
        &adopt(truck),
    )
    .await
    .unwrap();

    let after = rates::for_lao(&db, lao_id, 2566).await.unwrap();
    assert_eq!(
        (after.integrated, after.in_local_plan, after.in_budget),
        (2, 1, 1),
        "{backend}: items 7–8 count only projects from the community plans"
    );
    assert_eq!(
        (after.local_pct_x100, after.budget_pct_x100),
        (before.local_pct_x100, before.budget_pct_x100)
    );
    let report = monthly::compute(&db, lao_id, 2565).await.unwrap();
    assert_eq!(
        (
            report.rates.integrated,
            report.rates.in_local_plan,
            report.rates.in_budget
        ),
        (2, 1, 1),
        "{backend}: the monthly report agrees"
    );
    // the page shows both kinds: one adopted (100,000 baht in 2566), 24 own
    let view = PlanView::load(&db, Some(&lao), plan.id).await.unwrap();
    assert_eq!((view.totals.adopted_count, view.totals.own_count), (1, 24));
    let y2566 = view.totals.years.iter().find(|y| y.year == 2566).unwrap();
    assert_eq!(
        (y2566.adopted_satang, y2566.own_satang, y2566.total_satang),
        (10_000_000, 250_000_000, 260_000_000),
        "{backend}"
    );
    assert_eq!(view.rates.unwrap().rates.in_local_plan, 1);
    // and so does the LAO's page: the local plan's adopted and own projects, with their totals
    let html = crate::common::Client::new(&db)
        .get(&format!("/laos/{lao_id}"))
        .await
        .body;
    let table = html
        .split("id=\"local-plan-totals\"")
        .nth(1)
        .expect("the LAO page lists its local plans");
    let row = table.split("</tr>").nth(1).unwrap();
    assert!(
        row.contains("1 · 100,000.00")
            && row.contains("24 · ")
            && row.contains(&format!("/plans/{}", plan.id)),
        "{backend}: {row}"
    );
}
