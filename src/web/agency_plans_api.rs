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
    responses((status = 200, body = [Listed]), (status = 400, body = super::api::ErrorBody)))]
async fn lists(State(s): State<AppState>, Query(q): Query<AreaQuery>) -> ApiResult<Vec<Listed>> {
    Ok(Json(agency_plans::of_area(&s.db, &q.area).await?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyImport {
    /// The area the list is for: a province, district or tambon code.
    area_code: String,
    /// The agency, for a file without a หน่วยงาน column.
    #[serde(default)]
    agency_name: String,
    /// The fiscal year (BE), for a file without a ปีงบประมาณ column.
    #[serde(default)]
    fiscal_year: String,
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
    let input = ImportInput {
        area_code: body.area_code,
        agency_name: body.agency_name,
        fiscal_year: body.fiscal_year,
    };
    Ok(Json(
        import::import(&s.db, &user, &input, body.csv.as_bytes()).await?,
    ))
}
