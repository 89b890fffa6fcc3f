//! What can be wrong with a step of the reporting chain (issue 12): a review, a forward, a
//! district plan sent to the province. Each with its code, class and words.

use super::problem::Class;
use crate::i18n::Lang;

#[derive(Debug, Clone, PartialEq)]
pub enum ChainProblem {
    /// A report is returned only with a reason the LAO reads.
    ReturnWithoutReason,
    /// Each version is reviewed once; a returned report comes back as a new version.
    AlreadyReviewed { unit: String, version: i64 },
    /// Only the newest version of a report is reviewed.
    NotLatest {
        unit: String,
        version: i64,
        latest: i64,
    },
    /// Reports still waiting for the district's review.
    AwaitingReview { units: String },
    /// Nothing accepted (or forwarded) below to send on.
    NothingToForward { period_th: String },
    /// The same reports were forwarded already.
    AlreadyForwarded { period_th: String, version: i64 },
    /// The level above has forwarded the period: this step can no longer change it.
    MovedOn { period_th: String, by: String },
    /// One report number for two reports of the year.
    ReportNoUsed { no: String, period_th: String },
    /// The district plan goes to the province only after ก.บ.อ. approved it.
    NotCommitteeApproved { plan: String },
    /// Projects without a rank or a provincial development issue cannot be sent.
    NotReady { titles: String, count: usize },
    /// No project of the plan year to send.
    NoProjectsToSend { year: i64 },
    /// A budget request goes to an LAO that covers the tambon.
    LaoNotCovering { lao: String, tambon: String },
    /// The project's support was already requested from this LAO.
    RequestExists { lao: String },
    /// Budget requests are made from a tambon plan.
    RequestOnlyFromTambonPlan,
}

impl ChainProblem {
    pub fn class(&self) -> Class {
        match self {
            ChainProblem::ReturnWithoutReason
            | ChainProblem::ReportNoUsed { .. }
            | ChainProblem::NotReady { .. }
            | ChainProblem::NoProjectsToSend { .. }
            | ChainProblem::LaoNotCovering { .. }
            | ChainProblem::RequestOnlyFromTambonPlan => Class::Invalid,
            _ => Class::Conflict,
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ChainProblem::ReturnWithoutReason => "return_without_reason",
            ChainProblem::AlreadyReviewed { .. } => "already_reviewed",
            ChainProblem::NotLatest { .. } => "not_latest_version",
            ChainProblem::AwaitingReview { .. } => "awaiting_review",
            ChainProblem::NothingToForward { .. } => "nothing_to_forward",
            ChainProblem::AlreadyForwarded { .. } => "already_forwarded",
            ChainProblem::MovedOn { .. } => "chain_moved_on",
            ChainProblem::ReportNoUsed { .. } => "report_no_used",
            ChainProblem::NotCommitteeApproved { .. } => "not_committee_approved",
            ChainProblem::NotReady { .. } => "projects_not_ready",
            ChainProblem::NoProjectsToSend { .. } => "no_projects_to_send",
            ChainProblem::LaoNotCovering { .. } => "lao_not_covering",
            ChainProblem::RequestExists { .. } => "request_exists",
            ChainProblem::RequestOnlyFromTambonPlan => "request_only_from_tambon_plan",
        }
    }

    pub fn field(&self) -> Option<super::Field> {
        match self {
            ChainProblem::ReturnWithoutReason => Some(super::Field::Reason),
            ChainProblem::ReportNoUsed { .. } => Some(super::Field::ReportNo),
            ChainProblem::LaoNotCovering { .. } | ChainProblem::RequestExists { .. } => {
                Some(super::Field::Lao)
            }
            _ => None,
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        let th = lang == Lang::Th;
        let pick = |t: String, e: String| if th { t } else { e };
        match self {
            ChainProblem::ReturnWithoutReason => pick(
                "การส่งคืนรายงานต้องระบุเหตุผล เพื่อให้ อปท. แก้ไขได้ถูกต้อง".into(),
                "a report is returned only with a reason the LAO can act on".into(),
            ),
            ChainProblem::AlreadyReviewed { unit, version } => pick(
                format!("รายงานของ{unit} ฉบับที่ {version} ตรวจแล้ว (รายงานที่ส่งคืนจะกลับมาเป็นฉบับใหม่)"),
                format!("version {version} of {unit}'s report was reviewed already"),
            ),
            ChainProblem::NotLatest {
                unit,
                version,
                latest,
            } => pick(
                format!(
                    "รายงานของ{unit} ฉบับที่ {version} ไม่ใช่ฉบับล่าสุด (ล่าสุดคือฉบับที่ {latest}) ตรวจได้เฉพาะฉบับล่าสุด"
                ),
                format!("version {version} of {unit}'s report is not the latest ({latest})"),
            ),
            ChainProblem::AwaitingReview { units } => pick(
                format!("ยังมีรายงานที่รอตรวจ: {units} ต้องตรวจรับหรือส่งคืนก่อนส่งต่อ"),
                format!("reports still await review: {units}"),
            ),
            ChainProblem::NothingToForward { period_th } => pick(
                format!("ยังไม่มีรายงานประจำเดือน{period_th}ที่ตรวจรับหรือส่งต่อมาแล้ว จึงยังส่งต่อไม่ได้"),
                format!("nothing accepted or forwarded for {period_th} yet"),
            ),
            ChainProblem::AlreadyForwarded { period_th, version } => pick(
                format!("รายงานประจำเดือน{period_th}ชุดนี้ส่งต่อแล้ว (ฉบับที่ {version}) ไม่มีรายงานใหม่ที่จะส่ง"),
                format!("these reports for {period_th} were forwarded already (version {version})"),
            ),
            ChainProblem::MovedOn { period_th, by } => pick(
                format!("รายงานประจำเดือน{period_th} {by} ส่งต่อแล้ว จึงส่งหรือแก้ไขในขั้นนี้ไม่ได้"),
                format!(
                    "the reports for {period_th} were forwarded on by {by}: this step can no longer change them"
                ),
            ),
            ChainProblem::ReportNoUsed { no, period_th } => pick(
                format!("เลขที่รายงาน {no} ใช้แล้วกับรายงานประจำเดือน{period_th}"),
                format!("report number {no} is already used by the report of {period_th}"),
            ),
            ChainProblem::NotCommitteeApproved { plan } => pick(
                format!("{plan}ยังไม่ได้บันทึกวันที่ ก.บ.อ. อนุมัติแผน จึงยังส่งจังหวัดไม่ได้"),
                format!("{plan} has no date of approval by ก.บ.อ. yet"),
            ),
            ChainProblem::NotReady { titles, count } => pick(
                format!(
                    "โครงการ {count} รายการยังไม่ได้จัดลำดับความสำคัญหรือเชื่อมโยงประเด็นการพัฒนาจังหวัด: {titles}"
                ),
                format!("{count} projects have no rank or provincial development issue: {titles}"),
            ),
            ChainProblem::NoProjectsToSend { year } => pick(
                format!("แผนนี้ไม่มีโครงการของปี {year} ที่จะส่งจังหวัด"),
                format!("the plan has no project for {year} to send"),
            ),
            ChainProblem::LaoNotCovering { lao, tambon } => pick(
                format!(
                    "{lao}ไม่ได้ครอบคลุม{tambon} จึงขอรับการสนับสนุนงบประมาณจาก {lao} สำหรับแผนของตำบลนี้ไม่ได้"
                ),
                format!("{lao} does not cover {tambon}"),
            ),
            ChainProblem::RequestExists { lao } => pick(
                format!("โครงการนี้ขอรับการสนับสนุนงบประมาณจาก{lao}แล้ว (แก้ไขคำขอเดิมแทน)"),
                format!("this project's support was already requested from {lao}"),
            ),
            ChainProblem::RequestOnlyFromTambonPlan => pick(
                "การขอรับการสนับสนุนงบประมาณจาก อปท. บันทึกจากแผนพัฒนาตำบลเท่านั้น".into(),
                "LAO budget support is requested from a tambon plan".into(),
            ),
        }
    }
}
