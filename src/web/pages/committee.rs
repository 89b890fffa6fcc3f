//! One committee's page: its appointment orders with their members, what the LAO working
//! group's newest order lacks of the members seed 002 prescribes, its meetings, and the form
//! that records a meeting.

use super::areas::{Crumb, crumbs};
use super::committees::{date_shown, kind_label, owner_href, record_href};
use crate::areas;
use crate::committees::{self, Kind, meetings::MeetingInput};
use crate::error::AppResult;
use crate::web::AppState;
use crate::web::page::{Page, not_found, render};
use crate::web::session::Visitor;
use crate::web::write::{FormWrite, after};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;

pub struct OrderView {
    pub order_no: String,
    pub order_date: String,
    pub fiscal_year: i32,
    pub members: Vec<(String, String, String)>,
}

pub struct MeetingRow {
    pub held_on: String,
    pub place: String,
    pub attendance: i64,
    pub agenda: String,
    pub resolutions: String,
    pub for_plan_year: String,
}

#[derive(Template)]
#[template(path = "committee.html")]
pub struct CommitteePage {
    p: Page,
    id: i64,
    crumbs: Vec<Crumb>,
    kind: String,
    kind_full: String,
    owner: String,
    owner_href: String,
    fiscal_year: i32,
    current: bool,
    orders: Vec<OrderView>,
    missing_seats: Vec<String>,
    meetings: Vec<MeetingRow>,
    is_tambon_board: bool,
    /// The meeting form as typed, and what was wrong with it.
    meeting: MeetingInput,
    meeting_error: String,
    record_href: String,
    can_write: bool,
    saved: Option<String>,
}

#[derive(Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

async fn page(
    s: &AppState,
    v: &Visitor,
    id: i64,
    saved: Option<String>,
    meeting: MeetingInput,
    meeting_error: String,
) -> AppResult<Response> {
    let t = v.tr;
    let d = committees::get(&s.db, id, committees::today())
        .await?
        .ok_or_else(not_found)?;
    let c = &d.committee;
    let mut crumbs = crumbs(&t, &areas::path(&s.db, &c.owner.area_code).await?);
    if let Some(lao) = c.owner.lao_id {
        crumbs.push(Crumb {
            href: format!("/laos/{lao}"),
            label: t.pick(&c.owner.label_th, &c.owner.label_en).to_string(),
        });
    }
    let (kind, kind_full) = kind_label(&t, c.kind);
    let owner = t.pick(&c.owner.label_th, &c.owner.label_en).to_string();
    let page = CommitteePage {
        p: Page::new(v, &format!("{kind} {owner}"), &format!("/committees/{id}")),
        id,
        crumbs,
        kind,
        kind_full,
        owner_href: owner_href(&c.owner),
        owner,
        fiscal_year: d.fiscal_year,
        current: d.current,
        orders: d
            .orders
            .iter()
            .map(|o| OrderView {
                order_no: o.order_no.clone(),
                order_date: date_shown(&t, &o.order_date, &o.order_date_th),
                fiscal_year: o.fiscal_year,
                members: o
                    .members
                    .iter()
                    .map(|m| {
                        (
                            if t.en() { m.role.en() } else { m.role.th() }.to_string(),
                            m.name.clone(),
                            m.position.clone(),
                        )
                    })
                    .collect(),
            })
            .collect(),
        missing_seats: d
            .missing_seats
            .iter()
            .map(|seat| t.pick(seat.th, seat.en).to_string())
            .collect(),
        meetings: d
            .meetings
            .iter()
            .map(|m| MeetingRow {
                held_on: date_shown(&t, &m.held_on.to_string(), &m.held_on_th()),
                place: m.place.clone(),
                attendance: m.attendance,
                agenda: m.agenda.clone(),
                resolutions: m.resolutions.clone(),
                for_plan_year: m.for_plan_year.map(|y| y.to_string()).unwrap_or_default(),
            })
            .collect(),
        is_tambon_board: c.kind == Kind::TambonBoard,
        meeting,
        meeting_error,
        record_href: record_href(c.kind, &c.owner),
        can_write: committees::may_record(v.user.as_ref()),
        saved,
    };
    render(&page)
}

pub async fn show(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
    Query(q): Query<SavedQuery>,
) -> AppResult<Response> {
    page(&s, &v, id, q.saved, MeetingInput::default(), String::new()).await
}

/// Records a meeting; when it cannot be saved, the page again with the form as typed.
pub async fn record_meeting(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<MeetingInput>,
) -> AppResult<Response> {
    let result =
        committees::meetings::record(&s.db, &w.user, id, &w.form, committees::today()).await;
    after(
        &w.v,
        result,
        |_| format!("/committees/{id}?saved=meeting#meetings"),
        |(_, words)| page(&s, &w.v, id, None, w.form.clone(), words),
    )
    .await
}
