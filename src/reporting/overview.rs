//! What is due, what is late and who has not reported, for the country or any area (section 10).
//! A handful of grouped queries whatever the area: the year's deadlines, the expected units of
//! each basis, the latest submissions grouped by unit, and the names of the sub-areas; the
//! counting is done here, so the whole country (900-odd districts, 878 model LAOs) stays fast.

use super::calendar::{self, Deadline, Status};
use super::expected::{self, Basis, Unit};
use crate::areas::{self, Area};
use crate::db::{self, Db};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use time::Date;

/// Expected = reported + not reported; `late` counts the reported units whose first report
/// came after the deadline that applied to it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[schema(as = ReportCounts)]
pub struct Counts {
    pub expected: i64,
    pub reported: i64,
    pub late: i64,
    pub missing: i64,
}

/// The counts of one sub-area, for drilling down.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AreaCounts {
    pub code: String,
    pub name_th: String,
    pub name_en: String,
    pub counts: Counts,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DeadlineReport {
    pub deadline: Deadline,
    /// "31 มีนาคม 2569".
    pub due_on_th: String,
    pub status: Status,
    /// Days from today to the due date; negative when overdue.
    pub days_left: i64,
    pub counts: Counts,
    /// Per province (for the country) or per district (for a province), where units are expected.
    pub areas: Vec<AreaCounts>,
    /// The units that have not reported, listed for a province and below.
    pub not_reported: Vec<Unit>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = CalendarOverview)]
pub struct Overview {
    pub fiscal_year: i64,
    /// The day the statuses are counted on (Thailand).
    pub today: String,
    /// '' for the whole country.
    pub area_code: String,
    /// From the province down to the area.
    pub path: Vec<Area>,
    pub deadlines: Vec<DeadlineReport>,
}

/// Latest state of the submissions of a year under an area: (kind, period, unit) → first report late.
type Reported = HashMap<(String, String, String), bool>;

async fn reported(
    db: &Db,
    fiscal_year: i64,
    prefix: &str,
    only: Option<(&str, &str)>,
) -> anyhow::Result<Reported> {
    // lateness is that of version 1: a correction sent after the deadline does not make an
    // on-time report late
    let sql = "SELECT kind, period, unit_key, MAX(CASE WHEN version = 1 THEN late ELSE 0 END) \
               FROM submissions WHERE fiscal_year = $1 AND area_code >= $2 AND area_code < $3";
    let rows: Vec<(String, String, String, crate::db::Flag)> = match only {
        Some((kind, period)) => {
            db::query_as(sqlx::AssertSqlSafe(format!(
                "{sql} AND kind = $4 AND period = $5 GROUP BY kind, period, unit_key"
            )))
            .bind(fiscal_year)
            .bind_prefix(prefix)
            .bind(kind)
            .bind(period)
            .fetch_all(db)
            .await?
        }
        None => {
            db::query_as(sqlx::AssertSqlSafe(format!(
                "{sql} GROUP BY kind, period, unit_key"
            )))
            .bind(fiscal_year)
            .bind_prefix(prefix)
            .fetch_all(db)
            .await?
        }
    };
    Ok(rows
        .into_iter()
        .map(|(k, p, u, late)| ((k, p, u), late.0))
        .collect())
}

/// The units of each basis the deadlines need, fetched once per basis.
async fn units_by_basis(
    db: &Db,
    deadlines: &[Deadline],
    fiscal_year: i64,
    prefix: &str,
) -> anyhow::Result<HashMap<Basis, Vec<Unit>>> {
    let mut out = HashMap::new();
    for d in deadlines {
        let b = expected::basis(&d.kind);
        if let std::collections::hash_map::Entry::Vacant(e) = out.entry(b) {
            e.insert(expected::units(db, b, fiscal_year, prefix).await?);
        }
    }
    Ok(out)
}

/// The calendar of a fiscal year for an area ('' = the country), counted on `today`.
pub async fn overview(
    db: &Db,
    fiscal_year: i64,
    area_code: &str,
    today: Date,
) -> anyhow::Result<Overview> {
    let deadlines = calendar::deadlines(db, fiscal_year).await?;
    let units = units_by_basis(db, &deadlines, fiscal_year, area_code).await?;
    let reported = reported(db, fiscal_year, area_code, None).await?;
    // the sub-areas to drill into: provinces of the country, districts of a province
    let (child_len, child_level) = match area_code.len() {
        0 => (2, "province"),
        2 => (4, "district"),
        _ => (0, ""),
    };
    let children: Vec<Area> = if child_len > 0 {
        db::query_as::<Area>(
            "SELECT code, level, parent_code, name_th, name_en, moo, postal_codes FROM areas \
             WHERE level = $1 AND code >= $2 AND code < $3 ORDER BY code",
        )
        .bind(child_level)
        .bind_prefix(area_code)
        .fetch_all(db)
        .await?
    } else {
        Vec::new()
    };
    let list_units = !area_code.is_empty();
    let reports = deadlines
        .into_iter()
        .map(|d| {
            let empty = Vec::new();
            let units = units.get(&expected::basis(&d.kind)).unwrap_or(&empty);
            report(d, units, &reported, &children, child_len, list_units, today)
        })
        .collect();
    Ok(Overview {
        fiscal_year,
        today: today.to_string(),
        area_code: area_code.to_string(),
        path: if area_code.is_empty() {
            Vec::new()
        } else {
            areas::path(db, area_code).await?
        },
        deadlines: reports,
    })
}

/// Counts one deadline (no database: the rules live here).
fn report(
    d: Deadline,
    units: &[Unit],
    reported: &Reported,
    children: &[Area],
    child_len: usize,
    list_units: bool,
    today: Date,
) -> DeadlineReport {
    let mut total = Counts::default();
    let mut by_child: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut not_reported = Vec::new();
    for u in units {
        let state = reported.get(&(d.kind.clone(), d.period.clone(), u.unit_key.clone()));
        let add = |c: &mut Counts| {
            c.expected += 1;
            match state {
                Some(late) => {
                    c.reported += 1;
                    c.late += i64::from(*late);
                }
                None => c.missing += 1,
            }
        };
        add(&mut total);
        if child_len > 0 && u.area_code.len() >= child_len {
            add(by_child.entry(&u.area_code[..child_len]).or_default());
        }
        if state.is_none() && list_units {
            not_reported.push(u.clone());
        }
    }
    let areas = children
        .iter()
        .filter_map(|a| {
            by_child.get(a.code.as_str()).map(|c| {
                let (name_th, name_en) = crate::committees::area_labels(a, None);
                AreaCounts {
                    code: a.code.clone(),
                    name_th,
                    name_en,
                    counts: *c,
                }
            })
        })
        .collect();
    let due = d.due().unwrap_or(today);
    DeadlineReport {
        due_on_th: calendar::date_th(due),
        status: calendar::status(due, today),
        days_left: (due - today).whole_days(),
        counts: total,
        areas,
        not_reported,
        deadline: d,
    }
}

/// The units, anywhere in the country, that have not reported for a deadline.
pub async fn pending(db: &Db, d: &Deadline) -> anyhow::Result<Vec<Unit>> {
    let units = expected::units(db, expected::basis(&d.kind), d.fiscal_year, "").await?;
    let done = reported(db, d.fiscal_year, "", Some((&d.kind, &d.period))).await?;
    Ok(units
        .into_iter()
        .filter(|u| !done.contains_key(&(d.kind.clone(), d.period.clone(), u.unit_key.clone())))
        .collect())
}

/// The fiscal year and area a calendar is asked for: the year typed (BE, or CE which is
/// converted), else the current one; the area typed, else the user's own (a tambon or village
/// user sees their district, an LAO user the district of its office), else the country.
pub async fn place(
    db: &Db,
    user: Option<&crate::accounts::User>,
    year: Option<&str>,
    area: Option<&str>,
    today: Date,
) -> Result<(i64, String), crate::error::AppError> {
    use crate::accounts::ScopeLevel;

    let year = match year.map(|y| crate::thai::to_arabic_digits(y.trim())) {
        Some(y) if !y.is_empty() => match y.parse::<i64>() {
            Ok(n) if (2400..=2700).contains(&n) => n,
            Ok(n) if (1857..2157).contains(&n) => n + i64::from(crate::thai::fiscal::BE_OFFSET),
            _ => {
                return Err(crate::error::Problem::NotBuddhistYear {
                    field: crate::error::Field::Year,
                    typed: y,
                }
                .into());
            }
        },
        _ => i64::from(crate::thai::fiscal_year_be(today)),
    };
    let area = match area.map(|a| crate::thai::to_arabic_digits(a.trim())) {
        Some(a) => a,
        None => match user.map(|u| &u.scope) {
            None => String::new(),
            Some(s) => match s.level {
                ScopeLevel::National => String::new(),
                ScopeLevel::Province | ScopeLevel::District => s.code.clone(),
                ScopeLevel::Tambon | ScopeLevel::Village => s.code.chars().take(4).collect(),
                ScopeLevel::Lao => match areas::lao_by_key(db, &s.code).await? {
                    Some(l) => l.district_code.unwrap_or(l.province_code),
                    None => String::new(),
                },
            },
        },
    };
    if !area.is_empty()
        && (!area.bytes().all(|b| b.is_ascii_digit()) || areas::get(db, &area).await?.is_none())
    {
        return Err(crate::error::Problem::not_found(crate::error::Thing::AnyArea, &area).into());
    }
    Ok((year, area))
}
