//! The project screen: one project's lineage through every plan, its funding, routing and
//! progress, and what the reader may do with it — for its page and `GET /api/projects/{id}`.

use crate::accounts::User;
use crate::adoption::lineage::{self, Lineage};
use crate::areas::{self, Area};
use crate::db::Db;
use crate::error::AppError;
use crate::projects::input::ProjectInput;
use crate::projects::rights::{self, Rights};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProjectView {
    #[serde(flatten)]
    pub lineage: Lineage,
    /// The project's place, from the province down.
    pub path: Vec<Area>,
    pub rights: Rights,
}

impl ProjectView {
    pub async fn load(db: &Db, user: Option<&User>, id: i64) -> Result<ProjectView, AppError> {
        let lineage = lineage::of(db, id).await?.ok_or_else(AppError::not_found)?;
        Ok(ProjectView {
            path: areas::path(db, &lineage.project.area_code).await?,
            rights: rights::of(db, user, &lineage.project).await?,
            lineage,
        })
    }
}

/// A project's description as its edit form starts: what is stored, as people type it.
pub async fn edit_form(
    db: &Db,
    id: i64,
) -> Result<(crate::projects::Project, ProjectInput), AppError> {
    let p = crate::projects::get(db, id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let rank = match p.origin_plan_id {
        Some(plan) => crate::adoption::rank_of(db, plan, id).await?,
        None => None,
    };
    let villages = crate::projects::villages(db, id).await?;
    let funding = crate::projects::funding(db, id).await?;
    let input = ProjectInput::of(&p, &villages, &funding, rank);
    Ok((p, input))
}
