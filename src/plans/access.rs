//! Who may change a plan: an officer or administrator whose area holds the plan's owner.
//! Reopening an approved plan is for the level above only.

use super::Owner;
use crate::accounts::{self, Role, ScopeLevel, User};
use crate::db::Db;
use crate::error::{AppError, Problem};
use crate::i18n::Lang;

/// Refuses, and records the refusal, unless the user may write the owner's plans.
pub async fn check_owner_write(
    db: &Db,
    user: &User,
    owner: &Owner,
    entity: &str,
    key: &str,
) -> Result<(), AppError> {
    let problem = if !user.active || !user.role.can_write() {
        Some(Problem::ReadOnly {
            role_th: user.role.th(),
        })
    } else if !user.scope.covers_scope(db, &owner.scope()).await? {
        Some(Problem::OutsideArea {
            name: owner.name_th(),
        })
    } else {
        None
    };
    match problem {
        None => Ok(()),
        Some(p) => {
            accounts::record_denied(db, user, entity, key, "write", &p.message(Lang::Th)).await?;
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
