//! The Tambon Project Bank page: the entries of an area, filtered, and the form that puts a
//! project into a district's bank (from its tambon plans or new). The rules are
//! `project_bank`; this module extracts, calls and renders.

use crate::error::AppResult;
use crate::project_bank::{self, Entry, Filter, input::EntryInput};
use crate::web::AppState;
use crate::web::page::{Page, render, shown};
use crate::web::session::Visitor;
use crate::web::write::{FormWrite, after};
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "project_bank.html")]
pub struct BankPage {
    p: Page,
    f: Filter,
    /// The district whose bank the form puts into ('' above a district).
    district: String,
    entries: Vec<Entry>,
    /// The tambon plans' projects not in the bank yet: id, title, area.
    from_plans: Vec<(i64, String, String)>,
    dimensions: Vec<(&'static str, &'static str)>,
    error: Option<String>,
    typed: EntryInput,
    done: bool,
}

/// The filter as the page's query has it, and `done` after a project was put in.
#[derive(Deserialize, Default)]
pub struct BankQuery {
    #[serde(default)]
    area: String,
    #[serde(default)]
    dimension: String,
    #[serde(default)]
    min_budget: String,
    #[serde(default)]
    max_budget: String,
    #[serde(default)]
    ready: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    q: String,
    done: Option<i64>,
}

async fn show(
    s: &AppState,
    v: &Visitor,
    f: Filter,
    error: Option<String>,
    typed: EntryInput,
    done: bool,
) -> AppResult<Response> {
    let mut error = error;
    let (entries, district, from_plans) = if f.area.trim().is_empty() {
        (Vec::new(), String::new(), Vec::new())
    } else {
        let entries = match project_bank::browse(&s.db, &f).await {
            Ok(e) => e,
            Err(e) => {
                error.get_or_insert(shown(e, v.tr.lang)?.1);
                Vec::new()
            }
        };
        let area = crate::thai::to_arabic_digits(f.area.trim());
        let district = if area.len() >= 4 {
            area[..4].to_string()
        } else {
            String::new()
        };
        let from_plans = if district.is_empty() {
            Vec::new()
        } else {
            project_bank::from_plans(&s.db, &district)
                .await
                .unwrap_or_default()
        };
        (entries, district, from_plans)
    };
    render(&BankPage {
        p: Page::new(v, v.tr.s("bank.title"), "/project-bank"),
        f,
        district,
        entries,
        from_plans,
        dimensions: crate::dimensions::Dimension::ALL
            .iter()
            .map(|d| (d.as_str(), project_bank::dimension_th(*d)))
            .collect(),
        error,
        typed,
        done,
    })
}

pub async fn page(
    State(s): State<AppState>,
    v: Visitor,
    Query(q): Query<BankQuery>,
) -> AppResult<Response> {
    let f = Filter {
        area: v.area_or_own(&q.area),
        dimension: q.dimension,
        min_budget: q.min_budget,
        max_budget: q.max_budget,
        ready: q.ready,
        status: q.status,
        q: q.q,
    };
    show(&s, &v, f, None, EntryInput::default(), q.done.is_some()).await
}

#[derive(Deserialize)]
pub struct PutForm {
    district: String,
    #[serde(default)]
    project_id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    dimension: String,
    #[serde(default)]
    tambons: String,
    #[serde(default)]
    target_villages: String,
    #[serde(default)]
    target_households: String,
    #[serde(default)]
    budget: String,
    #[serde(default)]
    months: String,
    #[serde(default)]
    site_ready: String,
    #[serde(default)]
    consent: String,
}

/// Puts a project into the district's bank; a mistake shows the form again as typed.
pub async fn put(State(s): State<AppState>, w: FormWrite<PutForm>) -> AppResult<Response> {
    let PutForm {
        district,
        project_id,
        title,
        dimension,
        tambons,
        target_villages,
        target_households,
        budget,
        months,
        site_ready,
        consent,
    } = w.form;
    let entry = EntryInput {
        project_id,
        title,
        dimension,
        tambons,
        target_villages,
        target_households,
        budget,
        months,
        site_ready,
        consent,
    };
    let r = project_bank::put(&s.db, &w.user, &district, &entry).await;
    let f = Filter {
        area: district.clone(),
        ..Default::default()
    };
    after(
        &w.v,
        r,
        |e| format!("/project-bank?area={}&done={}", e.district_code, e.id),
        |(_, message)| show(&s, &w.v, f, Some(message), entry, false),
    )
    .await
}
