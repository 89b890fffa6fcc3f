//! The JSON API of the reporting calendar: what is due, what is late and who has not reported,
//! for the country or any area; and the signed-in user's reminders.

use super::AppState;
use super::json::Json;
use super::page::ApiError;
use super::session::Visitor;
use crate::reporting::notifications::{self, Notification};
use crate::reporting::overview::{self, Overview};
use axum::extract::{Query, State};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::UtoipaMethodRouter;
use utoipa_axum::routes;

type ApiResult<T> = Result<Json<T>, ApiError>;

/// This module's routes, each with its description (see `api::router`).
pub fn routes() -> Vec<UtoipaMethodRouter<AppState>> {
    vec![routes!(calendar), routes!(mine)]
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CalendarParams {
    /// Fiscal year, Buddhist era (2569); the current one when absent.
    year: Option<String>,
    /// A DOPA code (2 or 4 digits); '' for the whole country; the user's own area when absent.
    area: Option<String>,
}

/// A fiscal year's deadlines for an area: status, and expected · reported · late · not reported,
/// per province (country) or district (province), and the units that have not reported.
#[utoipa::path(get, path = "/api/calendar", params(CalendarParams),
    responses((status = 200, body = Overview), (status = 404, body = super::api::ErrorBody)))]
async fn calendar(
    State(s): State<AppState>,
    v: Visitor,
    Query(q): Query<CalendarParams>,
) -> ApiResult<Overview> {
    let today = crate::thai::fiscal::today_in_thailand();
    let (year, area) = overview::place(
        &s.db,
        v.user.as_ref(),
        q.year.as_deref(),
        q.area.as_deref(),
        today,
    )
    .await?;
    Ok(Json(overview::overview(&s.db, year, &area, today).await?))
}

/// The signed-in user's notifications, unread first (at most 200).
#[utoipa::path(get, path = "/api/notifications",
    responses((status = 200, body = [Notification]), (status = 401, body = super::api::ErrorBody)))]
async fn mine(State(s): State<AppState>, v: Visitor) -> ApiResult<Vec<Notification>> {
    let me = v.user()?;
    Ok(Json(notifications::of_user(&s.db, me.id, 200).await?))
}
