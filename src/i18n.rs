//! The words of the interface, Thai first, English available. Templates call `t.s("key")`.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Th,
    En,
}

impl Lang {
    pub fn from_cookie(v: Option<&str>) -> Lang {
        match v {
            Some("en") => Lang::En,
            _ => Lang::Th,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Th => "th",
            Lang::En => "en",
        }
    }
}

/// The translator handed to every template.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn s(&self, key: &str) -> &'static str {
        match MESSAGES.iter().find(|(k, _, _)| *k == key) {
            Some((_, th, en)) => match self.lang {
                Lang::Th => th,
                Lang::En => en,
            },
            None => {
                debug_assert!(false, "no message for {key}");
                "?"
            }
        }
    }

    pub fn en(&self) -> bool {
        self.lang == Lang::En
    }

    /// Picks the Thai or the English form of a name from the data.
    pub fn pick<'a>(&self, th: &'a str, en: &'a str) -> &'a str {
        if self.en() && !en.is_empty() { en } else { th }
    }
}

pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("app", "แผนเดียวกัน", "One Plan"),
    (
        "app.sub",
        "ระบบสารสนเทศการบูรณาการแผนหมู่บ้าน ตำบล ท้องถิ่น อำเภอ และจังหวัด",
        "Integrated village, tambon, local, district and provincial planning",
    ),
    ("nav.areas", "พื้นที่", "Areas"),
    ("nav.audit", "บันทึกการแก้ไข", "Audit log"),
    ("nav.users", "บัญชีผู้ใช้", "Accounts"),
    ("nav.account", "บัญชีของฉัน", "My account"),
    ("nav.signin", "ลงชื่อเข้าใช้", "Sign in"),
    ("nav.signout", "ออกจากระบบ", "Sign out"),
    ("nav.api", "API", "API"),
    ("lang.other", "English", "ภาษาไทย"),
    ("lang.other.code", "en", "th"),
    // plans, forums and projects
    ("baht", "บาท", "baht"),
    (
        "plan.import.refused",
        "ไม่ได้นำเข้า เพราะพบข้อผิดพลาด {n} รายการ (ไม่มีข้อมูลใดถูกบันทึก)",
        "Nothing was imported: {n} mistakes were found (nothing was saved)",
    ),
    ("col.amount", "จำนวนเงิน (บาท)", "Amount (baht)"),
    ("col.date", "วันที่", "Date"),
    ("col.decided_on", "วันที่มีมติ", "Decided on"),
    ("col.dimension", "มิติการพัฒนา", "Dimension"),
    ("col.executor", "ผู้ดำเนินการ", "Carried out by"),
    (
        "col.issue",
        "ประเด็นการพัฒนาจังหวัด",
        "Provincial development issue",
    ),
    ("col.plan", "แผน", "Plan"),
    ("col.project", "โครงการ/กิจกรรม", "Project"),
    ("col.rank", "ลำดับความสำคัญ", "Priority"),
    ("col.source", "มาจาก", "From"),
    ("col.village", "หมู่บ้าน", "Village"),
    (
        "col.within_lao",
        "อยู่ในอำนาจหน้าที่ของ อปท.",
        "Within the LAO's authority",
    ),
    ("col.year", "ปีงบประมาณ", "Fiscal year"),
    ("forum.add", "บันทึกเวทีประชาคม", "Record a forum"),
    (
        "forum.attendance",
        "จำนวนผู้เข้าร่วม (คน)",
        "Attendance (people)",
    ),
    ("forum.chaired_by", "ประธานในเวที", "Chaired by"),
    ("forum.data", "ข้อมูลที่ใช้", "Data used"),
    (
        "forum.held_by",
        "ผู้จัดเวที (ศอช.ต./สอช.)",
        "Held by (ศอช.ต./สอช.)",
    ),
    ("forum.held_on", "วันที่จัดเวที", "Date"),
    (
        "forum.households",
        "จำนวนครัวเรือนที่เข้าร่วม",
        "Households taking part",
    ),
    ("forum.minutes", "บันทึกการประชุม", "Minutes"),
    ("forum.other_data", "ข้อมูลอื่นที่ใช้", "Other data used"),
    ("forum.people", "คน", "people"),
    ("forum.place", "สถานที่", "Place"),
    ("forum.save", "บันทึกเวที", "Save forum"),
    (
        "forum.used_basic_needs",
        "ใช้ข้อมูล จปฐ.",
        "Used the basic-needs survey (จปฐ.)",
    ),
    (
        "forum.used_village_data",
        "ใช้ข้อมูล กชช.๒ค",
        "Used the village data (กชช.๒ค)",
    ),
    ("plan.adopt", "นำเข้าแผน", "Adopt"),
    ("plan.approve", "อนุมัติแผน", "Approve"),
    (
        "plan.by_issue",
        "โครงการจากแผนพัฒนาอำเภอ แยกตามประเด็นการพัฒนา",
        "Projects from district plans by development issue",
    ),
    (
        "plan.candidates",
        "โครงการจากแผนระดับล่างที่นำเข้าแผนนี้ได้",
        "Projects from the plans below that this plan can adopt",
    ),
    (
        "plan.candidates.help",
        "กรอกลำดับความสำคัญและจำนวนเงิน (ถ้าไม่กรอกจะใช้จำนวนเงินเดิม) แล้วกด นำเข้าแผน",
        "Type a priority and an amount (empty keeps the amount below), then Adopt",
    ),
    (
        "plan.carry",
        "สร้างแผนปีถัดไปจากแผนนี้",
        "Start next year's plan from this one",
    ),
    (
        "plan.committee_approved_on",
        "วันที่ ก.บ.อ. อนุมัติแผน",
        "Approved by ก.บ.อ. on",
    ),
    (
        "plan.delivered_district_on",
        "วันที่ส่งเล่มแผนให้อำเภอ",
        "Plan book delivered to the district on",
    ),
    (
        "plan.delivered_lao_on",
        "วันที่ส่งเล่มแผนให้ อปท.",
        "Plan book delivered to the LAO on",
    ),
    (
        "plan.dimensions",
        "มิติการพัฒนาที่แผนครอบคลุม",
        "Development dimensions covered",
    ),
    ("plan.evaluated_on", "วันที่ประเมินผลแผน", "Plan evaluated on"),
    ("plan.evaluation", "ผลการประเมินแผน", "Evaluation"),
    ("plan.forums", "เวทีประชาคม", "Forums"),
    (
        "plan.history",
        "ประวัติการเสนอและอนุมัติแผน",
        "Submission and approval history",
    ),
    ("plan.issue.add", "เพิ่มประเด็น", "Add issue"),
    (
        "plan.issue.new",
        "ประเด็นการพัฒนาใหม่",
        "New development issue",
    ),
    (
        "plan.issues",
        "ประเด็นการพัฒนาของจังหวัด",
        "The province's development issues",
    ),
    (
        "plan.locked",
        "แผนที่อนุมัติแล้วถูกล็อก ผู้ใช้ระดับเหนือขึ้นไปเท่านั้นที่เปิดให้แก้ไขได้ โดยต้องระบุเหตุผล",
        "An approved plan is locked: only the level above can reopen it, giving a reason",
    ),
    (
        "plan.made_quarter",
        "ไตรมาสที่จัดทำแผน",
        "Quarter the plan was made",
    ),
    (
        "plan.merge",
        "รวมโครงการที่เลือกเข้ากับโครงการหลัก",
        "Merge the ticked projects into the kept one",
    ),
    (
        "plan.merge.help",
        "เลือกโครงการหลัก 1 โครงการ และติ๊กโครงการที่เป็นความต้องการเดียวกันจากหมู่บ้านอื่น",
        "Pick one project to keep and tick the same need from other villages",
    ),
    ("plan.merge.keep", "หลัก", "Keep"),
    ("plan.merge.with", "รวม", "Merge"),
    (
        "plan.milestones",
        "การส่งเล่มแผนและการประเมินผล",
        "Delivery and evaluation",
    ),
    ("plan.milestones.save", "บันทึก", "Save"),
    ("plan.next_year", "ไปยังแผนปีถัดไป", "Go to next year's plan"),
    (
        "plan.no_candidates",
        "ยังไม่มีโครงการจากแผนระดับล่าง",
        "No projects from the plans below yet",
    ),
    (
        "plan.no_issue",
        "ยังไม่ระบุประเด็นการพัฒนา",
        "No development issue given",
    ),
    (
        "plan.no_projects",
        "ยังไม่มีโครงการในแผนนี้",
        "No projects in this plan yet",
    ),
    ("plan.none_yet", "ยังไม่มีแผน", "No plan yet"),
    ("plan.open", "เปิดแผน", "Open plan"),
    ("plan.owner", "เจ้าของแผน", "Owner"),
    ("plan.projects", "โครงการในแผน", "Projects in the plan"),
    ("plan.quarter", "ไตรมาสที่", "Quarter"),
    (
        "plan.rates",
        "การนำแผนชุมชนสู่แผนพัฒนาท้องถิ่น ปีงบประมาณ",
        "Community plan projects taken up, fiscal year",
    ),
    (
        "plan.rates.budget",
        "บรรจุในร่างข้อบัญญัติงบประมาณ",
        "In the draft budget ordinance",
    ),
    (
        "plan.rates.integrated",
        "โครงการในแผนชุมชนระดับตำบลที่บูรณาการแล้ว",
        "Projects in the integrated tambon plans",
    ),
    (
        "plan.rates.local",
        "บรรจุในแผนพัฒนาท้องถิ่น",
        "In the local development plan",
    ),
    ("plan.remove", "นำออก", "Remove"),
    ("plan.reopen", "เปิดแผนให้แก้ไข", "Reopen for changes"),
    (
        "plan.reopen.reason",
        "เหตุผลที่เปิดแผนให้แก้ไข",
        "Reason for reopening",
    ),
    (
        "plan.route",
        "ส่งให้ส่วนราชการพิจารณาจัดทำโครงการและขอรับงบประมาณ",
        "Routed to line agencies with a budget request",
    ),
    ("plan.route.agency", "ส่วนราชการ", "Agency"),
    (
        "plan.route.amount",
        "งบประมาณที่ขอ (บาท)",
        "Amount requested (baht)",
    ),
    ("plan.route.on", "วันที่ส่ง", "Sent on"),
    ("plan.route.send", "ส่งให้ส่วนราชการ", "Send to the agency"),
    ("plan.sent_on", "วันที่ส่งแผนให้จังหวัด", "Sent to the province on"),
    ("plan.submit", "เสนอแผน", "Submit"),
    ("plan.total", "รวม", "Total"),
    ("plan.version", "ฉบับที่", "Version"),
    ("plan.withdraw", "ถอนกลับมาแก้ไข", "Withdraw to edit"),
    ("plan.xlsx.import", "นำเข้าจากไฟล์ Excel", "Import from Excel"),
    (
        "plan.xlsx.template",
        "ดาวน์โหลดแบบฟอร์มแผนพัฒนาหมู่บ้าน (.xlsx)",
        "Download the village-plan form (.xlsx)",
    ),
    ("plan.years", "ปี", "Years"),
    ("plan.step.submit", "เสนอแผน", "Submitted"),
    ("plan.step.withdraw", "ถอนกลับมาแก้ไข", "Withdrawn"),
    ("plan.step.approve", "อนุมัติ", "Approved"),
    ("plan.step.reopen", "เปิดให้แก้ไข", "Reopened"),
    ("plan.done.project", "บันทึกโครงการแล้ว", "Project saved"),
    ("plan.done.forum", "บันทึกเวทีประชาคมแล้ว", "Forum saved"),
    ("plan.done.adopt", "นำโครงการเข้าแผนแล้ว", "Project adopted"),
    ("plan.done.item", "แก้ไขรายการแล้ว", "Item updated"),
    (
        "plan.done.removed",
        "นำโครงการออกจากแผนแล้ว",
        "Project removed",
    ),
    ("plan.done.merged", "รวมโครงการแล้ว", "Projects merged"),
    ("plan.done.submit", "เสนอแผนแล้ว", "Plan submitted"),
    (
        "plan.done.withdraw",
        "ถอนแผนกลับมาเป็นร่างแล้ว",
        "Plan withdrawn to draft",
    ),
    (
        "plan.done.approve",
        "อนุมัติแผนแล้ว แผนถูกล็อก",
        "Plan approved and locked",
    ),
    ("plan.done.reopen", "เปิดแผนให้แก้ไขแล้ว", "Plan reopened"),
    ("plan.done.milestones", "บันทึกแล้ว", "Saved"),
    (
        "plan.done.carried",
        "สร้างแผนปีถัดไปแล้ว โครงการที่ยังไม่มีผู้รับไปดำเนินการถูกยกมาให้ทบทวน",
        "Next year's plan started; projects nobody has taken up were carried over for review",
    ),
    ("plan.done.routed", "ส่งให้ส่วนราชการแล้ว", "Sent to the agency"),
    ("plan.done.issue", "เพิ่มประเด็นการพัฒนาแล้ว", "Issue added"),
    (
        "plan.done.imported",
        "นำเข้าโครงการจากไฟล์ Excel แล้ว",
        "Projects imported from Excel",
    ),
    (
        "plan.standard",
        "การประเมินมาตรฐานแผนชุมชน",
        "Community-plan standard",
    ),
    (
        "plan.standard.assess",
        "บันทึกผลการประเมิน",
        "Record an assessment",
    ),
    ("plan.standard.assessor", "ผู้ประเมิน", "Assessor"),
    ("plan.standard.met", "ผ่านเกณฑ์", "Criteria met"),
    ("plan.standard.level", "ระดับ", "Level"),
    ("plan.standard.on", "วันที่ประเมิน", "Assessed on"),
    ("plan.standard.save", "บันทึกผลการประเมิน", "Save assessment"),
    (
        "plan.done.assessed",
        "บันทึกผลการประเมินแล้ว",
        "Assessment saved",
    ),
    ("plan.item.save", "บันทึก", "Save"),
    ("plan.in_plan", "อยู่ในแผนแล้ว", "In the plan"),
    ("col.area", "รหัสพื้นที่", "Area code"),
    (
        "report.registers",
        "ทะเบียนรายงานแผนพัฒนาตำบล (แบบ ๑–๓)",
        "Tambon-plan registers (forms 1–3)",
    ),
    ("report.download", "ดาวน์โหลด", "Download"),
    ("report.show", "แสดง", "Show"),
    ("report.targets", "ตำบลเป้าหมาย", "Target tambons"),
    ("report.target", "เป้าหมาย", "Target"),
    (
        "report.district",
        "รายงานผลการดำเนินงานการจัดทำและประสานแผนพัฒนาตำบล (ระดับอำเภอ)",
        "District progress report on tambon plans",
    ),
    (
        "report.form1",
        "แบบ ๑ ทะเบียนข้อมูลตำบลเป้าหมาย",
        "Form 1: target tambons",
    ),
    (
        "report.form2",
        "แบบ ๒ การนำโครงการในเล่มแผนชุมชนระดับตำบลไปใช้ประโยชน์ในการบริหารจัดการชุมชน",
        "Form 2: projects put to use",
    ),
    (
        "report.form3",
        "แบบ ๓ การเชื่อมโยงและประสานแผนชุมชนระดับตำบลกับ อปท.",
        "Form 3: projects linked with the LAO",
    ),
    (
        "report.no_targets",
        "ยังไม่ได้กำหนดตำบลเป้าหมายของปีนี้",
        "No target tambons set for this year",
    ),
    ("report.none", "ไม่มีข้อมูล", "None"),
    ("report.coordinator", "ชื่อผู้ประสานงาน", "Coordinator"),
    ("report.submissions", "การส่งรายงาน", "Submissions"),
    ("report.submit", "ส่งรายงาน", "Submit"),
    ("report.save", "บันทึก", "Save"),
    ("report.version", "ครั้งที่", "Version"),
    ("report.submitted_at", "ส่งเมื่อ", "Submitted at"),
    ("report.submitted_by", "ผู้ส่ง", "By"),
    ("report.late", "ส่งหลังกำหนด", "Late"),
    (
        "report.n",
        "จำนวนตำบลเป้าหมายที่ได้รับงบประมาณ (N)",
        "Target tambons that received budget (N)",
    ),
    ("report.by", "ภายใน", "by"),
    ("report.by_tambon", "รายตำบล", "By tambon"),
    ("report.problems", "ปัญหา/อุปสรรค", "Problems and obstacles"),
    ("report.suggestions", "ข้อเสนอแนะ", "Suggestions"),
    ("report.done.submitted", "ส่งรายงานแล้ว", "Report submitted"),
    ("report.done.saved", "บันทึกแล้ว", "Saved"),
    ("report.link", "รายงาน", "Reports"),
    (
        "kpi.title",
        "ตัวชี้วัดที่ ๓.๒ อปท. ต้นแบบที่นำแผนชุมชนสู่การพัฒนาท้องถิ่น",
        "KPI 3.2: model LAOs bringing community plans into local development",
    ),
    (
        "kpi.designated",
        "อปท. ต้นแบบที่กำหนดแล้ว",
        "model LAOs designated",
    ),
    ("kpi.value", "ค่าตัวชี้วัด", "KPI value"),
    ("kpi.score", "คะแนน", "Score"),
    (
        "kpi.meeting",
        "อปท. ต้นแบบที่ผ่านเกณฑ์",
        "model LAOs meeting the criteria",
    ),
    ("kpi.rules", "เกณฑ์ปีนี้", "This year's rules"),
    (
        "kpi.bands",
        "ช่วงคะแนน ๑–๕ (ร้อยละ)",
        "Score bands 1–5 (percent)",
    ),
    ("kpi.model_lao", "อปท. ต้นแบบ", "Model LAO"),
    ("kpi.criterion", "เกณฑ์", "Criterion"),
    ("kpi.item7", "ข้อ ๗", "Item 7"),
    ("kpi.item8", "ข้อ ๘", "Item 8"),
    ("kpi.meets", "ผ่านเกณฑ์", "Meets"),
    ("kpi.yes", "ผ่าน", "Yes"),
    ("kpi.no", "ยังไม่ผ่าน", "Not yet"),
    (
        "kpi.designation",
        "การกำหนด อปท. ต้นแบบของอำเภอ",
        "The district's model LAO",
    ),
    ("kpi.current", "ปัจจุบัน", "Current"),
    ("kpi.replaced", "เปลี่ยนแล้ว", "Replaced"),
    ("kpi.designated_on", "วันที่กำหนด", "Designated on"),
    ("kpi.reason", "เหตุผล (กรณีเปลี่ยน)", "Reason (when changing)"),
    ("kpi.designate", "กำหนดเป็น อปท. ต้นแบบ", "Designate"),
    (
        "kpi.monthly",
        "แบบรายงานผลการดำเนินงานตัวชี้วัดที่ ๓.๒",
        "KPI 3.2 monthly report",
    ),
    (
        "kpi.not_model",
        "อปท. นี้ไม่ได้เป็น อปท. ต้นแบบของปีนี้",
        "This LAO is not a model LAO this year",
    ),
    (
        "kpi.i1",
        "จำนวนหมู่บ้าน หรือชุมชน ทั้งหมด (หมู่บ้าน/ชุมชน)",
        "Villages or communities, in all",
    ),
    (
        "kpi.i2",
        "มีคณะทำงานสนับสนุนกระบวนการแผนชุมชนระดับท้องถิ่น หรือคณะทำงานอื่นๆ ที่เกี่ยวข้อง ที่มีหน่วยงาน องค์กร ผู้นำภาคประชาชนร่วมเป็นคณะทำงาน",
        "Working group supporting community plans",
    ),
    (
        "kpi.i3",
        "คณะทำงานตามข้อ ๒ มีการกำหนดแผนการดำเนินงานสนับสนุนกระบวนการแผนชุมชนร่วมกัน",
        "The working group has a joint work plan",
    ),
    (
        "kpi.i4",
        "มีการจัดทำเวทีประชาคมทบทวน ปรับปรุงแผนชุมชน ครอบคลุมมิติการพัฒนาด้านเศรษฐกิจ ด้านสังคมและคุณภาพชีวิต ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อมครบทุกหมู่บ้านหรือชุมชน โดยคณะกรรมการหมู่บ้านหรือคณะกรรมการชุมชน",
        "Plan-review forums covering the three dimensions in every village",
    ),
    (
        "kpi.i5",
        "มีจัดเวทีประชาคมระดับเทศบาล หรือ อบต. บูรณาการแผนชุมชนระดับเทศบาลหรือ อบต. โดยศูนย์ประสานงานองค์การชุมชนระดับตำบล (ศอช.ต.) และสภาองค์กรชุมชน (สอช.) (ถ้ามี) หรือองค์กรภาคประชาชนอื่นระดับตำบล ร่วมกับแกนนำแผนชุมชน",
        "LAO-level integration forum held",
    ),
    (
        "kpi.i6",
        "แผนชุมชนที่มีการบูรณาการระดับเทศบาล หรือ อบต. ตามข้อ ๕ ครอบคลุมมิติการพัฒนาด้านเศรษฐกิจ ด้านสังคมและคุณภาพชีวิต ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม",
        "The integrated plan covers the three dimensions",
    ),
    (
        "kpi.i7",
        "มีการนำโครงการ/กิจกรรม จากแผนชุมชนตามข้อ ๖. บรรจุไว้ในแผนพัฒนาท้องถิ่นของปีถัดไป",
        "Projects in next year's local plan",
    ),
    (
        "kpi.i8",
        "มีการนำโครงการ/กิจกรรมจากแผนชุมชน ในแผนพัฒนาท้องถิ่นตามข้อ ๗. บรรจุไว้ในร่างข้อบัญญัติงบประมาณ ในปีถัดไปของเทศบาล หรือ อบต.",
        "Projects in the draft budget ordinance",
    ),
    ("kpi.projects", "โครงการ", "projects"),
    ("kpi.not_yet", "ยังไม่มี", "Not yet"),
    ("kpi.expected", "คาดว่าจะแล้วเสร็จ (วันที่)", "Expected by (date)"),
    (
        "kpi.meets_all",
        "ผ่านเกณฑ์ครบทั้ง ๕ ข้อ",
        "Meets all five criteria",
    ),
    (
        "kpi.not_all",
        "ยังไม่ผ่านเกณฑ์ครบทุกข้อ",
        "Does not yet meet every criterion",
    ),
    ("kpi.month", "เดือนที่รายงาน", "Month"),
    ("kpi.report_no", "รายงานครั้งที่", "Report no."),
    (
        "kpi.work_plan_on",
        "วันที่เห็นชอบแผนการทำงานร่วมของคณะทำงาน",
        "Joint work plan approved on",
    ),
    (
        "kpi.settings",
        "เกณฑ์ตัวชี้วัดที่ ๓.๒ รายปี",
        "KPI 3.2 settings by year",
    ),
    (
        "kpi.settings.from",
        "ค่าที่ใช้อยู่ตั้งไว้สำหรับปี",
        "Values in force were set for",
    ),
    (
        "kpi.base",
        "จำนวน อปท. ต้นแบบทั้งประเทศ",
        "National base of model LAOs",
    ),
    ("project.add", "เพิ่มโครงการ", "Add a project"),
    ("project.budget", "งบประมาณ (บาท)", "Budget (baht)"),
    ("project.duration", "ระยะเวลาดำเนินการ", "Duration"),
    ("project.edit", "แก้ไขโครงการ", "Edit project"),
    ("project.ends_on", "วันสิ้นสุด", "Ends on"),
    ("project.forum", "เสนอในเวทีประชาคม", "Raised in the forum"),
    ("project.format", "รูปแบบโครงการ", "Kind of project"),
    (
        "project.format.hint",
        "เช่น ก่อสร้าง ฝึกอบรม ส่งเสริมอาชีพ",
        "e.g. construction, training, livelihood",
    ),
    (
        "project.funding",
        "แหล่งงบประมาณ/ภาคีการพัฒนา",
        "Funding sources and partners",
    ),
    (
        "project.funding.hint",
        "บรรทัดละแหล่ง: ชื่อ | สนับสนุนงบประมาณ หรือ ร่วมดำเนินการ | จำนวนเงิน",
        "One per line: name | funds or cooperates | amount",
    ),
    ("project.lineage", "เส้นทางของโครงการ", "Lineage"),
    (
        "project.merged_from",
        "รวมความต้องการเดียวกันจาก",
        "Merged from",
    ),
    (
        "project.merged_into",
        "โครงการนี้ถูกรวมเข้ากับ",
        "This project was merged into",
    ),
    ("project.need", "ปัญหา/ความต้องการ", "Problem or need"),
    ("project.objective", "วัตถุประสงค์", "Objective"),
    ("project.origin", "ที่มาและรายละเอียด", "Origin and details"),
    ("project.progress", "ความก้าวหน้า", "Progress"),
    (
        "project.progress.none",
        "ยังไม่มีรายงานความก้าวหน้า",
        "No progress reported yet",
    ),
    ("project.progress.save", "บันทึกความก้าวหน้า", "Save progress"),
    (
        "project.progress.title",
        "ผลการดำเนินงาน",
        "Progress and spending",
    ),
    ("project.reach", "พื้นที่ดำเนินการ", "Area"),
    ("project.save", "บันทึกโครงการ", "Save project"),
    ("project.spent", "เบิกจ่ายแล้ว (บาท)", "Spent (baht)"),
    ("project.starts_on", "วันเริ่มต้น", "Starts on"),
    ("project.target", "เป้าหมาย", "Target"),
    (
        "project.target_households",
        "เป้าหมาย (ครัวเรือน)",
        "Target households",
    ),
    ("project.target_people", "เป้าหมาย (คน)", "Target people"),
    ("project.title", "ชื่อโครงการ/กิจกรรม", "Project title"),
    (
        "project.villages",
        "หมู่บ้านเป้าหมาย (เลขหมู่)",
        "Villages served (moo numbers)",
    ),
    ("country", "ประเทศไทย", "Thailand"),
    ("level.province", "จังหวัด", "Province"),
    ("level.district", "อำเภอ", "District"),
    ("level.tambon", "ตำบล", "Tambon"),
    ("level.village", "หมู่บ้าน", "Village"),
    ("level.lao", "อปท.", "LAO"),
    ("count.provinces", "จังหวัด", "provinces"),
    ("count.districts", "อำเภอ", "districts"),
    ("count.tambons", "ตำบล", "tambons"),
    ("count.villages", "หมู่บ้าน", "villages"),
    (
        "count.laos",
        "องค์กรปกครองส่วนท้องถิ่น",
        "local administrative organisations",
    ),
    ("col.code", "รหัส", "Code"),
    ("col.name", "ชื่อ", "Name"),
    ("col.units", "จำนวนหน่วยย่อย", "Units below"),
    ("col.moo", "หมู่ที่", "Moo"),
    ("col.kind", "ประเภท", "Type"),
    ("col.extent", "ความครอบคลุม", "Coverage"),
    ("col.when", "เวลา", "When"),
    ("col.who", "ผู้ดำเนินการ", "Who"),
    ("col.action", "การดำเนินการ", "Action"),
    ("col.what", "รายการ", "What"),
    ("col.before", "ก่อนแก้ไข", "Before"),
    ("col.after", "หลังแก้ไข", "After"),
    ("col.note", "หมายเหตุ", "Note"),
    ("col.username", "ชื่อผู้ใช้", "Username"),
    ("col.display_name", "ชื่อ-นามสกุล", "Full name"),
    ("col.position", "ตำแหน่ง", "Position"),
    ("col.agency", "หน่วยงาน", "Agency"),
    ("col.role", "บทบาท", "Role"),
    ("col.scope", "พื้นที่รับผิดชอบ", "Area of responsibility"),
    ("col.status", "สถานะ", "Status"),
    ("col.postal", "รหัสไปรษณีย์", "Postal codes"),
    ("col.dla_code", "รหัส อปท. (สถ.)", "DLA code"),
    ("extent.complete", "ทั้งตำบล", "whole tambon"),
    ("extent.partial", "บางส่วน", "part"),
    (
        "areas.laos_covering",
        "องค์กรปกครองส่วนท้องถิ่นที่รับผิดชอบพื้นที่",
        "Local administrative organisations covering this area",
    ),
    (
        "areas.laos_here",
        "องค์กรปกครองส่วนท้องถิ่นในพื้นที่",
        "Local administrative organisations here",
    ),
    (
        "areas.no_villages",
        "ตำบลนี้ไม่มีหมู่บ้าน (พื้นที่เขตเมือง ใช้ชุมชนแทนหมู่บ้าน)",
        "This tambon has no villages (urban area: communities are used instead)",
    ),
    (
        "areas.no_lao",
        "ยังไม่มีข้อมูล อปท. ที่รับผิดชอบพื้นที่นี้",
        "No LAO is recorded for this area yet",
    ),
    (
        "areas.village_partial",
        "ตำบลนี้มี อปท. มากกว่าหนึ่งแห่ง หมู่บ้านอยู่ในความรับผิดชอบของแห่งใดแห่งหนึ่ง",
        "Several LAOs share this tambon; the village belongs to one of them",
    ),
    (
        "areas.search",
        "ค้นหาพื้นที่หรือ อปท. (ชื่อหรือรหัส)",
        "Find an area or LAO (name or code)",
    ),
    ("areas.search.button", "ค้นหา", "Search"),
    ("areas.search.none", "ไม่พบพื้นที่ที่ตรงกับคำค้น", "Nothing matches"),
    ("areas.search.title", "ผลการค้นหา", "Search results"),
    ("lao.coverage", "พื้นที่รับผิดชอบ", "Area covered"),
    ("lao.office", "ที่ตั้งสำนักงาน", "Office"),
    ("signin.title", "ลงชื่อเข้าใช้", "Sign in"),
    ("signin.username", "ชื่อผู้ใช้", "Username"),
    ("signin.password", "รหัสผ่าน", "Password"),
    ("signin.submit", "เข้าสู่ระบบ", "Sign in"),
    (
        "signin.hint",
        "บัญชีผู้ใช้สร้างโดยผู้ดูแลระบบของหน่วยงานท่าน",
        "Accounts are created by your office's administrator",
    ),
    ("account.title", "บัญชีของฉัน", "My account"),
    ("account.password", "เปลี่ยนรหัสผ่าน", "Change password"),
    ("account.password.old", "รหัสผ่านเดิม", "Current password"),
    (
        "account.password.new",
        "รหัสผ่านใหม่ (อย่างน้อย 10 ตัวอักษร)",
        "New password (10 characters or more)",
    ),
    (
        "account.password.must",
        "โปรดตั้งรหัสผ่านใหม่ก่อนใช้งาน",
        "Please set a new password before you go on",
    ),
    (
        "account.password.done",
        "เปลี่ยนรหัสผ่านแล้ว",
        "Password changed",
    ),
    ("users.title", "บัญชีผู้ใช้ในพื้นที่รับผิดชอบ", "Accounts in your area"),
    ("users.new", "เพิ่มบัญชีผู้ใช้", "New account"),
    ("users.edit", "แก้ไขบัญชีผู้ใช้", "Edit account"),
    ("users.save", "บันทึก", "Save"),
    ("users.active", "ใช้งานได้", "Active"),
    ("users.inactive", "ระงับการใช้งาน", "Suspended"),
    (
        "users.scope_code",
        "รหัสพื้นที่ (จังหวัด 2 หลัก อำเภอ 4 หลัก ตำบล 6 หลัก หมู่บ้าน 8 หลัก หรือรหัส อปท.)",
        "Area code (province 2 digits, district 4, tambon 6, village 8, or the LAO code)",
    ),
    (
        "users.initial_password",
        "รหัสผ่านเริ่มต้น (ผู้ใช้ต้องเปลี่ยนเมื่อเข้าระบบครั้งแรก)",
        "Initial password (to be changed at first sign-in)",
    ),
    ("users.reset", "ตั้งรหัสผ่านใหม่", "Reset password"),
    (
        "users.reset.done",
        "ตั้งรหัสผ่านชั่วคราวแล้ว แจ้งผู้ใช้ให้เปลี่ยนเมื่อเข้าระบบ:",
        "Temporary password set; the user must change it at sign-in:",
    ),
    ("users.created", "สร้างบัญชีแล้ว", "Account created"),
    ("users.saved", "บันทึกการแก้ไขแล้ว", "Changes saved"),
    ("audit.title", "บันทึกการแก้ไขข้อมูล", "Audit log"),
    ("audit.area", "พื้นที่", "Area"),
    ("audit.older", "รายการก่อนหน้า", "Older entries"),
    ("audit.none", "ยังไม่มีรายการ", "No entries yet"),
    ("committee.link", "คณะกรรมการ (กลไก)", "Committees"),
    ("committee.title", "คณะกรรมการ (กลไก)", "Committees"),
    (
        "committee.fiscal_year",
        "ปีงบประมาณ พ.ศ.",
        "Fiscal year (BE)",
    ),
    (
        "committee.current_rule",
        "คำสั่งแต่งตั้งต้องทบทวนทุกปี คณะที่ไม่มีคำสั่งของปีงบประมาณนี้ถือว่าไม่เป็นปัจจุบัน",
        "Orders are renewed every year: a committee without an order for this fiscal year is not current",
    ),
    ("committee.current", "เป็นปัจจุบัน", "Current"),
    (
        "committee.not_current",
        "ไม่มีคำสั่งแต่งตั้งที่เป็นปัจจุบัน",
        "No current appointment order",
    ),
    ("committee.not_current.short", "ไม่เป็นปัจจุบัน", "Not current"),
    (
        "committee.none_missing",
        "ทุกคณะมีคำสั่งแต่งตั้งที่เป็นปัจจุบัน",
        "Every committee has a current appointment order",
    ),
    (
        "committee.others",
        "คณะที่มีคำสั่งเป็นปัจจุบัน และคณะอื่นที่บันทึกไว้",
        "Current committees and others recorded",
    ),
    (
        "committee.optional_kinds",
        "คณะที่มีได้ในบางตำบล",
        "Committees only some tambons have",
    ),
    ("committee.optional", "มีเฉพาะบางพื้นที่", "where one exists"),
    ("committee.col.kind", "คณะกรรมการ", "Committee"),
    ("committee.col.owner", "พื้นที่ / อปท.", "Area / LAO"),
    ("committee.col.expected", "ที่ต้องมี", "Expected"),
    (
        "committee.col.missing",
        "ขาดคำสั่งปัจจุบัน",
        "Lacking a current order",
    ),
    ("committee.col.latest", "คำสั่งล่าสุด", "Latest order"),
    ("committee.col.order_no", "คำสั่งที่", "Order no."),
    (
        "committee.no_orders",
        "ยังไม่มีคำสั่งแต่งตั้ง",
        "No appointment order yet",
    ),
    ("committee.view", "ดูคำสั่ง", "Orders"),
    (
        "committee.record",
        "บันทึกคำสั่งแต่งตั้ง",
        "Record an appointment order",
    ),
    ("committee.record.short", "บันทึกคำสั่ง", "Record order"),
    (
        "committee.saved",
        "บันทึกคำสั่งแต่งตั้งแล้ว",
        "Appointment order saved",
    ),
    ("committee.orders", "คำสั่งแต่งตั้ง", "Appointment orders"),
    ("committee.members", "รายชื่อกรรมการ", "Members"),
    ("committee.member.row", "แถวที่", "Row"),
    ("committee.member.name", "ชื่อ-นามสกุล", "Name"),
    ("committee.member.position", "ตำแหน่ง", "Position"),
    (
        "committee.member.role",
        "บทบาทในคณะกรรมการ",
        "Role in the committee",
    ),
    ("committee.role.choose", "— เลือก —", "— choose —"),
    (
        "committee.form.order_no",
        "เลขที่คำสั่ง (เช่น ๑๒/๒๕๖๗)",
        "Order number (e.g. 12/2567)",
    ),
    (
        "committee.form.order_date",
        "ลงวันที่ (เช่น ๑๕/๑๒/๒๕๖๖ หรือ ๑๕ ธ.ค. ๖๖)",
        "Order date (e.g. 15/12/2566, 2023-12-15 or 15 ธ.ค. 66)",
    ),
    (
        "committee.form.fiscal_year",
        "ปีงบประมาณ พ.ศ. (เว้นว่างไว้ = ปีงบประมาณของวันที่คำสั่ง)",
        "Fiscal year, BE (leave blank for the order date's)",
    ),
    (
        "committee.form.rows_hint",
        "กรอกเฉพาะแถวที่ใช้ แถวที่ว่างจะไม่ถูกบันทึก ต้องมีประธาน 1 คน",
        "Fill in only the rows you need; blank rows are ignored. There must be exactly one chair.",
    ),
    (
        "committee.form.prefilled",
        "รายชื่อตั้งต้นมาจากคำสั่งล่าสุด แก้ไขให้ตรงกับคำสั่งใหม่ก่อนบันทึก",
        "The members are copied from the latest order: correct them to match the new order before saving.",
    ),
    ("committee.form.more", "เพิ่มแถว", "More rows"),
    ("committee.save", "บันทึกคำสั่ง", "Save the order"),
    ("committee.back", "กลับ", "Back"),
    // calendar, reminders and mail
    ("calendar.nav", "ปฏิทินการรายงาน", "Reporting calendar"),
    ("calendar.title", "ปฏิทินการรายงาน", "Reporting calendar"),
    ("calendar.year", "ปีงบประมาณ", "Fiscal year"),
    ("calendar.today", "วันนี้", "Today"),
    (
        "calendar.empty",
        "ยังไม่มีกำหนดส่งรายงานของปีงบประมาณนี้",
        "No deadlines for this fiscal year yet",
    ),
    (
        "calendar.create_year",
        "สร้างปฏิทินตามรอบปีของหนังสือสั่งการ ปีงบประมาณ",
        "Create the calendar from the yearly pattern, fiscal year",
    ),
    ("calendar.due", "กำหนดส่ง", "Due"),
    ("calendar.report", "รายงาน", "Report"),
    ("calendar.status", "สถานะ", "Status"),
    ("calendar.expected", "ต้องส่ง", "Expected"),
    ("calendar.reported", "ส่งแล้ว", "Reported"),
    ("calendar.late", "ส่งช้า", "Late"),
    ("calendar.missing", "ยังไม่ส่ง", "Not reported"),
    ("calendar.area", "พื้นที่", "Area"),
    (
        "calendar.not_reported",
        "หน่วยที่ยังไม่ส่ง",
        "Units that have not reported",
    ),
    (
        "calendar.all_reported",
        "ส่งครบทุกหน่วยแล้ว",
        "Every unit has reported",
    ),
    (
        "calendar.no_units",
        "ไม่มีหน่วยที่ต้องส่งในพื้นที่นี้ (ยังไม่ได้บันทึกตำบลเป้าหมายหรือ อปท. ต้นแบบ)",
        "No unit must report here (no target tambons or model LAOs recorded)",
    ),
    (
        "calendar.change_due",
        "เปลี่ยนวันกำหนดส่ง",
        "Change the due date",
    ),
    ("calendar.add", "เพิ่มกำหนดส่ง", "Add a deadline"),
    (
        "calendar.period",
        "งวด (ปี ค.ศ.-เดือน สำหรับรายงานรายเดือน)",
        "Period (YYYY-MM, monthly reports)",
    ),
    (
        "calendar.deadline_title",
        "ชื่อรายการ (เว้นว่างได้)",
        "Title (optional)",
    ),
    ("calendar.status.not_yet_due", "ยังไม่ถึงกำหนด", "Not yet due"),
    ("calendar.status.due_soon", "ใกล้ถึงกำหนด", "Due soon"),
    ("calendar.status.overdue", "เลยกำหนด", "Overdue"),
    (
        "calendar.kind.register1",
        "แบบ ๑ ทะเบียนข้อมูลตำบลเป้าหมาย",
        "Register form 1 — target tambons",
    ),
    (
        "calendar.kind.register2",
        "แบบ ๒ การนำโครงการไปใช้ประโยชน์",
        "Register form 2 — projects put to use",
    ),
    (
        "calendar.kind.register3",
        "แบบ ๓ การเชื่อมโยงแผนกับ อปท.",
        "Register form 3 — projects linked with the LAO",
    ),
    (
        "calendar.kind.district_progress",
        "รายงานผลการดำเนินงานระดับอำเภอ",
        "District progress report",
    ),
    (
        "calendar.kind.kpi32_monthly",
        "รายงานตัวชี้วัดที่ ๓.๒ รายเดือน",
        "KPI 3.2 monthly report",
    ),
    (
        "calendar.kind.district_plan",
        "โครงการแผนพัฒนาอำเภอที่ ก.บ.อ. อนุมัติ",
        "District plan projects approved by ก.บ.อ.",
    ),
    (
        "calendar.kind.role_model",
        "รายงานอำเภอต้นแบบ",
        "Role Model district report",
    ),
    ("notification.nav", "การแจ้งเตือน", "Notifications"),
    ("notification.title", "การแจ้งเตือนของฉัน", "My notifications"),
    ("notification.none", "ไม่มีการแจ้งเตือน", "No notifications"),
    ("notification.message", "ข้อความ", "Message"),
    ("notification.mark_read", "อ่านแล้ว", "Mark read"),
    ("notification.read", "อ่านแล้ว", "Read"),
    (
        "notification.read_all",
        "ทำเครื่องหมายว่าอ่านแล้วทั้งหมด",
        "Mark all read",
    ),
    (
        "notification.email",
        "อีเมลสำหรับรับการแจ้งเตือน",
        "E-mail for reminders",
    ),
    ("notification.email.save", "บันทึกอีเมล", "Save e-mail"),
    ("notification.email.done", "บันทึกอีเมลแล้ว", "E-mail saved"),
    // official documents
    ("document.book", "เล่มแผน", "Plan book"),
    (
        "document.model_plan",
        "แผนต้นแบบของอำเภอ",
        "District model plan",
    ),
    (
        "document.model.mark",
        "เลือกเป็นแผนต้นแบบของอำเภอ",
        "Choose as the district's model plan",
    ),
    (
        "document.done.model",
        "บันทึกเป็นแผนต้นแบบของอำเภอแล้ว",
        "Recorded as the district's model plan",
    ),
    (
        "document.model.help",
        "แต่ละอำเภอเลือกแผนพัฒนาตำบลหนึ่งแผนต่อปีเป็นแผนต้นแบบ และส่งให้จังหวัดเป็นไฟล์ Word",
        "Each district chooses one tambon plan a year as its model and sends it to the province as a Word file",
    ),
    (
        "document.model.none",
        "ยังไม่ได้เลือกแผนต้นแบบ",
        "No model plan chosen yet",
    ),
    ("document.model.chosen_by", "เลือกโดย", "chosen by"),
    ("error.title", "ดำเนินการไม่สำเร็จ", "Something went wrong"),
    ("error.back", "กลับหน้าแรก", "Back to the start"),
    ("yes", "ใช่", "Yes"),
    ("no", "ไม่ใช่", "No"),
    // issue 11: dates checked against the plan
    ("plan.made_on", "วันที่จัดทำแผน", "Date the plan was made"),
    (
        "plan.made_quarter.from_date",
        "(คิดจากวันที่จัดทำแผน ปีงบประมาณเริ่ม ๑ ตุลาคม)",
        "(from the date the plan was made; the fiscal year starts on 1 October)",
    ),
    // issue 11: committee meetings
    ("meeting.title", "การประชุม", "Meetings"),
    (
        "meeting.none",
        "ยังไม่มีบันทึกการประชุม",
        "No meeting recorded yet",
    ),
    ("meeting.record", "บันทึกการประชุม", "Record a meeting"),
    ("meeting.save", "บันทึกการประชุม", "Save the meeting"),
    ("meeting.saved", "บันทึกการประชุมแล้ว", "Meeting saved"),
    ("meeting.held_on", "วันที่ประชุม", "Date"),
    ("meeting.place", "สถานที่", "Place"),
    ("meeting.attendance", "ผู้เข้าประชุม (คน)", "Attendance"),
    ("meeting.agenda", "ระเบียบวาระการประชุม", "Agenda"),
    ("meeting.minutes", "รายงานการประชุม", "Minutes"),
    ("meeting.resolutions", "มติที่ประชุม", "Resolutions"),
    (
        "meeting.for_plan_year",
        "ประชุมเพื่อจัดทำแผนพัฒนาตำบล ปี พ.ศ.",
        "Held to make the tambon plan of (BE)",
    ),
    (
        "committee.missing_seats",
        "คำสั่งล่าสุดยังไม่มีองค์ประกอบตามหนังสือสั่งการ (แต่ละตำแหน่งหรือผู้แทน)",
        "The newest order lacks members the circular prescribes (each, or a representative)",
    ),
    // issue 11: agencies
    (
        "users.agency.choose",
        "— เลือกหน่วยงาน —",
        "— choose the agency —",
    ),
    ("plan.agency", "หน่วยงานที่จัดทำ", "Made by agency"),
    ("kpi.model.agreed_by", "เห็นชอบโดย", "agreed by"),
    (
        "kpi.model.agreed_before",
        "คัดเลือกก่อนมีการบันทึกความเห็นชอบ",
        "designated before agreements were recorded",
    ),
    (
        "kpi.model.not_agreed",
        "รอ พช.อ. ให้ความเห็นชอบ",
        "awaiting the district CD office's agreement",
    ),
    (
        "kpi.model.agree",
        "ให้ความเห็นชอบ (พช.อ.)",
        "Agree (district CD office)",
    ),
    // issue 11: a plan's own projects (ผ.02)
    (
        "own.title",
        "โครงการของแผนเอง (แบบ ผ.02)",
        "The plan's own projects (form ผ.02)",
    ),
    (
        "own.adopted",
        "โครงการที่รับมาจากแผนระดับล่าง (แผนชุมชน)",
        "Adopted from the plans below (community plans)",
    ),
    ("own.own", "โครงการของแผนเอง", "Own projects"),
    ("own.year", "ปีงบประมาณ (พ.ศ.)", "Fiscal year (BE)"),
    ("own.baht_note", "จำนวนเงินเป็นบาท", "Amounts in baht"),
    ("own.seq", "ที่", "No."),
    ("own.strategy", "ยุทธศาสตร์", "Strategy"),
    ("own.work_plan", "แผนงาน", "Programme"),
    ("own.objective", "วัตถุประสงค์", "Objective"),
    ("own.output", "เป้าหมาย (ผลผลิตของโครงการ)", "Target (output)"),
    ("own.budget", "งบประมาณ", "Budget"),
    ("own.indicator", "ตัวชี้วัด (KPI)", "Indicator (KPI)"),
    ("own.expected", "ผลที่คาดว่าจะได้รับ", "Expected result"),
    ("own.responsible", "หน่วยงานรับผิดชอบหลัก", "Responsible unit"),
    (
        "own.dimension.none",
        "ไม่ระบุ (มิติการพัฒนาด้านอื่นๆ)",
        "Not stated (other)",
    ),
    ("own.add", "เพิ่มโครงการของแผนเอง", "Add an own project"),
    ("own.edit", "แก้ไข", "Edit"),
    ("own.save", "บันทึกโครงการ", "Save project"),
    ("own.delete", "ลบ", "Delete"),
    (
        "own.import",
        "นำเข้าจากไฟล์ Excel หรือ CSV ตามแบบ ผ.02",
        "Import an Excel or CSV file in the ผ.02 layout",
    ),
    ("own.import.send", "นำเข้า", "Import"),
    (
        "own.import.help",
        "หัวตาราง: ยุทธศาสตร์ แผนงาน โครงการ วัตถุประสงค์ เป้าหมาย (ผลผลิตของโครงการ) งบประมาณ แยกคอลัมน์ทุกปีของแผน ตัวชี้วัด (KPI) ผลที่คาดว่าจะได้รับ หน่วยงานรับผิดชอบหลัก · ตัวเลขไทยหรืออารบิก มีจุลภาคได้ ใช้ - เมื่อไม่มีงบประมาณ · มีข้อผิดพลาดแถวใดจะไม่บันทึกทั้งไฟล์",
        "Header: strategy, programme, project, objective, target, one budget column per year of the plan, indicator, expected result, responsible unit · Thai or Arabic digits, separators allowed, - for no budget · a file with any mistake is not saved at all",
    ),
    ("plan.done.own", "บันทึกโครงการของแผนแล้ว", "Own project saved"),
    (
        "plan.done.own_updated",
        "แก้ไขโครงการของแผนแล้ว",
        "Own project updated",
    ),
    (
        "plan.done.own_deleted",
        "ลบโครงการของแผนแล้ว",
        "Own project deleted",
    ),
    (
        "plan.done.own_imported",
        "นำเข้าโครงการจากไฟล์แล้ว",
        "Projects imported from the file",
    ),
    // issue 11: shared tambons
    (
        "split.title",
        "ตำบลที่ใช้ร่วมกันหลาย อปท.",
        "Tambons shared by several LAOs",
    ),
    (
        "split.help",
        "ตำบลที่ อปท. หลายแห่งครอบคลุมเพียงบางส่วน ต้องกำหนดว่าหมู่บ้านใดอยู่ใน อปท. ใด (หมู่บ้านหนึ่งอยู่ใน อปท. ได้แห่งเดียว) จนกว่าจะแบ่งครบ ตัวชี้วัดของ อปท. เหล่านั้นจะไม่นับหมู่บ้านของตำบลนั้น",
        "Tambons that several LAOs cover partially: say which LAO each village belongs to (one LAO per village). Until a tambon is split, the LAOs' figures leave its villages out.",
    ),
    ("split.not_yet", "ยังไม่ได้แบ่ง", "Not yet split"),
    ("split.done", "แบ่งแล้ว", "Split"),
    (
        "split.none",
        "อำเภอนี้ไม่มีตำบลที่ใช้ร่วมกันหลาย อปท.",
        "No tambon of this district is shared by several LAOs",
    ),
    (
        "split.laos",
        "อปท. ที่ใช้ตำบลนี้ร่วมกัน",
        "LAOs sharing the tambon",
    ),
    ("split.choose", "— เลือก อปท. —", "— choose the LAO —"),
    ("split.save", "บันทึกการแบ่งหมู่บ้าน", "Save the split"),
    ("split.saved", "บันทึกการแบ่งหมู่บ้านแล้ว", "The split is saved"),
    ("split.history", "ประวัติการกำหนดหมู่บ้าน", "Assignments so far"),
    ("split.from", "จาก", "from"),
    ("split.to", "เป็น", "to"),
    (
        "split.unsplit_warning",
        "ตำบลนี้ยังไม่ได้แบ่งหมู่บ้านระหว่าง อปท.",
        "This tambon is not yet split between the LAOs",
    ),
    (
        "split.not_counted",
        "ตัวเลขในหน้านี้จึงยังไม่นับหมู่บ้านของตำบลนี้",
        "the figures on this page leave its villages out",
    ),
    (
        "split.lao_not_counted",
        "ตัวชี้วัดของ อปท. นี้จึงยังไม่นับหมู่บ้านของตำบลนี้",
        "this LAO's figures leave its villages out",
    ),
    // ---- issue 11: communities
    ("level.community", "ชุมชน", "Community"),
    ("community.title", "ทะเบียนชุมชน", "Communities"),
    (
        "community.help",
        "ชุมชนที่ อปท. ใช้ในการจัดทำแผนชุมชน แต่ละชุมชนมีรหัสของตนเองที่ไม่เปลี่ยน เปลี่ยนชื่อ ยุบรวม หรือยกเลิกได้ โดยเก็บประวัติไว้ทั้งหมด",
        "The communities the LAO plans by; each keeps its own code for ever and may be renamed, merged or retired, with its history kept",
    ),
    ("community.link", "ทะเบียนชุมชน", "Communities"),
    ("community.number", "เลขที่ชุมชน", "No."),
    ("community.name", "ชื่อชุมชน", "Name"),
    ("community.tambon", "ตำบลที่ตั้ง", "Tambon"),
    ("community.change", "แก้ไข", "Change"),
    ("community.rename", "บันทึกชื่อ/เลขที่", "Save name and number"),
    ("community.into", "ยุบรวมเข้ากับ", "Merge into"),
    (
        "community.retire_only",
        "— ยกเลิกชุมชน (ไม่รวมกับชุมชนใด) —",
        "— retire (merge into none) —",
    ),
    ("community.ended_on", "ตั้งแต่วันที่", "On"),
    ("community.end", "ยุบรวม/ยกเลิก", "Merge or retire"),
    (
        "community.none",
        "ยังไม่มีชุมชนในทะเบียน",
        "No community registered yet",
    ),
    ("community.add", "เพิ่มชุมชน", "Register a community"),
    (
        "community.no_tambon",
        "อปท. นี้ไม่ได้ครอบคลุมตำบลใด จึงเพิ่มชุมชนไม่ได้",
        "This LAO covers no tambon",
    ),
    ("community.save", "เพิ่มชุมชน", "Register"),
    (
        "community.import",
        "นำเข้าจากไฟล์ Excel หรือ CSV",
        "Import from Excel or CSV",
    ),
    ("community.import_button", "นำเข้า", "Import"),
    (
        "community.import_help",
        "แถวหัวตาราง: เลขที่ชุมชน, ชื่อชุมชน, รหัสตำบล (หรือ ตำบล; ไม่ต้องใส่ถ้า อปท. ครอบคลุมตำบลเดียว) แถวที่มีอยู่แล้วตรงกันจะข้ามไป หากแถวใดผิด จะไม่บันทึกทั้งไฟล์",
        "Header row: เลขที่ชุมชน, ชื่อชุมชน, รหัสตำบล (or ตำบล; not needed when the LAO covers one tambon). Rows already registered are skipped; one bad row refuses the whole file",
    ),
    (
        "community.ended",
        "ชุมชนที่ยุบรวมหรือยกเลิกแล้ว",
        "Merged or retired",
    ),
    ("community.history", "ประวัติทะเบียนชุมชน", "History"),
    ("community.action.registered", "เพิ่ม", "registered"),
    ("community.action.renamed", "เปลี่ยนชื่อ/เลขที่", "renamed"),
    ("community.action.merged", "ยุบรวม", "merged"),
    ("community.action.retired", "ยกเลิก", "retired"),
    ("community.done.added", "เพิ่มชุมชนแล้ว", "Community registered"),
    ("community.done.renamed", "บันทึกชื่อชุมชนแล้ว", "Saved"),
    ("community.done.merged", "ยุบรวมชุมชนแล้ว", "Merged"),
    ("community.done.retired", "ยกเลิกชุมชนแล้ว", "Retired"),
    (
        "community.done.imported",
        "นำเข้าชุมชนใหม่แล้ว จำนวน",
        "Communities imported:",
    ),
    ("level.units", "หมู่บ้าน/ชุมชน", "Villages / communities"),
    ("kpi.of_which_communities", "เป็นชุมชน", "communities:"),
    // ---- issue 11: other forums
    ("forum.organiser", "ผู้จัด", "Organised by"),
    // ---- issue 11: the LAO page's local plans, by kind of project
    ("lao.local_plans", "แผนพัฒนาท้องถิ่น", "Local development plans"),
    (
        "lao.adopted",
        "โครงการจากแผนชุมชน (โครงการ · บาท)",
        "From community plans (projects · baht)",
    ),
    (
        "lao.own",
        "โครงการของ อปท. เอง (โครงการ · บาท)",
        "The LAO's own (projects · baht)",
    ),
    ("lao.total", "รวม (บาท)", "Total (baht)"),
    // ---- issue 12: what was signed
    (
        "report.since",
        "ข้อมูลปัจจุบันต่างจากรายงานฉบับที่",
        "Today's records differ from the report submitted as version",
    ),
    (
        "report.since_new",
        "ส่งฉบับใหม่ได้ที่ฟอร์มด้านล่าง ฉบับเดิมยังเก็บไว้ตามที่ลงนาม",
        "submit a new version below; the earlier ones stay as signed",
    ),
    (
        "report.as_signed",
        "พิมพ์ฉบับที่ส่ง (Word)",
        "Print as submitted (Word)",
    ),
    (
        "report.live",
        "ฉบับร่างจากข้อมูลปัจจุบัน",
        "Draft from today's records",
    ),
    ("report.show_year", "แสดง", "Show"),
    // issue 12: the KPI 3.2 chain
    (
        "chain.title",
        "การรายงานตัวชี้วัดที่ ๓.๒ ตามสายงาน",
        "KPI 3.2 reporting chain",
    ),
    ("chain.link", "การส่งรายงานตามสายงาน", "Reporting chain"),
    ("chain.due", "กำหนดส่ง", "Due"),
    ("chain.sends_to", "ส่งถึง", "sent to"),
    (
        "chain.tally_forwarded",
        "ผ่านเกณฑ์ครบ ๕ ข้อ ตามรายงานที่ส่งต่อ",
        "meet all five, as forwarded",
    ),
    (
        "chain.tally_live",
        "ผ่านเกณฑ์ครบ ๕ ข้อ ตามข้อมูลปัจจุบัน",
        "meet all five, on today's records",
    ),
    ("chain.sent", "ฉบับที่ / วันที่ส่ง", "Version / sent on"),
    ("chain.stage", "สถานะ", "Status"),
    ("chain.meeting", "ผ่านเกณฑ์", "Meet the criteria"),
    ("chain.accept", "ตรวจรับ", "Accept"),
    ("chain.return", "ส่งคืนให้แก้ไข", "Return"),
    ("chain.reason", "เหตุผลที่ส่งคืน", "Reason for returning"),
    ("chain.missing", "ยังไม่ได้รับรายงาน", "Not received"),
    ("chain.forward_title", "การส่งต่อ", "Forwarding"),
    (
        "chain.not_forwarded",
        "ยังไม่ได้ส่งต่อรายงานของเดือนนี้",
        "This month's reports are not forwarded yet",
    ),
    (
        "chain.moved_on",
        "ระดับที่สูงกว่าส่งรายงานเดือนนี้ต่อแล้ว จึงส่งต่อในขั้นนี้ไม่ได้อีก",
        "The level above has forwarded this month: this step is closed",
    ),
    (
        "chain.forward_district",
        "ส่งรายงานที่ตรวจรับแล้วถึงจังหวัด",
        "Forward the accepted reports to the province",
    ),
    (
        "chain.forward_province",
        "ส่งรายงานของจังหวัดถึงกรมส่งเสริมการปกครองท้องถิ่น",
        "Forward the province's reports to the department",
    ),
    (
        "chain.review_of_district",
        "ผลการตรวจของอำเภอ",
        "The district's review",
    ),
    (
        "report.item3_rule",
        "ข้อ (๓) นับเมื่อแผนพัฒนาตำบล",
        "Item (3) counts a tambon plan that has",
    ),
    ("report.item4_rule", "ข้อ (๔) นับเมื่อ", "Item (4) counts one"),
    (
        "components.title",
        "องค์ประกอบของแผนพัฒนาตำบลที่กรมการพัฒนาชุมชนกำหนด (รายงานข้อ (๓))",
        "Tambon plan components CDD requires (report item 3)",
    ),
    (
        "components.set_for",
        "กำหนดไว้ตั้งแต่ปีงบประมาณ",
        "Set from fiscal year",
    ),
    (
        "sources.title",
        "โครงการจากแผนหมู่บ้าน ตำบล ท้องถิ่น และอำเภอ",
        "Projects from the village, tambon, local and district plans",
    ),
    (
        "sources.count",
        "โครงการที่นำเข้าแผนจังหวัดได้",
        "Projects the province plan may adopt",
    ),
    ("sources.shown", "แสดง", "showing"),
    (
        "calendar.kind.kpi32_district",
        "รายงานตัวชี้วัดที่ ๓.๒ ของอำเภอ",
        "KPI 3.2: the district's forward to the province",
    ),
    (
        "calendar.kind.kpi32_province",
        "รายงานตัวชี้วัดที่ ๓.๒ ของจังหวัด",
        "KPI 3.2: the province's report to DLA",
    ),
    (
        "calendar.kind.model_tambon_plan",
        "แผนพัฒนาตำบลต้นแบบ",
        "The district's model tambon plan",
    ),
    (
        "calendar.kind.model_lao_change",
        "แจ้งเปลี่ยน อปท. ต้นแบบ",
        "Last day to change a model LAO",
    ),
    (
        "request.title",
        "การขอรับการสนับสนุนงบประมาณจาก อปท.",
        "Budget support requested from the LAO",
    ),
    (
        "request.counts_on_form3",
        "โครงการที่ขอรับการสนับสนุนงบประมาณจาก อปท. นับในทะเบียนแบบ ๓ ไม่ว่า อปท. จะนำเข้าแผนหรือไม่",
        "A project whose support was requested from the LAO counts on register form 3, adopted or not",
    ),
    ("kpi.model_lao_or_lao", "อปท.", "LAO"),
    ("request.on", "วันที่ขอ", "Requested on"),
    ("request.answer", "คำตอบของ อปท.", "The LAO's answer"),
    ("request.answered_on", "วันที่ตอบ", "Answered on"),
    ("request.note", "หมายเหตุ", "Note"),
    ("request.add", "บันทึกการขอรับการสนับสนุน", "Record the request"),
    (
        "request.link",
        "ขอรับการสนับสนุนงบประมาณจาก อปท.",
        "Request the LAO's budget support",
    ),
    (
        "to_province.link",
        "ส่งโครงการที่ ก.บ.อ. อนุมัติถึงจังหวัด",
        "Send the projects ก.บ.อ. approved to the province",
    ),
    (
        "to_province.title",
        "โครงการในแผนพัฒนาอำเภอที่ ก.บ.อ. อนุมัติ ส่งจังหวัด",
        "District plan projects approved by ก.บ.อ., sent to the province",
    ),
    (
        "to_province.received",
        "แผนพัฒนาอำเภอที่อำเภอส่งจังหวัด",
        "District plans sent to the province",
    ),
    ("to_province.plan_year", "ปีของแผน", "Plan year"),
    (
        "to_province.approved_on",
        "ก.บ.อ. อนุมัติเมื่อ",
        "Approved by ก.บ.อ. on",
    ),
    (
        "to_province.not_approved",
        "ยังไม่ได้บันทึกวันที่ ก.บ.อ. อนุมัติแผน (บันทึกได้ที่หน้าแผน) จึงยังส่งจังหวัดไม่ได้",
        "No ก.บ.อ. approval date yet (record it on the plan page): nothing can be sent",
    ),
    ("to_province.lacks", "ยังขาด", "Lacks"),
    (
        "to_province.send",
        "ส่งโครงการที่เลือกถึงจังหวัด",
        "Send the chosen projects to the province",
    ),
    ("to_province.sent", "ส่งแล้ว ฉบับที่", "Sent, version"),
    ("to_province.projects", "โครงการ", "projects"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_both_languages_filled() {
        let mut seen = std::collections::HashSet::new();
        for (k, th, en) in MESSAGES {
            assert!(seen.insert(*k), "duplicate key {k}");
            assert!(!th.is_empty() && !en.is_empty(), "{k}");
        }
    }

    #[test]
    fn every_key_in_the_templates_exists() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for part in text.split("t.s(\"").skip(1) {
                let key = part.split('"').next().unwrap();
                assert!(
                    MESSAGES.iter().any(|(k, _, _)| *k == key),
                    "{}: no message {key}",
                    path.display()
                );
            }
        }
    }
}
