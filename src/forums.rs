//! Forums (เวทีประชาคม): where people raise their needs. A village forum reviews the village
//! plan using the basic-needs survey (จปฐ.) and village data (กชช.๒ค); the tambon forum held by
//! ศอช.ต./สอช. integrates the villages' plans.

use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::error::{AppError, Field, Problem};
use crate::plans::{self, PlanKind};
use crate::thai;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Forum {
    pub id: i64,
    pub plan_id: i64,
    pub area_code: String,
    #[sqlx(try_from = "crate::db::IsoDate")]
    pub held_on: time::Date,
    pub place: String,
    pub chaired_by: String,
    pub held_by: String,
    pub attendance: i64,
    pub households: Option<i64>,
    #[sqlx(try_from = "crate::db::Flag")]
    pub used_basic_needs: bool,
    #[sqlx(try_from = "crate::db::Flag")]
    pub used_village_data: bool,
    pub other_data: String,
    pub minutes: String,
    /// The agency that recorded the forum: that of the account.
    pub agency: crate::accounts::Agency,
}

const COLUMNS: &str = "id, plan_id, area_code, held_on, place, chaired_by, held_by, attendance, households, \
     used_basic_needs, used_village_data, other_data, minutes, agency";

pub async fn of_plan(db: &Db, plan_id: i64) -> anyhow::Result<Vec<Forum>> {
    Ok(db::query_as::<Forum>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM forums WHERE plan_id = $1 ORDER BY held_on, id"
    )))
    .bind(plan_id)
    .fetch_all(db)
    .await?)
}

pub async fn get(db: &Db, id: i64) -> anyhow::Result<Option<Forum>> {
    Ok(db::query_as::<Forum>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM forums WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(db)
    .await?)
}

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ForumInput {
    /// BE or CE.
    #[schema(required = true)]
    pub held_on: String,
    pub place: String,
    #[schema(required = true)]
    pub chaired_by: String,
    /// For a tambon forum: ศอช.ต., สอช. or both.
    pub held_by: String,
    #[schema(required = true)]
    pub attendance: String,
    pub households: String,
    /// "on"/"1"/"ใช่" when the จปฐ. survey was used.
    pub used_basic_needs: String,
    /// "on"/"1"/"ใช่" when the กชช.๒ค data was used.
    pub used_village_data: String,
    pub other_data: String,
    pub minutes: String,
}

fn flag(s: &str) -> bool {
    matches!(s.trim(), "on" | "1" | "true" | "yes" | "ใช่" | "✓")
}

/// Records a forum of a village or tambon plan (a draft).
pub async fn add(
    db: &Db,
    user: &User,
    plan_id: i64,
    plan_version: i64,
    input: &ForumInput,
) -> Result<Forum, AppError> {
    let plan = plans::get(db, plan_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    // every plan but the draft budget, which takes its projects from the local plan: the
    // forums of an LAO, district or province are the "other forums" of seed 003
    if plan.kind() == PlanKind::Budget {
        return Err(Problem::ForumNotInBudget.into());
    }
    if plan.kind() == PlanKind::Agency {
        return Err(Problem::AgencyListAsImported.into());
    }
    let owner = plans::owner_of(db, &plan).await?;
    plans::access::check_owner_write(db, user, &owner, "forum", &plan_id.to_string()).await?;
    let mut errors = Vec::new();
    let held_on = match thai::parse_date(&input.held_on) {
        Ok(d) => match plans::window::check(&plan, Field::HeldOn, d) {
            Ok(()) => d.to_string(),
            Err(p) => {
                errors.push(p);
                String::new()
            }
        },
        Err(_) if input.held_on.trim().is_empty() => {
            errors.push(Problem::Missing {
                field: Field::HeldOn,
            });
            String::new()
        }
        Err(error) => {
            errors.push(Problem::Date {
                field: Field::HeldOn,
                error,
            });
            String::new()
        }
    };
    let chaired_by = input.chaired_by.trim().to_string();
    if chaired_by.is_empty() {
        errors.push(Problem::Missing {
            field: Field::ChairedBy,
        });
    }
    let attendance = match thai::parse_int(&input.attendance) {
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
    let households = match input.households.trim() {
        "" => None,
        h => match thai::parse_int(h) {
            Ok(n) if n >= 0 => Some(n),
            _ => {
                errors.push(Problem::NotValid {
                    field: Field::Households,
                    typed: h.to_string(),
                });
                None
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let mut tx = db.begin_write().await?;
    plans::claim(&mut tx, plan_id, plan_version).await?;
    let id: i64 = db::query_scalar(
        "INSERT INTO forums (plan_id, area_code, held_on, place, chaired_by, held_by, attendance, households, \
           used_basic_needs, used_village_data, other_data, minutes, created_at, agency) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id",
    )
    .bind(plan_id)
    .bind(&plan.area_code)
    .bind(&held_on)
    .bind(input.place.trim())
    .bind(&chaired_by)
    .bind(input.held_by.trim())
    .bind(attendance)
    .bind(households)
    .bind(flag(&input.used_basic_needs) as i64)
    .bind(flag(&input.used_village_data) as i64)
    .bind(input.other_data.trim())
    .bind(input.minutes.trim())
    .bind(now_text())
    .bind(user.agency.as_str())
    .fetch_one(&mut tx)
    .await?;
    crate::text_index::refresh(&mut tx, crate::text_index::Kind::Forum, id).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "create",
            entity: "forum",
            entity_key: id.to_string(),
            area_code: plan.area_code.clone(),
            lao_id: None,
            before: None,
            after: Some(serde_json::json!({
                "plan": plan_id, "held_on": held_on, "chaired_by": chaired_by, "attendance": attendance,
                "used_basic_needs": flag(&input.used_basic_needs), "used_village_data": flag(&input.used_village_data),
                "agency": user.agency,
            })),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(get(db, id).await?.ok_or_else(AppError::not_found)?)
}
