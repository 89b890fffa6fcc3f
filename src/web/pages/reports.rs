//! Report pages (ONEPLAN.md sections 7 and 8): target tambons, registers 1–3, the district
//! progress report, and KPI 3.2 — all shown as computed from the records, submitted as versions.

use super::areas::{Crumb, crumbs};
use super::plans::{baht, date_th};
use crate::accounts::User;
use crate::error::{AppError, AppResult};
use crate::kpi::{model_laos, monthly, rollup, settings, work_plans};
use crate::plans::rates::format_pct;
use crate::registers::{self, district_report, targets};
use crate::reporting::{self, submissions};
use crate::web::AppState;
use crate::web::page::{Page, SEE_OTHER, not_found, render};
use crate::web::session::Visitor;
use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize)]
pub struct YearQuery {
    year: Option<String>,
    done: Option<String>,
}

fn year_of(q: &YearQuery) -> i64 {
    q.year
        .as_deref()
        .and_then(|y| crate::thai::parse_int(y).ok())
        .unwrap_or_else(|| {
            crate::thai::fiscal_year_be(crate::thai::fiscal::today_in_thailand()) as i64
        })
}

async fn place(
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

async fn may_write_area(s: &AppState, user: Option<&User>, code: &str) -> anyhow::Result<bool> {
    Ok(match user {
        Some(u) => u.active && u.role.can_write() && u.scope.covers_area(&s.db, code).await?,
        None => false,
    })
}

pub struct SubmissionRow {
    pub version: i64,
    pub at: String,
    pub by: String,
    pub late: bool,
}

fn submission_rows(list: Vec<submissions::Submission>) -> Vec<SubmissionRow> {
    list.into_iter()
        .map(|s| SubmissionRow {
            version: s.version,
            at: s
                .submitted_at
                .replace('T', " ")
                .trim_end_matches('Z')
                .to_string(),
            by: s.submitted_by,
            late: s.late != 0,
        })
        .collect()
}

fn notice(v: &Visitor, q: &YearQuery) -> String {
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
            target: [
                r.target_villages.map(|n| format!("{n} หมู่บ้าน")),
                r.target_households.map(|n| format!("{n} ครัวเรือน")),
                r.target_people.map(|n| format!("{n} คน")),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
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
    let year = year_of(&q);
    let (area, crumbs, label) = place(&s, &v, &code).await?;
    let f1 = registers::form1(&s.db, &code, year).await?;
    let names: HashMap<String, String> = f1
        .iter()
        .map(|r| (r.tambon_code.clone(), r.tambon_name.clone()))
        .collect();
    let opt = |d: &Option<String>| d.as_deref().map(date_th).unwrap_or_default();
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
    let is_district = area.level == "district";
    let mut history = vec![];
    if is_district {
        for kind in [
            reporting::REGISTER_1,
            reporting::REGISTER_2,
            reporting::REGISTER_3,
        ] {
            let h = submissions::history(&s.db, kind, &code, year, "").await?;
            history.push((reporting::kind_th(kind).to_string(), submission_rows(h)));
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
        can_write: is_district && may_write_area(&s, v.user.as_ref(), &code).await?,
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
    csrf: String,
    year: i64,
    kind: String,
}

/// Submits register 1, 2 or 3 of a district as it stands now.
pub async fn submit_register(
    State(s): State<AppState>,
    v: Visitor,
    Path(code): Path<String>,
    Form(f): Form<SubmitForm>,
) -> AppResult<Response> {
    let user = v.check_csrf(&f.csrf)?.clone();
    let kind = [
        reporting::REGISTER_1,
        reporting::REGISTER_2,
        reporting::REGISTER_3,
    ]
    .into_iter()
    .find(|k| *k == f.kind)
    .ok_or_else(|| AppError::Invalid("ไม่รู้จักแบบรายงานนี้".into()))?;
    registers::submit(&s.db, &user, &code, f.year, kind).await?;
    Ok((
        SEE_OTHER,
        [(
            header::LOCATION,
            format!("/registers/{code}?year={}&done=submitted", f.year),
        )],
    )
        .into_response())
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
    if area.level != "district" {
        return Err(AppError::Invalid("ตำบลเป้าหมายกำหนดที่ระดับอำเภอ".into()));
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
        can_write: may_write_area(s, v.user.as_ref(), code).await?,
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
    v: Visitor,
    Path(code): Path<String>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let user = v.check_csrf(&get("csrf"))?.clone();
    let year = crate::thai::parse_int(&get("year"))
        .map_err(|e| AppError::Invalid(format!("ปีงบประมาณ: {e}")))?;
    for t in crate::areas::children(&s.db, Some(&code)).await? {
        let on = f.contains_key(&format!("target_{}", t.code));
        let budget = get(&format!("budget_{}", t.code));
        let coordinator = get(&format!("coordinator_{}", t.code));
        if let Err(e) = targets::set(&s.db, &user, year, &t.code, on, &budget, &coordinator).await {
            return match e {
                AppError::Invalid(m) => targets_view(&s, &v, &code, year, String::new(), m).await,
                other => Err(other),
            };
        }
    }
    Ok((
        SEE_OTHER,
        [(
            header::LOCATION,
            format!("/registers/{code}/targets?year={year}&done=saved"),
        )],
    )
        .into_response())
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
    can_write: bool,
    notice: String,
    error: String,
    history: Vec<SubmissionRow>,
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
    if area.level != "district" {
        return Err(AppError::Invalid("รายงานนี้จัดทำเป็นรายอำเภอ".into()));
    }
    let report = district_report::compute(&s.db, code, year).await?;
    let history = submission_rows(
        submissions::history(&s.db, reporting::DISTRICT_PROGRESS, code, year, "").await?,
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
        due_on: date_th(&report.due_on),
        lines: district_report::ITEMS
            .iter()
            .enumerate()
            .map(|(i, t)| (i + 1, *t, report.counts[i]))
            .collect(),
        report,
        can_write: may_write_area(s, v.user.as_ref(), code).await?,
        notice,
        error,
        history,
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
    district_report_view(&s, &v, &code, year_of(&q), n, String::new()).await
}

#[derive(Deserialize)]
pub struct DistrictReportForm {
    csrf: String,
    year: i64,
    #[serde(default)]
    problems: String,
    #[serde(default)]
    suggestions: String,
}

pub async fn submit_district_report(
    State(s): State<AppState>,
    v: Visitor,
    Path(code): Path<String>,
    Form(f): Form<DistrictReportForm>,
) -> AppResult<Response> {
    let user = v.check_csrf(&f.csrf)?.clone();
    match district_report::submit(&s.db, &user, &code, f.year, &f.problems, &f.suggestions).await {
        Ok(_) => Ok((
            SEE_OTHER,
            [(
                header::LOCATION,
                format!("/district-report/{code}?year={}&done=submitted", f.year),
            )],
        )
            .into_response()),
        Err(AppError::Invalid(m)) => {
            district_report_view(&s, &v, &code, f.year, String::new(), m).await
        }
        Err(e) => Err(e),
    }
}

// ---------- KPI 3.2 ----------

pub struct KpiRow {
    pub lao_id: i64,
    pub lao_name: String,
    pub district: String,
    pub criteria: [bool; 5],
    pub meets: bool,
    pub local_pct: String,
    pub budget_pct: String,
}

#[derive(Template)]
#[template(path = "kpi.html")]
pub struct KpiPage {
    p: Page,
    crumbs: Vec<Crumb>,
    code: String,
    label: String,
    year: i64,
    value: String,
    score: String,
    meeting: i64,
    base: i64,
    model_laos: i64,
    bands: String,
    thresholds: (i64, i64),
    rows: Vec<KpiRow>,
    is_district: bool,
    can_designate: bool,
    candidates: Vec<(i64, String)>,
    history: Vec<(String, String, String, String, bool)>,
    notice: String,
    error: String,
}

async fn kpi_view(
    s: &AppState,
    v: &Visitor,
    code: &str,
    year: i64,
    notice: String,
    error: String,
) -> AppResult<Response> {
    let (crumbs, label, is_district) = if code.is_empty() {
        (vec![], v.tr.s("country").to_string(), false)
    } else {
        let (area, crumbs, label) = place(s, v, code).await?;
        (crumbs, label, area.level == "district")
    };
    let r = rollup::of_area(&s.db, code, year).await?;
    let districts: HashMap<String, String> = sqlx::query_as::<_, (String, String)>(
        "SELECT code, name_th FROM areas WHERE level = 'district' AND code LIKE $1",
    )
    .bind(format!("{code}%"))
    .fetch_all(&s.db.pool)
    .await?
    .into_iter()
    .collect();
    let rows = r
        .rows
        .iter()
        .map(|row| KpiRow {
            lao_id: row.model.lao_id,
            lao_name: row.model.lao_name.clone(),
            district: districts
                .get(&row.model.district_code)
                .cloned()
                .unwrap_or_default(),
            criteria: row.report.criteria,
            meets: row.report.meets_all(),
            local_pct: format_pct(row.report.rates.local_pct_x100),
            budget_pct: format_pct(row.report.rates.budget_pct_x100),
        })
        .collect();
    let (candidates, history) = if is_district {
        let c = crate::areas::laos_in(&s.db, code)
            .await?
            .into_iter()
            .filter(|l| {
                matches!(
                    l.kind.as_str(),
                    "TAO" | "ThesabanTambon" | "ThesabanMueang" | "ThesabanNakhon"
                )
            })
            .map(|l| (l.id, l.full_name_th))
            .collect();
        let h = model_laos::history(&s.db, year, code)
            .await?
            .into_iter()
            .map(|m| {
                (
                    m.lao_name,
                    date_th(&m.designated_on),
                    m.reason,
                    m.created_by,
                    m.replaced_at.is_none(),
                )
            })
            .collect();
        (c, h)
    } else {
        (vec![], vec![])
    };
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = KpiPage {
        p: Page::new(v, v.tr.s("kpi.title"), &format!("/kpi/{code}")),
        crumbs,
        label,
        year,
        value: format_pct(r.value_x100),
        score: r
            .score_x100
            .map(|x| format!("{}.{:02}", x / 100, x % 100))
            .unwrap_or_else(|| "–".into()),
        meeting: r.meeting,
        base: r.base,
        model_laos: r.model_laos,
        bands: r
            .settings
            .score_bands
            .iter()
            .map(|b| b.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        thresholds: (
            r.settings.local_threshold_pct,
            r.settings.budget_threshold_pct,
        ),
        rows,
        is_district,
        can_designate: is_district && may_write_area(s, v.user.as_ref(), code).await?,
        candidates,
        history,
        notice,
        error,
        code: code.to_string(),
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn kpi_national(
    State(s): State<AppState>,
    v: Visitor,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let n = notice(&v, &q);
    kpi_view(&s, &v, "", year_of(&q), n, String::new()).await
}

pub async fn kpi_area(
    State(s): State<AppState>,
    v: Visitor,
    Path(code): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let n = notice(&v, &q);
    kpi_view(&s, &v, &code, year_of(&q), n, String::new()).await
}

#[derive(Deserialize)]
pub struct DesignateForm {
    csrf: String,
    year: i64,
    lao_id: i64,
    #[serde(default)]
    designated_on: String,
    #[serde(default)]
    reason: String,
}

pub async fn designate(
    State(s): State<AppState>,
    v: Visitor,
    Path(code): Path<String>,
    Form(f): Form<DesignateForm>,
) -> AppResult<Response> {
    let user = v.check_csrf(&f.csrf)?.clone();
    match model_laos::designate(
        &s.db,
        &user,
        f.year,
        &code,
        f.lao_id,
        &f.designated_on,
        &f.reason,
    )
    .await
    {
        Ok(_) => Ok((
            SEE_OTHER,
            [(
                header::LOCATION,
                format!("/kpi/{code}?year={}&done=saved", f.year),
            )],
        )
            .into_response()),
        Err(AppError::Invalid(m)) => kpi_view(&s, &v, &code, f.year, String::new(), m).await,
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "kpi_lao.html")]
pub struct KpiLaoPage {
    p: Page,
    crumbs: Vec<Crumb>,
    lao_id: i64,
    lao_name: String,
    year: i64,
    is_model: bool,
    m: monthly::Monthly,
    local_pct: String,
    budget_pct: String,
    integration_on: String,
    months: Vec<String>,
    can_write: bool,
    notice: String,
    error: String,
    history: Vec<(String, Vec<SubmissionRow>)>,
}

async fn kpi_lao_view(
    s: &AppState,
    v: &Visitor,
    id: i64,
    year: i64,
    notice: String,
    error: String,
) -> AppResult<Response> {
    let lao = crate::areas::lao(&s.db, id).await?.ok_or_else(not_found)?;
    let owner = crate::plans::Owner::Lao(lao.clone());
    let path = crate::areas::path(&s.db, &owner.area_code()).await?;
    let m = monthly::compute(&s.db, id, year).await?;
    let ce = year - 543;
    let months: Vec<String> = (5..=9).map(|mo| format!("{ce}-{mo:02}")).collect();
    let mut history = vec![];
    for month in &months {
        let h = submissions::history(&s.db, reporting::KPI32_MONTHLY, &owner.key(), year, month)
            .await?;
        if !h.is_empty() {
            history.push((month.clone(), submission_rows(h)));
        }
    }
    let can_write = match &v.user {
        Some(u) => {
            u.active && u.role.can_write() && u.scope.covers_scope(&s.db, &owner.scope()).await?
        }
        None => false,
    };
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = KpiLaoPage {
        p: Page::new(v, v.tr.s("kpi.monthly"), &format!("/kpi/lao/{id}")),
        crumbs: crumbs(&v.tr, &path),
        lao_id: id,
        lao_name: lao.full_name_th.clone(),
        year,
        is_model: model_laos::is_model(&s.db, year, id).await?,
        local_pct: format_pct(m.rates.local_pct_x100),
        budget_pct: format_pct(m.rates.budget_pct_x100),
        integration_on: m
            .integration_forum_on
            .as_deref()
            .map(date_th)
            .unwrap_or_default(),
        m,
        months,
        can_write,
        notice,
        error,
        history,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn kpi_lao(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let n = notice(&v, &q);
    kpi_lao_view(&s, &v, id, year_of(&q), n, String::new()).await
}

/// The monthly report: `period`, `report_no`, and `expected_<item>` dates for unfinished items.
pub async fn submit_monthly(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
    Form(f): Form<HashMap<String, String>>,
) -> AppResult<Response> {
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let user = v.check_csrf(&get("csrf"))?.clone();
    let year = crate::thai::parse_int(&get("year")).unwrap_or(0);
    let input = monthly::MonthlyInput {
        period: get("period"),
        report_no: get("report_no"),
        expected: f
            .iter()
            .filter_map(|(k, v)| {
                k.strip_prefix("expected_")
                    .map(|i| (i.to_string(), v.clone()))
            })
            .collect(),
        local_pct: String::new(),
        budget_pct: String::new(),
    };
    match monthly::submit(&s.db, &user, id, year, &input).await {
        Ok(_) => Ok((
            SEE_OTHER,
            [(
                header::LOCATION,
                format!("/kpi/lao/{id}?year={year}&done=submitted"),
            )],
        )
            .into_response()),
        Err(AppError::Invalid(m)) => kpi_lao_view(&s, &v, id, year, String::new(), m).await,
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct WorkPlanForm {
    csrf: String,
    year: i64,
    approved_on: String,
    #[serde(default)]
    note: String,
}

pub async fn save_work_plan(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
    Form(f): Form<WorkPlanForm>,
) -> AppResult<Response> {
    let user = v.check_csrf(&f.csrf)?.clone();
    match work_plans::record(&s.db, &user, id, f.year, &f.approved_on, &f.note).await {
        Ok(()) => Ok((
            SEE_OTHER,
            [(
                header::LOCATION,
                format!("/kpi/lao/{id}?year={}&done=saved", f.year),
            )],
        )
            .into_response()),
        Err(AppError::Invalid(m)) => kpi_lao_view(&s, &v, id, f.year, String::new(), m).await,
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "kpi_settings.html")]
pub struct SettingsPage {
    p: Page,
    year: i64,
    s: settings::Settings,
    bands: String,
    notice: String,
    error: String,
}

async fn settings_view(
    s: &AppState,
    v: &Visitor,
    year: i64,
    notice: String,
    error: String,
) -> AppResult<Response> {
    let st = settings::for_year(&s.db, year).await?;
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = SettingsPage {
        p: Page::new(v, v.tr.s("kpi.settings"), "/kpi-settings"),
        year,
        bands: st
            .score_bands
            .iter()
            .map(|b| b.to_string())
            .collect::<Vec<_>>()
            .join(","),
        s: st,
        notice,
        error,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn settings_page(
    State(s): State<AppState>,
    v: Visitor,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let n = notice(&v, &q);
    settings_view(&s, &v, year_of(&q), n, String::new()).await
}

#[derive(Deserialize)]
pub struct SettingsForm {
    csrf: String,
    year: i64,
    local: String,
    budget: String,
    bands: String,
    base: String,
}

pub async fn save_settings(
    State(s): State<AppState>,
    v: Visitor,
    Form(f): Form<SettingsForm>,
) -> AppResult<Response> {
    let user = v.check_csrf(&f.csrf)?.clone();
    match settings::save(&s.db, &user, f.year, &f.local, &f.budget, &f.bands, &f.base).await {
        Ok(()) => Ok((
            SEE_OTHER,
            [(
                header::LOCATION,
                format!("/kpi-settings?year={}&done=saved", f.year),
            )],
        )
            .into_response()),
        Err(AppError::Invalid(m)) => settings_view(&s, &v, f.year, String::new(), m).await,
        Err(e) => Err(e),
    }
}

// ---------- exports: every report as .docx, .xlsx and .csv ----------

/// "form1.docx" → ("form1", Docx).
fn file_of(file: &str) -> AppResult<(String, crate::documents::Format)> {
    use crate::documents::Format;
    let (name, ext) = file.rsplit_once('.').ok_or_else(not_found)?;
    let format = match ext {
        "docx" => Format::Docx,
        "xlsx" => Format::Xlsx,
        "csv" => Format::Csv,
        _ => return Err(not_found()),
    };
    Ok((name.to_string(), format))
}

/// Who signed the latest submission, if any: (name, position).
fn signer(latest: &Option<submissions::Submission>) -> Option<(String, String)> {
    let p: serde_json::Value = serde_json::from_str(&latest.as_ref()?.payload_json).ok()?;
    Some((
        p["signed_by"].as_str()?.to_string(),
        p["position"].as_str().unwrap_or("").to_string(),
    ))
}

async fn place_line(s: &AppState, code: &str) -> AppResult<String> {
    let path = crate::areas::path(&s.db, code).await?;
    Ok(path
        .iter()
        .rev()
        .map(|a| a.label_th())
        .collect::<Vec<_>>()
        .join(" "))
}

pub async fn export_register(
    State(s): State<AppState>,
    Path((code, file)): Path<(String, String)>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let (name, format) = file_of(&file)?;
    let year = year_of(&q);
    let place = place_line(&s, &code).await?;
    let kind = match name.as_str() {
        "form1" => reporting::REGISTER_1,
        "form2" => reporting::REGISTER_2,
        "form3" => reporting::REGISTER_3,
        _ => return Err(not_found()),
    };
    let sig = signer(&submissions::latest(&s.db, kind, &code, year, "").await?);
    let by = sig.as_ref().map(|(n, p)| (n.as_str(), p.as_str()));
    let f1 = registers::form1(&s.db, &code, year).await?;
    let names: HashMap<String, String> = f1
        .iter()
        .map(|r| (r.tambon_code.clone(), r.tambon_name.clone()))
        .collect();
    let name_of = |c: &str| names.get(c).cloned().unwrap_or_else(|| c.to_string());
    let doc = match name.as_str() {
        "form1" => registers::document::form1(&place, year, &f1, by),
        "form2" => registers::document::projects(
            2,
            &place,
            year,
            &registers::form2(&s.db, &code, year).await?,
            &name_of,
            by,
        ),
        _ => registers::document::projects(
            3,
            &place,
            year,
            &registers::form3(&s.db, &code, year).await?,
            &name_of,
            by,
        ),
    };
    super::documents::download(&doc, format, &format!("{name}-{code}-{year}"))
}

pub async fn export_district_report(
    State(s): State<AppState>,
    Path((code, file)): Path<(String, String)>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let (_, format) = file_of(&file)?;
    let year = year_of(&q);
    let place = place_line(&s, &code).await?;
    let report = district_report::compute(&s.db, &code, year).await?;
    let latest = submissions::latest(&s.db, reporting::DISTRICT_PROGRESS, &code, year, "").await?;
    let payload: serde_json::Value = latest
        .as_ref()
        .and_then(|l| serde_json::from_str(&l.payload_json).ok())
        .unwrap_or_default();
    let sig = signer(&latest);
    let doc = registers::document::district_report(
        &place,
        &report,
        payload["problems"].as_str().unwrap_or(""),
        payload["suggestions"].as_str().unwrap_or(""),
        sig.as_ref().map(|(n, p)| (n.as_str(), p.as_str())),
    );
    super::documents::download(&doc, format, &format!("district-report-{code}-{year}"))
}

#[derive(Deserialize)]
pub struct MonthQuery {
    year: Option<String>,
    period: Option<String>,
}

pub async fn export_monthly(
    State(s): State<AppState>,
    Path((id, file)): Path<(i64, String)>,
    Query(q): Query<MonthQuery>,
) -> AppResult<Response> {
    let (_, format) = file_of(&file)?;
    let year = year_of(&YearQuery {
        year: q.year.clone(),
        done: None,
    });
    let lao = crate::areas::lao(&s.db, id).await?.ok_or_else(not_found)?;
    let owner = crate::plans::Owner::Lao(lao.clone());
    let period = q
        .period
        .clone()
        .unwrap_or_else(|| format!("{}-05", year - 543));
    let latest =
        submissions::latest(&s.db, reporting::KPI32_MONTHLY, &owner.key(), year, &period).await?;
    let payload: serde_json::Value = latest
        .as_ref()
        .and_then(|l| serde_json::from_str(&l.payload_json).ok())
        .unwrap_or_default();
    let expected = |item: &str| {
        payload["expected"][item]
            .as_str()
            .and_then(|d| {
                time::Date::parse(d, time::macros::format_description!("[year]-[month]-[day]")).ok()
            })
            .map(|d| crate::thai::format_date_long(d, crate::thai::dates::Digits::Thai))
            .unwrap_or_default()
    };
    let m = monthly::compute(&s.db, id, year).await?;
    let place = place_line(&s, &owner.area_code()).await?;
    let month = crate::reporting::calendar::period_th(&period);
    let sig = signer(&latest);
    let doc = crate::kpi::document::monthly(
        &lao.full_name_th,
        &place,
        &m,
        &month,
        &expected,
        sig.as_ref().map(|(n, p)| (n.as_str(), p.as_str())),
    );
    super::documents::download(&doc, format, &format!("kpi32-{id}-{period}"))
}

#[derive(Deserialize)]
pub struct AreaYearQuery {
    year: Option<String>,
    #[serde(default)]
    area: String,
}

pub async fn export_rollup(
    State(s): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<AreaYearQuery>,
) -> AppResult<Response> {
    let (_, format) = file_of(&file)?;
    let year = year_of(&YearQuery {
        year: q.year.clone(),
        done: None,
    });
    let area = crate::thai::to_arabic_digits(q.area.trim());
    let r = rollup::of_area(&s.db, &area, year).await?;
    let place = if area.is_empty() {
        "ทั้งประเทศ".to_string()
    } else {
        place_line(&s, &area).await?
    };
    let districts: HashMap<String, String> = sqlx::query_as::<_, (String, String)>(
        "SELECT code, name_th FROM areas WHERE level = 'district' AND code LIKE $1",
    )
    .bind(format!("{area}%"))
    .fetch_all(&s.db.pool)
    .await?
    .into_iter()
    .collect();
    let name_of = |c: &str| districts.get(c).cloned().unwrap_or_default();
    let doc = crate::kpi::document::rollup(&place, &r, &name_of);
    super::documents::download(
        &doc,
        format,
        &format!(
            "kpi32-{}-{year}",
            if area.is_empty() { "all" } else { &area }
        ),
    )
}
