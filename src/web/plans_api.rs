//! The JSON API of the One Plan chain: plans, their forums and projects, adoption from below,
//! the plan cycle, and each project's lineage. Same rules as the pages: writes need the session
//! cookie and the `X-CSRF-Token` header, carry the version they read, and are audited.

use super::AppState;
use super::json::{ApiWrite, Json};
use super::page::{ApiError, not_found};
use super::session::Visitor;
use crate::adoption::adopt::{self, AdoptInput, Candidate};
use crate::forums::{self, Forum, ForumInput};
use crate::plans::workflow::{self, Step};
use crate::plans::{self, Plan, PlanKind};
use crate::projects::Project;
use crate::projects::input::ProjectInput;
use crate::projects::progress::{self, ProgressInput};
use crate::views::{PlanView, ProjectView};
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::UtoipaMethodRouter;
use utoipa_axum::routes;

type ApiResult<T> = Result<Json<T>, ApiError>;

/// This module's routes, each with its description (see `api::router`).
pub fn routes() -> Vec<UtoipaMethodRouter<AppState>> {
    vec![
        routes!(list, open),
        routes!(plan),
        routes!(candidates),
        routes!(add_forum),
        routes!(add_project),
        routes!(adopt_project),
        routes!(step),
        routes!(project),
        routes!(report_progress),
        // issue 11: a plan's own projects
        routes!(add_own),
        routes!(update_own),
        routes!(delete_own),
        routes!(import_own),
    ]
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// A DOPA code: the plans of that area and everything under it.
    #[serde(default)]
    area: String,
    /// An LAO id: that LAO's plans.
    lao: Option<i64>,
}

/// Plans of an area (and below) or of one LAO.
#[utoipa::path(get, path = "/api/plans", params(ListQuery), responses((status = 200, body = [Plan])))]
async fn list(State(s): State<AppState>, Query(q): Query<ListQuery>) -> ApiResult<Vec<Plan>> {
    let area = crate::thai::to_arabic_digits(q.area.trim());
    Ok(Json(plans::list_under(&s.db, &area, q.lao).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct OpenPlan {
    /// village, tambon, local, budget, district or province.
    kind: String,
    /// The owner: a DOPA code of the kind's level, or an LAO id for local and budget plans.
    owner: String,
    /// First fiscal year, Buddhist era.
    year: i64,
}

/// Opens the plan of an owner for a year, creating it as an empty draft the first time.
#[utoipa::path(post, path = "/api/plans", request_body = OpenPlan, responses((status = 200, body = Plan), (status = 403, body = super::api::ErrorBody)))]
async fn open(
    State(s): State<AppState>,
    ApiWrite { user, body: b }: ApiWrite<OpenPlan>,
) -> ApiResult<Plan> {
    let kind = PlanKind::parse(&b.kind).ok_or_else(|| {
        crate::error::AppError::from(crate::error::Problem::Unknown {
            field: crate::error::Field::Kind,
            typed: b.kind.clone(),
            choices: Vec::new(),
        })
    })?;
    let owner = plans::resolve_owner(&s.db, kind, &b.owner).await?;
    Ok(Json(plans::open(&s.db, &user, kind, &owner, b.year).await?))
}

/// A plan with its projects, dimension coverage, forums and cycle — the same view its page shows.
#[utoipa::path(get, path = "/api/plans/{id}", params(("id" = i64, Path)), responses((status = 200, body = PlanView), (status = 404, body = super::api::ErrorBody)))]
async fn plan(State(s): State<AppState>, v: Visitor, Path(id): Path<i64>) -> ApiResult<PlanView> {
    Ok(Json(PlanView::load(&s.db, v.user.as_ref(), id).await?))
}

/// Projects of the plans below that this plan may still adopt.
#[utoipa::path(get, path = "/api/plans/{id}/candidates", params(("id" = i64, Path)), responses((status = 200, body = [Candidate])))]
async fn candidates(State(s): State<AppState>, Path(id): Path<i64>) -> ApiResult<Vec<Candidate>> {
    let plan = plans::get(&s.db, id).await?.ok_or_else(not_found)?;
    Ok(Json(adopt::candidates(&s.db, &plan).await?))
}

/// A write body: the plan version the client read, and the fields.
#[derive(Deserialize, ToSchema)]
// refuses a field that neither takes: the flattening hides such fields from `json::read`'s check
#[serde(deny_unknown_fields)]
pub struct Versioned<T> {
    version: i64,
    #[serde(flatten)]
    body: T,
}

/// Records a forum of a draft village or tambon plan.
#[utoipa::path(post, path = "/api/plans/{id}/forums", params(("id" = i64, Path)), request_body = Versioned<ForumInput>,
    responses((status = 200, body = Forum), (status = 400, body = super::api::ErrorBody), (status = 409, body = super::api::ErrorBody)))]
async fn add_forum(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    ApiWrite { user, body: b }: ApiWrite<Versioned<ForumInput>>,
) -> ApiResult<Forum> {
    Ok(Json(
        forums::add(&s.db, &user, id, b.version, &b.body).await?,
    ))
}

/// Raises a project in a draft village or tambon plan.
#[utoipa::path(post, path = "/api/plans/{id}/projects", params(("id" = i64, Path)), request_body = Versioned<ProjectInput>,
    responses((status = 200, body = Project), (status = 400, body = super::api::ErrorBody), (status = 409, body = super::api::ErrorBody)))]
async fn add_project(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    ApiWrite { user, body: b }: ApiWrite<Versioned<ProjectInput>>,
) -> ApiResult<Project> {
    Ok(Json(
        crate::adoption::add_to_plan(&s.db, &user, id, b.version, &b.body).await?,
    ))
}

/// Adopts a project from a plan below into this one.
#[utoipa::path(post, path = "/api/plans/{id}/adoptions", params(("id" = i64, Path)), request_body = Versioned<AdoptInput>,
    responses((status = 200, body = PlanView), (status = 400, body = super::api::ErrorBody), (status = 409, body = super::api::ErrorBody)))]
async fn adopt_project(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    ApiWrite { user, body: b }: ApiWrite<Versioned<AdoptInput>>,
) -> ApiResult<PlanView> {
    adopt::adopt(&s.db, &user, id, b.version, &b.body).await?;
    Ok(Json(PlanView::load(&s.db, Some(&user), id).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct StepBody {
    version: i64,
    /// submit, withdraw, approve or reopen.
    step: String,
    /// Required to reopen an approved plan.
    #[serde(default)]
    reason: String,
}

/// Moves a plan through draft → submitted → approved (or reopens it, from the level above).
#[utoipa::path(post, path = "/api/plans/{id}/steps", params(("id" = i64, Path)), request_body = StepBody,
    responses((status = 200, body = Plan), (status = 403, body = super::api::ErrorBody), (status = 409, body = super::api::ErrorBody)))]
async fn step(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    ApiWrite { user, body: b }: ApiWrite<StepBody>,
) -> ApiResult<Plan> {
    let step = Step::parse(&b.step).ok_or_else(|| {
        crate::error::AppError::from(crate::error::Problem::Unknown {
            field: crate::error::Field::Step,
            typed: b.step.clone(),
            choices: Vec::new(),
        })
    })?;
    Ok(Json(
        workflow::step(&s.db, &user, id, b.version, step, &b.reason).await?,
    ))
}

/// A project with its lineage: origin, every plan that holds it, routing, funding, progress —
/// the same view its page shows, with what the reader may do.
#[utoipa::path(get, path = "/api/projects/{id}", params(("id" = i64, Path)), responses((status = 200, body = ProjectView), (status = 404, body = super::api::ErrorBody)))]
async fn project(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
) -> ApiResult<ProjectView> {
    Ok(Json(ProjectView::load(&s.db, v.user.as_ref(), id).await?))
}

/// Reports progress on a project (status, percent done, money spent).
#[utoipa::path(post, path = "/api/projects/{id}/progress", params(("id" = i64, Path)), request_body = Versioned<ProgressInput>,
    responses((status = 200, body = Project), (status = 400, body = super::api::ErrorBody), (status = 409, body = super::api::ErrorBody)))]
async fn report_progress(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    ApiWrite { user, body: b }: ApiWrite<Versioned<ProgressInput>>,
) -> ApiResult<Project> {
    Ok(Json(
        progress::record(&s.db, &user, id, b.version, &b.body).await?,
    ))
}

// ---- issue 11: a plan's own projects (ผ.02)

/// Raises an own project (ผ.02) in a draft local, district or province plan; `version` is the plan's.
#[utoipa::path(post, path = "/api/plans/{id}/own-projects", params(("id" = i64, Path)), request_body = Versioned<crate::own::OwnInput>,
    responses((status = 200, body = crate::own::OwnProject), (status = 400, body = super::api::ErrorBody), (status = 403, body = super::api::ErrorBody), (status = 409, body = super::api::ErrorBody)))]
async fn add_own(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    ApiWrite { user, body: b }: ApiWrite<Versioned<crate::own::OwnInput>>,
) -> ApiResult<crate::own::OwnProject> {
    let project = crate::own::add(&s.db, &user, id, b.version, &b.body).await?;
    Ok(Json(
        crate::own::get(&s.db, project)
            .await?
            .ok_or_else(not_found)?,
    ))
}

/// Changes an own project of a draft plan; `version` is the project's.
#[utoipa::path(post, path = "/api/own-projects/{id}", params(("id" = i64, Path)), request_body = Versioned<crate::own::OwnInput>,
    responses((status = 200, body = crate::own::OwnProject), (status = 400, body = super::api::ErrorBody), (status = 403, body = super::api::ErrorBody), (status = 409, body = super::api::ErrorBody)))]
async fn update_own(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    ApiWrite { user, body: b }: ApiWrite<Versioned<crate::own::OwnInput>>,
) -> ApiResult<crate::own::OwnProject> {
    Ok(Json(
        crate::own::update(&s.db, &user, id, b.version, &b.body).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct PlanVersion {
    /// The plan's version as read.
    version: i64,
}

/// Deletes an own project from its draft plan; `version` is the plan's. Answers the plan.
#[utoipa::path(post, path = "/api/own-projects/{id}/delete", params(("id" = i64, Path)), request_body = PlanVersion,
    responses((status = 200, body = PlanView), (status = 403, body = super::api::ErrorBody), (status = 409, body = super::api::ErrorBody)))]
async fn delete_own(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    ApiWrite { user, body: b }: ApiWrite<PlanVersion>,
) -> ApiResult<PlanView> {
    let plan = crate::own::delete(&s.db, &user, id, b.version).await?;
    Ok(Json(PlanView::load(&s.db, Some(&user), plan.id).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct OwnImport {
    /// The plan's version as read.
    version: i64,
    /// The CSV file's text in the ผ.02 layout (an .xlsx goes through the plan page or the command line).
    csv: String,
}

#[derive(serde::Serialize, ToSchema)]
pub struct OwnImported {
    /// How many projects went in.
    imported: usize,
}

/// Imports a draft plan's own projects from a CSV text in the ผ.02 layout, all or nothing; each
/// mistake comes back with its row in the message and its field.
#[utoipa::path(post, path = "/api/plans/{id}/own-projects/import", params(("id" = i64, Path)), request_body = OwnImport,
    responses((status = 200, body = OwnImported), (status = 400, body = super::api::ErrorBody), (status = 403, body = super::api::ErrorBody), (status = 409, body = super::api::ErrorBody)))]
async fn import_own(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    ApiWrite { user, body: b }: ApiWrite<OwnImport>,
) -> ApiResult<OwnImported> {
    let imported =
        crate::own::import::import(&s.db, &user, id, b.version, b.csv.as_bytes()).await?;
    Ok(Json(OwnImported { imported }))
}
