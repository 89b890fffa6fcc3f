//! The province's planning office exports every tambon plan book of the year as Word files for
//! the districts (`oneplan export tambon-books`): one file per tambon that has a plan that year,
//! each a real Word file holding that tambon's book; nothing for a tambon without one.

mod common;

use oneplan::accounts::{Role, ScopeLevel, User};
use oneplan::db::Db;
use oneplan::error::AppError;
use oneplan::plans::{self, PlanKind, book};
use oneplan::projects::{self, input::ProjectInput};
use std::io::Read;
use std::path::{Path, PathBuf};

fn temp_dir(name: &str) -> PathBuf {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    std::env::temp_dir().join(format!("oneplan_{name}_{}_{t}", std::process::id()))
}

/// A tambon plan of `year` holding the given projects (title, dimension, villages).
async fn tambon_plan(
    db: &Db,
    user: &User,
    tambon: &str,
    year: i64,
    projects: &[(&str, &str, &str)],
) {
    let owner = plans::resolve_owner(db, PlanKind::Tambon, tambon)
        .await
        .unwrap();
    let plan = plans::open(db, user, PlanKind::Tambon, &owner, year)
        .await
        .unwrap();
    for (rank, (title, dimension, villages)) in projects.iter().enumerate() {
        let version = plans::get(db, plan.id).await.unwrap().unwrap().version;
        let input = ProjectInput {
            title: title.to_string(),
            dimension: dimension.to_string(),
            budget: "150,000".into(),
            executor: "ชุมชนร่วมกับหน่วยงาน".into(),
            rank: (rank + 1).to_string(),
            villages: villages.to_string(),
            reach: if villages.is_empty() {
                "ทั้งตำบล"
            } else {
                ""
            }
            .into(),
            starts_on: "1/10/2568".into(),
            ends_on: "31/3/2569".into(),
            ..Default::default()
        };
        projects::add_to_plan(db, user, plan.id, version, &input)
            .await
            .unwrap();
    }
}

/// The text of word/document.xml, after checking the file is a Word package.
fn document_xml(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    assert!(zip.by_name("[Content_Types].xml").is_ok(), "{path:?}");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

#[tokio::test]
async fn every_tambon_plan_book_of_the_year_becomes_a_word_file() {
    for (backend, db) in common::backends().await {
        common::with_phayao(&db).await;
        let admin = common::account(&db, "pdo", Role::Admin, ScopeLevel::National, "").await;
        // Mueang Phayao: แม่ใส and เวียง have a 2569 plan; บ้านใหม่ only a 2568 one
        tambon_plan(
            &db,
            &admin,
            "560114",
            2569,
            &[
                ("ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านร่องไฮ", "ด้านเศรษฐกิจ", "1, 3"),
                ("อบรมอาสาสมัครดูแลผู้สูงอายุ", "ด้านสังคมและคุณภาพชีวิต", "1"),
            ],
        )
        .await;
        tambon_plan(
            &db,
            &admin,
            "560101",
            2569,
            &[("ขุดลอกลำน้ำอิงช่วงกลางเมือง", "ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม", "")],
        )
        .await;
        tambon_plan(
            &db,
            &admin,
            "560111",
            2568,
            &[("ซ่อมแซมฝายกั้นน้ำ", "ด้านเศรษฐกิจ", "2")],
        )
        .await;
        // Chun district: outside the 5601 export
        tambon_plan(
            &db,
            &admin,
            "560201",
            2569,
            &[("ปลูกป่าชุมชน", "ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม", "")],
        )
        .await;

        let dir = temp_dir("export").join("เล่มแผน 2569");
        let mut seen = Vec::new();
        let done = book::export_all(&db, 2569, "5601", &dir, |n, of| seen.push((n, of)))
            .await
            .unwrap();
        assert_eq!(done.books, 2, "{backend}");
        assert_eq!(
            seen,
            [(1, 2), (2, 2)],
            "{backend}: progress after each file"
        );
        assert_eq!(
            files(&dir),
            ["560101 เวียง.docx", "560114 แม่ใส.docx"],
            "{backend}: one file per tambon with a 2569 plan, none for บ้านใหม่ (2568 only) or Chun"
        );
        let total: u64 = files(&dir)
            .iter()
            .map(|f| std::fs::metadata(dir.join(f)).unwrap().len())
            .sum();
        assert_eq!(done.bytes, total, "{backend}");
        let mae_sai = document_xml(&dir.join("560114 แม่ใส.docx"));
        for want in [
            "แผนพัฒนาตำบลแม่ใส",
            "ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านร่องไฮ",
            "อบรมอาสาสมัครดูแลผู้สูงอายุ",
        ] {
            assert!(mae_sai.contains(want), "{backend}: {want} in แม่ใส's book");
        }
        assert!(
            !mae_sai.contains("ขุดลอกลำน้ำอิง"),
            "{backend}: only its own projects"
        );
        let wiang = document_xml(&dir.join("560101 เวียง.docx"));
        assert!(wiang.contains("แผนพัฒนาตำบลเวียง") && wiang.contains("ขุดลอกลำน้ำอิงช่วงกลางเมือง"));

        // the whole province, into the same directory: the files are replaced, Chun's added
        let done = book::export_all(&db, 2569, "๕๖", &dir, |_, _| {})
            .await
            .unwrap();
        assert_eq!(
            done.books, 3,
            "{backend}: Thai digits read as the area code"
        );
        assert_eq!(files(&dir).len(), 3, "{backend}: {:?}", files(&dir));
        assert!(
            files(&dir).contains(&"560201 ห้วยข้าวก่ำ.docx".to_string()),
            "{:?}",
            files(&dir)
        );

        // a year without tambon plans writes nothing
        let empty = temp_dir("export_empty");
        let done = book::export_all(&db, 2570, "", &empty, |_, _| {})
            .await
            .unwrap();
        assert_eq!(done, book::Exported::default(), "{backend}");
        assert!(files(&empty).is_empty(), "{backend}");

        // a directory that cannot be made, and an area that is not a code, say so in Thai
        let file = empty.join("a-file");
        std::fs::write(&file, b"x").unwrap();
        match book::export_all(&db, 2569, "56", &file.join("books"), |_, _| {}).await {
            Err(AppError::Invalid(m)) => assert!(m.starts_with("เขียนไฟล์ที่"), "{m}"),
            other => panic!("{backend}: {other:?}"),
        }
        match book::export_all(&db, 2569, "พะเยา", &empty, |_, _| {}).await {
            Err(AppError::Invalid(m)) => assert!(m.contains("รหัสพื้นที่"), "{m}"),
            other => panic!("{backend}: {other:?}"),
        }
        let _ = std::fs::remove_dir_all(dir.parent().unwrap());
        let _ = std::fs::remove_dir_all(&empty);
    }
}

/// The command itself: an empty year is a message and success; an unwritable directory fails.
#[tokio::test]
async fn the_command_reports_in_thai() {
    let data = temp_dir("export_cli");
    let run = |args: Vec<String>| async move {
        let cli = <oneplan::cli::Cli as clap::Parser>::try_parse_from(args).unwrap();
        oneplan::cli::run(cli).await
    };
    let base = |out: &Path| {
        vec![
            "oneplan".to_string(),
            "--data-dir".into(),
            data.display().to_string(),
            "export".into(),
            "tambon-books".into(),
            "--year".into(),
            "2569".into(),
            "--out".into(),
            out.display().to_string(),
        ]
    };
    let out = data.join("books");
    run(base(&out))
        .await
        .expect("nothing to export is no failure");
    assert!(out.is_dir());
    std::fs::write(data.join("a-file"), b"x").unwrap();
    let err = run(base(&data.join("a-file").join("books")))
        .await
        .expect_err("an unwritable directory fails");
    let text = format!("{err:#}");
    assert!(
        text.starts_with("ส่งออกเล่มแผนพัฒนาตำบลไม่สำเร็จ: เขียนไฟล์ที่"),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&data);
}

/// The whole country on the embedded database (run by hand, in release for real timings:
/// `cargo test --release --test export_story -- --ignored --nocapture`): a 2569 plan for each of
/// the 7,436 tambons with 150–300 projects; prints the time per book and of the whole export.
/// ONEPLAN_BENCH_AREA limits it to one area's tambons (e.g. 56).
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn national_scale() {
    let area = std::env::var("ONEPLAN_BENCH_AREA").unwrap_or_default();
    let db = common::sqlite().await;
    let t = std::time::Instant::now();
    oneplan::areas::national::load(&db, None).await.unwrap();
    eprintln!("national data loaded in {:.1?}", t.elapsed());
    let t = std::time::Instant::now();
    for sql in [
        "INSERT INTO plans (kind, owner_key, area_code, first_year, last_year, title, status, made_quarter, \
         delivered_lao_on, delivered_district_on, created_at, updated_at) \
         SELECT 'tambon', code, code, 2569, 2569, 'แผนพัฒนาตำบล' || name_th, 'approved', 2, '2026-04-30', '2026-05-02', 'x', 'x' \
         FROM areas WHERE level = 'tambon' AND code LIKE $1",
        "INSERT INTO forums (plan_id, area_code, held_on, place, chaired_by, held_by, attendance, created_at) \
         SELECT id, area_code, '2026-02-20', 'ศาลาเอนกประสงค์ประจำตำบล', 'นายประสิทธิ์ คำดี ประธาน ศอช.ต.', 'ศอช.ต.', 64, 'x' \
         FROM plans WHERE kind = 'tambon' AND area_code LIKE $1",
        // 150–300 projects a tambon, spread over its villages and the six dimensions
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300), \
         v AS (SELECT code, parent_code, ROW_NUMBER() OVER (PARTITION BY parent_code ORDER BY code) AS k, \
               COUNT(*) OVER (PARTITION BY parent_code) AS c FROM areas WHERE level = 'village') \
         INSERT INTO projects (title, dimension, area_code, origin_plan_id, reach, budget_satang, executor, \
                               starts_on, ends_on, created_at, updated_at) \
         SELECT 'ก่อสร้างถนนคอนกรีตเสริมเหล็กสายกลางหมู่บ้าน ช่วงที่ ' || CAST(n.i AS TEXT) || ' บ้าน' || t.name_th, \
                CASE n.i % 6 WHEN 0 THEN 'economy' WHEN 1 THEN 'society' WHEN 2 THEN 'environment' \
                     WHEN 3 THEN 'security' WHEN 4 THEN 'administration' ELSE 'economy' END, \
                v.code, p.id, 'village', 5000000 + n.i * 123456, \
                CASE n.i % 3 WHEN 0 THEN 'community' WHEN 1 THEN 'joint' ELSE 'lao' END, \
                '2025-10-01', '2026-09-30', 'x', 'x' \
         FROM plans p JOIN areas t ON t.code = p.area_code \
         JOIN n ON n.i <= 150 + (CAST(SUBSTR(p.area_code, 3, 4) AS BIGINT) * 37) % 151 \
         JOIN v ON v.parent_code = p.area_code AND v.k = 1 + n.i % v.c \
         WHERE p.kind = 'tambon' AND p.area_code LIKE $1",
        "INSERT INTO plan_items (plan_id, project_id, fiscal_year, rank, amount_satang, decided_on, created_at, created_by) \
         SELECT origin_plan_id, id, 2569, ROW_NUMBER() OVER (PARTITION BY origin_plan_id ORDER BY id), \
                budget_satang, '2026-02-20', 'x', 'x' FROM projects",
        "INSERT INTO project_villages (project_id, village_code) SELECT id, area_code FROM projects",
    ] {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        if sql.contains("$1") {
            q = q.bind(format!("{area}%"));
        }
        q.execute(&db.pool).await.unwrap();
    }
    let (plans, items): (i64, i64) =
        sqlx::query_as("SELECT (SELECT COUNT(*) FROM plans), (SELECT COUNT(*) FROM plan_items)")
            .fetch_one(&db.pool)
            .await
            .unwrap();
    eprintln!(
        "{plans} tambon plans, {items} projects made in {:.1?}",
        t.elapsed()
    );

    // one book at a time: reading and writing measured apart
    // Bangkok's khwaeng have no villages and so no projects: sample plans that hold some
    let ids: Vec<(i64,)> = sqlx::query_as(
        "SELECT id FROM plans WHERE id IN (SELECT plan_id FROM plan_items) ORDER BY id LIMIT 100",
    )
    .fetch_all(&db.pool)
    .await
    .unwrap();
    let (mut read, mut render, mut bytes) = (0.0, 0.0, 0);
    for (id,) in &ids {
        let t = std::time::Instant::now();
        let doc = book::tambon_plan_book(&db, *id).await.unwrap();
        read += t.elapsed().as_secs_f64();
        let t = std::time::Instant::now();
        bytes += oneplan::documents::docx(&doc).unwrap().len();
        render += t.elapsed().as_secs_f64();
    }
    let n = ids.len() as f64;
    eprintln!(
        "per book ({} books, {:.0} projects each): read {:.1} ms, Word {:.1} ms, {:.0} KB",
        ids.len(),
        items as f64 / plans as f64,
        read * 1000.0 / n,
        render * 1000.0 / n,
        bytes as f64 / n / 1000.0
    );

    let dir = temp_dir("export_national");
    let t = std::time::Instant::now();
    let done = book::export_all(&db, 2569, "", &dir, |_, _| {})
        .await
        .unwrap();
    let secs = t.elapsed().as_secs_f64();
    eprintln!(
        "exported {} books in {secs:.1} s ({:.1} ms a book on {} cores), {:.0} MB",
        done.books,
        secs * 1000.0 / done.books as f64,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        done.bytes as f64 / 1e6
    );
    assert_eq!(done.books as i64, plans);
    assert_eq!(files(&dir).len() as i64, plans);
    let _ = std::fs::remove_dir_all(&dir);
}
