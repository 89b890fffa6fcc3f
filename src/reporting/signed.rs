//! What was signed: a submission read back as the report it froze — its figures and rows, the
//! signer and position, the report number — so that its documents print the same for ever,
//! whatever the records do afterwards. A payload that no longer reads as its report is an
//! error, never a report of zeros.

use super::submissions::{self, Submission};
use crate::db::Db;
use crate::error::{AppError, Problem, Thing};
use serde::de::DeserializeOwned;

/// A submitted report as it was signed.
#[derive(Debug, Clone)]
pub struct Signed<T> {
    /// The report, under the payload's `key` ("report", or "rows" for a register).
    pub report: T,
    pub version: i64,
    /// When it was submitted (ISO, UTC).
    pub submitted_at: String,
    /// The day it was submitted, in Thailand.
    pub submitted_on: time::Date,
    pub signed_by: String,
    pub position: String,
    pub report_no: String,
    /// The whole payload, for the report's own typed texts (problems, expected dates).
    pub payload: serde_json::Value,
}

impl<T: DeserializeOwned> Signed<T> {
    pub fn read(s: &Submission, key: &str) -> anyhow::Result<Signed<T>> {
        let payload: serde_json::Value = serde_json::from_str(&s.payload_json)?;
        let report = T::deserialize(&payload[key]).map_err(|e| {
            anyhow::anyhow!(
                "submission {} ({} v{}): {key} unreadable: {e}",
                s.id,
                s.kind,
                s.version
            )
        })?;
        let text = |k: &str| payload[k].as_str().unwrap_or("").to_string();
        let submitted_on = time::OffsetDateTime::parse(
            &s.submitted_at,
            &time::format_description::well_known::Rfc3339,
        )
        .map(|t| t.to_offset(time::macros::offset!(+7)).date())?;
        Ok(Signed {
            report,
            version: s.version,
            submitted_at: s.submitted_at.clone(),
            submitted_on,
            signed_by: text("signed_by"),
            position: text("position"),
            report_no: text("report_no"),
            payload,
        })
    }
}

/// Which version a document prints: the one asked for, else the latest; None when none was
/// submitted. A version that does not exist is not found.
pub async fn pick<T: DeserializeOwned>(
    db: &Db,
    kind: &str,
    unit_key: &str,
    fiscal_year: i64,
    period: &str,
    key: &str,
    version: Option<i64>,
) -> Result<Option<Signed<T>>, AppError> {
    let history = submissions::history(db, kind, unit_key, fiscal_year, period).await?;
    let chosen = match version {
        None => history.first(),
        Some(v) => Some(
            history
                .iter()
                .find(|s| s.version == v)
                .ok_or_else(|| AppError::from(Problem::not_found(Thing::Record, v)))?,
        ),
    };
    Ok(match chosen {
        Some(s) => Some(Signed::read(s, key)?),
        None => None,
    })
}

impl<T> Signed<T> {
    /// The document carries its submission: the signer's date, and the report's number and
    /// date under the title.
    pub fn stamp(&self, doc: &mut crate::documents::Document) {
        use crate::thai::{dates::Digits, format_date_long, to_thai_digits};
        self.sign(doc);
        let no = match self.report_no.trim() {
            "" => String::new(),
            n => format!("เลขที่รายงาน {} ", to_thai_digits(n)),
        };
        doc.subtitle.push(format!(
            "{no}ลงวันที่ {} (ฉบับที่ {})",
            format_date_long(self.submitted_on, Digits::Thai),
            to_thai_digits(&self.version.to_string())
        ));
    }
}

impl<T> Signed<T> {
    /// The signature block carries the signer, position and the day it was submitted.
    pub fn sign(&self, doc: &mut crate::documents::Document) {
        if let Some(s) = doc.signature.as_mut() {
            s.name = self.signed_by.clone();
            s.position = self.position.clone();
            s.date = Some(self.submitted_on);
        }
    }
}

/// A document printed from today's records rather than a submission says so under its title.
pub fn mark_draft(doc: &mut crate::documents::Document, today: time::Date) {
    use crate::thai::{dates::Digits, format_date_long};
    doc.subtitle.push(format!(
        "ฉบับร่างจากข้อมูล ณ วันที่ {} (ยังไม่ได้ส่ง)",
        format_date_long(today, Digits::Thai)
    ));
    if let Some(s) = doc.signature.as_mut() {
        s.name.clear();
        s.position.clear();
        s.date = None;
    }
}

/// One figure that differs between the last submission and today's records.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Changed {
    /// "ข้อ ๗", "(๓)".
    pub item: String,
    pub then: String,
    pub now: String,
}

/// Since which submission the figures changed, and how.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct SinceSubmitted {
    pub version: i64,
    pub submitted_on: time::Date,
    pub changes: Vec<Changed>,
}
