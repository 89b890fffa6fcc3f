//! The calendar page: a year's deadlines for an area, what is due and late, who has not
//! reported, with drill-down; a national administrator moves due dates and adds deadlines here.

use super::areas::Crumb;

use crate::error::{AppResult, Field, Problem};
use crate::i18n::Tr;
use crate::reporting::calendar::{self, KINDS, NewDeadline, Status};
use crate::reporting::overview::{self, Counts, DeadlineReport, Overview};
use crate::thai::fiscal::today_in_thailand;
use crate::web::AppState;
use crate::web::page::{Page, render};
use crate::web::session::Visitor;
use crate::web::write::{FormWrite, after, see};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct CalendarQuery {
    year: Option<String>,
    area: Option<String>,
}

pub struct AreaRow {
    pub href: String,
    pub label: String,
    pub counts: Counts,
}

pub struct UnitRow {
    pub href: String,
    pub label: String,
    pub code: String,
}

pub struct DeadlineView {
    pub id: i64,
    pub title: String,
    pub due: String,
    /// dd/mm/yyyy in BE, for the administrator's form.
    pub due_input: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub days: String,
    pub counts: Counts,
    pub areas: Vec<AreaRow>,
    pub not_reported: Vec<UnitRow>,
}

#[derive(Template)]
#[template(path = "calendar.html")]
pub struct CalendarPage {
    p: Page,
    crumbs: Vec<Crumb>,
    place: String,
    year: i64,
    area: String,
    today: String,
    deadlines: Vec<DeadlineView>,
    /// Open the per-area details (below the country, where they are short).
    open: bool,
    can_edit: bool,
    kinds: Vec<(&'static str, String)>,
    error: String,
    message: String,
}

fn kind_label(t: &Tr, kind: &str) -> String {
    if t.en() {
        t.s(match kind {
            crate::reporting::REGISTER_1 => "calendar.kind.register1",
            crate::reporting::REGISTER_2 => "calendar.kind.register2",
            crate::reporting::REGISTER_3 => "calendar.kind.register3",
            crate::reporting::DISTRICT_PROGRESS => "calendar.kind.district_progress",
            crate::reporting::KPI32_MONTHLY => "calendar.kind.kpi32_monthly",
            crate::reporting::DISTRICT_PLAN => "calendar.kind.district_plan",
            crate::reporting::KPI32_DISTRICT => "calendar.kind.kpi32_district",
            crate::reporting::KPI32_PROVINCE => "calendar.kind.kpi32_province",
            crate::reporting::MODEL_TAMBON_PLAN => "calendar.kind.model_tambon_plan",
            crate::reporting::MODEL_LAO_CHANGE => "calendar.kind.model_lao_change",
            _ => "calendar.kind.role_model",
        })
        .to_string()
    } else {
        crate::reporting::kind_th(kind).to_string()
    }
}

fn days_label(t: &Tr, days: i64) -> String {
    match (t.en(), days) {
        (false, 0) => "ครบกำหนดวันนี้".into(),
        (true, 0) => "due today".into(),
        (false, d) if d < 0 => format!("เลยมา {} วัน", -d),
        (true, d) if d < 0 => format!("{} days late", -d),
        (false, d) => format!("อีก {d} วัน"),
        (true, d) => format!("in {d} days"),
    }
}

fn status_label(t: &Tr, s: Status) -> &'static str {
    t.s(match s {
        Status::NotYetDue => "calendar.status.not_yet_due",
        Status::DueSoon => "calendar.status.due_soon",
        Status::Overdue => "calendar.status.overdue",
    })
}

fn view(t: &Tr, year: i64, r: DeadlineReport) -> DeadlineView {
    let due = r.deadline.due();
    DeadlineView {
        id: r.deadline.id,
        title: if t.en() {
            match r.deadline.period.as_str() {
                "" => kind_label(t, &r.deadline.kind),
                p => format!("{} ({p})", kind_label(t, &r.deadline.kind)),
            }
        } else {
            r.deadline.title.clone()
        },
        due: if t.en() {
            r.deadline.due_on.to_string()
        } else {
            r.due_on_th.clone()
        },
        due_input: due
            .map(|d| format!("{:02}/{:02}/{}", d.day(), d.month() as u8, d.year() + 543))
            .unwrap_or_default(),
        status: r.status.as_str(),
        status_label: status_label(t, r.status),
        days: days_label(t, r.days_left),
        counts: r.counts,
        areas: r
            .areas
            .into_iter()
            .map(|a| AreaRow {
                href: format!("/calendar?year={year}&area={}", a.code),
                label: t.pick(&a.name_th, &a.name_en).to_string(),
                counts: a.counts,
            })
            .collect(),
        not_reported: r
            .not_reported
            .into_iter()
            .map(|u| UnitRow {
                href: match u.lao_id {
                    Some(id) => format!("/laos/{id}"),
                    None => format!("/calendar?year={year}&area={}", u.unit_key),
                },
                label: t.pick(&u.name_th, &u.name_en).to_string(),
                code: u.area_code,
            })
            .collect(),
    }
}

fn page_of(v: &Visitor, o: Overview, error: String, message: String) -> AppResult<Response> {
    let t = v.tr;
    let mut crumbs = vec![Crumb {
        href: format!("/calendar?year={}&area=", o.fiscal_year),
        label: t.s("country").into(),
    }];
    crumbs.extend(o.path.iter().map(|a| {
        let (th, en) = crate::committees::area_labels(a, None);
        Crumb {
            href: format!("/calendar?year={}&area={}", o.fiscal_year, a.code),
            label: t.pick(&th, &en).to_string(),
        }
    }));
    let place = crumbs.pop().map(|c| c.label).unwrap_or_default();
    let year = o.fiscal_year;
    let page = CalendarPage {
        p: Page::new(
            v,
            t.s("calendar.title"),
            &format!("/calendar?year={year}&area={}", o.area_code),
        ),
        crumbs,
        place,
        year,
        open: !o.area_code.is_empty(),
        area: o.area_code,
        today: if t.en() {
            o.today
        } else {
            crate::thai::parse_date(&o.today)
                .map(calendar::date_th)
                .unwrap_or(o.today)
        },
        deadlines: o.deadlines.into_iter().map(|r| view(&t, year, r)).collect(),
        can_edit: calendar::may_edit(v.user.as_ref()),
        kinds: KINDS.iter().map(|k| (*k, kind_label(&t, k))).collect(),
        error,
        message,
    };
    let status = if page.error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok((status, render(&page)?).into_response())
}

async fn show(
    s: &AppState,
    v: &Visitor,
    year: Option<&str>,
    area: Option<&str>,
    error: String,
    message: String,
) -> AppResult<Response> {
    let today = today_in_thailand();
    let (year, area) = overview::place(&s.db, v.user.as_ref(), year, area, today).await?;
    let o = overview::overview(&s.db, year, &area, today).await?;
    page_of(v, o, error, message)
}

pub async fn page(
    State(s): State<AppState>,
    v: Visitor,
    Query(q): Query<CalendarQuery>,
) -> AppResult<Response> {
    show(
        &s,
        &v,
        q.year.as_deref(),
        q.area.as_deref(),
        String::new(),
        String::new(),
    )
    .await
}

fn back(year: i64, area: &str) -> String {
    format!("/calendar?year={year}&area={area}")
}

/// Back to the calendar, or the calendar again with what went wrong.
async fn answer<T>(
    s: &AppState,
    v: &Visitor,
    year: i64,
    area: &str,
    result: AppResult<T>,
) -> AppResult<Response> {
    let y = year.to_string();
    after(
        v,
        result,
        |_| back(year, area),
        |(_, m)| async move { show(s, v, Some(&y), Some(area), m, String::new()).await },
    )
    .await
}

#[derive(Deserialize)]
pub struct DueForm {
    due_on: String,
    #[serde(default)]
    area: String,
}

pub async fn set_due(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<DueForm>,
) -> AppResult<Response> {
    let f = &w.form;
    let d = calendar::get(&s.db, id)
        .await?
        .ok_or_else(crate::web::page::not_found)?;
    let result = async {
        let due = crate::thai::parse_date(&f.due_on).map_err(|error| Problem::Date {
            field: Field::DueOn,
            error,
        })?;
        calendar::set_due(&s.db, &w.user, id, due).await
    }
    .await;
    answer(&s, &w.v, d.fiscal_year, &f.area, result).await
}

#[derive(Deserialize)]
pub struct AddForm {
    #[serde(deserialize_with = "crate::reporting::years::be")]
    fiscal_year: i64,
    kind: String,
    #[serde(default)]
    period: String,
    due_on: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    area: String,
}

pub async fn add(State(s): State<AppState>, w: FormWrite<AddForm>) -> AppResult<Response> {
    let f = w.form;
    let new = NewDeadline {
        fiscal_year: f.fiscal_year,
        kind: f.kind,
        period: f.period,
        due_on: f.due_on,
        title: f.title,
    };
    let result = calendar::add(&s.db, &w.user, new).await;
    answer(&s, &w.v, f.fiscal_year, &f.area, result).await
}

#[derive(Deserialize)]
pub struct YearForm {
    #[serde(deserialize_with = "crate::reporting::years::be")]
    fiscal_year: i64,
    #[serde(default)]
    area: String,
}

/// Makes a year's calendar from the yearly pattern (on demand, for a year not made at start).
pub async fn create_year(State(s): State<AppState>, w: FormWrite<YearForm>) -> AppResult<Response> {
    let f = &w.form;
    calendar::make_year(&s.db, &w.user, f.fiscal_year).await?;
    Ok(see(back(f.fiscal_year, &f.area)))
}
