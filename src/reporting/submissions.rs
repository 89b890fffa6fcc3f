//! Submissions: every version kept, the deadline that applied, late ones marked.

use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::error::AppError;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Submission {
    pub id: i64,
    pub kind: String,
    pub unit_key: String,
    pub area_code: String,
    pub lao_id: Option<i64>,
    pub fiscal_year: i64,
    pub period: String,
    pub version: i64,
    pub payload_json: String,
    pub submitted_at: String,
    pub submitted_by: String,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    pub deadline: Option<time::Date>,
    #[sqlx(try_from = "crate::db::Flag")]
    pub late: bool,
}

/// What is submitted. The caller has checked that the user may report for the unit.
pub struct NewSubmission {
    pub kind: &'static str,
    /// A DOPA code, or 'lao:<id>'.
    pub unit_key: String,
    /// Where the report sits in the area tree (for an LAO, its office area).
    pub area_code: String,
    pub lao_id: Option<i64>,
    pub fiscal_year: i64,
    /// '' for yearly reports, 'YYYY-MM' (CE) for monthly ones.
    pub period: String,
    pub payload: serde_json::Value,
}

const COLUMNS: &str = "id, kind, unit_key, area_code, lao_id, fiscal_year, period, version, payload_json, submitted_at, submitted_by, deadline, late";

/// Records a submission as the next version, inside the caller's transaction. Two sent at
/// once become two versions, one after the other (the unit's lock).
pub async fn submit(
    conn: &mut crate::db::Tx,
    user: &User,
    s: NewSubmission,
) -> Result<Submission, AppError> {
    conn.lock(&format!(
        "submission {} {} {} {}",
        s.kind, s.unit_key, s.fiscal_year, s.period
    ))
    .await?;
    let version: i64 = db::query_scalar(
        "SELECT CAST(COALESCE(MAX(version), 0) + 1 AS BIGINT) FROM submissions WHERE kind = $1 AND unit_key = $2 AND fiscal_year = $3 AND period = $4",
    )
    .bind(s.kind)
    .bind(&s.unit_key)
    .bind(s.fiscal_year)
    .bind(&s.period)
    .fetch_one(&mut *conn)
    .await?;
    let deadline: Option<String> = db::query_scalar(
        "SELECT due_on FROM deadlines WHERE fiscal_year = $1 AND kind = $2 AND period = $3",
    )
    .bind(s.fiscal_year)
    .bind(s.kind)
    .bind(&s.period)
    .fetch_optional(&mut *conn)
    .await?;
    let now = now_text();
    let deadline: Option<time::Date> = deadline.as_deref().and_then(crate::db::types::parse_iso);
    let late = deadline.is_some_and(|d| crate::thai::fiscal::today_in_thailand() > d);
    let id: i64 = db::query_scalar(
        "INSERT INTO submissions (kind, unit_key, area_code, lao_id, fiscal_year, period, version, payload_json, submitted_at, submitted_by, deadline, late) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(s.kind)
    .bind(&s.unit_key)
    .bind(&s.area_code)
    .bind(s.lao_id)
    .bind(s.fiscal_year)
    .bind(&s.period)
    .bind(version)
    .bind(s.payload.to_string())
    .bind(&now)
    .bind(&user.username)
    .bind(deadline)
    .bind(late)
    .fetch_one(&mut *conn)
    .await?;
    audit::record(
        conn,
        &user.actor(),
        Change {
            action: "submit",
            entity: s.kind,
            entity_key: format!("{}:{}:{}", s.unit_key, s.fiscal_year, s.period),
            area_code: s.area_code.clone(),
            lao_id: s.lao_id,
            before: None,
            after: Some(
                serde_json::json!({"version": version, "late": late, "deadline": deadline}),
            ),
            note: if late {
                format!(
                    "ส่งหลังกำหนด ({})",
                    deadline.map(crate::db::types::iso).unwrap_or_default()
                )
            } else {
                String::new()
            },
        },
    )
    .await?;
    Ok(Submission {
        id,
        kind: s.kind.to_string(),
        unit_key: s.unit_key,
        area_code: s.area_code,
        lao_id: s.lao_id,
        fiscal_year: s.fiscal_year,
        period: s.period,
        version,
        payload_json: s.payload.to_string(),
        submitted_at: now,
        submitted_by: user.username.clone(),
        deadline,
        late,
    })
}

/// One submission by its id.
pub async fn get(db: &Db, id: i64) -> anyhow::Result<Option<Submission>> {
    Ok(db::query_as::<Submission>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM submissions WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(db)
    .await?)
}

/// Every version, newest first.
pub async fn history(
    db: &Db,
    kind: &str,
    unit_key: &str,
    fiscal_year: i64,
    period: &str,
) -> anyhow::Result<Vec<Submission>> {
    Ok(db::query_as::<Submission>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM submissions WHERE kind = $1 AND unit_key = $2 AND fiscal_year = $3 AND period = $4 ORDER BY version DESC"
    )))
    .bind(kind)
    .bind(unit_key)
    .bind(fiscal_year)
    .bind(period)
    .fetch_all(db)
    .await?)
}

pub async fn latest<'e>(
    e: impl db::Executor<'e>,
    kind: &str,
    unit_key: &str,
    fiscal_year: i64,
    period: &str,
) -> anyhow::Result<Option<Submission>> {
    Ok(db::query_as::<Submission>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM submissions WHERE kind = $1 AND unit_key = $2 AND fiscal_year = $3 AND period = $4 ORDER BY version DESC LIMIT 1"
    )))
    .bind(kind)
    .bind(unit_key)
    .bind(fiscal_year)
    .bind(period)
    .fetch_optional(e)
    .await?)
}

/// The newest submission of a unit in a fiscal year, whatever its period.
pub async fn latest_of_year(
    db: &Db,
    kind: &str,
    unit_key: &str,
    fiscal_year: i64,
) -> anyhow::Result<Option<Submission>> {
    Ok(db::query_as::<Submission>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM submissions WHERE kind = $1 AND unit_key = $2 AND fiscal_year = $3 ORDER BY submitted_at DESC, id DESC LIMIT 1"
    )))
    .bind(kind)
    .bind(unit_key)
    .bind(fiscal_year)
    .fetch_optional(db)
    .await?)
}

/// The units under an area prefix that have submitted a kind of report for a period (latest versions).
pub async fn reported_units(
    db: &Db,
    kind: &str,
    fiscal_year: i64,
    period: &str,
    area_prefix: &str,
) -> anyhow::Result<Vec<Submission>> {
    Ok(db::query_as::<Submission>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM submissions s WHERE kind = $1 AND fiscal_year = $2 AND period = $3 AND area_code >= $4 AND area_code < $5 \
         AND version = (SELECT MAX(version) FROM submissions x WHERE x.kind = s.kind AND x.unit_key = s.unit_key \
                        AND x.fiscal_year = s.fiscal_year AND x.period = s.period) ORDER BY unit_key"
    )))
    .bind(kind)
    .bind(fiscal_year)
    .bind(period)
    .bind_prefix(area_prefix)
    .fetch_all(db)
    .await?)
}
