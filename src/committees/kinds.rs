//! The committees of ONEPLAN.md section 3, the level that owns each, and the roles of their
//! members. Stored as English codes, shown in Thai.

use serde::{Deserialize, Serialize};

/// The level a committee belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerLevel {
    Village,
    Tambon,
    Lao,
    District,
    Province,
}

impl OwnerLevel {
    /// The DOPA code length of the owning area; None for an LAO, which is owned by its id.
    pub fn code_len(self) -> Option<usize> {
        match self {
            OwnerLevel::Village => Some(8),
            OwnerLevel::Tambon => Some(6),
            OwnerLevel::District => Some(4),
            OwnerLevel::Province => Some(2),
            OwnerLevel::Lao => None,
        }
    }

    pub fn th(self) -> &'static str {
        match self {
            OwnerLevel::Village => "หมู่บ้าน",
            OwnerLevel::Tambon => "ตำบล",
            OwnerLevel::Lao => "องค์กรปกครองส่วนท้องถิ่น",
            OwnerLevel::District => "อำเภอ",
            OwnerLevel::Province => "จังหวัด",
        }
    }
}

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    utoipa::ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// กม.: one per village.
    VillageCommittee,
    /// ศอช.ต.
    TambonCoordinationCentre,
    /// สอช.: not every tambon has one, so it is never expected.
    CommunityCouncil,
    /// ก.บ.ต.
    TambonBoard,
    /// คณะทำงานระดับท้องถิ่น: one per LAO.
    LaoWorkingGroup,
    /// ก.บ.อ.
    DistrictBoard,
    /// ก.บ.จ.
    ProvinceBoard,
}

impl Kind {
    /// In the order pages list them within one area.
    pub const ALL: [Kind; 7] = [
        Kind::VillageCommittee,
        Kind::TambonCoordinationCentre,
        Kind::CommunityCouncil,
        Kind::TambonBoard,
        Kind::LaoWorkingGroup,
        Kind::DistrictBoard,
        Kind::ProvinceBoard,
    ];

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s.trim())
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::VillageCommittee => "village_committee",
            Kind::TambonCoordinationCentre => "tambon_coordination_centre",
            Kind::CommunityCouncil => "community_council",
            Kind::TambonBoard => "tambon_board",
            Kind::LaoWorkingGroup => "lao_working_group",
            Kind::DistrictBoard => "district_board",
            Kind::ProvinceBoard => "province_board",
        }
    }

    pub fn level(self) -> OwnerLevel {
        match self {
            Kind::VillageCommittee => OwnerLevel::Village,
            Kind::TambonCoordinationCentre | Kind::CommunityCouncil | Kind::TambonBoard => {
                OwnerLevel::Tambon
            }
            Kind::LaoWorkingGroup => OwnerLevel::Lao,
            Kind::DistrictBoard => OwnerLevel::District,
            Kind::ProvinceBoard => OwnerLevel::Province,
        }
    }

    /// Whether every owner of the level is expected to have one (and is reported when it lacks a current order).
    pub fn expected(self) -> bool {
        self != Kind::CommunityCouncil
    }

    /// The kinds every area of a level must have.
    pub fn expected_at(level: OwnerLevel) -> impl Iterator<Item = Kind> {
        Kind::ALL
            .into_iter()
            .filter(move |k| k.level() == level && k.expected())
    }

    pub fn short_th(self) -> &'static str {
        match self {
            Kind::VillageCommittee => "กม.",
            Kind::TambonCoordinationCentre => "ศอช.ต.",
            Kind::CommunityCouncil => "สอช.",
            Kind::TambonBoard => "ก.บ.ต.",
            Kind::LaoWorkingGroup => "คณะทำงานระดับท้องถิ่น",
            Kind::DistrictBoard => "ก.บ.อ.",
            Kind::ProvinceBoard => "ก.บ.จ.",
        }
    }

    pub fn th(self) -> &'static str {
        match self {
            Kind::VillageCommittee => "คณะกรรมการหมู่บ้าน",
            Kind::TambonCoordinationCentre => "คณะกรรมการศูนย์ประสานงานองค์กรชุมชนระดับตำบล",
            Kind::CommunityCouncil => "สภาองค์กรชุมชนตำบล",
            Kind::TambonBoard => "คณะกรรมการบริหารงานตำบลแบบบูรณาการ",
            Kind::LaoWorkingGroup => "คณะทำงานระดับท้องถิ่น",
            Kind::DistrictBoard => "คณะกรรมการบริหารงานอำเภอแบบบูรณาการ",
            Kind::ProvinceBoard => "คณะกรรมการบริหารงานจังหวัดแบบบูรณาการ",
        }
    }

    pub fn short_en(self) -> &'static str {
        match self {
            Kind::VillageCommittee => "Village committee",
            Kind::TambonCoordinationCentre => "Tambon CCO centre",
            Kind::CommunityCouncil => "Community council",
            Kind::TambonBoard => "Tambon board",
            Kind::LaoWorkingGroup => "Local working group",
            Kind::DistrictBoard => "District board",
            Kind::ProvinceBoard => "Provincial board",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Kind::VillageCommittee => "Village committee",
            Kind::TambonCoordinationCentre => {
                "Tambon community organisation coordination centre committee"
            }
            Kind::CommunityCouncil => "Tambon community organisation council",
            Kind::TambonBoard => "Integrated tambon administration committee",
            Kind::LaoWorkingGroup => "Local working group for community plans",
            Kind::DistrictBoard => "Integrated district administration committee",
            Kind::ProvinceBoard => "Integrated provincial administration committee",
        }
    }
}

/// A member's role in the committee, as appointment orders write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    Chair,
    ViceChair,
    Member,
    MemberSecretary,
    Secretary,
    Advisor,
}

crate::text_enum!(MemberRole);
crate::text_enum!(Kind);

impl MemberRole {
    /// In the order an appointment order lists them.
    pub const ALL: [MemberRole; 6] = [
        MemberRole::Advisor,
        MemberRole::Chair,
        MemberRole::ViceChair,
        MemberRole::Member,
        MemberRole::MemberSecretary,
        MemberRole::Secretary,
    ];

    /// Reads the code or the Thai word, as a form or an API client sends it.
    pub fn parse(s: &str) -> Option<MemberRole> {
        let s = s.trim();
        MemberRole::ALL
            .into_iter()
            .find(|r| r.as_str() == s || r.th() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::Chair => "chair",
            MemberRole::ViceChair => "vice_chair",
            MemberRole::Member => "member",
            MemberRole::MemberSecretary => "member_secretary",
            MemberRole::Secretary => "secretary",
            MemberRole::Advisor => "advisor",
        }
    }

    pub fn th(self) -> &'static str {
        match self {
            MemberRole::Chair => "ประธาน",
            MemberRole::ViceChair => "รองประธาน",
            MemberRole::Member => "กรรมการ",
            MemberRole::MemberSecretary => "กรรมการและเลขานุการ",
            MemberRole::Secretary => "เลขานุการ",
            MemberRole::Advisor => "ที่ปรึกษา",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            MemberRole::Chair => "Chair",
            MemberRole::ViceChair => "Vice-chair",
            MemberRole::Member => "Member",
            MemberRole::MemberSecretary => "Member and secretary",
            MemberRole::Secretary => "Secretary",
            MemberRole::Advisor => "Advisor",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_levels_expect_the_right_kinds() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(
            Kind::expected_at(OwnerLevel::Tambon).collect::<Vec<_>>(),
            [Kind::TambonCoordinationCentre, Kind::TambonBoard]
        );
        assert_eq!(
            Kind::expected_at(OwnerLevel::Village).collect::<Vec<_>>(),
            [Kind::VillageCommittee]
        );
        for r in MemberRole::ALL {
            assert_eq!(MemberRole::parse(r.as_str()), Some(r));
            assert_eq!(MemberRole::parse(r.th()), Some(r));
        }
        assert_eq!(MemberRole::parse("ประธาน"), Some(MemberRole::Chair));
        assert_eq!(MemberRole::parse("นายอำเภอ"), None);
    }
}
