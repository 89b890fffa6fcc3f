//! The fields of the forms and API bodies that a problem can point at: the name the form and
//! the JSON body use, and the label the user reads.

use crate::i18n::Lang;

macro_rules! fields {
    ($($variant:ident = $name:literal, $th:literal, $en:literal;)*) => {
        /// A field of a form or an API body.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Field {
            $($variant,)*
        }

        impl Field {
            /// The input's name in the form and the key in the JSON body.
            pub fn name(self) -> &'static str {
                match self {
                    $(Field::$variant => $name,)*
                }
            }

            pub fn label(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Field::$variant, Lang::Th) => $th,
                      (Field::$variant, Lang::En) => $en,)*
                }
            }
        }
    };
}

fields! {
    // plans
    Kind = "kind", "ประเภทแผน", "Kind of plan";
    Owner = "owner", "เจ้าของแผน", "Owner";
    Year = "year", "ปีงบประมาณ", "Fiscal year";
    Step = "step", "ขั้นตอน", "Step";
    Reason = "reason", "เหตุผล", "Reason";
    Verdict = "verdict", "ผลการตรวจ", "Verdict";
    Components = "components", "องค์ประกอบของแผน", "Plan components";
    AnsweredOn = "answered_on", "วันที่ตอบ", "Answered on";
    ReportNo = "report_no", "เลขที่รายงาน", "Report number";
    MadeQuarter = "made_quarter", "ไตรมาสที่จัดทำแผน", "Quarter the plan was made";
    MadeOn = "made_on", "วันที่จัดทำแผน", "Date the plan was made";
    DeliveredLaoOn = "delivered_lao_on", "วันที่ส่งเล่มแผนให้ อปท.", "Plan book delivered to the LAO";
    DeliveredDistrictOn = "delivered_district_on", "วันที่ส่งเล่มแผนให้อำเภอ", "Plan book delivered to the district";
    EvaluatedOn = "evaluated_on", "วันที่ประเมินผลแผน", "Plan evaluated on";
    CommitteeApprovedOn = "committee_approved_on", "วันที่ ก.บ.อ. อนุมัติ", "Approved by the district committee on";
    SentOn = "sent_on", "วันที่ส่งแผนให้จังหวัด", "Sent to the province on";
    Issue = "issue_id", "ประเด็นการพัฒนา", "Development issue";
    IssueTitle = "title", "ประเด็นการพัฒนา", "Development issue";
    Keep = "keep", "โครงการหลัก", "Project to keep";
    Merge = "merge", "โครงการที่จะรวม", "Projects to merge";
    File = "file", "ไฟล์", "File";
    AssessedOn = "assessed_on", "วันที่ประเมิน", "Assessed on";
    Criteria = "met", "เกณฑ์", "Criteria";
    // issue 15: search
    SearchKind = "kind", "ประเภทข้อมูล", "Kind of record";
    PlanLevel = "level", "ระดับแผน", "Plan level";
    Page = "page", "หน้า", "Page";
    // issue 14: the Tambon Project Bank and Role Model rounds
    Tambons = "tambons", "ตำบลที่ดำเนินการ", "Tambons covered";
    Months = "months", "ระยะเวลาดำเนินการ (เดือน)", "Duration (months)";
    SiteReady = "site_ready", "ความพร้อมของพื้นที่", "Site ready";
    Consent = "consent", "การอนุมัติ/อนุญาตจากประชาชน/หน่วยงานที่เกี่ยวข้อง", "Consent of the people and agencies";
    BankStatus = "status", "สถานะในคลัง", "Status in the bank";
    MinBudget = "min_budget", "งบประมาณตั้งแต่", "Budget from";
    MaxBudget = "max_budget", "งบประมาณไม่เกิน", "Budget up to";
    Cap = "cap", "วงเงินต่ออำเภอ", "Cap per district";
    WorkDueOn = "work_due_on", "ดำเนินการแล้วเสร็จภายในวันที่", "Work due on";
    ReportDueOn = "report_due_on", "ส่งรายงานภายในวันที่", "Report due on";
    Districts = "districts", "อำเภอที่เข้าร่วม", "Districts taking part";
    Passes = "passes", "ผลการคัดกรอง", "Screening answer";
    Criterion = "criterion", "ข้อคัดกรอง", "Screening item";
    AsOf = "as_of", "ข้อมูล ณ วันที่", "As of";
    Problems = "problems", "ปัญหา/อุปสรรค", "Problems";
    Result = "result", "ผลการดำเนินงาน", "Result";
    Photo = "photo", "ภาพถ่าย", "Photo";
    TakenOn = "taken_on", "วันที่ถ่ายภาพ", "Taken on";
    Place = "place", "สถานที่", "Place";
    Caption = "caption", "คำบรรยายภาพ", "Caption";
    Comment = "body", "ข้อสังเกต/ข้อเสนอแนะ", "Comment";
    Answer = "answer", "คำชี้แจง", "Answer";
    SignedBy = "signed_by", "ผู้รายงาน (ชื่อ-สกุล)", "Signed by";
    Position = "position", "ตำแหน่ง", "Position";
    Driven = "driven", "ส่วนที่ ๒ การขับเคลื่อนการดำเนินงาน", "Part 2, how it was driven";
    // projects
    Project = "project_id", "โครงการ", "Project";
    Title = "title", "ชื่อโครงการ", "Project title";
    Dimension = "dimension", "มิติการพัฒนา", "Development dimension";
    Villages = "villages", "หมู่บ้านเป้าหมาย", "Target villages";
    Reach = "reach", "พื้นที่ดำเนินการ", "Area";
    TargetVillages = "target_villages", "เป้าหมาย (หมู่บ้าน)", "Target (villages)";
    TargetHouseholds = "target_households", "เป้าหมาย (ครัวเรือน)", "Target (households)";
    TargetPeople = "target_people", "เป้าหมาย (คน)", "Target (people)";
    Budget = "budget", "งบประมาณ", "Budget";
    Executor = "executor", "ผู้ดำเนินการ", "Carried out by";
    WithinLaoAuthority = "within_lao_authority", "อยู่ในอำนาจหน้าที่ของ อปท.", "Within the LAO's authority";
    StartsOn = "starts_on", "วันเริ่มต้น", "Starts on";
    EndsOn = "ends_on", "วันสิ้นสุด", "Ends on";
    Rank = "rank", "ลำดับความสำคัญ", "Priority";
    Funding = "funding", "แหล่งงบประมาณ/ภาคีการพัฒนา", "Funding and partners";
    // issue 13: every text has a length
    NeedText = "need", "ปัญหา/ความต้องการ", "Need";
    ObjectiveText = "objective", "วัตถุประสงค์", "Objective";
    FormatText = "format", "รูปแบบโครงการ", "Form of the project";
    Forum = "forum_id", "เวทีประชาคม", "Forum";
    Amount = "amount", "จำนวนเงิน", "Amount";
    FiscalYear = "fiscal_year", "ปีงบประมาณ", "Fiscal year";
    DecidedOn = "decided_on", "วันที่มีมติ", "Decided on";
    Agency = "agency", "ส่วนราชการ", "Agency";
    AgencyName = "agency_name", "หน่วยงาน", "Agency";
    District = "district", "อำเภอ", "District";
    Tambon = "tambon", "ตำบล", "Tambon";
    Moo = "moo", "หมู่ที่", "Village no.";
    VillageName = "village", "หมู่บ้าน", "Village";
    RequestedAmount = "amount", "งบประมาณที่ขอ", "Amount requested";
    RequestedOn = "requested_on", "วันที่ส่ง", "Sent on";
    // progress
    ProgressStatus = "status", "สถานะ", "Status";
    ProgressPct = "progress_pct", "ความก้าวหน้า", "Progress";
    Spent = "spent", "เบิกจ่ายแล้ว", "Spent";
    ReportedOn = "reported_on", "วันที่รายงาน", "Reported on";
    Note = "note", "หมายเหตุ", "Note";
    // forums
    HeldOn = "held_on", "วันที่จัดเวที", "Held on";
    ChairedBy = "chaired_by", "ประธานในเวที", "Chaired by";
    Attendance = "attendance", "จำนวนผู้เข้าร่วม", "Attendance";
    Households = "households", "จำนวนครัวเรือนที่เข้าร่วม", "Households taking part";
    // committees
    CommitteeKind = "kind", "ประเภทคณะกรรมการ", "Committee";
    AreaCode = "area_code", "รหัสพื้นที่", "Area code";
    Lao = "lao_id", "อปท.", "LAO";
    OrderNo = "order_no", "เลขที่คำสั่ง", "Order number";
    OrderDate = "order_date", "วันที่ของคำสั่ง", "Order date";
    Members = "members", "รายชื่อกรรมการ", "Members";
    // issue 11: committee meetings
    MeetingOn = "held_on", "วันที่ประชุม", "Meeting date";
    Agenda = "agenda", "ระเบียบวาระการประชุม", "Agenda";
    ForPlanYear = "for_plan_year", "ประชุมเพื่อจัดทำแผนพัฒนาตำบล ปี", "Held to make the tambon plan of";
    // reports
    Report = "kind", "แบบรายงาน", "Report";
    Counts = "counts", "จำนวนตำบล", "Tambon counts";
    Month = "period", "เดือนที่รายงาน", "Month reported";
    DesignatedOn = "designated_on", "วันที่กำหนด", "Designated on";
    AgreedOn = "agreed_on", "วันที่เห็นชอบแผนการทำงานร่วม", "Joint work plan agreed on";
    LocalThreshold = "local_threshold_pct", "เกณฑ์การบรรจุในแผนพัฒนาท้องถิ่น", "Threshold for the local plan";
    BudgetThreshold = "budget_threshold_pct", "เกณฑ์การบรรจุในร่างข้อบัญญัติ", "Threshold for the draft budget";
    ScoreBands = "score_bands", "เกณฑ์คะแนน", "Score bands";
    BaseCount = "base_count", "จำนวน อปท. ต้นแบบทั้งประเทศ", "Model LAOs nationally";
    Percent = "pct", "ร้อยละ", "Percent";
    Expected = "expected", "คาดว่าจะแล้วเสร็จ", "Expected by";
    Item7 = "local_pct", "ข้อ ๗", "Item 7";
    Item8 = "budget_pct", "ข้อ ๘", "Item 8";
    // calendar
    ReportKind = "kind", "ประเภทรายงาน", "Kind of report";
    Period = "period", "งวด", "Period";
    DueOn = "due_on", "วันกำหนดส่ง", "Due on";
    // accounts
    Username = "username", "ชื่อผู้ใช้", "User name";
    DisplayName = "display_name", "ชื่อ-นามสกุล", "Name";
    Password = "password", "รหัสผ่าน", "Password";
    OldPassword = "old_password", "รหัสผ่านเดิม", "Current password";
    Email = "email", "อีเมล", "E-mail";
    Role = "role", "บทบาท", "Role";
    Scope = "scope_code", "พื้นที่รับผิดชอบ", "Area of responsibility";
    ScopeLevel = "scope_level", "ระดับพื้นที่", "Level";
    // exports
    Area = "area", "รหัสพื้นที่", "Area code";
    Out = "out", "ที่เก็บไฟล์", "Output folder";
    // issue 11: a plan's own projects (ผ.02)
    Strategy = "strategy", "ยุทธศาสตร์", "Strategy";
    WorkPlan = "work_plan", "แผนงาน", "Programme";
    Objective = "objective", "วัตถุประสงค์", "Objective";
    Output = "output", "เป้าหมาย (ผลผลิตของโครงการ)", "Target (output)";
    Indicator = "indicator", "ตัวชี้วัด (KPI)", "Indicator (KPI)";
    ExpectedResult = "expected_result", "ผลที่คาดว่าจะได้รับ", "Expected result";
    Responsible = "responsible", "หน่วยงานรับผิดชอบหลัก", "Responsible unit";
    // issue 11: shared tambons
    SplitTambon = "tambon", "ตำบล", "Tambon";
    SplitVillage = "village", "หมู่บ้าน", "Village";
    SplitLao = "lao_id", "อปท.", "LAO";
    // issue 11: communities
    CommunityNumber = "number", "เลขที่ชุมชน", "Community number";
    CommunityName = "name", "ชื่อชุมชน", "Community name";
    CommunityTambon = "tambon", "ตำบลที่ตั้ง", "Tambon";
    CommunityInto = "into", "รวมเข้ากับชุมชน", "Merge into";
    EndedOn = "ended_on", "วันที่", "Date";
}
