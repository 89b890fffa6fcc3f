//! The province plan's other sources (seed 003): besides its districts' plans, the projects of
//! the province's village, tambon and local plans, one kind at a time, to adopt into the
//! province plan. The rule of what may be adopted is `adoption::adopt`'s.

use super::areas::{Crumb, crumbs};
use super::format::{baht, dimension_label, kind_label};
use crate::adoption::adopt;
use crate::error::AppResult;
use crate::plans::PlanKind;
use crate::web::AppState;
use crate::web::page::{Page, not_found, render};
use crate::web::session::Visitor;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// How many candidates the page lists at once.
const SHOWN: i64 = 300;

pub struct Row {
    project_id: i64,
    title: String,
    area: String,
    dimension: String,
    source: String,
    amount: String,
}

#[derive(Template)]
#[template(path = "province_sources.html")]
pub struct SourcesPage {
    p: Page,
    crumbs: Vec<Crumb>,
    plan_id: i64,
    plan_title: String,
    plan_version: i64,
    multi_year: bool,
    kinds: Vec<(&'static str, String, bool)>,
    rows: Vec<Row>,
    total: i64,
    shown: i64,
    can_adopt: bool,
}

#[derive(Deserialize)]
pub struct From {
    from: Option<String>,
}

pub async fn page(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
    Query(q): Query<From>,
) -> AppResult<Response> {
    let plan = crate::plans::get(&s.db, id).await?.ok_or_else(not_found)?;
    if !matches!(plan.kind(), PlanKind::Province | PlanKind::ProvinceAction) {
        return Err(not_found());
    }
    let kind = match q.from.as_deref().unwrap_or("tambon") {
        "village" => PlanKind::Village,
        "tambon" => PlanKind::Tambon,
        "local" => PlanKind::Local,
        "district" => PlanKind::District,
        "province" if plan.kind() == PlanKind::ProvinceAction => PlanKind::Province,
        _ => return Err(not_found()),
    };
    let (list, total) = adopt::candidates_from(&s.db, &plan, kind, SHOWN).await?;
    let owner = crate::plans::owner_of(&s.db, &plan).await?;
    let rights = crate::plans::access::rights(&s.db, v.user.as_ref(), &plan, &owner).await?;
    let path = crate::areas::path(&s.db, &plan.area_code).await?;
    let mut codes: Vec<String> = list.iter().map(|c| c.area_code.clone()).collect();
    codes.sort();
    codes.dedup();
    let names: std::collections::HashMap<String, String> = crate::areas::many(&s.db, &codes)
        .await?
        .into_iter()
        .map(|a| (a.code.clone(), a.label_th()))
        .collect();
    let page = SourcesPage {
        p: Page::new(&v, &plan.title, &format!("/plans/{id}/sources")),
        crumbs: crumbs(&v.tr, &path),
        plan_id: id,
        plan_title: plan.title.clone(),
        plan_version: plan.version,
        multi_year: plan.first_year != plan.last_year,
        kinds: [
            PlanKind::Village,
            PlanKind::Tambon,
            PlanKind::Local,
            PlanKind::District,
            PlanKind::Province,
        ]
        .into_iter()
        .filter(|k| *k != PlanKind::Province || plan.kind() == PlanKind::ProvinceAction)
        .map(|k| (k.as_str(), kind_label(&v.tr, k), k == kind))
        .collect(),
        rows: list
            .iter()
            .map(|c| Row {
                project_id: c.project_id,
                title: c.title.clone(),
                area: names
                    .get(&c.area_code)
                    .cloned()
                    .unwrap_or_else(|| c.area_code.clone()),
                dimension: dimension_label(&v.tr, c.dimension),
                source: format!("{} {}", kind_label(&v.tr, c.source_kind), c.source_year),
                amount: baht(c.source_amount_satang),
            })
            .collect(),
        shown: SHOWN.min(total),
        total,
        can_adopt: rights.editable,
    };
    Ok(render(&page)?.into_response())
}
