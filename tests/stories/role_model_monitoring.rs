//! Role Model monitoring and the report book (issue 14, seed 004 ข้อ ๒–๓): once the chief has
//! approved the selection, the district office reports progress (the percent, the money spent
//! within the project's budget, the result once done) and photos (JPEG or PNG known by their
//! bytes, at most 5 MB, with the day and place); the chief and DOPA's inspector of the province
//! comment and the office answers, one answer never lost to another; the book's three parts are
//! sent as a version and print as they were sent, whatever the records do afterwards.

use crate::common;
use common::cast;
use oneplan::accounts::{Agency, Role, ScopeLevel, User};
use oneplan::db::Db;
use oneplan::documents::{Cell, Document, Section};
use oneplan::error::AppError;
use oneplan::project_bank::{self, input::EntryInput};
use oneplan::role_model::book::{self, SendInput};
use oneplan::role_model::comments::{self, Writer};
use oneplan::role_model::monitoring::{self, ProgressInput, Standing};
use oneplan::role_model::photos::{self, PhotoInput};
use oneplan::role_model::rounds::{self, RoundInput};
use oneplan::role_model::screening::Criterion;
use oneplan::role_model::selection::{self, AnswerInput, Step};

/// A real 4 × 3 PNG.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x03, 0x08, 0x02, 0x00, 0x00, 0x00, 0x3b, 0x96, 0x39,
    0x91, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x38, 0xa3, 0xa4, 0x04,
    0x47, 0x0c, 0x38, 0x39, 0x00, 0x00, 0xce, 0x0c, 0xc1, 0x8d, 0xf7, 0x9b, 0x7d, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Every text the document prints, one per line.
fn words(doc: &Document) -> String {
    let mut out = vec![doc.title.clone()];
    out.extend(doc.subtitle.iter().cloned());
    for s in &doc.sections {
        match s {
            Section::Heading(t) | Section::Paragraph(t) => out.push(t.clone()),
            Section::Facts(list) => out.extend(list.iter().map(|(k, v)| format!("{k} {v}"))),
            Section::Table(t) => {
                for c in t.rows.iter().flatten() {
                    if let Cell::Text(x) = c {
                        out.push(x.clone());
                    }
                }
            }
            Section::Image(i) => out.push(i.caption.clone()),
        }
    }
    if let Some(sig) = &doc.signature {
        out.push(sig.name.clone());
    }
    out.join("\n")
}

fn codes(e: AppError) -> Vec<&'static str> {
    e.problems().iter().map(|p| p.code()).collect()
}

async fn with_position(db: &Db, u: User, position: &str) -> User {
    oneplan::db::query("UPDATE users SET position = $1 WHERE id = $2")
        .bind(position)
        .bind(u.id)
        .execute(db)
        .await
        .unwrap();
    oneplan::accounts::get(db, u.id).await.unwrap().unwrap()
}

fn progress(bank_id: i64, percent: &str, spent: &str, result: &str) -> ProgressInput {
    ProgressInput {
        bank_id,
        percent: percent.into(),
        spent: spent.into(),
        problems: "ฝนตกหนักช่วงเดือนแรก".into(),
        result: result.into(),
        ..Default::default()
    }
}

story!(a_role_model_district_reports_and_sends_its_book, Phayao);
async fn a_role_model_district_reports_and_sends_its_book(backend: &str, db: Db) {
    // this fiscal year's round: its work is due on the year's last day, still ahead
    let today = oneplan::thai::fiscal::today_in_thailand();
    let fy = i64::from(oneplan::thai::fiscal_year_be(today));
    let root = cast::root(&db).await;
    let cdo = cast::tambon(&db).await;
    let palat = cast::dopa_district(&db).await;
    let outsider = cast::outsider(&db).await;
    let chief = cast::account_of(
        &db,
        "nai.amphoe",
        Role::Officer,
        ScopeLevel::District,
        "5601",
        Agency::DopaDistrict,
    )
    .await;
    let chief = with_position(&db, chief, "นายอำเภอเมืองพะเยา").await;
    let inspector = cast::account_of(
        &db,
        "inspector16",
        Role::Officer,
        ScopeLevel::Province,
        "56",
        Agency::Dopa,
    )
    .await;
    let inspector =
        with_position(&db, inspector, "ผู้ตรวจราชการกรมการปกครอง เขตตรวจราชการที่ ๑๕").await;
    let far_inspector = cast::account_of(
        &db,
        "inspector1",
        Role::Officer,
        ScopeLevel::District,
        "5602",
        Agency::Dopa,
    )
    .await;
    let far_inspector = with_position(&db, far_inspector, "ผู้ตรวจราชการกรมการปกครอง").await;
    rounds::open(
        &db,
        &root,
        &RoundInput {
            fiscal_year: fy.to_string(),
            cap: "150,000".into(),
            work_due_on: format!("30/09/{fy}"),
            report_due_on: format!("30/09/{fy}"),
            districts: "5601".into(),
        },
    )
    .await
    .unwrap();
    let entry = project_bank::put(
        &db,
        &cdo,
        "5601",
        &EntryInput {
            title: "ฝึกอบรมส่งเสริมอาชีพการทำขนมพื้นบ้าน".into(),
            dimension: "ด้านเศรษฐกิจ".into(),
            tambons: "560114".into(),
            target_villages: "5".into(),
            target_households: "120".into(),
            budget: "80,000".into(),
            months: "6".into(),
            site_ready: "ใช่".into(),
            consent: "ที่ประชุมประชาคมตำบลแม่ใส เห็นชอบ".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let dr = selection::of(&db, fy, "5601").await.unwrap();
    let dr = selection::select(&db, &palat, fy, "5601", dr.version, entry.id)
        .await
        .unwrap();
    let answers: Vec<AnswerInput> = Criterion::ALL
        .iter()
        .map(|c| AnswerInput {
            criterion: c.as_str().into(),
            passes: "ผ่าน".into(),
            reason: "อาชีพของประชาชนในพื้นที่".into(),
        })
        .collect();
    let dr = selection::screen(&db, &palat, fy, "5601", dr.version, entry.id, &answers)
        .await
        .unwrap();
    let dr = selection::step(&db, &palat, fy, "5601", dr.version, Step::Submit, "")
        .await
        .unwrap();

    // ---- nothing is reported before the chief approves
    let e = monitoring::report(&db, &palat, fy, "5601", &progress(entry.id, "10", "0", ""))
        .await
        .unwrap_err();
    assert_eq!(e.code(), "selection_not_approved", "{backend}");
    selection::step(&db, &chief, fy, "5601", dr.version, Step::Approve, "")
        .await
        .unwrap();
    let m = monitoring::of(&db, fy, "5601").await.unwrap();
    assert_eq!(m.projects[0].standing, Standing::NotStarted, "{backend}");

    // ---- progress: each bad field named, nothing kept
    let bad = ProgressInput {
        as_of: format!("30/09/{}", fy - 1),
        ..progress(entry.id, "120", "80,000.01", "")
    };
    let e = monitoring::report(&db, &palat, fy, "5601", &bad)
        .await
        .unwrap_err();
    assert_eq!(
        codes(e),
        vec!["outside_fiscal_year", "out_of_range", "spent_over_budget"],
        "{backend}"
    );
    let e = monitoring::report(
        &db,
        &palat,
        fy,
        "5601",
        &ProgressInput {
            as_of: format!("30/09/{fy}"),
            ..progress(entry.id, "๑๐๐", "๘๐,๐๐๐", "")
        },
    )
    .await
    .unwrap_err();
    let c = codes(e);
    assert!(c.contains(&"done_without_result"), "{backend}: {c:?}");
    assert!(
        c.contains(&"in_the_future")
            || today
                == time::Date::from_calendar_date(today.year(), time::Month::September, 30)
                    .unwrap(),
        "{backend}: {c:?}"
    );
    let e = monitoring::report(
        &db,
        &outsider,
        fy,
        "5601",
        &progress(entry.id, "10", "0", ""),
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "outside_area", "{backend}");
    let e = monitoring::report(&db, &chief, fy, "5601", &progress(entry.id, "10", "0", "")).await;
    assert!(
        e.is_ok(),
        "the chief is of ปค.อ. and writes the district: {backend}"
    );
    let m = monitoring::report(
        &db,
        &palat,
        fy,
        "5601",
        &progress(entry.id, "๔๐", "๓๐,๐๐๐", ""),
    )
    .await
    .unwrap();
    let p = &m.projects[0];
    assert_eq!(
        (
            p.reports.len(),
            p.latest().unwrap().percent,
            p.latest().unwrap().spent_satang,
            p.standing
        ),
        (2, 40, 3_000_000, Standing::UnderWay),
        "{backend}"
    );
    assert_eq!(m.spent_satang, 3_000_000, "{backend}");

    // ---- photos: known by their bytes, at most 5 MB, with day and place
    let photo = |bytes: Vec<u8>, taken_on: &str, place: &str| PhotoInput {
        bank_id: entry.id,
        bytes,
        taken_on: taken_on.into(),
        place: place.into(),
        caption: "การฝึกอบรมวันแรก".into(),
    };
    let today_typed = format!(
        "{}/{}/{}",
        today.day(),
        u8::from(today.month()),
        today.year() + 543
    );
    let e = photos::add_photo(
        &db,
        &palat,
        fy,
        "5601",
        photo(
            b"%PDF-1.4 a scanned letter".to_vec(),
            &today_typed,
            "ศาลาประชาคม",
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(codes(e), vec!["not_a_photo"], "{backend}");
    let mut big = PNG.to_vec();
    big.resize(5 * 1024 * 1024 + 1, 0);
    let e = photos::add_photo(&db, &palat, fy, "5601", photo(big, "", ""))
        .await
        .unwrap_err();
    assert_eq!(
        codes(e),
        vec!["photo_too_large", "missing", "missing"],
        "{backend}"
    );
    let m = photos::add_photo(
        &db,
        &palat,
        fy,
        "5601",
        photo(PNG.to_vec(), &today_typed, "ศาลาประชาคมบ้านแม่ใส หมู่ที่ ๑"),
    )
    .await
    .unwrap();
    let f = &m.projects[0].photos[0];
    assert_eq!(
        (f.content_type.as_str(), f.width_px, f.height_px, f.taken_on),
        ("image/png", 4, 3, today),
        "{backend}"
    );
    let (kind, bytes) = photos::photo_bytes(&db, f.id).await.unwrap().unwrap();
    assert_eq!(
        (kind.as_str(), bytes.as_slice()),
        ("image/png", PNG),
        "{backend}: the bytes come back as sent"
    );

    // ---- comments: the chief and the province's inspector, not another province's
    let e = comments::comment(&db, &far_inspector, fy, "5601", None, "ขอดูแผนการใช้จ่าย")
        .await
        .unwrap_err();
    assert_eq!(e.code(), "comment_by_chief_or_inspector", "{backend}");
    let e = comments::comment(&db, &palat, fy, "5601", None, "ขอดูแผนการใช้จ่าย")
        .await
        .unwrap_err();
    assert_eq!(e.code(), "comment_by_chief_or_inspector", "{backend}");
    let m = comments::comment(
        &db,
        &inspector,
        fy,
        "5601",
        Some(entry.id),
        "ขอให้แนบภาพการฝึกปฏิบัติ",
    )
    .await
    .unwrap();
    let m2 = comments::comment(&db, &chief, fy, "5601", None, "เร่งรัดให้แล้วเสร็จก่อนสิงหาคม")
        .await
        .unwrap();
    assert_eq!(
        m2.comments.iter().map(|c| c.writer).collect::<Vec<_>>(),
        vec![Writer::Inspector, Writer::Chief],
        "{backend}"
    );
    assert_eq!(m2.unanswered, 2, "{backend}");
    let c = &m.comments[0];
    let e = comments::answer(&db, &inspector, fy, "5601", c.id, c.version, "รับทราบ")
        .await
        .unwrap_err();
    assert_eq!(
        e.code(),
        "step_for_agency",
        "{backend}: the inspector comments but does not answer"
    );
    let m = comments::answer(&db, &palat, fy, "5601", c.id, c.version, "แนบภาพแล้ว ๑ ภาพ")
        .await
        .unwrap();
    assert_eq!(
        (m.comments[0].answer.as_deref(), m.unanswered),
        (Some("แนบภาพแล้ว ๑ ภาพ"), 1),
        "{backend}"
    );
    let e = comments::answer(&db, &palat, fy, "5601", c.id, c.version, "คำตอบของอีกคน")
        .await
        .unwrap_err();
    assert_eq!(
        e.code(),
        "stale",
        "{backend}: a second answer from the same version is refused"
    );

    // ---- the book: part 2 first, then sent and printed as sent
    let e = book::send(
        &db,
        &palat,
        fy,
        "5601",
        &SendInput {
            signed_by: "นางสาวปกครอง ดีเด่น".into(),
            position: "ปลัดอำเภอ".into(),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(codes(e), vec!["book_without_part_2"], "{backend}");
    let m = monitoring::save_driven(
        &db,
        &palat,
        fy,
        "5601",
        m.version,
        "อำเภอประชุมทีม Tambon Smart Team ทุกตำบล\nคัดเลือกโครงการจากคลังร่วมกับนายอำเภอ",
    )
    .await
    .unwrap();
    assert!(m.driven.starts_with("อำเภอประชุม"), "{backend}");
    let sent = book::send(
        &db,
        &palat,
        fy,
        "5601",
        &SendInput {
            signed_by: "นางสาวปกครอง ดีเด่น".into(),
            position: "ปลัดอำเภอ".into(),
        },
    )
    .await
    .unwrap();
    assert_eq!((sent.version, sent.late), (1, false), "{backend}");
    // the records move on; the sent book does not
    monitoring::report(
        &db,
        &palat,
        fy,
        "5601",
        &progress(entry.id, "60", "50,000", ""),
    )
    .await
    .unwrap();
    let doc = book::printed(&db, fy, "5601", Some(1)).await.unwrap();
    let text = words(&doc);
    for part in [
        book::PART_1,
        book::PART_2,
        book::PART_3,
        "ฉบับที่ ๑",
        "ร้อยละ ๔๐",
        "ศาลาประชาคมบ้านแม่ใส",
        "นางสาวปกครอง ดีเด่น",
        "อำเภอประชุมทีม Tambon Smart Team ทุกตำบล",
    ] {
        assert!(text.contains(part), "{backend}: the sent book has {part}");
    }
    assert!(
        !text.contains("ร้อยละ ๖๐"),
        "{backend}: the sent book keeps its figures"
    );
    let draft = words(&book::printed(&db, fy, "5601", None).await.unwrap());
    assert!(
        draft.contains("ฉบับที่ ๑") && draft.contains("ร้อยละ ๔๐"),
        "{backend}: the latest sent version prints by default"
    );
    let word = oneplan::documents::docx(&doc).unwrap();
    // the sent book as a file to look at (the closing note's pages)
    if let Ok(dir) = std::env::var("ONEPLAN_BOOK_OUT") {
        std::fs::write(format!("{dir}/role_model_book_{backend}.docx"), &word).unwrap();
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(word)).unwrap();
    let media: Vec<String> = zip
        .file_names()
        .filter(|n| n.starts_with("word/media/") && !n.ends_with('/'))
        .map(String::from)
        .collect();
    assert_eq!(
        media.len(),
        1,
        "{backend}: the photo is in the Word file: {media:?}"
    );
    let mut image = Vec::new();
    std::io::Read::read_to_end(&mut zip.by_name(&media[0]).unwrap(), &mut image).unwrap();
    assert_eq!(image, PNG, "{backend}");
    // the page's link downloads the same sent book as Word, unsigned visitors too
    let mut web = common::Client::new(&db);
    let page = web
        .get(&format!("/role-model?year={fy}&district=5601"))
        .await;
    assert!(
        page.body.contains(&format!(
            "/role-model/book.docx?year={fy}&amp;district=5601"
        )),
        "{backend}"
    );
    let got = web
        .get(&format!(
            "/role-model/book.docx?year={fy}&district=5601&version=1"
        ))
        .await;
    assert_eq!(got.status, 200, "{backend}");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(got.bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(
        xml.contains("ส่วนที่ ๓") && xml.contains("ร้อยละ ๔๐") && !xml.contains("ร้อยละ ๖๐"),
        "{backend}"
    );
    let missing = web
        .get(&format!(
            "/role-model/book.docx?year={fy}&district=5601&version=9"
        ))
        .await;
    assert_eq!(missing.status, 404, "{backend}");
    // the inspector's list of the province's districts
    let list = monitoring::standings(&db, fy, "56").await.unwrap();
    assert_eq!(
        list.iter()
            .map(|d| (d.district_code.as_str(), d.projects, d.book_version))
            .collect::<Vec<_>>(),
        vec![("5601", 1, Some(1))],
        "{backend}"
    );
    assert_eq!(
        (list[0].spent_satang, list[0].unanswered),
        (5_000_000, 1),
        "{backend}"
    );
}
