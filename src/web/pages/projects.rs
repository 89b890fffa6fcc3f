//! The project page: its lineage from the forum to the budget, its progress, and its edit form.

use super::areas::{Crumb, crumbs};
use super::format::{baht, date_th};
use crate::dimensions::Dimension;
use crate::error::AppResult;
use crate::plans::PlanKind;
use crate::projects;
use crate::projects::input::{EXECUTORS, ProjectInput, REACHES, executor_th, reach_th};
use crate::projects::progress::{self, ProgressInput};
use crate::views::ProjectView;
use crate::web::AppState;
use crate::web::page::{Page, render};
use crate::web::session::Visitor;
use crate::web::write::{FormWrite, after};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

pub struct StepRow {
    pub plan_id: i64,
    pub kind: String,
    pub title: String,
    pub plan_status: String,
    pub year: i64,
    pub rank: String,
    pub amount: String,
    pub decided_on: String,
    pub issue: String,
}

pub struct Fact {
    pub label: &'static str,
    pub value: String,
}

#[derive(Template)]
#[template(path = "project.html")]
pub struct ProjectPage {
    p: Page,
    crumbs: Vec<Crumb>,
    id: i64,
    version: i64,
    title: String,
    status: String,
    progress_pct: i64,
    spent: String,
    budget: String,
    facts: Vec<Fact>,
    villages: Vec<(String, String)>,
    forum: Option<(String, String, i64)>,
    steps: Vec<StepRow>,
    funding: Vec<(String, String, String)>,
    requests: Vec<(String, String, String)>,
    reports: Vec<(String, String, i64, String, String, String)>,
    merged_from: Vec<(i64, String)>,
    merged_into: Option<(i64, String)>,
    /// In the Tambon Project Bank: the amount asked, and the rounds that selected it
    /// (fiscal year, district, status).
    bank: Option<(String, Vec<(i64, String, &'static str)>)>,
    can_report: bool,
    can_edit: bool,
    notice: String,
    error: String,
}

async fn show(
    s: &AppState,
    v: &Visitor,
    id: i64,
    notice: String,
    error: String,
) -> AppResult<Response> {
    let t = v.tr;
    let view = ProjectView::load(&s.db, v.user.as_ref(), id).await?;
    let (l, path) = (&view.lineage, &view.path);
    let p = &l.project;
    let dimension = Some(super::format::dimension_label(&t, p.dimension)).unwrap_or_default();
    let target = projects::target_th(
        p.target_villages,
        p.target_households,
        p.target_people,
        " · ",
    );
    let duration = match (&p.starts_on, &p.ends_on) {
        (Some(a), Some(b)) => format!("{} – {}", date_th(a), date_th(b)),
        (Some(a), None) => date_th(a),
        (None, Some(b)) => format!("– {}", date_th(b)),
        (None, None) => String::new(),
    };
    let facts = vec![
        Fact {
            label: "col.dimension",
            value: dimension,
        },
        Fact {
            label: "project.need",
            value: p.need.clone(),
        },
        Fact {
            label: "project.objective",
            value: p.objective.clone(),
        },
        Fact {
            label: "project.format",
            value: p.format.clone(),
        },
        Fact {
            label: "project.reach",
            value: reach_th(&p.reach).to_string(),
        },
        Fact {
            label: "project.target",
            value: target,
        },
        Fact {
            label: "col.executor",
            value: executor_th(&p.executor).to_string(),
        },
        Fact {
            label: "col.within_lao",
            value: if p.within_lao_authority {
                "ใช่"
            } else {
                "ไม่ใช่"
            }
            .to_string(),
        },
        Fact {
            label: "project.duration",
            value: duration,
        },
    ];
    let kind = |k: &PlanKind| if t.en() { k.en() } else { k.th() }.to_string();
    let page = ProjectPage {
        p: Page::new(v, &p.title, &format!("/projects/{id}")),
        crumbs: crumbs(&t, path),
        id,
        version: p.version,
        title: p.title.clone(),
        status: p.status.th().to_string(),
        progress_pct: p.progress_pct,
        spent: baht(p.spent_satang),
        budget: baht(p.budget_satang),
        facts,
        villages: l
            .villages
            .iter()
            .map(|vl| {
                let moo = vl.moo.map(|m| format!("หมู่ที่ {m}")).unwrap_or_default();
                (
                    vl.code.clone(),
                    format!("{} {moo}", vl.name_th).trim().to_string(),
                )
            })
            .collect(),
        forum: l
            .forum
            .as_ref()
            .map(|f| (date_th(&f.held_on), f.chaired_by.clone(), f.attendance)),
        steps: l
            .steps
            .iter()
            .map(|st| StepRow {
                plan_id: st.plan_id,
                kind: kind(&st.plan_kind),
                title: st.plan_title.clone(),
                plan_status: st.plan_status.th().to_string(),
                year: st.fiscal_year,
                rank: st.rank.map(|r| r.to_string()).unwrap_or_default(),
                amount: baht(st.amount_satang),
                decided_on: date_th(&st.decided_on),
                issue: st.issue.clone().unwrap_or_default(),
            })
            .collect(),
        funding: l
            .funding
            .iter()
            .map(|f| {
                (
                    f.source.clone(),
                    if f.partner_role == "funds" {
                        "สนับสนุนงบประมาณ"
                    } else {
                        "ร่วมดำเนินการ"
                    }
                    .to_string(),
                    baht(f.amount_satang),
                )
            })
            .collect(),
        requests: l
            .agency_requests
            .iter()
            .map(|r| {
                (
                    r.agency.clone(),
                    baht(r.amount_satang),
                    date_th(&r.requested_on),
                )
            })
            .collect(),
        reports: l
            .progress
            .iter()
            .map(|r| {
                (
                    date_th(&r.reported_on),
                    r.status.th().to_string(),
                    r.progress_pct,
                    baht(r.spent_satang),
                    r.note.clone(),
                    r.created_by.clone(),
                )
            })
            .collect(),
        merged_from: l.merged_from.clone(),
        merged_into: l.merged_into.clone(),
        bank: l.bank.as_ref().map(|b| {
            (
                crate::thai::format_baht(b.budget_satang),
                l.rounds
                    .iter()
                    .map(|r| (r.fiscal_year, r.district_code.clone(), r.status.th()))
                    .collect(),
            )
        }),
        can_report: view.rights.report_progress,
        can_edit: view.rights.edit,
        notice,
        error: error.clone(),
    };
    let code = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    Ok((code, render(&page)?).into_response())
}

pub async fn page(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    show(&s, &v, id, String::new(), String::new()).await
}

/// The version of the project the form was read from.
#[derive(Deserialize)]
pub struct Versioned<T> {
    version: i64,
    #[serde(flatten)]
    input: T,
}

pub async fn report_progress(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<Versioned<ProgressInput>>,
) -> AppResult<Response> {
    let f = &w.form;
    let r = progress::record(&s.db, &w.user, id, f.version, &f.input).await;
    after(
        &w.v,
        r,
        |_| format!("/projects/{id}"),
        |(_, m)| show(&s, &w.v, id, String::new(), m),
    )
    .await
}

#[derive(Template)]
#[template(path = "project_edit.html")]
pub struct EditPage {
    p: Page,
    id: i64,
    /// The plan that raised it: similar projects are looked for near its area.
    plan_id: i64,
    version: i64,
    d: ProjectInput,
    dimensions: Vec<(String, String)>,
    executors: Vec<(&'static str, &'static str)>,
    reaches: Vec<(&'static str, &'static str)>,
    error: String,
}

async fn edit_page(
    s: &AppState,
    v: &Visitor,
    id: i64,
    d: Option<ProjectInput>,
    error: String,
) -> AppResult<Response> {
    let t = v.tr;
    let (p, stored) = crate::views::project::edit_form(&s.db, id).await?;
    let d = d.unwrap_or(stored);
    let code = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = EditPage {
        p: Page::new(v, &p.title, &format!("/projects/{id}/edit")),
        id,
        plan_id: p.origin_plan_id.unwrap_or(0),
        version: p.version,
        d,
        dimensions: Dimension::ALL
            .iter()
            .map(|d| {
                (
                    d.as_str().to_string(),
                    super::format::dimension_label(&t, *d),
                )
            })
            .collect(),
        executors: EXECUTORS.to_vec(),
        reaches: REACHES.to_vec(),
        error,
    };
    Ok((code, render(&page)?).into_response())
}

pub async fn edit(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    v.user()?;
    edit_page(&s, &v, id, None, String::new()).await
}

pub async fn update(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<Versioned<ProjectInput>>,
) -> AppResult<Response> {
    let f = w.form;
    let r = projects::update(&s.db, &w.user, id, f.version, &f.input).await;
    after(
        &w.v,
        r,
        |_| format!("/projects/{id}"),
        |(_, m)| edit_page(&s, &w.v, id, Some(f.input), m),
    )
    .await
}
