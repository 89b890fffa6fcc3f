//! The area drill-down: country → province → district → tambon → village, and LAO pages.

use crate::areas::{self, Area, Level};
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::web::AppState;
use crate::web::page::{Page, not_found, render};
use crate::web::session::Visitor;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

pub struct Crumb {
    pub href: String,
    pub label: String,
}

pub struct Row {
    pub href: String,
    pub code: String,
    pub label: String,
    pub units: i64,
}

pub struct LaoRow {
    pub href: String,
    pub label: String,
    pub kind: String,
    pub extent: String,
    pub code: String,
}

#[derive(Template)]
#[template(path = "area.html")]
pub struct AreaPage {
    p: Page,
    crumbs: Vec<Crumb>,
    heading: String,
    level_label: String,
    code: String,
    postal_codes: String,
    counts: Option<areas::Counts>,
    child_level: String,
    children: Vec<Row>,
    is_tambon: bool,
    is_village: bool,
    covering: Vec<LaoRow>,
    laos_here: Vec<LaoRow>,
    plan_links: Vec<super::plans::PlanLinks>,
    /// Districts: the model tambon plan chosen for each year.
    model_plans: Option<Vec<ModelRow>>,
}

pub struct ModelRow {
    pub year: i64,
    pub title: String,
    pub href: String,
    pub docx: String,
    pub chosen_by: String,
}

pub(super) fn level_label(t: &Tr, level: &Level) -> String {
    t.s(&format!("level.{}", level.as_str())).to_string()
}

pub(super) fn area_label(t: &Tr, a: &Area) -> String {
    if t.en() { a.label_en() } else { a.label_th() }
}

pub fn crumbs(t: &Tr, path: &[Area]) -> Vec<Crumb> {
    let mut out = vec![Crumb {
        href: "/".into(),
        label: t.s("country").into(),
    }];
    out.extend(path.iter().map(|a| Crumb {
        href: format!("/areas/{}", a.code),
        label: area_label(t, a),
    }));
    out
}

pub(super) fn lao_row(
    t: &Tr,
    id: i64,
    name_th: &str,
    name_en: &str,
    kind: &areas::LaoKind,
    extent: Option<&areas::Extent>,
    code: &str,
) -> LaoRow {
    LaoRow {
        href: format!("/laos/{id}"),
        label: t.pick(name_th, name_en).to_string(),
        kind: if t.en() {
            kind.as_str().to_string()
        } else {
            kind.th().to_string()
        },
        extent: match extent {
            None => String::new(),
            Some(e) => t.s(&format!("extent.{}", e.as_str())).to_string(),
        },
        code: code.to_string(),
    }
}

pub async fn country(State(s): State<AppState>, v: Visitor) -> AppResult<Response> {
    let t = v.tr;
    let children = areas::children(&s.db, None).await?;
    let page = AreaPage {
        p: Page::new(&v, t.s("country"), "/"),
        crumbs: vec![],
        heading: t.s("country").into(),
        level_label: String::new(),
        code: String::new(),
        postal_codes: String::new(),
        counts: Some(areas::counts(&s.db).await?),
        child_level: level_label(&t, &Level::Province),
        children: children
            .into_iter()
            .map(|c| Row {
                href: format!("/areas/{}", c.code),
                label: t.pick(&c.name_th, &c.name_en).into(),
                code: c.code,
                units: c.children,
            })
            .collect(),
        is_tambon: false,
        is_village: false,
        covering: vec![],
        laos_here: vec![],
        plan_links: vec![],
        model_plans: None,
    };
    render(&page)
}

pub async fn area(
    State(s): State<AppState>,
    v: Visitor,
    Path(code): Path<String>,
) -> AppResult<Response> {
    let t = v.tr;
    let code = crate::thai::to_arabic_digits(&code);
    let area = areas::get(&s.db, &code).await?.ok_or_else(not_found)?;
    let level = area.level;
    let path = areas::path(&s.db, &code).await?;
    let children = areas::children(&s.db, Some(&code)).await?;
    let covering_code = match level {
        Level::Village | Level::Community => &code[..6],
        _ => code.as_str(),
    };
    let covering = match level {
        Level::Tambon | Level::Village | Level::Community | Level::Province => {
            areas::covering(&s.db, covering_code).await?
        }
        Level::District => vec![],
    };
    let laos_here = match level {
        Level::District => areas::laos_in(&s.db, &code).await?,
        _ => vec![],
    };
    let child_level = match level {
        Level::Province => Level::District,
        Level::District => Level::Tambon,
        _ => Level::Village,
    };
    let heading = match level {
        Level::Village | Level::Community => area_label(&t, &area),
        _ => format!(
            "{}{}",
            if t.en() { "" } else { level.th() },
            t.pick(&area.name_th, &area.name_en)
        )
        .replace("อำเภอเขต", "เขต"),
    };
    let plan_links = super::plans::links_for_area(&s, &v, &area).await?;
    let model_plans = match level {
        Level::District => Some(
            crate::books::model_plan::of_district(&s.db, &code)
                .await?
                .into_iter()
                .map(|m| ModelRow {
                    year: m.fiscal_year,
                    href: format!("/plans/{}", m.plan_id),
                    docx: format!("/plans/{}/book.docx", m.plan_id),
                    title: m.plan_title,
                    chosen_by: m.chosen_by_name,
                })
                .collect(),
        ),
        _ => None,
    };
    let page = AreaPage {
        plan_links,
        model_plans,
        p: Page::new(&v, &heading, &format!("/areas/{code}")),
        crumbs: crumbs(&t, &path[..path.len().saturating_sub(1)]),
        heading,
        level_label: level_label(&t, &level),
        code: code.clone(),
        postal_codes: area.postal_codes.clone(),
        counts: None,
        child_level: match children.iter().any(|c| c.level == Level::Community) {
            true => t.s("level.units").to_string(),
            false => level_label(&t, &child_level),
        },
        children: children
            .into_iter()
            .map(|c| Row {
                href: format!("/areas/{}", c.code),
                label: match (c.moo, c.name_th.is_empty()) {
                    _ if c.level == Level::Community && !c.name_th.starts_with("ชุมชน") =>
                    {
                        format!("ชุมชน{}", c.name_th)
                    }
                    (Some(moo), true) => format!("{} {moo}", t.s("col.moo")),
                    _ => t.pick(&c.name_th, &c.name_en).to_string(),
                },
                code: c.moo.map(|m| m.to_string()).unwrap_or(c.code),
                units: c.children,
            })
            .collect(),
        is_tambon: level == Level::Tambon,
        is_village: level.is_unit(),
        covering: covering
            .iter()
            .map(|c| {
                lao_row(
                    &t,
                    c.lao_id,
                    &c.full_name_th,
                    &c.name_en,
                    &c.kind,
                    Some(&c.extent),
                    &c.area_code,
                )
            })
            .collect(),
        laos_here: laos_here
            .iter()
            .map(|l| {
                lao_row(
                    &t,
                    l.id,
                    &l.full_name_th,
                    &l.name_en,
                    &l.kind,
                    None,
                    l.dla_code.as_deref().unwrap_or(""),
                )
            })
            .collect(),
    };
    render(&page)
}

#[derive(Template)]
#[template(path = "lao.html")]
pub struct LaoPage {
    p: Page,
    id: i64,
    crumbs: Vec<Crumb>,
    heading: String,
    kind: String,
    dla_code: String,
    coverage: Vec<LaoRow>,
    plan_links: Vec<super::plans::PlanLinks>,
    /// issue 11: shared tambons not yet split (code, name), which its figures leave out.
    unsplit: Vec<(String, String)>,
    /// issue 11: its local plans with what they adopted and what the LAO raised itself.
    local_plans: Vec<LocalPlanRow>,
}

pub struct LocalPlanRow {
    href: String,
    title: String,
    adopted_count: i64,
    adopted: String,
    own_count: i64,
    own: String,
    total: String,
}

pub async fn lao(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let t = v.tr;
    let lao = areas::lao(&s.db, id).await?.ok_or_else(not_found)?;
    let office = lao
        .office_tambon_code
        .clone()
        .or(lao.district_code.clone())
        .unwrap_or(lao.province_code.clone());
    let path = areas::path(&s.db, &office).await?;
    let coverage = areas::coverage_of(&s.db, id).await?;
    let heading = t.pick(&lao.full_name_th, &lao.name_en).to_string();
    let plan_links = super::plans::links_for_lao(&s, &v, &lao).await?;
    let local_plans = crate::own::totals::of_lao(&s.db, id)
        .await?
        .into_iter()
        .map(|(plan, t)| LocalPlanRow {
            href: format!("/plans/{}", plan.id),
            title: plan.title,
            adopted_count: t.adopted_count,
            adopted: super::format::baht(t.adopted_satang),
            own_count: t.own_count,
            own: super::format::baht(t.own_satang),
            total: super::format::baht(t.total_satang),
        })
        .collect();
    let page = LaoPage {
        local_plans,
        unsplit: areas::units::unsplit_of(&s.db, id).await?,
        plan_links,
        p: Page::new(&v, &heading, &format!("/laos/{id}")),
        id,
        crumbs: crumbs(&t, &path),
        kind: if t.en() {
            lao.kind.as_str().to_string()
        } else {
            lao.kind_th().to_string()
        },
        dla_code: lao.dla_code.clone().unwrap_or_default(),
        heading,
        coverage: coverage
            .iter()
            .map(|(a, extent)| LaoRow {
                href: format!("/areas/{}", a.code),
                label: area_label(&t, a),
                kind: level_label(&t, &a.level),
                extent: t.s(&format!("extent.{}", extent.as_str())).to_string(),
                code: a.code.clone(),
            })
            .collect(),
    };
    render(&page)
}
