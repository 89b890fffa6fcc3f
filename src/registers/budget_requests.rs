//! Requests for an LAO's budget support (seed 000, register form 3: "โครงการที่ขอรับสนับสนุน
//! งบประมาณกับ อปท."): from a tambon plan, for one of its projects, to an LAO that covers the
//! tambon — when, how much, and later the LAO's answer. A request counts on form 3 whether or
//! not the LAO adopts the project.

use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, Value, now_text};
use crate::error::{AppError, ChainProblem, Field, Problem, Thing};
use crate::plans::{Owner, PlanKind};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Pending,
    Granted,
    Refused,
}

impl Answer {
    pub const ALL: [Answer; 3] = [Answer::Pending, Answer::Granted, Answer::Refused];

    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Pending => "pending",
            Answer::Granted => "granted",
            Answer::Refused => "refused",
        }
    }

    pub fn th(self) -> &'static str {
        match self {
            Answer::Pending => "รอคำตอบ",
            Answer::Granted => "สนับสนุน",
            Answer::Refused => "ไม่สนับสนุน",
        }
    }
}

crate::text_enum!(Answer);

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct BudgetRequest {
    pub id: i64,
    pub plan_id: i64,
    pub project_id: i64,
    pub title: String,
    pub lao_id: i64,
    pub lao_name: String,
    #[sqlx(try_from = "crate::db::IsoDate")]
    pub requested_on: time::Date,
    pub amount_satang: i64,
    pub answer: Answer,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    pub answered_on: Option<time::Date>,
    pub note: String,
    pub version: i64,
}

/// What is typed to record a request.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct RequestInput {
    pub project_id: i64,
    pub lao_id: i64,
    /// BE or CE, Thai or Arabic digits.
    pub requested_on: String,
    /// Baht.
    pub amount: String,
    pub note: String,
}

const SELECT: &str = "SELECT r.id, r.plan_id, r.project_id, p.title, r.lao_id, l.full_name_th AS lao_name, r.requested_on, \
     r.amount_satang, r.answer, r.answered_on, r.note, r.version \
     FROM lao_budget_requests r JOIN projects p ON p.id = r.project_id JOIN laos l ON l.id = r.lao_id";

/// The requests made from a tambon plan.
pub async fn of_plan(db: &Db, plan_id: i64) -> anyhow::Result<Vec<BudgetRequest>> {
    Ok(db::query_as::<BudgetRequest>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE r.plan_id = $1 ORDER BY r.requested_on, r.id"
    )))
    .bind(plan_id)
    .fetch_all(db)
    .await?)
}

/// The requests made to an LAO.
pub async fn to_lao(db: &Db, lao_id: i64) -> anyhow::Result<Vec<BudgetRequest>> {
    Ok(db::query_as::<BudgetRequest>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE r.lao_id = $1 ORDER BY r.requested_on DESC, r.id"
    )))
    .bind(lao_id)
    .fetch_all(db)
    .await?)
}

async fn get(db: &Db, id: i64) -> anyhow::Result<Option<BudgetRequest>> {
    Ok(
        db::query_as::<BudgetRequest>(sqlx::AssertSqlSafe(format!("{SELECT} WHERE r.id = $1")))
            .bind(id)
            .fetch_optional(db)
            .await?,
    )
}

/// Records a request from a tambon plan; its keepers (the tambon's and district's officers) do.
pub async fn record(
    db: &Db,
    user: &User,
    plan_id: i64,
    input: &RequestInput,
) -> Result<BudgetRequest, AppError> {
    let plan = crate::plans::get(db, plan_id)
        .await?
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::Plan, plan_id)))?;
    if plan.kind() != PlanKind::Tambon {
        return Err(Problem::Chain(ChainProblem::RequestOnlyFromTambonPlan).into());
    }
    let owner = crate::plans::owner_of(db, &plan).await?;
    crate::plans::access::check_owner_write(db, user, &owner, "budget_request", &plan.area_code)
        .await?;
    let in_plan: i64 =
        db::query_scalar("SELECT COUNT(*) FROM plan_items WHERE plan_id = $1 AND project_id = $2")
            .bind(plan_id)
            .bind(input.project_id)
            .fetch_one(db)
            .await?;
    if in_plan == 0 {
        return Err(Problem::not_found(Thing::PlanItem, input.project_id).into());
    }
    let lao = crate::areas::lao(db, input.lao_id)
        .await?
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::Lao, input.lao_id)))?;
    let tambon = match &owner {
        Owner::Area(a) => a.clone(),
        Owner::Lao(_) => return Err(Problem::Chain(ChainProblem::RequestOnlyFromTambonPlan).into()),
    };
    if !crate::areas::covering(db, &tambon.code)
        .await?
        .iter()
        .any(|c| c.lao_id == lao.id)
    {
        return Err(Problem::Chain(ChainProblem::LaoNotCovering {
            lao: lao.full_name_th.clone(),
            tambon: tambon.label_th(),
        })
        .into());
    }
    let mut problems = Vec::new();
    let on = crate::thai::parse_date(&input.requested_on)
        .map_err(|error| {
            problems.push(Problem::Date {
                field: Field::RequestedOn,
                error,
            })
        })
        .ok();
    let amount = crate::thai::parse_baht(&input.amount)
        .map_err(|error| {
            problems.push(Problem::Number {
                field: Field::Amount,
                error,
            })
        })
        .ok();
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let (on, amount) = (on.expect("checked"), amount.expect("checked"));
    let mut tx = db.begin_write().await?;
    let exists: Option<i64> = db::query_scalar(
        "SELECT id FROM lao_budget_requests WHERE plan_id = $1 AND project_id = $2 AND lao_id = $3",
    )
    .bind(plan_id)
    .bind(input.project_id)
    .bind(lao.id)
    .fetch_optional(&mut tx)
    .await?;
    if exists.is_some() {
        return Err(Problem::Chain(ChainProblem::RequestExists {
            lao: lao.full_name_th.clone(),
        })
        .into());
    }
    let id: i64 = db::query_scalar(
        "INSERT INTO lao_budget_requests (plan_id, project_id, lao_id, requested_on, amount_satang, note, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(plan_id)
    .bind(input.project_id)
    .bind(lao.id)
    .bind(on.to_string())
    .bind(amount)
    .bind(input.note.trim())
    .bind(now_text())
    .bind(&user.username)
    .fetch_one(&mut tx)
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "create",
            entity: "budget_request",
            entity_key: id.to_string(),
            area_code: plan.area_code.clone(),
            lao_id: Some(lao.id),
            before: None,
            after: Some(serde_json::json!({"project_id": input.project_id, "requested_on": on, "amount_satang": amount})),
            note: format!("ขอรับการสนับสนุนงบประมาณจาก{}", lao.full_name_th),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(get(db, id).await?.expect("just written"))
}

/// The LAO's answer to a request, by its officers (or those above it); versioned.
pub async fn answer(
    db: &Db,
    user: &User,
    id: i64,
    version: i64,
    answer: Answer,
    answered_on: &str,
) -> Result<BudgetRequest, AppError> {
    let r = get(db, id)
        .await?
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::Record, id)))?;
    let lao = crate::areas::lao(db, r.lao_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("request {id} of an unknown LAO"))?;
    let owner = Owner::Lao(lao);
    crate::plans::access::check_owner_write(db, user, &owner, "budget_request", &owner.key())
        .await?;
    let on = if answer == Answer::Pending {
        None
    } else {
        Some(
            crate::thai::parse_date(answered_on).map_err(|error| Problem::Date {
                field: Field::AnsweredOn,
                error,
            })?,
        )
    };
    let mut tx = db.begin_write().await?;
    db::update_versioned(
        &mut tx,
        "lao_budget_requests",
        id,
        version,
        "answer = $1, answered_on = $2",
        vec![
            Value::Text(Some(answer.as_str().to_string())),
            Value::Text(on.map(|d| d.to_string())),
        ],
    )
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "update",
            entity: "budget_request",
            entity_key: id.to_string(),
            area_code: owner.area_code(),
            lao_id: Some(r.lao_id),
            before: Some(serde_json::json!({"answer": r.answer.as_str()})),
            after: Some(serde_json::json!({"answer": answer.as_str(), "answered_on": on})),
            note: answer.th().to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(get(db, id).await?.expect("just written"))
}

/// Whether the user may record requests from the plan: its keepers.
pub async fn may_request(
    db: &Db,
    user: Option<&User>,
    plan: &crate::plans::Plan,
) -> anyhow::Result<bool> {
    if plan.kind() != PlanKind::Tambon {
        return Ok(false);
    }
    let owner = crate::plans::owner_of(db, plan).await?;
    crate::plans::access::may_write(db, user, &owner).await
}

/// Whether the user may answer for the LAO: its officers, or those above it.
pub async fn may_answer(db: &Db, user: Option<&User>, lao_id: i64) -> anyhow::Result<bool> {
    Ok(match crate::areas::lao(db, lao_id).await? {
        Some(lao) => crate::plans::access::may_write(db, user, &Owner::Lao(lao)).await?,
        None => false,
    })
}
