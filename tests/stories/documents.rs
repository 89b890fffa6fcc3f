//! Official documents as people receive them: a Word file, an Excel file and a CSV from one
//! document model; the tambon plan book built from a plan; the district's model tambon plan
//! chosen, replaced and refused — and the Word and Excel files opened by LibreOffice and
//! printed, to see that Thai text, Thai digits and the TH Sarabun face survive.

use crate::common;
use axum::http::{StatusCode, header};
use calamine::{Data, Reader, Xlsx};
use common::print::installed;
use common::{Client, cast, pictures};
use oneplan::accounts::{User, sessions};
use oneplan::books::{self as book, model_plan};
use oneplan::db::Db;
use oneplan::documents::{
    self, Align, Cell, Column, Document, Section, Signature, Table, csv, docx, xlsx,
};
use oneplan::error::AppError;
use oneplan::forums::{self, ForumInput};
use oneplan::plans::{self, PlanKind};
use oneplan::projects::input::ProjectInput;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use time::macros::date;

fn sample() -> Document {
    Document {
        title: "รายงานผลการจัดทำแผนพัฒนาตำบล ปีงบประมาณ 2566".into(),
        subtitle: vec!["อำเภอเมืองพะเยา จังหวัดพะเยา".into()],
        sections: vec![
            Section::Facts(vec![
                ("ตำบลเป้าหมาย".into(), "15 ตำบล".into()),
                ("ผู้ประสานงาน".into(), "นางสาวมาลี ศรีสุข".into()),
            ]),
            Section::Heading("1. โครงการที่นำไปใช้ประโยชน์".into()),
            Section::Paragraph("ตำบลนำโครงการในเล่มแผนไปใช้ในการบริหารจัดการชุมชน".into()),
            Section::Table(Table {
                columns: vec![
                    Column::new("ลำดับ", Align::Centre),
                    Column::new("โครงการ/กิจกรรม", Align::Left),
                    Column::new("งบประมาณ (บาท)", Align::Right),
                    Column::new("ร้อยละ", Align::Right),
                    Column::new("วันเริ่มต้น", Align::Centre),
                ],
                rows: vec![
                    vec![
                        Cell::Int(1),
                        Cell::text("ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านร่องไฮ–ห้วยแม่ใส"),
                        Cell::Baht(49_500_000),
                        Cell::Percent(3333),
                        Cell::Date(date!(2023 - 02 - 24)),
                    ],
                    vec![
                        Cell::Int(2),
                        Cell::text("อบรมอาสาสมัครดูแลผู้สูงอายุ"),
                        Cell::Baht(2_000_050),
                        Cell::Percent(6667),
                        Cell::Empty,
                    ],
                ],
                total: Some(vec![
                    Cell::Empty,
                    Cell::text("รวม"),
                    Cell::Baht(51_500_050),
                    Cell::Percent(10_000),
                    Cell::Empty,
                ]),
            }),
        ],
        signature: Some(Signature {
            name: "นายสมชาย ใจดี".into(),
            position: "พัฒนาการอำเภอเมืองพะเยา".into(),
            date: Some(date!(2023 - 02 - 24)),
            role: "ผู้รายงาน".into(),
        }),
        landscape: false,
    }
}

pub(crate) fn unzip(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the package"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The text of every run of a Word document, in order.
pub(crate) fn runs(document_xml: &str) -> Vec<String> {
    document_xml
        .split("<w:t")
        .skip(1)
        .filter(|p| p.starts_with('>') || p.starts_with(' '))
        .filter_map(|p| p.split_once('>'))
        .map(|(_, rest)| rest.split("</w:t>").next().unwrap_or("").to_string())
        .collect()
}

fn cells(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let range = wb.worksheet_range_at(0).unwrap().unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

fn has_text(rows: &[Vec<Data>], text: &str) -> bool {
    rows.iter()
        .flatten()
        .any(|d| matches!(d, Data::String(s) if s.contains(text)))
}

#[test]
fn one_document_becomes_word_excel_and_csv_the_thai_official_way() {
    let doc = sample();

    let word = docx(&doc).unwrap();
    let xml = unzip(&word, "word/document.xml");
    assert!(
        xml.contains(r#"w:cs="TH Sarabun New""#),
        "complex-script font set"
    );
    assert!(xml.contains(r#"w:ascii="TH Sarabun New""#));
    assert!(xml.contains(r#"<w:sz w:val="32" />"#) && xml.contains(r#"<w:szCs w:val="32" />"#));
    assert!(
        xml.contains(r#"w:w="11906""#) && xml.contains(r#"w:h="16838""#),
        "A4 portrait"
    );
    let text = runs(&xml);
    for expected in [
        "รายงานผลการจัดทำแผนพัฒนาตำบล ปีงบประมาณ ๒๕๖๖",
        "๔๙๕,๐๐๐.๐๐",
        "๕๑๕,๐๐๐.๕๐",
        "๓๓.๓๓",
        "๒๔ ก.พ. ๖๖",
        "(นายสมชาย ใจดี)",
        "วันที่ ๒๔ กุมภาพันธ์ ๒๕๖๖",
        "๑๕ ตำบล",
    ] {
        assert!(text.iter().any(|t| t == expected), "{expected} in {text:?}");
    }
    assert!(
        text.iter().all(|t| !t.chars().any(|c| c.is_ascii_digit())),
        "every number in Thai digits: {text:?}"
    );
    let styles = unzip(&word, "word/styles.xml");
    assert!(styles.contains(r#"w:cs="TH Sarabun New""#));

    let book = xlsx(&doc).unwrap();
    let rows = cells(&book);
    assert!(matches!(&rows[0][0], Data::String(s) if s.contains("ปีงบประมาณ ๒๕๖๖")));
    let flat: Vec<&Data> = rows.iter().flatten().collect();
    assert!(
        flat.contains(&&Data::Float(495_000.0)),
        "baht stays a number"
    );
    assert!(flat.contains(&&Data::Float(515_000.5)));
    assert!(
        flat.iter()
            .any(|d| matches!(d, Data::Float(f) if (f - 0.3333).abs() < 1e-9))
    );
    let dated = flat
        .iter()
        .find_map(|d| match d {
            Data::DateTime(dt) => Some(dt.as_f64()),
            _ => None,
        })
        .expect("a real date");
    assert_eq!(dated, 44981.0, "24 Feb 2023 as an Excel date");
    assert!(has_text(&rows, "(นายสมชาย ใจดี)"));
    let xl_styles = unzip(&book, "xl/styles.xml");
    assert!(
        xl_styles.contains("[$-D00041E]#,##0.00"),
        "Thai digits for baht"
    );
    assert!(
        xl_styles.contains("[$-D07041E]d mmm yyyy"),
        "Thai digits, BE dates"
    );
    assert!(xl_styles.contains("TH Sarabun New"));

    let bytes = csv(&doc).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert_eq!(
        text,
        "1. โครงการที่นำไปใช้ประโยชน์\r\n\
         ลำดับ,โครงการ/กิจกรรม,งบประมาณ (บาท),ร้อยละ,วันเริ่มต้น\r\n\
         1,ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านร่องไฮ–ห้วยแม่ใส,495000.00,33.33,24/02/2566\r\n\
         2,อบรมอาสาสมัครดูแลผู้สูงอายุ,20000.50,66.67,\r\n\
         ,รวม,515000.50,100.00,\r\n"
    );
    for f in [
        documents::Format::Docx,
        documents::Format::Xlsx,
        documents::Format::Csv,
    ] {
        assert!(!f.render(&doc).unwrap().is_empty(), "{f:?}");
    }
}

#[test]
fn a_document_without_rows_still_says_so() {
    let empty = Document {
        title: "ทะเบียนข้อมูลตำบลเป้าหมาย".into(),
        sections: vec![Section::Table(Table {
            columns: vec![
                Column::new("ตำบล", Align::Left),
                Column::new("ผู้ประสานงาน", Align::Left),
            ],
            rows: vec![],
            total: None,
        })],
        signature: Some(Signature::default()),
        ..Default::default()
    };
    let text = runs(&unzip(&docx(&empty).unwrap(), "word/document.xml"));
    assert!(text.iter().any(|t| t == "ไม่มีข้อมูล"));
    assert!(
        text.iter().any(|t| t.starts_with("(....")),
        "unsigned: dotted lines"
    );
    let rows = cells(&xlsx(&empty).unwrap());
    assert!(has_text(&rows, "ไม่มีข้อมูล") && has_text(&rows, "ผู้ประสานงาน"));
    assert_eq!(
        csv(&empty).unwrap(),
        "\u{feff}ตำบล,ผู้ประสานงาน\r\nไม่มีข้อมูล\r\n".as_bytes()
    );
    // no sections at all
    let bare = Document {
        title: "ว่าง".into(),
        ..Default::default()
    };
    let text = runs(&unzip(&docx(&bare).unwrap(), "word/document.xml"));
    assert!(text.iter().any(|t| t == "ไม่มีข้อมูล"));
    assert!(has_text(&cells(&xlsx(&bare).unwrap()), "ไม่มีข้อมูล"));
    assert_eq!(csv(&bare).unwrap(), "\u{feff}ไม่มีข้อมูล\r\n".as_bytes());
}

fn project(title: &str, dimension: &str, rank: &str, budget: &str, villages: &str) -> ProjectInput {
    ProjectInput {
        title: title.into(),
        dimension: dimension.into(),
        budget: budget.into(),
        executor: "ชุมชนร่วมกับหน่วยงาน".into(),
        rank: rank.into(),
        villages: villages.into(),
        starts_on: "1/10/2568".into(),
        ends_on: "31/3/2569".into(),
        ..Default::default()
    }
}

async fn version(db: &Db, plan: i64) -> i64 {
    plans::get(db, plan).await.unwrap().unwrap().version
}

/// The tambon plan of แม่ใส for 2569: a forum, three projects in two core dimensions, milestones.
async fn mae_sai_plan(db: &Db, officer: &User) -> plans::Plan {
    let owner = plans::resolve_owner(db, PlanKind::Tambon, "560114")
        .await
        .unwrap();
    let plan = plans::open(db, officer, PlanKind::Tambon, &owner, 2569)
        .await
        .unwrap();
    forums::add(
        db,
        officer,
        plan.id,
        plan.version,
        &ForumInput {
            held_on: "20 ก.พ. 2569".into(),
            place: "ที่ทำการ อบต.แม่ใส".into(),
            chaired_by: "นายประสิทธิ์ คำดี ประธาน ศอช.ต.".into(),
            held_by: "ศอช.ต.".into(),
            attendance: "64".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    for p in [
        project(
            "ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านร่องไฮ–ห้วยแม่ใส",
            "ด้านเศรษฐกิจ",
            "1",
            "495,000",
            "1, 3",
        ),
        project(
            "อบรมอาสาสมัครดูแลผู้สูงอายุ",
            "ด้านสังคมและคุณภาพชีวิต",
            "2",
            "20,000",
            "1",
        ),
        ProjectInput {
            reach: "ทั้งตำบล".into(),
            ..project(
                "ส่งเสริมกลุ่มอาชีพทอผ้าพื้นเมือง",
                "ด้านเศรษฐกิจ",
                "3",
                "120,000.50",
                "",
            )
        },
    ] {
        oneplan::adoption::add_to_plan(db, officer, plan.id, version(db, plan.id).await, &p)
            .await
            .unwrap();
    }
    plans::set_milestones(
        db,
        officer,
        plan.id,
        version(db, plan.id).await,
        plans::Milestones {
            made_quarter: "2".into(),
            made_on: "2026-02-20".into(),
            delivered_lao_on: "30 เม.ย. 2569".into(),
            delivered_district_on: "2/5/2569".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    plans::get(db, plan.id).await.unwrap().unwrap()
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.sections
        .iter()
        .filter_map(|s| match s {
            Section::Table(t) => Some(t),
            _ => None,
        })
        .collect()
}

story!(the_tambon_plan_book_and_the_districts_model_plan, Phayao);
async fn the_tambon_plan_book_and_the_districts_model_plan(backend: &str, db: Db) {
    let cdo = cast::tambon(&db).await;
    let district = cast::district(&db).await;
    let other = cast::outsider(&db).await;
    let plan = mae_sai_plan(&db, &cdo).await;

    // the book: cover facts, a summary, one table per dimension with a total
    let doc = book::tambon_plan_book(&db, plan.id).await.unwrap();
    assert_eq!(doc.title, "แผนพัฒนาตำบลแม่ใส", "{backend}");
    assert_eq!(
        doc.subtitle,
        vec!["อำเภอเมืองพะเยา จังหวัดพะเยา", "ประจำปีงบประมาณ พ.ศ. 2569"]
    );
    let Section::Facts(facts) = &doc.sections[1] else {
        panic!("cover facts first")
    };
    let fact = |k: &str| facts.iter().find(|(l, _)| l == k).map(|(_, v)| v.as_str());
    assert_eq!(fact("จัดทำแผนในไตรมาสที่"), Some("2"));
    assert_eq!(fact("ส่งเล่มแผนให้ อปท. เมื่อ"), Some("30 เมษายน 2569"));
    assert_eq!(fact("ส่งเล่มแผนให้อำเภอเมื่อ"), Some("2 พฤษภาคม 2569"));
    assert!(
        fact("เวทีประชาคม")
            .unwrap()
            .starts_with("20 กุมภาพันธ์ 2569 ณ ที่ทำการ อบต.แม่ใส จัดโดย ศอช.ต.")
    );
    assert_eq!(
        fact("โครงการทั้งหมด"),
        Some("3 โครงการ งบประมาณรวม 635,000.50 บาท (หกแสนสามหมื่นห้าพันบาทห้าสิบสตางค์)")
    );
    let headings: Vec<&str> = doc
        .sections
        .iter()
        .filter_map(|s| match s {
            Section::Heading(h) => Some(h.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        headings[3..],
        [
            "1. ด้านเศรษฐกิจ (2 โครงการ)",
            "2. ด้านสังคมและคุณภาพชีวิต (1 โครงการ)"
        ]
    );
    assert!(doc.sections.contains(&Section::Paragraph(
        "แผนนี้ยังขาดมิติการพัฒนาหลัก: ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม".into()
    )));
    let t = tables(&doc);
    let summary = t[0];
    assert_eq!(summary.rows.len(), 3, "the three core dimensions");
    assert_eq!(
        summary.rows[2][2..],
        [Cell::Int(0), Cell::Baht(0), Cell::Percent(0)],
        "{backend}: the missing dimension shows as nothing"
    );
    assert_eq!(
        summary.total.as_ref().unwrap()[2..],
        [Cell::Int(3), Cell::Baht(63_500_050), Cell::Percent(10_000)]
    );
    assert_eq!(
        summary.rows[0][4],
        Cell::Percent(9685),
        "615,000.50 of 635,000.50"
    );
    let economy = t[1];
    assert_eq!(economy.rows.len(), 2);
    assert_eq!(
        economy.rows[0],
        vec![
            Cell::Int(1),
            Cell::text("ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านร่องไฮ–ห้วยแม่ใส"),
            Cell::text("หมู่ที่ 1, 3"),
            Cell::Baht(49_500_000),
            Cell::text("ชุมชนร่วมกับหน่วยงาน"),
            Cell::text("1 ต.ค. 68 – 31 มี.ค. 69"),
        ]
    );
    assert_eq!(economy.rows[1][0], Cell::Int(3));
    assert_eq!(economy.rows[1][2], Cell::text("ทั้งตำบล"), "no village named");
    assert_eq!(
        economy.total.as_ref().unwrap()[1..4],
        [
            Cell::text("รวม 2 โครงการ"),
            Cell::Empty,
            Cell::Baht(61_500_050)
        ]
    );
    assert_eq!(t[2].total.as_ref().unwrap()[3], Cell::Baht(2_000_000));
    let word = docx(&doc).unwrap();
    let text = runs(&unzip(&word, "word/document.xml"));
    assert!(text.iter().any(|t| t == "๖๑๕,๐๐๐.๕๐"), "{backend}");
    let sheet = xlsx(&doc).unwrap();

    // only a tambon plan has a tambon plan book
    let village = plans::open(
        &db,
        &cdo,
        PlanKind::Village,
        &plans::resolve_owner(&db, PlanKind::Village, "56011401")
            .await
            .unwrap(),
        2569,
    )
    .await
    .unwrap();
    assert!(matches!(
        book::tambon_plan_book(&db, village.id).await,
        Err(AppError::Invalid(_))
    ));

    // the district chooses its model plan; the tambon and another district may not
    for outsider in [&cdo, &other] {
        let refused = model_plan::designate(&db, outsider, plan.id, "").await;
        assert!(matches!(refused, Err(AppError::Forbidden(_))), "{backend}");
    }
    let denied: i64 = oneplan::db::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'denied' AND entity = 'model_tambon_plan'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    // two refusals, each under the actor's area and the plan's
    assert_eq!(denied, 4, "{backend}: refusals are on record");
    assert!(matches!(
        model_plan::designate(&db, &district, village.id, "").await,
        Err(AppError::Invalid(_))
    ));
    let first = model_plan::designate(&db, &district, plan.id, "ครบทุกองค์ประกอบ")
        .await
        .unwrap();
    assert_eq!(
        (first.district_code.as_str(), first.fiscal_year),
        ("5601", 2569)
    );
    assert!(model_plan::is_current(&db, plan.id).await.unwrap());

    // a later choice replaces it; the earlier stays in the history
    let wiang = plans::open(
        &db,
        &district,
        PlanKind::Tambon,
        &plans::resolve_owner(&db, PlanKind::Tambon, "560101")
            .await
            .unwrap(),
        2569,
    )
    .await
    .unwrap();
    model_plan::designate(&db, &district, wiang.id, "")
        .await
        .unwrap();
    model_plan::designate(&db, &district, wiang.id, "")
        .await
        .unwrap();
    let history = model_plan::history(&db, "5601", 2569).await.unwrap();
    assert_eq!(
        history.iter().map(|m| m.plan_id).collect::<Vec<_>>(),
        vec![plan.id, wiang.id],
        "{backend}: choosing the same plan again changes nothing"
    );
    assert!(history[0].replaced_at.is_some() && history[1].replaced_at.is_none());
    assert_eq!(history[0].note, "ครบทุกองค์ประกอบ");
    assert_eq!(history[0].chosen_by_name, "คุณ amphoe");
    assert!(!model_plan::is_current(&db, plan.id).await.unwrap());
    let current = model_plan::of_district(&db, "5601").await.unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].plan_id, wiang.id);
    let designations: i64 = oneplan::db::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'designate' AND entity_key = '5601:2569'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert_eq!(designations, 2);

    over_http(&db, &district, plan.id, wiang.id, backend).await;

    // printed by LibreOffice: the real check that Thai, its digits and the font survive
    print_and_look(backend, &word, &sheet);
}

async fn over_http(db: &Db, district: &User, mae_sai: i64, wiang: i64, backend: &str) {
    let mut visitor = Client::new(db);
    let (token, csrf) = sessions::start(db, district.id).await.unwrap();
    let mut c = visitor.another();
    c.cookie = format!("{}={token}", sessions::COOKIE);
    let r = visitor.get(&format!("/plans/{mae_sai}/book.docx")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}: sign in first");
    for (ext, kind) in [
        ("docx", "wordprocessingml"),
        ("xlsx", "spreadsheetml"),
        ("csv", "text/csv"),
    ] {
        let r = c.get(&format!("/plans/{mae_sai}/book.{ext}")).await;
        assert_eq!(r.status, StatusCode::OK, "{backend} {ext}");
        assert!(
            r.headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .contains(kind)
        );
        assert!(
            r.headers[header::CONTENT_DISPOSITION]
                .to_str()
                .unwrap()
                .contains(&format!("tambon-plan-560114-2569.{ext}"))
        );
        assert!(r.bytes.len() > 100);
    }
    let page = c.get("/areas/5601").await.body;
    assert!(
        page.contains("แผนต้นแบบของอำเภอ") && page.contains(&format!("/plans/{wiang}/book.docx")),
        "{backend}"
    );
    let page = c.get(&format!("/plans/{mae_sai}")).await.body;
    assert!(page.contains(r#"id="mark-model""#) && !page.contains(r#"id="model-plan""#));
    let r = c
        .post(&format!("/plans/{mae_sai}/model"), &format!("csrf={csrf}"))
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{backend}");
    assert_eq!(
        r.headers[header::LOCATION],
        format!("/plans/{mae_sai}?done=document.done.model")
    );
    let page = c
        .get(&format!("/plans/{mae_sai}?done=document.done.model"))
        .await
        .body;
    assert!(page.contains(r#"id="model-plan""#) && page.contains("บันทึกเป็นแผนต้นแบบของอำเภอแล้ว"));
    let r = c
        .post(&format!("/plans/{mae_sai}/model"), "csrf=forged")
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

/// Word and Excel files printed to PDF by LibreOffice, page 1 of each drawn to PNG by poppler;
/// the pictures of the SQLite test are kept (see common::pictures).
fn print_and_look(backend: &str, word: &[u8], sheet: &[u8]) {
    if !installed("soffice") || !installed("pdftoppm") {
        let m = "soffice or pdftoppm is missing (Debian: libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils; scripts/test.sh installs them)";
        assert!(!common::db::required(), "{m}");
        eprintln!("{m}: printing skipped");
        return;
    }
    let dir = common::temp_dir("oneplan_print");
    for (name, bytes) in [
        ("tambon-plan-book.docx", word),
        ("tambon-plan-book-xlsx.xlsx", sheet),
    ] {
        let png = print(&dir, &dir, name, bytes);
        if backend == "sqlite" {
            let name = png.file_name().unwrap().to_str().unwrap();
            pictures::keep(name, &std::fs::read(&png).unwrap());
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn print(dir: &Path, out: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let file = out.join(name);
    std::fs::write(&file, bytes).unwrap();
    let started = std::time::Instant::now();
    // a profile of its own, so a desktop LibreOffice or another run does not get in the way
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let status = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let stem = name.rsplit_once('.').unwrap().0;
    let pdf = out.join(format!("{stem}.pdf"));
    let pdf_bytes = std::fs::read(&pdf).unwrap_or_else(|_| panic!("{} printed", pdf.display()));
    assert!(
        pdf_bytes.starts_with(b"%PDF") && pdf_bytes.len() > 10_000,
        "{name}"
    );
    eprintln!("{name}: PDF in {:.1} s", started.elapsed().as_secs_f64());
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("แผนพัฒนาตำบลแม่ใส") && text.contains("๒๕๖๙"),
        "{name}: Thai text and digits in the PDF:\n{text}"
    );
    let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(
        fonts.contains("Sarabun") || fonts.contains("Laksaman"),
        "{name}: a Sarabun face:\n{fonts}"
    );
    let png_stem = out.join(stem);
    let drawn = Command::new("pdftoppm")
        .args(["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf)
        .arg(&png_stem)
        .status()
        .unwrap();
    assert!(drawn.success());
    let png = out.join(format!("{stem}.png"));
    let png_bytes = std::fs::read(&png).unwrap();
    assert!(
        png_bytes.starts_with(b"\x89PNG") && png_bytes.len() > 20_000,
        "{name}: a page with something on it"
    );
    png
}
