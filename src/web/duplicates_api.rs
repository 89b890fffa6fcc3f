//! The JSON API of duplicate review (issue 15).

use super::AppState;
use super::json::{ApiWrite, Json};
use super::page::ApiError;
use crate::duplicates::review::{self, Decided, DecisionInput};
use crate::duplicates::{self, Finding};
use axum::extract::{Query, State};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::UtoipaMethodRouter;
use utoipa_axum::routes;

type ApiResult<T> = Result<Json<T>, ApiError>;

pub fn routes() -> Vec<UtoipaMethodRouter<AppState>> {
    vec![routes!(likely), routes!(decide)]
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct AreaYear {
    /// A province, district, tambon or village code.
    area: String,
    /// Buddhist-era fiscal year.
    year: i64,
}

/// The likely duplicates of an area in a fiscal year not decided yet, most alike first.
#[utoipa::path(get, path = "/api/duplicates", params(AreaYear),
    responses((status = 200, body = [Finding]), (status = 400, body = super::api::ErrorBody)))]
async fn likely(State(s): State<AppState>, Query(q): Query<AreaYear>) -> ApiResult<Vec<Finding>> {
    Ok(Json(
        duplicates::find::in_area(&s.db, &q.area, q.year).await?,
    ))
}

/// Decides a pair: "same" merges the other into `keep` (its adoptions move to it), "different"
/// keeps both; either way the pair is not shown again.
#[utoipa::path(post, path = "/api/duplicates/decisions", request_body = DecisionInput,
    responses((status = 200, body = Decided), (status = 400, body = super::api::ErrorBody),
      (status = 403, body = super::api::ErrorBody), (status = 404), (status = 409, body = super::api::ErrorBody)))]
async fn decide(
    State(s): State<AppState>,
    ApiWrite { user, body }: ApiWrite<DecisionInput>,
) -> ApiResult<Decided> {
    Ok(Json(review::record(&s.db, &user, &body).await?))
}
