//! The kinds of plan in the chain, and the cycle a plan moves through.

use crate::areas::Level;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum PlanKind {
    /// แผนพัฒนาหมู่บ้าน / แผนชุมชน: one year, by the village committee.
    Village,
    /// แผนพัฒนาตำบล: one year, integrating the villages' plans.
    Tambon,
    /// แผนพัฒนาท้องถิ่น: five years, the LAO's.
    Local,
    /// ร่างข้อบัญญัติ/เทศบัญญัติงบประมาณ: one year, the LAO's draft budget.
    Budget,
    /// แผนพัฒนาอำเภอ: five years, approved by ก.บ.อ.
    District,
    /// แผนพัฒนาจังหวัด: five years.
    Province,
    /// แผนปฏิบัติการประจำปีของจังหวัด: one year, the province's (seed 003), adopting from the
    /// village, tambon, local, district and provincial plans.
    #[serde(rename = "province_action")]
    ProvinceAction,
    /// แผนงาน/โครงการของหน่วยงาน: one year, a line agency's or another department's project
    /// list for an area, imported (`agency_plans`) so that its overlap with the village and
    /// local plans can be seen. Adopts nothing and is adopted by nothing.
    Agency,
}

impl PlanKind {
    pub const ALL: [PlanKind; 8] = [
        PlanKind::Village,
        PlanKind::Tambon,
        PlanKind::Local,
        PlanKind::Budget,
        PlanKind::District,
        PlanKind::Province,
        PlanKind::ProvinceAction,
        PlanKind::Agency,
    ];

    pub fn parse(s: &str) -> Option<PlanKind> {
        PlanKind::from_stored(s.trim())
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PlanKind::Village => "village",
            PlanKind::Tambon => "tambon",
            PlanKind::Local => "local",
            PlanKind::Budget => "budget",
            PlanKind::District => "district",
            PlanKind::Province => "province",
            PlanKind::ProvinceAction => "province_action",
            PlanKind::Agency => "agency",
        }
    }

    pub fn th(self) -> &'static str {
        match self {
            PlanKind::Village => "แผนพัฒนาหมู่บ้าน",
            PlanKind::Tambon => "แผนพัฒนาตำบล",
            PlanKind::Local => "แผนพัฒนาท้องถิ่น",
            PlanKind::Budget => "ร่างข้อบัญญัติงบประมาณ",
            PlanKind::District => "แผนพัฒนาอำเภอ",
            PlanKind::Province => "แผนพัฒนาจังหวัด",
            PlanKind::ProvinceAction => "แผนปฏิบัติการประจำปีของจังหวัด",
            PlanKind::Agency => "แผนงาน/โครงการของหน่วยงาน",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            PlanKind::Village => "Village plan",
            PlanKind::Tambon => "Tambon plan",
            PlanKind::Local => "Local development plan",
            PlanKind::Budget => "Draft budget ordinance",
            PlanKind::District => "District plan",
            PlanKind::Province => "Provincial plan",
            PlanKind::ProvinceAction => "Provincial annual action plan",
            PlanKind::Agency => "Agency project list",
        }
    }

    pub fn span_years(self) -> i64 {
        match self {
            PlanKind::Village
            | PlanKind::Tambon
            | PlanKind::Budget
            | PlanKind::ProvinceAction
            | PlanKind::Agency => 1,
            PlanKind::Local | PlanKind::District | PlanKind::Province => 5,
        }
    }

    pub fn owned_by_lao(self) -> bool {
        matches!(self, PlanKind::Local | PlanKind::Budget)
    }

    /// The area level that owns the plan; None for an LAO's, and for an agency's list (its area
    /// is the one it was imported for, of any level).
    pub fn owner_level(self) -> Option<Level> {
        match self {
            PlanKind::Agency => None,
            PlanKind::Village => Some(Level::Village),
            PlanKind::Tambon => Some(Level::Tambon),
            PlanKind::Local | PlanKind::Budget => None,
            PlanKind::District => Some(Level::District),
            PlanKind::Province | PlanKind::ProvinceAction => Some(Level::Province),
        }
    }

    /// The kind of plan an area of this level owns.
    pub fn of_level(level: Level) -> PlanKind {
        match level {
            // a community's plan is a community plan as a village's is
            Level::Village | Level::Community => PlanKind::Village,
            Level::Tambon => PlanKind::Tambon,
            Level::District => PlanKind::District,
            Level::Province => PlanKind::Province,
        }
    }

    /// Whether putting a project in this plan means someone with budget authority took it up.
    pub fn adopts(self) -> bool {
        matches!(
            self,
            PlanKind::Local | PlanKind::District | PlanKind::Province | PlanKind::ProvinceAction
        )
    }
}

crate::text_enum!(PlanKind);
crate::text_enum!(Status);

impl From<PlanKind> for crate::error::Named {
    fn from(k: PlanKind) -> Self {
        crate::error::Named {
            th: k.th(),
            en: k.en(),
        }
    }
}

impl From<Status> for crate::error::Named {
    fn from(s: Status) -> Self {
        crate::error::Named {
            th: s.th(),
            en: s.as_str(),
        }
    }
}

/// Who owns a kind of plan, in Thai: "หมู่บ้าน", …, "องค์กรปกครองส่วนท้องถิ่น".
pub fn owner_th(kind: PlanKind) -> &'static str {
    match kind.owner_level() {
        Some(level) => level.th(),
        None if kind == PlanKind::Agency => "หน่วยงาน",
        None => "องค์กรปกครองส่วนท้องถิ่น",
    }
}

/// draft → submitted → approved; an approved plan is locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = PlanStatus)]
pub enum Status {
    Draft,
    Submitted,
    Approved,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Draft, Status::Submitted, Status::Approved];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Approved => "approved",
        }
    }

    pub fn th(self) -> &'static str {
        match self {
            Status::Draft => "ร่าง",
            Status::Submitted => "เสนอแล้ว รอการอนุมัติ",
            Status::Approved => "อนุมัติแล้ว",
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_widened_plans_check_allows_exactly_the_kinds() {
        // `db::migrate` widens migration 2's CHECK of plans.kind (text only: plans does not
        // import the migrations' code)
        let kinds: Vec<&str> = super::PlanKind::ALL.iter().map(|k| k.as_str()).collect();
        let check = format!("CHECK (kind IN ('{}'))", kinds.join("', '"));
        assert!(include_str!("../db/migrate.rs").contains(&check), "{check}");
        assert!(
            include_str!("../../migrations/0002_plans.sql").contains("'district', 'province'))")
        );
    }
}
