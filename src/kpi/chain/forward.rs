//! Forwarding up the chain: the district's สถ.อ. sends its model LAOs' accepted reports of a
//! month to the province as one submission, the province's สถ.จ. sends its districts' forwards
//! to the department. A forward freezes what it carries; sending the same again, sending with
//! reports still awaiting review, or after the level above has moved on is refused.

use super::months::{self, DistrictMonth, ProvinceMonth};
use super::review::{REVIEWS, check_office};
use super::{Carried, CarriedDistrict, DistrictForward, Left, ProvinceForward, Stage, office_th};
use crate::accounts::{Agency, User};
use crate::db::{Db, Tx};
use crate::error::{AppError, ChainProblem, Problem};
use crate::reporting::{
    self, KPI32_DISTRICT, KPI32_MONTHLY, KPI32_PROVINCE, Submission, forwards, submissions,
};

/// Who forwards a province's reports to the department (seed 002 ๓).
pub const FORWARDS_PROVINCE: Agency = Agency::DlaProvince;

fn chain(p: ChainProblem) -> AppError {
    Problem::Chain(p).into()
}

async fn area(db: &Db, code: &str) -> Result<crate::areas::Area, AppError> {
    crate::areas::get(db, code)
        .await?
        .ok_or_else(|| Problem::not_found(crate::error::Thing::AnyArea, code).into())
}

async fn check_report_no(
    tx: &mut Tx,
    kind: &str,
    unit: &str,
    year: i64,
    period: &str,
    report_no: &str,
) -> Result<(), AppError> {
    match forwards::report_no_used(tx, kind, unit, year, period, report_no).await? {
        Some(p) => Err(chain(ChainProblem::ReportNoUsed {
            no: report_no.trim().to_string(),
            period_th: reporting::calendar::period_th(&p),
        })),
        None => Ok(()),
    }
}

/// Whether the user may forward the province's reports: its สถ.จ. officers.
pub async fn may_forward_province(
    db: &Db,
    user: Option<&User>,
    province: &crate::areas::Area,
) -> anyhow::Result<bool> {
    Ok(province.level == crate::areas::Level::Province
        && user.is_some_and(|u| u.agency == FORWARDS_PROVINCE)
        && crate::plans::access::may_write(db, user, &crate::plans::Owner::Area(province.clone()))
            .await?)
}

/// Forwards the month from a district to its province, or from a province to the department.
pub async fn forward(
    db: &Db,
    user: &User,
    code: &str,
    year: i64,
    period: &str,
    report_no: &str,
) -> Result<Submission, AppError> {
    match area(db, code).await?.level {
        crate::areas::Level::District => {
            forward_district(db, user, code, year, period, report_no).await
        }
        crate::areas::Level::Province => {
            forward_province(db, user, code, year, period, report_no).await
        }
        _ => Err(Problem::not_found(crate::error::Thing::AnyArea, code).into()),
    }
}

/// What the district would forward now: the accepted reports, and the LAOs it cannot carry.
pub fn district_forward(m: &DistrictMonth) -> DistrictForward {
    let mut carried = Vec::new();
    let mut left = Vec::new();
    for l in &m.laos {
        match (&l.latest, l.stage) {
            (Some(s), Stage::Accepted) => carried.push(Carried {
                lao_id: l.lao_id,
                lao_name: l.lao_name.clone(),
                district_code: m.district_code.clone(),
                submission_id: s.submission_id,
                version: s.version,
                submitted_on: s.submitted_on,
                late: s.late,
                report: s.report.clone(),
            }),
            _ => left.push(Left {
                unit_key: crate::reporting::expected::lao_unit_key(l.lao_id),
                name_th: l.lao_name.clone(),
                stage: l.stage,
            }),
        }
    }
    DistrictForward {
        district_code: m.district_code.clone(),
        name_th: m.name_th.clone(),
        carried,
        left,
    }
}

pub async fn forward_district(
    db: &Db,
    user: &User,
    district: &str,
    year: i64,
    period: &str,
    report_no: &str,
) -> Result<Submission, AppError> {
    let a = area(db, district).await?;
    let period = crate::kpi::monthly::check_period(period, year)?;
    check_office(
        db,
        user,
        &a,
        REVIEWS,
        "ส่งรายงานตัวชี้วัดที่ ๓.๒ ถึงจังหวัด",
        KPI32_DISTRICT,
    )
    .await?;
    let (m, mut tx) = district_month_held(db, district, year, &period).await?;
    if m.moved_on {
        drop(tx);
        let p = area(db, &district[..2]).await?;
        return Err(chain(ChainProblem::MovedOn {
            period_th: m.period_th.clone(),
            by: office_th(crate::areas::Level::Province, &p.name_th),
        }));
    }
    let awaiting: Vec<&str> = m
        .laos
        .iter()
        .filter(|l| l.stage == Stage::Awaiting)
        .map(|l| l.lao_name.as_str())
        .collect();
    if !awaiting.is_empty() {
        return Err(chain(ChainProblem::AwaitingReview {
            units: awaiting.join(", "),
        }));
    }
    let f = district_forward(&m);
    if f.carried.is_empty() {
        return Err(chain(ChainProblem::NothingToForward {
            period_th: m.period_th.clone(),
        }));
    }
    let ids = |c: &[Carried]| c.iter().map(|c| c.submission_id).collect::<Vec<_>>();
    if let Some(last) = &m.forwarded
        && ids(&last.report.carried) == ids(&f.carried)
    {
        return Err(chain(ChainProblem::AlreadyForwarded {
            period_th: m.period_th.clone(),
            version: last.version,
        }));
    }
    check_report_no(&mut tx, KPI32_DISTRICT, district, year, &period, report_no).await?;
    let carries: Vec<String> = f
        .carried
        .iter()
        .map(|c| crate::reporting::expected::lao_unit_key(c.lao_id))
        .collect();
    let s = forwards::send(
        &mut tx,
        user,
        KPI32_DISTRICT,
        district,
        year,
        period,
        f,
        carries,
        report_no,
    )
    .await?;
    tx.commit().await?;
    Ok(s)
}

/// The district's month, read and then found unchanged under the locks of the province's
/// forward and of the district's, with the transaction that holds them; read again when it
/// changed meanwhile. What is checked under the locks is read through the transaction: one
/// that holds a lock never waits for a second connection.
async fn district_month_held(
    db: &Db,
    district: &str,
    year: i64,
    period: &str,
) -> Result<(DistrictMonth, Tx), AppError> {
    let mut changed = (0, 0);
    for _ in 0..5 {
        let m = months::district(db, district, year, period).await?;
        let mut tx = db.begin_write().await?;
        tx.lock(&forwards::lock_key(&district[..2], year, period))
            .await?;
        tx.lock(&forwards::lock_key(district, year, period)).await?;
        match district_changed(&mut tx, &m).await? {
            None => return Ok((m, tx)),
            Some(c) => changed = c,
        }
    }
    Err(changed_meanwhile(changed))
}

/// The month kept changing while it was read (the version read, the version found).
fn changed_meanwhile((read, now): (i64, i64)) -> AppError {
    Problem::Stale {
        thing: crate::error::Thing::Record,
        expected: read,
        found: Some(now),
    }
    .into()
}

/// The newest version of a unit's report of the month (0: none), read through `tx`.
async fn newest(
    tx: &mut Tx,
    kind: &str,
    unit: &str,
    year: i64,
    period: &str,
) -> anyhow::Result<i64> {
    Ok(submissions::latest(tx, kind, unit, year, period)
        .await?
        .map_or(0, |s| s.version))
}

/// The first of what `m` read that has changed since — a newer report of one of its LAOs, a
/// forward of the district or of its province — as (the version read, the version now).
async fn district_changed(tx: &mut Tx, m: &DistrictMonth) -> anyhow::Result<Option<(i64, i64)>> {
    let (year, period) = (m.fiscal_year, m.period.as_str());
    for l in &m.laos {
        let unit = crate::reporting::expected::lao_unit_key(l.lao_id);
        let read = l.latest.as_ref().map_or(0, |s| s.version);
        let now = newest(tx, KPI32_MONTHLY, &unit, year, period).await?;
        if read != now {
            return Ok(Some((read, now)));
        }
    }
    let read = m.forwarded.as_ref().map_or(0, |s| s.version);
    let now = newest(tx, KPI32_DISTRICT, &m.district_code, year, period).await?;
    if read != now {
        return Ok(Some((read, now)));
    }
    let province = newest(tx, KPI32_PROVINCE, &m.district_code[..2], year, period).await?;
    if m.moved_on != (province > 0) {
        return Ok(Some((i64::from(m.moved_on), province)));
    }
    Ok(None)
}

/// The province's month, read and then found unchanged under the lock of its forward (as
/// `district_month_held`).
async fn province_month_held(
    db: &Db,
    province: &str,
    year: i64,
    period: &str,
) -> Result<(ProvinceMonth, Tx), AppError> {
    let mut changed = (0, 0);
    for _ in 0..5 {
        let m = months::province(db, province, year, period).await?;
        let mut tx = db.begin_write().await?;
        tx.lock(&forwards::lock_key(province, year, period)).await?;
        let mut seen = vec![(
            m.forwarded.as_ref().map_or(0, |f| f.version),
            newest(&mut tx, KPI32_PROVINCE, province, year, period).await?,
        )];
        for d in &m.districts {
            seen.push((
                d.forward.as_ref().map_or(0, |f| f.version),
                newest(&mut tx, KPI32_DISTRICT, &d.district_code, year, period).await?,
            ));
        }
        match seen.into_iter().find(|(read, now)| read != now) {
            None => return Ok((m, tx)),
            Some(c) => changed = c,
        }
    }
    Err(changed_meanwhile(changed))
}

/// What the province would forward now: its districts' newest forwards, and those missing.
pub fn province_forward(m: &ProvinceMonth) -> ProvinceForward {
    let mut districts = Vec::new();
    let mut missing = Vec::new();
    for d in &m.districts {
        match &d.forward {
            Some(f) => districts.push(CarriedDistrict {
                submission_id: f.submission_id,
                version: f.version,
                submitted_on: f.submitted_on,
                late: f.late,
                forward: f.report.clone(),
            }),
            None => missing.push(Left {
                unit_key: d.district_code.clone(),
                name_th: d.name_th.clone(),
                stage: Stage::Missing,
            }),
        }
    }
    ProvinceForward {
        province_code: m.province_code.clone(),
        name_th: m.name_th.clone(),
        districts,
        missing,
    }
}

pub async fn forward_province(
    db: &Db,
    user: &User,
    province: &str,
    year: i64,
    period: &str,
    report_no: &str,
) -> Result<Submission, AppError> {
    let a = area(db, province).await?;
    let period = crate::kpi::monthly::check_period(period, year)?;
    check_office(
        db,
        user,
        &a,
        FORWARDS_PROVINCE,
        "ส่งรายงานตัวชี้วัดที่ ๓.๒ ถึงกรมส่งเสริมการปกครองท้องถิ่น",
        KPI32_PROVINCE,
    )
    .await?;
    let (m, mut tx) = province_month_held(db, province, year, &period).await?;
    let f = province_forward(&m);
    if f.districts.is_empty() {
        return Err(chain(ChainProblem::NothingToForward {
            period_th: m.period_th.clone(),
        }));
    }
    let ids = |d: &[CarriedDistrict]| d.iter().map(|d| d.submission_id).collect::<Vec<_>>();
    if let Some(last) = &m.forwarded
        && ids(&last.report.districts) == ids(&f.districts)
    {
        return Err(chain(ChainProblem::AlreadyForwarded {
            period_th: m.period_th.clone(),
            version: last.version,
        }));
    }
    check_report_no(&mut tx, KPI32_PROVINCE, province, year, &period, report_no).await?;
    let carries: Vec<String> = f
        .districts
        .iter()
        .map(|d| d.forward.district_code.clone())
        .collect();
    let s = forwards::send(
        &mut tx,
        user,
        KPI32_PROVINCE,
        province,
        year,
        period,
        f,
        carries,
        report_no,
    )
    .await?;
    tx.commit().await?;
    Ok(s)
}
