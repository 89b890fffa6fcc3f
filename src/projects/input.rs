//! A project as typed on a form, an Excel row or a JSON body, and its checking: every field
//! is text until checked, so that each mistake gets a Thai message naming the field.

use crate::dimensions::Dimension;
use crate::error::{Field, FundingProblem, Problem};
use crate::thai;
use serde::Deserialize;
use time::Date;

/// The most characters a project's longer texts may have.
pub const MAX_TEXT: usize = 5_000;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ProjectInput {
    #[schema(required = true)]
    pub title: String,
    /// Code (economy, society, …), Thai name, or number in the list.
    #[schema(required = true)]
    pub dimension: String,
    pub need: String,
    pub objective: String,
    pub format: String,
    /// Villages served: moo numbers of the plan's tambon or 8-digit codes, separated by commas.
    pub villages: String,
    /// village, tambon, tambons or district (or the Thai words).
    pub reach: String,
    pub target_villages: String,
    pub target_households: String,
    pub target_people: String,
    /// Baht, Thai or Arabic digits, with separators.
    pub budget: String,
    /// community, joint, lao, agency or province (or the Thai words).
    pub executor: String,
    /// ใช่/ไม่ใช่, yes/no, 1/0.
    pub within_lao_authority: String,
    /// Buddhist or Common era.
    pub starts_on: String,
    pub ends_on: String,
    pub rank: String,
    /// One source per line: "source | funds or cooperates | amount".
    pub funding: String,
    #[serde(deserialize_with = "id_from_text_or_number")]
    pub forum_id: Option<i64>,
}

/// HTML forms send every value as text (and flattened structs lose serde's type hints): an id may
/// arrive as "12", 12 or "".
fn id_from_text_or_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Number(i64),
        Text(String),
    }
    Ok(match Option::<Id>::deserialize(d)? {
        Some(Id::Number(n)) => Some(n),
        Some(Id::Text(t)) => t.trim().parse().ok(),
        None => None,
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Funding {
    pub source: String,
    pub partner_role: &'static str,
    pub amount_satang: i64,
}

/// A checked project, ready to store. Villages are 8-digit codes, not yet checked against the plan.
#[derive(Debug, Clone)]
pub struct Checked {
    pub title: String,
    pub dimension: Dimension,
    pub need: String,
    pub objective: String,
    pub format: String,
    pub villages: Vec<String>,
    pub reach: &'static str,
    pub target_villages: Option<i64>,
    pub target_households: Option<i64>,
    pub target_people: Option<i64>,
    pub budget_satang: i64,
    pub executor: &'static str,
    pub within_lao_authority: bool,
    pub starts_on: Option<Date>,
    pub ends_on: Option<Date>,
    pub rank: Option<i64>,
    pub funding: Vec<Funding>,
    pub forum_id: Option<i64>,
}

pub const EXECUTORS: [(&str, &str); 5] = [
    ("community", "ชุมชนดำเนินการเอง"),
    ("joint", "ชุมชนร่วมกับหน่วยงาน"),
    ("lao", "องค์กรปกครองส่วนท้องถิ่น"),
    ("agency", "หน่วยงานราชการ"),
    ("province", "จังหวัด"),
];

pub const REACHES: [(&str, &str); 4] = [
    ("village", "หมู่บ้านเดียว"),
    ("tambon", "ทั้งตำบล"),
    ("tambons", "หลายตำบล"),
    ("district", "ทั้งอำเภอ"),
];

pub fn executor_th(code: &str) -> &'static str {
    EXECUTORS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, t)| *t)
        .unwrap_or("")
}

pub fn reach_th(code: &str) -> &'static str {
    REACHES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, t)| *t)
        .unwrap_or("")
}

fn executor(typed: &str) -> Option<&'static str> {
    let t = typed.trim();
    if let Some((c, _)) = EXECUTORS.iter().find(|(c, th)| *c == t || *th == t) {
        return Some(c);
    }
    let has = |w: &str| t.contains(w);
    Some(if has("ทำเอง") || has("ดำเนินการเอง") {
        "community"
    } else if has("ร่วม") {
        "joint"
    } else if has("อปท") || has("ท้องถิ่น") || has("อบต") || has("เทศบาล") || has("อบจ")
    {
        "lao"
    } else if has("จังหวัด") {
        "province"
    } else if has("หน่วยงาน") || has("ส่วนราชการ") || has("ขอรับการสนับสนุน")
    {
        "agency"
    } else {
        return None;
    })
}

fn reach(typed: &str) -> Option<&'static str> {
    let t = typed.trim();
    if t.is_empty() {
        return Some("village");
    }
    if let Some((c, _)) = REACHES.iter().find(|(c, th)| *c == t || *th == t) {
        return Some(c);
    }
    Some(if t.contains("อำเภอ") {
        "district"
    } else if t.contains("หลายตำบล") {
        "tambons"
    } else if t.contains("ตำบล") {
        "tambon"
    } else if t.contains("หมู่บ้าน") {
        "village"
    } else {
        return None;
    })
}

fn yes_no(typed: &str) -> Option<bool> {
    match thai::to_arabic_digits(typed.trim()).to_lowercase().as_str() {
        "" | "ไม่ใช่" | "ไม่" | "no" | "0" | "false" | "off" | "นอกอำนาจหน้าที่" | "ไม่อยู่" => {
            Some(false)
        }
        "ใช่" | "อยู่" | "yes" | "1" | "true" | "on" | "✓" | "/" | "อยู่ในอำนาจหน้าที่" => {
            Some(true)
        }
        _ => None,
    }
}

impl ProjectInput {
    /// A stored project as its edit form shows it, in the words and digits people type: with
    /// its villages' codes, its funding lines and its rank in the plan that raised it.
    pub fn of(
        p: &super::Project,
        villages: &[String],
        funding: &[super::FundingRow],
        rank: Option<i64>,
    ) -> ProjectInput {
        let day = |d: &Option<Date>| {
            d.map(|d| thai::format_date_long(d, thai::dates::Digits::Arabic))
                .unwrap_or_default()
        };
        ProjectInput {
            title: p.title.clone(),
            dimension: p.dimension.as_str().to_string(),
            need: p.need.clone(),
            objective: p.objective.clone(),
            format: p.format.clone(),
            villages: villages
                .iter()
                .map(|c| match crate::areas::Level::of_code(c) {
                    Some(crate::areas::Level::Village) => {
                        c[6..].trim_start_matches('0').to_string()
                    }
                    _ => c.clone(),
                })
                .collect::<Vec<_>>()
                .join(", "),
            reach: p.reach.clone(),
            target_villages: p.target_villages.map(|n| n.to_string()).unwrap_or_default(),
            target_households: p
                .target_households
                .map(|n| n.to_string())
                .unwrap_or_default(),
            target_people: p.target_people.map(|n| n.to_string()).unwrap_or_default(),
            budget: thai::format_baht(p.budget_satang),
            executor: p.executor.clone(),
            within_lao_authority: if p.within_lao_authority {
                "on".into()
            } else {
                String::new()
            },
            starts_on: day(&p.starts_on),
            ends_on: day(&p.ends_on),
            rank: rank.map(|r| r.to_string()).unwrap_or_default(),
            funding: funding
                .iter()
                .map(|f| {
                    let role = if f.partner_role == "funds" {
                        "สนับสนุนงบประมาณ"
                    } else {
                        "ร่วมดำเนินการ"
                    };
                    format!(
                        "{} | {role} | {}",
                        f.source,
                        thai::format_baht(f.amount_satang)
                    )
                })
                .collect::<Vec<_>>()
                .join("\n"),
            forum_id: p.forum_id,
        }
    }

    /// Checks every field; returns all mistakes at once, not just the first.
    /// (Texts are limited to `MAX_TEXT` characters, the title to 500.)
    pub fn check(&self, tambon_code: &str) -> Result<Checked, Vec<Problem>> {
        let mut errors = Vec::new();
        let mut err = |p: Problem| errors.push(p);
        let title = self.title.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.is_empty() {
            err(Problem::Missing {
                field: Field::Title,
            });
        } else if title.chars().count() > 500 {
            err(Problem::TooLong {
                field: Field::Title,
                max: 500,
            });
        }
        // the longer texts: room for a page each, not for a megabyte
        for (field, text) in [
            (Field::NeedText, &self.need),
            (Field::ObjectiveText, &self.objective),
            (Field::FormatText, &self.format),
            (Field::Funding, &self.funding),
        ] {
            if text.chars().count() > MAX_TEXT {
                err(Problem::TooLong {
                    field,
                    max: MAX_TEXT,
                });
            }
        }
        let dimension = match Dimension::find(&self.dimension) {
            Some(d) => Some(d),
            None if self.dimension.trim().is_empty() => {
                err(Problem::Missing {
                    field: Field::Dimension,
                });
                None
            }
            None => {
                err(Problem::Unknown {
                    field: Field::Dimension,
                    typed: self.dimension.trim().to_string(),
                    choices: Dimension::ALL.iter().map(|d| d.th()).collect(),
                });
                None
            }
        };
        let mut count = |field: Field, s: &str| -> Option<i64> {
            if s.trim().is_empty() {
                return None;
            }
            match thai::parse_int(s) {
                Ok(n) if n >= 0 => Some(n),
                Ok(_) => {
                    err(Problem::Negative { field });
                    None
                }
                Err(error) => {
                    err(Problem::Number { field, error });
                    None
                }
            }
        };
        let target_villages = count(Field::TargetVillages, &self.target_villages);
        let target_households = count(Field::TargetHouseholds, &self.target_households);
        let target_people = count(Field::TargetPeople, &self.target_people);
        let rank = match count(Field::Rank, &self.rank) {
            Some(0) => {
                err(Problem::FromOne { field: Field::Rank });
                None
            }
            r => r,
        };
        let budget = match thai::parse_baht(&self.budget) {
            Ok(n) if n < 0 => {
                err(Problem::Negative {
                    field: Field::Budget,
                });
                None
            }
            Ok(n) => Some(n),
            Err(thai::digits::NumberError::Empty) => Some(0),
            Err(error) => {
                err(Problem::Number {
                    field: Field::Budget,
                    error,
                });
                None
            }
        };
        let budget_satang = budget.unwrap_or(0);
        let executor = executor(&self.executor).unwrap_or_else(|| {
            err(Problem::Unknown {
                field: Field::Executor,
                typed: self.executor.trim().to_string(),
                choices: EXECUTORS.iter().map(|(_, t)| *t).collect(),
            });
            "community"
        });
        let reach = reach(&self.reach).unwrap_or_else(|| {
            err(Problem::Unknown {
                field: Field::Reach,
                typed: self.reach.trim().to_string(),
                choices: Vec::new(),
            });
            "village"
        });
        let within_lao_authority = yes_no(&self.within_lao_authority).unwrap_or_else(|| {
            err(Problem::YesNo {
                field: Field::WithinLaoAuthority,
                typed: self.within_lao_authority.trim().to_string(),
            });
            false
        });
        let mut date = |field: Field, s: &str| -> Option<Date> {
            if s.trim().is_empty() {
                return None;
            }
            thai::parse_date(s)
                .map_err(|error| err(Problem::Date { field, error }))
                .ok()
        };
        let starts_on = date(Field::StartsOn, &self.starts_on);
        let ends_on = date(Field::EndsOn, &self.ends_on);
        if let (Some(s), Some(e)) = (starts_on, ends_on)
            && e < s
        {
            err(Problem::EndsBeforeStart);
        }
        let villages = village_codes(&self.villages, tambon_code).unwrap_or_else(|p| {
            err(p);
            Vec::new()
        });
        let funding = funding_lines(&self.funding).unwrap_or_else(|p| {
            err(p);
            Vec::new()
        });
        // each amount is at most `MAX_SATANG`, but a text too long (refused above) may hold
        // enough of them to overflow a plain sum
        let funded = funding
            .iter()
            .map(|f| f.amount_satang)
            .fold(0i64, i64::saturating_add);
        if budget.is_some() && funded > budget_satang {
            err(Problem::FundingOverBudget {
                funded,
                budget: budget_satang,
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let Some(dimension) = dimension else {
            return Err(errors);
        };
        Ok(Checked {
            title,
            dimension,
            need: self.need.trim().to_string(),
            objective: self.objective.trim().to_string(),
            format: self.format.trim().to_string(),
            villages,
            reach,
            target_villages,
            target_households,
            target_people,
            budget_satang,
            executor,
            within_lao_authority,
            starts_on,
            ends_on,
            rank,
            funding,
            forum_id: self.forum_id,
        })
    }
}

/// "1, 3, ๕" (moo numbers of the tambon) or full 8-digit codes.
fn village_codes(typed: &str, tambon_code: &str) -> Result<Vec<String>, Problem> {
    let mut out: Vec<String> = Vec::new();
    for part in thai::to_arabic_digits(typed)
        .split([',', ' ', ';', '\n'])
        .map(|p| p.trim().trim_start_matches("หมู่ที่").trim_start_matches("ม."))
        .filter(|p| !p.is_empty())
    {
        let code = match part.len() {
            8 if part.bytes().all(|b| b.is_ascii_digit()) => part.to_string(),
            // a community's code (110110C001)
            10 if crate::areas::Level::of_code(part) == Some(crate::areas::Level::Community) => {
                part.to_string()
            }
            1 | 2 if part.bytes().all(|b| b.is_ascii_digit()) => {
                format!("{tambon_code}{:02}", part.parse::<u32>().unwrap_or(0))
            }
            _ => {
                return Err(Problem::NotAVillage {
                    typed: part.to_string(),
                });
            }
        };
        if !out.contains(&code) {
            out.push(code);
        }
    }
    Ok(out)
}

/// Lines of "source | funds/cooperates | amount"; the role and amount may be left out.
fn funding_lines(typed: &str) -> Result<Vec<Funding>, Problem> {
    let at = |n: usize, problem| Problem::FundingLine {
        line: n + 1,
        problem,
    };
    let mut out = Vec::new();
    for (n, line) in typed
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let source = parts[0].to_string();
        if source.is_empty() {
            return Err(at(n, FundingProblem::NoSource));
        }
        let role = match parts.get(1).copied().unwrap_or("") {
            "" | "funds" | "สนับสนุนงบประมาณ" | "งบประมาณ" | "ร่วมทุน" => {
                "funds"
            }
            "cooperates" | "ร่วมดำเนินการ" | "ร่วมมือ" => {
                "cooperates"
            }
            other => {
                return Err(at(
                    n,
                    FundingProblem::Role {
                        typed: other.to_string(),
                    },
                ));
            }
        };
        let amount_satang = match parts.get(2).copied().unwrap_or("") {
            "" => 0,
            a => match thai::parse_baht(a) {
                Ok(v) if v >= 0 => v,
                Ok(_) => return Err(at(n, FundingProblem::Negative)),
                Err(e) => return Err(at(n, FundingProblem::Amount(e))),
            },
        };
        out.push(Funding {
            source,
            partner_role: role,
            amount_satang,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn good() -> ProjectInput {
        ProjectInput {
            title: "  ก่อสร้างถนน คสล.  สายบ้านนา ".into(),
            dimension: "เศรษฐกิจ".into(),
            budget: "๑,๒๕๐,๐๐๐.๕๐ บาท".into(),
            executor: "ทำร่วม".into(),
            within_lao_authority: "ใช่".into(),
            starts_on: "1 ต.ค. 2568".into(),
            ends_on: "2026-09-30".into(),
            villages: "๓, 5, 56011403".into(),
            rank: "๒".into(),
            funding: "อบต.บ้านตุ่น | สนับสนุนงบประมาณ | 1,000,000\nสำนักงานเกษตรอำเภอ | ร่วมดำเนินการ"
                .into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_typed_project_is_read_in_thai_or_arabic_digits_and_either_era() {
        let c = good().check("560114").unwrap();
        assert_eq!(c.title, "ก่อสร้างถนน คสล. สายบ้านนา");
        assert_eq!(c.dimension, Dimension::Economy);
        assert_eq!(c.budget_satang, 125_000_050);
        assert_eq!(c.executor, "joint");
        assert!(c.within_lao_authority);
        assert_eq!(c.starts_on.unwrap().to_string(), "2025-10-01");
        assert_eq!(c.ends_on.unwrap().to_string(), "2026-09-30");
        assert_eq!(c.villages, vec!["56011403", "56011405"]);
        assert_eq!(c.rank, Some(2));
        assert_eq!(c.funding.len(), 2);
        assert_eq!(c.funding[0].amount_satang, 100_000_000);
        assert_eq!(c.funding[1].partner_role, "cooperates");
    }

    #[test]
    fn a_megabyte_of_need_or_budget_is_refused() {
        let huge = ProjectInput {
            need: "ก".repeat(1_000_000),
            budget: "92,233,720,368,547,758.07".into(),
            ..good()
        };
        let e = huge.check("560114").unwrap_err();
        assert!(e.iter().any(|p| *p
            == Problem::TooLong {
                field: Field::NeedText,
                max: MAX_TEXT
            }));
        assert!(e.iter().any(|p| p.field() == Some(Field::Budget)));
    }

    #[test]
    fn every_mistake_is_named_with_its_field() {
        let bad = ProjectInput {
            title: " ".into(),
            dimension: "ด้านกีฬา".into(),
            budget: "-500".into(),
            executor: "ใครก็ได้".into(),
            starts_on: "31/02/2568".into(),
            rank: "สาม".into(),
            villages: "บ้านนา".into(),
            ..Default::default()
        };
        let errors = bad.check("560114").unwrap_err();
        let fields: Vec<&str> = errors
            .iter()
            .map(|e| e.field().unwrap().label(Lang::Th))
            .collect();
        assert_eq!(
            fields,
            vec![
                "ชื่อโครงการ",
                "มิติการพัฒนา",
                "ลำดับความสำคัญ",
                "งบประมาณ",
                "ผู้ดำเนินการ",
                "วันเริ่มต้น",
                "หมู่บ้านเป้าหมาย"
            ]
        );
        assert!(errors[1].message(Lang::Th).contains("ด้านกีฬา"));
        assert!(errors[3].message(Lang::Th).contains("ไม่ติดลบ"));
        assert_eq!(errors[0].field().map(|f| f.name()), Some("title"));
        assert!(errors[1].message(Lang::En).contains("is not known"));
        let not_number = ProjectInput {
            budget: "ห้าพัน".into(),
            ..good()
        };
        let e = not_number.check("560114").unwrap_err();
        assert_eq!(e[0].field(), Some(Field::Budget));
        assert!(e[0].message(Lang::Th).contains("ไม่ใช่ตัวเลข"), "{:?}", e[0]);
    }

    #[test]
    fn partners_cannot_fund_more_than_the_budget() {
        let over = ProjectInput {
            budget: "1000".into(),
            funding: "กองทุนหมู่บ้าน | สนับสนุนงบประมาณ | 2,000".into(),
            ..good()
        };
        let e = over.check("560114").unwrap_err();
        assert!(
            e[0].message(Lang::Th).contains("มากกว่างบประมาณ"),
            "{:?}",
            e[0]
        );
    }
}
