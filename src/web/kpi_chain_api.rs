//! The JSON API of the KPI 3.2 chain: a district's, a province's and the department's month,
//! the district's review of a report, and forwarding up the chain (`kpi::chain`).

use super::AppState;
use super::json::{ApiWrite, Json};
use super::page::ApiError;
use crate::kpi::chain::{
    DepartmentMonth, DistrictMonth, ProvinceMonth, Review, Verdict, forward, months, review,
};
use crate::reporting::Submission;
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::UtoipaMethodRouter;
use utoipa_axum::routes;

type ApiResult<T> = Result<Json<T>, ApiError>;

pub fn routes() -> Vec<UtoipaMethodRouter<AppState>> {
    vec![
        routes!(district_month),
        routes!(province_month),
        routes!(department_month),
        routes!(review_report),
        routes!(forward_month),
    ]
}

/// A month of a fiscal year.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Month {
    /// Fiscal year, Buddhist era.
    #[serde(deserialize_with = "crate::reporting::years::be")]
    #[param(minimum = 2400, maximum = 2800)]
    year: i64,
    /// 'YYYY-MM' (CE or BE, Thai or Arabic digits), May to September; by default the latest
    /// month of the year that has begun.
    period: Option<String>,
}

impl Month {
    fn period(&self) -> Result<String, ApiError> {
        Ok(months::month_or_latest(self.period.as_deref(), self.year)?)
    }
}

/// A district's month: each model LAO's newest report, its review, and the district's forward.
#[utoipa::path(get, path = "/api/kpi/chain/district/{code}", params(("code" = String, Path, description = "DOPA code of the district"), Month), responses((status = 200, body = DistrictMonth), (status = 404, body = super::api::ErrorBody)))]
async fn district_month(
    State(s): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<Month>,
) -> ApiResult<DistrictMonth> {
    Ok(Json(
        months::district(&s.db, &code, q.year, &q.period()?).await?,
    ))
}

/// A province's month: each district's forward (or none), and the province's own.
#[utoipa::path(get, path = "/api/kpi/chain/province/{code}", params(("code" = String, Path, description = "DOPA code of the province"), Month), responses((status = 200, body = ProvinceMonth), (status = 404, body = super::api::ErrorBody)))]
async fn province_month(
    State(s): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<Month>,
) -> ApiResult<ProvinceMonth> {
    Ok(Json(
        months::province(&s.db, &code, q.year, &q.period()?).await?,
    ))
}

/// The department's month: what every province that owes a report forwarded.
#[utoipa::path(get, path = "/api/kpi/chain/department", params(Month), responses((status = 200, body = DepartmentMonth)))]
async fn department_month(
    State(s): State<AppState>,
    Query(q): Query<Month>,
) -> ApiResult<DepartmentMonth> {
    Ok(Json(months::department(&s.db, q.year, &q.period()?).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct ReviewBody {
    verdict: Verdict,
    /// Required when the report is returned.
    #[serde(default)]
    reason: String,
}

/// The district's สถ.อ. accepts a model LAO's report, or returns it with a reason.
#[utoipa::path(post, path = "/api/kpi/reviews/{id}", params(("id" = i64, Path, description = "The submission reviewed")), request_body = ReviewBody,
    responses((status = 200, body = Review), (status = 400, body = super::api::ErrorBody), (status = 409, body = super::api::ErrorBody)))]
async fn review_report(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    ApiWrite { user, body: b }: ApiWrite<ReviewBody>,
) -> ApiResult<Review> {
    Ok(Json(
        review::review(&s.db, &user, id, b.verdict, &b.reason).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct ForwardBody {
    /// Fiscal year, Buddhist era.
    #[serde(deserialize_with = "crate::reporting::years::be")]
    #[schema(minimum = 2400, maximum = 2800)]
    year: i64,
    period: String,
    #[serde(default)]
    report_no: String,
}

/// Forwards a month: a district's accepted reports to its province, or a province's districts'
/// forwards to the department.
#[utoipa::path(post, path = "/api/kpi/chain/{code}/forward", params(("code" = String, Path, description = "DOPA code of the district or province")), request_body = ForwardBody,
    responses((status = 200, body = Submission), (status = 409, body = super::api::ErrorBody)))]
async fn forward_month(
    State(s): State<AppState>,
    Path(code): Path<String>,
    ApiWrite { user, body: b }: ApiWrite<ForwardBody>,
) -> ApiResult<Submission> {
    Ok(Json(
        forward::forward(&s.db, &user, &code, b.year, &b.period, &b.report_no).await?,
    ))
}
