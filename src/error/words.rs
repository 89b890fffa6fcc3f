//! The words of every problem, in Thai and in English: one table.

use super::Field;
use super::problem::{FundingProblem, MemberProblem, Problem, Thing};
use crate::i18n::Lang;
use crate::thai::dates::{DateError, Digits, format_date_long};
use crate::thai::digits::NumberError;
use crate::thai::format_baht;

fn number(e: &NumberError, lang: Lang) -> String {
    match (e, lang) {
        (NumberError::Empty, Lang::Th) => "ไม่ได้กรอกตัวเลข".into(),
        (NumberError::Empty, Lang::En) => "no number given".into(),
        (NumberError::NotANumber(s), Lang::Th) => format!("“{s}” ไม่ใช่ตัวเลข"),
        (NumberError::NotANumber(s), Lang::En) => format!("“{s}” is not a number"),
        (NumberError::TooLarge(s), Lang::Th) => format!("“{s}” มีค่ามากเกินไป"),
        (NumberError::TooLarge(s), Lang::En) => format!("“{s}” is too large"),
    }
}

fn date_error(e: &DateError, lang: Lang) -> String {
    match lang {
        Lang::Th => e.to_string(),
        Lang::En => format!(
            "“{}” is not a date we can read (use e.g. 24/02/2566, 2023-02-24 or 24 ก.พ. 2566)",
            e.0
        ),
    }
}

fn day(d: time::Date, lang: Lang) -> String {
    match lang {
        Lang::Th => format_date_long(d, Digits::Arabic),
        Lang::En => crate::thai::dates::iso(d),
    }
}

fn thing(t: Thing, lang: Lang) -> &'static str {
    match (t, lang) {
        (Thing::Record, Lang::Th) => "ข้อมูล",
        (Thing::Record, Lang::En) => "record",
        (Thing::Page, Lang::Th) => "หน้า",
        (Thing::Page, Lang::En) => "page",
        (Thing::Plan, Lang::Th) => "แผน",
        (Thing::Plan, Lang::En) => "plan",
        (Thing::Project, Lang::Th) => "โครงการ",
        (Thing::Project, Lang::En) => "project",
        (Thing::Province, Lang::Th) => "จังหวัด",
        (Thing::District, Lang::Th) => "อำเภอ",
        (Thing::Tambon, Lang::Th) => "ตำบล",
        (Thing::Village, Lang::Th) => "หมู่บ้าน",
        (Thing::Community, Lang::Th) => "ชุมชน",
        (Thing::Province, Lang::En) => "province",
        (Thing::District, Lang::En) => "district",
        (Thing::Tambon, Lang::En) => "tambon",
        (Thing::Village, Lang::En) => "village",
        (Thing::Community, Lang::En) => "community",
        (Thing::AnyArea, Lang::Th) => "พื้นที่",
        (Thing::AnyArea, Lang::En) => "area",
        (Thing::Lao, Lang::Th) => " อปท. ",
        (Thing::Lao, Lang::En) => "LAO",
        (Thing::Account, Lang::Th) => "บัญชีผู้ใช้",
        (Thing::Account, Lang::En) => "account",
        (Thing::Deadline, Lang::Th) => "กำหนดส่ง",
        (Thing::Deadline, Lang::En) => "deadline",
        (Thing::Committee, Lang::Th) => "คณะกรรมการ",
        (Thing::Committee, Lang::En) => "committee",
        (Thing::PlanItem, Lang::Th) => "โครงการนี้ในแผน",
        (Thing::PlanItem, Lang::En) => "project in this plan",
    }
}

impl Problem {
    /// What the user reads, in their language.
    pub fn message(&self, lang: Lang) -> String {
        let text = self.text(lang);
        match self.field() {
            // a field's own problems are written after its label
            Some(f) if self.is_about_field() => format!("{}: {text}", f.label(lang)),
            _ => text,
        }
    }

    /// Whether the words are about the field alone ("ชื่อโครงการ: ไม่ได้กรอก").
    fn is_about_field(&self) -> bool {
        use Problem::*;
        matches!(
            self,
            Missing { .. }
                | Unknown { .. }
                | TooLong { .. }
                | Number { .. }
                | Date { .. }
                | Negative { .. }
                | NotPositive { .. }
                | FromOne { .. }
                | Range { .. }
                | InFuture { .. }
                | OutsidePlanWindow { .. }
                | QuarterDisagrees { .. }
                | QuarterNeedsDate
                | PlanYearOnlyTambonBoard
                | YesNo { .. }
                | NotBuddhistYear { .. }
                | NotPercent { .. }
                | NotValid { .. }
                | PercentDisagrees { .. }
                | EndsBeforeStart
                | RankTaken { .. }
                | RankRepeatsRow { .. }
                | VillageOutsidePlan { .. }
                | NotAVillage { .. }
                | ForumOfOtherPlan
                | FundingLine { .. }
                | FundingOverBudget { .. }
                | YearOutsidePlan { .. }
                | IssueOfOtherProvince
                | DropNeedsReason
                | OrderExists { .. }
                | OrderYear { .. }
                | MonthFormat { .. }
                | ScoreBands { .. }
        )
    }

    fn text(&self, lang: Lang) -> String {
        use Problem::*;
        let th = lang == Lang::Th;
        let pick = |t: String, e: String| if th { t } else { e };
        match self {
            Missing { .. } => pick("ไม่ได้กรอก".into(), "not filled in".into()),
            Unknown { typed, choices, .. } => match (typed.trim().is_empty(), choices.is_empty()) {
                (true, _) => pick(
                    format!("ไม่ได้ระบุ (ใช้ได้: {})", choices.join(", ")),
                    format!("not given (one of: {})", choices.join(", ")),
                ),
                (false, true) => pick(format!("ไม่รู้จัก “{typed}”"), format!("“{typed}” is not known")),
                (false, false) => pick(
                    format!("ไม่รู้จัก “{typed}” (ใช้ได้: {})", choices.join(", ")),
                    format!("“{typed}” is not known (one of: {})", choices.join(", ")),
                ),
            },
            TooLong { max, .. } => pick(format!("ยาวเกิน {max} ตัวอักษร"), format!("longer than {max} characters")),
            Number { error, .. } => number(error, lang),
            Date { error, .. } => date_error(error, lang),
            Negative { field: Field::Budget } => pick("งบประมาณต้องไม่ติดลบ".into(), "must not be negative".into()),
            Negative { .. } => pick("ต้องไม่ติดลบ".into(), "must not be negative".into()),
            NotPositive { .. } => pick("ต้องมากกว่า 0".into(), "must be more than 0".into()),
            FromOne { .. } => pick("ต้องเริ่มที่ 1".into(), "starts at 1".into()),
            Range { typed, min, max, .. } => pick(
                format!("“{typed}” ต้องเป็น {min} ถึง {max}"),
                format!("“{typed}” must be {min} to {max}"),
            ),
            InFuture { date, today, .. } => pick(
                format!("{} ยังมาไม่ถึง (วันนี้คือ {})", day(*date, lang), day(*today, lang)),
                format!("{} is in the future (today is {})", day(*date, lang), day(*today, lang)),
            ),
            EndsBeforeStart => pick("ต้องไม่ก่อนวันเริ่มต้น".into(), "must not be before the start".into()),
            YesNo { typed, .. } => pick(
                format!("“{typed}” ให้ตอบ ใช่ หรือ ไม่ใช่"),
                format!("“{typed}”: answer yes or no"),
            ),
            NotBuddhistYear { typed, .. } => pick(
                format!("“{typed}” ไม่ใช่ปี พ.ศ. (เช่น 2569)"),
                format!("“{typed}” is not a Buddhist-era year (e.g. 2569)"),
            ),
            NotPercent { typed, .. } => pick(format!("“{typed}” ไม่ใช่ร้อยละ"), format!("“{typed}” is not a percentage")),
            UnknownCode { thing: t, code, .. } => pick(
                format!("ไม่พบ{}รหัส {code}", thing(*t, lang)).replace("  ", " "),
                format!("no {} {code}", thing(*t, lang).trim()),
            ),
            ExpectedDate { item, error } => pick(
                format!("ข้อ {item} คาดว่าจะแล้วเสร็จ: {}", date_error(error, lang)),
                format!("item {item}, expected by: {}", date_error(error, lang)),
            ),
            NoTargetsYet => pick(
                "อำเภอนี้ยังไม่มีตำบลเป้าหมายของปีงบประมาณนี้ กรุณาบันทึกตำบลเป้าหมายก่อน".into(),
                "this district has no target tambons for the year yet: record them first".into(),
            ),
            NotValid { typed, .. } => pick(format!("“{typed}” ไม่ถูกต้อง"), format!("“{typed}” is not valid")),
            CalendarByNationalAdmins => pick(
                "เฉพาะผู้ดูแลระบบส่วนกลางเท่านั้นที่แก้ไขปฏิทินการรายงานได้".into(),
                "only national administrators change the reporting calendar".into(),
            ),
            KpiSettingsByNationalAdmins => pick(
                "เฉพาะผู้ดูแลระบบส่วนกลางเท่านั้นที่แก้ไขเกณฑ์ตัวชี้วัดได้".into(),
                "only national administrators change the indicator's settings".into(),
            ),
            OrdersReadOnly => pick(
                "บัญชีของท่านดูข้อมูลได้อย่างเดียว ไม่มีสิทธิ์บันทึกคำสั่งแต่งตั้ง".into(),
                "this account may only read; it cannot record appointment orders".into(),
            ),
            TooLarge => pick(
                "ไฟล์หรือข้อมูลที่ส่งมามีขนาดใหญ่เกินกำหนด".into(),
                "the file or data sent is too large".into(),
            ),
            MethodNotAllowed => pick(
                "หน้านี้ไม่รับคำขอแบบนี้".into(),
                "this address does not take this kind of request".into(),
            ),
            // the reader's words only: the parser's own text (in English) stays in the log
            Unreadable { .. } => pick(
                "ข้อมูลที่ส่งมาไม่ถูกต้องตามรูปแบบที่ระบบรับได้ โปรดตรวจสอบแล้วส่งใหม่".into(),
                "the data sent is not in a form the system takes: check it and send it again".into(),
            ),
            UnknownField { name } => pick(
                format!("ไม่รู้จักช่อง “{name}” ในข้อมูลที่ส่งมา"),
                format!("“{name}” is not a field this request takes"),
            ),
            ReadOnly { role_th } => pick(
                format!("บัญชี{role_th}อ่านข้อมูลได้อย่างเดียว ไม่สามารถบันทึกหรือแก้ไขได้"),
                "this account may only read; it cannot record or change anything".into(),
            ),
            OutsideArea { name } => pick(
                format!("{name} อยู่นอกพื้นที่รับผิดชอบของท่าน"),
                format!("{name} is outside your area of responsibility"),
            ),
            OnlyLevelAbove => pick(
                "การเปิดแผนที่อนุมัติแล้วให้แก้ไข ต้องทำโดยผู้ใช้ระดับเหนือขึ้นไปจากเจ้าของแผน".into(),
                "an approved plan is reopened only by the level above its owner".into(),
            ),
            AdminOnly => pick(
                "เฉพาะผู้ดูแลระบบเท่านั้นที่จัดการบัญชีผู้ใช้ได้".into(),
                "only administrators manage accounts".into(),
            ),
            OutsideAdminScope { level_th, code } => pick(
                format!("{level_th}รหัส {code} อยู่นอกขอบเขตที่ท่านดูแล"),
                format!("{code} is outside the area you administer"),
            ),
            FormExpired => pick(
                "แบบฟอร์มหมดอายุหรือไม่ได้มาจากระบบนี้ โปรดเปิดหน้าใหม่แล้วลองอีกครั้ง".into(),
                "the form has expired or did not come from this system: open the page again and retry".into(),
            ),
            CrossSite => pick(
                "คำขอจากเว็บไซต์อื่นถูกปฏิเสธ".into(),
                "a request from another site was refused".into(),
            ),
            OutsideProject => pick(
                "โครงการนี้อยู่นอกพื้นที่รับผิดชอบของท่าน".into(),
                "this project is outside your area of responsibility".into(),
            ),
            Refused { message } => message.clone(),
            NotFound { thing: t, key } if key.is_empty() => match t {
                Thing::Record | Thing::Page => pick("ไม่พบข้อมูลที่ต้องการ".into(), "not found".into()),
                Thing::PlanItem => pick("ไม่พบโครงการนี้ในแผน".into(), "the project is not in this plan".into()),
                _ => pick(format!("ไม่พบ{}", thing(*t, lang).trim()), format!("no such {}", thing(*t, lang).trim())),
            },
            NotFound { thing: t, key } => pick(
                format!("ไม่พบ{}รหัส {key}", thing(*t, lang)).replace("  ", " "),
                format!("no {} {key}", thing(*t, lang).trim()),
            ),
            Stale { thing: Thing::Account, .. } => pick(
                "มีผู้อื่นแก้ไขบัญชีนี้ไปก่อนแล้ว ระบบไม่ได้บันทึกการแก้ไขของท่าน โปรดเปิดหน้านี้ใหม่แล้วแก้ไขอีกครั้ง".into(),
                "someone else changed this account first; your change was not saved: open the page again".into(),
            ),
            Stale { thing: t, expected, found: Some(found) } => pick(
                format!(
                    "{}นี้ถูกแก้ไขโดยผู้อื่นหลังจากที่ท่านเปิดหน้านี้ (ฉบับที่ {expected} → {found}) ระบบไม่ได้บันทึกการแก้ไขของท่าน โปรดเปิดหน้าใหม่เพื่อดูข้อมูลล่าสุดแล้วบันทึกอีกครั้ง",
                    thing(*t, lang).trim()
                ),
                format!(
                    "someone else changed this {} after you opened it (version {expected} → {found}); your change was not saved: open the page again and save once more",
                    thing(*t, lang).trim()
                ),
            ),
            Stale { thing: t, .. } => pick(
                format!("{}นี้ถูกลบไปแล้ว", thing(*t, lang).trim()),
                format!("this {} was deleted", thing(*t, lang).trim()),
            ),
            PlanExists { kind, year } => pick(format!("มี{}ของปี {year} อยู่แล้ว", kind.th), format!("the {} of {year} exists already", kind.en)),
            PlanNotDraft { submitted: true } => pick(
                "แผนนี้เสนอแล้ว แก้ไขไม่ได้ หากต้องการแก้ไขให้ถอนแผนกลับมาเป็นร่างก่อน".into(),
                "this plan has been submitted: withdraw it to a draft to change it".into(),
            ),
            PlanNotDraft { .. } => pick(
                "แผนนี้อนุมัติแล้วและถูกล็อก แก้ไขได้เมื่อผู้ใช้ระดับเหนือขึ้นไปเปิดแผนให้แก้ไข".into(),
                "this plan is approved and locked; the level above may reopen it".into(),
            ),
            StepNotFrom { status } => pick(
                format!("ทำรายการนี้ไม่ได้ เพราะแผนอยู่ในสถานะ “{}”", status.th),
                format!("not possible while the plan is {}", status.en),
            ),
            NoProjectsYet => pick("ยังไม่มีโครงการในแผน จึงยังเสนอแผนไม่ได้".into(), "the plan has no project yet, so it cannot be submitted".into()),
            NoForumYet => pick(
                "ยังไม่ได้บันทึกเวทีประชาคมที่ทบทวนแผน จึงยังเสนอแผนไม่ได้".into(),
                "no forum reviewing the plan is recorded yet, so it cannot be submitted".into(),
            ),
            ModelPlanNotTambon => pick("แผนต้นแบบของอำเภอต้องเป็นแผนพัฒนาตำบล".into(), "a district's model plan is a tambon plan".into()),
            CarryOnlyVillage => pick("การสร้างแผนปีถัดไปจากแผนเดิมใช้กับแผนพัฒนาหมู่บ้าน".into(), "only a village plan is carried forward".into()),
            MergeOnlyTambon => pick("การรวมโครงการที่ซ้ำกันทำได้ในแผนพัฒนาตำบล".into(), "projects are merged in a tambon plan".into()),
            RouteOnlyDistrict => pick("การส่งโครงการให้ส่วนราชการทำจากแผนพัฒนาอำเภอ".into(), "projects are routed to agencies from a district plan".into()),
            BookOnlyTambon => pick("เล่มแผนพัฒนาตำบลจัดทำได้จากแผนพัฒนาตำบลเท่านั้น".into(), "a plan book is made from a tambon plan".into()),
            ImportOnlyVillage => pick("นำเข้าจากไฟล์ Excel ได้เฉพาะแผนพัฒนาหมู่บ้าน".into(), "only a village plan is imported from Excel".into()),
            ForumNotInBudget => pick("ร่างข้อบัญญัติงบประมาณรับโครงการจากแผนพัฒนาท้องถิ่น ให้บันทึกเวทีประชาคมในแผนพัฒนาท้องถิ่น".into(), "a draft budget takes its projects from the local plan: record the forum there".into()),
            RaiseOnlyFromForum { kind } => pick(
                format!("{} รับความต้องการใหม่ได้จากเวทีประชาคมของแผนนี้เท่านั้น ให้บันทึกเวทีประชาคมก่อน แล้วเลือกเวทีที่เสนอโครงการ", kind.th),
                format!("a {} raises only the needs of its own forums: record the forum first, then choose it", kind.en),
            ),
            RaiseOnlyVillageOrTambon { kind } => pick(
                format!("{} รับโครงการจากแผนระดับล่างเท่านั้น ให้ใช้การนำโครงการเข้าแผน", kind.th),
                format!("a {} takes projects from the plans below: adopt them", kind.en),
            ),
            AlreadyInPlan { kind, rank } => pick(
                format!(
                    "โครงการนี้อยู่ใน{}นี้แล้ว{} จะนำเข้าแผนเดียวกันซ้ำไม่ได้",
                    kind.th,
                    rank.map(|r| format!(" (ลำดับที่ {r})")).unwrap_or_default()
                ),
                format!("the project is in this {} already", kind.en),
            ),
            NotACandidate { project_id, kind } => pick(
                format!(
                    "โครงการรหัส {project_id} ไม่อยู่ในแผนระดับล่างที่{}นี้รับโครงการได้ (นอกพื้นที่ ปี หรือถูกรวมกับโครงการอื่นแล้ว)",
                    kind.th
                ),
                format!("project {project_id} is not in a plan this {} takes from (another area or year, or merged)", kind.en),
            ),
            IssueOfOtherProvince => pick("ไม่ใช่ประเด็นการพัฒนาของจังหวัดนี้".into(), "not a development issue of this province".into()),
            AdoptedElsewhere { title, plans } => pick(
                format!("โครงการ “{title}” ถูกนำไปบรรจุในแผนอื่นอีก {plans} แผน ต้องนำออกจากแผนเหล่านั้นก่อน"),
                format!("“{title}” is held by {plans} other plans: take it out of those first"),
            ),
            MergeTooFew => pick("เลือกโครงการที่จะรวมอย่างน้อย 2 โครงการ".into(), "choose at least 2 projects to merge".into()),
            DuplicateDecided { a, b } => pick(
                format!("โครงการรหัส {a} และ {b} ได้รับการพิจารณาแล้ว"),
                format!("projects {a} and {b} were decided already"),
            ),
            AlreadyMerged { project_id } => pick(
                format!("โครงการรหัส {project_id} ถูกรวมเข้ากับโครงการอื่นแล้ว"),
                format!("project {project_id} is merged into another already"),
            ),
            KeepNotInPair { project_id } => pick(
                format!("โครงการที่เก็บไว้ (รหัส {project_id}) ต้องเป็นหนึ่งในสองโครงการที่ซ้ำกัน"),
                format!("the project kept ({project_id}) must be one of the pair"),
            ),
            DuplicatesFromTambonUp => pick(
                "การพิจารณาโครงการที่ซ้ำซ้อนทำโดยเจ้าหน้าที่ระดับตำบล อำเภอ จังหวัด หรือส่วนกลาง".into(),
                "likely duplicates are decided by tambon, district, province or national officers".into(),
            ),
            NotFromTambon { project_id } => pick(
                format!("โครงการรหัส {project_id} ไม่ได้มาจากหมู่บ้านในตำบลนี้ หรือถูกรวมไปแล้ว"),
                format!("project {project_id} is not from a village of this tambon, or is merged"),
            ),
            NotInDistrictPlan => pick("ส่งให้ส่วนราชการได้เฉพาะโครงการที่อยู่ในแผนพัฒนาอำเภอนี้".into(), "only a project of this district plan is routed".into()),
            YearOutsidePlan { year, span } => pick(format!("ปี {year} อยู่นอกช่วงของแผน ({span})"), format!("{year} is outside the plan's years ({span})")),
            RankTaken { rank, title } => pick(
                format!("ลำดับที่ {rank} ซ้ำกับโครงการ “{title}” ในแผนนี้"),
                format!("{rank} is already the priority of “{title}” in this plan"),
            ),
            VillageOutsidePlan { code, tambon } => pick(
                format!("หมู่บ้านรหัส {code} ไม่อยู่ในพื้นที่ของแผนนี้ (ตำบลรหัส {tambon})"),
                format!("village {code} is outside this plan's tambon ({tambon})"),
            ),
            NotAVillage { typed } => pick(
                format!("“{typed}” ไม่ใช่เลขหมู่หรือรหัสหมู่บ้าน 8 หลัก"),
                format!("“{typed}” is neither a moo number nor an 8-digit village code"),
            ),
            ForumOfOtherPlan => pick("เวทีที่เลือกไม่ได้เป็นของแผนนี้".into(), "the forum chosen is not this plan's".into()),
            NoOriginPlan => pick("โครงการนี้ไม่มีแผนต้นทาง".into(), "this project has no plan that raised it".into()),
            FundingLine { line, problem } => {
                let what = match (problem, th) {
                    (FundingProblem::NoSource, true) => "ไม่ได้ระบุชื่อแหล่งงบประมาณหรือภาคี".to_string(),
                    (FundingProblem::NoSource, false) => "no source or partner named".to_string(),
                    (FundingProblem::Role { typed }, true) => format!("“{typed}” ให้ใช้ สนับสนุนงบประมาณ หรือ ร่วมดำเนินการ"),
                    (FundingProblem::Role { typed }, false) => format!("“{typed}”: use funds or cooperates"),
                    (FundingProblem::Negative, true) => "จำนวนเงินต้องไม่ติดลบ".to_string(),
                    (FundingProblem::Negative, false) => "the amount must not be negative".to_string(),
                    (FundingProblem::Amount(e), _) => number(e, lang),
                };
                pick(format!("บรรทัดที่ {line}: {what}"), format!("line {line}: {what}"))
            }
            FundingOverBudget { funded, budget } => pick(
                format!("ยอดรวม {} บาท มากกว่างบประมาณโครงการ {} บาท", format_baht(*funded), format_baht(*budget)),
                format!("{} baht in all is more than the project's budget of {} baht", format_baht(*funded), format_baht(*budget)),
            ),
            NoStandard => pick("ยังไม่มีเกณฑ์มาตรฐานแผนชุมชนสำหรับปีนี้".into(), "no community-plan standard for this year yet".into()),
            UnknownCriterion { id } => pick(format!("ตัวชี้วัดรหัส {id} ไม่อยู่ในเกณฑ์ที่ใช้"), format!("criterion {id} is not in the standard in use")),
            NotXlsx => pick(
                "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ที่อ่านได้ โปรดใช้แบบฟอร์มที่ดาวน์โหลดจากระบบ".into(),
                "this is not an Excel file (.xlsx) we can read: use the form downloaded from the system".into(),
            ),
            NoHeader => pick(
                "ไม่พบหัวตาราง “ชื่อโครงการ/กิจกรรม” ในแผ่นงานแรก โปรดใช้แบบฟอร์มของระบบ".into(),
                "no “ชื่อโครงการ/กิจกรรม” header on the first sheet: use the system's form".into(),
            ),
            HeaderIncomplete => pick(
                "หัวตารางไม่ครบ ต้องมีคอลัมน์ มิติการพัฒนา และ งบประมาณ (บาท) โปรดใช้แบบฟอร์มของระบบ".into(),
                "the header lacks the dimension or budget column: use the system's form".into(),
            ),
            NoRowsInFile => pick(
                "ไม่พบโครงการในไฟล์ (กรอกตั้งแต่แถวถัดจากหัวตาราง)".into(),
                "no project in the file (fill in the rows below the header)".into(),
            ),
            RankRepeatsRow { rank, other_row } => pick(
                format!("ลำดับที่ {rank} ซ้ำกับแถวที่ {other_row}"),
                format!("{rank} is also the priority of row {other_row}"),
            ),
            DropNeedsReason => pick("กรุณาระบุเหตุผลที่ยกเลิกโครงการ".into(), "say why the project was dropped".into()),
            CommitteeNeedsLao { kind_th } => pick(
                format!("{kind_th}: ไม่ได้ระบุ อปท. หรือไม่พบ อปท. ที่ระบุ"),
                format!("{kind_th}: no LAO given, or no such LAO"),
            ),
            CommitteeCode { kind_th, level_th, len } => pick(
                format!("{kind_th} เป็นคณะกรรมการระดับ{level_th} ต้องระบุรหัส{level_th} {len} หลัก"),
                format!("{kind_th} is a committee of a {level_th}: give its {len}-digit code"),
            ),
            OrderExists { order_no, date, kind_th, owner } => pick(
                format!("คำสั่งเลขที่ {order_no} ลงวันที่ {} ของ{kind_th} {owner} บันทึกไว้แล้ว", day(*date, lang)),
                format!("order {order_no} of {} for {kind_th} {owner} is recorded already", day(*date, lang)),
            ),
            Member { row, problem } => {
                let what = match (problem, th) {
                    (MemberProblem::NoName, true) => "ไม่ได้กรอกชื่อ-นามสกุล".to_string(),
                    (MemberProblem::NoName, false) => "no name".to_string(),
                    (MemberProblem::TooLong { max }, true) => format!("ชื่อหรือตำแหน่งยาวเกิน {max} ตัวอักษร"),
                    (MemberProblem::TooLong { max }, false) => format!("name or position longer than {max} characters"),
                    (MemberProblem::NoRole, true) => "ไม่ได้เลือกบทบาทในคณะกรรมการ".to_string(),
                    (MemberProblem::NoRole, false) => "no role chosen".to_string(),
                    (MemberProblem::UnknownRole { typed }, true) => format!("ไม่รู้จักบทบาท “{typed}”"),
                    (MemberProblem::UnknownRole { typed }, false) => format!("role “{typed}” is not known"),
                };
                pick(format!("กรรมการแถวที่ {row}: {what}"), format!("member row {row}: {what}"))
            }
            NoMembers => pick("รายชื่อกรรมการ: ยังไม่ได้กรอกรายชื่อ".into(), "Members: none entered yet".into()),
            NoChair => pick("รายชื่อกรรมการ: ไม่มีประธาน (ต้องมีประธาน 1 คน)".into(), "Members: no chair (there must be one)".into()),
            ChairsMany { rows } => {
                let rows = rows.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(", ");
                pick(
                    format!("รายชื่อกรรมการ: มีประธานมากกว่า 1 คน (แถวที่ {rows})"),
                    format!("Members: more than one chair (rows {rows})"),
                )
            }
            OrderYear { own, typed } => pick(
                format!("คำสั่งลงวันที่นี้เป็นของปีงบประมาณ พ.ศ. {own} หรือ {} ไม่ใช่ {typed}", own + 1),
                format!("an order of this date belongs to fiscal year {own} or {}, not {typed}", own + 1),
            ),
            TargetsAtDistrict => pick("ตำบลเป้าหมายกำหนดที่ระดับอำเภอ".into(), "target tambons are set by the district".into()),
            ReportPerDistrict => pick("รายงานนี้จัดทำเป็นรายอำเภอ".into(), "this report is made per district".into()),
            TargetBudget { tambon, error: None } => pick(
                format!("ตำบล{tambon}: งบประมาณต้องไม่ติดลบ"),
                format!("tambon {tambon}: the budget must not be negative"),
            ),
            TargetBudget { tambon, error: Some(e) } => pick(
                format!("ตำบล{tambon} งบประมาณ: {}", number(e, lang)),
                format!("tambon {tambon} budget: {}", number(e, lang)),
            ),
            CountOverTargets { item, count, targets } => pick(
                format!("ข้อ ({item}) มีจำนวน {count} มากกว่าจำนวนตำบลเป้าหมาย {targets}"),
                format!("item ({item}) counts {count}, more than the {targets} target tambons"),
            ),
            FifthOverThirdOrFourth { fifth, third, fourth } => pick(
                format!("ข้อ (5) มีจำนวน {fifth} มากกว่าข้อ (3) ({third}) หรือข้อ (4) ({fourth}) ซึ่งเป็นไปไม่ได้"),
                format!("item (5) counts {fifth}, more than item (3) ({third}) or (4) ({fourth}), which cannot be"),
            ),
            NotModelLao { lao, year } => pick(
                format!("{lao} ไม่ได้เป็น อปท. ต้นแบบของปีงบประมาณ {year}"),
                format!("{lao} is not a model LAO of fiscal year {year}"),
            ),
            LaoNotInDistrict { lao } => pick(format!("{lao} ไม่ได้อยู่ในอำเภอนี้"), format!("{lao} is not in this district")),
            ModelMustBeMunicipalityOrTao => pick(
                "อปท. ต้นแบบต้องเป็นเทศบาลหรือองค์การบริหารส่วนตำบล".into(),
                "a model LAO is a municipality or a TAO".into(),
            ),
            ModelChangeTooLate { year, last } => pick(
                format!("การเปลี่ยน อปท. ต้นแบบของปี {year} ต้องแจ้งภายใน {} (ตามปฏิทินการรายงาน)", day(*last, lang)),
                format!("a change of the {year} model LAO must be made by {}", day(*last, lang)),
            ),
            AlreadyModel { lao } => pick(format!("{lao} เป็น อปท. ต้นแบบของปีนี้อยู่แล้ว"), format!("{lao} is this year's model LAO already")),
            PercentDisagrees { typed, computed, .. } => pick(
                format!("ร้อยละที่กรอก ({typed}) ไม่ตรงกับที่คำนวณจากจำนวนโครงการ ({computed}) ระบบใช้ค่าที่คำนวณจากข้อมูลเท่านั้น"),
                format!("the percentage typed ({typed}) differs from the one computed from the records ({computed})"),
            ),
            MonthFormat { typed } => pick(
                format!("“{typed}” ใช้รูปแบบ ปี-เดือน เช่น 2026-05"),
                format!("“{typed}”: write year-month, e.g. 2026-05"),
            ),
            MonthOutsideYear { month, year } => pick(
                format!("เดือนที่รายงาน {month} ไม่อยู่ในปีงบประมาณ {year}"),
                format!("the month {month} is not in fiscal year {year}"),
            ),
            ScoreBands { detail } => detail.clone(),
            PeriodFormat { typed } => pick(
                format!("งวด “{typed}” ต้องเว้นว่าง หรือเป็นปี ค.ศ.-เดือน เช่น 2026-05"),
                format!("period “{typed}” is empty or a CE year-month such as 2026-05"),
            ),
            DeadlineExists { year, title } => pick(
                format!("ปีงบประมาณ {year} มีกำหนดส่ง{title}อยู่แล้ว แก้ไขวันที่ของรายการเดิมแทน"),
                format!("fiscal year {year} has a deadline for {title} already: change its date instead"),
            ),
            UsernameFormat => pick(
                "ชื่อผู้ใช้ต้องยาว 3–40 ตัวอักษร ใช้ได้เฉพาะ a–z ตัวเลข และ . _ -".into(),
                "a user name is 3–40 characters of a–z, digits and . _ -".into(),
            ),
            UsernameTaken { username } => pick(format!("ชื่อผู้ใช้ {username} มีอยู่แล้ว"), format!("the user name {username} is taken")),
            PasswordShort { min } => pick(format!("รหัสผ่านต้องยาวอย่างน้อย {min} ตัวอักษร"), format!("a password has at least {min} characters")),
            PasswordHasUsername => pick("รหัสผ่านต้องไม่มีชื่อผู้ใช้อยู่ในนั้น".into(), "the password must not contain the user name".into()),
            WrongOldPassword => pick("รหัสผ่านเดิมไม่ถูกต้อง".into(), "the current password is wrong".into()),
            CannotDemoteSelf => pick("ไม่สามารถลดสิทธิ์หรือปิดบัญชีของตนเองได้".into(), "you cannot lower your own role or close your own account".into()),
            BadEmail { typed } => pick(
                format!("“{typed}” ไม่ใช่อีเมลที่ใช้ได้ (เช่น somchai@phayao.go.th)"),
                format!("“{typed}” is not an e-mail address (e.g. somchai@phayao.go.th)"),
            ),
            BadCredentials => pick("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง".into(), "wrong user name or password".into()),
            TooManyAttempts { seconds } => pick(
                format!("ลงชื่อเข้าใช้ไม่สำเร็จหลายครั้ง โปรดรอ {seconds} วินาทีแล้วลองใหม่"),
                format!("too many failed sign-ins: wait {seconds} seconds and try again"),
            ),
            NationalScopeHasCode => pick("ขอบเขตส่วนกลางต้องไม่มีรหัสพื้นที่".into(), "a national scope has no area code".into()),
            ScopeCode { level_th, len } => pick(format!("รหัส{level_th}ต้องเป็นตัวเลข {len} หลัก"), format!("the code is {len} digits")),
            BadAreaCode { typed } => pick(
                format!("รหัสพื้นที่ “{typed}” ไม่ถูกต้อง: ใช้รหัสจังหวัด อำเภอ หรือตำบลเป็นตัวเลข เช่น 56 หรือ 5601"),
                format!("area code “{typed}” is not valid: use a province, district or tambon code such as 56 or 5601"),
            ),
            CannotWrite { path, detail } => pick(format!("เขียนไฟล์ที่ {path} ไม่ได้: {detail}"), format!("cannot write {path}: {detail}")),
            // issue 11: dates checked against the plan
            OutsidePlanWindow { date, from, to, .. } => pick(
                format!("{} อยู่นอกช่วงเวลาของแผน (ต้องอยู่ระหว่าง {} ถึง {})", day(*date, lang), day(*from, lang), day(*to, lang)),
                format!("{} is outside the plan's time ({} to {})", day(*date, lang), day(*from, lang), day(*to, lang)),
            ),
            QuarterDisagrees { typed, made_on, quarter } => pick(
                format!("ไตรมาส {typed} ไม่ตรงกับวันที่จัดทำแผน {} ซึ่งอยู่ในไตรมาสที่ {quarter} ของปีงบประมาณ", day(*made_on, lang)),
                format!("quarter {typed} disagrees with the date the plan was made, {}, which is in fiscal quarter {quarter}", day(*made_on, lang)),
            ),
            SheetTooLong { row, max } => pick(
                format!("ไฟล์ยาวเกินไป: มีข้อมูลถึงแถวที่ {row} รับได้ไม่เกิน {max} แถว (แบ่งเป็นหลายไฟล์)"),
                format!("the file is too long: it has data in row {row}; at most {max} rows (split it)"),
            ),
            SheetTooWide { row, max } => pick(
                format!("ไฟล์กว้างเกินไป: แถวที่ {row} มีข้อมูลเกินคอลัมน์ที่ {max}"),
                format!("the file is too wide: row {row} has data beyond column {max}"),
            ),
            MoreProblems { more } => pick(
                format!("และยังมีข้อผิดพลาดอีก {more} รายการ: แก้ไขรายการข้างต้นแล้วนำเข้าใหม่"),
                format!("and {more} more problems: correct those above and import again"),
            ),
            PlanYearOnlyTambonBoard => pick(
                "เฉพาะการประชุม ก.บ.ต. ที่ระบุว่าเป็นการประชุมเพื่อจัดทำแผนพัฒนาตำบลได้".into(),
                "only a ก.บ.ต. meeting can be one held to make the tambon plan".into(),
            ),
            QuarterNeedsDate => pick(
                "ไตรมาสคิดจากวันที่จัดทำแผน: กรอกวันที่จัดทำแผน".into(),
                "the quarter follows from the date the plan was made: fill in that date".into(),
            ),
            // issue 11: agencies
            StepForAgency { step_th, agency_th } => pick(
                format!("ขั้นตอนนี้ ({step_th}) ต้องทำโดย {agency_th}"),
                format!("this step ({step_th}) is taken by {agency_th}"),
            ),
            ApproveFromAbove { plan_th, approver_th } => pick(
                format!("ผู้อนุมัติ{plan_th}คือเจ้าหน้าที่{approver_th}ที่รับผิดชอบพื้นที่ ไม่ใช่เจ้าของแผนเอง"),
                format!("a {plan_th} is approved by an officer of {approver_th} over its area, never by its own owner"),
            ),
            LaoReadsVillagePlans => pick(
                "อปท. อ่านแผนพัฒนาหมู่บ้านในเขตของตนได้ แต่เพิ่ม แก้ไข หรือลบโครงการของหมู่บ้านไม่ได้ ให้รับโครงการเข้าแผนพัฒนาท้องถิ่นแทน (ผู้บันทึกคือคณะกรรมการหมู่บ้านหรือเจ้าหน้าที่ระดับตำบลขึ้นไป)".into(),
                "an LAO reads the village plans of its coverage but cannot add, change or delete their projects; it adopts them into its local plan instead".into(),
            ),
            NoDesignationToAgree { year } => pick(
                format!("ยังไม่มีการคัดเลือก อปท. ต้นแบบของปีงบประมาณ {year} ที่รอความเห็นชอบ"),
                format!("no model LAO designation of fiscal year {year} awaits agreement"),
            ),
            // issue 11: a plan's own projects (ผ.02)
            OwnOnlyLocalDistrictProvince { kind } => pick(
                format!("โครงการของแผนเองบันทึกได้ในแผนพัฒนาท้องถิ่น แผนพัฒนาอำเภอ และแผนพัฒนาจังหวัด ไม่ใช่{}", kind.th),
                format!("own projects are kept in local, district and provincial plans, not in a {}", kind.en.to_lowercase()),
            ),
            NotOwnProject => pick(
                "โครงการนี้ไม่ใช่โครงการของแผนนี้เอง (รับมาจากแผนระดับล่าง) แก้ไขหรือนำออกได้ที่ตารางโครงการที่รับมา".into(),
                "this project is not the plan's own (it was adopted from a plan below): change or remove it among the adopted projects".into(),
            ),
            OwnEditOnPlan => pick(
                "โครงการนี้เป็นโครงการของแผนเอง (แบบ ผ.02) แก้ไขได้ที่ตารางโครงการของแผนในหน้าแผน".into(),
                "this is one of the plan's own projects (ผ.02): change it in the plan's own-project table".into(),
            ),
            InRow { row, problem } => pick(
                format!("แถวที่ {row} {}", problem.message(lang)),
                format!("Row {row}: {}", problem.message(lang)),
            ),
            YearBudget { year, error } => pick(
                format!("งบประมาณปี {year}: {}", number(error, lang)),
                format!("budget {year}: {}", number(error, lang)),
            ),
            YearBudgetNegative { year } => pick(
                format!("งบประมาณปี {year}: ต้องไม่ติดลบ"),
                format!("budget {year}: must not be negative"),
            ),
            BudgetYear { typed } => pick(
                format!("งบประมาณ: “{typed}” ไม่ใช่ปีงบประมาณ พ.ศ. (เช่น 2568)"),
                format!("budget: “{typed}” is not a Buddhist-era fiscal year (e.g. 2568)"),
            ),
            YearColumnMissing { year, span } => pick(
                format!("ไม่มีคอลัมน์งบประมาณปี {year} (แผนนี้ครอบคลุมปี {span} ต้องมีคอลัมน์ครบทุกปี เช่น “งบประมาณ {year}” หรือ “b{year}”)"),
                format!("no budget column for {year} (the plan spans {span}: a column for each year, e.g. “งบประมาณ {year}” or “b{year}”)"),
            ),
            YearColumnOutside { year, span } => pick(
                format!("คอลัมน์งบประมาณปี {year} อยู่นอกช่วงปีของแผน ({span})"),
                format!("the budget column for {year} is outside the plan's years ({span})"),
            ),
            NoTitleColumn => pick(
                "ไม่พบหัวตารางคอลัมน์ “โครงการ” (ตามแบบ ผ.02: ยุทธศาสตร์ แผนงาน โครงการ วัตถุประสงค์ เป้าหมาย งบประมาณรายปี ตัวชี้วัด ผลที่คาดว่าจะได้รับ หน่วยงานรับผิดชอบหลัก)".into(),
                "no “โครงการ” (project) column header: use the ผ.02 layout".into(),
            ),
            AgencyPlanIsImported => pick(
                "แผนงาน/โครงการของหน่วยงานสร้างจากการนำเข้าไฟล์รายการโครงการของหน่วยงาน (หน้า “โครงการของหน่วยงานอื่น”)".into(),
                "an agency's project list is made by importing its file (the “other agencies' projects” page)".into(),
            ),
            AgencyListAsImported => pick(
                "รายการโครงการของหน่วยงานเป็นไปตามไฟล์ที่นำเข้า ไม่แก้ไข ไม่มีเวทีประชาคม และไม่ต้องเสนอหรืออนุมัติในระบบนี้".into(),
                "an agency's list is as its file gave it: it is not edited, has no forums and is not submitted or approved here".into(),
            ),
            AgencyListLevel => pick(
                "นำเข้าโครงการของหน่วยงานได้สำหรับจังหวัด อำเภอ หรือตำบล".into(),
                "an agency's list is imported for a province, district or tambon".into(),
            ),
            AgencyListNoTitle => pick(
                "ไม่พบหัวตารางคอลัมน์ “โครงการ” (ต้องมีคอลัมน์ โครงการ, ตำบล และ หมู่ที่ หรือ รหัสพื้นที่, ปีงบประมาณ, งบประมาณ, หน่วยงาน)".into(),
                "no “โครงการ” (project) column header: the file needs โครงการ, ตำบล with หมู่ที่ or รหัสพื้นที่, ปีงบประมาณ, งบประมาณ, หน่วยงาน".into(),
            ),
            AgencyListNoPlace => pick(
                "ไฟล์ไม่ระบุพื้นที่ของโครงการ: ต้องมีคอลัมน์ “ตำบล” (และ “หมู่ที่” หรือ “หมู่บ้าน”) หรือ “รหัสพื้นที่”".into(),
                "the file does not say where its projects are: it needs a “ตำบล” column (with “หมู่ที่” or “หมู่บ้าน”) or “รหัสพื้นที่”".into(),
            ),
            AgencyListNoYear => pick(
                "ไฟล์ไม่มีคอลัมน์ “ปีงบประมาณ”: ระบุปีงบประมาณในแบบฟอร์ม".into(),
                "the file has no “ปีงบประมาณ” column: give the fiscal year in the form".into(),
            ),
            AgencyListNoAgency => pick(
                "ไฟล์ไม่มีคอลัมน์ “หน่วยงาน”: ระบุชื่อหน่วยงานในแบบฟอร์ม".into(),
                "the file has no “หน่วยงาน” column: give the agency's name in the form".into(),
            ),
            AgencyListExists { lists } => pick(
                format!("มีรายการโครงการเหล่านี้ในพื้นที่นี้แล้ว จึงไม่นำเข้าซ้ำ: {lists}"),
                format!("these lists are here already, so the file is not imported twice: {lists}"),
            ),
            PlaceNotInArea { typed, area } => pick(
                format!("รหัสพื้นที่ “{typed}” ไม่ใช่หมู่บ้าน ชุมชน หรือตำบลใน{area}"),
                format!("area code “{typed}” is no village, community or tambon of {area}"),
            ),
            DistrictNotInArea { typed, area } => pick(
                format!("ไม่พบอำเภอ “{typed}” ใน{area}"),
                format!("no district “{typed}” in {area}"),
            ),
            TambonNotInArea { typed, area } => pick(
                format!("ไม่พบตำบล “{typed}” ใน{area}"),
                format!("no tambon “{typed}” in {area}"),
            ),
            TambonAmbiguous { typed, districts } => pick(
                format!("มีตำบล “{typed}” มากกว่าหนึ่งแห่ง ({districts}): เพิ่มคอลัมน์ “อำเภอ”"),
                format!("more than one tambon “{typed}” (districts {districts}): add a “อำเภอ” column"),
            ),
            MooNotInTambon { moo, tambon } => pick(
                format!("ไม่พบหมู่ที่ {moo} ใน{tambon}"),
                format!("no village หมู่ที่ {moo} in {tambon}"),
            ),
            VillageNameNotInTambon { typed, tambon } => pick(
                format!("ไม่พบหมู่บ้าน “{typed}” ใน{tambon}"),
                format!("no village “{typed}” in {tambon}"),
            ),
            NotSpreadsheet => pick(
                "ไฟล์นี้ไม่ใช่ไฟล์ CSV หรือ Excel (.xlsx) ที่อ่านได้ (CSV ต้องเข้ารหัส UTF-8 หรือ TIS-620)".into(),
                "this is not a CSV or Excel (.xlsx) file we can read (CSV in UTF-8 or TIS-620)".into(),
            ),
            CsvLine { line, detail } => pick(
                format!("บรรทัดที่ {line}: จำนวนคอลัมน์หรือเครื่องหมายคำพูดไม่ถูกต้อง ({detail})"),
                format!("line {line}: wrong number of columns or quotes ({detail})"),
            ),
            // issue 11: shared tambons
            NotSharedTambon { tambon } => pick(
                format!("{tambon} ไม่ใช่ตำบลที่ใช้ร่วมกันหลาย อปท. (ไม่มี อปท. ใดครอบคลุมเพียงบางส่วน) จึงไม่ต้องแบ่งหมู่บ้าน"),
                format!("{tambon} is not shared by several LAOs (none covers it partially): there is nothing to split"),
            ),
            VillageNotInTambon { village, tambon } => pick(
                format!("หมู่บ้าน “{village}” ไม่ได้อยู่ใน{tambon}"),
                format!("village “{village}” is not in {tambon}"),
            ),
            LaoNotSharingTambon { village, lao, tambon } => pick(
                format!("{village}: {lao} ไม่ได้ครอบคลุม{tambon}บางส่วน เลือกได้เฉพาะ อปท. ที่ใช้ตำบลนี้ร่วมกัน"),
                format!("{village}: {lao} does not share {tambon}; choose one of the LAOs that share it"),
            ),
            VillageTwice { village } => pick(
                format!("หมู่บ้าน “{village}” ถูกกำหนดมากกว่าหนึ่งครั้ง หมู่บ้านหนึ่งอยู่ใน อปท. ได้เพียงแห่งเดียว"),
                format!("village “{village}” is assigned more than once: a village belongs to one LAO only"),
            ),
            SplitByDistrictOrLao { tambon, district } => pick(
                format!("การแบ่งหมู่บ้านของ{tambon}ทำได้โดยเจ้าหน้าที่ของ{district} หรือเจ้าหน้าที่ของ อปท. ที่ใช้ตำบลนี้ร่วมกันเท่านั้น"),
                format!("the villages of {tambon} are split by the officers of {district} or of an LAO sharing the tambon"),
            ),
            // issue 13
            MustChangePassword => pick(
                "บัญชีนี้ยังใช้รหัสผ่านที่ได้รับครั้งแรก ต้องเปลี่ยนรหัสผ่านก่อนจึงจะบันทึกข้อมูลได้ (บัญชีของฉัน → เปลี่ยนรหัสผ่าน)".into(),
                "this account still has the password it was given: change it first (My account → Change password)".into(),
            ),
            // issue 12
            BaseBelowDesignated { base, designated, year } => pick(
                format!("ฐานจำนวน อปท. ต้นแบบ ({base}) ต้องไม่น้อยกว่าจำนวนที่กำหนดเป็น อปท. ต้นแบบแล้วในปี {year} ({designated} แห่ง)"),
                format!("the base ({base}) cannot be below the {designated} model LAOs designated for {year}"),
            ),
            // issue 11: communities
            CommunityNumberUsed { number, name } => pick(
                format!("เลขที่ชุมชน {number} ใช้แล้วกับ{name}"),
                format!("community number {number} is already used by {name}"),
            ),
            CommunityNameUsed { name } => pick(
                format!("มี{name}ในทะเบียนแล้ว"),
                format!("{name} is already registered"),
            ),
            CommunityTambonNotCovered { tambon, lao } => pick(
                format!("{lao}ไม่ได้ครอบคลุม{tambon} ชุมชนต้องอยู่ในตำบลที่ อปท. ครอบคลุม"),
                format!("{lao} does not cover {tambon}: a community lies in a tambon its LAO covers"),
            ),
            CommunityEnded { name } => pick(
                format!("{name}ถูกยุบรวมหรือยกเลิกแล้ว จึงแก้ไขไม่ได้ (ประวัติเก็บไว้ตามเดิม)"),
                format!("{name} was merged or retired and is kept as it was"),
            ),
            MergeIntoItself => pick(
                "ไม่สามารถรวมชุมชนเข้ากับตัวเองได้".into(),
                "a community cannot be merged into itself".into(),
            ),
            MergeIntoNotActive { name } => pick(
                format!("รวมเข้ากับ{name}ไม่ได้: ต้องเป็นชุมชนที่ยังใช้อยู่ของ อปท. เดียวกัน"),
                format!("cannot merge into {name}: it must be a community in use of the same LAO"),
            ),
            CommunitiesByLao { lao } => pick(
                format!("ทะเบียนชุมชนของ{lao}แก้ไขได้โดยเจ้าหน้าที่ของ{lao} หรือของอำเภอ/จังหวัดที่ อปท. ตั้งอยู่เท่านั้น"),
                format!("the communities of {lao} are kept by its officers or those of its district or province"),
            ),
            NoCommunityNameColumn => pick(
                "ไม่พบคอลัมน์ “ชื่อชุมชน” ในแถวหัวตาราง (ต้องมีคอลัมน์ เลขที่ชุมชน ชื่อชุมชน และ รหัสตำบล หรือ ตำบล)".into(),
                "no “ชื่อชุมชน” (community name) column in the header row".into(),
            ),
            Chain(c) => c.message(lang),
            RoleModel(r) => r.message(lang),
            CommunityNumberTwice { number, first_row } => pick(
                format!("เลขที่ชุมชน {number} ซ้ำกับแถวที่ {first_row}"),
                format!("community number {number} repeats row {first_row}"),
            ),
        }
    }
}
