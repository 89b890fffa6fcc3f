//! Plan pages: one page per plan with its forums, projects, what it may adopt from below,
//! its milestones and its cycle; every form posts back here (`forms`) and the page says what
//! happened. The plan boxes of area and LAO pages are in `links`.

mod forms;
mod links;
mod own;

pub use forms::*;
pub use links::{PlanLinks, links_for_area, links_for_lao};
pub use own::{OwnBox, add_own, delete_own, import_own, update_own};

use super::areas::{Crumb, crumbs};
use super::format::{baht, date_th, dimension_label, iso_date_th, kind_label};
use crate::dimensions::Dimension;
use crate::error::AppResult;
use crate::kpi::rates;
use crate::plans::access::PlanRights;
use crate::plans::{Plan, PlanKind};
use crate::projects::{self, input::EXECUTORS, input::ProjectInput, input::REACHES};
use crate::views::PlanView;
use crate::web::AppState;
use crate::web::page::{Page, render};
use crate::web::session::Visitor;
use crate::web::write::after;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

pub struct ItemRow {
    pub project_id: i64,
    pub title: String,
    pub dimension: String,
    pub village: String,
    pub executor: String,
    pub within_lao: bool,
    pub status: String,
    pub rank: String,
    pub amount: String,
    pub year: i64,
    pub issue: String,
    pub issue_id: Option<i64>,
    pub note: String,
}

pub struct CandidateRow {
    pub project_id: i64,
    pub title: String,
    pub dimension: String,
    pub village: String,
    pub source: String,
    pub source_rank: String,
    pub amount: String,
    pub within_lao: bool,
    pub status: String,
    /// In the provincial view: already in the provincial plan.
    pub adopted: bool,
}

pub struct ForumRow {
    pub id: i64,
    pub held_on: String,
    pub chaired_by: String,
    pub attendance: i64,
    pub data_used: String,
    pub place: String,
    pub agency: &'static str,
}

pub struct CoverageRow {
    pub name: String,
    pub projects: i64,
    pub core: bool,
}

pub struct EventRow {
    pub at: String,
    pub username: String,
    pub action: String,
    pub reason: String,
}

pub struct IssueGroup {
    pub title: String,
    pub rows: Vec<CandidateRow>,
}

#[derive(Template)]
#[template(path = "plan.html")]
pub struct PlanPage {
    p: Page,
    crumbs: Vec<Crumb>,
    plan: Plan,
    kind_label: String,
    status_label: String,
    owner_href: String,
    owner_name: String,
    rights: PlanRights,
    requires_core: bool,
    notice: String,
    error: String,
    coverage: Vec<CoverageRow>,
    missing: String,
    forums: Vec<ForumRow>,
    items: Vec<ItemRow>,
    total: String,
    candidates: Vec<CandidateRow>,
    issues: Vec<(i64, String)>,
    by_issue: Vec<IssueGroup>,
    events: Vec<EventRow>,
    rates: Option<RatesBox>,
    draft: ProjectInput,
    dimensions: Vec<(String, String)>,
    executors: Vec<(&'static str, &'static str)>,
    reaches: Vec<(&'static str, &'static str)>,
    milestones: MilestonesBox,
    next_plan: Option<i64>,
    standard: Option<StandardBox>,
    /// Tambon plans: the district's model plan.
    is_model: bool,
    /// Local, district and province plans: their own projects (ผ.02) and the totals by year.
    own: Option<OwnBox>,
}

pub struct StandardBox {
    pub name: String,
    pub criteria: Vec<(i64, String)>,
    pub levels: String,
    /// date, assessor, met, of, level
    pub history: Vec<(String, String, usize, i64, String)>,
}

pub struct RatesBox {
    pub year: i64,
    pub integrated: i64,
    pub in_local: i64,
    pub in_budget: i64,
    pub local_pct: String,
    pub budget_pct: String,
    pub meets_local: bool,
    pub meets_budget: bool,
    pub local_threshold: i64,
    pub budget_threshold: i64,
}

#[derive(Default)]
pub struct MilestonesBox {
    pub made_quarter: String,
    pub made_on: String,
    pub delivered_lao_on: String,
    pub delivered_district_on: String,
    pub evaluated_on: String,
    pub evaluation: String,
    pub committee_approved_on: String,
    pub sent_on: String,
}

impl PlanPage {
    pub fn is(&self, kind: &str) -> bool {
        self.plan.kind.as_str() == kind
    }
}

/// Renders the plan page, with what just happened (or went wrong) and the project form as typed.
pub(in crate::web::pages) async fn show(
    s: &AppState,
    v: &Visitor,
    id: i64,
    notice: String,
    failed: Option<(StatusCode, String)>,
    draft: ProjectInput,
) -> AppResult<Response> {
    let view = PlanView::load(&s.db, v.user.as_ref(), id).await?;
    let (status, error) = failed.unwrap_or((StatusCode::OK, String::new()));
    let page = PlanPage::of(v, view, notice, error, draft);
    Ok((status, render(&page)?).into_response())
}

impl PlanPage {
    /// The page of a plan's view, in the reader's language.
    fn of(
        v: &Visitor,
        view: PlanView,
        notice: String,
        error: String,
        draft: ProjectInput,
    ) -> PlanPage {
        let t = v.tr;
        let kind = view.plan.kind;
        let mut crumbs = crumbs(&t, &view.path);
        let owner_href = match &view.lao {
            Some(l) => {
                crumbs.push(Crumb {
                    href: format!("/laos/{}", l.id),
                    label: l.full_name_th.clone(),
                });
                format!("/laos/{}", l.id)
            }
            None => format!("/areas/{}", view.plan.area_code),
        };
        let own = view.holds_own.then(|| OwnBox::of(&t, &view));
        // a plan's own projects have their own table (ผ.02); this one lists the adopted
        let item_rows = view
            .items
            .iter()
            .filter(|i| {
                !view
                    .own_projects
                    .iter()
                    .any(|o| o.project_id == i.project_id)
            })
            .map(|i| ItemRow {
                project_id: i.project_id,
                title: i.title.clone(),
                dimension: dimension_label(&t, i.dimension),
                village: view.village_label(&i.area_code),
                executor: projects::input::executor_th(&i.executor).to_string(),
                within_lao: i.within_lao_authority,
                status: i.status.th().to_string(),
                rank: i.rank.map(|r| r.to_string()).unwrap_or_default(),
                amount: baht(i.amount_satang),
                year: i.fiscal_year,
                issue: view.issue_title(i.issue_id),
                issue_id: i.issue_id,
                note: i.note.clone(),
            })
            .collect();
        let candidates = view
            .candidates
            .iter()
            .map(|c| CandidateRow {
                project_id: c.project_id,
                title: c.title.clone(),
                dimension: dimension_label(&t, c.dimension),
                village: view.village_label(&c.area_code),
                source: format!("{} {}", kind_label(&t, c.source_kind), c.source_year),
                source_rank: c.source_rank.map(|r| r.to_string()).unwrap_or_default(),
                amount: baht(c.source_amount_satang),
                within_lao: c.within_lao_authority,
                status: c.status.th().to_string(),
                adopted: false,
            })
            .collect();
        let district_name = |code: &str| {
            view.districts
                .iter()
                .find(|x| x.code == code)
                .map(|x| t.pick(&x.name_th, &x.name_en).to_string())
                .unwrap_or(code.to_string())
        };
        let by_issue = view
            .from_districts
            .iter()
            .map(|g| IssueGroup {
                title: match &g.issue {
                    Some(i) => format!("{}. {}", i.seq, i.title),
                    None => t.s("plan.no_issue").into(),
                },
                rows: g
                    .projects
                    .iter()
                    .map(|d| CandidateRow {
                        project_id: d.project_id,
                        title: d.title.clone(),
                        dimension: String::new(),
                        village: d.area_code.clone(),
                        source: format!(
                            "{} {}",
                            kind_label(&t, PlanKind::District),
                            district_name(&d.district_code)
                        ),
                        source_rank: d.district_rank.map(|r| r.to_string()).unwrap_or_default(),
                        amount: baht(d.amount_satang),
                        within_lao: false,
                        status: d.status.th().to_string(),
                        adopted: d.in_province_plan,
                    })
                    .collect(),
            })
            .collect();
        let rates = view.rates.as_ref().map(|r| RatesBox {
            year: r.rates.year,
            integrated: r.rates.integrated,
            in_local: r.rates.in_local_plan,
            in_budget: r.rates.in_budget,
            local_pct: rates::format_pct(r.rates.local_pct_x100),
            budget_pct: rates::format_pct(r.rates.budget_pct_x100),
            meets_local: r.meets_local,
            meets_budget: r.meets_budget,
            local_threshold: r.local_threshold_pct,
            budget_threshold: r.budget_threshold_pct,
        });
        let forums = view
            .forums
            .iter()
            .map(|f| {
                let mut used = vec![];
                if f.used_basic_needs {
                    used.push("จปฐ.");
                }
                if f.used_village_data {
                    used.push("กชช.๒ค");
                }
                if !f.other_data.is_empty() {
                    used.push(&f.other_data);
                }
                ForumRow {
                    id: f.id,
                    held_on: date_th(&f.held_on),
                    chaired_by: f.chaired_by.clone(),
                    attendance: f.attendance,
                    data_used: used.join(", "),
                    place: f.place.clone(),
                    agency: f.agency.th(),
                }
            })
            .collect();
        let events = view
            .events
            .iter()
            .map(|e| EventRow {
                at: e.at.replace('T', " ").trim_end_matches('Z').to_string(),
                username: e.username.clone(),
                action: t.s(&format!("plan.step.{}", e.action)).to_string(),
                reason: e.reason.clone(),
            })
            .collect();
        let plan = &view.plan;
        let opt = |d: &Option<time::Date>| d.map(crate::db::types::iso).unwrap_or_default();
        let milestones = MilestonesBox {
            made_quarter: plan.made_quarter.map(|q| q.to_string()).unwrap_or_default(),
            made_on: opt(&plan.made_on),
            delivered_lao_on: opt(&plan.delivered_lao_on),
            delivered_district_on: opt(&plan.delivered_district_on),
            evaluated_on: opt(&plan.evaluated_on),
            evaluation: plan.evaluation.clone(),
            committee_approved_on: opt(&plan.committee_approved_on),
            sent_on: opt(&plan.sent_on),
        };
        let standard = view.standard.as_ref().map(|sv| StandardBox {
            levels: sv
                .standard
                .levels
                .iter()
                .map(|l| format!("{} ≥ {}", l.name, l.min_met))
                .collect::<Vec<_>>()
                .join(" · "),
            criteria: sv
                .standard
                .criteria
                .iter()
                .map(|c| (c.id, c.text.clone()))
                .collect(),
            name: sv.standard.name.clone(),
            history: sv
                .assessments
                .iter()
                .map(|a| {
                    (
                        iso_date_th(&a.assessed_on),
                        a.assessor.clone(),
                        a.met.len(),
                        a.of,
                        a.level.clone().unwrap_or_else(|| "ยังไม่ผ่านเกณฑ์".into()),
                    )
                })
                .collect(),
        });
        PlanPage {
            p: Page::new(v, &plan.title, &format!("/plans/{}", plan.id)),
            crumbs,
            kind_label: kind_label(&t, kind),
            status_label: plan.status.th().to_string(),
            owner_href,
            owner_name: view.owner_name_th.clone(),
            rights: view.rights,
            requires_core: view.requires_core,
            notice,
            error,
            coverage: view
                .coverage
                .dimensions
                .iter()
                .map(|c| CoverageRow {
                    name: dimension_label(&t, c.dimension),
                    projects: c.projects,
                    core: c.dimension.core(),
                })
                .collect(),
            missing: view.coverage.missing_th(),
            forums,
            items: item_rows,
            total: baht(view.total_satang),
            candidates,
            issues: view
                .issues
                .iter()
                .map(|i| (i.id, format!("{}. {}", i.seq, i.title)))
                .collect(),
            by_issue,
            events,
            rates,
            draft,
            dimensions: Dimension::ALL
                .iter()
                .map(|d| (d.as_str().to_string(), dimension_label(&t, *d)))
                .collect(),
            executors: EXECUTORS.to_vec(),
            reaches: REACHES.to_vec(),
            milestones,
            next_plan: view.next_plan,
            standard,
            is_model: view.is_model,
            own,
            plan: view.plan,
        }
    }
}

pub async fn page(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
    Query(q): Query<DoneQuery>,
) -> AppResult<Response> {
    let notice = match q.done.as_deref() {
        Some(key) if key.starts_with("plan.done.") || key.starts_with("document.done.") => {
            v.tr.s(key).to_string()
        }
        _ => String::new(),
    };
    show(&s, &v, id, notice, None, ProjectInput::default()).await
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

/// After a write to plan `id`: back to the plan with the notice `done`, or the plan again with
/// what went wrong and the project form as typed.
async fn answer<T>(
    s: &AppState,
    v: &Visitor,
    id: i64,
    result: AppResult<T>,
    done: &str,
    draft: ProjectInput,
) -> AppResult<Response> {
    after(
        v,
        result,
        |_| format!("/plans/{id}?done=plan.done.{done}"),
        |failed| show(s, v, id, String::new(), Some(failed), draft),
    )
    .await
}
