//! An LAO's communities (issue 11) as JSON: the same read model and writes as the page
//! `/laos/{id}/communities`.

use super::AppState;
use super::json::{ApiWrite, Json};
use super::page::ApiError;
use super::session::Visitor;
use crate::communities::register::{self, CommunityInput, EndInput, RenameInput};
use crate::communities::{self, Community, Register};
use axum::extract::{Path, State};
use utoipa_axum::router::UtoipaMethodRouter;
use utoipa_axum::routes;

type ApiResult<T> = Result<Json<T>, ApiError>;

/// This module's routes, each with its description (see `api::router`).
pub fn routes() -> Vec<UtoipaMethodRouter<AppState>> {
    vec![
        routes!(register_of),
        routes!(add),
        routes!(rename),
        routes!(end),
    ]
}

/// The LAO's communities (in use first), the tambons it may register them in, and the history.
#[utoipa::path(get, path = "/api/laos/{id}/communities", params(("id" = i64, Path, description = "The LAO's id")),
    responses((status = 200, body = Register), (status = 404, body = super::api::ErrorBody)))]
async fn register_of(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
) -> ApiResult<Register> {
    Ok(Json(
        communities::register_of(&s.db, id, v.user.as_ref()).await?,
    ))
}

/// Registers a community of the LAO: number, name, tambon (code or name) it covers.
#[utoipa::path(post, path = "/api/laos/{id}/communities", params(("id" = i64, Path, description = "The LAO's id")), request_body = CommunityInput,
    responses((status = 200, body = Community), (status = 400, body = super::api::ErrorBody), (status = 403, body = super::api::ErrorBody)))]
async fn add(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    ApiWrite { user, body }: ApiWrite<CommunityInput>,
) -> ApiResult<Community> {
    Ok(Json(register::add(&s.db, &user, id, &body).await?))
}

/// Renames or renumbers a community in use; its code stays.
#[utoipa::path(post, path = "/api/communities/{code}/rename", params(("code" = String, Path, description = "The community's code (110110C001)")), request_body = RenameInput,
    responses((status = 200, body = Community), (status = 400, body = super::api::ErrorBody), (status = 409, body = super::api::ErrorBody)))]
async fn rename(
    State(s): State<AppState>,
    Path(code): Path<String>,
    ApiWrite { user, body }: ApiWrite<RenameInput>,
) -> ApiResult<Community> {
    Ok(Json(register::rename(&s.db, &user, &code, &body).await?))
}

/// Merges a community into another of the LAO's (`into`), or retires it (`into` empty).
#[utoipa::path(post, path = "/api/communities/{code}/end", params(("code" = String, Path, description = "The community's code")), request_body = EndInput,
    responses((status = 200, body = Community), (status = 400, body = super::api::ErrorBody), (status = 409, body = super::api::ErrorBody)))]
async fn end(
    State(s): State<AppState>,
    Path(code): Path<String>,
    ApiWrite { user, body }: ApiWrite<EndInput>,
) -> ApiResult<Community> {
    Ok(Json(register::end(&s.db, &user, &code, &body).await?))
}
