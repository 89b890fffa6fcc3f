//! The plan page's form posts: open a plan, raise and adopt projects, forums, items, steps,
//! milestones, carrying forward, routing, development issues and the standard's assessment.

use super::{answer, show};
use crate::adoption::{self as adopt, AdoptInput, RouteInput};
use crate::error::{AppError, AppResult, Field, Problem};
use crate::forums::{self, ForumInput};
use crate::plans::workflow::{self, Step};
use crate::plans::{self, Milestones, PlanKind};
use crate::projects::input::ProjectInput;
use crate::thai;
use crate::web::AppState;
use crate::web::page::not_found;
use crate::web::write::{Button, FormWrite, after, see};
use axum::extract::{Path, State};
use axum::response::Response;
use serde::Deserialize;

/// Opens (creating on first use) the plan of an owner for a year: `kind`, `owner`, `year`.
#[derive(Deserialize)]
pub struct OpenForm {
    kind: String,
    owner: String,
    year: String,
}

pub async fn open(State(s): State<AppState>, w: FormWrite<OpenForm>) -> AppResult<Response> {
    let f = w.form;
    let kind = PlanKind::parse(&f.kind).ok_or_else(|| {
        AppError::from(Problem::Unknown {
            field: Field::Kind,
            typed: f.kind.clone(),
            choices: Vec::new(),
        })
    })?;
    let year = thai::parse_int(&f.year).map_err(|error| Problem::Number {
        field: Field::Year,
        error,
    })?;
    let owner = plans::resolve_owner(&s.db, kind, &f.owner).await?;
    let plan = plans::open(&s.db, &w.user, kind, &owner, year).await?;
    Ok(see(format!("/plans/{}", plan.id)))
}

/// The version of the plan the form was read from.
#[derive(Deserialize)]
pub struct Versioned<T> {
    version: i64,
    #[serde(flatten)]
    input: T,
}

pub async fn add_project(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<Versioned<ProjectInput>>,
) -> AppResult<Response> {
    let f = w.form;
    let r = adopt::add_to_plan(&s.db, &w.user, id, f.version, &f.input).await;
    let keep = if r.is_err() {
        f.input
    } else {
        ProjectInput::default()
    };
    answer(&s, &w.v, id, r, "project", keep).await
}

pub async fn add_forum(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<Versioned<ForumInput>>,
) -> AppResult<Response> {
    let f = w.form;
    let r = forums::add(&s.db, &w.user, id, f.version, &f.input).await;
    answer(&s, &w.v, id, r, "forum", ProjectInput::default()).await
}

#[derive(Deserialize)]
pub struct AdoptForm {
    version: i64,
    project_id: i64,
    #[serde(default)]
    rank: String,
    #[serde(default)]
    amount: String,
    #[serde(default)]
    fiscal_year: String,
    #[serde(default)]
    decided_on: String,
    #[serde(default)]
    issue_id: String,
    #[serde(default)]
    note: String,
}

impl AdoptForm {
    fn input(&self) -> AdoptInput {
        AdoptInput {
            project_id: self.project_id,
            rank: self.rank.clone(),
            amount: self.amount.clone(),
            fiscal_year: self.fiscal_year.clone(),
            decided_on: self.decided_on.clone(),
            issue_id: self.issue_id.trim().parse().ok(),
            note: self.note.clone(),
        }
    }
}

pub async fn adopt(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<AdoptForm>,
) -> AppResult<Response> {
    let r = adopt::adopt(&s.db, &w.user, id, w.form.version, &w.form.input()).await;
    answer(&s, &w.v, id, r, "adopt", ProjectInput::default()).await
}

pub async fn update_item(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<AdoptForm>,
) -> AppResult<Response> {
    let r = adopt::update_item(&s.db, &w.user, id, w.form.version, &w.form.input()).await;
    answer(&s, &w.v, id, r, "item", ProjectInput::default()).await
}

#[derive(Deserialize)]
pub struct RemoveForm {
    version: i64,
    project_id: i64,
}

pub async fn remove(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<RemoveForm>,
) -> AppResult<Response> {
    let f = &w.form;
    let r = adopt::remove(&s.db, &w.user, id, f.version, f.project_id).await;
    answer(&s, &w.v, id, r, "removed", ProjectInput::default()).await
}

/// Merge: the `keep` radio and a `merge_<project id>` checkbox per project to merge into it.
pub async fn merge(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<std::collections::HashMap<String, String>>,
) -> AppResult<Response> {
    let f = &w.form;
    let version: i64 = f.get("version").and_then(|v| v.parse().ok()).unwrap_or(-1);
    let others: Vec<i64> = f
        .keys()
        .filter_map(|k| k.strip_prefix("merge_"))
        .filter_map(|k| k.parse().ok())
        .collect();
    let r = match f.get("keep").and_then(|k| k.parse::<i64>().ok()) {
        Some(keep) => adopt::merge(&s.db, &w.user, id, version, keep, &others).await,
        None => Err(Problem::Missing { field: Field::Keep }.into()),
    };
    answer(&s, &w.v, id, r, "merged", ProjectInput::default()).await
}

#[derive(Deserialize)]
pub struct StepForm {
    version: i64,
    step: String,
    #[serde(default)]
    reason: String,
}

pub async fn step(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<StepForm>,
) -> AppResult<Response> {
    let f = &w.form;
    let step = Step::parse(&f.step).ok_or_else(|| {
        AppError::from(Problem::Unknown {
            field: Field::Step,
            typed: f.step.clone(),
            choices: Vec::new(),
        })
    })?;
    let r = workflow::step(&s.db, &w.user, id, f.version, step, &f.reason).await;
    answer(&s, &w.v, id, r, &f.step, ProjectInput::default()).await
}

pub async fn milestones(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<Versioned<Milestones>>,
) -> AppResult<Response> {
    let f = w.form;
    let r = plans::set_milestones(&s.db, &w.user, id, f.version, f.input).await;
    answer(&s, &w.v, id, r, "milestones", ProjectInput::default()).await
}

pub async fn carry_forward(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<Button>,
) -> AppResult<Response> {
    let r = plans::carry::forward(&s.db, &w.user, id).await;
    after(
        &w.v,
        r,
        |next| format!("/plans/{}?done=plan.done.carried", next.id),
        |failed| {
            show(
                &s,
                &w.v,
                id,
                String::new(),
                Some(failed),
                ProjectInput::default(),
            )
        },
    )
    .await
}

pub async fn route(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<RouteInput>,
) -> AppResult<Response> {
    let r = adopt::route_to_agency(&s.db, &w.user, id, &w.form).await;
    answer(&s, &w.v, id, r, "routed", ProjectInput::default()).await
}

#[derive(Deserialize)]
pub struct IssueForm {
    title: String,
}

pub async fn add_issue(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<IssueForm>,
) -> AppResult<Response> {
    let plan = plans::get(&s.db, id).await?.ok_or_else(not_found)?;
    let r =
        plans::development_issues::add(&s.db, &w.user, &plan.area_code[..2], &w.form.title).await;
    answer(&s, &w.v, id, r, "issue", ProjectInput::default()).await
}

/// An assessment against the community-plan standard: `assessed_on`, `note`, a `met_<criterion id>` per tick.
pub async fn assess(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<std::collections::HashMap<String, String>>,
) -> AppResult<Response> {
    let f = &w.form;
    let get = |k: &str| f.get(k).cloned().unwrap_or_default();
    let met: Vec<i64> = f
        .keys()
        .filter_map(|k| k.strip_prefix("met_"))
        .filter_map(|k| k.parse().ok())
        .collect();
    let r =
        plans::standard::assess(&s.db, &w.user, id, &get("assessed_on"), &met, &get("note")).await;
    answer(&s, &w.v, id, r, "assessed", ProjectInput::default()).await
}
