//! The kinds of plan in the chain, and the cycle a plan moves through.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
}

impl PlanKind {
    pub const ALL: [PlanKind; 6] = [
        PlanKind::Village,
        PlanKind::Tambon,
        PlanKind::Local,
        PlanKind::Budget,
        PlanKind::District,
        PlanKind::Province,
    ];

    pub fn parse(s: &str) -> Option<PlanKind> {
        PlanKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PlanKind::Village => "village",
            PlanKind::Tambon => "tambon",
            PlanKind::Local => "local",
            PlanKind::Budget => "budget",
            PlanKind::District => "district",
            PlanKind::Province => "province",
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
        }
    }

    pub fn span_years(self) -> i64 {
        match self {
            PlanKind::Village | PlanKind::Tambon | PlanKind::Budget => 1,
            PlanKind::Local | PlanKind::District | PlanKind::Province => 5,
        }
    }

    pub fn owned_by_lao(self) -> bool {
        matches!(self, PlanKind::Local | PlanKind::Budget)
    }

    /// The area level that owns the plan ('lao' for an LAO's).
    pub fn owner_level(self) -> &'static str {
        match self {
            PlanKind::Village => "village",
            PlanKind::Tambon => "tambon",
            PlanKind::Local | PlanKind::Budget => "lao",
            PlanKind::District => "district",
            PlanKind::Province => "province",
        }
    }

    /// Whether putting a project in this plan means someone with budget authority took it up.
    pub fn adopts(self) -> bool {
        matches!(
            self,
            PlanKind::Local | PlanKind::District | PlanKind::Province
        )
    }
}

pub fn level_th(level: &str) -> &'static str {
    match level {
        "province" => "จังหวัด",
        "district" => "อำเภอ",
        "tambon" => "ตำบล",
        "village" => "หมู่บ้าน",
        _ => "องค์กรปกครองส่วนท้องถิ่น",
    }
}

/// draft → submitted → approved; an approved plan is locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Draft,
    Submitted,
    Approved,
}

impl Status {
    pub fn parse(s: &str) -> Option<Status> {
        match s {
            "draft" => Some(Status::Draft),
            "submitted" => Some(Status::Submitted),
            "approved" => Some(Status::Approved),
            _ => None,
        }
    }

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
