//! The plans an area or LAO page lists: the owner's plans of each kind it owns (a tambon's page
//! also lists its villages' plans), and whether the reader may open a new one.

use super::{Owner, Plan, PlanKind, access, list_under, of_owner};
use crate::accounts::User;
use crate::areas::{Area, Lao};
use crate::db::Db;

/// The plans of one kind an owner's page lists.
pub struct Shelf {
    pub kind: PlanKind,
    pub owner: Owner,
    /// Newest year first.
    pub plans: Vec<Plan>,
    /// The reader may open (create) this owner's plan of a year.
    pub may_open: bool,
}

async fn shelf(
    db: &Db,
    user: Option<&User>,
    kind: PlanKind,
    owner: &Owner,
    rows: &[Plan],
) -> anyhow::Result<Shelf> {
    Ok(Shelf {
        kind,
        owner: owner.clone(),
        plans: rows.iter().filter(|p| p.kind == kind).cloned().collect(),
        may_open: access::may_write(db, user, owner).await?,
    })
}

/// An area's own plans, and for a tambon its villages' plans (opened from each village's page).
pub async fn of_area(db: &Db, user: Option<&User>, area: &Area) -> anyhow::Result<Vec<Shelf>> {
    let kind = PlanKind::of_level(area.level);
    let owner = Owner::Area(area.clone());
    let own = of_owner(db, &owner.key()).await?;
    let mut out = vec![shelf(db, user, kind, &owner, &own).await?];
    // the other kinds the level owns (a province's annual action plan)
    for other in PlanKind::ALL {
        if other != kind && other.owner_level() == Some(area.level) {
            out.push(shelf(db, user, other, &owner, &own).await?);
        }
    }
    if kind == PlanKind::Tambon {
        let rows = list_under(db, &area.code, None).await?;
        let mut villages = shelf(db, user, PlanKind::Village, &owner, &rows).await?;
        villages.may_open = false;
        if !villages.plans.is_empty() {
            out.push(villages);
        }
    }
    Ok(out)
}

/// An LAO's local development plans and draft budgets.
pub async fn of_lao(db: &Db, user: Option<&User>, lao: &Lao) -> anyhow::Result<Vec<Shelf>> {
    let owner = Owner::Lao(lao.clone());
    let rows = of_owner(db, &owner.key()).await?;
    Ok(vec![
        shelf(db, user, PlanKind::Local, &owner, &rows).await?,
        shelf(db, user, PlanKind::Budget, &owner, &rows).await?,
    ])
}
