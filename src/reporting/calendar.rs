//! The calendar (ONEPLAN.md section 10): each fiscal year's deadlines, kept as data. A year's
//! calendar is made from the yearly pattern of the circulars; a national administrator may then
//! move a due date or add a deadline, and every such change is audited.

use super::{
    DISTRICT_PLAN, DISTRICT_PROGRESS, KPI32_DISTRICT, KPI32_MONTHLY, KPI32_PROVINCE,
    MODEL_LAO_CHANGE, MODEL_TAMBON_PLAN, REGISTER_1, REGISTER_2, REGISTER_3, ROLE_MODEL,
};
use crate::accounts::{self, Role, ScopeLevel, User};
use crate::audit::{self, Actor, Change};
use crate::db::{self, Db};
use crate::error::{AppError, Field, Problem, Thing};
use crate::i18n::Lang;
use crate::thai::dates::{Digits, MONTHS_FULL, format_date_long};
use crate::thai::fiscal::{BE_OFFSET, fiscal_year_be};
use serde::Serialize;
use time::{Date, Month};

/// Every kind of report the calendar knows, in the order of the circulars.
pub const KINDS: [&str; 11] = [
    REGISTER_1,
    DISTRICT_PROGRESS,
    MODEL_TAMBON_PLAN,
    MODEL_LAO_CHANGE,
    REGISTER_2,
    REGISTER_3,
    DISTRICT_PLAN,
    KPI32_MONTHLY,
    KPI32_DISTRICT,
    KPI32_PROVINCE,
    ROLE_MODEL,
];

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Deadline {
    pub id: i64,
    /// Buddhist era.
    pub fiscal_year: i64,
    pub kind: String,
    /// '' for a yearly report, 'YYYY-MM' (CE) for a monthly one.
    pub period: String,
    #[sqlx(try_from = "crate::db::IsoDate")]
    pub due_on: Date,
    pub title: String,
}

impl Deadline {
    pub fn due(&self) -> Option<Date> {
        Some(self.due_on)
    }
}

/// One deadline of the yearly pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub kind: &'static str,
    pub period: String,
    pub due_on: Date,
}

fn day(year: i32, month: Month, day: u8) -> Date {
    Date::from_calendar_date(year, month, day).expect("a real date")
}

/// The deadlines of fiscal year `fy_be` as the circulars set them every year. All fall between
/// March and September, so in the calendar year the fiscal year ends in (FY 2569 → 2026).
pub fn yearly_pattern(fy_be: i32) -> Vec<Due> {
    let y = fy_be - BE_OFFSET;
    let yearly = |kind, date| Due {
        kind,
        period: String::new(),
        due_on: date,
    };
    let mut out = vec![
        yearly(REGISTER_1, day(y, Month::March, 31)),
        yearly(DISTRICT_PROGRESS, day(y, Month::March, 31)),
        yearly(MODEL_TAMBON_PLAN, day(y, Month::March, 31)),
        yearly(MODEL_LAO_CHANGE, day(y, Month::May, 15)),
        yearly(REGISTER_2, day(y, Month::May, 31)),
        yearly(REGISTER_3, day(y, Month::May, 31)),
        yearly(DISTRICT_PLAN, day(y, Month::June, 15)),
    ];
    // KPI 3.2: by the 25th of each month, May to September; seed 002 gives the same day to
    // the LAO's report, the district's gathering (๒.๓) and the province's report to DLA (๓)
    for m in [
        Month::May,
        Month::June,
        Month::July,
        Month::August,
        Month::September,
    ] {
        for kind in [KPI32_MONTHLY, KPI32_DISTRICT, KPI32_PROVINCE] {
            out.push(Due {
                kind,
                period: format!("{y}-{:02}", m as u8),
                due_on: day(y, m, 25),
            });
        }
    }
    // the Role Model report is due as its round says (seed 004), from the round's districts
    // only (`role_model::rounds::open` makes the deadline): not a yearly deadline of every district
    out
}

/// "พฤษภาคม 2569" for '2026-05'; '' stays ''.
pub fn period_th(period: &str) -> String {
    let mut parts = period.splitn(2, '-');
    match (
        parts.next().and_then(|y| y.parse::<i32>().ok()),
        parts.next().and_then(|m| m.parse::<usize>().ok()),
    ) {
        (Some(y), Some(m)) if (1..=12).contains(&m) => {
            format!("{} {}", MONTHS_FULL[m - 1], y + BE_OFFSET)
        }
        _ => period.to_string(),
    }
}

/// Whether a period is '' or a real 'YYYY-MM'.
fn period_ok(period: &str) -> bool {
    period.is_empty()
        || (period.len() == 7
            && period.as_bytes()[4] == b'-'
            && period[..4].parse::<i32>().is_ok()
            && period[5..]
                .parse::<u8>()
                .is_ok_and(|m| (1..=12).contains(&m)))
}

/// The title users read: the report's Thai name, and the month for a monthly report.
pub fn title_th(kind: &str, period: &str) -> String {
    if period.is_empty() {
        super::kind_th(kind).to_string()
    } else {
        format!("{} ประจำเดือน{}", super::kind_th(kind), period_th(period))
    }
}

/// The title of a deadline of a fiscal year: the district plan sent by 15 June serves the plans
/// of two years later (the circular: 15 มิ.ย. ๒๕๖๒ for the plans of ๒๕๖๔).
pub fn title_of_year(kind: &str, period: &str, fiscal_year: i64) -> String {
    match kind {
        DISTRICT_PLAN => format!("{} (แผนปี {})", title_th(kind, period), fiscal_year + 2),
        _ => title_th(kind, period),
    }
}

/// The due date as Thai users write it: "31 มีนาคม 2569".
pub fn date_th(date: Date) -> String {
    format_date_long(date, Digits::Arabic)
}

/// Where a deadline stands on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// More than 14 days ahead (ยังไม่ถึงกำหนด).
    NotYetDue,
    /// Due within 14 days, today included (ใกล้ถึงกำหนด).
    DueSoon,
    /// The due date has passed (เลยกำหนด).
    Overdue,
}

/// How many days ahead counts as "due soon".
pub const SOON_DAYS: i64 = 14;

pub fn status(due: Date, today: Date) -> Status {
    let days = (due - today).whole_days();
    if days < 0 {
        Status::Overdue
    } else if days <= SOON_DAYS {
        Status::DueSoon
    } else {
        Status::NotYetDue
    }
}

impl Status {
    pub fn th(self) -> &'static str {
        match self {
            Status::NotYetDue => "ยังไม่ถึงกำหนด",
            Status::DueSoon => "ใกล้ถึงกำหนด",
            Status::Overdue => "เลยกำหนด",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::NotYetDue => "not_yet_due",
            Status::DueSoon => "due_soon",
            Status::Overdue => "overdue",
        }
    }
}

const COLUMNS: &str = "id, fiscal_year, kind, period, due_on, title";

/// A fiscal year's deadlines, earliest first.
pub async fn deadlines(db: &Db, fiscal_year: i64) -> anyhow::Result<Vec<Deadline>> {
    Ok(db::query_as::<Deadline>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM deadlines WHERE fiscal_year = $1 ORDER BY due_on, kind, period"
    )))
    .bind(fiscal_year)
    .fetch_all(db)
    .await?)
}

pub async fn get(db: &Db, id: i64) -> anyhow::Result<Option<Deadline>> {
    Ok(db::query_as::<Deadline>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM deadlines WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(db)
    .await?)
}

/// Deadlines of any year whose due date lies between two dates (inclusive).
pub async fn due_between(db: &Db, from: Date, to: Date) -> anyhow::Result<Vec<Deadline>> {
    Ok(db::query_as::<Deadline>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM deadlines WHERE due_on >= $1 AND due_on <= $2 ORDER BY due_on, kind, period"
    )))
    .bind(from.to_string())
    .bind(to.to_string())
    .fetch_all(db)
    .await?)
}

/// Makes a fiscal year's calendar from the yearly pattern. Deadlines already there (perhaps
/// moved by an administrator) are left as they are, so it is safe to run again. Returns how
/// many were added.
pub async fn ensure_year(db: &Db, fiscal_year: i64) -> anyhow::Result<usize> {
    ensure_year_as(db, fiscal_year, &Actor::system("calendar")).await
}

/// `ensure_year` on someone's request (a national administrator's), recorded as theirs.
pub async fn ensure_year_as(db: &Db, fiscal_year: i64, actor: &Actor) -> anyhow::Result<usize> {
    let pattern = yearly_pattern(fiscal_year as i32);
    let mut tx = db.begin_write().await?;
    let mut added = Vec::new();
    for d in &pattern {
        let done = db::query(
            "INSERT INTO deadlines (fiscal_year, kind, period, due_on, title) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (fiscal_year, kind, period) DO NOTHING",
        )
        .bind(fiscal_year)
        .bind(d.kind)
        .bind(&d.period)
        .bind(d.due_on.to_string())
        .bind(title_of_year(d.kind, &d.period, fiscal_year))
        .execute(&mut tx)
        .await?;
        if done.rows_affected() > 0 {
            added.push(format!("{} {} {}", d.kind, d.period, d.due_on).replace("  ", " "));
        }
    }
    if !added.is_empty() {
        audit::record(
            &mut tx,
            actor,
            Change {
                action: "create",
                entity: "calendar",
                entity_key: fiscal_year.to_string(),
                area_code: String::new(),
                lao_id: None,
                before: None,
                after: Some(serde_json::json!(added)),
                note: format!("ปฏิทินการรายงานปีงบประมาณ {fiscal_year}"),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(added.len())
}

/// The calendars of the current and the next fiscal year (at server start and every day).
pub async fn ensure_current(db: &Db, today: Date) -> anyhow::Result<usize> {
    let fy = i64::from(fiscal_year_be(today));
    Ok(ensure_year(db, fy).await? + ensure_year(db, fy + 1).await?)
}

/// Who may change the calendar: a national administrator.
pub fn may_edit(user: Option<&User>) -> bool {
    user.is_some_and(is_national_admin)
}

/// Makes a year's calendar from the yearly pattern on demand, for a national administrator.
pub async fn make_year(db: &Db, user: &User, fiscal_year: i64) -> Result<usize, AppError> {
    authorize(db, user, &fiscal_year.to_string(), "create").await?;
    if !(2400..=2700).contains(&fiscal_year) {
        return Err(Problem::NotBuddhistYear {
            field: Field::FiscalYear,
            typed: fiscal_year.to_string(),
        }
        .into());
    }
    Ok(ensure_year_as(db, fiscal_year, &user.actor()).await?)
}

fn is_national_admin(user: &User) -> bool {
    user.active && user.role == Role::Admin && user.scope.level == ScopeLevel::National
}

/// Only a national administrator changes the calendar; others are refused, and the refusal recorded.
async fn authorize(db: &Db, user: &User, key: &str, action: &str) -> Result<(), AppError> {
    if is_national_admin(user) {
        return Ok(());
    }
    let p = Problem::CalendarByNationalAdmins;
    accounts::record_denied(db, user, "deadline", key, action, &p.message(Lang::Th)).await?;
    Err(p.into())
}

fn key_of(fiscal_year: i64, kind: &str, period: &str) -> String {
    format!("{fiscal_year}:{kind}:{period}")
}

/// Moves a due date. Submissions already made keep the deadline that applied to them.
pub async fn set_due(db: &Db, user: &User, id: i64, due_on: Date) -> Result<Deadline, AppError> {
    let before = get(db, id)
        .await?
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::Deadline, id)))?;
    let key = key_of(before.fiscal_year, &before.kind, &before.period);
    authorize(db, user, &key, "update").await?;
    let after = Deadline {
        due_on,
        ..before.clone()
    };
    if after.due_on == before.due_on {
        return Ok(before);
    }
    let mut tx = db.begin_write().await?;
    db::query("UPDATE deadlines SET due_on = $1 WHERE id = $2")
        .bind(after.due_on)
        .bind(id)
        .execute(&mut tx)
        .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "update",
            entity: "deadline",
            entity_key: key,
            area_code: String::new(),
            lao_id: None,
            before: Some(serde_json::json!({"due_on": before.due_on})),
            after: Some(serde_json::json!({"due_on": after.due_on})),
            note: after.title.clone(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// A deadline a national administrator adds to a year.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
pub struct NewDeadline {
    pub fiscal_year: i64,
    /// One of the kinds of report (register1, …, role_model).
    pub kind: String,
    /// '' or 'YYYY-MM' (CE).
    #[serde(default)]
    pub period: String,
    /// A date as users type it: 31/03/2569, 2026-03-31, 31 มี.ค. 2569.
    pub due_on: String,
    /// Empty: the report's Thai name (and month).
    #[serde(default)]
    pub title: String,
}

pub async fn add(db: &Db, user: &User, new: NewDeadline) -> Result<Deadline, AppError> {
    let period = crate::thai::to_arabic_digits(new.period.trim());
    let key = key_of(new.fiscal_year, &new.kind, &period);
    authorize(db, user, &key, "create").await?;
    let Some(kind) = KINDS.iter().copied().find(|k| *k == new.kind) else {
        return Err(Problem::Unknown {
            field: Field::ReportKind,
            typed: new.kind.clone(),
            choices: Vec::new(),
        }
        .into());
    };
    if !period_ok(&period) {
        return Err(Problem::PeriodFormat { typed: period }.into());
    }
    if !(2400..=2700).contains(&new.fiscal_year) {
        return Err(Problem::NotBuddhistYear {
            field: Field::FiscalYear,
            typed: new.fiscal_year.to_string(),
        }
        .into());
    }
    let due_on = crate::thai::parse_date(&new.due_on).map_err(|error| Problem::Date {
        field: Field::DueOn,
        error,
    })?;
    let title = match new.title.trim() {
        "" => title_of_year(kind, &period, new.fiscal_year),
        t => t.to_string(),
    };
    let mut tx = db.begin_write().await?;
    let id: Option<i64> = db::query_scalar(
        "INSERT INTO deadlines (fiscal_year, kind, period, due_on, title) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (fiscal_year, kind, period) DO NOTHING RETURNING id",
    )
    .bind(new.fiscal_year)
    .bind(kind)
    .bind(&period)
    .bind(due_on.to_string())
    .bind(&title)
    .fetch_optional(&mut tx)
    .await?;
    let Some(id) = id else {
        return Err(Problem::DeadlineExists {
            year: new.fiscal_year,
            title,
        }
        .into());
    };
    let d = Deadline {
        id,
        fiscal_year: new.fiscal_year,
        kind: kind.to_string(),
        period,
        due_on,
        title,
    };
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "create",
            entity: "deadline",
            entity_key: key_of(d.fiscal_year, &d.kind, &d.period),
            area_code: String::new(),
            lao_id: None,
            before: None,
            after: Some(serde_json::json!({"due_on": d.due_on, "title": d.title})),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn fiscal_2569_follows_the_circulars() {
        let p = yearly_pattern(2569);
        let due = |kind: &str, period: &str| {
            p.iter()
                .find(|d| d.kind == kind && d.period == period)
                .map(|d| d.due_on)
        };
        assert_eq!(due(REGISTER_1, ""), Some(date!(2026 - 03 - 31)));
        assert_eq!(due(DISTRICT_PROGRESS, ""), Some(date!(2026 - 03 - 31)));
        assert_eq!(due(REGISTER_2, ""), Some(date!(2026 - 05 - 31)));
        assert_eq!(due(REGISTER_3, ""), Some(date!(2026 - 05 - 31)));
        assert_eq!(due(DISTRICT_PLAN, ""), Some(date!(2026 - 06 - 15)));
        assert_eq!(due(ROLE_MODEL, ""), None, "a round's, not every year's");
        let monthly: Vec<_> = p.iter().filter(|d| d.kind == KPI32_MONTHLY).collect();
        assert_eq!(monthly.len(), 5);
        assert_eq!(monthly[0].period, "2026-05");
        assert_eq!(monthly[0].due_on, date!(2026 - 05 - 25));
        assert_eq!(monthly[4].period, "2026-09");
        assert_eq!(monthly[4].due_on, date!(2026 - 09 - 25));
        assert_eq!(due(MODEL_TAMBON_PLAN, ""), Some(date!(2026 - 03 - 31)));
        assert_eq!(due(MODEL_LAO_CHANGE, ""), Some(date!(2026 - 05 - 15)));
        assert_eq!(p.len(), 22);
        let forwards = |kind| p.iter().filter(|d| d.kind == kind).count();
        assert_eq!((forwards(KPI32_DISTRICT), forwards(KPI32_PROVINCE)), (5, 5));
        // every deadline lies inside its fiscal year
        assert!(p.iter().all(|d| fiscal_year_be(d.due_on) == 2569));
    }

    #[test]
    fn periods_and_titles_read_in_thai() {
        assert_eq!(period_th("2026-05"), "พฤษภาคม 2569");
        assert_eq!(period_th(""), "");
        assert!(title_th(KPI32_MONTHLY, "2026-09").ends_with("ประจำเดือนกันยายน 2569"));
        assert_eq!(date_th(date!(2026 - 03 - 31)), "31 มีนาคม 2569");
        assert!(period_ok("") && period_ok("2026-12"));
        assert!(!period_ok("2026-13") && !period_ok("2569/05") && !period_ok("26-05"));
    }

    #[test]
    fn status_counts_days_in_thailand() {
        let due = date!(2026 - 03 - 31);
        assert_eq!(status(due, date!(2026 - 03 - 01)), Status::NotYetDue);
        assert_eq!(status(due, date!(2026 - 03 - 17)), Status::DueSoon);
        assert_eq!(status(due, date!(2026 - 03 - 31)), Status::DueSoon);
        assert_eq!(status(due, date!(2026 - 04 - 01)), Status::Overdue);
    }
}
