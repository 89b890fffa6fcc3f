//! What a user may do with a project: report its progress (an officer whose area holds the
//! project), and change its description (while the plan that raised it is a draft, its owner's
//! officers).

use super::Project;
use crate::accounts::User;
use crate::db::Db;
use crate::plans::{self, Status};

#[derive(Debug, Clone, Copy, Default, serde::Serialize, utoipa::ToSchema)]
#[schema(as = ProjectRights)]
pub struct Rights {
    pub report_progress: bool,
    pub edit: bool,
}

/// The one rule for reporting progress, which `progress::record` enforces.
pub async fn may_report(db: &Db, user: Option<&User>, project: &Project) -> anyhow::Result<bool> {
    Ok(match user {
        Some(u) => {
            u.active && u.role.can_write() && u.scope.covers_area(db, &project.area_code).await?
        }
        None => false,
    })
}

pub async fn of(db: &Db, user: Option<&User>, project: &Project) -> anyhow::Result<Rights> {
    let edit = match project.origin_plan_id {
        // issue 11: a plan's own project is changed in the plan's table
        Some(_) if super::is_own(db, project.id).await? => false,
        Some(id) => match plans::get(db, id).await? {
            Some(plan) if plan.status == Status::Draft => {
                let owner = plans::owner_of(db, &plan).await?;
                plans::access::may_write(db, user, &owner).await?
            }
            _ => false,
        },
        None => false,
    };
    Ok(Rights {
        report_progress: may_report(db, user, project).await?,
        edit,
    })
}
