//! What can be wrong with the Tambon Project Bank and a Role Model round (issue 14, seed 004):
//! each with its code, class, field and words.

use super::Field;
use super::problem::{Class, Problem};
use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq)]
pub enum RoleModelProblem {
    /// The project is in the bank already.
    InBankAlready {
        title: String,
    },
    /// A project is taken into the bank from a tambon plan of the district.
    NotInTambonPlan {
        title: String,
    },
    /// A round's work is done within its fiscal year.
    OutsideFiscalYear {
        field: Field,
        year: i64,
    },
    /// The report book is due on or after the work's deadline.
    ReportBeforeWork,
    RoundByNationalAdmins,
    RoundExists {
        year: i64,
    },
    NoRound {
        year: i64,
    },
    DistrictNotInRound {
        district: String,
        year: i64,
    },
    /// The selection is no longer at the step the action needs.
    SelectionStatus {
        status: &'static str,
    },
    RoundPastDeadline {
        date: time::Date,
    },
    BankOfOtherDistrict {
        title: String,
    },
    SelectedAlready {
        title: String,
    },
    ScreeningUnanswered {
        item: &'static str,
    },
    ScreeningNoReason {
        item: &'static str,
    },
    SelectionEmpty,
    SelectionOverCap {
        total: String,
        cap: String,
    },
    SelectionNotScreened {
        title: String,
    },
    SelectionFailsScreening {
        title: String,
    },
    DistrictChiefOnly,
    /// Monitoring and the book begin once the chief has approved the selection.
    NotApprovedYet {
        status: &'static str,
    },
    AfterWorkDeadline {
        field: Field,
        date: time::Date,
    },
    SpentOverBudget {
        spent: String,
        budget: String,
    },
    DoneWithoutResult,
    PhotoTooLarge {
        size: String,
        max_mb: usize,
    },
    NotAPhoto,
    TooManyPhotos {
        max: usize,
    },
    CommentByChiefOrInspector,
    /// The book's part 2 is the office's text; it is not sent blank.
    BookWithoutDriven,
}

impl From<RoleModelProblem> for Problem {
    fn from(p: RoleModelProblem) -> Problem {
        Problem::RoleModel(p)
    }
}

impl From<RoleModelProblem> for super::AppError {
    fn from(p: RoleModelProblem) -> super::AppError {
        Problem::RoleModel(p).into()
    }
}

impl RoleModelProblem {
    pub fn class(&self) -> Class {
        use RoleModelProblem::*;
        match self {
            InBankAlready { .. }
            | RoundExists { .. }
            | SelectionStatus { .. }
            | RoundPastDeadline { .. }
            | SelectedAlready { .. }
            | NotApprovedYet { .. } => Class::Conflict,
            RoundByNationalAdmins | DistrictChiefOnly | CommentByChiefOrInspector => {
                Class::Forbidden
            }
            NoRound { .. } => Class::NotFound,
            _ => Class::Invalid,
        }
    }

    pub fn code(&self) -> &'static str {
        use RoleModelProblem::*;
        match self {
            InBankAlready { .. } => "in_bank_already",
            NotInTambonPlan { .. } => "not_in_tambon_plan",
            OutsideFiscalYear { .. } => "outside_fiscal_year",
            ReportBeforeWork => "report_before_work",
            RoundByNationalAdmins => "round_by_national_admins",
            RoundExists { .. } => "round_exists",
            NoRound { .. } => "no_round",
            DistrictNotInRound { .. } => "district_not_in_round",
            SelectionStatus { .. } => "selection_status",
            RoundPastDeadline { .. } => "round_past_deadline",
            BankOfOtherDistrict { .. } => "bank_of_other_district",
            SelectedAlready { .. } => "selected_already",
            ScreeningUnanswered { .. } => "screening_unanswered",
            ScreeningNoReason { .. } => "screening_no_reason",
            SelectionEmpty => "selection_empty",
            SelectionOverCap { .. } => "selection_over_cap",
            SelectionNotScreened { .. } => "selection_not_screened",
            SelectionFailsScreening { .. } => "selection_fails_screening",
            DistrictChiefOnly => "district_chief_only",
            NotApprovedYet { .. } => "selection_not_approved",
            AfterWorkDeadline { .. } => "after_work_deadline",
            SpentOverBudget { .. } => "spent_over_budget",
            DoneWithoutResult => "done_without_result",
            PhotoTooLarge { .. } => "photo_too_large",
            NotAPhoto => "not_a_photo",
            TooManyPhotos { .. } => "too_many_photos",
            CommentByChiefOrInspector => "comment_by_chief_or_inspector",
            BookWithoutDriven => "book_without_part_2",
        }
    }

    pub fn field(&self) -> Option<Field> {
        use RoleModelProblem::*;
        match self {
            InBankAlready { .. } | NotInTambonPlan { .. } => Some(Field::Project),
            OutsideFiscalYear { field, .. } => Some(*field),
            ReportBeforeWork => Some(Field::ReportDueOn),
            RoundExists { .. } => Some(Field::FiscalYear),
            ScreeningUnanswered { .. } => Some(Field::Passes),
            ScreeningNoReason { .. } => Some(Field::Reason),
            AfterWorkDeadline { field, .. } => Some(*field),
            SpentOverBudget { .. } => Some(Field::Spent),
            DoneWithoutResult => Some(Field::Result),
            PhotoTooLarge { .. } | NotAPhoto | TooManyPhotos { .. } => Some(Field::Photo),
            BookWithoutDriven => Some(Field::Driven),
            _ => None,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        use RoleModelProblem::*;
        let th = lang == Lang::Th;
        let pick = |t: String, e: String| if th { t } else { e };
        match self {
            InBankAlready { title } => pick(
                format!("โครงการ “{title}” อยู่ในคลังข้อมูลโครงการแล้ว"),
                format!("“{title}” is in the project bank already"),
            ),
            NotInTambonPlan { title } => pick(
                format!(
                    "โครงการ “{title}” ไม่อยู่ในแผนพัฒนาตำบลของอำเภอนี้ จึงนำเข้าคลังจากแผนไม่ได้ (เพิ่มเป็นโครงการใหม่ได้)"
                ),
                format!(
                    "“{title}” is in no tambon plan of this district (add it as a new project)"
                ),
            ),
            OutsideFiscalYear { field, year } => pick(
                format!("{} ต้องอยู่ในปีงบประมาณ {year}", field.label(Lang::Th)),
                format!(
                    "{} must fall within fiscal year {year}",
                    field.label(Lang::En)
                ),
            ),
            ReportBeforeWork => pick(
                "วันส่งรายงานต้องไม่ก่อนวันที่ดำเนินการแล้วเสร็จ".into(),
                "the report is due no earlier than the work".into(),
            ),
            RoundByNationalAdmins => pick(
                "ผู้ดูแลระบบระดับประเทศเท่านั้นที่เปิดรอบอำเภอต้นแบบได้".into(),
                "only a national administrator opens a Role Model round".into(),
            ),
            RoundExists { year } => pick(
                format!("มีรอบอำเภอต้นแบบ (Role Model) ของปีงบประมาณ {year} แล้ว"),
                format!("fiscal year {year} has a Role Model round already"),
            ),
            NoRound { year } => pick(
                format!("ยังไม่มีรอบอำเภอต้นแบบ (Role Model) ของปีงบประมาณ {year}"),
                format!("no Role Model round for fiscal year {year}"),
            ),
            DistrictNotInRound { district, year } => pick(
                format!("{district}ไม่อยู่ในรอบอำเภอต้นแบบ (Role Model) ปีงบประมาณ {year}"),
                format!("{district} is not in the Role Model round of {year}"),
            ),
            SelectionStatus { status } => pick(
                format!("การคัดเลือกนี้อยู่ในขั้น “{status}” จึงทำขั้นตอนนี้ไม่ได้"),
                format!("the selection is at “{status}”, so this step cannot be taken"),
            ),
            RoundPastDeadline { date } => pick(
                format!(
                    "เลยกำหนดดำเนินการของรอบนี้แล้ว ({})",
                    crate::thai::dates::format_date_long(*date, crate::thai::dates::Digits::Arabic)
                ),
                format!("the round's work was due on {date}"),
            ),
            BankOfOtherDistrict { title } => pick(
                format!(
                    "โครงการ “{title}” เป็นโครงการในคลังของอำเภออื่น คัดเลือกได้เฉพาะโครงการของตำบลในอำเภอ"
                ),
                format!("“{title}” is in another district's bank"),
            ),
            SelectedAlready { title } => pick(
                format!("คัดเลือกโครงการ “{title}” ไว้แล้ว"),
                format!("“{title}” is selected already"),
            ),
            ScreeningUnanswered { item } => pick(
                format!("ยังไม่ได้ตอบข้อ “{item}”"),
                format!("“{item}” is not answered"),
            ),
            ScreeningNoReason { item } => pick(
                format!("ข้อ “{item}” ต้องระบุเหตุผล"),
                format!("“{item}” needs a reason"),
            ),
            SelectionEmpty => pick(
                "ยังไม่ได้คัดเลือกโครงการ".into(),
                "no project is selected".into(),
            ),
            SelectionOverCap { total, cap } => pick(
                format!("โครงการที่คัดเลือกรวม {total} บาท เกินวงเงินของอำเภอ {cap} บาท"),
                format!("the selection totals {total} baht, over the district's cap of {cap} baht"),
            ),
            SelectionNotScreened { title } => pick(
                format!("โครงการ “{title}” ยังตอบแบบคัดกรอง (Do and Don't) ไม่ครบ"),
                format!("“{title}” is not fully screened"),
            ),
            SelectionFailsScreening { title } => pick(
                format!("โครงการ “{title}” ไม่ผ่านการคัดกรองบางข้อ จึงเสนอไม่ได้ (นำออกหรือทบทวนคำตอบ)"),
                format!("“{title}” fails an item of the screening"),
            ),
            DistrictChiefOnly => pick(
                "นายอำเภอ (ที่ทำการปกครองอำเภอ) เท่านั้นที่อนุมัติหรือส่งคืนการคัดเลือกได้".into(),
                "only the district chief (นายอำเภอ) approves or returns the selection".into(),
            ),
            NotApprovedYet { status } => pick(
                format!("การคัดเลือกอยู่ในขั้น “{status}” รายงานผลได้เมื่อนายอำเภออนุมัติการคัดเลือกแล้ว"),
                format!(
                    "the selection is at “{status}”: progress is reported once the chief approves it"
                ),
            ),
            AfterWorkDeadline { field, date } => pick(
                format!(
                    "{} ต้องไม่เลยกำหนดดำเนินการแล้วเสร็จของรอบ ({})",
                    field.label(Lang::Th),
                    crate::thai::dates::format_date_long(*date, crate::thai::dates::Digits::Arabic)
                ),
                format!(
                    "{} must not be after the round's work deadline ({date})",
                    field.label(Lang::En)
                ),
            ),
            SpentOverBudget { spent, budget } => pick(
                format!("ใช้จ่ายแล้ว {spent} บาท เกินงบประมาณของโครงการ {budget} บาท"),
                format!("{spent} baht spent is over the project's {budget} baht"),
            ),
            DoneWithoutResult => pick(
                "โครงการแล้วเสร็จ (ร้อยละ ๑๐๐) ต้องระบุผลการดำเนินงาน".into(),
                "a finished project (100 %) needs its result".into(),
            ),
            PhotoTooLarge { size, max_mb } => pick(
                format!("ภาพถ่ายมีขนาด {size} MB เกิน {max_mb} MB (ลดขนาดภาพก่อนส่ง)"),
                format!("the photo is {size} MB, over {max_mb} MB (make it smaller first)"),
            ),
            NotAPhoto => pick(
                "ไฟล์นี้ไม่ใช่ภาพถ่าย (รับเฉพาะไฟล์ JPEG หรือ PNG)".into(),
                "the file is not a photo (JPEG or PNG only)".into(),
            ),
            TooManyPhotos { max } => pick(
                format!("โครงการนี้มีภาพถ่ายครบ {max} ภาพแล้ว"),
                format!("this project has its {max} photos already"),
            ),
            CommentByChiefOrInspector => pick(
                "นายอำเภอหรือผู้ตรวจราชการกรมการปกครองที่ดูแลอำเภอนี้เท่านั้นที่ให้ข้อสังเกตได้".into(),
                "only the district chief or DOPA's inspector of the district comments".into(),
            ),
            BookWithoutDriven => pick(
                "ยังไม่ได้เขียนส่วนที่ ๒ การขับเคลื่อนการดำเนินงานตามโครงการพัฒนาตำบลแบบบูรณาการ".into(),
                "part 2 (how Tambon Smart Team was driven) is not written yet".into(),
            ),
        }
    }
}
