//! The KPI 3.2 chain's pages: a district reviews its model LAOs' reports and forwards them to
//! the province, a province forwards its districts' to the department, and the department
//! reads what each province sent. One page, by the level of the area; the rules are in
//! `kpi::chain`.

use super::areas::Crumb;
use super::format::date_th;
use super::reports::{YearQuery, notice};
use crate::error::AppResult;
use crate::kpi::chain::{Sent, Stage, Tally, Verdict, document, forward, months, review};
use crate::kpi::rates::format_pct;
use crate::web::AppState;
use crate::web::page::{Page, render};
use crate::web::session::Visitor;
use crate::web::write::{FormWrite, after};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

pub struct ChainRow {
    pub name: String,
    pub href: Option<String>,
    pub sent: String,
    pub late: bool,
    pub print: Option<String>,
    pub stage: String,
    pub stage_key: &'static str,
    pub reason: String,
    pub meeting: String,
    /// The submission the signed-in reviewer may accept or return.
    pub review: Option<i64>,
}

#[derive(Template)]
#[template(path = "kpi_chain.html")]
pub struct ChainPage {
    p: Page,
    crumbs: Vec<Crumb>,
    code: String,
    place: String,
    year: i64,
    period: String,
    period_th: String,
    months: Vec<(String, String, String)>,
    due: String,
    sends_to: String,
    unit_col: String,
    forwarded_tally: String,
    live_tally: String,
    rows: Vec<ChainRow>,
    missing: String,
    forwarded: Option<String>,
    forwarded_prints: Vec<(&'static str, String)>,
    moved_on: bool,
    can_forward: bool,
    forward_label: &'static str,
    notice: String,
    error: String,
}

#[derive(Deserialize)]
pub struct ChainQuery {
    year: Option<String>,
    period: Option<String>,
    done: Option<String>,
}

fn tally(t: &Tally) -> String {
    format!(
        "{} / {} ({}%)",
        t.meeting,
        t.reports,
        format_pct(t.value_x100)
    )
}

fn stage_key(s: Stage) -> &'static str {
    match s {
        Stage::Missing => "missing",
        Stage::Awaiting => "awaiting",
        Stage::Accepted => "accepted",
        Stage::Returned => "returned",
        Stage::Forwarded => "forwarded",
    }
}

fn sent_line<T>(s: &Sent<T>) -> String {
    format!("{} · {}", s.version, date_th(&s.submitted_on))
}

fn stage_label(v: &Visitor, s: Stage) -> String {
    if v.tr.en() { s.en() } else { s.th() }.to_string()
}

#[allow(clippy::too_many_arguments)]
async fn view(
    s: &AppState,
    v: &Visitor,
    code: &str,
    year: i64,
    period: &str,
    notice: String,
    error: String,
) -> AppResult<Response> {
    let (crumbs, place) = if code.is_empty() {
        (vec![], v.tr.s("country").to_string())
    } else {
        let (_, crumbs, label) = super::reports::place(s, v, code).await?;
        (crumbs, label)
    };
    let base = if code.is_empty() {
        "/kpi-chain".to_string()
    } else {
        format!("/kpi/{code}/chain")
    };
    let months_nav = months::months_of(year)
        .into_iter()
        .map(|m| {
            let href = format!("{base}?year={year}&period={m}");
            (m.clone(), crate::reporting::calendar::period_th(&m), href)
        })
        .collect();
    let print = |c: &str, version: i64| {
        format!("/kpi/{c}/chain/export/forward.docx?year={year}&period={period}&version={version}")
    };
    let mut rows = Vec::new();
    let (
        due,
        sends_to,
        unit_col,
        fwd,
        live,
        missing,
        forwarded,
        prints,
        moved_on,
        can_forward,
        label,
    );
    match code.len() {
        4 => {
            let m = months::district(&s.db, code, year, period).await?;
            let area = crate::areas::get(&s.db, code).await?;
            let may = match &area {
                Some(a) => review::may_review(&s.db, v.user.as_ref(), a).await?,
                None => false,
            };
            for l in &m.laos {
                rows.push(ChainRow {
                    name: l.lao_name.clone(),
                    href: Some(format!("/kpi/lao/{}?year={year}", l.lao_id)),
                    sent: l.latest.as_ref().map(|x| sent_line(x)).unwrap_or_default(),
                    late: l.latest.as_ref().is_some_and(|x| x.late),
                    print: l.latest.as_ref().map(|x| {
                        format!(
                            "/kpi/lao/{}/export/report.docx?year={year}&period={period}&version={}",
                            l.lao_id, x.version
                        )
                    }),
                    stage: stage_label(v, l.stage),
                    stage_key: stage_key(l.stage),
                    reason: l
                        .review
                        .as_ref()
                        .map(|r| r.reason.clone())
                        .unwrap_or_default(),
                    meeting: l
                        .latest
                        .as_ref()
                        .map(|x| {
                            x.report.criteria.iter().filter(|c| **c).count().to_string() + " / 5"
                        })
                        .unwrap_or_default(),
                    review: (may && l.stage == Stage::Awaiting && !m.moved_on)
                        .then(|| l.latest.as_ref().map(|x| x.submission_id))
                        .flatten(),
                });
            }
            due = m.due_on;
            sends_to = format!(
                "สถ.จ.{}",
                crate::areas::get(&s.db, &code[..2])
                    .await?
                    .map(|a| a.name_th)
                    .unwrap_or_default()
            );
            unit_col = v.tr.s("kpi.model_lao").to_string();
            fwd = tally(&m.forwarded_tally);
            live = tally(&m.live);
            missing = String::new();
            forwarded = m
                .forwarded
                .as_ref()
                .map(|f| format!("{} {}", v.tr.s("chain.stage"), sent_line(f)));
            prints = m.forwarded.as_ref().map(|f| f.version);
            moved_on = m.moved_on;
            can_forward = may;
            label = "chain.forward_district";
        }
        2 => {
            let m = months::province(&s.db, code, year, period).await?;
            let area = crate::areas::get(&s.db, code).await?;
            let may = match &area {
                Some(a) => forward::may_forward_province(&s.db, v.user.as_ref(), a).await?,
                None => false,
            };
            for d in &m.districts {
                rows.push(ChainRow {
                    name: d.name_th.clone(),
                    href: Some(format!(
                        "/kpi/{}/chain?year={year}&period={period}",
                        d.district_code
                    )),
                    sent: d.forward.as_ref().map(|x| sent_line(x)).unwrap_or_default(),
                    late: d.forward.as_ref().is_some_and(|x| x.late),
                    print: d
                        .forward
                        .as_ref()
                        .map(|x| print(&d.district_code, x.version)),
                    stage: stage_label(v, d.stage),
                    stage_key: stage_key(d.stage),
                    reason: String::new(),
                    meeting: d
                        .forward
                        .as_ref()
                        .map(|_| tally(&d.tally))
                        .unwrap_or_default(),
                    review: None,
                });
            }
            due = m.due_on;
            sends_to = "กรมส่งเสริมการปกครองท้องถิ่น".into();
            unit_col = v.tr.s("level.district").to_string();
            fwd = tally(&m.forwarded_tally);
            live = tally(&m.live);
            missing = m
                .districts
                .iter()
                .filter(|d| d.stage == Stage::Missing)
                .map(|d| d.name_th.clone())
                .collect::<Vec<_>>()
                .join(", ");
            forwarded = m
                .forwarded
                .as_ref()
                .map(|f| format!("{} {}", v.tr.s("chain.stage"), sent_line(f)));
            prints = m.forwarded.as_ref().map(|f| f.version);
            moved_on = false;
            can_forward = may;
            label = "chain.forward_province";
        }
        0 => {
            let m = months::department(&s.db, year, period).await?;
            for p in &m.provinces {
                rows.push(ChainRow {
                    name: p.name_th.clone(),
                    href: Some(format!(
                        "/kpi/{}/chain?year={year}&period={period}",
                        p.province_code
                    )),
                    sent: match (p.version, p.submitted_on) {
                        (Some(n), Some(d)) => format!("{n} · {}", date_th(&d)),
                        _ => String::new(),
                    },
                    late: p.late,
                    print: p.version.map(|n| print(&p.province_code, n)),
                    stage: stage_label(v, p.stage),
                    stage_key: stage_key(p.stage),
                    reason: String::new(),
                    meeting: p.version.map(|_| tally(&p.tally)).unwrap_or_default(),
                    review: None,
                });
            }
            due = m.due_on;
            sends_to = "กรมส่งเสริมการปกครองท้องถิ่น".into();
            unit_col = v.tr.s("level.province").to_string();
            fwd = tally(&m.forwarded_tally);
            live = tally(&m.live);
            missing = m
                .provinces
                .iter()
                .filter(|p| p.stage == Stage::Missing)
                .map(|p| p.name_th.clone())
                .collect::<Vec<_>>()
                .join(", ");
            forwarded = None;
            prints = None;
            moved_on = false;
            can_forward = false;
            label = "chain.forward_province";
        }
        _ => return Err(crate::web::page::not_found()),
    }
    let forwarded_prints = match prints {
        Some(n) => {
            let word = print(code, n);
            vec![
                ("Word", word.clone()),
                ("Excel", word.replace("forward.docx", "forward.xlsx")),
            ]
        }
        None => vec![],
    };
    let status = if error.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let page = ChainPage {
        p: Page::new(v, v.tr.s("chain.title"), &base),
        crumbs,
        code: code.to_string(),
        place,
        year,
        period: period.to_string(),
        period_th: crate::reporting::calendar::period_th(period),
        months: months_nav,
        due: due.map(|d| date_th(&d)).unwrap_or_else(|| "–".into()),
        sends_to,
        unit_col,
        forwarded_tally: fwd,
        live_tally: live,
        rows,
        missing,
        forwarded,
        forwarded_prints,
        moved_on,
        can_forward,
        forward_label: v.tr.s(label),
        notice,
        error,
    };
    Ok((status, render(&page)?).into_response())
}

fn year_and_month(q: &ChainQuery) -> AppResult<(i64, String)> {
    let year = super::reports::year_of(&YearQuery {
        year: q.year.clone(),
        done: None,
    });
    Ok((year, months::month_or_latest(q.period.as_deref(), year)?))
}

async fn shown(s: &AppState, v: &Visitor, code: &str, q: &ChainQuery) -> AppResult<Response> {
    let n = notice(
        v,
        &YearQuery {
            year: None,
            done: q.done.clone(),
        },
    );
    let (year, period) = year_and_month(q)?;
    view(s, v, code, year, &period, n, String::new()).await
}

pub async fn chain_area(
    State(s): State<AppState>,
    v: Visitor,
    Path(code): Path<String>,
    Query(q): Query<ChainQuery>,
) -> AppResult<Response> {
    shown(&s, &v, &code, &q).await
}

pub async fn chain_national(
    State(s): State<AppState>,
    v: Visitor,
    Query(q): Query<ChainQuery>,
) -> AppResult<Response> {
    shown(&s, &v, "", &q).await
}

#[derive(Deserialize)]
pub struct ReviewForm {
    verdict: String,
    #[serde(default)]
    reason: String,
    /// The chain page the form was on: its district, year and month.
    code: String,
    year: String,
    period: String,
}

pub async fn review_report(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<ReviewForm>,
) -> AppResult<Response> {
    let f = &w.form;
    let r = match Verdict::from_stored(&f.verdict) {
        Some(verdict) => review::review(&s.db, &w.user, id, verdict, &f.reason).await,
        None => Err(crate::error::Problem::Unknown {
            field: crate::error::Field::Verdict,
            typed: f.verdict.clone(),
            choices: vec!["accepted", "returned"],
        }
        .into()),
    };
    let year = crate::reporting::years::typed(&f.year).unwrap_or(0);
    let (code, period) = (f.code.clone(), f.period.clone());
    after(
        &w.v,
        r,
        |_| format!("/kpi/{code}/chain?year={year}&period={period}&done=saved"),
        |(_, m)| view(&s, &w.v, &f.code, year, &f.period, String::new(), m),
    )
    .await
}

#[derive(Deserialize)]
pub struct ForwardForm {
    year: String,
    period: String,
    #[serde(default)]
    report_no: String,
}

pub async fn forward_reports(
    State(s): State<AppState>,
    Path(code): Path<String>,
    w: FormWrite<ForwardForm>,
) -> AppResult<Response> {
    let f = &w.form;
    let year = crate::reporting::years::typed(&f.year).unwrap_or(0);
    let r = forward::forward(&s.db, &w.user, &code, year, &f.period, &f.report_no).await;
    let period = f.period.clone();
    after(
        &w.v,
        r,
        |_| format!("/kpi/{code}/chain?year={year}&period={period}&done=submitted"),
        |(_, m)| view(&s, &w.v, &code, year, &period, String::new(), m),
    )
    .await
}

#[derive(Deserialize)]
pub struct ForwardPrint {
    year: Option<String>,
    period: Option<String>,
    version: Option<i64>,
}

pub async fn export_forward(
    State(s): State<AppState>,
    Path((code, file)): Path<(String, String)>,
    Query(q): Query<ForwardPrint>,
) -> AppResult<Response> {
    let format = match file.as_str() {
        "forward.docx" => crate::documents::Format::Docx,
        "forward.xlsx" => crate::documents::Format::Xlsx,
        "forward.csv" => crate::documents::Format::Csv,
        _ => return Err(crate::web::page::not_found()),
    };
    let year = super::reports::year_of(&YearQuery {
        year: q.year.clone(),
        done: None,
    });
    let period = months::month_or_latest(q.period.as_deref(), year)?;
    let doc = document::of_forward(&s.db, &code, year, &period, q.version).await?;
    super::documents::download(&doc, format, &format!("kpi32-forward-{code}-{period}"))
}
