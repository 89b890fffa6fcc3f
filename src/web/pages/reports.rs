//! Report pages (ONEPLAN.md sections 7 and 8): target tambons, registers 1–3, the district
//! progress report, and KPI 3.2 — all shown as computed from the records, submitted as versions.

use super::areas::{Crumb, crumbs};
use super::format::{baht, date_th};
use crate::error::{AppError, AppResult, Field, Problem};
use crate::registers::{self, district_report, targets};
use crate::reporting::{self, submissions};
use crate::web::AppState;
use crate::web::page::{Page, not_found, render};
use crate::web::session::Visitor;
use crate::web::write::{FormWrite, after, see};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize)]
pub struct YearQuery {
    pub(super) year: Option<String>,
    pub(super) done: Option<String>,
}

/// The year asked for, if any (Thai or Arabic digits); a year no calendar has is not one.
pub(super) fn asked(q: &YearQuery) -> Option<i64> {
    q.year.as_deref().and_then(crate::reporting::years::typed)
}

pub(super) fn year_of(q: &YearQuery) -> i64 {
    q.year
        .as_deref()
        .and_then(crate::reporting::years::typed)
        .unwrap_or_else(|| {
            crate::thai::fiscal_year_be(crate::thai::fiscal::today_in_thailand()) as i64
        })
}

pub(super) async fn place(
    s: &AppState,
    v: &Visitor,
    code: &str,
) -> AppResult<(crate::areas::Area, Vec<Crumb>, String)> {
    let area = crate::areas::get(&s.db, code)
        .await?
        .ok_or_else(not_found)?;
    let path = crate::areas::path(&s.db, code).await?;
    let label = if v.tr.en() {
        area.label_en()
    } else {
        area.label_th()
    };
    Ok((area, crumbs(&v.tr, &path), label))
}

pub struct SubmissionRow {
    /// The version's own print (`?version=N`), kept as it was signed.
    pub version: i64,
    pub at: String,
    pub by: String,
    pub late: bool,
    /// The version's print, as it was signed.
    pub print: String,
}

/// The versions of a report, each with its print: `print` is the document's address with its
/// query (`…/report.docx?year=2569`), to which the version is added.
pub(super) fn submission_rows(
    list: Vec<submissions::Submission>,
    print: &str,
) -> Vec<SubmissionRow> {
    list.into_iter()
        .map(|s| SubmissionRow {
            print: format!("{print}&version={}", s.version),
            version: s.version,
            at: s
                .submitted_at
                .replace('T', " ")
                .trim_end_matches('Z')
                .to_string(),
            by: s.submitted_by,
            late: s.late,
        })
        .collect()
}

pub(super) fn notice(v: &Visitor, q: &YearQuery) -> String {
    match q.done.as_deref() {
        Some("submitted") => v.tr.s("report.done.submitted").to_string(),
        Some("saved") => v.tr.s("report.done.saved").to_string(),
        _ => String::new(),
    }
}

// ---------- registers 1–3 and target tambons ----------

pub struct ProjectLine {
    pub tambon: String,
    pub title: String,
    pub format: String,
    pub budget: String,
    pub target: String,
    pub duration: String,
}

#[derive(Template)]
#[template(path = "registers.html")]
pub struct RegistersPage {
    p: Page,
    crumbs: Vec<Crumb>,
    code: String,
    label: String,
    year: i64,
    is_district: bool,
    can_write: bool,
    notice: String,
    form1: Vec<(String, String, String, String, String, String, String)>,
    form2: Vec<ProjectLine>,
    form3: Vec<ProjectLine>,
    history: Vec<(String, Vec<SubmissionRow>)>,
}

fn lines(rows: Vec<registers::ProjectRow>, names: &HashMap<String, String>) -> Vec<ProjectLine> {
    rows.into_iter()
        .map(|r| ProjectLine {
            tambon: names.get(&r.tambon_code).cloned().unwrap_or(r.tambon_code),
            title: r.title,
            format: r.format,
            budget: baht(r.budget_satang),
            target: crate::projects::target_th(
                r.target_villages,
                r.target_households,
                r.target_people,
                " ",
            ),
            duration: match (r.starts_on, r.ends_on) {
                (Some(a), Some(b)) => format!("{} – {}", date_th(&a), date_th(&b)),
                (Some(a), None) => date_th(&a),
                _ => String::new(),
            },
        })
        .collect()
}

pub async fn registers_page(
    State(s): State<AppState>,
    v: Visitor,
    Path(code): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let year = match asked(&q) {
        Some(y) => y,
        None => reporting::years::of_registers(&s.db, &code).await?,
    };
    let (area, crumbs, label) = place(&s, &v, &code).await?;
    let f1 = registers::form1(&s.db, &code, year).await?;
    let names: HashMap<String, String> = f1
        .iter()
        .map(|r| (r.tambon_code.clone(), r.tambon_name.clone()))
        .collect();
    let opt = |d: &Option<time::Date>| d.as_ref().map(date_th).unwrap_or_default();
    let form1 = f1
        .iter()
        .map(|r| {
            (
                r.tambon_code.clone(),
                r.tambon_name.clone(),
                r.coordinator.clone(),
                baht(r.budget_satang),
                opt(&r.delivered_lao_on),
                opt(&r.delivered_district_on),
                r.made_quarter.map(|q| q.to_string()).unwrap_or_default(),
            )
        })
        .collect();
    let is_district = area.level == crate::areas::Level::District;
    let mut history = vec![];
    if is_district {
        for kind in [
            reporting::REGISTER_1,
            reporting::REGISTER_2,
            reporting::REGISTER_3,
        ] {
            let h = submissions::history(&s.db, kind, &code, year, "").await?;
            let form = &kind[kind.len() - 1..];
            let print = format!("/registers/{code}/export/form{form}.docx?year={year}");
            history.push((
                reporting::kind_th(kind).to_string(),
                submission_rows(h, &print),
            ));
        }
    }
    let page = RegistersPage {
        p: Page::new(
            &v,
            v.tr.s("report.registers"),
            &format!("/registers/{code}"),
        ),
        crumbs,
        label,
        year,
        is_district,
        can_write: registers::may_submit(&s.db, v.user.as_ref(), &area).await?,
        notice: notice(&v, &q),
        form1,
        form2: lines(registers::form2(&s.db, &code, year).await?, &names),
        form3: lines(registers::form3(&s.db, &code, year).await?, &names),
        history,
        code,
    };
    render(&page)
}

#[derive(Deserialize)]
pub struct SubmitForm {
    #[serde(deserialize_with = "crate::reporting::years::be")]
    year: i64,
    kind: String,
}

/// Submits register 1, 2 or 3 of a district as it stands now.
pub async fn submit_register(
    State(s): State<AppState>,
    Path(code): Path<String>,
    w: FormWrite<SubmitForm>,
) -> AppResult<Response> {
    let f = &w.form;
    let kind = [
        reporting::REGISTER_1,
        reporting::REGISTER_2,
        reporting::REGISTER_3,
    ]
    .into_iter()
    .find(|k| *k == f.kind)
    .ok_or_else(|| {
        AppError::from(Problem::Unknown {
            field: Field::Report,
            typed: f.kind.clone(),
            choices: Vec::new(),
        })
    })?;
    registers::submit(&s.db, &w.user, &code, f.year, kind).await?;
    Ok(see(format!(
        "/registers/{code}?year={}&done=submitted",
        f.year
    )))
}

#[derive(Template)]
#[template(path = "targets.html")]
pub struct TargetsPage {
    p: Page,
    crumbs: Vec<Crumb>,
    code: String,
    label: String,
    year: i64,
    can_write: bool,
    notice: String,
    error: String,
    /// code, name, is target, budget, coordinator
    tambons: Vec<(String, String, bool, String, String)>,
}

async fn targets_view(
    s: &AppState,
    v: &Visitor,
    code: &str,
    year: i64,
    notice: String,
    error: String,
) -> AppResult<Response> {
    let (area, crumbs, label) = place(s, v, code).await?;
    if area.level != crate::areas::Level::District {
        return Err(Problem::TargetsAtDistrict.into());
    }
    let set = targets::of_area(&s.db, code, year).await?;
    let tambons = crate::areas::children(&s.db, Some(code))
        .await?
        .into_iter()
        .map(|t| {
            let found = set.iter().find(|x| x.tambon_code == t.code);
            (
                t.code.clone(),
                t.name_th.clone(),
                found.is_some(),
                found.map(|x| baht(x.budget_satang)).unwrap_or_default(),
                found.map(|x| x.coordinator.clone()).unwrap_or_default(),
            )
        })
        .collect();
    let code_status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = TargetsPage {
        p: Page::new(
            v,
            v.tr.s("report.targets"),
            &format!("/registers/{code}/targets"),
        ),
        crumbs,
        label,
        year,
        can_write: registers::may_submit(&s.db, v.user.as_ref(), &area).await?,
        notice,
        error,
        tambons,
        code: code.to_string(),
    };
    Ok((code_status, render(&page)?).into_response())
}

pub async fn targets_page(
    State(s): State<AppState>,
    v: Visitor,
    Path(code): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let n = notice(&v, &q);
    targets_view(&s, &v, &code, year_of(&q), n, String::new()).await
}

/// The whole table at once: `target_<code>`, `budget_<code>`, `coordinator_<code>` per tambon.
pub async fn save_targets(
    State(s): State<AppState>,
    Path(code): Path<String>,
    w: FormWrite<HashMap<String, String>>,
) -> AppResult<Response> {
    let f = &w.form;
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let year = crate::thai::parse_int(&get("year")).map_err(|error| Problem::Number {
        field: Field::Year,
        error,
    })?;
    // the form has a line per tambon: `target_<code>` ticked, `budget_<code>`, `coordinator_<code>`
    let rows = crate::areas::children(&s.db, Some(&code))
        .await?
        .into_iter()
        .map(|t| targets::Row {
            target: f.contains_key(&format!("target_{}", t.code)),
            budget: get(&format!("budget_{}", t.code)),
            coordinator: get(&format!("coordinator_{}", t.code)),
            tambon_code: t.code,
        })
        .collect();
    let r = targets::save(&s.db, &w.user, year, &code, rows).await;
    after(
        &w.v,
        r,
        |_| format!("/registers/{code}/targets?year={year}&done=saved"),
        |(_, m)| targets_view(&s, &w.v, &code, year, String::new(), m),
    )
    .await
}

// ---------- the district progress report ----------

#[derive(Template)]
#[template(path = "district_report.html")]
pub struct DistrictReportPage {
    p: Page,
    crumbs: Vec<Crumb>,
    code: String,
    label: String,
    year: i64,
    report: district_report::DistrictReport,
    lines: Vec<(usize, &'static str, i64)>,
    due_on: String,
    /// What items (๓) and (๔) count, as the signer reads it.
    complete_rule: String,
    sent_rule: String,
    can_write: bool,
    notice: String,
    error: String,
    history: Vec<SubmissionRow>,
    /// How today's counts differ from the last report submitted.
    since: Option<crate::reporting::signed::SinceSubmitted>,
}

async fn district_report_view(
    s: &AppState,
    v: &Visitor,
    code: &str,
    year: i64,
    notice: String,
    error: String,
) -> AppResult<Response> {
    let (area, crumbs, label) = place(s, v, code).await?;
    if area.level != crate::areas::Level::District {
        return Err(Problem::ReportPerDistrict.into());
    }
    let report = district_report::compute(&s.db, code, year).await?;
    let since = district_report::since_submitted(&s.db, code, &report).await?;
    let history = submission_rows(
        submissions::history(&s.db, reporting::DISTRICT_PROGRESS, code, year, "").await?,
        &format!("/district-report/{code}/export/report.docx?year={year}"),
    );
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = DistrictReportPage {
        p: Page::new(
            v,
            v.tr.s("report.district"),
            &format!("/district-report/{code}"),
        ),
        crumbs,
        label,
        year,
        due_on: super::format::iso_date_th(&report.due_on),
        complete_rule: crate::registers::components::for_year(&s.db, year)
            .await?
            .required
            .iter()
            .map(|c| c.th())
            .collect::<Vec<_>>()
            .join(" · "),
        sent_rule: district_report::SENT.join(" · "),
        lines: district_report::ITEMS
            .iter()
            .enumerate()
            .map(|(i, t)| (i + 1, *t, report.counts[i]))
            .collect(),
        report,
        can_write: district_report::may_sign(&s.db, v.user.as_ref(), &area).await?,
        notice,
        error,
        history,
        since,
        code: code.to_string(),
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn district_report_page(
    State(s): State<AppState>,
    v: Visitor,
    Path(code): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let n = notice(&v, &q);
    let year = match asked(&q) {
        Some(y) => y,
        None => reporting::years::of_registers(&s.db, &code).await?,
    };
    district_report_view(&s, &v, &code, year, n, String::new()).await
}

#[derive(Deserialize)]
pub struct DistrictReportForm {
    #[serde(deserialize_with = "crate::reporting::years::be")]
    year: i64,
    #[serde(default)]
    problems: String,
    #[serde(default)]
    suggestions: String,
}

pub async fn submit_district_report(
    State(s): State<AppState>,
    Path(code): Path<String>,
    w: FormWrite<DistrictReportForm>,
) -> AppResult<Response> {
    let f = &w.form;
    let r =
        district_report::submit(&s.db, &w.user, &code, f.year, &f.problems, &f.suggestions).await;
    after(
        &w.v,
        r,
        |_| format!("/district-report/{code}?year={}&done=submitted", f.year),
        |(_, m)| district_report_view(&s, &w.v, &code, f.year, String::new(), m),
    )
    .await
}
