//! Reporting (ONEPLAN.md sections 7, 8, 10): what each office submits, when it is due, and who
//! has not reported. A submission is never overwritten: a second one for the same period is a
//! new version, and one after the deadline is accepted but marked late, with who and when.

pub mod calendar;
pub mod daily_claim;
pub mod expected;
pub mod forwards;
pub mod notifications;
pub mod outbox;
pub mod overview;
pub mod reminders;
pub mod signed;
pub mod submissions;
pub mod years;

pub use submissions::{NewSubmission, Submission};

/// The kinds of report, as stored.
pub const REGISTER_1: &str = "register1";
pub const REGISTER_2: &str = "register2";
pub const REGISTER_3: &str = "register3";
pub const DISTRICT_PROGRESS: &str = "district_progress";
pub const KPI32_MONTHLY: &str = "kpi32_monthly";
/// What a district's สถ.อ. forwards to the province: its model LAOs' reviewed reports of a month.
pub const KPI32_DISTRICT: &str = "kpi32_district";
/// What a province's สถ.จ. forwards to the department: its districts' forwards of a month.
pub const KPI32_PROVINCE: &str = "kpi32_province";
pub const DISTRICT_PLAN: &str = "district_plan";
/// The district's model tambon plan sent to the province (อำเภอละ ๑ เล่ม, ๓๑ มี.ค.).
pub const MODEL_TAMBON_PLAN: &str = "model_tambon_plan";
/// The last day to change a district's model LAO and tell DLA (seed 002: ๑๕ พ.ค.): a date of the
/// calendar that no unit owes a report for.
pub const MODEL_LAO_CHANGE: &str = "model_lao_change";
pub const ROLE_MODEL: &str = "role_model";

pub fn kind_th(kind: &str) -> &'static str {
    match kind {
        REGISTER_1 => "รายงานแผนพัฒนาตำบล แบบ ๑ ทะเบียนข้อมูลตำบลเป้าหมาย",
        REGISTER_2 => "แบบ ๒ การนำโครงการในเล่มแผนชุมชนระดับตำบลไปใช้ประโยชน์",
        REGISTER_3 => "แบบ ๓ การเชื่อมโยงและประสานแผนชุมชนระดับตำบลกับ อปท.",
        DISTRICT_PROGRESS => {
            "แบบรายงานผลการดำเนินงาน ปัญหา/อุปสรรค และข้อเสนอแนะ การจัดทำและประสานแผนพัฒนาตำบล"
        }
        KPI32_MONTHLY => "แบบรายงานผลการดำเนินงานตัวชี้วัดที่ ๓.๒",
        KPI32_DISTRICT => "รายงานตัวชี้วัดที่ ๓.๒ ของ อปท. ต้นแบบในอำเภอ (สถ.อ. ส่งจังหวัด)",
        KPI32_PROVINCE => "รายงานตัวชี้วัดที่ ๓.๒ ของจังหวัด (สถ.จ. ส่งกรมส่งเสริมการปกครองท้องถิ่น)",
        DISTRICT_PLAN => "โครงการในแผนพัฒนาอำเภอที่ ก.บ.อ. อนุมัติ ส่งจังหวัด",
        MODEL_TAMBON_PLAN => "แผนพัฒนาตำบลต้นแบบ อำเภอละ ๑ เล่ม ส่งจังหวัด",
        MODEL_LAO_CHANGE => "กำหนดแจ้งการเปลี่ยนแปลง อปท. ต้นแบบ (ตัวชี้วัดที่ ๓.๒)",
        ROLE_MODEL => "รายงานโครงการอำเภอต้นแบบ",
        _ => "รายงาน",
    }
}
