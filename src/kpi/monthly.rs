//! The model LAO's monthly report (แบบรายงานผลการดำเนินงานตัวชี้วัดที่ ๓.๒), items 1–8, computed
//! from the records of fiscal year Y: village plans and forums of Y in the LAO's coverage, the
//! tambon (integrated) plans of Y, and the local plan and draft budget for year Y+1. Only the
//! dates by which unfinished items are expected, the report number and the reporter are typed.

use super::settings::{self, Settings};
use crate::accounts::User;
use crate::db::Db;
use crate::error::AppError;
use crate::plans::rates::{self, Rates};
use crate::reporting::{self, NewSubmission, Submission};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Monthly {
    pub lao_id: i64,
    pub fiscal_year: i64,
    /// 1. villages in the LAO's coverage.
    pub villages: i64,
    /// 2. a working group with an appointment order.
    pub has_working_group: bool,
    /// 3. the working group's joint work plan.
    pub has_work_plan: bool,
    /// 4. villages whose plan was reviewed in a forum and covers the three core dimensions.
    pub villages_reviewed: i64,
    /// 5. covered tambons whose integration forum is recorded, of all covered tambons, and the latest date.
    pub tambons_integrated: i64,
    pub tambons: i64,
    pub integration_forum_on: Option<String>,
    /// 6. the integrated plans' projects, and the core dimensions they lack.
    pub integrated_projects: i64,
    pub missing_dimensions: Vec<String>,
    /// 7 and 8.
    pub rates: Rates,
    pub settings: Settings,
    /// The five criteria of section 8.
    pub criteria: [bool; 5],
}

impl Monthly {
    pub fn meets_all(&self) -> bool {
        self.criteria.iter().all(|c| *c)
    }
}

pub async fn compute(db: &Db, lao_id: i64, year: i64) -> anyhow::Result<Monthly> {
    let settings = settings::for_year(db, year).await?;
    let coverage = "SELECT area_code FROM lao_coverage WHERE lao_id = $1";
    let villages: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM areas WHERE level = 'village' AND parent_code IN ({coverage})"
    )))
    .bind(lao_id)
    .fetch_one(&db.pool)
    .await?;
    let has_working_group: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM committees c JOIN committee_orders o ON o.committee_id = c.id \
         WHERE c.kind = 'lao_working_group' AND c.lao_id = $1 AND o.fiscal_year <= $2",
    )
    .bind(lao_id)
    .bind(year)
    .fetch_one(&db.pool)
    .await?;
    let has_work_plan: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM working_group_plans WHERE lao_id = $1 AND fiscal_year = $2",
    )
    .bind(lao_id)
    .bind(year)
    .fetch_one(&db.pool)
    .await?;
    let core_sql = "(SELECT COUNT(DISTINCT p.dimension) FROM plan_items i JOIN projects p ON p.id = i.project_id \
                    JOIN dimensions d ON d.code = p.dimension WHERE i.plan_id = pl.id AND d.core = 1) \
                    = (SELECT COUNT(*) FROM dimensions WHERE core = 1)";
    let villages_reviewed: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM areas v JOIN plans pl ON pl.kind = 'village' AND pl.owner_key = v.code AND pl.first_year = $2 \
         WHERE v.level = 'village' AND v.parent_code IN ({coverage}) \
           AND EXISTS (SELECT 1 FROM forums f WHERE f.plan_id = pl.id) AND {core_sql}"
    )))
    .bind(lao_id)
    .bind(year)
    .fetch_one(&db.pool)
    .await?;
    let (tambons, tambons_integrated, forum_on): (i64, i64, Option<String>) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT CAST(COUNT(*) AS BIGINT), \
                CAST(COALESCE(SUM(CASE WHEN EXISTS (SELECT 1 FROM forums f WHERE f.plan_id = pl.id) THEN 1 ELSE 0 END), 0) AS BIGINT), \
                MAX((SELECT MAX(f.held_on) FROM forums f WHERE f.plan_id = pl.id)) \
         FROM ({coverage}) c LEFT JOIN plans pl ON pl.kind = 'tambon' AND pl.owner_key = c.area_code AND pl.first_year = $2"
    )))
    .bind(lao_id)
    .bind(year)
    .fetch_one(&db.pool)
    .await?;
    let dims: Vec<(String, String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT d.code, d.name_th, CAST((SELECT COUNT(*) FROM plan_items i JOIN plans pl ON pl.id = i.plan_id \
              JOIN projects p ON p.id = i.project_id WHERE pl.kind = 'tambon' AND pl.first_year = $2 \
              AND pl.owner_key IN ({coverage}) AND p.dimension = d.code AND p.merged_into IS NULL) AS BIGINT) \
         FROM dimensions d WHERE d.core = 1 ORDER BY d.sort"
    )))
    .bind(lao_id)
    .bind(year)
    .fetch_all(&db.pool)
    .await?;
    let missing_dimensions: Vec<String> = dims
        .iter()
        .filter(|d| d.2 == 0)
        .map(|d| d.1.clone())
        .collect();
    let rates = rates::for_lao(db, lao_id, year + 1).await?;
    let criteria = [
        has_working_group > 0 && has_work_plan > 0,
        villages > 0 && villages_reviewed == villages,
        tambons > 0 && tambons_integrated == tambons && missing_dimensions.is_empty(),
        rates
            .local_pct_x100
            .is_some_and(|p| p >= settings.local_threshold_pct * 100),
        rates
            .budget_pct_x100
            .is_some_and(|p| p >= settings.budget_threshold_pct * 100),
    ];
    Ok(Monthly {
        lao_id,
        fiscal_year: year,
        villages,
        has_working_group: has_working_group > 0,
        has_work_plan: has_work_plan > 0,
        villages_reviewed,
        tambons_integrated,
        tambons,
        integration_forum_on: forum_on,
        integrated_projects: rates.integrated,
        missing_dimensions,
        rates,
        settings,
        criteria,
    })
}

/// What the reporter types: the report's number, when unfinished items are expected, and who signs.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct MonthlyInput {
    /// 'YYYY-MM' (CE) of the month reported.
    pub period: String,
    pub report_no: String,
    /// Expected dates for items not yet done, keyed "2".."8".
    pub expected: std::collections::BTreeMap<String, String>,
    /// A percentage the reporter worked out for item 7 or 8, if any: refused when it disagrees with the counts.
    pub local_pct: String,
    pub budget_pct: String,
}

/// Refuses a typed percentage that is not the one the counts give (to two decimals).
fn agrees(label: &str, typed: &str, computed: Option<i64>) -> Result<(), AppError> {
    let t = crate::thai::to_arabic_digits(typed.trim())
        .trim_end_matches('%')
        .trim()
        .to_string();
    if t.is_empty() {
        return Ok(());
    }
    let value: f64 = t
        .parse()
        .map_err(|_| AppError::Invalid(format!("{label}: “{typed}” ไม่ใช่ร้อยละ")))?;
    let typed_x100 = (value * 100.0).round() as i64;
    match computed {
        Some(c) if c == typed_x100 => Ok(()),
        c => Err(AppError::Invalid(format!(
            "{label}: ร้อยละที่กรอก ({t}) ไม่ตรงกับที่คำนวณจากจำนวนโครงการ ({}) ระบบใช้ค่าที่คำนวณจากข้อมูลเท่านั้น",
            rates::format_pct(c)
        ))),
    }
}

pub async fn submit(
    db: &Db,
    user: &User,
    lao_id: i64,
    year: i64,
    input: &MonthlyInput,
) -> Result<Submission, AppError> {
    let lao = crate::areas::lao(db, lao_id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("ไม่พบ อปท. รหัส {lao_id}")))?;
    let owner = crate::plans::Owner::Lao(lao.clone());
    crate::plans::access::check_owner_write(
        db,
        user,
        &owner,
        reporting::KPI32_MONTHLY,
        &owner.key(),
    )
    .await?;
    if !super::model_laos::is_model(db, year, lao_id).await? {
        return Err(AppError::Invalid(format!(
            "{} ไม่ได้เป็น อปท. ต้นแบบของปีงบประมาณ {year}",
            lao.full_name_th
        )));
    }
    let period = check_period(&input.period, year)?;
    let m = compute(db, lao_id, year).await?;
    agrees("ข้อ ๗", &input.local_pct, m.rates.local_pct_x100)?;
    agrees("ข้อ ๘", &input.budget_pct, m.rates.budget_pct_x100)?;
    let mut expected = serde_json::Map::new();
    for (item, date) in &input.expected {
        if date.trim().is_empty() {
            continue;
        }
        let d = crate::thai::parse_date(date)
            .map_err(|e| AppError::Invalid(format!("ข้อ {item} คาดว่าจะแล้วเสร็จ: {e}")))?;
        expected.insert(item.clone(), serde_json::json!(d.to_string()));
    }
    let mut tx = db.begin_write().await?;
    let s = reporting::submissions::submit(
        tx.conn(),
        user,
        NewSubmission {
            kind: reporting::KPI32_MONTHLY,
            unit_key: owner.key(),
            area_code: owner.area_code(),
            lao_id: Some(lao_id),
            fiscal_year: year,
            period,
            payload: serde_json::json!({
                "report": m, "meets_all": m.meets_all(), "report_no": input.report_no.trim(),
                "expected": expected, "signed_by": user.display_name, "position": user.position,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(s)
}

/// A month of the fiscal year as 'YYYY-MM' (CE); Thai digits and BE years are read too.
pub fn check_period(typed: &str, year: i64) -> Result<String, AppError> {
    let t = crate::thai::to_arabic_digits(typed.trim());
    let bad = || AppError::Invalid(format!("เดือนที่รายงาน: “{typed}” ใช้รูปแบบ ปี-เดือน เช่น 2026-05"));
    let (y, m) = t.split_once(['-', '/']).ok_or_else(bad)?;
    let (mut y, m): (i64, i64) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if y > 2400 {
        y -= 543;
    }
    if !(1..=12).contains(&m) {
        return Err(bad());
    }
    let fy = if m >= 10 { y + 1 + 543 } else { y + 543 };
    if fy != year {
        return Err(AppError::Invalid(format!(
            "เดือนที่รายงาน {t} ไม่อยู่ในปีงบประมาณ {year}"
        )));
    }
    Ok(format!("{y:04}-{m:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_belong_to_their_fiscal_year() {
        assert_eq!(check_period("2026-05", 2569).unwrap(), "2026-05");
        assert_eq!(check_period("๒๕๖๙-๐๕", 2569).unwrap(), "2026-05");
        assert_eq!(check_period("2025-10", 2569).unwrap(), "2025-10");
        assert!(check_period("2026-10", 2569).is_err());
        assert!(check_period("May", 2569).is_err());
    }

    #[test]
    fn a_typed_percentage_must_match_the_counts() {
        assert!(agrees("ข้อ ๗", "", Some(3333)).is_ok());
        assert!(agrees("ข้อ ๗", "33.33", Some(3333)).is_ok());
        assert!(agrees("ข้อ ๗", "๓๓.๓๓%", Some(3333)).is_ok());
        assert!(agrees("ข้อ ๗", "35", Some(3333)).is_err());
        assert!(agrees("ข้อ ๗", "30", None).is_err());
    }
}
