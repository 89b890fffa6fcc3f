//! The province's planning office exports every tambon plan book of the year as Word files for
//! the districts (`oneplan export tambon-books`): one file per tambon that has a plan that year,
//! each a real Word file holding that tambon's book; nothing for a tambon without one.

use crate::common;
use oneplan::accounts::User;
use oneplan::books as book;
use oneplan::db::Db;
use oneplan::error::AppError;
use oneplan::plans::{self, PlanKind};
use oneplan::projects::input::ProjectInput;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A path of its own under the temporary directory, not made yet.
fn temp_dir(name: &str) -> PathBuf {
    std::env::temp_dir().join(common::unique(&format!("oneplan_{name}")))
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
        oneplan::adoption::add_to_plan(db, user, plan.id, version, &input)
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

story!(
    every_tambon_plan_book_of_the_year_becomes_a_word_file,
    Phayao
);
async fn every_tambon_plan_book_of_the_year_becomes_a_word_file(backend: &str, db: Db) {
    let admin = common::cast::root(&db).await;
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
        Err(e @ AppError::Invalid(_)) => {
            let m = e.message_th();
            assert!(m.starts_with("เขียนไฟล์ที่"), "{m}")
        }
        other => panic!("{backend}: {other:?}"),
    }
    match book::export_all(&db, 2569, "พะเยา", &empty, |_, _| {}).await {
        Err(e @ AppError::Invalid(_)) => {
            let m = e.message_th();
            assert!(m.contains("รหัสพื้นที่"), "{m}")
        }
        other => panic!("{backend}: {other:?}"),
    }
    let _ = std::fs::remove_dir_all(dir.parent().unwrap());
    let _ = std::fs::remove_dir_all(&empty);
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
