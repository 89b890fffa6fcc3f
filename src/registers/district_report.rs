//! The district progress report (แบบรายงานผลการดำเนินงาน … การจัดทำและประสานแผนพัฒนาตำบล): of the
//! district's N target tambons, how many (1) appointed or updated ก.บ.ต.; (2) held a ก.บ.ต.
//! meeting to make the tambon plan; (3) made a plan complete in every required component;
//! (4) finished it on time and sent it; (5) did (3) and (4) and evaluated it. Computed from the
//! records; only the problems and suggestions are typed.

use crate::accounts::User;
use crate::db::{self, Db};
use crate::error::{AppError, Problem, Thing};
use crate::reporting::{self, NewSubmission, Submission};
use serde::{Deserialize, Serialize};

/// The five items as the form words them (FORMS.md section 1), each counted in ตำบล.
pub const ITEMS: [&str; 5] = [
    "มีการแต่งตั้งหรือปรับปรุงกลไกคณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.)",
    "มีการจัดประชุมคณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.) เพื่อจัดทำแผนพัฒนาตำบล",
    "มีการจัดทำแผนพัฒนาตำบลครบถ้วนตามองค์ประกอบของแผนพัฒนาตำบลที่กรมการพัฒนาชุมชนกำหนด",
    "จัดทำแผนพัฒนาตำบลแล้วเสร็จตามห้วงระยะเวลาที่กำหนด และจัดส่งให้หน่วยงานที่เกี่ยวข้อง",
    "ครบถ้วนจัดทำแผนพัฒนาตำบลแล้วเสร็จตาม (๓) และ (๔) มีการประเมินผลแผนพัฒนาตำบลตามรูปแบบที่กำหนด",
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TambonRow {
    pub tambon_code: String,
    pub name_th: String,
    /// Items (1) to (5) for this tambon.
    pub met: [bool; 5],
    /// What of items (๓) and (๔) the tambon's plan lacks, as the signer reads it (reports
    /// submitted before issue 12 have none).
    #[serde(default)]
    pub lacks: Vec<String>,
}

/// What item (๔) counts as finished and sent on time, in the words the signer reads (item (๓)'s
/// components are CDD's data: `components`).
pub const SENT: [&str; 2] = ["ส่ง อปท. ภายในกำหนด", "ส่งอำเภอภายในกำหนด"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DistrictReport {
    pub district_code: String,
    pub fiscal_year: i64,
    /// The date by which the plan had to be finished and sent, for item (4).
    pub due_on: String,
    pub target_tambons: i64,
    /// Counts (1) to (5).
    pub counts: [i64; 5],
    pub tambons: Vec<TambonRow>,
}

impl DistrictReport {
    fn empty(district_code: String, fiscal_year: i64, due_on: String) -> DistrictReport {
        DistrictReport {
            district_code,
            fiscal_year,
            due_on,
            target_tambons: 0,
            counts: [0; 5],
            tambons: Vec::new(),
        }
    }
}

/// The nesting every report must respect: (5) ≤ (3), (5) ≤ (4), every count ≤ N.
pub fn check_nesting(n: i64, c: &[i64; 5]) -> Result<(), Problem> {
    if let Some(i) = c.iter().position(|x| *x > n || *x < 0) {
        return Err(Problem::CountOverTargets {
            item: i + 1,
            count: c[i],
            targets: n,
        });
    }
    if c[4] > c[2] || c[4] > c[3] {
        return Err(Problem::FifthOverThirdOrFourth {
            fifth: c[4],
            third: c[2],
            fourth: c[3],
        });
    }
    Ok(())
}

/// The due date for finishing and sending the tambon plan: the calendar's register-1 date, or 31 March.
async fn due_on(db: &Db, year: i64) -> anyhow::Result<String> {
    let due: Option<String> = db::query_scalar(
        "SELECT due_on FROM deadlines WHERE fiscal_year = $1 AND kind = $2 AND period = ''",
    )
    .bind(year)
    .bind(reporting::REGISTER_1)
    .fetch_optional(db)
    .await?;
    Ok(due.unwrap_or_else(|| format!("{}-03-31", year - 543)))
}

/// The districts under an area prefix ($1 and $2, the ends of the codes under it:
/// `db::Query::bind_prefix`), and the facts of their target tambons in one pass ($1 the fiscal
/// year (BE), $2 and $3 the same ends).
pub const SQL: [(&str, &str); 2] = [
    (
        "districts",
        "SELECT code FROM areas WHERE level = 'district' AND code >= $1 AND code < $2 ORDER BY code",
    ),
    (
        "tambons",
        "SELECT a.parent_code AS district_code, t.tambon_code, a.name_th, \
           CAST(CASE WHEN EXISTS (SELECT 1 FROM committees c JOIN committee_orders o ON o.committee_id = c.id \
                WHERE c.kind = 'tambon_board' AND c.area_code = t.tambon_code AND o.fiscal_year = t.fiscal_year) \
                THEN 1 ELSE 0 END AS BIGINT) AS board, \
           CAST(CASE WHEN EXISTS (SELECT 1 FROM committees c JOIN committee_meetings g ON g.committee_id = c.id \
                WHERE c.kind = 'tambon_board' AND c.area_code = t.tambon_code AND g.for_plan_year = t.fiscal_year) \
                THEN 1 ELSE 0 END AS BIGINT) AS board_met, \
           CAST((SELECT COUNT(*) FROM forums f WHERE f.plan_id = pl.id) AS BIGINT) AS forums, \
           CAST((SELECT COUNT(*) FROM plan_items i WHERE i.plan_id = pl.id) AS BIGINT) AS items, \
           CAST((SELECT COUNT(*) FROM plan_items i WHERE i.plan_id = pl.id AND i.rank IS NULL) AS BIGINT) AS unranked, \
           CAST((SELECT COUNT(DISTINCT p.dimension) FROM plan_items i JOIN projects p ON p.id = i.project_id \
                 JOIN dimensions d ON d.code = p.dimension WHERE i.plan_id = pl.id AND d.core = 1) AS BIGINT) AS core_dims, \
           pl.made_quarter, pl.delivered_lao_on, pl.delivered_district_on, pl.evaluated_on \
         FROM target_tambons t JOIN areas a ON a.code = t.tambon_code \
         LEFT JOIN plans pl ON pl.kind = 'tambon' AND pl.owner_key = t.tambon_code AND pl.first_year = t.fiscal_year \
         WHERE t.fiscal_year = $1 AND t.tambon_code >= $2 AND t.tambon_code < $3 ORDER BY t.tambon_code",
    ),
];

#[derive(sqlx::FromRow)]
struct Facts {
    district_code: Option<String>,
    tambon_code: String,
    name_th: String,
    #[sqlx(try_from = "crate::db::Flag")]
    board: bool,
    /// A ก.บ.ต. meeting recorded as held to make this tambon plan.
    #[sqlx(try_from = "crate::db::Flag")]
    board_met: bool,
    forums: i64,
    items: i64,
    unranked: i64,
    core_dims: i64,
    made_quarter: Option<i64>,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    delivered_lao_on: Option<time::Date>,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    delivered_district_on: Option<time::Date>,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    evaluated_on: Option<time::Date>,
}

/// The report of one district as the records stand now.
/// The report of a district that exists (else not found), as computed now.
pub async fn of_district(
    db: &Db,
    district: &str,
    year: i64,
) -> Result<DistrictReport, crate::error::AppError> {
    crate::areas::get(db, district)
        .await?
        .filter(|a| a.level == crate::areas::Level::District)
        .ok_or_else(|| Problem::not_found(Thing::District, district))?;
    Ok(compute(db, district, year).await?)
}

pub async fn compute(db: &Db, district: &str, year: i64) -> anyhow::Result<DistrictReport> {
    let mut all = of_area(db, district, year).await?;
    Ok(match all.iter().position(|r| r.district_code == district) {
        Some(i) => all.swap_remove(i),
        None => DistrictReport::empty(district.to_string(), year, due_on(db, year).await?),
    })
}

/// The reports of every district under an area prefix ("" for the country), in one pass.
pub async fn of_area(db: &Db, prefix: &str, year: i64) -> anyhow::Result<Vec<DistrictReport>> {
    let due = due_on(db, year).await?;
    let districts: Vec<String> = db::query_scalar(SQL[0].1)
        .bind_prefix(prefix)
        .fetch_all(db)
        .await?;
    let facts = db::query_as::<Facts>(SQL[1].1)
        .bind(year)
        .bind_prefix(prefix)
        .fetch_all(db)
        .await?;
    let core: i64 = db::query_scalar("SELECT COUNT(*) FROM dimensions WHERE core = 1")
        .fetch_one(db)
        .await?;
    let required = super::components::for_year(db, year).await?.required;
    let due_date = crate::db::types::parse_iso(&due);
    let on_time =
        |d: &Option<time::Date>| matches!((d, due_date), (Some(d), Some(due)) if *d <= due);
    let mut reports: Vec<DistrictReport> = districts
        .into_iter()
        .map(|d| DistrictReport::empty(d, year, due.clone()))
        .collect();
    for f in facts {
        use super::components::Component;
        let met = |c: Component| match c {
            Component::Forum => f.forums > 0,
            Component::Projects => f.items > 0,
            Component::Ranked => f.items > 0 && f.unranked == 0,
            Component::CoreDimensions => f.core_dims == core,
            Component::MadeOn => f.made_quarter.is_some(),
        };
        let sent_parts = [
            on_time(&f.delivered_lao_on),
            on_time(&f.delivered_district_on),
        ];
        let complete = required.iter().all(|c| met(*c));
        let sent = sent_parts.iter().all(|p| *p);
        let lacks = required
            .iter()
            .filter(|c| !met(**c))
            .map(|c| c.th())
            .chain(
                SENT.iter()
                    .zip(sent_parts)
                    .filter(|(_, m)| !m)
                    .map(|(w, _)| *w),
            )
            .map(str::to_string)
            .collect();
        let row = TambonRow {
            met: [
                f.board,
                f.board_met,
                complete,
                sent,
                complete && sent && f.evaluated_on.is_some(),
            ],
            tambon_code: f.tambon_code,
            name_th: f.name_th,
            lacks,
        };
        let district = f.district_code.unwrap_or_default();
        let i = match reports.binary_search_by(|r| r.district_code.as_str().cmp(&district)) {
            Ok(i) => i,
            Err(i) => {
                reports.insert(i, DistrictReport::empty(district, year, due.clone()));
                i
            }
        };
        let r = &mut reports[i];
        for (c, m) in r.counts.iter_mut().zip(row.met) {
            *c += m as i64;
        }
        r.target_tambons += 1;
        r.tambons.push(row);
    }
    Ok(reports)
}

/// The district report is signed by พัฒนาการอำเภอ, for the district CD office.
pub const SIGNS: crate::accounts::Agency = crate::accounts::Agency::CddDistrict;

/// Whether the user may sign the district's report: an officer of its CD office (พช.อ.).
pub async fn may_sign(
    db: &Db,
    user: Option<&User>,
    area: &crate::areas::Area,
) -> anyhow::Result<bool> {
    Ok(user.is_some_and(|u| u.agency == SIGNS) && super::may_submit(db, user, area).await?)
}

/// Submits the district's report as computed now, with the typed problems and suggestions.
pub async fn submit(
    db: &Db,
    user: &User,
    district: &str,
    year: i64,
    problems: &str,
    suggestions: &str,
) -> Result<Submission, AppError> {
    let area = crate::areas::get(db, district)
        .await?
        .filter(|a| a.level == crate::areas::Level::District)
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::District, district)))?;
    let owner = crate::plans::Owner::Area(area);
    crate::plans::access::check_owner_write(
        db,
        user,
        &owner,
        reporting::DISTRICT_PROGRESS,
        district,
    )
    .await?;
    crate::accounts::agency::require(
        db,
        user,
        &[SIGNS],
        "ลงนามรายงานผลการดำเนินงานระดับอำเภอ",
        reporting::DISTRICT_PROGRESS,
        district,
        district,
    )
    .await?;
    let report = compute(db, district, year).await?;
    if report.target_tambons == 0 {
        return Err(Problem::NoTargetsYet.into());
    }
    check_nesting(report.target_tambons, &report.counts)?;
    let mut tx = db.begin_write().await?;
    let s = reporting::submissions::submit(
        &mut tx,
        user,
        NewSubmission {
            kind: reporting::DISTRICT_PROGRESS,
            unit_key: district.to_string(),
            area_code: district.to_string(),
            lao_id: None,
            fiscal_year: year,
            period: String::new(),
            payload: serde_json::json!({
                "report": report, "problems": problems.trim(), "suggestions": suggestions.trim(),
                "signed_by": user.display_name, "position": user.position, "agency": user.agency,
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(s)
}

/// The counts that differ between a submitted report and today's, (N) and (๑)–(๕).
pub fn changes(
    then: &DistrictReport,
    now: &DistrictReport,
) -> Vec<crate::reporting::signed::Changed> {
    let th = |i: usize| crate::thai::to_thai_digits(&i.to_string());
    std::iter::once(("N".to_string(), then.target_tambons, now.target_tambons))
        .chain((0..5).map(|i| (format!("({})", th(i + 1)), then.counts[i], now.counts[i])))
        .filter(|(_, a, b)| a != b)
        .map(|(item, a, b)| crate::reporting::signed::Changed {
            item,
            then: a.to_string(),
            now: b.to_string(),
        })
        .collect()
}

/// How today's report differs from the last one submitted, if one was and anything changed.
pub async fn since_submitted(
    db: &Db,
    district: &str,
    now: &DistrictReport,
) -> Result<Option<crate::reporting::signed::SinceSubmitted>, crate::error::AppError> {
    let last = crate::reporting::signed::pick::<DistrictReport>(
        db,
        reporting::DISTRICT_PROGRESS,
        district,
        now.fiscal_year,
        "",
        "report",
        None,
    )
    .await?;
    Ok(last.and_then(|l| {
        let changes = changes(&l.report, now);
        (!changes.is_empty()).then_some(crate::reporting::signed::SinceSubmitted {
            version: l.version,
            submitted_on: l.submitted_on,
            changes,
        })
    }))
}

#[cfg(test)]
mod tests {
    use super::check_nesting;

    #[test]
    fn counts_that_break_the_nesting_are_refused() {
        assert!(check_nesting(5, &[5, 4, 3, 3, 2]).is_ok());
        assert!(
            check_nesting(5, &[6, 4, 3, 3, 2])
                .unwrap_err()
                .message(crate::i18n::Lang::Th)
                .contains("ข้อ (1)")
        );
        assert!(
            check_nesting(5, &[5, 4, 2, 3, 3])
                .unwrap_err()
                .message(crate::i18n::Lang::Th)
                .contains("ข้อ (5)")
        );
        assert!(
            check_nesting(5, &[5, 4, 3, 1, 2])
                .unwrap_err()
                .message(crate::i18n::Lang::Th)
                .contains("ข้อ (5)")
        );
    }
}
