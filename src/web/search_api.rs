//! The JSON API of search (issue 15): records found by Thai words, and the projects like the
//! one being typed.

use super::AppState;
use super::json::Json;
use super::page::ApiError;
use crate::error::AppError;
use crate::search::similar::{self, Similar};
use crate::search::{self, Results, Typed};
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::UtoipaMethodRouter;
use utoipa_axum::routes;

type ApiResult<T> = Result<Json<T>, ApiError>;

pub fn routes() -> Vec<UtoipaMethodRouter<AppState>> {
    vec![routes!(find), routes!(similar_to)]
}

/// Projects, plans, forums and committees holding every phrase of `q` (Thai or Arabic digits,
/// abbreviations as officials write them), best first, 30 a page; areas and LAOs by name or code.
#[utoipa::path(get, path = "/api/search", params(Typed), responses((status = 200, body = Results)))]
async fn find(State(s): State<AppState>, Query(q): Query<Typed>) -> ApiResult<Results> {
    let search = q.read().map_err(AppError::from)?;
    Ok(Json(search::find(&s.db, &search).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct SimilarQuery {
    /// The title as typed so far.
    title: String,
    /// The project being edited, left out.
    except: Option<i64>,
}

/// The projects most like a title being typed into a plan, near the plan's area and years.
#[utoipa::path(get, path = "/api/plans/{id}/similar", params(("id" = i64, Path), SimilarQuery),
    responses((status = 200, body = [Similar]), (status = 404)))]
async fn similar_to(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<SimilarQuery>,
) -> ApiResult<Vec<Similar>> {
    Ok(Json(
        similar::for_plan(&s.db, id, &q.title, q.except).await?,
    ))
}
