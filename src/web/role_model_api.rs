//! The JSON API of the Tambon Project Bank and the Role Model rounds (issue 14).

use super::AppState;
use super::json::{ApiWrite, Json};
use super::page::ApiError;
use crate::project_bank::{self, Entry, Filter, input::EntryInput};
use crate::role_model::rounds::{self, Round, RoundInput};
use crate::role_model::selection::{self, AnswerInput, DistrictRound, Step};
use axum::extract::{Query, State};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::UtoipaMethodRouter;
use utoipa_axum::routes;

type ApiResult<T> = Result<Json<T>, ApiError>;

pub fn routes() -> Vec<UtoipaMethodRouter<AppState>> {
    vec![
        routes!(bank),
        routes!(put),
        routes!(list_rounds),
        routes!(open_round),
        routes!(district_round),
        routes!(select),
        routes!(unselect),
        routes!(screen),
        routes!(step),
    ]
}

/// The bank's entries under an area, filtered.
#[utoipa::path(get, path = "/api/project-bank", params(Filter),
    responses((status = 200, body = [Entry]), (status = 400, body = super::api::ErrorBody)))]
async fn bank(State(s): State<AppState>, Query(f): Query<Filter>) -> ApiResult<Vec<Entry>> {
    Ok(Json(project_bank::browse(&s.db, &f).await?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BankPut {
    /// The district whose bank it goes into.
    district: String,
    entry: EntryInput,
}

/// Puts a project into a district's bank: a project of its tambon plans (`project_id`) or a
/// new one; the user must write the plans of every tambon it covers.
#[utoipa::path(post, path = "/api/project-bank", request_body = BankPut,
    responses((status = 200, body = Entry), (status = 400, body = super::api::ErrorBody),
      (status = 403, body = super::api::ErrorBody), (status = 404), (status = 409, body = super::api::ErrorBody)))]
async fn put(
    State(s): State<AppState>,
    ApiWrite { user, body }: ApiWrite<BankPut>,
) -> ApiResult<Entry> {
    Ok(Json(
        project_bank::put(&s.db, &user, &body.district, &body.entry).await?,
    ))
}

/// Every Role Model round, newest first.
#[utoipa::path(get, path = "/api/role-model/rounds", responses((status = 200, body = [Round])))]
async fn list_rounds(State(s): State<AppState>) -> ApiResult<Vec<Round>> {
    Ok(Json(rounds::list(&s.db).await?))
}

/// Opens a round for a fiscal year (a national administrator): its districts, cap and dates;
/// the calendar then expects the report book from those districts by its date.
#[utoipa::path(post, path = "/api/role-model/rounds", request_body = RoundInput,
    responses((status = 200, body = Round), (status = 400, body = super::api::ErrorBody),
      (status = 403, body = super::api::ErrorBody), (status = 409, body = super::api::ErrorBody)))]
async fn open_round(
    State(s): State<AppState>,
    ApiWrite { user, body }: ApiWrite<RoundInput>,
) -> ApiResult<Round> {
    Ok(Json(rounds::open(&s.db, &user, &body).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct YearDistrict {
    /// Buddhist-era fiscal year of the round.
    year: i64,
    /// A district code.
    district: String,
}

/// A district's selection in a round: the projects, the total against the cap, the screening.
#[utoipa::path(get, path = "/api/role-model/selection", params(YearDistrict),
    responses((status = 200, body = DistrictRound), (status = 400, body = super::api::ErrorBody), (status = 404)))]
async fn district_round(
    State(s): State<AppState>,
    Query(q): Query<YearDistrict>,
) -> ApiResult<DistrictRound> {
    Ok(Json(selection::of(&s.db, q.year, &q.district).await?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BankPick {
    year: i64,
    district: String,
    /// The selection's version when it was read.
    version: i64,
    bank_id: i64,
}

/// Selects a project of the district's bank (ปค.อ.); a selection may go over the cap while
/// it is made, not when it is submitted.
#[utoipa::path(post, path = "/api/role-model/selection/select", request_body = BankPick,
    responses((status = 200, body = DistrictRound), (status = 400, body = super::api::ErrorBody),
      (status = 403, body = super::api::ErrorBody), (status = 404), (status = 409, body = super::api::ErrorBody)))]
async fn select(
    State(s): State<AppState>,
    ApiWrite { user, body }: ApiWrite<BankPick>,
) -> ApiResult<DistrictRound> {
    Ok(Json(
        selection::select(
            &s.db,
            &user,
            body.year,
            &body.district,
            body.version,
            body.bank_id,
        )
        .await?,
    ))
}

/// Takes a project out of the selection, with its screening.
#[utoipa::path(post, path = "/api/role-model/selection/unselect", request_body = BankPick,
    responses((status = 200, body = DistrictRound), (status = 400, body = super::api::ErrorBody),
      (status = 403, body = super::api::ErrorBody), (status = 404), (status = 409, body = super::api::ErrorBody)))]
async fn unselect(
    State(s): State<AppState>,
    ApiWrite { user, body }: ApiWrite<BankPick>,
) -> ApiResult<DistrictRound> {
    Ok(Json(
        selection::unselect(
            &s.db,
            &user,
            body.year,
            &body.district,
            body.version,
            body.bank_id,
        )
        .await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ScreeningBody {
    year: i64,
    district: String,
    version: i64,
    bank_id: i64,
    /// Every item of the Do and Don't list (do_1 … dont_4), each with its reason.
    answers: Vec<AnswerInput>,
}

/// Answers the Do and Don't list for a selected project; the text's flags are kept beside.
#[utoipa::path(post, path = "/api/role-model/selection/screen", request_body = ScreeningBody,
    responses((status = 200, body = DistrictRound), (status = 400, body = super::api::ErrorBody),
      (status = 403, body = super::api::ErrorBody), (status = 404), (status = 409, body = super::api::ErrorBody)))]
async fn screen(
    State(s): State<AppState>,
    ApiWrite { user, body }: ApiWrite<ScreeningBody>,
) -> ApiResult<DistrictRound> {
    Ok(Json(
        selection::screen(
            &s.db,
            &user,
            body.year,
            &body.district,
            body.version,
            body.bank_id,
            &body.answers,
        )
        .await?,
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SelectionStep {
    year: i64,
    district: String,
    version: i64,
    /// submit, withdraw (the office), approve, return (the district chief).
    step: String,
    #[serde(default)]
    reason: String,
}

/// Moves the selection a step.
#[utoipa::path(post, path = "/api/role-model/selection/step", request_body = SelectionStep,
    responses((status = 200, body = DistrictRound), (status = 400, body = super::api::ErrorBody),
      (status = 403, body = super::api::ErrorBody), (status = 404), (status = 409, body = super::api::ErrorBody)))]
async fn step(
    State(s): State<AppState>,
    ApiWrite { user, body }: ApiWrite<SelectionStep>,
) -> ApiResult<DistrictRound> {
    let step = Step::named(&body.step)?;
    Ok(Json(
        selection::step(
            &s.db,
            &user,
            body.year,
            &body.district,
            body.version,
            step,
            &body.reason,
        )
        .await?,
    ))
}
