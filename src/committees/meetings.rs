//! Meetings of a committee (การประชุม): date, place, attendance, agenda, minutes and
//! resolutions. A ก.บ.ต. meeting may say it was held to make the tambon plan of a year: district
//! report item (๒) counts those. Recorded by whoever may record the committee's orders; audited.

use super::{Kind, Target, authorize, date_th, resolve};
use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::error::{AppError, Field, Problem, Thing};
use crate::thai::{parse_date, parse_int};
use serde::{Deserialize, Serialize};
use time::Date;

/// A meeting as typed: Thai or Arabic digits, BE or CE dates.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct MeetingInput {
    pub held_on: String,
    pub place: String,
    pub attendance: String,
    /// ระเบียบวาระ
    pub agenda: String,
    pub minutes: String,
    /// มติที่ประชุม
    pub resolutions: String,
    /// For a ก.บ.ต.: the year (BE) of the tambon plan the meeting was held to make, if it was.
    pub for_plan_year: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Meeting {
    pub id: i64,
    pub committee_id: i64,
    #[sqlx(try_from = "crate::db::IsoDate")]
    pub held_on: Date,
    pub place: String,
    pub attendance: i64,
    pub agenda: String,
    pub minutes: String,
    pub resolutions: String,
    pub for_plan_year: Option<i64>,
}

impl Meeting {
    /// "20 กุมภาพันธ์ 2569".
    pub fn held_on_th(&self) -> String {
        date_th(&self.held_on.to_string())
    }
}

const COLUMNS: &str =
    "id, committee_id, held_on, place, attendance, agenda, minutes, resolutions, for_plan_year";

/// The meetings of a committee, newest first.
pub async fn of_committee(db: &Db, committee_id: i64) -> anyhow::Result<Vec<Meeting>> {
    Ok(db::query_as::<Meeting>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM committee_meetings WHERE committee_id = $1 ORDER BY held_on DESC, id DESC"
    )))
    .bind(committee_id)
    .fetch_all(db)
    .await?)
}

/// A meeting that passed every check.
struct Clean {
    held_on: Date,
    attendance: i64,
    for_plan_year: Option<i64>,
}

fn check(kind: Kind, input: &MeetingInput, today: Date) -> Result<Clean, Vec<Problem>> {
    let mut errors = Vec::new();
    let field = Field::MeetingOn;
    let held_on = match parse_date(&input.held_on) {
        Ok(d) if d > today => {
            errors.push(Problem::InFuture {
                field,
                date: d,
                today,
            });
            None
        }
        Ok(d) => Some(d),
        Err(_) if input.held_on.trim().is_empty() => {
            errors.push(Problem::Missing { field });
            None
        }
        Err(error) => {
            errors.push(Problem::Date { field, error });
            None
        }
    };
    let attendance = match parse_int(&input.attendance) {
        Ok(n) if n > 0 => n,
        Ok(_) => {
            errors.push(Problem::NotPositive {
                field: Field::Attendance,
            });
            0
        }
        Err(error) => {
            errors.push(Problem::Number {
                field: Field::Attendance,
                error,
            });
            0
        }
    };
    if input.agenda.trim().is_empty() {
        errors.push(Problem::Missing {
            field: Field::Agenda,
        });
    }
    let for_plan_year = match input.for_plan_year.trim() {
        "" => None,
        _ if kind != Kind::TambonBoard => {
            errors.push(Problem::PlanYearOnlyTambonBoard);
            None
        }
        y => match parse_int(y) {
            Ok(n @ 2500..=2700) => Some(n),
            _ => {
                errors.push(Problem::NotBuddhistYear {
                    field: Field::ForPlanYear,
                    typed: y.to_string(),
                });
                None
            }
        },
    };
    // a meeting to make the plan of Y is held while that plan is being made
    if let (Some(d), Some(y)) = (held_on, for_plan_year) {
        let (from, to) = crate::plans::window::of(y, y);
        if d < from || d > to {
            errors.push(Problem::OutsidePlanWindow {
                field,
                date: d,
                from,
                to,
            });
        }
    }
    match held_on {
        Some(held_on) if errors.is_empty() => Ok(Clean {
            held_on,
            attendance,
            for_plan_year,
        }),
        _ => Err(errors),
    }
}

/// Records a meeting of a committee. `today` bounds the date (no future meetings).
pub async fn record(
    db: &Db,
    user: &User,
    committee_id: i64,
    input: &MeetingInput,
    today: Date,
) -> Result<Meeting, AppError> {
    let row: Option<(Kind, String, Option<i64>)> =
        db::query_as("SELECT kind, area_code, lao_id FROM committees WHERE id = $1")
            .bind(committee_id)
            .fetch_optional(db)
            .await?;
    let (kind, area_code, lao_id) =
        row.ok_or_else(|| Problem::not_found(Thing::Committee, committee_id))?;
    let target = Target {
        kind,
        area_code,
        lao_id,
    };
    let (owner, lao_key) = resolve(db, &target).await?;
    authorize(db, user, kind, &owner, lao_key.as_deref(), "record_meeting").await?;
    let m = check(kind, input, today).map_err(AppError::from)?;
    let held_on = m.held_on.to_string();
    let mut tx = db.begin_write().await?;
    let id: i64 = db::query_scalar(
        "INSERT INTO committee_meetings (committee_id, held_on, place, attendance, agenda, minutes, resolutions, \
           for_plan_year, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(committee_id)
    .bind(&held_on)
    .bind(input.place.trim())
    .bind(m.attendance)
    .bind(input.agenda.trim())
    .bind(input.minutes.trim())
    .bind(input.resolutions.trim())
    .bind(m.for_plan_year)
    .bind(now_text())
    .bind(user.id)
    .fetch_one(&mut tx)
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "create",
            entity: "committee_meeting",
            entity_key: id.to_string(),
            area_code: owner.area_code.clone(),
            lao_id: owner.lao_id,
            before: None,
            after: Some(serde_json::json!({
                "committee_id": committee_id, "held_on": held_on, "attendance": m.attendance,
                "agenda": input.agenda.trim(), "for_plan_year": m.for_plan_year,
            })),
            note: format!("การประชุม{} {}", kind.short_th(), owner.label_th),
        },
    )
    .await?;
    tx.commit().await?;
    let meeting = db::query_as::<Meeting>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM committee_meetings WHERE id = $1"
    )))
    .bind(id)
    .fetch_one(db)
    .await?;
    Ok(meeting)
}
