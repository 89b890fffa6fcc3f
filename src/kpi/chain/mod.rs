//! The KPI 3.2 chain (seed 002, issue 12): the model LAO's monthly report goes to the district
//! local-government office (สถ.อ.), which accepts it or returns it with a reason the LAO reads,
//! and forwards its district's accepted reports as one submission to the province (สถ.จ.),
//! which forwards its districts' to the department (สถ.). Every step is due on the 25th, May to
//! September. A forward freezes what it carries, so each level's roll-up can be read over what
//! was forwarded as well as over today's records.

pub mod document;
pub mod forward;
pub mod months;
pub mod review;

use super::monthly::Monthly;
use crate::reporting::signed::Signed;
use crate::reporting::submissions::Submission;
use serde::{Deserialize, Serialize};

pub use months::{DepartmentMonth, DistrictMonth, ProvinceMonth};

/// The district's answer to one version of an LAO's report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Accepted,
    Returned,
}

impl Verdict {
    pub const ALL: [Verdict; 2] = [Verdict::Accepted, Verdict::Returned];

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Accepted => "accepted",
            Verdict::Returned => "returned",
        }
    }
}

crate::text_enum!(Verdict);

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Review {
    pub submission_id: i64,
    pub verdict: Verdict,
    pub reason: String,
    pub reviewed_at: String,
    pub reviewed_by: String,
}

/// Where a unit's report of the month stands, as the level above sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Nothing submitted (or forwarded) for the month.
    Missing,
    /// Submitted, not yet reviewed.
    Awaiting,
    Accepted,
    /// Returned with a reason; a new version is awaited.
    Returned,
    /// Forwarded by a district (as the province sees it).
    Forwarded,
}

impl Stage {
    pub fn th(self) -> &'static str {
        match self {
            Stage::Missing => "ยังไม่ส่ง",
            Stage::Awaiting => "รอตรวจ",
            Stage::Accepted => "ตรวจรับแล้ว",
            Stage::Returned => "ส่งคืนให้แก้ไข",
            Stage::Forwarded => "ส่งต่อแล้ว",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Stage::Missing => "not submitted",
            Stage::Awaiting => "awaiting review",
            Stage::Accepted => "accepted",
            Stage::Returned => "returned",
            Stage::Forwarded => "forwarded",
        }
    }
}

/// One report a forward carries, frozen as it was accepted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Carried {
    pub lao_id: i64,
    pub lao_name: String,
    pub district_code: String,
    pub submission_id: i64,
    pub version: i64,
    pub submitted_on: time::Date,
    pub late: bool,
    pub report: Monthly,
}

/// A unit a forward does not carry, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Left {
    pub unit_key: String,
    pub name_th: String,
    pub stage: Stage,
}

/// What a district forwards: its model LAOs' accepted reports, and those it could not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DistrictForward {
    pub district_code: String,
    pub name_th: String,
    pub carried: Vec<Carried>,
    pub left: Vec<Left>,
}

/// One district's forward inside a province's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CarriedDistrict {
    pub submission_id: i64,
    pub version: i64,
    pub submitted_on: time::Date,
    pub late: bool,
    pub forward: DistrictForward,
}

/// What a province forwards: its districts' forwards, and the districts that sent none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ProvinceForward {
    pub province_code: String,
    pub name_th: String,
    pub districts: Vec<CarriedDistrict>,
    pub missing: Vec<Left>,
}

impl ProvinceForward {
    pub fn reports(&self) -> impl Iterator<Item = &Carried> {
        self.districts.iter().flat_map(|d| d.forward.carried.iter())
    }
}

/// How many reports, how many meet all five criteria, and the share (×100).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, utoipa::ToSchema)]
pub struct Tally {
    pub reports: i64,
    pub meeting: i64,
    pub value_x100: Option<i64>,
}

impl Tally {
    pub fn of<'a>(reports: impl Iterator<Item = &'a Monthly>) -> Tally {
        let (mut n, mut meeting) = (0, 0);
        for m in reports {
            n += 1;
            meeting += i64::from(m.meets_all());
        }
        Tally {
            reports: n,
            meeting,
            value_x100: crate::kpi::rates::percent_x100(meeting, n),
        }
    }
}

/// A forward as the level above reads it: version, day, lateness, and what it carries.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Sent<T> {
    pub submission_id: i64,
    pub version: i64,
    pub submitted_on: time::Date,
    pub late: bool,
    pub signed_by: String,
    pub position: String,
    pub report_no: String,
    pub report: T,
}

impl<T: serde::de::DeserializeOwned> Sent<T> {
    pub fn read(s: &Submission) -> anyhow::Result<Sent<T>> {
        let signed = Signed::<T>::read(s, "report")?;
        Ok(Sent {
            submission_id: s.id,
            version: s.version,
            submitted_on: signed.submitted_on,
            late: s.late,
            signed_by: signed.signed_by,
            position: signed.position,
            report_no: signed.report_no,
            report: signed.report,
        })
    }
}

/// "สถ.อ.เมืองพะเยา", "สถ.จ.พะเยา": who moved the chain on.
pub fn office_th(level: crate::areas::Level, name_th: &str) -> String {
    match level {
        crate::areas::Level::Province => format!("สถ.จ.{name_th}"),
        _ => format!("สถ.อ.{name_th}"),
    }
}
