//! The search page: the box on every page leads here (issue 15).

use super::format::{dimension_label, kind_label};
use crate::areas::Area;
use crate::error::AppError;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::search::{self, Hit, Results, Typed};
use crate::text_index::Kind;
use crate::web::AppState;
use crate::web::page::{Page, render};
use crate::web::session::Visitor;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;

/// A result as the page lists it.
pub struct Row {
    pub href: String,
    pub kind: String,
    pub title: String,
    /// The title in runs, those holding what was searched marked.
    pub parts: Vec<crate::search::Part>,
    pub place: String,
    /// The plan, years, dimension and status, as they apply.
    pub detail: String,
}

pub struct Choice {
    pub value: &'static str,
    pub label: String,
}

#[derive(Template)]
#[template(path = "search.html")]
pub struct SearchPage {
    p: Page,
    q: String,
    typed: Typed,
    error: Option<String>,
    results: Results,
    rows: Vec<Row>,
    places: Vec<super::areas::LaoRow>,
    summary: String,
    kinds: Vec<Choice>,
    dimensions: Vec<Choice>,
    levels: Vec<Choice>,
    statuses: Vec<Choice>,
    agencies: Vec<Choice>,
    prev_href: Option<String>,
    next_href: Option<String>,
}

fn kind_th(t: &Tr, k: Kind) -> String {
    t.s(&format!("search.kind.{}", k.as_str())).to_string()
}

fn row(t: &Tr, h: &Hit) -> Row {
    let href = match (h.kind, h.plan_id) {
        (Kind::Project, _) => format!("/projects/{}", h.id),
        (Kind::Plan, _) => format!("/plans/{}", h.id),
        (Kind::Forum, Some(plan)) => format!("/plans/{plan}#forums"),
        (Kind::Forum, None) => String::new(),
        (Kind::Committee, _) => format!("/committees/{}", h.id),
    };
    let mut detail: Vec<String> = Vec::new();
    if let Some(k) = h.plan_kind {
        detail.push(kind_label(t, k));
    }
    if let (Some(a), Some(b)) = (h.first_year, h.last_year) {
        detail.push(if a == b {
            a.to_string()
        } else {
            format!("{a}–{b}")
        });
    }
    if let Some(d) = h.held_on {
        detail.push(super::format::date_th(&d));
    }
    if let Some(d) = h.dimension {
        detail.push(dimension_label(t, d));
    }
    if let Some(s) = h.status {
        detail.push(s.th().to_string());
    }
    let title = match h.kind {
        Kind::Forum if h.title.is_empty() => kind_th(t, Kind::Forum),
        Kind::Forum => format!("{} {}", kind_th(t, Kind::Forum), h.title),
        _ => h.title.clone(),
    };
    let mut parts = h.title_parts.clone();
    if h.kind == Kind::Forum {
        let lead = crate::search::Part {
            text: format!("{} ", kind_th(t, Kind::Forum)),
            hit: false,
        };
        parts.insert(0, lead);
    }
    Row {
        href,
        kind: kind_th(t, h.kind),
        title,
        parts,
        place: h.place.clone(),
        detail: detail.join(" · "),
    }
}

fn page_href(typed: &Typed, page: usize) -> String {
    let q = Typed {
        page: page.to_string(),
        ..typed.clone()
    };
    let pairs = [
        ("q", &q.q),
        ("area", &q.area),
        ("kind", &q.kind),
        ("dimension", &q.dimension),
        ("year", &q.year),
        ("status", &q.status),
        ("level", &q.level),
        ("agency", &q.agency),
        ("page", &q.page),
    ];
    let query: Vec<(&str, &str)> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    format!(
        "/search?{}",
        serde_urlencoded::to_string(query).unwrap_or_default()
    )
}

pub async fn page(
    State(s): State<AppState>,
    v: Visitor,
    Query(typed): Query<Typed>,
) -> AppResult<Response> {
    let t = v.tr;
    let (results, error) = match typed.read() {
        Ok(search) => (search::find(&s.db, &search).await?, None),
        Err(problems) => (
            Results::default(),
            Some(AppError::from(problems).message(t.lang)),
        ),
    };
    let rows = results.hits.iter().map(|h| row(&t, h)).collect();
    let mut places: Vec<super::areas::LaoRow> = results
        .places
        .areas
        .iter()
        .map(|a: &Area| super::areas::LaoRow {
            href: format!("/areas/{}", a.code),
            label: super::areas::area_label(&t, a),
            kind: super::areas::level_label(&t, &a.level),
            extent: String::new(),
            code: a.code.clone(),
        })
        .collect();
    places.extend(results.places.laos.iter().map(|l| {
        super::areas::lao_row(
            &t,
            l.id,
            &l.full_name_th,
            &l.name_en,
            &l.kind,
            None,
            l.dla_code.as_deref().unwrap_or(""),
        )
    }));
    let summary = if results.too_short {
        t.s("search.too_short").to_string()
    } else if typed.q.trim().is_empty() {
        String::new()
    } else if results.capped {
        t.s("search.found.capped")
            .replace("{n}", &results.total.to_string())
    } else {
        t.s("search.found")
            .replace("{n}", &results.total.to_string())
    };
    let choices = |values: Vec<(&'static str, String)>| {
        values
            .into_iter()
            .map(|(value, label)| Choice { value, label })
            .collect::<Vec<_>>()
    };
    let page_no = results.page;
    let prev_href = (page_no > 1).then(|| page_href(&typed, page_no - 1));
    let next_href = (page_no < results.pages).then(|| page_href(&typed, page_no + 1));
    let page = SearchPage {
        p: Page::new(&v, t.s("search.title"), "/search"),
        q: typed.q.clone(),
        kinds: choices(
            Kind::ALL
                .iter()
                .map(|k| (k.as_str(), kind_th(&t, *k)))
                .collect(),
        ),
        dimensions: choices(
            crate::dimensions::Dimension::ALL
                .iter()
                .map(|d| (d.as_str(), dimension_label(&t, *d)))
                .collect(),
        ),
        levels: choices(
            crate::plans::PlanKind::ALL
                .iter()
                .map(|k| (k.as_str(), kind_label(&t, *k)))
                .collect(),
        ),
        statuses: choices(
            crate::projects::status::ProjectStatus::ALL
                .iter()
                .map(|s| (s.as_str(), s.th().to_string()))
                .collect(),
        ),
        agencies: choices(
            crate::accounts::Agency::ALL
                .iter()
                .map(|a| (a.as_str(), a.th().to_string()))
                .collect(),
        ),
        typed,
        error,
        results,
        rows,
        places,
        summary,
        prev_href,
        next_href,
    };
    render(&page)
}
