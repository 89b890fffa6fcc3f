//! The model LAO's monthly report (แบบรายงานผลการดำเนินงานตัวชี้วัดที่ ๓.๒), items 1–8, computed
//! from the records of fiscal year Y: village plans and forums of Y in the LAO's coverage, the
//! tambon (integrated) plans of Y, and the local plan and draft budget for year Y+1. Only the
//! dates by which unfinished items are expected, the report number and the reporter are typed.

use super::figures::{self, Figures, Scope};
use super::settings::{self, Settings};
use crate::accounts::User;
use crate::db::Db;
use crate::error::{AppError, Field, Problem, Thing};
use crate::kpi::rates::{self, Rates};
use crate::reporting::{self, NewSubmission, Submission};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Monthly {
    pub lao_id: i64,
    pub fiscal_year: i64,
    /// 1. the LAO's own villages and communities ("() หมู่บ้าน หรือ () ชุมชน").
    pub villages: i64,
    /// how many of item 1 are communities (reports submitted before issue 11 have none).
    #[serde(default)]
    pub communities: i64,
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
    /// issue 11: the tambons the LAO shares that are not yet split, whose villages the figures
    /// leave out until the district assigns them; and the sentence that says so.
    #[serde(default)]
    pub unsplit_tambons: Vec<UnsplitTambon>,
    #[serde(default)]
    pub unsplit_warning: Option<String>,
}

/// A shared tambon not yet split between its LAOs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct UnsplitTambon {
    pub code: String,
    pub name_th: String,
}

/// "ตำบลนี้ยังไม่ได้แบ่งหมู่บ้านระหว่าง อปท. (ตำบลแพรกษา) …", or None when every tambon is split.
pub fn unsplit_warning(tambons: &[UnsplitTambon]) -> Option<String> {
    (!tambons.is_empty()).then(|| {
        let names: Vec<String> = tambons.iter().map(|t| format!("ตำบล{}", t.name_th)).collect();
        format!(
            "ตำบลนี้ยังไม่ได้แบ่งหมู่บ้านระหว่าง อปท. ({}) ตัวเลขข้างต้นจึงยังไม่นับหมู่บ้านของตำบลนี้ จนกว่าอำเภอจะกำหนดหมู่บ้านให้แต่ละ อปท.",
            names.join(", ")
        )
    })
}

impl Monthly {
    pub fn meets_all(&self) -> bool {
        self.criteria.iter().all(|c| *c)
    }
}

/// The report of an LAO that exists (else not found).
pub async fn of_lao(db: &Db, lao_id: i64, year: i64) -> Result<Monthly, AppError> {
    crate::areas::lao(db, lao_id)
        .await?
        .ok_or_else(|| Problem::not_found(Thing::Lao, lao_id))?;
    Ok(compute(db, lao_id, year).await?)
}

/// The report of one LAO: the same statements as the roll-up's (`figures`), for this LAO only.
pub async fn compute(db: &Db, lao_id: i64, year: i64) -> anyhow::Result<Monthly> {
    let settings = settings::for_year(db, year).await?;
    let mut figures = figures::of_scope(db, Scope::Lao(lao_id), year, &[lao_id]).await?;
    let f = figures
        .remove(&lao_id)
        .unwrap_or_else(|| Figures::empty(year));
    Ok(Monthly::of(lao_id, year, f, settings))
}

impl Monthly {
    /// The report of the figures, with the five criteria held against the year's settings.
    pub fn of(lao_id: i64, year: i64, f: Figures, settings: Settings) -> Monthly {
        let rates = f.rates;
        let unsplit: Vec<UnsplitTambon> = f
            .unsplit_tambons
            .into_iter()
            .map(|(code, name_th)| UnsplitTambon { code, name_th })
            .collect();
        let criteria = [
            f.has_working_group && f.has_work_plan,
            f.villages > 0 && f.villages_reviewed == f.villages,
            f.tambons > 0 && f.tambons_integrated == f.tambons && f.missing_dimensions.is_empty(),
            settings.meets_local(&rates),
            settings.meets_budget(&rates),
        ];
        Monthly {
            lao_id,
            fiscal_year: year,
            villages: f.villages,
            communities: f.communities,
            has_working_group: f.has_working_group,
            has_work_plan: f.has_work_plan,
            villages_reviewed: f.villages_reviewed,
            tambons_integrated: f.tambons_integrated,
            tambons: f.tambons,
            integration_forum_on: f.integration_forum_on,
            integrated_projects: rates.integrated,
            missing_dimensions: f.missing_dimensions,
            rates,
            settings,
            criteria,
            unsplit_warning: unsplit_warning(&unsplit),
            unsplit_tambons: unsplit,
        }
    }
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
fn agrees(field: Field, typed: &str, computed: Option<i64>) -> Result<(), AppError> {
    let t = crate::thai::to_arabic_digits(typed.trim())
        .trim_end_matches('%')
        .trim()
        .to_string();
    if t.is_empty() {
        return Ok(());
    }
    let value: f64 = t.parse().map_err(|_| {
        AppError::from(Problem::NotPercent {
            field,
            typed: typed.to_string(),
        })
    })?;
    let typed_x100 = (value * 100.0).round() as i64;
    match computed {
        Some(c) if c == typed_x100 => Ok(()),
        c => Err(Problem::PercentDisagrees {
            field,
            typed: t,
            computed: rates::format_pct(c),
        }
        .into()),
    }
}

/// Whether the user may report for an LAO: its officers, or those above it.
pub async fn may_submit(
    db: &Db,
    user: Option<&User>,
    lao: &crate::areas::Lao,
) -> anyhow::Result<bool> {
    crate::plans::access::may_write(db, user, &crate::plans::Owner::Lao(lao.clone())).await
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
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::Lao, lao_id)))?;
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
        return Err(Problem::NotModelLao {
            lao: lao.full_name_th.clone(),
            year,
        }
        .into());
    }
    let period = check_period(&input.period, year)?;
    let district = super::model_laos::district_of(db, year, lao_id).await?;
    let m = compute(db, lao_id, year).await?;
    agrees(Field::Item7, &input.local_pct, m.rates.local_pct_x100)?;
    agrees(Field::Item8, &input.budget_pct, m.rates.budget_pct_x100)?;
    let mut expected = serde_json::Map::new();
    for (item, date) in &input.expected {
        if date.trim().is_empty() {
            continue;
        }
        let d = crate::thai::parse_date(date).map_err(|error| Problem::ExpectedDate {
            item: item.clone(),
            error,
        })?;
        expected.insert(item.clone(), serde_json::json!(d.to_string()));
    }
    // the chain has moved on once the district forwarded this LAO's report of the month: read
    // under the lock the district's forward takes, through the transaction (a transaction that
    // holds a lock never waits for a second connection)
    let mut tx = db.begin_write().await?;
    if let Some(district) = &district {
        tx.lock(&reporting::forwards::lock_key(district, year, &period))
            .await?;
    }
    if let Some(district) = &district
        && reporting::forwards::carried_by(
            &mut tx,
            reporting::KPI32_DISTRICT,
            district,
            year,
            &period,
            &owner.key(),
        )
        .await?
        .is_some()
    {
        drop(tx);
        let d = crate::areas::get(db, district)
            .await?
            .map(|a| a.name_th)
            .unwrap_or_default();
        return Err(Problem::Chain(crate::error::ChainProblem::MovedOn {
            period_th: reporting::calendar::period_th(&period),
            by: format!("สถ.อ.{d}"),
        })
        .into());
    }
    if let Some(used) = reporting::forwards::report_no_used(
        &mut tx,
        reporting::KPI32_MONTHLY,
        &owner.key(),
        year,
        &period,
        &input.report_no,
    )
    .await?
    {
        return Err(Problem::Chain(crate::error::ChainProblem::ReportNoUsed {
            no: input.report_no.trim().to_string(),
            period_th: reporting::calendar::period_th(&used),
        })
        .into());
    }
    let s = reporting::submissions::submit(
        &mut tx,
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
    let bad = || {
        AppError::from(Problem::MonthFormat {
            typed: typed.to_string(),
        })
    };
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
        return Err(Problem::MonthOutsideYear { month: t, year }.into());
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
        assert!(agrees(Field::Item7, "", Some(3333)).is_ok());
        assert!(agrees(Field::Item7, "33.33", Some(3333)).is_ok());
        assert!(agrees(Field::Item7, "๓๓.๓๓%", Some(3333)).is_ok());
        assert!(agrees(Field::Item7, "35", Some(3333)).is_err());
        assert!(agrees(Field::Item7, "30", None).is_err());
    }
}

/// The items whose figures differ between a submitted report and today's (issue 12: "ข้อ ๗
/// 30.00 → 31.67 since the report of 25 มิ.ย."), in the form's order.
pub fn changes(then: &Monthly, now: &Monthly) -> Vec<crate::reporting::signed::Changed> {
    use crate::kpi::rates::format_pct;
    let yes = |b: bool| if b { "มี" } else { "ไม่มี" }.to_string();
    let items: [(&str, String, String); 8] = [
        ("ข้อ ๑", then.villages.to_string(), now.villages.to_string()),
        (
            "ข้อ ๒",
            yes(then.has_working_group),
            yes(now.has_working_group),
        ),
        ("ข้อ ๓", yes(then.has_work_plan), yes(now.has_work_plan)),
        (
            "ข้อ ๔",
            format!("{}/{}", then.villages_reviewed, then.villages),
            format!("{}/{}", now.villages_reviewed, now.villages),
        ),
        (
            "ข้อ ๕",
            format!("{}/{}", then.tambons_integrated, then.tambons),
            format!("{}/{}", now.tambons_integrated, now.tambons),
        ),
        (
            "ข้อ ๖",
            then.integrated_projects.to_string(),
            now.integrated_projects.to_string(),
        ),
        (
            "ข้อ ๗",
            format_pct(then.rates.local_pct_x100),
            format_pct(now.rates.local_pct_x100),
        ),
        (
            "ข้อ ๘",
            format_pct(then.rates.budget_pct_x100),
            format_pct(now.rates.budget_pct_x100),
        ),
    ];
    items
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(item, then, now)| crate::reporting::signed::Changed {
            item: item.to_string(),
            then,
            now,
        })
        .collect()
}

/// How today's figures differ from the LAO's last report of the year (any month), if any.
pub async fn since_submitted(
    db: &Db,
    lao: &crate::areas::Lao,
    now: &Monthly,
) -> Result<Option<crate::reporting::signed::SinceSubmitted>, AppError> {
    let key = crate::plans::Owner::Lao(lao.clone()).key();
    let Some(last) =
        reporting::submissions::latest_of_year(db, reporting::KPI32_MONTHLY, &key, now.fiscal_year)
            .await?
    else {
        return Ok(None);
    };
    let last = crate::reporting::signed::Signed::<Monthly>::read(&last, "report")?;
    let changes = changes(&last.report, now);
    Ok(
        (!changes.is_empty()).then_some(crate::reporting::signed::SinceSubmitted {
            version: last.version,
            submitted_on: last.submitted_on,
            changes,
        }),
    )
}
