//! A district plan's project routed to the line agency whose mission it is, with a budget
//! request (ONEPLAN.md section 4.5).

use super::adopt::plan_and_access;
use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::error::{AppError, Field, Problem};
use crate::plans::PlanKind;
use crate::thai;
use serde::{Deserialize, Serialize};

/// Routes a district plan's project to the line agency whose mission it is, with a budget request.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RouteInput {
    pub project_id: i64,
    pub agency: String,
    pub amount: String,
    pub requested_on: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct AgencyRequest {
    pub project_id: i64,
    pub plan_id: i64,
    pub agency: String,
    pub amount_satang: i64,
    #[sqlx(try_from = "crate::db::IsoDate")]
    pub requested_on: time::Date,
    pub note: String,
    pub created_by: String,
}

pub async fn route_to_agency(
    db: &Db,
    user: &User,
    plan_id: i64,
    input: &RouteInput,
) -> Result<(), AppError> {
    let plan = plan_and_access(db, user, plan_id).await?;
    if plan.kind() != PlanKind::District {
        return Err(Problem::RouteOnlyDistrict.into());
    }
    let agency = input.agency.trim();
    if agency.is_empty() {
        return Err(Problem::Missing {
            field: Field::Agency,
        }
        .into());
    }
    let amount = match thai::parse_baht(&input.amount) {
        Ok(n) if n >= 0 => n,
        Ok(_) => {
            return Err(Problem::Negative {
                field: Field::RequestedAmount,
            }
            .into());
        }
        Err(error) => {
            return Err(Problem::Number {
                field: Field::RequestedAmount,
                error,
            }
            .into());
        }
    };
    let on = match input.requested_on.trim() {
        "" => now_text()[..10].to_string(),
        d => thai::parse_date(d)
            .map_err(|error| Problem::Date {
                field: Field::RequestedOn,
                error,
            })?
            .to_string(),
    };
    let mut tx = db.begin_write().await?;
    if !super::items::holds(&mut tx, plan_id, input.project_id).await? {
        return Err(Problem::NotInDistrictPlan.into());
    }
    db::query(
        "INSERT INTO agency_requests (project_id, plan_id, agency, amount_satang, requested_on, note, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(input.project_id)
    .bind(plan_id)
    .bind(agency)
    .bind(amount)
    .bind(&on)
    .bind(input.note.trim())
    .bind(now_text())
    .bind(&user.username)
    .execute(&mut tx)
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "route",
            entity: "project",
            entity_key: input.project_id.to_string(),
            area_code: plan.area_code.clone(),
            lao_id: None,
            before: None,
            after: Some(
                serde_json::json!({"agency": agency, "amount_satang": amount, "requested_on": on}),
            ),
            note: input.note.trim().to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn agency_requests(db: &Db, project_id: i64) -> anyhow::Result<Vec<AgencyRequest>> {
    Ok(db::query_as::<AgencyRequest>(
        "SELECT project_id, plan_id, agency, amount_satang, requested_on, note, created_by FROM agency_requests \
         WHERE project_id = $1 ORDER BY id",
    )
    .bind(project_id)
    .fetch_all(db)
    .await?)
}
