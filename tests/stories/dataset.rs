//! The generated dataset of Phayao for fiscal year 2569: the same seed gives the same files;
//! loaded through `oneplan dataset load` it gives every village a plan of about 30 projects,
//! every tambon an integrated plan, LAOs adopting around 30% and budgeting around 20%, and the
//! registers and KPI 3.2 computed from it; a damaged file loads nothing and names the row.

use crate::common;
use oneplan::dataset::generate::{self, Options};
use oneplan::dataset::load;
use oneplan::db::Db;
use oneplan::kpi::rollup;
use oneplan::registers;
use std::path::PathBuf;
use tokio::sync::OnceCell;

fn options() -> Options {
    Options {
        area: "56".into(),
        first_year: 2569,
        last_year: 2569,
        seed: 7,
    }
}

/// A path of its own under the temporary directory, not made yet.
fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(common::unique(&format!("oneplan_dataset_{name}")))
}

async fn count(db: &Db, sql: &str) -> i64 {
    oneplan::db::query_scalar::<i64>(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(&db)
        .await
        .unwrap()
}

/// Phayao's files, generated once per test process from a SQLite copy of the province and
/// loaded by the tests of both databases, and how many rows they hold.
pub(crate) async fn phayao_files() -> &'static (PathBuf, u64) {
    static FILES: OnceCell<(PathBuf, u64)> = OnceCell::const_new();
    FILES
        .get_or_init(|| async {
            let db = common::db::sqlite(common::Data::Phayao).await;
            let dir = temp("phayao");
            let s = generate::generate(&db, &options(), &dir).await.unwrap();
            // the same seed writes the same files
            let again = temp("again");
            generate::generate(&db, &options(), &again).await.unwrap();
            for f in [
                "plans.csv",
                "projects.csv",
                "plan_items.csv",
                "model_laos.csv",
            ] {
                assert_eq!(
                    std::fs::read(dir.join(f)).unwrap(),
                    std::fs::read(again.join(f)).unwrap(),
                    "{f} differs between two runs with one seed"
                );
            }
            std::fs::remove_dir_all(&again).unwrap();
            db.close().await;
            (dir, s.rows)
        })
        .await
}

story!(a_province_generated_and_loaded, Phayao);
async fn a_province_generated_and_loaded(backend: &str, db: Db) {
    let (dir, rows) = phayao_files().await;
    let loaded = load::load(&db, dir).await.unwrap();
    assert_eq!(loaded.rows, *rows, "{backend}: every generated row loaded");

    // every village and community of Phayao has its plan for 2569, with about 30 projects on average
    let villages = count(
        &db,
        "SELECT COUNT(*) FROM areas WHERE level IN ('village', 'community') AND code LIKE '56%'",
    )
    .await;
    // issue 11: the municipalities plan by community: ทม.พะเยา, whose two tambons have no village
    let town: Vec<(String, i64)> = oneplan::db::query_as(
        "SELECT a.parent_code, CAST(COUNT(*) AS BIGINT) FROM communities k JOIN areas a ON a.code = k.code \
         JOIN laos l ON l.id = k.lao_id WHERE l.full_name_th = 'ทม.พะเยา' GROUP BY a.parent_code ORDER BY a.parent_code",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(
        town.iter().map(|t| t.0.as_str()).collect::<Vec<_>>(),
        ["560101", "560102"],
        "{backend}"
    );
    assert!(
        town.iter().all(|t| (4..=12).contains(&t.1)),
        "{backend}: {town:?}"
    );
    let town_id: i64 =
        oneplan::db::query_scalar("SELECT id FROM laos WHERE full_name_th = 'ทม.พะเยา'")
            .fetch_one(&db)
            .await
            .unwrap();
    let m = oneplan::kpi::monthly::compute(&db, town_id, 2569)
        .await
        .unwrap();
    assert_eq!(
        m.villages,
        town.iter().map(|t| t.1).sum::<i64>(),
        "{backend}: item 1 counts them"
    );
    assert_eq!(m.communities, m.villages, "{backend}");
    let village_plans = count(
        &db,
        "SELECT COUNT(*) FROM plans WHERE kind = 'village' AND first_year = 2569",
    )
    .await;
    assert_eq!(village_plans, villages, "{backend}");
    let items = count(&db, "SELECT CAST(COUNT(*) AS BIGINT) FROM plan_items i JOIN plans p ON p.id = i.plan_id WHERE p.kind = 'village'").await;
    let mean = items as f64 / village_plans as f64;
    assert!(
        (26.0..34.0).contains(&mean),
        "{backend}: {mean} projects per village plan"
    );
    let tambons = count(
        &db,
        "SELECT COUNT(DISTINCT parent_code) FROM areas WHERE level IN ('village', 'community') AND code LIKE '56%'",
    )
    .await;
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM plans WHERE kind = 'tambon'").await,
        tambons,
        "{backend}"
    );

    // issue 11: most of Phayao's 12 shared tambons are split, some are left unsplit
    let shared = count(&db, "SELECT COUNT(DISTINCT area_code) FROM lao_coverage WHERE extent = 'partial' AND area_code LIKE '56%'").await;
    let unsplit = count(
        &db,
        "SELECT COUNT(*) FROM unsplit_tambons WHERE tambon_code LIKE '56%'",
    )
    .await;
    assert!(
        shared == 12 && unsplit > 0 && unsplit < shared / 2,
        "{backend}: {unsplit} of {shared} shared tambons unsplit"
    );
    assert!(
        count(&db, "SELECT COUNT(*) FROM lao_villages").await > 0,
        "{backend}"
    );

    // issue 11: the tambon plans' quarters follow from the dates they were made; ก.บ.ต.
    // meetings made most of them; every local plan has its own ผ.02 projects
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM plans WHERE kind = 'tambon' AND (made_on IS NULL OR made_quarter <> \
             CASE WHEN CAST(SUBSTR(made_on, 6, 2) AS INTEGER) <= 3 THEN 2 ELSE 3 END)").await,
        0,
        "{backend}"
    );
    let meetings = count(
        &db,
        "SELECT COUNT(*) FROM committee_meetings WHERE for_plan_year = 2569",
    )
    .await;
    assert!(
        (tambons * 7 / 10..tambons).contains(&meetings),
        "{backend}: {meetings} meetings for {tambons} tambon plans"
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM plans pl WHERE pl.kind = 'local' AND NOT EXISTS \
             (SELECT 1 FROM own_projects o WHERE o.plan_id = pl.id)"
        )
        .await,
        0,
        "{backend}"
    );

    // the officers act for their agencies, and sign in with the dataset's password
    let agencies: Vec<(String, String)> = oneplan::db::query_as(
        "SELECT username, agency FROM users WHERE username IN ('cd.5601', 'dla.5601', 'dopa.5601', 'cd.560101') ORDER BY username",
    )
    .fetch_all(&db)
    .await
    .unwrap();
    assert_eq!(
        agencies
            .iter()
            .map(|(u, a)| format!("{u}={a}"))
            .collect::<Vec<_>>(),
        [
            "cd.5601=cdd_district",
            "cd.560101=cdd_district",
            "dla.5601=dla_district",
            "dopa.5601=dopa_district"
        ],
        "{backend}"
    );
    let laos = count(
        &db,
        "SELECT COUNT(*) FROM users WHERE scope_level = 'lao' AND agency = 'lao'",
    )
    .await;
    assert!(laos > 60, "{backend}: {laos} LAO officers");
    let mut c = crate::common::Client::new(&db);
    c.api_sign_in("cd.5601", oneplan::dataset::accounts::DEMO_PASSWORD)
        .await;

    // LAO adoption and budget at the rates of ONEPLAN.md section 8, as the KPI computes them
    let kpi = rollup::of_area(&db, "56", 2569).await.unwrap();
    let districts = count(&db, "SELECT COUNT(DISTINCT district_code) FROM laos WHERE province_code = '56' AND district_code IS NOT NULL").await;
    assert_eq!(
        kpi.model_laos, districts,
        "{backend}: one model LAO per district"
    );
    let (integrated, local, budget) = kpi.rows.iter().fold((0, 0, 0), |a, r| {
        (
            a.0 + r.report.rates.integrated,
            a.1 + r.report.rates.in_local_plan,
            a.2 + r.report.rates.in_budget,
        )
    });
    assert!(
        integrated > 1_000,
        "{backend}: {integrated} integrated projects"
    );
    let (local_rate, budget_rate) = (
        local as f64 / integrated as f64,
        budget as f64 / local as f64,
    );
    assert!(
        (0.2..0.45).contains(&local_rate),
        "{backend}: local plans adopt {local_rate:.2}"
    );
    assert!(
        (0.15..0.35).contains(&budget_rate),
        "{backend}: budgets hold {budget_rate:.2}"
    );
    assert!(
        kpi.meeting > 0 && kpi.meeting < kpi.model_laos,
        "{backend}: some model LAOs meet all five criteria, not all ({} of {})",
        kpi.meeting,
        kpi.model_laos
    );

    // the registers have rows, and project statuses agree with the records
    let form1 = registers::form1(&db, "56", 2569).await.unwrap();
    let form2 = registers::form2(&db, "56", 2569).await.unwrap();
    let form3 = registers::form3(&db, "56", 2569).await.unwrap();
    assert!(
        !form1.is_empty() && !form2.is_empty() && !form3.is_empty(),
        "{backend}"
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM projects p WHERE p.status = 'budgeted' AND NOT EXISTS \
             (SELECT 1 FROM plan_items i JOIN plans b ON b.id = i.plan_id WHERE i.project_id = p.id AND b.kind = 'budget')").await,
        0,
        "{backend}: a budgeted project is in a budget"
    );

    // new rows are numbered after the loaded ones
    oneplan::db::query("INSERT INTO forums (plan_id, area_code, held_on, chaired_by, attendance, created_at) SELECT MIN(id), '56', '2026-01-05', 'x', 10, 'x' FROM plans")
        .execute(&db)
        .await
        .unwrap();
}

story!(a_damaged_file_loads_nothing_and_names_the_row, Phayao);
async fn a_damaged_file_loads_nothing_and_names_the_row(backend: &str, db: Db) {
    let dir = temp("damaged");
    generate::generate(
        &db,
        &Options {
            area: "5601".into(),
            ..options()
        },
        &dir,
    )
    .await
    .unwrap();
    let path = dir.join("projects.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // the 4th village project of the file: a budget that is not a number
    let line = (1..lines.len())
        .filter(|&i| lines[i].split(',').any(|f| f == "village"))
        .nth(3)
        .unwrap();
    let mut fields: Vec<String> = lines[line].split(',').map(str::to_string).collect();
    let at = fields.iter().position(|f| f == "village").unwrap() + 4;
    fields[at] = "หนึ่งแสน".into();
    lines[line] = fields.join(",");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let err = load::load(&db, &dir).await.unwrap_err().to_string();
    assert!(
        err.contains(&format!("projects.csv แถวที่ {} ช่อง budget_satang", line + 1)),
        "{backend}: {err}"
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM plans").await,
        0,
        "{backend}: nothing written"
    );
    // and a database that already holds plans refuses a dataset
    oneplan::db::query("INSERT INTO plans (kind, owner_key, area_code, first_year, last_year, title, created_at, updated_at) VALUES ('tambon', '560101', '560101', 2569, 2569, 'x', 'x', 'x')")
        .execute(&db)
        .await
        .unwrap();
    let err = load::load(&db, &dir).await.unwrap_err().to_string();
    assert!(err.contains("มีแผนอยู่แล้ว"), "{backend}: {err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
