//! Who may change a plan: an officer or administrator whose area holds the plan's owner; an
//! LAO reads the village plans of its coverage but changes only its own. Approving a plan and
//! reopening an approved one are for the level above the owner only, never the owner.

use super::{Owner, Plan, PlanKind, Status};
use crate::accounts::{self, Role, ScopeLevel, User};
use crate::db::Db;
use crate::error::{AppError, Problem};
use crate::i18n::Lang;

/// Whether the user may write the owner's plans, and the owner's other records (its forums,
/// reports, designations): an officer or administrator whose area holds the owner. An LAO
/// account writes only its LAO's records: the villages' plans are the villages' own.
pub async fn may_write(db: &Db, user: Option<&User>, owner: &Owner) -> anyhow::Result<bool> {
    Ok(match user {
        Some(u) => {
            u.active
                && u.role.can_write()
                && !lao_over_village(u, owner)
                && u.scope.covers_scope(db, &owner.scope()).await?
        }
        None => false,
    })
}

/// An LAO account facing an area's records (a village's plan in its coverage).
fn lao_over_village(user: &User, owner: &Owner) -> bool {
    user.scope.level == ScopeLevel::Lao && matches!(owner, Owner::Area(_))
}

/// Who approves a plan of a kind: the level above its owner.
pub fn approver_problem(kind: PlanKind) -> Problem {
    Problem::ApproveFromAbove {
        plan_th: kind.th(),
        approver_th: match kind {
            PlanKind::Village => "ระดับตำบลขึ้นไป",
            PlanKind::Tambon | PlanKind::Local | PlanKind::Budget => "ระดับอำเภอขึ้นไป",
            PlanKind::District => "ระดับจังหวัดขึ้นไป",
            PlanKind::Province | PlanKind::ProvinceAction => "ส่วนกลาง",
            PlanKind::Agency => "ระดับที่เหนือพื้นที่ของแผน",
        },
    }
}

/// The district's model tambon plan is chosen by its CD office (พช.อ.), which leads the
/// tambon plans (seed 000, item 8).
pub const CHOOSES_MODEL_PLAN: crate::accounts::Agency = crate::accounts::Agency::CddDistrict;

/// What a user may do with one plan, computed once for its page and the API.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, utoipa::ToSchema)]
pub struct PlanRights {
    /// Change the plan's records (its owner's officers).
    pub write: bool,
    /// Change its content now: it is a draft and the user may write.
    pub editable: bool,
    /// Approve it when submitted: the level above, never the owner.
    pub approve: bool,
    /// Reopen it when approved: the level above.
    pub reopen: bool,
    /// For a tambon plan: choose it as the district's model plan.
    pub mark_model: bool,
}

pub async fn rights(
    db: &Db,
    user: Option<&User>,
    plan: &Plan,
    owner: &Owner,
) -> anyhow::Result<PlanRights> {
    let write = may_write(db, user, owner).await?;
    let above = match user {
        Some(u) => is_above(db, u, owner).await?,
        None => false,
    };
    let reopen = above && plan.status == Status::Approved;
    let mark_model = match (owner, plan.kind) {
        (Owner::Area(a), PlanKind::Tambon)
            if user.is_some_and(|u| u.agency == CHOOSES_MODEL_PLAN) =>
        {
            match crate::areas::get(db, &a.code[..4]).await? {
                Some(d) => may_write(db, user, &Owner::Area(d)).await?,
                None => false,
            }
        }
        _ => false,
    };
    Ok(PlanRights {
        write,
        editable: write && plan.status == Status::Draft && plan.kind != PlanKind::Agency,
        approve: above && plan.status == Status::Submitted,
        reopen,
        mark_model,
    })
}

/// Refuses, and records the refusal, unless the user may write the owner's plans.
pub async fn check_owner_write(
    db: &Db,
    user: &User,
    owner: &Owner,
    entity: &str,
    key: &str,
) -> Result<(), AppError> {
    let problem = if may_write(db, Some(user), owner).await? {
        None
    } else if !user.active || !user.role.can_write() {
        Some(Problem::ReadOnly {
            role_th: user.role.th(),
        })
    } else if lao_over_village(user, owner) && user.scope.covers_scope(db, &owner.scope()).await? {
        Some(Problem::LaoReadsVillagePlans)
    } else {
        Some(Problem::OutsideArea {
            name: owner.name_th(),
        })
    };
    match problem {
        None => Ok(()),
        Some(p) => {
            let target = (owner.area_code(), owner.lao_id());
            accounts::record_denied_at(
                db,
                user,
                entity,
                key,
                "write",
                &p.message(Lang::Th),
                Some(target),
            )
            .await?;
            Err(p.into())
        }
    }
}

fn rank(level: ScopeLevel) -> Option<u8> {
    match level {
        ScopeLevel::National => Some(0),
        ScopeLevel::Province => Some(1),
        ScopeLevel::District => Some(2),
        ScopeLevel::Tambon => Some(3),
        ScopeLevel::Village => Some(4),
        ScopeLevel::Lao => None,
    }
}

/// Whether the user works at a level above the owner and holds it: a tambon officer over a
/// village plan, a district officer over a tambon or LAO plan, and so on. An LAO account is
/// never above anyone.
pub async fn is_above(db: &Db, user: &User, owner: &Owner) -> anyhow::Result<bool> {
    let owner_scope = owner.scope();
    let Some(mine) = rank(user.scope.level) else {
        return Ok(false);
    };
    let theirs = match owner_scope.level {
        // an LAO answers to the district it lies in
        ScopeLevel::Lao => 3,
        level => rank(level).unwrap_or(0),
    };
    Ok(user.active
        && matches!(user.role, Role::Admin | Role::Officer)
        && mine < theirs
        && user.scope.covers_scope(db, &owner_scope).await?)
}
