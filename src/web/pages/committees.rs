//! Committee pages: which committees an area or LAO lacks a current order for, one committee
//! with its orders, and the form that records an order with its members (no JavaScript:
//! numbered rows, blank ones ignored, a button for more rows).

use super::areas::{Crumb, crumbs};
use crate::areas;
use crate::committees::{
    self, Kind, MemberInput, MemberRole, OrderInput, Overview, Owner, Place, Target,
};
use crate::error::{AppError, AppResult};
use crate::i18n::Tr;
use crate::web::AppState;
use crate::web::page::{Page, again, not_found, render};
use crate::web::session::Visitor;
use crate::web::write::{FormWrite, see};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// One committee as a table row.
pub struct RowView {
    pub kind: String,
    pub kind_full: String,
    pub owner: String,
    pub owner_href: String,
    pub order_no: String,
    pub order_date: String,
    pub fiscal_year: String,
    pub current: bool,
    pub expected: bool,
    pub view_href: String,
    pub record_href: String,
}

pub struct KindLine {
    pub kind: String,
    pub expected: usize,
    pub current: usize,
    pub missing: usize,
}

#[derive(Template)]
#[template(path = "committees.html")]
pub struct CommitteesPage {
    p: Page,
    crumbs: Vec<Crumb>,
    place_label: String,
    place_href: String,
    fiscal_year: i32,
    by_kind: Vec<KindLine>,
    missing: Vec<RowView>,
    others: Vec<RowView>,
    /// Committees a tambon may have but need not (สอช.), not yet recorded: links to record one.
    optional: Vec<(String, String)>,
    can_write: bool,
}

pub(super) fn kind_label(t: &Tr, kind: Kind) -> (String, String) {
    if t.en() {
        (kind.short_en().into(), kind.en().into())
    } else {
        (kind.short_th().into(), kind.th().into())
    }
}

pub(super) fn owner_href(o: &Owner) -> String {
    match o.lao_id {
        Some(id) => format!("/laos/{id}"),
        None => format!("/areas/{}", o.area_code),
    }
}

pub(super) fn record_href(kind: Kind, o: &Owner) -> String {
    match o.lao_id {
        Some(id) => format!("/committees/orders/new?kind={}&lao_id={id}", kind.as_str()),
        None => format!(
            "/committees/orders/new?kind={}&area_code={}",
            kind.as_str(),
            o.area_code
        ),
    }
}

pub(super) fn date_shown(t: &Tr, iso: &str, th: &str) -> String {
    if t.en() { iso.into() } else { th.into() }
}

fn overview_page(
    v: &Visitor,
    o: Overview,
    crumbs: Vec<Crumb>,
    place_label: String,
    place_href: String,
    optional: Vec<(String, String)>,
    path: &str,
) -> AppResult<Response> {
    let t = v.tr;
    let (missing, others): (Vec<_>, Vec<_>) = o.rows.into_iter().partition(|r| r.missing());
    let view = |r: committees::overview::Row| {
        let (kind, kind_full) = kind_label(&t, r.kind);
        let latest = r.latest.as_ref();
        RowView {
            kind,
            kind_full,
            owner: t.pick(&r.owner.label_th, &r.owner.label_en).to_string(),
            owner_href: owner_href(&r.owner),
            order_no: latest.map(|l| l.order_no.clone()).unwrap_or_default(),
            order_date: latest
                .map(|l| date_shown(&t, &l.order_date, &l.order_date_th))
                .unwrap_or_default(),
            fiscal_year: latest
                .map(|l| l.fiscal_year.to_string())
                .unwrap_or_default(),
            current: r.current,
            expected: r.expected,
            view_href: r
                .committee_id
                .map(|id| format!("/committees/{id}"))
                .unwrap_or_default(),
            record_href: record_href(r.kind, &r.owner),
        }
    };
    let page = CommitteesPage {
        p: Page::new(
            v,
            &format!("{} · {place_label}", t.s("committee.title")),
            path,
        ),
        crumbs,
        place_label,
        place_href,
        fiscal_year: o.fiscal_year,
        by_kind: o
            .by_kind
            .iter()
            .map(|k| KindLine {
                kind: kind_label(&t, k.kind).0,
                expected: k.expected,
                current: k.current,
                missing: k.expected - k.current,
            })
            .collect(),
        missing: missing.into_iter().map(view).collect(),
        others: others.into_iter().map(view).collect(),
        optional,
        can_write: committees::may_record(v.user.as_ref()),
    };
    render(&page)
}

pub async fn of_area(
    State(s): State<AppState>,
    v: Visitor,
    Path(code): Path<String>,
) -> AppResult<Response> {
    let t = v.tr;
    let code = crate::thai::to_arabic_digits(&code);
    let area = areas::get(&s.db, &code).await?.ok_or_else(not_found)?;
    let path = areas::path(&s.db, &code).await?;
    let o = committees::overview(&s.db, &Place::Area(code.clone()), committees::today()).await?;
    // optional kinds not yet recorded at a tambon: offer to record one
    let optional =
        if area.level == crate::areas::Level::Tambon && committees::may_record(v.user.as_ref()) {
            committees::optional_at_tambon(&o)
                .into_iter()
                .map(|k| {
                    (
                        kind_label(&t, k).0,
                        format!(
                            "/committees/orders/new?kind={}&area_code={code}",
                            k.as_str()
                        ),
                    )
                })
                .collect()
        } else {
            vec![]
        };
    let tambon = path.iter().find(|a| a.level == crate::areas::Level::Tambon);
    let (th, en) = committees::area_labels(&area, tambon);
    overview_page(
        &v,
        o,
        crumbs(&t, &path),
        t.pick(&th, &en).to_string(),
        format!("/areas/{code}"),
        optional,
        &format!("/areas/{code}/committees"),
    )
}

pub async fn of_lao(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let t = v.tr;
    let lao = areas::lao(&s.db, id).await?.ok_or_else(not_found)?;
    let path = areas::path(&s.db, &committees::lao_home(&lao)).await?;
    let o = committees::overview(&s.db, &Place::Lao(id), committees::today()).await?;
    let mut crumbs = crumbs(&t, &path);
    let label = t.pick(&lao.full_name_th, &lao.name_en).to_string();
    crumbs.push(Crumb {
        href: format!("/laos/{id}"),
        label: label.clone(),
    });
    overview_page(
        &v,
        o,
        crumbs,
        label,
        format!("/laos/{id}"),
        vec![],
        &format!("/laos/{id}/committees"),
    )
}

/// A member row as shown in the form, numbered from 1 as the error messages count.
pub struct MemberRow {
    pub n: usize,
    pub name: String,
    pub position: String,
    pub role: String,
}

#[derive(Template)]
#[template(path = "committee_form.html")]
pub struct FormPage {
    p: Page,
    crumbs: Vec<Crumb>,
    heading: String,
    kind: String,
    area_code: String,
    lao_id: String,
    order_no: String,
    order_date: String,
    fiscal_year: String,
    rows: Vec<MemberRow>,
    roles: Vec<(&'static str, &'static str)>,
    errors: Vec<String>,
    prefilled: bool,
    back_href: String,
}

const BLANK_ROWS: usize = 10;
const MORE_ROWS: usize = 10;

#[derive(Deserialize)]
pub struct TargetQuery {
    kind: String,
    #[serde(default)]
    area_code: String,
    #[serde(default)]
    lao_id: Option<i64>,
}

fn target_of(kind: &str, area_code: &str, lao_id: Option<i64>) -> AppResult<Target> {
    let kind = Kind::parse(kind).ok_or_else(|| {
        AppError::from(crate::error::Problem::Unknown {
            field: crate::error::Field::CommitteeKind,
            typed: kind.to_string(),
            choices: Vec::new(),
        })
    })?;
    Ok(Target {
        kind,
        area_code: area_code.to_string(),
        lao_id,
    })
}

/// The form, filled with what is known: typed values after an error, or the members of the latest order.
struct Filled {
    order_no: String,
    order_date: String,
    fiscal_year: String,
    members: Vec<MemberInput>,
    errors: Vec<String>,
    prefilled: bool,
}

async fn form_page(
    s: &AppState,
    v: &Visitor,
    target: &Target,
    owner: &Owner,
    f: Filled,
) -> AppResult<Response> {
    let t = v.tr;
    let mut crumbs = crumbs(&t, &areas::path(&s.db, &owner.area_code).await?);
    let owner_label = t.pick(&owner.label_th, &owner.label_en).to_string();
    crumbs.push(Crumb {
        href: format!("{}/committees", owner_href(owner)),
        label: t.s("committee.title").into(),
    });
    let (kind, _) = kind_label(&t, target.kind);
    let heading = format!("{} · {kind} {owner_label}", t.s("committee.record"));
    let status = if f.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = FormPage {
        p: Page::new(v, &heading, "/committees/orders/new"),
        crumbs,
        heading,
        kind: target.kind.as_str().into(),
        area_code: owner.area_code.clone(),
        lao_id: owner.lao_id.map(|i| i.to_string()).unwrap_or_default(),
        order_no: f.order_no,
        order_date: f.order_date,
        fiscal_year: f.fiscal_year,
        rows: f
            .members
            .into_iter()
            .enumerate()
            .map(|(i, m)| MemberRow {
                n: i + 1,
                name: m.name,
                position: m.position,
                role: MemberRole::parse(&m.role)
                    .map(|r| r.as_str().to_string())
                    .unwrap_or(m.role),
            })
            .collect(),
        roles: MemberRole::ALL
            .iter()
            .map(|r| (r.as_str(), if t.en() { r.en() } else { r.th() }))
            .collect(),
        errors: f.errors,
        prefilled: f.prefilled,
        back_href: format!("{}/committees", owner_href(owner)),
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn new_order(
    State(s): State<AppState>,
    v: Visitor,
    Query(q): Query<TargetQuery>,
) -> AppResult<Response> {
    let user = v.user()?;
    let target = target_of(&q.kind, &q.area_code, q.lao_id)?;
    let (id, owner) = committees::find_for_writing(&s.db, user, &target).await?;
    // orders are renewed every year, mostly with the same people: start from the latest
    let mut members: Vec<MemberInput> = match id {
        Some(id) => committees::get(&s.db, id, committees::today())
            .await?
            .and_then(|d| d.orders.into_iter().next())
            .map(|o| {
                o.members
                    .into_iter()
                    .map(|m| MemberInput {
                        name: m.name,
                        position: m.position,
                        role: m.role.as_str().into(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        None => vec![],
    };
    let prefilled = !members.is_empty();
    let rows = BLANK_ROWS.max(members.len() + 5);
    members.resize_with(rows, MemberInput::default);
    form_page(
        &s,
        &v,
        &target,
        &owner,
        Filled {
            order_no: String::new(),
            order_date: String::new(),
            fiscal_year: String::new(),
            members,
            errors: vec![],
            prefilled,
        },
    )
    .await
}

/// The posted form: fixed fields, and member rows named `name_3`, `position_3`, `role_3`.
struct Posted {
    fields: Vec<(String, String)>,
}

impl Posted {
    fn get(&self, key: &str) -> String {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    fn members(&self) -> Vec<MemberInput> {
        let mut rows: Vec<MemberInput> = Vec::new();
        for (k, v) in &self.fields {
            let Some((field, n)) = k.rsplit_once('_') else {
                continue;
            };
            let Ok(n) = n.parse::<usize>() else {
                continue;
            };
            if !(1..=500).contains(&n) {
                continue;
            }
            if rows.len() < n {
                rows.resize_with(n, MemberInput::default);
            }
            let row = &mut rows[n - 1];
            match field {
                "name" => row.name = v.clone(),
                "position" => row.position = v.clone(),
                "role" => row.role = v.clone(),
                _ => {}
            }
        }
        rows
    }
}

pub async fn record(
    State(s): State<AppState>,
    w: FormWrite<Vec<(String, String)>>,
) -> AppResult<Response> {
    let (v, user) = (&w.v, &w.user);
    let f = Posted {
        fields: w.form.clone(),
    };
    let lao_id = f.get("lao_id").trim().parse::<i64>().ok();
    let target = target_of(&f.get("kind"), &f.get("area_code"), lao_id)?;
    let input = OrderInput {
        order_no: f.get("order_no"),
        order_date: f.get("order_date"),
        fiscal_year: f.get("fiscal_year"),
        members: f.members(),
    };
    let filled = |mut members: Vec<MemberInput>, errors: Vec<String>, extra: usize| {
        let rows = members.len() + extra;
        members.resize_with(rows, MemberInput::default);
        Filled {
            order_no: input.order_no.clone(),
            order_date: input.order_date.clone(),
            fiscal_year: input.fiscal_year.clone(),
            members,
            errors,
            prefilled: false,
        }
    };
    if !f.get("more").is_empty() {
        let (_, owner) = committees::find_for_writing(&s.db, user, &target).await?;
        let page = filled(input.members.clone(), vec![], MORE_ROWS);
        return form_page(&s, v, &target, &owner, page).await;
    }
    match committees::record_order(&s.db, user, &target, &input, committees::today()).await {
        Ok(done) => Ok(see(format!("/committees/{}?saved=1", done.committee_id))),
        Err(e @ AppError::Invalid(_)) => {
            let (_, owner) = committees::find(&s.db, &target).await?;
            let errors = e.problems().iter().map(|p| p.message(v.tr.lang)).collect();
            let page = filled(input.members.clone(), errors, 0);
            again(e.status(), form_page(&s, v, &target, &owner, page).await)
        }
        Err(e) => Err(e),
    }
}
