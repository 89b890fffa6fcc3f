//! KPI 3.2's numbers that change by year — the two thresholds, the score bands and the
//! national base of model LAOs — kept as data and edited by a national administrator.

use crate::accounts::{Role, ScopeLevel, User};
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::error::{AppError, Field, Problem};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct Settings {
    /// The year these settings were set for (the newest at or before the year asked).
    pub fiscal_year: i64,
    pub local_threshold_pct: i64,
    pub budget_threshold_pct: i64,
    /// KPI percent at which scores 1, 2, … are reached.
    pub score_bands: Vec<i64>,
    pub base_count: i64,
}

impl Settings {
    /// Item 4 (monthly item 7): enough of the integrated plan's projects in the local plan.
    pub fn meets_local(&self, rates: &crate::kpi::rates::Rates) -> bool {
        rates
            .local_pct_x100
            .is_some_and(|p| p >= self.local_threshold_pct * 100)
    }

    /// Item 5 (monthly item 8): enough of those in the draft budget.
    pub fn meets_budget(&self, rates: &crate::kpi::rates::Rates) -> bool {
        rates
            .budget_pct_x100
            .is_some_and(|p| p >= self.budget_threshold_pct * 100)
    }
}

pub async fn for_year(db: &Db, year: i64) -> anyhow::Result<Settings> {
    let row: Option<(i64, i64, i64, String, i64)> = db::query_as(
        "SELECT fiscal_year, local_threshold_pct, budget_threshold_pct, score_bands, base_count FROM kpi_settings \
         ORDER BY CASE WHEN fiscal_year <= $1 THEN 0 ELSE 1 END, CASE WHEN fiscal_year <= $1 THEN -fiscal_year ELSE fiscal_year END LIMIT 1",
    )
    .bind(year)
    .fetch_optional(db)
    .await?;
    let (fiscal_year, local, budget, bands, base) =
        row.ok_or_else(|| anyhow::anyhow!("kpi_settings is empty"))?;
    Ok(Settings {
        fiscal_year,
        local_threshold_pct: local,
        budget_threshold_pct: budget,
        score_bands: parse_bands(&bands).map_err(|e| {
            anyhow::anyhow!("kpi_settings {fiscal_year}: stored score bands {bands:?}: {e}")
        })?,
        base_count: base,
    })
}

/// "60,65,70,75,80" (Thai digits too): rising percentages.
pub fn parse_bands(s: &str) -> Result<Vec<i64>, String> {
    let bands: Vec<i64> = crate::thai::to_arabic_digits(s)
        .split([',', ' '])
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            p.trim()
                .parse::<i64>()
                .map_err(|_| format!("“{}” ไม่ใช่ตัวเลข", p.trim()))
        })
        .collect::<Result<_, _>>()?;
    if bands.is_empty()
        || bands.windows(2).any(|w| w[0] >= w[1])
        || bands.iter().any(|b| !(0..=100).contains(b))
    {
        return Err("เกณฑ์คะแนนต้องเป็นร้อยละเรียงจากน้อยไปมาก เช่น 60,65,70,75,80".into());
    }
    Ok(bands)
}

/// The score of a KPI value (percent × 100) under the bands, interpolated linearly between
/// bands as the Ministry's scoring does, ×100 (350 = 3.50); 0 below the first band.
pub fn score_x100(value_x100: i64, bands: &[i64]) -> i64 {
    let Some(first) = bands.first() else { return 0 };
    if value_x100 < first * 100 {
        return 0;
    }
    for (i, w) in bands.windows(2).enumerate() {
        let (lo, hi) = (w[0] * 100, w[1] * 100);
        if value_x100 < hi {
            return (i as i64 + 1) * 100 + (value_x100 - lo) * 100 / (hi - lo);
        }
    }
    bands.len() as i64 * 100
}

/// Sets a year's figures; national administrators only.
pub async fn save(
    db: &Db,
    user: &User,
    year: i64,
    local: &str,
    budget: &str,
    bands: &str,
    base: &str,
) -> Result<(), AppError> {
    if user.role != Role::Admin || user.scope.level != ScopeLevel::National {
        let p = Problem::KpiSettingsByNationalAdmins;
        let m = p.message(crate::i18n::Lang::Th);
        crate::accounts::record_denied(db, user, "kpi_settings", &year.to_string(), "write", &m)
            .await?;
        return Err(p.into());
    }
    let pct = |field: Field, s: &str| match crate::thai::parse_int(s) {
        Ok(n @ 0..=100) => Ok(n),
        _ => Err(AppError::from(Problem::Range {
            field,
            typed: s.to_string(),
            min: 0,
            max: 100,
        })),
    };
    let local = pct(Field::LocalThreshold, local)?;
    let budget = pct(Field::BudgetThreshold, budget)?;
    let bands_v = parse_bands(bands).map_err(|detail| Problem::ScoreBands { detail })?;
    let base = match crate::thai::parse_int(base) {
        Ok(n) if n > 0 => n,
        _ => {
            return Err(Problem::NotValid {
                field: Field::BaseCount,
                typed: base.to_string(),
            }
            .into());
        }
    };
    // the base is the number of model LAOs the value divides by: never fewer than designated
    let designated: i64 = db::query_scalar(
        "SELECT CAST(COUNT(DISTINCT lao_id) AS BIGINT) FROM model_laos WHERE fiscal_year = $1 AND replaced_at IS NULL",
    )
    .bind(year)
    .fetch_one(db)
    .await?;
    if base < designated {
        return Err(Problem::BaseBelowDesignated {
            base,
            designated,
            year,
        }
        .into());
    }
    let bands_text = bands_v
        .iter()
        .map(|b| b.to_string())
        .collect::<Vec<_>>()
        .join(",");
    let mut tx = db.begin_write().await?;
    let before: Option<(i64, i64, String, i64)> = db::query_as(
        "SELECT local_threshold_pct, budget_threshold_pct, score_bands, base_count FROM kpi_settings WHERE fiscal_year = $1",
    )
    .bind(year)
    .fetch_optional(&mut tx)
    .await?;
    db::query("DELETE FROM kpi_settings WHERE fiscal_year = $1")
        .bind(year)
        .execute(&mut tx)
        .await?;
    db::query(
        "INSERT INTO kpi_settings (fiscal_year, local_threshold_pct, budget_threshold_pct, score_bands, base_count, updated_at, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(year)
    .bind(local)
    .bind(budget)
    .bind(&bands_text)
    .bind(base)
    .bind(now_text())
    .bind(&user.username)
    .execute(&mut tx)
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "update",
            entity: "kpi_settings",
            entity_key: year.to_string(),
            area_code: String::new(),
            lao_id: None,
            before: before.map(|b| serde_json::json!({"local": b.0, "budget": b.1, "bands": b.2, "base": b.3})),
            after: Some(serde_json::json!({"local": local, "budget": budget, "bands": bands_text, "base": base})),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_follow_the_bands() {
        let bands = [60, 65, 70, 75, 80];
        assert_eq!(score_x100(5999, &bands), 0);
        assert_eq!(score_x100(6000, &bands), 100);
        assert_eq!(score_x100(6250, &bands), 150);
        assert_eq!(score_x100(8257, &bands), 500);
        assert_eq!(score_x100(7800, &bands), 460);
        assert_eq!(parse_bands("๖๐,๖๕,๗๐,๗๕,๘๐").unwrap(), bands.to_vec());
        assert!(parse_bands("60,55").is_err());
    }
}
