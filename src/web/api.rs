//! The JSON API: the same data as the pages, described by the OpenAPI document at
//! `/api/openapi.json`. Writes need the session cookie and the `X-CSRF-Token` header.

use super::AppState;
use super::json::{ApiWrite, Json};
use super::page::{ApiError, not_found};
use super::session::{Visitor, clear_session_cookie, session_cookie};
use crate::accounts::{self, NewUser, User, sessions, signin};
use crate::areas::{self, Area, AreaSummary, CodeStatus, Counts, Coverage, Lao};
use crate::audit;
use crate::committees::{self, CommitteeDetail, Overview, Place};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};
use utoipa_axum::routes;

type ApiResult<T> = Result<Json<T>, ApiError>;

/// This module's routes, each one declaration with its description: `routes!` takes the path,
/// the methods and the OpenAPI operation from the handlers' `#[utoipa::path]`.
pub fn routes() -> Vec<UtoipaMethodRouter<AppState>> {
    vec![
        routes!(openapi_json),
        routes!(counts),
        routes!(provinces),
        routes!(area),
        routes!(lao),
        routes!(resolve_code),
        routes!(sign_in, sign_out),
        routes!(me),
        routes!(users, create_user),
        routes!(audit_log),
        routes!(area_committees),
        routes!(lao_committees),
        routes!(committee),
        routes!(record_order),
        routes!(record_meeting),
    ]
}

/// What the document says besides its paths; the schemas come with the handlers that use them.
#[derive(OpenApi)]
#[openapi(info(
    title = "oneplan API",
    description = "One Plan (แผนเดียวกัน): areas, local administrative organisations, plans and their projects, reports, committees and their appointment orders, accounts and the audit log. Sign in with POST /api/session: it sets the session cookie and answers a csrf_token, which every write sends back in the X-CSRF-Token header. Errors answer {\"error\": {\"code\", \"message\", …}} with the message in Thai."
))]
pub struct ApiDoc;

/// Every route of the JSON API with its description: this module's, the plans API's, the
/// reports API's and the calendar API's. Add a route only through a module's `routes()`, never
/// with `.route(…)`: the story `api::api_routes_and_their_description_agree` compares the
/// server's routes under `/api` and their methods with the document.
pub fn router() -> OpenApiRouter<AppState> {
    all_routes().fold(
        OpenApiRouter::with_openapi(ApiDoc::openapi()),
        OpenApiRouter::routes,
    )
}

/// Each route of the API, with its operation and the schemas it uses.
fn all_routes() -> impl Iterator<Item = UtoipaMethodRouter<AppState>> {
    [
        routes(),
        super::plans_api::routes(),
        super::reports_api::routes(),
        super::kpi_chain_api::routes(),
        super::calendar_api::routes(),
        super::shared_tambons_api::routes(),
        super::communities_api::routes(),
        super::search_api::routes(),
        super::duplicates_api::routes(),
        super::agency_plans_api::routes(),
        super::role_model_api::routes(),
    ]
    .into_iter()
    .flatten()
}

/// The whole API's description, as `/api/openapi.json` serves it.
pub fn openapi() -> utoipa::openapi::OpenApi {
    let mut doc = router().into_openapi();
    super::openapi::complete(&mut doc);
    doc
}

/// This description of the API.
#[utoipa::path(get, path = "/api/openapi.json",
    responses((status = 200, description = "The OpenAPI 3.1 document of the JSON API", content_type = "application/json")))]
async fn openapi_json() -> Json<&'static utoipa::openapi::OpenApi> {
    // built once: the routes do not change while the server runs
    static DOC: std::sync::LazyLock<utoipa::openapi::OpenApi> = std::sync::LazyLock::new(openapi);
    Json(&DOC)
}

/// The error body of every failed call.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    /// `{"code": "forbidden", "message": "…"}`; the message is in Thai.
    pub error: serde_json::Value,
}

#[utoipa::path(get, path = "/api/counts", responses((status = 200, body = Counts)))]
async fn counts(State(s): State<AppState>) -> ApiResult<Counts> {
    Ok(Json(areas::counts(&s.db).await?))
}

/// The 77 provinces.
#[utoipa::path(get, path = "/api/areas", responses((status = 200, body = [AreaSummary])))]
async fn provinces(State(s): State<AppState>) -> ApiResult<Vec<AreaSummary>> {
    Ok(Json(areas::children(&s.db, None).await?))
}

#[derive(Serialize, ToSchema)]
pub struct AreaDetail {
    pub area: Area,
    /// From the province down to the area's parent.
    pub path: Vec<Area>,
    pub children: Vec<AreaSummary>,
    /// LAOs covering the tambon (for a village, its tambon; for a province, its อบจ.).
    pub covering_laos: Vec<Coverage>,
    /// For a district, the LAOs whose office lies in it.
    pub laos: Vec<Lao>,
}

/// One area with its path, the units below it and the LAOs covering it.
#[utoipa::path(get, path = "/api/areas/{code}", params(("code" = String, Path, description = "DOPA code: 2, 4, 6 or 8 digits")),
    responses((status = 200, body = AreaDetail), (status = 404, body = ErrorBody)))]
async fn area(State(s): State<AppState>, Path(code): Path<String>) -> ApiResult<AreaDetail> {
    let code = crate::thai::to_arabic_digits(&code);
    let area = areas::get(&s.db, &code).await?.ok_or_else(not_found)?;
    let mut path = areas::path(&s.db, &code).await?;
    path.pop();
    let covering_code = if area.level.is_unit() {
        &code[..6]
    } else {
        &code
    };
    Ok(Json(AreaDetail {
        children: areas::children(&s.db, Some(&code)).await?,
        covering_laos: if code.len() == 4 {
            vec![]
        } else {
            areas::covering(&s.db, covering_code).await?
        },
        laos: if code.len() == 4 {
            areas::laos_in(&s.db, &code).await?
        } else {
            vec![]
        },
        area,
        path,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct LaoDetail {
    pub lao: Lao,
    pub coverage: Vec<LaoCoverage>,
}

#[derive(Serialize, ToSchema)]
pub struct LaoCoverage {
    pub area: Area,
    pub extent: crate::areas::Extent,
}

#[utoipa::path(get, path = "/api/laos/{id}", params(("id" = i64, Path)), responses((status = 200, body = LaoDetail), (status = 404, body = ErrorBody)))]
async fn lao(State(s): State<AppState>, Path(id): Path<i64>) -> ApiResult<LaoDetail> {
    let lao = areas::lao(&s.db, id).await?.ok_or_else(not_found)?;
    let coverage = areas::coverage_of(&s.db, id)
        .await?
        .into_iter()
        .map(|(area, extent)| LaoCoverage { area, extent })
        .collect();
    Ok(Json(LaoDetail { lao, coverage }))
}

/// What a code found in an old file stands for today (abolished codes map to their successors).
#[utoipa::path(get, path = "/api/codes/{code}", params(("code" = String, Path)), responses((status = 200, body = CodeStatus)))]
async fn resolve_code(
    State(s): State<AppState>,
    Path(code): Path<String>,
) -> ApiResult<serde_json::Value> {
    let status = areas::codes::resolve(&s.db, &code).await?;
    let mut v = serde_json::to_value(&status).map_err(anyhow::Error::from)?;
    v["message"] = status.message_th().into();
    Ok(Json(v))
}

#[derive(Deserialize, ToSchema)]
pub struct SignIn {
    pub username: String,
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct SignedIn {
    pub user: User,
    /// Send back as the `X-CSRF-Token` header on every write.
    pub csrf_token: String,
}

/// Signs in; the session cookie comes back in `Set-Cookie`.
#[utoipa::path(post, path = "/api/session", request_body = SignIn,
    responses((status = 200, body = SignedIn), (status = 400, body = ErrorBody), (status = 429, body = ErrorBody)))]
async fn sign_in(
    State(s): State<AppState>,
    v: Visitor,
    Json(body): Json<SignIn>,
) -> Result<Response, ApiError> {
    let user = signin::sign_in(&s.db, &body.username, &body.password, &v.client).await?;
    let (token, csrf_token) = sessions::start(&s.db, user.id).await?;
    Ok((
        [(
            header::SET_COOKIE,
            session_cookie(&token, s.config.secure_cookies),
        )],
        Json(SignedIn { user, csrf_token }),
    )
        .into_response())
}

#[utoipa::path(delete, path = "/api/session", responses((status = 204)))]
async fn sign_out(
    State(s): State<AppState>,
    v: Visitor,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    v.check_csrf(super::json::csrf_of(&headers))?;
    if let Some(t) = &v.token {
        sessions::end(&s.db, t).await?;
    }
    Ok((
        axum::http::StatusCode::NO_CONTENT,
        [(header::SET_COOKIE, clear_session_cookie())],
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/me", responses((status = 200, body = SignedIn), (status = 401, body = ErrorBody)))]
async fn me(v: Visitor) -> ApiResult<SignedIn> {
    let user = v.user()?.clone();
    Ok(Json(SignedIn {
        user,
        csrf_token: v.csrf.clone(),
    }))
}

/// Accounts inside the administrator's area.
#[utoipa::path(get, path = "/api/users", responses((status = 200, body = [User]), (status = 403, body = ErrorBody)))]
async fn users(State(s): State<AppState>, v: Visitor) -> ApiResult<Vec<User>> {
    let me = accounts::require_admin(v.user()?)?;
    Ok(Json(accounts::list_in(&s.db, &me.scope).await?))
}

/// Creates an account in the administrator's area; the user must change the password at first sign-in.
#[utoipa::path(post, path = "/api/users", request_body = NewUser,
    responses((status = 200, body = User), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn create_user(
    State(s): State<AppState>,
    ApiWrite { user: me, body }: ApiWrite<NewUser>,
) -> ApiResult<User> {
    Ok(Json(accounts::create(&s.db, Some(&me), body).await?))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct AuditParams {
    /// A DOPA code inside the user's area; the user's whole area when absent.
    area: Option<String>,
    /// Entries older than this id (paging).
    before: Option<i64>,
}

/// The newest 100 audit entries of the user's area.
#[utoipa::path(get, path = "/api/audit", params(AuditParams), responses((status = 200, body = [audit::Entry]), (status = 403, body = ErrorBody)))]
async fn audit_log(
    State(s): State<AppState>,
    v: Visitor,
    Query(p): Query<AuditParams>,
) -> ApiResult<Vec<audit::Entry>> {
    let user = v.user()?;
    let read = accounts::audit_log::read(&s.db, user, p.area.as_deref(), p.before, 100).await?;
    Ok(Json(read.entries))
}

/// The committees an area and everything under it should have (each village: กม.; each
/// tambon: ศอช.ต., ก.บ.ต.; each LAO: its working group; the district: ก.บ.อ.; the province:
/// ก.บ.จ.), any others recorded, and which lack an order for the current fiscal year.
#[utoipa::path(get, path = "/api/areas/{code}/committees", params(("code" = String, Path, description = "DOPA code: 2, 4, 6 or 8 digits")),
    responses((status = 200, body = Overview), (status = 404, body = ErrorBody)))]
async fn area_committees(
    State(s): State<AppState>,
    Path(code): Path<String>,
) -> ApiResult<Overview> {
    let code = crate::thai::to_arabic_digits(&code);
    areas::get(&s.db, &code).await?.ok_or_else(not_found)?;
    let place = Place::Area(code);
    Ok(Json(
        committees::overview(&s.db, &place, committees::today()).await?,
    ))
}

/// The committees of an LAO: its working group and those of the tambons and villages it covers.
#[utoipa::path(get, path = "/api/laos/{id}/committees", params(("id" = i64, Path)),
    responses((status = 200, body = Overview), (status = 404, body = ErrorBody)))]
async fn lao_committees(State(s): State<AppState>, Path(id): Path<i64>) -> ApiResult<Overview> {
    areas::lao(&s.db, id).await?.ok_or_else(not_found)?;
    Ok(Json(
        committees::overview(&s.db, &Place::Lao(id), committees::today()).await?,
    ))
}

/// One committee with all its appointment orders (newest first) and their members.
#[utoipa::path(get, path = "/api/committees/{id}", params(("id" = i64, Path)),
    responses((status = 200, body = CommitteeDetail), (status = 404, body = ErrorBody)))]
async fn committee(State(s): State<AppState>, Path(id): Path<i64>) -> ApiResult<CommitteeDetail> {
    let d = committees::get(&s.db, id, committees::today()).await?;
    Ok(Json(d.ok_or_else(not_found)?))
}

/// An appointment order to record, with the committee it is for.
#[derive(Deserialize, ToSchema)]
pub struct NewOrder {
    pub kind: committees::Kind,
    /// DOPA code of the owning area; not needed for `lao_working_group`.
    #[serde(default)]
    pub area_code: String,
    /// The LAO, for `lao_working_group`.
    #[serde(default)]
    pub lao_id: Option<i64>,
    /// เลขที่คำสั่ง, Thai or Arabic digits.
    #[serde(default)]
    pub order_no: String,
    /// BE or CE, d/m/y or ISO, Thai month names accepted.
    #[serde(default)]
    pub order_date: String,
    /// Fiscal year (BE), a number or text; absent for the fiscal year of the order date.
    #[serde(default)]
    #[schema(value_type = Option<i64>)]
    pub fiscal_year: Option<serde_json::Value>,
    #[serde(default)]
    pub members: Vec<committees::MemberInput>,
}

/// Records an appointment order with its members; the committee is created with its first order.
#[utoipa::path(post, path = "/api/committees/orders", request_body = NewOrder,
    responses((status = 200, body = CommitteeDetail), (status = 400, body = ErrorBody), (status = 403, body = ErrorBody)))]
async fn record_order(
    State(s): State<AppState>,
    ApiWrite { user: me, body }: ApiWrite<NewOrder>,
) -> ApiResult<CommitteeDetail> {
    let target = committees::Target {
        kind: body.kind,
        area_code: body.area_code,
        lao_id: body.lao_id,
    };
    let input = committees::OrderInput {
        order_no: body.order_no,
        order_date: body.order_date,
        fiscal_year: match body.fiscal_year {
            Some(serde_json::Value::String(s)) => s,
            Some(serde_json::Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        },
        members: body.members,
    };
    let today = committees::today();
    let done = committees::record_order(&s.db, &me, &target, &input, today).await?;
    let d = committees::get(&s.db, done.committee_id, today).await?;
    Ok(Json(d.ok_or_else(not_found)?))
}

/// Records a meeting of a committee (a ก.บ.ต. meeting may say which tambon plan it was held to make).
#[utoipa::path(post, path = "/api/committees/{id}/meetings", params(("id" = i64, Path)),
    request_body = committees::meetings::MeetingInput,
    responses((status = 200, body = committees::meetings::Meeting), (status = 400, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn record_meeting(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    ApiWrite { user: me, body }: ApiWrite<committees::meetings::MeetingInput>,
) -> ApiResult<committees::meetings::Meeting> {
    let today = committees::today();
    Ok(Json(
        committees::meetings::record(&s.db, &me, id, &body, today).await?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;
    use std::collections::BTreeMap;

    /// The document keeps one schema per name, the last one added: two types of one name would
    /// have one described as the other. Every name the routes bring must stand for one schema.
    #[test]
    fn every_schema_name_is_one_type() {
        let mut seen: BTreeMap<String, (Value, Vec<String>)> = BTreeMap::new();
        for (schemas, paths, _) in all_routes() {
            let at: Vec<String> = paths.paths.keys().cloned().collect();
            for (name, schema) in schemas {
                let schema = serde_json::to_value(schema).unwrap();
                match seen.get(&name) {
                    Some((other, other_at)) => assert!(
                        other == &schema,
                        "two types are named {name}: one for {other_at:?}, one for {at:?}; \
                         give one #[schema(as = …)]"
                    ),
                    None => {
                        seen.insert(name, (schema, at.clone()));
                    }
                }
            }
        }
        assert!(seen.len() > 50, "{:?}", seen.keys());
        let doc = serde_json::to_value(openapi()).unwrap();
        let names: Vec<&String> = doc["components"]["schemas"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        assert_eq!(names, seen.keys().collect::<Vec<_>>());
    }

    #[test]
    fn the_names_once_shared_are_each_their_own_type() {
        let doc = serde_json::to_value(openapi()).unwrap();
        let ok = |path: &str| {
            doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
                ["$ref"]
                .clone()
        };
        let schema = |name: &str| &doc["components"]["schemas"][name];
        let fields = |name: &str| -> Vec<String> {
            schema(name)["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect()
        };
        // the calendar's overview and the committees' overview
        assert_eq!(ok("/api/calendar"), "#/components/schemas/CalendarOverview");
        assert!(fields("CalendarOverview").contains(&"deadlines".into()));
        assert_eq!(
            ok("/api/areas/{code}/committees"),
            "#/components/schemas/CommitteeOverview"
        );
        assert_eq!(
            ok("/api/laos/{id}/committees"),
            "#/components/schemas/CommitteeOverview"
        );
        assert!(fields("CommitteeOverview").contains(&"by_kind".into()));
        // KPI 3.2's rows and the committees' rows
        assert_eq!(
            schema("Rollup")["properties"]["rows"]["items"]["$ref"],
            "#/components/schemas/KpiRow"
        );
        assert_eq!(fields("KpiRow"), ["model", "report"]);
        assert_eq!(
            schema("CommitteeOverview")["properties"]["rows"]["items"]["$ref"],
            "#/components/schemas/CommitteeRow"
        );
        // a plan's dimension coverage and the LAOs covering an area
        assert_eq!(
            schema("PlanView")["properties"]["coverage"]["$ref"],
            "#/components/schemas/DimensionCoverage"
        );
        assert!(fields("DimensionCoverage").contains(&"missing_core".into()));
        assert_eq!(
            schema("AreaDetail")["properties"]["covering_laos"]["items"]["$ref"],
            "#/components/schemas/Coverage"
        );
        assert!(fields("Coverage").contains(&"lao_id".into()));
        // the area counts of /api/counts and a deadline's counts
        assert_eq!(ok("/api/counts"), "#/components/schemas/Counts");
        assert!(fields("Counts").contains(&"villages".into()));
        assert_eq!(
            schema("DeadlineReport")["properties"]["counts"]["$ref"],
            "#/components/schemas/ReportCounts"
        );
        assert!(fields("ReportCounts").contains(&"late".into()));
    }

    /// Every `{name}` of a path is a path parameter of each of its operations, and nothing else
    /// is: a query's fields are in the query.
    #[test]
    fn path_parameters_are_those_of_the_path() {
        let doc = serde_json::to_value(openapi()).unwrap();
        for (path, item) in doc["paths"].as_object().unwrap() {
            let mut in_path: Vec<&str> = path
                .split('/')
                .filter_map(|s| s.strip_prefix('{')?.strip_suffix('}'))
                .collect();
            in_path.sort();
            for (method, op) in item.as_object().unwrap() {
                let params = op["parameters"].as_array().cloned().unwrap_or_default();
                let mut declared: Vec<&str> = params
                    .iter()
                    .filter(|p| p["in"] == "path")
                    .map(|p| p["name"].as_str().unwrap())
                    .collect();
                declared.sort();
                assert_eq!(declared, in_path, "{method} {path}");
            }
        }
        let monthly = &doc["paths"]["/api/kpi/lao/{id}"]["post"]["parameters"];
        let year = monthly
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "year")
            .unwrap();
        assert_eq!(
            (&year["in"], &year["required"]),
            (&"query".into(), &true.into())
        );
    }
}
