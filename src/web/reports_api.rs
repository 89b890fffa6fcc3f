//! The JSON API of the reports: registers, the district progress report and KPI 3.2, computed
//! from the records; submissions need the session cookie and the `X-CSRF-Token` header.

use super::AppState;
use super::json::{ApiWrite, Json};
use super::page::ApiError;
use crate::kpi::monthly::{self, Monthly, MonthlyInput};
use crate::kpi::rollup::{self, Rollup};
use crate::registers::district_report::{self, DistrictReport};
use crate::registers::{self, Form1Row, ProjectRow};
use crate::reporting::Submission;
use axum::extract::{Path, Query, State};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::UtoipaMethodRouter;
use utoipa_axum::routes;

type ApiResult<T> = Result<Json<T>, ApiError>;

/// This module's routes, each with its description (see `api::router`).
pub fn routes() -> Vec<UtoipaMethodRouter<AppState>> {
    vec![
        routes!(registers_of),
        routes!(district_report_of, submit_district_report),
        routes!(kpi),
        routes!(kpi_lao, submit_monthly),
    ]
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct YearArea {
    /// Fiscal year, Buddhist era.
    #[serde(deserialize_with = "crate::reporting::years::be")]
    #[param(minimum = 2400, maximum = 2800)]
    year: i64,
    /// A DOPA code prefix; empty for the whole country.
    #[serde(default)]
    area: String,
}

/// The query of a fiscal year.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Year {
    /// Fiscal year, Buddhist era; by default the latest year, up to the current one, in which
    /// the unit has records (`reporting::years`).
    #[serde(default, deserialize_with = "crate::reporting::years::be_opt")]
    #[param(minimum = 2400, maximum = 2800)]
    year: Option<i64>,
}

/// The fiscal year a report is submitted for: always said, never a default.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportYear {
    /// Fiscal year, Buddhist era.
    #[serde(deserialize_with = "crate::reporting::years::be")]
    #[param(minimum = 2400, maximum = 2800)]
    year: i64,
}

#[derive(Serialize, ToSchema)]
pub struct Registers {
    form1: Vec<Form1Row>,
    form2: Vec<ProjectRow>,
    form3: Vec<ProjectRow>,
}

/// Registers 1–3 of an area for a fiscal year.
#[utoipa::path(get, path = "/api/registers/{code}", params(("code" = String, Path, description = "DOPA code prefix of the area"), Year), responses((status = 200, body = Registers)))]
async fn registers_of(
    State(s): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<Year>,
) -> ApiResult<Registers> {
    registers::area(&s.db, &code).await?;
    let year = match q.year {
        Some(y) => y,
        None => crate::reporting::years::of_registers(&s.db, &code).await?,
    };
    Ok(Json(Registers {
        form1: registers::form1(&s.db, &code, year).await?,
        form2: registers::form2(&s.db, &code, year).await?,
        form3: registers::form3(&s.db, &code, year).await?,
    }))
}

/// The district progress report as computed now.
#[utoipa::path(get, path = "/api/district-report/{code}", params(("code" = String, Path, description = "DOPA code of the district"), Year), responses((status = 200, body = DistrictReport)))]
async fn district_report_of(
    State(s): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<Year>,
) -> ApiResult<DistrictReport> {
    let year = match q.year {
        Some(y) => y,
        None => crate::reporting::years::of_registers(&s.db, &code).await?,
    };
    Ok(Json(
        district_report::of_district(&s.db, &code, year).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct DistrictReportBody {
    /// Fiscal year, Buddhist era.
    #[serde(deserialize_with = "crate::reporting::years::be")]
    #[schema(minimum = 2400, maximum = 2800)]
    year: i64,
    #[serde(default)]
    problems: String,
    #[serde(default)]
    suggestions: String,
}

/// Submits the district progress report (a new version each time; late ones marked).
#[utoipa::path(post, path = "/api/district-report/{code}", params(("code" = String, Path, description = "DOPA code of the district")), request_body = DistrictReportBody,
    responses((status = 200, body = Submission), (status = 403, body = super::api::ErrorBody)))]
async fn submit_district_report(
    State(s): State<AppState>,
    Path(code): Path<String>,
    ApiWrite { user, body: b }: ApiWrite<DistrictReportBody>,
) -> ApiResult<Submission> {
    Ok(Json(
        district_report::submit(&s.db, &user, &code, b.year, &b.problems, &b.suggestions).await?,
    ))
}

/// KPI 3.2 for the country or an area: the value, score and every model LAO's criteria.
#[utoipa::path(get, path = "/api/kpi", params(YearArea), responses((status = 200, body = Rollup)))]
async fn kpi(State(s): State<AppState>, Query(q): Query<YearArea>) -> ApiResult<Rollup> {
    Ok(Json(rollup::of_area(&s.db, q.area.trim(), q.year).await?))
}

/// A model LAO's monthly report items 1–8 as computed now.
#[utoipa::path(get, path = "/api/kpi/lao/{id}", params(("id" = i64, Path, description = "The LAO"), Year), responses((status = 200, body = Monthly)))]
async fn kpi_lao(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<Year>,
) -> ApiResult<Monthly> {
    let year = match q.year {
        Some(y) => y,
        None => crate::reporting::years::of_kpi_lao(&s.db, id).await?,
    };
    Ok(Json(monthly::of_lao(&s.db, id, year).await?))
}

/// Submits a monthly report. A percentage sent for item 7 or 8 that is not the one the counts
/// give is refused.
#[utoipa::path(post, path = "/api/kpi/lao/{id}", params(("id" = i64, Path, description = "The LAO"), ReportYear), request_body = MonthlyInput,
    responses((status = 200, body = Submission), (status = 400, body = super::api::ErrorBody)))]
async fn submit_monthly(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    Query(q): Query<ReportYear>,
    ApiWrite { user, body: b }: ApiWrite<MonthlyInput>,
) -> ApiResult<Submission> {
    Ok(Json(monthly::submit(&s.db, &user, id, q.year, &b).await?))
}
