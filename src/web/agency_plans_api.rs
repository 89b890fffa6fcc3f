//! The JSON API of other agencies' project lists (issue 15).

use super::AppState;
use super::json::{ApiWrite, Json};
use super::page::ApiError;
use crate::agency_plans::import::{self, ImportInput, Imported};
use crate::agency_plans::{self, Listed};
use axum::extract::{Query, State};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::UtoipaMethodRouter;
use utoipa_axum::routes;

type ApiResult<T> = Result<Json<T>, ApiError>;

pub fn routes() -> Vec<UtoipaMethodRouter<AppState>> {
    vec![routes!(lists), routes!(import_list)]
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct AreaQuery {
    /// A province, district, tambon or village code.
    area: String,
}

/// The agencies' lists of an area: imported for it, for an area under it or for one it lies in.
#[utoipa::path(get, path = "/api/agency-plans", params(AreaQuery),
    responses((status = 200, body = [Listed])))]
async fn lists(State(s): State<AppState>, Query(q): Query<AreaQuery>) -> ApiResult<Vec<Listed>> {
    let area = crate::thai::to_arabic_digits(q.area.trim());
    Ok(Json(agency_plans::of_area(&s.db, &area).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct AgencyImport {
    #[serde(flatten)]
    input: ImportInput,
    /// The CSV file's text (an .xlsx goes through the page).
    csv: String,
}

/// Imports an agency's project list for an area from a CSV text, all or nothing: one list per
/// agency and fiscal year; each mistake comes back with its row in the message and its field.
#[utoipa::path(post, path = "/api/agency-plans/import", request_body = AgencyImport,
    responses((status = 200, body = Imported), (status = 400, body = super::api::ErrorBody),
      (status = 403, body = super::api::ErrorBody), (status = 409, body = super::api::ErrorBody)))]
async fn import_list(
    State(s): State<AppState>,
    ApiWrite { user, body }: ApiWrite<AgencyImport>,
) -> ApiResult<Imported> {
    Ok(Json(
        import::import(&s.db, &user, &body.input, body.csv.as_bytes()).await?,
    ))
}
