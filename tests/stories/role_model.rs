//! The Tambon Project Bank and a Role Model round (issue 14, seed 004): tambon officers put
//! projects into the bank, new or from the tambon plan (the same record); a national
//! administrator opens the round for next fiscal year with its districts, the cap of ๑๕๐,๐๐๐ บาท
//! and the deadlines, and the calendar expects the report book from those districts only; the
//! district office selects under the cap — 150,000.00 goes, 150,000.01 does not — screens each
//! project with a reason for every answer (the flag the text raised kept beside it), submits,
//! and only the district chief approves.

use crate::common;
use common::cast;
use oneplan::accounts::{Agency, Role, ScopeLevel, User};
use oneplan::db::Db;
use oneplan::error::AppError;
use oneplan::plans::{self, PlanKind};
use oneplan::project_bank::{self, Filter, input::EntryInput};
use oneplan::projects::input::ProjectInput;
use oneplan::reporting::expected::{self, Basis};
use oneplan::role_model::rounds::{self, RoundInput};
use oneplan::role_model::screening::Criterion;
use oneplan::role_model::selection::{self, AnswerInput, Status, Step};

fn new_entry(title: &str, tambons: &str, budget: &str) -> EntryInput {
    EntryInput {
        title: title.into(),
        dimension: "ด้านเศรษฐกิจ".into(),
        tambons: tambons.into(),
        target_villages: "๕".into(),
        target_households: "120".into(),
        budget: budget.into(),
        months: "6".into(),
        site_ready: "ใช่".into(),
        consent: "ที่ประชุมประชาคมตำบลแม่ใส เห็นชอบ ๑๒ ม.ค. ๒๕๖๙".into(),
        ..Default::default()
    }
}

fn codes(e: AppError) -> Vec<&'static str> {
    e.problems().iter().map(|p| p.code()).collect()
}

/// Every item of the list answered "passes", each with its reason; `fail` answered not.
fn answers(fail: Option<Criterion>) -> Vec<AnswerInput> {
    Criterion::ALL
        .iter()
        .map(|c| AnswerInput {
            criterion: c.as_str().into(),
            passes: if Some(*c) == fail {
                "ไม่ผ่าน"
            } else {
                "ผ่าน"
            }
            .into(),
            reason: format!("พิจารณาแล้ว ({})", c.as_str()),
        })
        .collect()
}

async fn chief(db: &Db) -> User {
    let u = cast::account_of(
        db,
        "nai.amphoe",
        Role::Officer,
        ScopeLevel::District,
        "5601",
        Agency::DopaDistrict,
    )
    .await;
    oneplan::db::query("UPDATE users SET position = 'นายอำเภอเมืองพะเยา' WHERE id = $1")
        .bind(u.id)
        .execute(db)
        .await
        .unwrap();
    oneplan::accounts::get(db, u.id).await.unwrap().unwrap()
}

/// A project of the tambon plan of แม่ใส for 2569.
async fn in_tambon_plan(db: &Db, cdo: &User, title: &str) -> i64 {
    let owner = plans::resolve_owner(db, PlanKind::Tambon, "560114")
        .await
        .unwrap();
    let plan = plans::open(db, cdo, PlanKind::Tambon, &owner, 2569)
        .await
        .unwrap();
    let p = oneplan::adoption::add_to_plan(
        db,
        cdo,
        plan.id,
        plan.version,
        &ProjectInput {
            title: title.into(),
            dimension: "environment".into(),
            budget: "90,000".into(),
            executor: "community".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    p.id
}

story!(a_role_model_round_selects_under_the_cap, Phayao);
async fn a_role_model_round_selects_under_the_cap(backend: &str, db: Db) {
    // the round is next fiscal year's, whose work is still ahead; last year's is past due
    let fy = i64::from(oneplan::thai::fiscal_year_be(
        oneplan::thai::fiscal::today_in_thailand(),
    )) + 1;
    let (past, ce) = (fy - 2, fy - 543);
    let root = cast::root(&db).await;
    let cdo = cast::tambon(&db).await;
    let palat = cast::dopa_district(&db).await;
    let chief = chief(&db).await;
    let outsider = cast::outsider(&db).await;

    // ---- the bank
    let bad = EntryInput {
        tambons: "560114 570101".into(),
        budget: "-".into(),
        months: "0".into(),
        ..new_entry("", "", "")
    };
    let e = project_bank::put(&db, &cdo, "5601", &bad)
        .await
        .unwrap_err();
    assert_eq!(
        codes(e),
        vec![
            "tambon_not_in_area",
            "missing",
            "not_a_number",
            "out_of_range"
        ],
        "{backend}"
    );
    let cake = project_bank::put(
        &db,
        &cdo,
        "5601",
        &new_entry("ฝึกอบรมส่งเสริมอาชีพการทำขนมพื้นบ้าน", "๕๖๐๑๑๔", "๘๐,๐๐๐"),
    )
    .await
    .unwrap();
    assert_eq!(
        (cake.budget_satang, cake.from_plan, cake.tambons_th.as_str()),
        (8_000_000, false, "ตำบลแม่ใส"),
        "{backend}"
    );
    let weir_project = in_tambon_plan(&db, &cdo, "ก่อสร้างฝายชะลอน้ำลำห้วยแม่ใส").await;
    let weir = project_bank::put(
        &db,
        &cdo,
        "5601",
        &EntryInput {
            project_id: weir_project.to_string(),
            ..new_entry("", "560114", "70,000")
        },
    )
    .await
    .unwrap();
    // the tambon plan's project itself, its lineage kept
    assert_eq!(
        (weir.project_id, weir.from_plan, weir.title.as_str()),
        (weir_project, true, "ก่อสร้างฝายชะลอน้ำลำห้วยแม่ใส"),
        "{backend}"
    );
    let again = project_bank::put(
        &db,
        &cdo,
        "5601",
        &EntryInput {
            project_id: weir_project.to_string(),
            ..new_entry("", "560114", "70,000")
        },
    )
    .await
    .unwrap_err();
    assert_eq!(again.code(), "in_bank_already", "{backend}");
    // a project of every tambon needs someone who writes them all: the district office
    let whole = new_entry("จัดซื้อพันธุ์ปลาแจกจ่ายแก่ประชาชน", "ทุกตำบล", "0.01");
    let e = project_bank::put(&db, &cdo, "5601", &whole)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "outside_area", "{backend}");
    let fish = project_bank::put(&db, &palat, "5601", &whole)
        .await
        .unwrap();
    assert_eq!(fish.tambons_th, "ทุกตำบลในอำเภอ", "{backend}");
    let elsewhere = project_bank::put(
        &db,
        &root,
        "5602",
        &new_entry("ส่งเสริมการทำตลาดชุมชน", "560201", "50,000"),
    )
    .await
    .unwrap();

    // browsing: by words (typed with Thai digits or not), dimension, budget, readiness
    let browse = |f: Filter| {
        let db = db.clone();
        async move {
            project_bank::browse(&db, &f)
                .await
                .unwrap()
                .into_iter()
                .map(|e| e.id)
                .collect::<Vec<_>>()
        }
    };
    let area = |a: &str| Filter {
        area: a.into(),
        ..Default::default()
    };
    assert_eq!(
        browse(Filter {
            q: "ขนม".into(),
            ..area("56")
        })
        .await,
        vec![cake.id],
        "{backend}"
    );
    assert_eq!(
        browse(Filter {
            dimension: "ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม".into(),
            ..area("5601")
        })
        .await,
        vec![weir.id],
        "{backend}"
    );
    assert_eq!(
        browse(Filter {
            min_budget: "๗๐,๐๐๐".into(),
            ..area("5601")
        })
        .await
        .len(),
        2,
        "{backend}"
    );
    assert!(
        browse(Filter {
            ready: "0".into(),
            ..area("56")
        })
        .await
        .is_empty(),
        "{backend}"
    );
    assert_eq!(browse(area("5602")).await, vec![elsewhere.id], "{backend}");

    // ---- the round
    let input = RoundInput {
        fiscal_year: oneplan::thai::to_thai_digits(&fy.to_string()),
        cap: "๑๕๐,๐๐๐".into(),
        work_due_on: format!("31 ส.ค. {fy}"),
        report_due_on: format!("31/08/{fy}"),
        districts: "5601, 5602".into(),
    };
    let e = rounds::open(&db, &cdo, &input).await.unwrap_err();
    assert_eq!(e.code(), "round_by_national_admins", "{backend}");
    let late = RoundInput {
        work_due_on: format!("31/10/{fy}"),
        report_due_on: format!("1/10/{fy}"),
        districts: "5601 9999".into(),
        ..input.clone()
    };
    let e = rounds::open(&db, &root, &late).await.unwrap_err();
    assert_eq!(
        codes(e),
        vec!["outside_fiscal_year", "report_before_work", "unknown_code"],
        "{backend}"
    );
    let round = rounds::open(&db, &root, &input).await.unwrap();
    assert_eq!(
        (round.cap_satang, round.work_due_on.to_string()),
        (15_000_000, format!("{ce}-08-31")),
        "{backend}"
    );
    let e = rounds::open(&db, &root, &input).await.unwrap_err();
    assert_eq!(e.code(), "round_exists", "{backend}");
    // the calendar expects the report book from the round's districts, by its date
    let units = expected::units(&db, Basis::RoleModelRound, fy, "56")
        .await
        .unwrap();
    let units: Vec<&str> = units.iter().map(|u| u.area_code.as_str()).collect();
    assert_eq!(units, vec!["5601", "5602"], "{backend}");
    let due = oneplan::reporting::calendar::deadlines(&db, fy)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.kind == "role_model")
        .expect("the round's deadline");
    assert_eq!(due.due_on.to_string(), format!("{ce}-08-31"), "{backend}");

    // ---- the selection, under the cap
    let at = |dr: &selection::DistrictRound| dr.version;
    let dr = selection::of(&db, fy, "5601").await.unwrap();
    let e = selection::select(&db, &cdo, fy, "5601", at(&dr), cake.id)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "outside_area", "{backend}");
    let e = selection::select(&db, &outsider, fy, "5601", at(&dr), cake.id)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "outside_area", "{backend}");
    let e = selection::select(&db, &palat, fy, "5601", at(&dr), elsewhere.id)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "bank_of_other_district", "{backend}");
    let dr = selection::select(&db, &palat, fy, "5601", at(&dr), cake.id)
        .await
        .unwrap();
    let dr = selection::select(&db, &palat, fy, "5601", at(&dr), weir.id)
        .await
        .unwrap();
    assert_eq!(
        (dr.total_satang, dr.over_cap),
        (15_000_000, false),
        "{backend}: 150,000.00 is the cap itself"
    );
    let stale = at(&dr) - 1;
    let e = selection::select(&db, &palat, fy, "5601", stale, fish.id)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "stale", "{backend}");
    let dr = selection::select(&db, &palat, fy, "5601", at(&dr), fish.id)
        .await
        .unwrap();
    assert_eq!(
        (dr.total_satang, dr.over_cap),
        (15_000_001, true),
        "{backend}"
    );
    // the text flags the handout (Don't 1); the occupational training is the exception
    let flags_of = |dr: &selection::DistrictRound, id: i64| -> Vec<String> {
        dr.selected
            .iter()
            .find(|s| s.entry.id == id)
            .unwrap()
            .flags
            .iter()
            .map(|f| f.criterion.clone())
            .collect()
    };
    assert_eq!(flags_of(&dr, fish.id), vec!["dont_1"], "{backend}");
    assert!(flags_of(&dr, cake.id).is_empty(), "{backend}");
    assert!(flags_of(&dr, weir.id).is_empty(), "{backend}");
    let mut dr = dr;
    for id in [cake.id, weir.id] {
        dr = selection::screen(&db, &palat, fy, "5601", at(&dr), id, &answers(None))
            .await
            .unwrap();
    }
    let e = selection::step(&db, &palat, fy, "5601", at(&dr), Step::Submit, "")
        .await
        .unwrap_err();
    assert_eq!(e.code(), "selection_over_cap", "{backend}");
    assert!(
        e.message(oneplan::i18n::Lang::Th).contains("150,000.01"),
        "{}",
        e.message(oneplan::i18n::Lang::Th)
    );
    // screening: every answer needs its reason; the flag is kept beside the officer's answer
    let mut no_reason = answers(Some(Criterion::Dont1));
    no_reason[5].reason = " ".into();
    let e = selection::screen(&db, &palat, fy, "5601", at(&dr), fish.id, &no_reason)
        .await
        .unwrap_err();
    assert_eq!(codes(e), vec!["screening_no_reason"], "{backend}");
    let dr = selection::screen(
        &db,
        &palat,
        fy,
        "5601",
        at(&dr),
        fish.id,
        &answers(Some(Criterion::Dont1)),
    )
    .await
    .unwrap();
    let fish_row = dr.selected.iter().find(|s| s.entry.id == fish.id).unwrap();
    let dont1 = fish_row
        .answers
        .iter()
        .find(|a| a.criterion == "dont_1")
        .unwrap();
    assert!(
        dont1.flagged && !dont1.passes && !dont1.flag_why.is_empty(),
        "{backend}: {dont1:?}"
    );
    assert!(!fish_row.passes, "{backend}");
    let dr = selection::unselect(&db, &palat, fy, "5601", at(&dr), fish.id)
        .await
        .unwrap();
    assert_eq!(
        (dr.total_satang, dr.over_cap, dr.selected.len()),
        (15_000_000, false, 2),
        "{backend}"
    );

    // ---- submitted by the office, approved by the chief only
    let e = selection::step(&db, &chief, fy, "5601", at(&dr), Step::Approve, "")
        .await
        .unwrap_err();
    assert_eq!(e.code(), "selection_status", "{backend}");
    let dr = selection::step(&db, &palat, fy, "5601", at(&dr), Step::Submit, "")
        .await
        .unwrap();
    assert_eq!(dr.status, Status::Submitted, "{backend}");
    let e = selection::select(&db, &palat, fy, "5601", at(&dr), fish.id)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "selection_status", "{backend}");
    let e = selection::step(&db, &palat, fy, "5601", at(&dr), Step::Approve, "")
        .await
        .unwrap_err();
    assert_eq!(e.code(), "district_chief_only", "{backend}");
    let e = selection::step(&db, &chief, fy, "5601", at(&dr), Step::Return, "")
        .await
        .unwrap_err();
    assert_eq!(e.code(), "missing", "{backend}");
    let dr = selection::step(&db, &chief, fy, "5601", at(&dr), Step::Approve, "")
        .await
        .unwrap();
    assert_eq!(
        (dr.status, dr.approved_by.as_deref()),
        (Status::Approved, Some("nai.amphoe")),
        "{backend}"
    );
    // the bank shows what was selected, and for which round
    let cake_now = project_bank::get(&db, cake.id).await.unwrap().unwrap();
    assert_eq!(cake_now.selected_in, vec![fy], "{backend}");
    assert_eq!(
        browse(Filter {
            status: "open".into(),
            ..area("5601")
        })
        .await,
        vec![fish.id],
        "{backend}"
    );

    // the tambon plan's project carries on its lineage: plan → bank → round
    let l = oneplan::adoption::lineage::of(&db, weir_project)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(l.steps[0].plan_kind, PlanKind::Tambon, "{backend}");
    assert_eq!(l.bank.as_ref().map(|b| b.id), Some(weir.id), "{backend}");
    assert_eq!(
        l.rounds
            .iter()
            .map(|r| (r.fiscal_year, r.status))
            .collect::<Vec<_>>(),
        vec![(fy, Status::Approved)],
        "{backend}"
    );

    // a district outside the round, and a round whose work is past due
    let e = selection::of(&db, fy, "5603").await.unwrap_err();
    assert_eq!(e.code(), "district_not_in_round", "{backend}");
    rounds::open(
        &db,
        &root,
        &RoundInput {
            fiscal_year: past.to_string(),
            work_due_on: format!("31/08/{past}"),
            report_due_on: format!("31/08/{past}"),
            districts: "56".into(),
            ..input.clone()
        },
    )
    .await
    .unwrap();
    let dr = selection::of(&db, past, "5601").await.unwrap();
    let e = selection::select(&db, &palat, past, "5601", at(&dr), fish.id)
        .await
        .unwrap_err();
    assert_eq!(e.code(), "round_past_deadline", "{backend}");
    // every write was audited under the district
    let n: i64 = oneplan::db::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'role_model_selection' AND area_code = '5601'",
    )
    .fetch_one(&db)
    .await
    .unwrap();
    assert!(n >= 8, "{backend}: {n}");
}
