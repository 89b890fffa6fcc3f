//! The district plan sent to the province: the district's page that chooses and sends the plan
//! year's approved, ranked and aligned projects, and the province's list of what each district
//! sent. The rules are in `adoption::to_province`.

use super::areas::{Crumb, crumbs};
use super::format::baht;
use super::reports::{YearQuery, notice};
use crate::adoption::to_province;
use crate::error::AppResult;
use crate::web::AppState;
use crate::web::page::{Page, not_found, render};
use crate::web::session::Visitor;
use crate::web::write::{FormWrite, after};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

pub struct Row {
    id: i64,
    rank: String,
    title: String,
    issue: String,
    amount: String,
    lacks: String,
}

#[derive(Template)]
#[template(path = "to_province.html")]
pub struct SendPage {
    p: Page,
    crumbs: Vec<Crumb>,
    plan_id: i64,
    plan_title: String,
    plan_year: i64,
    years: Vec<i64>,
    due: String,
    approved_on: Option<String>,
    rows: Vec<Row>,
    can_send: bool,
    sent: Vec<(i64, String, String, bool)>,
    notice: String,
    error: String,
}

async fn send_view(
    s: &AppState,
    v: &Visitor,
    id: i64,
    year: Option<i64>,
    notice: String,
    error: String,
) -> AppResult<Response> {
    let plan = crate::plans::get(&s.db, id).await?.ok_or_else(not_found)?;
    let today = crate::thai::fiscal_year_be(crate::thai::fiscal::today_in_thailand()) as i64;
    let plan_year = year
        .unwrap_or(today + 2)
        .clamp(plan.first_year, plan.last_year);
    let t = to_province::of_plan(&s.db, &plan, plan_year).await?;
    let owner = crate::plans::owner_of(&s.db, &plan).await?;
    let can_send = v
        .user
        .as_ref()
        .is_some_and(|u| u.agency == to_province::SENDS)
        && crate::plans::access::may_write(&s.db, v.user.as_ref(), &owner).await?;
    let path = crate::areas::path(&s.db, &plan.area_code).await?;
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = SendPage {
        p: Page::new(
            v,
            v.tr.s("to_province.title"),
            &format!("/plans/{id}/to-province"),
        ),
        crumbs: crumbs(&v.tr, &path),
        plan_id: id,
        plan_title: plan.title.clone(),
        plan_year,
        years: (plan.first_year..=plan.last_year).collect(),
        due: t
            .due_on
            .map(|d| super::format::date_th(&d))
            .unwrap_or_else(|| "–".into()),
        approved_on: t.committee_approved_on.map(|d| super::format::date_th(&d)),
        rows: t
            .projects
            .iter()
            .map(|p| Row {
                id: p.project_id,
                rank: p.rank.map(|r| r.to_string()).unwrap_or_default(),
                title: p.title.clone(),
                issue: p.issue_title.clone(),
                amount: baht(p.amount_satang),
                lacks: p.lacks().join(" และ"),
            })
            .collect(),
        can_send: can_send && t.committee_approved_on.is_some(),
        sent: t
            .sent
            .iter()
            .map(|x| {
                (
                    x.version,
                    super::format::at_th(&x.submitted_at),
                    x.submitted_by.clone(),
                    x.late,
                )
            })
            .collect(),
        notice,
        error,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn send_page(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let n = notice(&v, &q);
    send_view(&s, &v, id, super::reports::asked(&q), n, String::new()).await
}

/// `year`, `report_no`, and a `project` per chosen project.
pub async fn send(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<Vec<(String, String)>>,
) -> AppResult<Response> {
    let get = |k: &str| {
        w.form
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let year = crate::reporting::years::typed(&get("year")).unwrap_or(0);
    let chosen: Vec<i64> = w
        .form
        .iter()
        .filter(|(k, _)| k == "project")
        .filter_map(|(_, v)| v.parse().ok())
        .collect();
    let r = if chosen.is_empty() {
        Err(
            crate::error::Problem::Chain(crate::error::ChainProblem::NoProjectsToSend { year })
                .into(),
        )
    } else {
        to_province::send(&s.db, &w.user, id, year, &chosen, &get("report_no")).await
    };
    after(
        &w.v,
        r,
        |_| format!("/plans/{id}/to-province?year={year}&done=submitted"),
        |(_, m)| send_view(&s, &w.v, id, Some(year), String::new(), m),
    )
    .await
}

#[derive(Template)]
#[template(path = "district_plans.html")]
pub struct ReceivedPage {
    p: Page,
    crumbs: Vec<Crumb>,
    label: String,
    plan_year: i64,
    rows: Vec<(String, String, bool, i64, String)>,
    missing: String,
}

pub async fn received(
    State(s): State<AppState>,
    v: Visitor,
    Path(code): Path<String>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let today = crate::thai::fiscal_year_be(crate::thai::fiscal::today_in_thailand()) as i64;
    let plan_year = super::reports::asked(&q).unwrap_or(today + 2);
    let list = to_province::of_province(&s.db, &code, plan_year).await?;
    let (_, crumbs, label) = super::reports::place(&s, &v, &code).await?;
    let missing = list
        .iter()
        .filter(|d| d.version.is_none())
        .map(|d| d.name_th.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let rows = list
        .into_iter()
        .map(|d| {
            let stage = match (d.version, &d.submitted_on) {
                (Some(n), Some(at)) => format!(
                    "{} {n} · {}",
                    v.tr.s("to_province.sent"),
                    super::format::at_th(at)
                ),
                _ => v.tr.s("chain.missing").to_string(),
            };
            (d.name_th, stage, d.late, d.projects, baht(d.total_satang))
        })
        .collect();
    let page = ReceivedPage {
        p: Page::new(
            &v,
            v.tr.s("to_province.received"),
            &format!("/areas/{code}/district-plans"),
        ),
        crumbs,
        label,
        plan_year,
        rows,
        missing,
    };
    Ok(render(&page)?.into_response())
}
