//! A Role Model round: opened by a national administrator for a fiscal year with its districts,
//! the cap on each district's whole selection (๑๕๐,๐๐๐ บาท in the circular, held at the
//! provincial administration office) and its two deadlines — the work's and the report book's.
//! The calendar then expects the report from the round's districts only.

use crate::accounts::{self, Role, ScopeLevel, User};
use crate::areas::Level;
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::error::{AppError, Field, Problem, RoleModelProblem};
use crate::i18n::Lang;
use crate::reporting::ROLE_MODEL;
use crate::thai::{self, fiscal_year_span, parse_baht, parse_date};
use serde::Serialize;
use time::Date;

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Round {
    pub id: i64,
    /// Buddhist era.
    pub fiscal_year: i64,
    pub cap_satang: i64,
    /// Every activity done by this day.
    #[sqlx(try_from = "crate::db::IsoDate")]
    pub work_due_on: Date,
    /// The report book sent by this day.
    #[sqlx(try_from = "crate::db::IsoDate")]
    pub report_due_on: Date,
    pub opened_by: String,
    pub opened_at: String,
}

/// A round as the form and the API send it.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoundInput {
    /// Buddhist era, Thai or Arabic digits.
    pub fiscal_year: String,
    /// Baht per district: the cap on its whole selection.
    pub cap: String,
    /// Dates as users type them: 31/08/2564, 31 ส.ค. 2564.
    pub work_due_on: String,
    pub report_due_on: String,
    /// District codes (four digits) separated by spaces, commas or lines; a province's code
    /// (two digits) stands for all its districts.
    pub districts: String,
}

const SELECT: &str = "SELECT id, fiscal_year, cap_satang, work_due_on, report_due_on, opened_by, opened_at FROM role_model_rounds";

pub async fn list(db: &Db) -> anyhow::Result<Vec<Round>> {
    Ok(db::query_as::<Round>(sqlx::AssertSqlSafe(format!(
        "{SELECT} ORDER BY fiscal_year DESC"
    )))
    .fetch_all(db)
    .await?)
}

pub async fn of_year(db: &Db, fiscal_year: i64) -> anyhow::Result<Option<Round>> {
    Ok(db::query_as::<Round>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE fiscal_year = $1"
    )))
    .bind(fiscal_year)
    .fetch_optional(db)
    .await?)
}

/// The round's districts under an area prefix ('' the country), by code.
pub async fn districts(db: &Db, round_id: i64, prefix: &str) -> anyhow::Result<Vec<String>> {
    Ok(db::query_scalar(
        "SELECT district_code FROM role_model_districts WHERE round_id = $1 \
         AND district_code >= $2 AND district_code < $3 ORDER BY district_code",
    )
    .bind(round_id)
    .bind_prefix(prefix)
    .fetch_all(db)
    .await?)
}

/// Who opens a round: a national administrator.
pub fn may_open(user: Option<&User>) -> bool {
    user.is_some_and(|u| u.active && u.role == Role::Admin && u.scope.level == ScopeLevel::National)
}

struct Checked {
    fiscal_year: i64,
    cap_satang: i64,
    work_due_on: Date,
    report_due_on: Date,
    districts: Vec<String>,
}

async fn check(db: &Db, i: &RoundInput) -> Result<Checked, AppError> {
    let mut problems = Vec::new();
    let year = thai::parse_int(&i.fiscal_year)
        .ok()
        .filter(|y| (2500..=2700).contains(y));
    if year.is_none() {
        problems.push(Problem::NotBuddhistYear {
            field: Field::FiscalYear,
            typed: i.fiscal_year.trim().to_string(),
        });
    }
    let cap = match parse_baht(&i.cap) {
        Ok(s) if s > 0 => s,
        Ok(_) => {
            problems.push(Problem::NotPositive { field: Field::Cap });
            0
        }
        Err(error) => {
            problems.push(Problem::Number {
                field: Field::Cap,
                error,
            });
            0
        }
    };
    let mut date = |typed: &str, field: Field| match parse_date(typed) {
        Ok(d) => Some(d),
        Err(error) => {
            problems.push(Problem::Date { field, error });
            None
        }
    };
    let work = date(&i.work_due_on, Field::WorkDueOn);
    let report = date(&i.report_due_on, Field::ReportDueOn);
    if let (Some(y), Some(w), Some(r)) = (year, work, report) {
        let (first, last) = fiscal_year_span(y as i32);
        if w < first || w > last {
            problems.push(Problem::RoleModel(RoleModelProblem::OutsideFiscalYear {
                field: Field::WorkDueOn,
                year: y,
            }));
        }
        if r < w {
            problems.push(Problem::RoleModel(RoleModelProblem::ReportBeforeWork));
        }
    }
    let mut districts: Vec<String> = Vec::new();
    let typed = thai::to_arabic_digits(&i.districts);
    for code in typed.split(|c: char| c == ',' || c.is_whitespace()) {
        if code.is_empty() {
            continue;
        }
        let found: Vec<String> = match code.len() {
            2 | 4 if code.bytes().all(|b| b.is_ascii_digit()) => {
                crate::areas::under(db, Level::District, code)
                    .await?
                    .into_iter()
                    .map(|a| a.code)
                    .collect()
            }
            _ => Vec::new(),
        };
        if found.is_empty() {
            problems.push(Problem::UnknownCode {
                field: Field::Districts,
                thing: crate::error::Thing::District,
                code: code.to_string(),
            });
        }
        for d in found {
            if !districts.contains(&d) {
                districts.push(d);
            }
        }
    }
    if districts.is_empty() && !problems.iter().any(|p| p.field() == Some(Field::Districts)) {
        problems.push(Problem::Missing {
            field: Field::Districts,
        });
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    districts.sort();
    Ok(Checked {
        fiscal_year: year.unwrap_or_default(),
        cap_satang: cap,
        work_due_on: work.unwrap_or(Date::MIN),
        report_due_on: report.unwrap_or(Date::MIN),
        districts,
    })
}

/// Opens a round: its districts take part, and the calendar expects their report books by the
/// round's date (the year's Role Model deadline is made or moved to it).
pub async fn open(db: &Db, user: &User, input: &RoundInput) -> Result<Round, AppError> {
    if !may_open(Some(user)) {
        let p = RoleModelProblem::RoundByNationalAdmins;
        accounts::record_denied(
            db,
            user,
            "role_model_round",
            &input.fiscal_year,
            "create",
            &p.message(Lang::Th),
        )
        .await?;
        return Err(p.into());
    }
    let c = check(db, input).await?;
    if of_year(db, c.fiscal_year).await?.is_some() {
        return Err(RoleModelProblem::RoundExists {
            year: c.fiscal_year,
        }
        .into());
    }
    crate::reporting::calendar::ensure_year(db, c.fiscal_year).await?;
    let now = now_text();
    let mut tx = db.begin_write().await?;
    let id: i64 = db::query_scalar(
        "INSERT INTO role_model_rounds (fiscal_year, cap_satang, work_due_on, report_due_on, opened_by, opened_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(c.fiscal_year)
    .bind(c.cap_satang)
    .bind(c.work_due_on.to_string())
    .bind(c.report_due_on.to_string())
    .bind(&user.username)
    .bind(&now)
    .fetch_one(&mut tx)
    .await?;
    for d in &c.districts {
        db::query("INSERT INTO role_model_districts (round_id, district_code) VALUES ($1, $2)")
            .bind(id)
            .bind(d)
            .execute(&mut tx)
            .await?;
    }
    let title = crate::reporting::calendar::title_of_year(ROLE_MODEL, "", c.fiscal_year);
    db::query(
        "INSERT INTO deadlines (fiscal_year, kind, period, due_on, title) VALUES ($1, $2, '', $3, $4) \
         ON CONFLICT (fiscal_year, kind, period) DO UPDATE SET due_on = excluded.due_on",
    )
    .bind(c.fiscal_year)
    .bind(ROLE_MODEL)
    .bind(c.report_due_on.to_string())
    .bind(title)
    .execute(&mut tx)
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "create",
            entity: "role_model_round",
            entity_key: c.fiscal_year.to_string(),
            area_code: String::new(),
            lao_id: None,
            before: None,
            after: Some(serde_json::json!({
                "cap_satang": c.cap_satang, "work_due_on": c.work_due_on, "report_due_on": c.report_due_on,
                "districts": c.districts,
            })),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(of_year(db, c.fiscal_year)
        .await?
        .ok_or_else(AppError::not_found)?)
}
