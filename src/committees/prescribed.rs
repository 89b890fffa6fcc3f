//! Who seed 002 prescribes for the LAO working group (คณะทำงานระดับท้องถิ่น), each "หรือผู้แทน":
//! the LAO head or the deputy they assign as chair, the กำนัน as advisor, the district CD officer,
//! the district local-government officer, the chairs of ศอช.ต. and สอช., village heads,
//! civil-society leaders and partners as members, and the LAO's ปลัด (or whom the head assigns)
//! as secretary. An order is held against the list by the members' positions and roles.

use super::{Member, MemberRole};

/// One seat of the prescribed working group.
#[derive(Debug, Clone, Copy, serde::Serialize, utoipa::ToSchema)]
pub struct Seat {
    pub th: &'static str,
    pub en: &'static str,
    /// Filled by a member whose position holds one of these words…
    #[serde(skip)]
    words: &'static [&'static str],
    /// …or, when given, by any member with this role.
    #[serde(skip)]
    role: Option<MemberRole>,
}

/// The seats in the order the circular lists them.
pub const WORKING_GROUP: [Seat; 10] = [
    Seat {
        th: "นายก อปท. หรือรองนายกที่นายกมอบหมาย (ประธาน)",
        en: "LAO head or the deputy they assign (chair)",
        words: &[],
        role: Some(MemberRole::Chair),
    },
    Seat {
        th: "กำนัน (ที่ปรึกษา)",
        en: "Kamnan (advisor)",
        words: &["กำนัน"],
        role: None,
    },
    Seat {
        th: "พัฒนาการอำเภอหรือผู้แทน",
        en: "District community-development officer or a representative",
        words: &["พัฒนาการอำเภอ", "พัฒนาชุมชน", "พช.อ"],
        role: None,
    },
    Seat {
        th: "ท้องถิ่นอำเภอหรือผู้แทน",
        en: "District local-government officer or a representative",
        words: &["ท้องถิ่นอำเภอ", "สถ.อ", "ส่งเสริมการปกครองท้องถิ่นอำเภอ"],
        role: None,
    },
    Seat {
        th: "ประธาน ศอช.ต.",
        en: "Chair of the tambon coordination centre (ศอช.ต.)",
        words: &["ศอช", "ศูนย์ประสานงานองค์กรชุมชน"],
        role: None,
    },
    Seat {
        th: "ประธานสภาองค์กรชุมชน (สอช.)",
        en: "Chair of the community-organisation council (สอช.)",
        words: &["สอช", "สภาองค์กรชุมชน"],
        role: None,
    },
    Seat {
        th: "ผู้ใหญ่บ้าน",
        en: "Village heads",
        words: &["ผู้ใหญ่บ้าน", "ประธานชุมชน"],
        role: None,
    },
    Seat {
        th: "ผู้นำภาคประชาชน",
        en: "Civil-society leaders",
        words: &["ภาคประชาชน", "ผู้นำชุมชน", "ประชาคม"],
        role: None,
    },
    Seat {
        th: "ภาคีการพัฒนาที่เกี่ยวข้อง",
        en: "Development partners",
        words: &["ภาคี", "ผู้แทนหน่วยงาน", "ผู้อำนวยการ"],
        role: None,
    },
    Seat {
        th: "ปลัด อปท. หรือผู้ที่นายกมอบหมาย (เลขานุการ)",
        en: "LAO permanent secretary or whom the head assigns (secretary)",
        words: &[],
        role: Some(MemberRole::Secretary),
    },
];

impl Seat {
    fn filled_by(&self, m: &Member) -> bool {
        let role_fits = match self.role {
            // the chair and the secretary are seats by role; a member-secretary is a secretary
            Some(MemberRole::Secretary) => {
                matches!(m.role, MemberRole::Secretary | MemberRole::MemberSecretary)
            }
            Some(r) => m.role == r,
            None => false,
        };
        role_fits || self.words.iter().any(|w| m.position.contains(w))
    }
}

/// The prescribed seats no member of the order fills.
pub fn missing(members: &[Member]) -> Vec<Seat> {
    WORKING_GROUP
        .into_iter()
        .filter(|s| !members.iter().any(|m| s.filled_by(m)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(position: &str, role: MemberRole) -> Member {
        Member {
            name: "ทดสอบ".into(),
            position: position.into(),
            role,
            role_th: String::new(),
        }
    }

    #[test]
    fn an_order_without_the_district_officers_says_so() {
        let members = vec![
            m("นายกองค์การบริหารส่วนตำบลแม่ใส", MemberRole::Chair),
            m("กำนันตำบลแม่ใส", MemberRole::Advisor),
            m("ประธาน ศอช.ต.แม่ใส", MemberRole::Member),
            m("ประธานสภาองค์กรชุมชนตำบลแม่ใส", MemberRole::Member),
            m("ผู้ใหญ่บ้านหมู่ที่ 1", MemberRole::Member),
            m("ผู้นำภาคประชาชน", MemberRole::Member),
            m("ผู้แทนภาคีเครือข่าย", MemberRole::Member),
            m("ปลัดองค์การบริหารส่วนตำบลแม่ใส", MemberRole::MemberSecretary),
        ];
        let gaps: Vec<&str> = missing(&members).iter().map(|s| s.th).collect();
        assert_eq!(gaps, vec!["พัฒนาการอำเภอหรือผู้แทน", "ท้องถิ่นอำเภอหรือผู้แทน"]);
        let mut all = members.clone();
        all.push(m("พัฒนาการอำเภอเมืองพะเยา", MemberRole::Member));
        all.push(m("ผู้แทนท้องถิ่นอำเภอเมืองพะเยา", MemberRole::Member));
        assert!(missing(&all).is_empty());
        assert_eq!(missing(&[]).len(), WORKING_GROUP.len());
    }
}
