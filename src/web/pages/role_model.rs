//! The Role Model page (seed 004): the rounds, the form that opens one, and a district's
//! selection — its bank's projects, the running total against the cap, the screening of each
//! selected project, and the steps. The rules are `role_model`; this module extracts, calls
//! and renders.

use crate::error::{AppError, AppResult};
use crate::project_bank::{self, Entry, Filter};
use crate::role_model::rounds::{self, Round, RoundInput};
use crate::role_model::screening::Criterion;
use crate::role_model::selection::{self, AnswerInput, DistrictRound, Rights, Selected, Step};
use crate::web::AppState;
use crate::web::page::{Page, render, shown};
use crate::web::session::Visitor;
use crate::web::write::{FormWrite, after};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Template)]
#[template(path = "role_model.html")]
pub struct RoleModelPage {
    p: Page,
    rounds: Vec<Round>,
    year: String,
    district: String,
    may_open: bool,
    dr: Option<DistrictRound>,
    rights: Rights,
    /// The district's bank entries not selected in this round.
    choices: Vec<Entry>,
    /// The selected projects, each with its screening as the form's rows.
    screened: Vec<(Selected, Vec<ScreenRow>)>,
    error: Option<String>,
    typed: RoundInput,
}

#[derive(Deserialize, Default)]
pub struct RoundQuery {
    #[serde(default)]
    year: String,
    #[serde(default)]
    district: String,
}

async fn show(
    s: &AppState,
    v: &Visitor,
    year: String,
    district: String,
    error: Option<String>,
    typed: RoundInput,
) -> AppResult<Response> {
    let rounds = rounds::list(&s.db).await?;
    let year = match year.trim() {
        "" => rounds
            .first()
            .map(|r| r.fiscal_year.to_string())
            .unwrap_or_default(),
        y => crate::thai::to_arabic_digits(y),
    };
    let mut error = error;
    let mut dr = None;
    if let (Ok(y), false) = (crate::thai::parse_int(&year), district.trim().is_empty()) {
        match selection::of(&s.db, y, &district).await {
            Ok(d) => dr = Some(d),
            Err(e) => {
                error.get_or_insert(shown(e, v.tr.lang)?.1);
            }
        }
    }
    let rights = match &dr {
        Some(d) => selection::rights(&s.db, v.user.as_ref(), d).await?,
        None => Rights::default(),
    };
    let choices = match &dr {
        Some(d) => {
            let f = Filter {
                area: d.district_code.clone(),
                ..Default::default()
            };
            let mut all = project_bank::browse(&s.db, &f).await?;
            all.retain(|e| !d.selected.iter().any(|x| x.entry.id == e.id));
            all
        }
        None => Vec::new(),
    };
    let page = RoleModelPage {
        p: Page::new(v, v.tr.s("role_model.title"), "/role-model"),
        may_open: rounds::may_open(v.user.as_ref()),
        rounds,
        year,
        district,
        rights,
        choices,
        screened: dr
            .as_ref()
            .map(|d| d.selected.iter().map(|x| (x.clone(), rows_of(x))).collect())
            .unwrap_or_default(),
        error,
        typed,
        dr,
    };
    render(&page)
}

/// One item of the screening form: the item, and the answer given ('' none yet).
pub struct ScreenRow {
    code: &'static str,
    th: &'static str,
    passes: String,
    reason: String,
}

fn rows_of(s: &Selected) -> Vec<ScreenRow> {
    Criterion::ALL
        .iter()
        .map(|c| {
            let a = s.answers.iter().find(|a| a.criterion == c.as_str());
            ScreenRow {
                code: c.as_str(),
                th: c.th(),
                passes: a.map_or(String::new(), |a| {
                    if a.passes { "1" } else { "0" }.to_string()
                }),
                reason: a.map_or(String::new(), |a| a.reason.clone()),
            }
        })
        .collect()
}

pub async fn page(
    State(s): State<AppState>,
    v: Visitor,
    Query(q): Query<RoundQuery>,
) -> AppResult<Response> {
    let district = if q.district.trim().is_empty() {
        let own = v.area_or_own("");
        if own.len() >= 4 {
            own[..4].to_string()
        } else {
            String::new()
        }
    } else {
        q.district
    };
    show(&s, &v, q.year, district, None, RoundInput::default()).await
}

#[derive(Deserialize)]
pub struct OpenForm {
    #[serde(default)]
    fiscal_year: String,
    #[serde(default)]
    cap: String,
    #[serde(default)]
    work_due_on: String,
    #[serde(default)]
    report_due_on: String,
    #[serde(default)]
    districts: String,
}

pub async fn open(State(s): State<AppState>, w: FormWrite<OpenForm>) -> AppResult<Response> {
    let f = w.form;
    let input = RoundInput {
        fiscal_year: f.fiscal_year,
        cap: f.cap,
        work_due_on: f.work_due_on,
        report_due_on: f.report_due_on,
        districts: f.districts,
    };
    let r = rounds::open(&s.db, &w.user, &input).await;
    after(
        &w.v,
        r,
        |r| format!("/role-model?year={}", r.fiscal_year),
        |(_, m)| {
            show(
                &s,
                &w.v,
                input.fiscal_year.clone(),
                String::new(),
                Some(m),
                input.clone(),
            )
        },
    )
    .await
}

/// The district's selection a form acts on, and the version it was read at.
#[derive(Deserialize)]
pub struct PickForm {
    year: i64,
    district: String,
    version: i64,
    bank_id: i64,
}

fn back(dr: &DistrictRound) -> String {
    format!(
        "/role-model?year={}&district={}",
        dr.round.fiscal_year, dr.district_code
    )
}

async fn again(
    s: &AppState,
    v: &Visitor,
    year: i64,
    district: &str,
    message: String,
) -> AppResult<Response> {
    show(
        s,
        v,
        year.to_string(),
        district.to_string(),
        Some(message),
        RoundInput::default(),
    )
    .await
}

pub async fn select(State(s): State<AppState>, w: FormWrite<PickForm>) -> AppResult<Response> {
    let f = &w.form;
    let r = selection::select(&s.db, &w.user, f.year, &f.district, f.version, f.bank_id).await;
    after(
        &w.v,
        r,
        |dr| back(&dr),
        |(_, m)| again(&s, &w.v, f.year, &f.district, m),
    )
    .await
}

pub async fn unselect(State(s): State<AppState>, w: FormWrite<PickForm>) -> AppResult<Response> {
    let f = &w.form;
    let r = selection::unselect(&s.db, &w.user, f.year, &f.district, f.version, f.bank_id).await;
    after(
        &w.v,
        r,
        |dr| back(&dr),
        |(_, m)| again(&s, &w.v, f.year, &f.district, m),
    )
    .await
}

/// The screening form: `passes_<item>` and `reason_<item>` for each item of the list.
pub async fn screen(
    State(s): State<AppState>,
    w: FormWrite<HashMap<String, String>>,
) -> AppResult<Response> {
    let f = &w.form;
    let field = |k: &str| f.get(k).cloned().unwrap_or_default();
    let number = |k: &str| -> AppResult<i64> {
        field(k).trim().parse::<i64>().map_err(|_| {
            AppError::from(crate::error::Problem::Unreadable {
                detail: format!("{k} is not a number"),
            })
        })
    };
    let (year, version, bank_id) = (number("year")?, number("version")?, number("bank_id")?);
    let district = field("district");
    let answers: Vec<AnswerInput> = Criterion::ALL
        .iter()
        .map(|c| AnswerInput {
            criterion: c.as_str().to_string(),
            passes: field(&format!("passes_{}", c.as_str())),
            reason: field(&format!("reason_{}", c.as_str())),
        })
        .collect();
    let r = selection::screen(&s.db, &w.user, year, &district, version, bank_id, &answers).await;
    after(
        &w.v,
        r,
        |dr| back(&dr),
        |(_, m)| again(&s, &w.v, year, &district, m),
    )
    .await
}

#[derive(Deserialize)]
pub struct StepForm {
    year: i64,
    district: String,
    version: i64,
    step: String,
    #[serde(default)]
    reason: String,
}

pub async fn step(State(s): State<AppState>, w: FormWrite<StepForm>) -> AppResult<Response> {
    let f = &w.form;
    let step = Step::named(&f.step)?;
    let r = selection::step(
        &s.db,
        &w.user,
        f.year,
        &f.district,
        f.version,
        step,
        &f.reason,
    )
    .await;
    after(
        &w.v,
        r,
        |dr| back(&dr),
        |(_, m)| again(&s, &w.v, f.year, &f.district, m),
    )
    .await
}

#[derive(Deserialize)]
pub struct BookQuery {
    year: i64,
    district: String,
    version: Option<i64>,
}

/// The district's report book as Word: the version asked for, else the latest sent, else
/// today's records as a draft.
pub async fn book_docx(
    State(s): State<AppState>,
    Query(q): Query<BookQuery>,
) -> AppResult<Response> {
    let doc = crate::role_model::book::printed(&s.db, q.year, &q.district, q.version).await?;
    super::documents::download(
        &doc,
        crate::documents::Format::Docx,
        &format!("role-model-{}-{}", q.district.trim(), q.year),
    )
}
