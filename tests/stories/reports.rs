//! The reports offices owe, computed from records built here: the registers, the district
//! progress report and KPI 3.2 — every figure checked, percentages to two decimals.

use crate::common;
use common::cast;
use oneplan::accounts::{Role, ScopeLevel, User};
use oneplan::adoption::adopt::{self, AdoptInput};
use oneplan::committees::{self, Kind, MemberInput, OrderInput, Target};
use oneplan::db::Db;
use oneplan::documents;
use oneplan::error::AppError;
use oneplan::forums::{self, ForumInput};
use oneplan::kpi::{model_laos, monthly, rollup, settings, work_plans};
use oneplan::plans::{self, Milestones, PlanKind};
use oneplan::projects::{self, input::ProjectInput};
use oneplan::registers::{self, district_report, targets};

const YEAR: i64 = 2569;
const YEAR_TEXT: &str = "2569";

async fn version(db: &Db, plan: i64) -> i64 {
    plans::get(db, plan).await.unwrap().unwrap().version
}

fn project(title: String, dimension: &str, rank: usize) -> ProjectInput {
    ProjectInput {
        title,
        dimension: dimension.into(),
        budget: "10,000".into(),
        executor: "ชุมชนดำเนินการเอง".into(),
        rank: rank.to_string(),
        ..Default::default()
    }
}

/// A ก.บ.ต. meeting held to make the tambon plan of YEAR (the board has its order already).
async fn board_meeting(db: &Db, user: &User, tambon: &str) {
    let target = Target {
        kind: Kind::TambonBoard,
        area_code: tambon.into(),
        lao_id: None,
    };
    let (id, _) = committees::find(db, &target).await.unwrap();
    let input = committees::meetings::MeetingInput {
        held_on: "5/2/2569".into(),
        attendance: "15".into(),
        agenda: "จัดทำแผนพัฒนาตำบล".into(),
        for_plan_year: YEAR_TEXT.into(),
        ..Default::default()
    };
    let today = oneplan::thai::parse_date("2026-06-01").unwrap();
    committees::meetings::record(db, user, id.unwrap(), &input, today)
        .await
        .unwrap();
}

async fn order(db: &Db, user: &User, kind: Kind, area: &str, lao: Option<i64>, no: &str) {
    committees::record_order(
        db,
        user,
        &Target {
            kind,
            area_code: area.into(),
            lao_id: lao,
        },
        &OrderInput {
            order_no: no.into(),
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

/// Tambon แม่ใส (560114), fiscal year 2569: every village's plan reviewed in a forum with the
/// three core dimensions, the tambon plan integrating 10 of them, the LAO taking 3 into its
/// local plan for 2570 and 1 of those into the draft budget.
async fn mae_sai_year(db: &Db, district: &User, lao_user: &User, lao_id: i64) -> Vec<i64> {
    let villages = oneplan::areas::children(db, Some("560114")).await.unwrap();
    let mut raised = Vec::new();
    for v in &villages {
        let owner = plans::resolve_owner(db, PlanKind::Village, &v.code)
            .await
            .unwrap();
        let plan = plans::open(db, district, PlanKind::Village, &owner, YEAR)
            .await
            .unwrap();
        forums::add(
            db,
            district,
            plan.id,
            plan.version,
            &ForumInput {
                held_on: "10/01/2569".into(),
                chaired_by: "ผู้ใหญ่บ้าน".into(),
                attendance: "50".into(),
                used_basic_needs: "on".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
        for (n, dim) in ["economy", "society", "environment"].iter().enumerate() {
            let p = oneplan::adoption::add_to_plan(
                db,
                district,
                plan.id,
                version(db, plan.id).await,
                &project(format!("โครงการ {} ของ{}", n + 1, v.name_th), dim, n + 1),
            )
            .await
            .unwrap();
            raised.push(p.id);
        }
    }
    let tambon = plans::resolve_owner(db, PlanKind::Tambon, "560114")
        .await
        .unwrap();
    let tp = plans::open(db, district, PlanKind::Tambon, &tambon, YEAR)
        .await
        .unwrap();
    forums::add(
        db,
        district,
        tp.id,
        tp.version,
        &ForumInput {
            held_on: "20/02/2569".into(),
            chaired_by: "ประธาน ศอช.ต.".into(),
            held_by: "ศอช.ต.".into(),
            attendance: "80".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    for (rank, id) in raised.iter().take(10).enumerate() {
        let input = AdoptInput {
            project_id: *id,
            rank: (rank + 1).to_string(),
            decided_on: "2026-02-20".into(),
            ..Default::default()
        };
        adopt::adopt(db, district, tp.id, version(db, tp.id).await, &input)
            .await
            .unwrap();
    }
    plans::set_milestones(
        db,
        district,
        tp.id,
        version(db, tp.id).await,
        Milestones {
            made_quarter: "2".into(),
            made_on: "20 ก.พ. 2569".into(),
            delivered_lao_on: "15 มี.ค. 2569".into(),
            delivered_district_on: "2026-03-31".into(),
            evaluated_on: "2026-06-30".into(),
            evaluation: "ผ่าน".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let owner = plans::resolve_owner(db, PlanKind::Local, &lao_id.to_string())
        .await
        .unwrap();
    let local = plans::open(db, lao_user, PlanKind::Local, &owner, YEAR + 1)
        .await
        .unwrap();
    for id in raised.iter().take(3) {
        let input = AdoptInput {
            project_id: *id,
            ..Default::default()
        };
        adopt::adopt(db, lao_user, local.id, version(db, local.id).await, &input)
            .await
            .unwrap();
    }
    let budget = plans::open(db, lao_user, PlanKind::Budget, &owner, YEAR + 1)
        .await
        .unwrap();
    adopt::adopt(
        db,
        lao_user,
        budget.id,
        budget.version,
        &AdoptInput {
            project_id: raised[0],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    raised
}

story!(
    registers_the_district_report_and_kpi_3_2_are_computed_from_the_records,
    Phayao
);
async fn registers_the_district_report_and_kpi_3_2_are_computed_from_the_records(
    backend: &str,
    db: Db,
) {
    let mae_sai = cast::mae_sai_lao(&db).await.id;
    let district = cast::district(&db).await;
    let lao_user = cast::lao(&db).await;
    let outsider = cast::outsider(&db).await;

    // two target tambons; only แม่ใส makes its plan
    targets::set(
        &db,
        &district,
        YEAR,
        "560114",
        true,
        "๕๐,๐๐๐",
        "นางสาวสมใจ ใฝ่ดี",
    )
    .await
    .unwrap();
    targets::set(&db, &district, YEAR, "560104", true, "50,000", "")
        .await
        .unwrap();
    assert!(matches!(
        targets::set(&db, &outsider, YEAR, "560114", true, "1", "").await,
        Err(AppError::Forbidden(_))
    ));
    let raised = mae_sai_year(&db, &district, &lao_user, mae_sai).await;
    order(&db, &district, Kind::TambonBoard, "560114", None, "๑/๒๕๖๙").await;

    let form1 = registers::form1(&db, "5601", YEAR).await.unwrap();
    assert_eq!(form1.len(), 2, "{backend}");
    let row = form1.iter().find(|r| r.tambon_code == "560114").unwrap();
    assert_eq!(
        (
            row.coordinator.as_str(),
            row.budget_satang,
            row.made_quarter
        ),
        ("นางสาวสมใจ ใฝ่ดี", 5_000_000, Some(2))
    );
    assert_eq!(
        row.delivered_lao_on.map(|d| d.to_string()).as_deref(),
        Some("2026-03-15")
    );
    assert!(
        form1
            .iter()
            .find(|r| r.tambon_code == "560104")
            .unwrap()
            .plan_id
            .is_none()
    );
    assert!(
        registers::form2(&db, "5601", YEAR)
            .await
            .unwrap()
            .is_empty(),
        "{backend}: nothing put to use yet"
    );
    let v = projects::get(&db, raised[1])
        .await
        .unwrap()
        .unwrap()
        .version;
    projects::progress::record(
        &db,
        &district,
        raised[1],
        v,
        &projects::progress::ProgressInput {
            status: "done".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let form2 = registers::form2(&db, "5601", YEAR).await.unwrap();
    assert_eq!(
        form2.iter().map(|r| r.project_id).collect::<Vec<_>>(),
        vec![raised[1]]
    );
    let form3 = registers::form3(&db, "5601", YEAR).await.unwrap();
    assert_eq!(
        form3.iter().map(|r| r.project_id).collect::<Vec<_>>(),
        raised[..3].to_vec(),
        "{backend}"
    );

    // item (๒) counts a ก.บ.ต. meeting held to make the plan, not the plan's forums
    let report = district_report::compute(&db, "5601", YEAR).await.unwrap();
    assert_eq!(report.counts, [1, 0, 1, 1, 1], "{backend}: no meeting yet");
    let (board, _) = oneplan::committees::find(
        &db,
        &oneplan::committees::Target {
            kind: Kind::TambonBoard,
            area_code: "560114".into(),
            lao_id: None,
        },
    )
    .await
    .unwrap();
    let board = board.expect("the ก.บ.ต. has its order");
    let today = oneplan::thai::parse_date("2026-06-01").unwrap();
    let meeting = |held_on: &str, year: &str| oneplan::committees::meetings::MeetingInput {
        held_on: held_on.into(),
        place: "ที่ว่าการอำเภอเมืองพะเยา".into(),
        attendance: "๑๘".into(),
        agenda: "จัดทำแผนพัฒนาตำบลแม่ใส".into(),
        resolutions: "เห็นชอบร่างแผน".into(),
        for_plan_year: year.into(),
        ..Default::default()
    };
    let e = oneplan::committees::meetings::record(
        &db,
        &district,
        board,
        &meeting("1/1/2542", YEAR_TEXT),
        today,
    )
    .await
    .unwrap_err();
    assert_eq!(e.code(), "outside_plan_window", "{backend}");
    assert!(matches!(
        oneplan::committees::meetings::record(
            &db,
            &outsider,
            board,
            &meeting("5/2/2569", YEAR_TEXT),
            today
        )
        .await,
        Err(AppError::Forbidden(_))
    ));
    let m = oneplan::committees::meetings::record(
        &db,
        &district,
        board,
        &meeting("๕ ก.พ. ๒๕๖๙", YEAR_TEXT),
        today,
    )
    .await
    .unwrap();
    assert_eq!((m.attendance, m.for_plan_year), (18, Some(YEAR)));
    let detail = oneplan::committees::get(&db, board, today)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        detail.meetings.len(),
        1,
        "{backend}: the refused ones left nothing"
    );

    // the district report: N = 2, แม่ใส meets (1)–(5), the other tambon nothing
    let report = district_report::compute(&db, "5601", YEAR).await.unwrap();
    assert_eq!(
        (report.target_tambons, report.counts),
        (2, [1, 1, 1, 1, 1]),
        "{backend}"
    );
    assert_eq!(report.due_on, "2026-03-31");
    let s = district_report::submit(
        &db,
        &district,
        "5601",
        YEAR,
        "งบประมาณล่าช้า",
        "ควรจัดสรรงบก่อนไตรมาส ๒",
    )
    .await
    .unwrap();
    assert_eq!(s.version, 1);
    let again = district_report::submit(&db, &district, "5601", YEAR, "", "")
        .await
        .unwrap();
    assert_eq!(
        again.version, 2,
        "{backend}: a second submission is a new version"
    );
    let kept = oneplan::reporting::submissions::history(&db, "district_progress", "5601", YEAR, "")
        .await
        .unwrap();
    assert_eq!(kept.len(), 2);
    assert!(kept[1].payload_json.contains("งบประมาณล่าช้า"));
    assert!(matches!(
        district_report::submit(&db, &outsider, "5601", YEAR, "", "").await,
        Err(AppError::Forbidden(_))
    ));

    // KPI 3.2: one model LAO for the district, a change kept in history
    let other_lao = oneplan::areas::laos_in(&db, "5601")
        .await
        .unwrap()
        .into_iter()
        .find(|l| l.kind == "TAO" && l.id != mae_sai)
        .unwrap();
    // designated by สถ.อ., agreed by พช.อ. (`district`)
    let dla = cast::dla_district(&db).await;
    model_laos::designate(&db, &dla, YEAR, "5601", other_lao.id, "1/11/2568", "")
        .await
        .unwrap();
    let no_reason = model_laos::designate(&db, &dla, YEAR, "5601", mae_sai, "", "").await;
    assert!(
        matches!(&no_reason, Err(e @ AppError::Invalid(_)) if e.message_th().contains("เหตุผล")),
        "{no_reason:?}"
    );
    model_laos::designate(
        &db,
        &dla,
        YEAR,
        "5601",
        mae_sai,
        "1/12/2568",
        "อบต.แม่ใสมีแผนชุมชนครบทุกหมู่บ้าน",
    )
    .await
    .unwrap();
    model_laos::agree(&db, &district, YEAR, "5601")
        .await
        .unwrap();
    let history = model_laos::history(&db, YEAR, "5601").await.unwrap();
    assert_eq!(history.len(), 2);
    assert!(history[1].replaced_at.is_some() && history[0].replaced_at.is_none());
    assert_eq!(model_laos::current(&db, YEAR, "56").await.unwrap().len(), 1);

    let villages = oneplan::areas::children(&db, Some("560114"))
        .await
        .unwrap()
        .len() as i64;
    let m = monthly::compute(&db, mae_sai, YEAR).await.unwrap();
    assert_eq!(
        (m.villages, m.villages_reviewed),
        (villages, villages),
        "{backend}"
    );
    assert_eq!(
        (
            m.tambons,
            m.tambons_integrated,
            m.integration_forum_on.as_deref()
        ),
        (1, 1, Some("2026-02-20"))
    );
    assert_eq!(m.integrated_projects, 10);
    assert!(m.missing_dimensions.is_empty());
    assert_eq!(
        (m.rates.in_local_plan, m.rates.local_pct_x100),
        (3, Some(3000)),
        "{backend}: 3 of 10 = 30.00%"
    );
    assert_eq!(
        (m.rates.in_budget, m.rates.budget_pct_x100),
        (1, Some(3333)),
        "{backend}: 1 of 3 = 33.33%"
    );
    assert_eq!(
        m.criteria,
        [false, true, true, true, true],
        "{backend}: no working group yet"
    );
    let r = rollup::of_area(&db, "5601", YEAR).await.unwrap();
    assert_eq!(
        (r.model_laos, r.meeting, r.value_x100, r.score_x100),
        (1, 0, Some(0), Some(0))
    );

    order(
        &db,
        &lao_user,
        Kind::LaoWorkingGroup,
        "",
        Some(mae_sai),
        "๕/๒๕๖๘",
    )
    .await;
    work_plans::record(&db, &lao_user, mae_sai, YEAR, "1/12/2568", "")
        .await
        .unwrap();
    let m = monthly::compute(&db, mae_sai, YEAR).await.unwrap();
    assert!(m.meets_all(), "{backend}: {:?}", m.criteria);
    let r = rollup::of_area(&db, "56", YEAR).await.unwrap();
    assert_eq!(
        (r.model_laos, r.meeting, r.value_x100, r.score_x100),
        (1, 1, Some(10_000), Some(500)),
        "{backend}"
    );
    let national = rollup::of_area(&db, "", YEAR).await.unwrap();
    assert_eq!(
        national.base, 878,
        "{backend}: the national base is the year's data"
    );
    assert_eq!(national.value_x100, Some(11), "1 × 100 ÷ 878 = 0.11%");

    // the monthly report: a percentage that disagrees with the counts is refused
    oneplan::db::query("INSERT INTO deadlines (fiscal_year, kind, period, due_on, title) VALUES (2569, 'kpi32_monthly', '2026-05', '2026-05-25', 'พ.ค.')")
        .execute(&db)
        .await
        .unwrap();
    let input = monthly::MonthlyInput {
        period: "2026-05".into(),
        local_pct: "31".into(),
        ..Default::default()
    };
    match monthly::submit(&db, &lao_user, mae_sai, YEAR, &input).await {
        Err(e @ AppError::Invalid(_)) => {
            let m = e.message_th();
            assert!(m.contains("ไม่ตรงกับที่คำนวณ") && m.contains("30.00"), "{m}")
        }
        other => panic!("{backend}: {other:?}"),
    }
    let input = monthly::MonthlyInput {
        period: "๒๕๖๙-๐๕".into(),
        local_pct: "30.00".into(),
        report_no: "๑/๒๕๖๙".into(),
        ..Default::default()
    };
    let s = monthly::submit(&db, &lao_user, mae_sai, YEAR, &input)
        .await
        .unwrap();
    assert_eq!(
        (s.period.as_str(), s.version, s.late),
        ("2026-05", 1, true),
        "{backend}: after the 25th it is late, but kept"
    );
    assert!(matches!(
        monthly::submit(&db, &outsider, mae_sai, YEAR, &input).await,
        Err(AppError::Forbidden(_))
    ));
    let not_model = monthly::submit(&db, &district, other_lao.id, YEAR, &input).await;
    assert!(
        matches!(not_model, Err(AppError::Invalid(_))),
        "{not_model:?}"
    );

    // every report as an official document: printed by LibreOffice with its figures
    let names = |c: &str| {
        if c == "560114" {
            "แม่ใส".to_string()
        } else {
            c.to_string()
        }
    };
    let by = Some(("นายอำเภอ ทดสอบ", "พัฒนาการอำเภอเมืองพะเยา"));
    let docs = [
        (
            "register-form1.docx",
            documents::docx(&registers::document::form1(
                "อำเภอเมืองพะเยา",
                YEAR,
                &form1,
                by,
            ))
            .unwrap(),
            vec!["แบบ ๑", "๕๐,๐๐๐.๐๐", "๑๕ มี.ค. ๖๙", "(นายอำเภอ ทดสอบ)"],
        ),
        (
            "register-form3.docx",
            documents::docx(&registers::document::projects(
                3,
                "อำเภอเมืองพะเยา",
                YEAR,
                &form3,
                &names,
                by,
            ))
            .unwrap(),
            vec!["แบบ ๓", "รวม", "๓๐,๐๐๐.๐๐"],
        ),
        (
            "district-report.docx",
            documents::docx(&registers::document::district_report(
                "อำเภอเมืองพะเยา",
                &report,
                "งบประมาณล่าช้า",
                "",
                by,
            ))
            .unwrap(),
            vec![
                "(๒) มีการจัดประชุมคณะกรรมการ",
                "งบประมาณล่าช้า",
                "พัฒนาการอำเภอเมืองพะเยา",
            ],
        ),
        (
            // the circular's own filled example (FORMS.md section 3): 12 communities, 120
            // projects, 36 in the local plan, 5 in the draft budget: 13.89 %, criterion 5 not met
            "kpi32-circular-example.docx",
            documents::docx(&oneplan::kpi::document::monthly(
                &oneplan::kpi::document::MonthlyHead {
                    lao_name: "อบต.ตัวอย่าง".into(),
                    district: "ตัวอย่าง".into(),
                    province: "ตัวอย่าง".into(),
                    month: "มิถุนายน ๒๕๖๙".into(),
                    report_no: "3".into(),
                    reported_on: Some(time::macros::date!(2026 - 06 - 25)),
                    ..Default::default()
                },
                &monthly::Monthly::of(
                    1,
                    YEAR,
                    oneplan::kpi::figures::Figures {
                        villages: 12,
                        communities: 12,
                        has_working_group: true,
                        has_work_plan: true,
                        villages_reviewed: 12,
                        tambons: 1,
                        tambons_integrated: 1,
                        integration_forum_on: Some("2026-02-20".into()),
                        rates: oneplan::kpi::rates::Rates::of_counts(YEAR + 1, 120, 36, 5),
                        ..oneplan::kpi::figures::Figures::empty(YEAR)
                    },
                    oneplan::kpi::settings::Settings {
                        fiscal_year: YEAR,
                        local_threshold_pct: 30,
                        budget_threshold_pct: 20,
                        score_bands: vec![],
                        base_count: 878,
                    },
                ),
                &|_| String::new(),
                None,
            ))
            .unwrap(),
            // (pdftotext breaks the table's lines, so only short runs are looked for)
            vec![
                "(✓) อบต. อบต.ตัวอย่าง",
                "๑๒ หมู่บ้าน/ชุมชน",
                "วันที่รายงาน ๒๕ มิถุนายน ๒๕๖๙",
                "๓๐.๐๐",
                "๑๓.๘๙",
            ],
        ),
        (
            "kpi32-monthly.docx",
            documents::docx(&oneplan::kpi::document::monthly(
                &oneplan::kpi::document::MonthlyHead {
                    lao_name: "อบต.แม่ใส".into(),
                    district: "เมืองพะเยา".into(),
                    province: "พะเยา".into(),
                    month: "พฤษภาคม ๒๕๖๙".into(),
                    ..Default::default()
                },
                &m,
                &|_| String::new(),
                None,
            ))
            .unwrap(),
            vec![
                "๑๒ หมู่บ้าน/ชุมชน",
                "(✓) ครอบคลุม รวมจำนวน ๑๐",
                "(✓) ดำเนินการแล้ว จำนวน ๓",
                "๓๐.๐๐ (ผ่านเกณฑ์)",
                "๓๓.๓๓ (ผ่านเกณฑ์)",
            ],
        ),
        (
            "kpi32-rollup.xlsx",
            documents::xlsx(&oneplan::kpi::document::rollup(
                "จังหวัดพะเยา",
                &r,
                &|_| "เมืองพะเยา".into(),
            ))
            .unwrap(),
            vec!["ร้อยละ ๑๐๐.๐๐", "๕.๐๐", "อบต.แม่ใส"],
        ),
    ];
    for (name, bytes, wants) in &docs {
        if let Some(png) = common::print::page(name, bytes, wants)
            && backend == "sqlite"
        {
            let name = format!("printed-{}", png.file_name().unwrap().to_string_lossy());
            common::pictures::keep(&name, &std::fs::read(&png).unwrap());
        }
    }
    // a district with no target tambons still gets a valid, clearly empty register
    let empty = registers::document::form1(
        "อำเภอแม่ใจ",
        YEAR,
        &registers::form1(&db, "5607", YEAR).await.unwrap(),
        None,
    );
    common::print::page(
        "empty-form1.docx",
        &documents::docx(&empty).unwrap(),
        &["ไม่มีข้อมูล"],
    );

    // the year's thresholds are data: raise item 4 to 40% and the LAO no longer meets it
    let root = cast::root(&db).await;
    settings::save(&db, &root, YEAR, "40", "20", "60,65,70,75,80", "878")
        .await
        .unwrap();
    assert!(!monthly::compute(&db, mae_sai, YEAR).await.unwrap().criteria[3]);
    assert!(matches!(
        settings::save(&db, &district, YEAR, "30", "20", "60,65,70,75,80", "878").await,
        Err(AppError::Forbidden(_))
    ));
    // the national base never falls below the model LAOs designated (it once gave 103.57 %)
    // a second district's model LAO: two designated
    let chun = oneplan::areas::laos_in(&db, "5602")
        .await
        .unwrap()
        .remove(0);
    cast::model_lao(&db, YEAR, "5602", chun.id).await;
    let designated = model_laos::current(&db, YEAR, "").await.unwrap().len();
    assert!(designated >= 2, "{designated}");
    let below = settings::save(
        &db,
        &root,
        YEAR,
        "40",
        "20",
        "60,65,70,75,80",
        &(designated - 1).to_string(),
    )
    .await;
    assert!(
        matches!(&below, Err(e @ AppError::Invalid(_)) if e.message_th().contains("ต้องไม่น้อยกว่าจำนวนที่กำหนดเป็น อปท. ต้นแบบแล้ว")),
        "{backend}: {below:?}"
    );
}

/// A model LAO's year with less done: one village's plan reviewed with a single dimension, the
/// tambon plan integrating that project and a tambon-level one, the local plan taking one of
/// the two and no draft budget.
async fn partial_year(db: &Db, officer: &User, lao_user: &User, lao_id: i64, tambon: &str) {
    let village = oneplan::areas::children(db, Some(tambon)).await.unwrap()[0]
        .code
        .clone();
    let owner = plans::resolve_owner(db, PlanKind::Village, &village)
        .await
        .unwrap();
    let vp = plans::open(db, officer, PlanKind::Village, &owner, YEAR)
        .await
        .unwrap();
    let forum = ForumInput {
        held_on: "05/03/2569".into(),
        chaired_by: "ประธาน".into(),
        attendance: "30".into(),
        ..Default::default()
    };
    forums::add(db, officer, vp.id, vp.version, &forum)
        .await
        .unwrap();
    let raised = oneplan::adoption::add_to_plan(
        db,
        officer,
        vp.id,
        version(db, vp.id).await,
        &project("ถนนเข้าหมู่บ้าน".into(), "economy", 1),
    )
    .await
    .unwrap();
    let owner = plans::resolve_owner(db, PlanKind::Tambon, tambon)
        .await
        .unwrap();
    let tp = plans::open(db, officer, PlanKind::Tambon, &owner, YEAR)
        .await
        .unwrap();
    forums::add(db, officer, tp.id, tp.version, &forum)
        .await
        .unwrap();
    let input = AdoptInput {
        project_id: raised.id,
        rank: "1".into(),
        decided_on: "2026-03-05".into(),
        ..Default::default()
    };
    adopt::adopt(db, officer, tp.id, version(db, tp.id).await, &input)
        .await
        .unwrap();
    oneplan::adoption::add_to_plan(
        db,
        officer,
        tp.id,
        version(db, tp.id).await,
        &project("ศูนย์ผู้สูงอายุตำบล".into(), "society", 2),
    )
    .await
    .unwrap();
    let owner = plans::resolve_owner(db, PlanKind::Local, &lao_id.to_string())
        .await
        .unwrap();
    let local = plans::open(db, lao_user, PlanKind::Local, &owner, YEAR + 1)
        .await
        .unwrap();
    let input = AdoptInput {
        project_id: raised.id,
        ..Default::default()
    };
    adopt::adopt(db, lao_user, local.id, local.version, &input)
        .await
        .unwrap();
}

/// The first อบต. of a district and the first tambon it covers.
async fn a_tao(db: &Db, district: &str) -> (oneplan::areas::Lao, String) {
    for lao in oneplan::areas::laos_in(db, district).await.unwrap() {
        if lao.kind != "TAO" {
            continue;
        }
        let covered = oneplan::areas::coverage_of(db, lao.id).await.unwrap();
        if let Some((area, _)) = covered.into_iter().find(|(a, _)| a.level == "tambon") {
            return (lao, area.code);
        }
    }
    panic!("no อบต. in {district}");
}

story!(roll_ups_of_an_area_equal_the_reports_one_by_one, Phayao);
async fn roll_ups_of_an_area_equal_the_reports_one_by_one(backend: &str, db: Db) {
    let province = cast::province(&db).await;
    let mae_sai = cast::mae_sai_lao(&db).await.id;
    let mae_sai_user = cast::lao(&db).await;
    let (second, second_tambon) = a_tao(&db, "5602").await;
    let second_user = common::account(
        &db,
        "lao.second",
        Role::Officer,
        ScopeLevel::Lao,
        &second.lao_key,
    )
    .await;
    let (third, _) = a_tao(&db, "5603").await;

    mae_sai_year(&db, &province, &mae_sai_user, mae_sai).await;
    order(&db, &province, Kind::TambonBoard, "560114", None, "๑/๒๕๖๙").await;
    board_meeting(&db, &province, "560114").await;
    order(
        &db,
        &mae_sai_user,
        Kind::LaoWorkingGroup,
        "",
        Some(mae_sai),
        "๕/๒๕๖๘",
    )
    .await;
    work_plans::record(&db, &mae_sai_user, mae_sai, YEAR, "1/12/2568", "")
        .await
        .unwrap();
    partial_year(&db, &province, &second_user, second.id, &second_tambon).await;
    order(
        &db,
        &province,
        Kind::TambonBoard,
        &second_tambon,
        None,
        "๒/๒๕๖๙",
    )
    .await;
    board_meeting(&db, &province, &second_tambon).await;
    for (tambon, coordinator) in [
        ("560114", "ก"),
        ("560104", ""),
        (second_tambon.as_str(), "ข"),
    ] {
        targets::set(&db, &province, YEAR, tambon, true, "50,000", coordinator)
            .await
            .unwrap();
    }
    for (district, lao) in [("5601", mae_sai), ("5602", second.id), ("5603", third.id)] {
        common::cast::model_lao(&db, YEAR, district, lao).await;
    }

    // the roll-up's rows are the monthly reports, each LAO with its own figures
    let r = rollup::of_area(&db, "56", YEAR).await.unwrap();
    assert_eq!(
        r.rows.iter().map(|r| r.model.lao_id).collect::<Vec<_>>(),
        vec![mae_sai, second.id, third.id],
        "{backend}"
    );
    for row in &r.rows {
        let one = monthly::compute(&db, row.model.lao_id, YEAR).await.unwrap();
        assert_eq!(
            serde_json::to_value(&row.report).unwrap(),
            serde_json::to_value(&one).unwrap(),
            "{backend}: LAO {}",
            row.model.lao_id
        );
    }
    let [full, partial, none] = [&r.rows[0].report, &r.rows[1].report, &r.rows[2].report];
    assert!(full.meets_all(), "{backend}: {:?}", full.criteria);
    assert_eq!(
        (
            full.integrated_projects,
            full.rates.in_local_plan,
            full.rates.in_budget
        ),
        (10, 3, 1)
    );
    assert_eq!(
        (partial.villages_reviewed, partial.tambons_integrated),
        (0, 1),
        "{backend}: one dimension is not a review of the plan"
    );
    assert!(partial.villages > 0 && partial.tambons >= 1);
    assert_eq!(partial.integration_forum_on.as_deref(), Some("2026-03-05"));
    assert_eq!(
        partial.missing_dimensions,
        vec!["ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม".to_string()],
        "{backend}"
    );
    assert_eq!(
        (
            partial.rates.integrated,
            partial.rates.in_local_plan,
            partial.rates.local_pct_x100,
            partial.rates.in_budget,
            partial.rates.budget_pct_x100
        ),
        (2, 1, Some(5000), 0, Some(0)),
        "{backend}: 1 of 2 in the local plan, none in the budget"
    );
    assert_eq!(
        partial.criteria,
        [false, false, false, true, false],
        "{backend}"
    );
    assert_eq!(
        (
            none.villages_reviewed,
            none.tambons_integrated,
            none.integrated_projects
        ),
        (0, 0, 0)
    );
    assert!(none.villages > 0 && none.tambons > 0);
    assert_eq!(none.missing_dimensions.len(), 3);
    assert_eq!(none.rates.local_pct_x100, None);
    assert_eq!(
        (r.model_laos, r.meeting, r.value_x100),
        (3, 1, Some(3333)),
        "{backend}: 1 of 3 model LAOs"
    );
    let rates = oneplan::kpi::rates::for_lao(&db, second.id, YEAR + 1)
        .await
        .unwrap();
    assert_eq!(
        serde_json::to_value(&rates).unwrap(),
        serde_json::to_value(&partial.rates).unwrap()
    );
    // a district alone, and the country, take the same statements
    let alone = rollup::of_area(&db, "5602", YEAR).await.unwrap();
    assert_eq!(alone.rows.len(), 1);
    assert_eq!(
        serde_json::to_value(&alone.rows[0].report).unwrap(),
        serde_json::to_value(partial).unwrap()
    );
    assert_eq!(rollup::of_area(&db, "", YEAR).await.unwrap().meeting, 1);

    // the district reports of the province are each district's own report
    let reports = district_report::of_area(&db, "56", YEAR).await.unwrap();
    let districts = oneplan::areas::children(&db, Some("56")).await.unwrap();
    assert_eq!(
        reports
            .iter()
            .map(|r| r.district_code.clone())
            .collect::<Vec<_>>(),
        districts.iter().map(|d| d.code.clone()).collect::<Vec<_>>(),
        "{backend}: every district, with or without target tambons"
    );
    for report in &reports {
        let one = district_report::compute(&db, &report.district_code, YEAR)
            .await
            .unwrap();
        assert_eq!(
            serde_json::to_value(report).unwrap(),
            serde_json::to_value(&one).unwrap(),
            "{backend}: {}",
            report.district_code
        );
    }
    let of = |code: &str| reports.iter().find(|r| r.district_code == code).unwrap();
    assert_eq!(
        (of("5601").target_tambons, of("5601").counts),
        (2, [1, 1, 1, 1, 1]),
        "{backend}"
    );
    assert_eq!(
        (of("5602").target_tambons, of("5602").counts),
        (1, [1, 1, 0, 0, 0]),
        "{backend}"
    );
    assert_eq!((of("5603").target_tambons, of("5603").counts), (0, [0; 5]));
    assert_eq!(
        district_report::of_area(&db, "", YEAR).await.unwrap().len(),
        districts.len()
    );
}
