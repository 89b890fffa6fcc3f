//! What was signed is what prints (issue 12): a submitted district report, KPI 3.2 monthly
//! report and register print from their submission for ever — figures, signer, position,
//! report number and date — however the records change afterwards; the page says how today's
//! records differ and offers a new version; every version stays printable; today's figures
//! print only as a draft, without a signer.

use crate::common::{Client, cast};
use axum::http::StatusCode;
use oneplan::committees::{self, Kind, MemberInput, OrderInput, Target};
use oneplan::db::Db;
use oneplan::kpi::monthly;
use oneplan::registers::{district_report, targets};

const YEAR: i64 = 2569;

/// The text of a Word document the server prints.
async fn word(web: &mut Client, url: &str) -> String {
    let r = web.get(url).await;
    assert_eq!(r.status, StatusCode::OK, "{url}: {}", r.body);
    crate::documents::runs(&crate::documents::unzip(&r.bytes, "word/document.xml")).join("|")
}

async fn board_order(db: &Db, user: &oneplan::accounts::User, tambon: &str) {
    committees::record_order(
        db,
        user,
        &Target {
            kind: Kind::TambonBoard,
            area_code: tambon.into(),
            lao_id: None,
        },
        &OrderInput {
            order_no: "๓/๒๕๖๙".into(),
            order_date: "15/10/2568".into(),
            fiscal_year: String::new(),
            members: vec![MemberInput {
                name: "นายสมชาย รักถิ่น".into(),
                position: "กำนัน".into(),
                role: "ประธาน".into(),
            }],
        },
        oneplan::thai::parse_date("2026-01-10").unwrap(),
    )
    .await
    .unwrap();
}

story!(a_submitted_report_prints_as_it_was_signed, Phayao);
async fn a_submitted_report_prints_as_it_was_signed(backend: &str, db: Db) {
    let district = cast::district(&db).await;
    for t in ["560114", "560104"] {
        targets::set(&db, &district, YEAR, t, true, "50,000", "")
            .await
            .unwrap();
    }
    let first = district_report::submit(&db, &district, "5601", YEAR, "งบประมาณล่าช้า", "")
        .await
        .unwrap();
    assert_eq!(first.version, 1);
    let mut web = Client::new(&db);
    let csv = "/district-report/5601/export/report.csv?year=2569";
    let doc = "/district-report/5601/export/report.docx?year=2569";
    let signed = web.get(csv).await;
    assert_eq!(signed.status, StatusCode::OK);
    let signed_doc = word(&mut web, doc).await;
    assert!(
        signed_doc.contains(&district.display_name) && signed_doc.contains("งบประมาณล่าช้า"),
        "{signed_doc}"
    );
    assert!(
        signed_doc.contains("(ฉบับที่ ๑)") && !signed_doc.contains("ฉบับร่าง"),
        "{signed_doc}"
    );

    // the records change: one ก.บ.ต. appointed, so (๑) becomes 1
    board_order(&db, &district, "560114").await;
    assert_eq!(
        district_report::compute(&db, "5601", YEAR)
            .await
            .unwrap()
            .counts[0],
        1
    );
    let again = web.get(csv).await;
    assert_eq!(
        again.bytes, signed.bytes,
        "{backend}: the submitted report prints the same"
    );
    assert_eq!(word(&mut web, doc).await, signed_doc, "{backend}");

    // today's figures print as a draft, without the signer
    assert!(
        web.get(&format!("{csv}&live=1"))
            .await
            .body
            .contains("(1) มีการแต่งตั้งหรือปรับปรุงกลไกคณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.),1")
    );
    let live = word(&mut web, &format!("{doc}&live=1")).await;
    assert!(
        live.contains("ฉบับร่างจากข้อมูล ณ วันที่") && !live.contains(&district.display_name),
        "{live}"
    );
    // the page says what changed since the report, and keeps each version printable
    web.sign_in(&district.username, cast::PASSWORD).await;
    let page = web.get("/district-report/5601?year=2569").await.body;
    let since = page
        .split("id=\"since-submitted\"")
        .nth(1)
        .expect("the page says the records changed");
    assert!(since.contains("(๑) 0 → 1"), "{since}");
    assert!(page.contains("/district-report/5601/export/report.docx?year=2569&#38;version=1\" class=\"version-print\""), "{page}");

    // a new version prints the new figures; the first still prints as it was
    let second = district_report::submit(&db, &district, "5601", YEAR, "", "")
        .await
        .unwrap();
    assert_eq!(second.version, 2);
    let v2 = word(&mut web, doc).await;
    assert!(
        v2.contains("(ฉบับที่ ๒)") && !v2.contains("งบประมาณล่าช้า"),
        "{v2}"
    );
    assert!(
        web.get(csv)
            .await
            .body
            .contains("(1) มีการแต่งตั้งหรือปรับปรุงกลไกคณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.),1")
    );
    assert_eq!(
        web.get(&format!("{csv}&version=1")).await.bytes,
        signed.bytes
    );
    assert_eq!(
        word(&mut web, &format!("{doc}&version=1")).await,
        signed_doc
    );
    assert_eq!(
        web.get(&format!("{csv}&version=9")).await.status,
        StatusCode::NOT_FOUND
    );
    let page = web.get("/district-report/5601?year=2569").await.body;
    assert!(
        !page.contains("id=\"since-submitted\""),
        "{backend}: nothing changed since version 2"
    );
    // the signer sees what items (๓) and (๔) count, and what each tambon's plan lacks
    assert!(page.contains("id=\"item3-rule\""), "{backend}");
    let rows = page.split("id=\"by-tambon\"").nth(1).unwrap();
    assert!(
        rows.contains("บันทึกเวทีประชาคมของแผน, มีโครงการในแผน"),
        "{backend}: a tambon without a plan lacks every component"
    );
}

story!(a_submitted_kpi_report_keeps_its_figures_and_number, Phayao);
async fn a_submitted_kpi_report_keeps_its_figures_and_number(backend: &str, db: Db) {
    let lao = cast::mae_sai_lao(&db).await;
    cast::model_lao(&db, YEAR, "5601", lao.id).await;
    let officer = cast::lao(&db).await;
    let input = monthly::MonthlyInput {
        period: "2026-05".into(),
        report_no: "๗/๒๕๖๙".into(),
        ..Default::default()
    };
    monthly::submit(&db, &officer, lao.id, YEAR, &input)
        .await
        .unwrap();
    let mut web = Client::new(&db);
    let url = format!(
        "/kpi/lao/{}/export/report.docx?year=2569&period=2026-05",
        lao.id
    );
    let signed = word(&mut web, &url).await;
    assert!(signed.contains("รายงานครั้งที่ ๗/๒๕๖๙ วันที่รายงาน"), "{signed}");
    assert!(signed.contains("ผู้รายงาน"), "{signed}");
    assert!(signed.contains(&officer.display_name), "{signed}");
    // a working group appointed afterwards: item 2 changes today, not in the report
    committees::record_order(
        &db,
        &officer,
        &Target {
            kind: Kind::LaoWorkingGroup,
            area_code: String::new(),
            lao_id: Some(lao.id),
        },
        &OrderInput {
            order_no: "๑๒/๒๕๖๙".into(),
            order_date: "1/11/2568".into(),
            fiscal_year: String::new(),
            members: vec![MemberInput {
                name: "นายก อบต.".into(),
                position: "นายกองค์การบริหารส่วนตำบล".into(),
                role: "ประธาน".into(),
            }],
        },
        oneplan::thai::parse_date("2026-01-10").unwrap(),
    )
    .await
    .unwrap();
    assert!(
        monthly::compute(&db, lao.id, YEAR)
            .await
            .unwrap()
            .has_working_group
    );
    assert_eq!(word(&mut web, &url).await, signed, "{backend}");
    web.sign_in(&officer.username, cast::PASSWORD).await;
    let page = web
        .get(&format!("/kpi/lao/{}?year=2569", lao.id))
        .await
        .body;
    let since = page
        .split("id=\"since-submitted\"")
        .nth(1)
        .expect("the page says the records changed");
    assert!(since.contains("ข้อ ๒ ไม่มี → มี"), "{since}");
}
