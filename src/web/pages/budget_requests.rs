//! Requests for an LAO's budget support: the tambon plan's page that records them, the LAO's
//! page that answers them. The rules are in `registers::budget_requests`.

use super::areas::{Crumb, crumbs};
use super::format::{baht, date_th};
use super::reports::{YearQuery, notice};
use crate::error::AppResult;
use crate::registers::budget_requests::{self, Answer, BudgetRequest, RequestInput};
use crate::web::AppState;
use crate::web::page::{Page, not_found, render};
use crate::web::session::Visitor;
use crate::web::write::{FormWrite, after};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

pub struct Row {
    id: i64,
    version: i64,
    title: String,
    lao: String,
    on: String,
    amount: String,
    answer: String,
    answer_key: &'static str,
    can_answer: bool,
}

#[derive(Template)]
#[template(path = "budget_requests.html")]
pub struct RequestsPage {
    p: Page,
    crumbs: Vec<Crumb>,
    back: Option<(String, String)>,
    place: String,
    here: String,
    rows: Vec<Row>,
    plan_id: Option<i64>,
    can_request: bool,
    projects: Vec<(i64, String)>,
    laos: Vec<(i64, String)>,
    notice: String,
    error: String,
}

async fn rows(s: &AppState, v: &Visitor, list: Vec<BudgetRequest>) -> AppResult<Vec<Row>> {
    let mut may: std::collections::HashMap<i64, bool> = std::collections::HashMap::new();
    let mut out = Vec::new();
    for r in list {
        let can_answer = match may.get(&r.lao_id) {
            Some(m) => *m,
            None => {
                let m = budget_requests::may_answer(&s.db, v.user.as_ref(), r.lao_id).await?;
                may.insert(r.lao_id, m);
                m
            }
        };
        let answer = match r.answered_on {
            Some(d) => format!("{} ({})", r.answer.th(), date_th(&d)),
            None => r.answer.th().to_string(),
        };
        out.push(Row {
            can_answer,
            id: r.id,
            version: r.version,
            title: r.title,
            lao: r.lao_name,
            on: date_th(&r.requested_on),
            amount: baht(r.amount_satang),
            answer,
            answer_key: r.answer.as_str(),
        });
    }
    Ok(out)
}

async fn plan_view(
    s: &AppState,
    v: &Visitor,
    id: i64,
    notice: String,
    error: String,
) -> AppResult<Response> {
    let plan = crate::plans::get(&s.db, id).await?.ok_or_else(not_found)?;
    if plan.kind() != crate::plans::PlanKind::Tambon {
        return Err(not_found());
    }
    let path = crate::areas::path(&s.db, &plan.area_code).await?;
    let list = budget_requests::of_plan(&s.db, id).await?;
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = RequestsPage {
        p: Page::new(
            v,
            v.tr.s("request.title"),
            &format!("/plans/{id}/budget-requests"),
        ),
        crumbs: crumbs(&v.tr, &path),
        back: Some((format!("/plans/{id}"), plan.title.clone())),
        place: plan.title.clone(),
        here: format!("/plans/{id}/budget-requests"),
        rows: rows(s, v, list).await?,
        plan_id: Some(id),
        can_request: budget_requests::may_request(&s.db, v.user.as_ref(), &plan).await?,
        projects: crate::adoption::items::items(&s.db, id)
            .await?
            .into_iter()
            .map(|i| (i.project_id, i.title))
            .collect(),
        laos: crate::areas::covering(&s.db, &plan.area_code)
            .await?
            .into_iter()
            .map(|c| (c.lao_id, c.full_name_th))
            .collect(),
        notice,
        error,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn of_plan(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let n = notice(&v, &q);
    plan_view(&s, &v, id, n, String::new()).await
}

pub async fn record(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<RequestInput>,
) -> AppResult<Response> {
    let r = budget_requests::record(&s.db, &w.user, id, &w.form).await;
    after(
        &w.v,
        r,
        |_| format!("/plans/{id}/budget-requests?done=saved"),
        |(_, m)| plan_view(&s, &w.v, id, String::new(), m),
    )
    .await
}

async fn lao_view(
    s: &AppState,
    v: &Visitor,
    id: i64,
    notice: String,
    error: String,
) -> AppResult<Response> {
    let lao = crate::areas::lao(&s.db, id).await?.ok_or_else(not_found)?;
    let owner = crate::plans::Owner::Lao(lao.clone());
    let path = crate::areas::path(&s.db, &owner.area_code()).await?;
    let list = budget_requests::to_lao(&s.db, id).await?;
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = RequestsPage {
        p: Page::new(
            v,
            v.tr.s("request.title"),
            &format!("/laos/{id}/budget-requests"),
        ),
        crumbs: crumbs(&v.tr, &path),
        back: None,
        place: lao.full_name_th.clone(),
        here: format!("/laos/{id}/budget-requests"),
        rows: rows(s, v, list).await?,
        plan_id: None,
        can_request: false,
        projects: vec![],
        laos: vec![],
        notice,
        error,
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn of_lao(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let n = notice(&v, &q);
    lao_view(&s, &v, id, n, String::new()).await
}

#[derive(Deserialize)]
pub struct AnswerForm {
    version: i64,
    answer: String,
    #[serde(default)]
    answered_on: String,
    #[serde(default)]
    back: String,
}

pub async fn answer(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<AnswerForm>,
) -> AppResult<Response> {
    let f = &w.form;
    let r = match Answer::from_stored(&f.answer) {
        Some(a) => budget_requests::answer(&s.db, &w.user, id, f.version, a, &f.answered_on).await,
        None => Err(crate::error::Problem::Unknown {
            field: crate::error::Field::Verdict,
            typed: f.answer.clone(),
            choices: vec!["granted", "refused", "pending"],
        }
        .into()),
    };
    // back to the page the form was on: a plan's or an LAO's requests
    let back = match f.back.as_str() {
        b if (b.starts_with("/plans/") || b.starts_with("/laos/"))
            && b.ends_with("/budget-requests") =>
        {
            b.to_string()
        }
        _ => "/".to_string(),
    };
    let plan_id: Option<i64> = back
        .strip_prefix("/plans/")
        .and_then(|r| r.split('/').next())
        .and_then(|n| n.parse().ok());
    let lao_id: Option<i64> = back
        .strip_prefix("/laos/")
        .and_then(|r| r.split('/').next())
        .and_then(|n| n.parse().ok());
    let v = &w.v;
    let s = &s;
    after(
        v,
        r,
        |_| format!("{back}?done=saved"),
        |(_, m)| async move {
            match (plan_id, lao_id) {
                (Some(p), _) => plan_view(s, v, p, String::new(), m).await,
                (_, Some(l)) => lao_view(s, v, l, String::new(), m).await,
                _ => Err(not_found()),
            }
        },
    )
    .await
}
