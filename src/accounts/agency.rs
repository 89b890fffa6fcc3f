//! The agency an account acts for (ONEPLAN.md section 2). The circulars give steps to a named
//! office, so who may take a step follows from the agency as well as the area.

use super::User;
use crate::db::Db;
use crate::error::{AppError, Problem};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Agency {
    /// สำนักงานปลัดกระทรวงมหาดไทย: the central integrator.
    MoiPs,
    /// สำนักงานจังหวัด: the provincial plan and annual action plan.
    ProvinceOffice,
    /// กรมการปกครอง (ส่วนกลาง).
    Dopa,
    /// ที่ทำการปกครองจังหวัด.
    DopaProvince,
    /// ที่ทำการปกครองอำเภอ: the district plan, ก.บ.อ./ก.บ.ต., Role Model projects.
    DopaDistrict,
    /// กรมการพัฒนาชุมชน (ส่วนกลาง).
    Cdd,
    /// สำนักงานพัฒนาชุมชนจังหวัด (พช.จ.).
    CddProvince,
    /// สำนักงานพัฒนาชุมชนอำเภอ (พช.อ.): leads the tambon plan, signs the district report.
    CddDistrict,
    /// กรมส่งเสริมการปกครองท้องถิ่น (ส่วนกลาง): owns KPI 3.2.
    Dla,
    /// สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด (สถ.จ.).
    DlaProvince,
    /// สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอ (สถ.อ.): designates the model LAO.
    DlaDistrict,
    /// The LAO itself (อบต., เทศบาล, อบจ.).
    Lao,
    /// คณะกรรมการหมู่บ้าน / คณะกรรมการชุมชน.
    VillageCommittee,
    /// A line ministry's office making plans of its own for the same villages.
    LineAgency,
    /// Only for accounts made before agencies were kept (migration 8); their old text is kept.
    Other,
}

crate::text_enum!(Agency);

impl Agency {
    pub const ALL: [Agency; 15] = [
        Agency::CddDistrict,
        Agency::CddProvince,
        Agency::Cdd,
        Agency::DlaDistrict,
        Agency::DlaProvince,
        Agency::Dla,
        Agency::DopaDistrict,
        Agency::DopaProvince,
        Agency::Dopa,
        Agency::ProvinceOffice,
        Agency::MoiPs,
        Agency::Lao,
        Agency::VillageCommittee,
        Agency::LineAgency,
        Agency::Other,
    ];

    /// The agencies an account form offers: all but `Other`, which only old accounts carry.
    pub fn offered() -> impl Iterator<Item = Agency> {
        Agency::ALL.into_iter().filter(|a| *a != Agency::Other)
    }

    /// A typed agency: its code or its Thai name or short name; never `Other`.
    pub fn parse(s: &str) -> Option<Agency> {
        let s = s.trim();
        Agency::offered().find(|a| a.as_str() == s || a.th() == s || a.short_th() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Agency::MoiPs => "moi_ps",
            Agency::ProvinceOffice => "province_office",
            Agency::Dopa => "dopa",
            Agency::DopaProvince => "dopa_province",
            Agency::DopaDistrict => "dopa_district",
            Agency::Cdd => "cdd",
            Agency::CddProvince => "cdd_province",
            Agency::CddDistrict => "cdd_district",
            Agency::Dla => "dla",
            Agency::DlaProvince => "dla_province",
            Agency::DlaDistrict => "dla_district",
            Agency::Lao => "lao",
            Agency::VillageCommittee => "village_committee",
            Agency::LineAgency => "line_agency",
            Agency::Other => "other",
        }
    }

    pub fn th(self) -> &'static str {
        match self {
            Agency::MoiPs => "สำนักงานปลัดกระทรวงมหาดไทย",
            Agency::ProvinceOffice => "สำนักงานจังหวัด",
            Agency::Dopa => "กรมการปกครอง",
            Agency::DopaProvince => "ที่ทำการปกครองจังหวัด",
            Agency::DopaDistrict => "ที่ทำการปกครองอำเภอ",
            Agency::Cdd => "กรมการพัฒนาชุมชน",
            Agency::CddProvince => "สำนักงานพัฒนาชุมชนจังหวัด",
            Agency::CddDistrict => "สำนักงานพัฒนาชุมชนอำเภอ",
            Agency::Dla => "กรมส่งเสริมการปกครองท้องถิ่น",
            Agency::DlaProvince => "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด",
            Agency::DlaDistrict => "สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอ",
            Agency::Lao => "องค์กรปกครองส่วนท้องถิ่น",
            Agency::VillageCommittee => "คณะกรรมการหมู่บ้าน/ชุมชน",
            Agency::LineAgency => "ส่วนราชการอื่น (กระทรวงเจ้าของภารกิจ)",
            Agency::Other => "ไม่ระบุ (บัญชีเดิม)",
        }
    }

    /// The short name the circulars use.
    pub fn short_th(self) -> &'static str {
        match self {
            Agency::MoiPs => "สป.มท.",
            Agency::ProvinceOffice => "สนจ.",
            Agency::Dopa => "ปค.",
            Agency::DopaProvince => "ปค.จ.",
            Agency::DopaDistrict => "ปค.อ.",
            Agency::Cdd => "พช.",
            Agency::CddProvince => "พช.จ.",
            Agency::CddDistrict => "พช.อ.",
            Agency::Dla => "สถ.",
            Agency::DlaProvince => "สถ.จ.",
            Agency::DlaDistrict => "สถ.อ.",
            Agency::Lao => "อปท.",
            Agency::VillageCommittee => "กม.",
            Agency::LineAgency => "ส่วนราชการอื่น",
            Agency::Other => "ไม่ระบุ",
        }
    }
}

/// Refuses, and records the refusal (under the actor's area and `area_code`, the area the step
/// was tried on), unless the user acts for one of `agencies`: a step the circulars give to a
/// named office (`step_th` says which).
pub async fn require(
    db: &Db,
    user: &User,
    agencies: &[Agency],
    step_th: &'static str,
    entity: &str,
    key: &str,
    area_code: &str,
) -> Result<(), AppError> {
    if agencies.contains(&user.agency) {
        return Ok(());
    }
    let names: Vec<&str> = agencies.iter().map(|a| a.th()).collect();
    let p = Problem::StepForAgency {
        step_th,
        agency_th: names.join(" หรือ "),
    };
    let target = Some((area_code.to_string(), None));
    super::record_denied_at(db, user, entity, key, step_th, &p.message(Lang::Th), target).await?;
    Err(p.into())
}

/// Positions an account form suggests; a position stays free text.
pub const POSITIONS: [&str; 12] = [
    "พัฒนาการอำเภอ",
    "นักวิชาการพัฒนาชุมชน",
    "พัฒนาการจังหวัด",
    "ท้องถิ่นอำเภอ",
    "ท้องถิ่นจังหวัด",
    "นายอำเภอ",
    "ปลัดอำเภอ",
    "ปลัด อบต.",
    "ปลัดเทศบาล",
    "นักวิเคราะห์นโยบายและแผน",
    "ผู้ใหญ่บ้าน",
    "ประธานคณะกรรมการชุมชน",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agency_is_read_by_code_or_thai_name_and_never_as_other() {
        assert_eq!(Agency::parse("cdd_district"), Some(Agency::CddDistrict));
        assert_eq!(Agency::parse("พช.อ."), Some(Agency::CddDistrict));
        assert_eq!(
            Agency::parse(" สำนักงานส่งเสริมการปกครองท้องถิ่นอำเภอ "),
            Some(Agency::DlaDistrict)
        );
        assert_eq!(Agency::parse("other"), None);
        assert_eq!(Agency::parse("กรมป่าไม้"), None);
        assert_eq!(Agency::from_stored("other"), Some(Agency::Other));
        assert_eq!(Agency::from_stored("CDD_DISTRICT"), None);
    }

    #[test]
    fn the_migration_allows_exactly_the_agencies() {
        let sql = include_str!("../../migrations/0008_agencies.sql");
        let check = sql.split("CHECK (agency IN (").nth(1).unwrap();
        let listed: Vec<&str> = check[..check.find("))").unwrap()]
            .split(", ")
            .map(|c| c.trim_matches('\''))
            .collect();
        let ours: Vec<&str> = Agency::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(listed.len(), ours.len());
        assert!(ours.iter().all(|c| listed.contains(c)), "{listed:?}");
    }
}
