//! draft → submitted → approved. The owner submits (and may withdraw a submission), the level
//! above the owner approves (never the owner itself), and an approved plan is locked: only a user at the level above can
//! reopen it, with a reason. Every step is an event of the plan and an audit entry.

use super::{Plan, PlanKind, Status, access, get, get_in, owner_of};
use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, Param, now_text};
use crate::error::{AppError, Field, Problem};
use crate::i18n::Lang;

/// Content may change only while the plan is a draft, and never in an agency's list, which
/// holds what the agency's file said.
pub fn ensure_editable(plan: &Plan) -> Result<(), AppError> {
    if plan.kind == PlanKind::Agency {
        return Err(Problem::AgencyListAsImported.into());
    }
    match plan.status() {
        Status::Draft => Ok(()),
        status => Err(Problem::PlanNotDraft {
            submitted: status == Status::Submitted,
        }
        .into()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Submit,
    Withdraw,
    Approve,
    Reopen,
}

impl Step {
    pub fn parse(s: &str) -> Option<Step> {
        match s {
            "submit" => Some(Step::Submit),
            "withdraw" => Some(Step::Withdraw),
            "approve" => Some(Step::Approve),
            "reopen" => Some(Step::Reopen),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Step::Submit => "submit",
            Step::Withdraw => "withdraw",
            Step::Approve => "approve",
            Step::Reopen => "reopen",
        }
    }

    fn moves(self) -> (Status, Status) {
        match self {
            Step::Submit => (Status::Draft, Status::Submitted),
            Step::Withdraw => (Status::Submitted, Status::Draft),
            Step::Approve => (Status::Submitted, Status::Approved),
            Step::Reopen => (Status::Approved, Status::Draft),
        }
    }
}

/// Moves a plan one step, if the user may and nobody changed it since `expected_version`.
pub async fn step(
    db: &Db,
    user: &User,
    plan_id: i64,
    expected_version: i64,
    step: Step,
    reason: &str,
) -> Result<Plan, AppError> {
    let plan = get(db, plan_id).await?.ok_or_else(AppError::not_found)?;
    if plan.kind == PlanKind::Agency {
        return Err(Problem::AgencyListAsImported.into());
    }
    let owner = owner_of(db, &plan).await?;
    let key = plan.id.to_string();
    if matches!(step, Step::Approve | Step::Reopen) && !access::is_above(db, user, &owner).await? {
        let (p, action) = match step {
            Step::Approve => (access::approver_problem(plan.kind()), "approve"),
            _ => (Problem::OnlyLevelAbove, "reopen"),
        };
        let target = Some((owner.area_code(), owner.lao_id()));
        let message = p.message(Lang::Th);
        crate::accounts::record_denied_at(db, user, "plan", &key, action, &message, target).await?;
        return Err(p.into());
    }
    match step {
        Step::Approve => {}
        Step::Reopen if reason.trim().chars().count() < 5 => {
            return Err(Problem::Missing {
                field: Field::Reason,
            }
            .into());
        }
        Step::Reopen => {}
        _ => access::check_owner_write(db, user, &owner, "plan", &key).await?,
    }
    if step == Step::Submit {
        check_ready(db, &plan).await?;
    }
    let (from, to) = step.moves();
    let mut tx = db.begin_write().await?;
    let before = get_in(&mut tx, plan_id).await?;
    if before.version != expected_version {
        return Err(super::stale(&before, expected_version));
    }
    if before.status() != from {
        return Err(Problem::StepNotFrom {
            status: before.status().into(),
        }
        .into());
    }
    let now = now_text();
    db::update_versioned(
        &mut tx,
        "plans",
        plan_id,
        expected_version,
        "status = $1, updated_at = $2",
        vec![to.as_str().value(), now.clone().value()],
    )
    .await?;
    db::query(
        "INSERT INTO plan_events (plan_id, at, username, action, from_status, to_status, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(plan_id)
    .bind(&now)
    .bind(&user.username)
    .bind(step.as_str())
    .bind(from.as_str())
    .bind(to.as_str())
    .bind(reason.trim())
    .execute(&mut tx)
    .await?;
    let after = get_in(&mut tx, plan_id).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: step.as_str(),
            entity: "plan",
            entity_key: key,
            area_code: after.area_code.clone(),
            lao_id: after.lao_id,
            before: Some(serde_json::json!({"status": from.as_str()})),
            after: Some(serde_json::json!({"status": to.as_str()})),
            note: reason.trim().to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// A plan goes up only with projects in it, and a village plan only with its forum recorded.
async fn check_ready(db: &Db, plan: &Plan) -> Result<(), AppError> {
    let items: i64 = db::query_scalar("SELECT COUNT(*) FROM plan_items WHERE plan_id = $1")
        .bind(plan.id)
        .fetch_one(db)
        .await?;
    if items == 0 {
        return Err(Problem::NoProjectsYet.into());
    }
    if plan.kind() == PlanKind::Village {
        let forums: i64 = db::query_scalar("SELECT COUNT(*) FROM forums WHERE plan_id = $1")
            .bind(plan.id)
            .fetch_one(db)
            .await?;
        if forums == 0 {
            return Err(Problem::NoForumYet.into());
        }
    }
    Ok(())
}
