//! Every register and report as a file to download: Word, Excel or CSV, built by the domain's
//! `document` modules. A report that was submitted prints as it was signed (`reporting::signed`:
//! the latest version, or `?version=N`); `?live=1`, or a report never submitted, prints today's
//! figures as a draft, without a signer.

use super::reports::{YearQuery, year_of};
use crate::error::AppResult;
use crate::kpi::{monthly, rollup};
use crate::registers::{self, district_report};
use crate::reporting;
use crate::reporting::signed::{self, Signed};
use crate::web::AppState;
use crate::web::page::not_found;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use std::collections::HashMap;

/// "form1.docx" → ("form1", Docx).
fn file_of(file: &str) -> AppResult<(String, crate::documents::Format)> {
    use crate::documents::Format;
    let (name, ext) = file.rsplit_once('.').ok_or_else(not_found)?;
    let format = match ext {
        "docx" => Format::Docx,
        "xlsx" => Format::Xlsx,
        "csv" => Format::Csv,
        _ => return Err(not_found()),
    };
    Ok((name.to_string(), format))
}

/// Which print of a report: a version, or today's records (`live=1`).
#[derive(Deserialize)]
pub struct PrintQuery {
    year: Option<String>,
    period: Option<String>,
    version: Option<i64>,
    live: Option<String>,
}

impl PrintQuery {
    fn year(&self) -> i64 {
        year_of(&YearQuery {
            year: self.year.clone(),
            done: None,
        })
    }

    fn live(&self) -> bool {
        matches!(self.live.as_deref(), Some("1" | "true" | "on"))
    }
}

/// The submission to print, unless today's records are asked for.
async fn signed<T: serde::de::DeserializeOwned>(
    s: &AppState,
    q: &PrintQuery,
    kind: &str,
    unit: &str,
    year: i64,
    period: &str,
    key: &str,
) -> AppResult<Option<Signed<T>>> {
    if q.live() {
        return Ok(None);
    }
    signed::pick(&s.db, kind, unit, year, period, key, q.version).await
}

/// Stamps the document with what it prints: the submission it was signed as, or a draft.
fn stamped<T>(
    mut doc: crate::documents::Document,
    from: Option<&Signed<T>>,
) -> crate::documents::Document {
    match from {
        Some(signed) => signed.stamp(&mut doc),
        None => signed::mark_draft(&mut doc, crate::thai::fiscal::today_in_thailand()),
    }
    doc
}

async fn place_line(s: &AppState, code: &str) -> AppResult<String> {
    let path = crate::areas::path(&s.db, code).await?;
    Ok(path
        .iter()
        .rev()
        .map(|a| a.label_th())
        .collect::<Vec<_>>()
        .join(" "))
}

pub async fn export_register(
    State(s): State<AppState>,
    Path((code, file)): Path<(String, String)>,
    Query(q): Query<PrintQuery>,
) -> AppResult<Response> {
    let (name, format) = file_of(&file)?;
    let year = q.year();
    registers::area(&s.db, &code).await?;
    let place = place_line(&s, &code).await?;
    let kind = match name.as_str() {
        "form1" => reporting::REGISTER_1,
        "form2" => reporting::REGISTER_2,
        "form3" => reporting::REGISTER_3,
        _ => return Err(not_found()),
    };
    let by = None;
    let f1 = registers::form1(&s.db, &code, year).await?;
    let names: HashMap<String, String> = f1
        .iter()
        .map(|r| (r.tambon_code.clone(), r.tambon_name.clone()))
        .collect();
    let name_of = |c: &str| names.get(c).cloned().unwrap_or_else(|| c.to_string());
    let doc = match name.as_str() {
        "form1" => {
            let from =
                signed::<Vec<registers::Form1Row>>(&s, &q, kind, &code, year, "", "rows").await?;
            let rows = from.as_ref().map_or(&f1, |f| &f.report);
            stamped(
                registers::document::form1(&place, year, rows, by),
                from.as_ref(),
            )
        }
        _ => {
            let from =
                signed::<Vec<registers::ProjectRow>>(&s, &q, kind, &code, year, "", "rows").await?;
            let n = if kind == reporting::REGISTER_2 { 2 } else { 3 };
            let live = match (&from, n) {
                (Some(_), _) => Vec::new(),
                (None, 2) => registers::form2(&s.db, &code, year).await?,
                (None, _) => registers::form3(&s.db, &code, year).await?,
            };
            let rows = from.as_ref().map_or(&live, |f| &f.report);
            stamped(
                registers::document::projects(n, &place, year, rows, &name_of, by),
                from.as_ref(),
            )
        }
    };
    super::documents::download(&doc, format, &format!("{name}-{code}-{year}"))
}

pub async fn export_district_report(
    State(s): State<AppState>,
    Path((code, file)): Path<(String, String)>,
    Query(q): Query<PrintQuery>,
) -> AppResult<Response> {
    let (_, format) = file_of(&file)?;
    let year = q.year();
    let place = place_line(&s, &code).await?;
    let from = signed::<district_report::DistrictReport>(
        &s,
        &q,
        reporting::DISTRICT_PROGRESS,
        &code,
        year,
        "",
        "report",
    )
    .await?;
    let doc = match &from {
        Some(f) => registers::document::district_report(
            &place,
            &f.report,
            f.payload["problems"].as_str().unwrap_or(""),
            f.payload["suggestions"].as_str().unwrap_or(""),
            None,
        ),
        None => registers::document::district_report(
            &place,
            &district_report::of_district(&s.db, &code, year).await?,
            "",
            "",
            None,
        ),
    };
    let doc = stamped(doc, from.as_ref());
    super::documents::download(&doc, format, &format!("district-report-{code}-{year}"))
}

pub async fn export_monthly(
    State(s): State<AppState>,
    Path((id, file)): Path<(i64, String)>,
    Query(q): Query<PrintQuery>,
) -> AppResult<Response> {
    let (_, format) = file_of(&file)?;
    let year = q.year();
    let lao = crate::areas::lao(&s.db, id).await?.ok_or_else(not_found)?;
    let owner = crate::plans::Owner::Lao(lao.clone());
    let period = q
        .period
        .clone()
        .unwrap_or_else(|| format!("{}-05", year - 543));
    let from = signed::<monthly::Monthly>(
        &s,
        &q,
        reporting::KPI32_MONTHLY,
        &owner.key(),
        year,
        &period,
        "report",
    )
    .await?;
    let payload = from.as_ref().map(|f| f.payload.clone()).unwrap_or_default();
    let expected = |item: &str| {
        payload["expected"][item]
            .as_str()
            .and_then(crate::thai::dates::parse_iso)
            .map(|d| crate::thai::format_date_long(d, crate::thai::dates::Digits::Thai))
            .unwrap_or_default()
    };
    let m = match &from {
        Some(f) => f.report.clone(),
        None => monthly::compute(&s.db, id, year).await?,
    };
    let mut head = crate::kpi::document::MonthlyHead::of(&s.db, &lao, &period).await?;
    if let Some(f) = &from {
        (head.report_no, head.reported_on) = (f.report_no.clone(), Some(f.submitted_on));
    }
    let mut doc = crate::kpi::document::monthly(&head, &m, &expected, None);
    match &from {
        // the form prints its own number and date
        Some(f) => f.sign(&mut doc),
        None => signed::mark_draft(&mut doc, crate::thai::fiscal::today_in_thailand()),
    }
    super::documents::download(&doc, format, &format!("kpi32-{id}-{period}"))
}

#[derive(Deserialize)]
pub struct AreaYearQuery {
    year: Option<String>,
    #[serde(default)]
    area: String,
}

pub async fn export_rollup(
    State(s): State<AppState>,
    Path(file): Path<String>,
    Query(q): Query<AreaYearQuery>,
) -> AppResult<Response> {
    let (_, format) = file_of(&file)?;
    let year = year_of(&YearQuery {
        year: q.year.clone(),
        done: None,
    });
    let area = crate::thai::to_arabic_digits(q.area.trim());
    let r = rollup::of_area(&s.db, &area, year).await?;
    let place = if area.is_empty() {
        "ทั้งประเทศ".to_string()
    } else {
        place_line(&s, &area).await?
    };
    let districts: HashMap<String, String> =
        crate::areas::under(&s.db, crate::areas::Level::District, &area)
            .await?
            .into_iter()
            .map(|a| (a.code, a.name_th))
            .collect();
    let name_of = |c: &str| districts.get(c).cloned().unwrap_or_default();
    let doc = crate::kpi::document::rollup(&place, &r, &name_of);
    super::documents::download(
        &doc,
        format,
        &format!(
            "kpi32-{}-{year}",
            if area.is_empty() { "all" } else { &area }
        ),
    )
}
