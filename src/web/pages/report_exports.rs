//! Every register and report as a file to download: Word, Excel or CSV, built by the domain's
//! `document` modules from the same figures the pages show.

use super::reports::{YearQuery, year_of};
use crate::error::AppResult;
use crate::kpi::{monthly, rollup};
use crate::registers::{self, district_report};
use crate::reporting::{self, submissions};
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

/// Who signed the latest submission, if any: (name, position).
fn signer(latest: &Option<submissions::Submission>) -> Option<(String, String)> {
    let p: serde_json::Value = serde_json::from_str(&latest.as_ref()?.payload_json).ok()?;
    Some((
        p["signed_by"].as_str()?.to_string(),
        p["position"].as_str().unwrap_or("").to_string(),
    ))
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
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let (name, format) = file_of(&file)?;
    let year = year_of(&q);
    let place = place_line(&s, &code).await?;
    let kind = match name.as_str() {
        "form1" => reporting::REGISTER_1,
        "form2" => reporting::REGISTER_2,
        "form3" => reporting::REGISTER_3,
        _ => return Err(not_found()),
    };
    let sig = signer(&submissions::latest(&s.db, kind, &code, year, "").await?);
    let by = sig.as_ref().map(|(n, p)| (n.as_str(), p.as_str()));
    let f1 = registers::form1(&s.db, &code, year).await?;
    let names: HashMap<String, String> = f1
        .iter()
        .map(|r| (r.tambon_code.clone(), r.tambon_name.clone()))
        .collect();
    let name_of = |c: &str| names.get(c).cloned().unwrap_or_else(|| c.to_string());
    let doc = match name.as_str() {
        "form1" => registers::document::form1(&place, year, &f1, by),
        "form2" => registers::document::projects(
            2,
            &place,
            year,
            &registers::form2(&s.db, &code, year).await?,
            &name_of,
            by,
        ),
        _ => registers::document::projects(
            3,
            &place,
            year,
            &registers::form3(&s.db, &code, year).await?,
            &name_of,
            by,
        ),
    };
    super::documents::download(&doc, format, &format!("{name}-{code}-{year}"))
}

pub async fn export_district_report(
    State(s): State<AppState>,
    Path((code, file)): Path<(String, String)>,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let (_, format) = file_of(&file)?;
    let year = year_of(&q);
    let place = place_line(&s, &code).await?;
    let report = district_report::compute(&s.db, &code, year).await?;
    let latest = submissions::latest(&s.db, reporting::DISTRICT_PROGRESS, &code, year, "").await?;
    let payload: serde_json::Value = latest
        .as_ref()
        .and_then(|l| serde_json::from_str(&l.payload_json).ok())
        .unwrap_or_default();
    let sig = signer(&latest);
    let doc = registers::document::district_report(
        &place,
        &report,
        payload["problems"].as_str().unwrap_or(""),
        payload["suggestions"].as_str().unwrap_or(""),
        sig.as_ref().map(|(n, p)| (n.as_str(), p.as_str())),
    );
    super::documents::download(&doc, format, &format!("district-report-{code}-{year}"))
}

#[derive(Deserialize)]
pub struct MonthQuery {
    year: Option<String>,
    period: Option<String>,
}

pub async fn export_monthly(
    State(s): State<AppState>,
    Path((id, file)): Path<(i64, String)>,
    Query(q): Query<MonthQuery>,
) -> AppResult<Response> {
    let (_, format) = file_of(&file)?;
    let year = year_of(&YearQuery {
        year: q.year.clone(),
        done: None,
    });
    let lao = crate::areas::lao(&s.db, id).await?.ok_or_else(not_found)?;
    let owner = crate::plans::Owner::Lao(lao.clone());
    let period = q
        .period
        .clone()
        .unwrap_or_else(|| format!("{}-05", year - 543));
    let latest =
        submissions::latest(&s.db, reporting::KPI32_MONTHLY, &owner.key(), year, &period).await?;
    let payload: serde_json::Value = latest
        .as_ref()
        .and_then(|l| serde_json::from_str(&l.payload_json).ok())
        .unwrap_or_default();
    let expected = |item: &str| {
        payload["expected"][item]
            .as_str()
            .and_then(crate::thai::dates::parse_iso)
            .map(|d| crate::thai::format_date_long(d, crate::thai::dates::Digits::Thai))
            .unwrap_or_default()
    };
    let m = monthly::compute(&s.db, id, year).await?;
    let place = place_line(&s, &owner.area_code()).await?;
    let month = crate::reporting::calendar::period_th(&period);
    let sig = signer(&latest);
    let doc = crate::kpi::document::monthly(
        &lao.full_name_th,
        &place,
        &m,
        &month,
        &expected,
        sig.as_ref().map(|(n, p)| (n.as_str(), p.as_str())),
    );
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
