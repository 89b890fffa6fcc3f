//! Forwards: a submission that carries reports of the level below up the chain (a district's
//! KPI 3.2 reports to the province, a province's to the department). Its payload lists the
//! unit keys it carries under "carries", so any step can ask whether the chain has moved on
//! past a report without reading the report itself.

use super::submissions::{self, Submission};

/// The units a forward carries.
pub fn carries(s: &Submission) -> anyhow::Result<Vec<String>> {
    let payload: serde_json::Value = serde_json::from_str(&s.payload_json)?;
    let list = payload["carries"].as_array().ok_or_else(|| {
        anyhow::anyhow!(
            "forward {} ({} v{}) lists nothing it carries",
            s.id,
            s.kind,
            s.version
        )
    })?;
    list.iter()
        .map(|k| {
            k.as_str()
                .map(str::to_string)
                .ok_or_else(|| anyhow::anyhow!("forward {}: a carried unit is not text", s.id))
        })
        .collect()
}

/// The newest forward of `unit_above` for the period, if it carries `unit`.
pub async fn carried_by<'e>(
    e: impl crate::db::Executor<'e>,
    kind_above: &str,
    unit_above: &str,
    fiscal_year: i64,
    period: &str,
    unit: &str,
) -> anyhow::Result<Option<Submission>> {
    let Some(s) = submissions::latest(e, kind_above, unit_above, fiscal_year, period).await? else {
        return Ok(None);
    };
    Ok(carries(&s)?.iter().any(|k| k == unit).then_some(s))
}

/// A report number used by another period's report of the unit in the year, if any: the
/// period it was used for.
pub async fn report_no_used<'e>(
    e: impl crate::db::Executor<'e>,
    kind: &str,
    unit_key: &str,
    fiscal_year: i64,
    period: &str,
    report_no: &str,
) -> anyhow::Result<Option<String>> {
    let no = crate::thai::to_arabic_digits(report_no.trim());
    if no.is_empty() {
        return Ok(None);
    }
    let rows: Vec<(String, String)> = crate::db::query_as(
        "SELECT period, payload_json FROM submissions WHERE kind = $1 AND unit_key = $2 AND fiscal_year = $3 AND period <> $4",
    )
    .bind(kind)
    .bind(unit_key)
    .bind(fiscal_year)
    .bind(period)
    .fetch_all(e)
    .await?;
    for (p, payload) in rows {
        let v: serde_json::Value = serde_json::from_str(&payload)?;
        if v["report_no"]
            .as_str()
            .is_some_and(|n| crate::thai::to_arabic_digits(n.trim()) == no)
        {
            return Ok(Some(p));
        }
    }
    Ok(None)
}

/// The lock that a unit's forward of a period and every report it may carry take (see
/// `Tx::lock`): a report sent while its forward is being decided waits, and then finds the
/// chain moved on; a forward decided while a report is being sent sees it.
pub fn lock_key(unit_above: &str, fiscal_year: i64, period: &str) -> String {
    format!("forward {unit_above} {fiscal_year} {period}")
}

/// Submits a forward as the next version of `unit`'s report of the period, inside the
/// caller's transaction (which holds `lock_key`): the report under "report", what it carries,
/// its number, and who signed.
#[allow(clippy::too_many_arguments)]
pub async fn send(
    tx: &mut crate::db::Tx,
    user: &crate::accounts::User,
    kind: &'static str,
    unit: &str,
    fiscal_year: i64,
    period: String,
    report: impl serde::Serialize,
    carries: Vec<String>,
    report_no: &str,
) -> Result<Submission, crate::error::AppError> {
    submissions::submit(
        tx,
        user,
        super::NewSubmission {
            kind,
            unit_key: unit.to_string(),
            area_code: unit.to_string(),
            lao_id: None,
            fiscal_year,
            period,
            payload: serde_json::json!({
                "report": report, "carries": carries, "report_no": report_no.trim(),
                "signed_by": user.display_name, "position": user.position,
            }),
        },
    )
    .await
}
