//! KPI 3.2 pages: roll-ups with each model LAO's criteria, the district's designation of its
//! model LAO, the monthly report, and the year's settings.

use super::areas::{Crumb, crumbs};
use super::format::date_th;
use super::reports::{SubmissionRow, YearQuery, notice, place, submission_rows, year_of};
use crate::error::AppResult;
use crate::kpi::rates::format_pct;
use crate::kpi::{model_laos, monthly, rollup, settings, work_plans};
use crate::reporting::{self, submissions};
use crate::web::AppState;
use crate::web::page::{Page, not_found, render};
use crate::web::session::Visitor;
use crate::web::write::{FormWrite, after};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::collections::HashMap;

pub struct KpiRow {
    pub lao_id: i64,
    pub lao_name: String,
    pub district: String,
    pub criteria: [bool; 5],
    pub meets: bool,
    pub local_pct: String,
    pub budget_pct: String,
    /// issue 11: the model LAO's warning that a tambon it shares is not yet split.
    pub unsplit_warning: Option<String>,
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
    /// พช.อ. may agree, and the current designation awaits it.
    can_agree: bool,
    candidates: Vec<(i64, String)>,
    history: Vec<(String, String, String, String, bool, String)>,
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
    let (crumbs, label, area) = if code.is_empty() {
        (vec![], v.tr.s("country").to_string(), None)
    } else {
        let (area, crumbs, label) = place(s, v, code).await?;
        (crumbs, label, Some(area))
    };
    let is_district = area
        .as_ref()
        .is_some_and(|a| a.level == crate::areas::Level::District);
    let can_designate = match &area {
        Some(a) => model_laos::may_designate(&s.db, v.user.as_ref(), a).await?,
        None => false,
    };
    let may_agree = match &area {
        Some(a) => model_laos::may_agree(&s.db, v.user.as_ref(), a).await?,
        None => false,
    };
    let r = rollup::of_area(&s.db, code, year).await?;
    let districts: HashMap<String, String> =
        crate::areas::under(&s.db, crate::areas::Level::District, code)
            .await?
            .into_iter()
            .map(|a| (a.code, a.name_th))
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
            unsplit_warning: row.report.unsplit_warning.clone(),
        })
        .collect();
    let mut awaiting = false;
    let (candidates, history) = if is_district {
        let c = model_laos::eligible(&s.db, code)
            .await?
            .into_iter()
            .map(|l| (l.id, l.full_name_th))
            .collect();
        let h = model_laos::history(&s.db, year, code).await?;
        awaiting = model_laos::awaits_agreement(&h);
        let h = h
            .into_iter()
            .map(|m| {
                let agreed = match &m.agreed_by {
                    Some(by) if by.is_empty() => v.tr.s("kpi.model.agreed_before").to_string(),
                    Some(by) => format!("{} {by}", v.tr.s("kpi.model.agreed_by")),
                    None => v.tr.s("kpi.model.not_agreed").to_string(),
                };
                (
                    m.lao_name,
                    date_th(&m.designated_on),
                    m.reason,
                    m.created_by,
                    m.replaced_at.is_none(),
                    agreed,
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
        can_agree: may_agree && awaiting,
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
        can_designate,
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
    let year = match super::reports::asked(&q) {
        Some(y) => y,
        None => crate::reporting::years::of_kpi_area(&s.db, "").await?,
    };
    kpi_view(&s, &v, "", year, n, String::new()).await
}

pub async fn kpi_area(
    State(s): State<AppState>,
    v: Visitor,
    Path(code): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let n = notice(&v, &q);
    let year = match super::reports::asked(&q) {
        Some(y) => y,
        None => crate::reporting::years::of_kpi_area(&s.db, &code).await?,
    };
    kpi_view(&s, &v, &code, year, n, String::new()).await
}

#[derive(Deserialize)]
pub struct DesignateForm {
    #[serde(deserialize_with = "crate::reporting::years::be")]
    year: i64,
    lao_id: i64,
    #[serde(default)]
    designated_on: String,
    #[serde(default)]
    reason: String,
}

#[derive(Deserialize)]
pub struct AgreeForm {
    #[serde(deserialize_with = "crate::reporting::years::be")]
    year: i64,
}

pub async fn agree(
    State(s): State<AppState>,
    Path(code): Path<String>,
    w: FormWrite<AgreeForm>,
) -> AppResult<Response> {
    let year = w.form.year;
    let r = model_laos::agree(&s.db, &w.user, year, &code).await;
    after(
        &w.v,
        r,
        |_| format!("/kpi/{code}?year={year}&done=saved"),
        |(_, m)| kpi_view(&s, &w.v, &code, year, String::new(), m),
    )
    .await
}

pub async fn designate(
    State(s): State<AppState>,
    Path(code): Path<String>,
    w: FormWrite<DesignateForm>,
) -> AppResult<Response> {
    let f = &w.form;
    let r = model_laos::designate(
        &s.db,
        &w.user,
        f.year,
        &code,
        f.lao_id,
        &f.designated_on,
        &f.reason,
    )
    .await;
    after(
        &w.v,
        r,
        |_| format!("/kpi/{code}?year={}&done=saved", f.year),
        |(_, m)| kpi_view(&s, &w.v, &code, f.year, String::new(), m),
    )
    .await
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
    /// How today's figures differ from the last report submitted.
    since: Option<crate::reporting::signed::SinceSubmitted>,
    /// The district's review of each month's newest report: month, version, stage, reason.
    reviews: Vec<(String, i64, String, String)>,
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
    let since = monthly::since_submitted(&s.db, &lao, &m).await?;
    let ce = year - 543;
    let months: Vec<String> = (5..=9).map(|mo| format!("{ce}-{mo:02}")).collect();
    let mut history = vec![];
    for month in &months {
        let h = submissions::history(&s.db, reporting::KPI32_MONTHLY, &owner.key(), year, month)
            .await?;
        if !h.is_empty() {
            let print = format!("/kpi/lao/{id}/export/report.docx?year={year}&period={month}");
            history.push((month.clone(), submission_rows(h, &print)));
        }
    }
    let can_write = monthly::may_submit(&s.db, v.user.as_ref(), &lao).await?;
    let reviews = crate::kpi::chain::months::of_lao(&s.db, id, year)
        .await?
        .into_iter()
        .map(|r| {
            let stage = if v.tr.en() {
                r.stage.en()
            } else {
                r.stage.th()
            };
            (
                crate::reporting::calendar::period_th(&r.period),
                r.version,
                stage.to_string(),
                r.reason,
            )
        })
        .collect();
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
            .map(super::format::iso_date_th)
            .unwrap_or_default(),
        m,
        months,
        can_write,
        notice,
        error,
        history,
        since,
        reviews,
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
    let year = match super::reports::asked(&q) {
        Some(y) => y,
        None => crate::reporting::years::of_kpi_lao(&s.db, id).await?,
    };
    kpi_lao_view(&s, &v, id, year, n, String::new()).await
}

/// The monthly report: `period`, `report_no`, and `expected_<item>` dates for unfinished items.
pub async fn submit_monthly(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<HashMap<String, String>>,
) -> AppResult<Response> {
    let f = &w.form;
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let year = crate::reporting::years::typed(&get("year")).unwrap_or(0);
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
    let r = monthly::submit(&s.db, &w.user, id, year, &input).await;
    after(
        &w.v,
        r,
        |_| format!("/kpi/lao/{id}?year={year}&done=submitted"),
        |(_, m)| kpi_lao_view(&s, &w.v, id, year, String::new(), m),
    )
    .await
}

#[derive(Deserialize)]
pub struct WorkPlanForm {
    #[serde(deserialize_with = "crate::reporting::years::be")]
    year: i64,
    approved_on: String,
    #[serde(default)]
    note: String,
}

pub async fn save_work_plan(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<WorkPlanForm>,
) -> AppResult<Response> {
    let f = &w.form;
    let r = work_plans::record(&s.db, &w.user, id, f.year, &f.approved_on, &f.note).await;
    after(
        &w.v,
        r,
        |_| format!("/kpi/lao/{id}?year={}&done=saved", f.year),
        |(_, m)| kpi_lao_view(&s, &w.v, id, f.year, String::new(), m),
    )
    .await
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
    #[serde(deserialize_with = "crate::reporting::years::be")]
    year: i64,
    local: String,
    budget: String,
    bands: String,
    base: String,
}

pub async fn save_settings(
    State(s): State<AppState>,
    w: FormWrite<SettingsForm>,
) -> AppResult<Response> {
    let f = &w.form;
    let r = settings::save(
        &s.db, &w.user, f.year, &f.local, &f.budget, &f.bands, &f.base,
    )
    .await;
    after(
        &w.v,
        r,
        |_| format!("/kpi-settings?year={}&done=saved", f.year),
        |(_, m)| settings_view(&s, &w.v, f.year, String::new(), m),
    )
    .await
}
