//! The shared tambons of a district and their split (issue 11), as JSON: the same read model and
//! write as the page `/areas/{district}/shared-tambons`.

use super::AppState;
use super::json::{ApiWrite, Json};
use super::page::ApiError;
use super::session::Visitor;
use crate::shared_tambons::assign::{self, AssignInput, Assigned};
use crate::shared_tambons::{self, DistrictTambons};
use axum::extract::{Path, State};
use utoipa_axum::router::UtoipaMethodRouter;
use utoipa_axum::routes;

type ApiResult<T> = Result<Json<T>, ApiError>;

/// This module's routes, each with its description (see `api::router`).
pub fn routes() -> Vec<UtoipaMethodRouter<AppState>> {
    vec![routes!(of_district), routes!(assign_villages)]
}

/// The district's tambons covered partially by several LAOs (those not yet split first), each
/// village with its LAO, and the latest assignments.
#[utoipa::path(get, path = "/api/districts/{code}/shared-tambons", params(("code" = String, Path, description = "The district's DOPA code")),
    responses((status = 200, body = DistrictTambons), (status = 404, body = super::api::ErrorBody)))]
async fn of_district(
    State(s): State<AppState>,
    v: Visitor,
    Path(code): Path<String>,
) -> ApiResult<DistrictTambons> {
    Ok(Json(
        shared_tambons::of_district(&s.db, &code, v.user.as_ref()).await?,
    ))
}

/// Assigns villages of a shared tambon each to one of the LAOs that share it, all or nothing:
/// by the district's officers or an LAO sharing the tambon.
#[utoipa::path(post, path = "/api/shared-tambons", request_body = AssignInput,
    responses((status = 200, body = Assigned), (status = 400, body = super::api::ErrorBody), (status = 403, body = super::api::ErrorBody)))]
async fn assign_villages(
    State(s): State<AppState>,
    ApiWrite { user, body }: ApiWrite<AssignInput>,
) -> ApiResult<Assigned> {
    Ok(Json(assign::assign(&s.db, &user, &body).await?))
}
