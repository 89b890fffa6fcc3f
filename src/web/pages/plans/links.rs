//! The plans box of area and LAO pages.

use super::super::format::kind_label;
use crate::plans::{self, Owner};
use crate::thai;
use crate::web::AppState;
use crate::web::session::Visitor;

/// The plans box of an area or LAO page: the owner's plans of one kind, and a form to open one.
pub struct PlanLinks {
    pub kind: &'static str,
    pub kind_label: String,
    pub owner: String,
    pub default_year: i64,
    pub plans: Vec<(String, String, String)>,
    pub can_open: bool,
}

fn links(v: &Visitor, shelf: plans::shelf::Shelf) -> PlanLinks {
    PlanLinks {
        kind: shelf.kind.as_str(),
        kind_label: kind_label(&v.tr, shelf.kind),
        owner: match &shelf.owner {
            Owner::Area(a) => a.code.clone(),
            Owner::Lao(l) => l.id.to_string(),
        },
        default_year: i64::from(thai::fiscal_year_be(thai::fiscal::today_in_thailand())),
        plans: shelf
            .plans
            .into_iter()
            .map(|p| {
                (
                    format!("/plans/{}", p.id),
                    p.title,
                    p.status.th().to_string(),
                )
            })
            .collect(),
        can_open: shelf.may_open,
    }
}

/// The plan boxes for an area page: its own plans (and, for a tambon, its villages' plans).
pub async fn links_for_area(
    s: &AppState,
    v: &Visitor,
    area: &crate::areas::Area,
) -> anyhow::Result<Vec<PlanLinks>> {
    let shelves = plans::shelf::of_area(&s.db, v.user.as_ref(), area).await?;
    Ok(shelves.into_iter().map(|sh| links(v, sh)).collect())
}

pub async fn links_for_lao(
    s: &AppState,
    v: &Visitor,
    lao: &crate::areas::Lao,
) -> anyhow::Result<Vec<PlanLinks>> {
    let shelves = plans::shelf::of_lao(&s.db, v.user.as_ref(), lao).await?;
    Ok(shelves.into_iter().map(|sh| links(v, sh)).collect())
}
