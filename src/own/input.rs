//! An own project as typed on the plan page, a spreadsheet row or a JSON body, and its
//! checking: every mistake named with its field (a year's budget with its year).

use crate::dimensions::Dimension;
use crate::error::{Field, Problem};
use crate::thai;
use serde::Deserialize;
use std::collections::BTreeMap;

const MAX_TEXT: usize = 2000;

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct OwnInput {
    /// ยุทธศาสตร์
    pub strategy: String,
    /// แผนงาน
    pub work_plan: String,
    /// โครงการ
    pub title: String,
    /// วัตถุประสงค์
    pub objective: String,
    /// เป้าหมาย (ผลผลิตของโครงการ)
    pub output: String,
    /// งบประมาณ by fiscal year (BE): {"2566": "500,000", "2567": "-"}; baht in Thai or Arabic
    /// digits with separators, "-" or empty for none. A year of the plan left out has none.
    pub budgets: BTreeMap<String, String>,
    /// ตัวชี้วัด (KPI)
    pub indicator: String,
    /// ผลที่คาดว่าจะได้รับ
    pub expected_result: String,
    /// หน่วยงานรับผิดชอบหลัก
    pub responsible: String,
    /// Optional (ผ.02 names none): a code, Thai name or number; empty for มิติการพัฒนาด้านอื่นๆ.
    pub dimension: String,
}

/// A checked own project: a budget for every year of the plan's span, in order.
#[derive(Debug, Clone)]
pub struct Checked {
    pub strategy: String,
    pub work_plan: String,
    pub title: String,
    pub objective: String,
    pub output: String,
    pub years: Vec<(i64, i64)>,
    pub indicator: String,
    pub expected_result: String,
    pub responsible: String,
    pub dimension: Dimension,
}

impl Checked {
    pub fn total_satang(&self) -> i64 {
        self.years.iter().map(|(_, a)| a).sum()
    }

    /// The first year with a budget, else the plan's first year.
    pub fn first_funded_year(&self) -> i64 {
        self.years
            .iter()
            .find(|(_, a)| *a > 0)
            .or(self.years.first())
            .map(|(y, _)| *y)
            .unwrap_or_default()
    }
}

/// A year's budget as typed: "" and "-" are none; Thai digits and thousands separators are read.
pub fn amount(year: i64, typed: &str) -> Result<i64, Problem> {
    let t = typed.trim();
    if matches!(t, "" | "-" | "–" | "—" | "0.00") {
        return Ok(0);
    }
    match thai::parse_baht(t) {
        Ok(n) if n < 0 => Err(Problem::YearBudgetNegative { year }),
        Ok(n) => Ok(n),
        Err(error) => Err(Problem::YearBudget { year, error }),
    }
}

/// A fiscal year typed as a budget's key: "2568", "๒๕๖๘".
pub fn year_of(typed: &str) -> Option<i64> {
    let t = thai::to_arabic_digits(typed.trim());
    t.parse::<i64>().ok().filter(|y| (2500..=2700).contains(y))
}

impl OwnInput {
    /// The input of a plan-page form: its fields, and `budget_<year>` for each year.
    pub fn from_form(fields: &std::collections::HashMap<String, String>) -> OwnInput {
        let get = |k: &str| fields.get(k).cloned().unwrap_or_default();
        OwnInput {
            strategy: get("strategy"),
            work_plan: get("work_plan"),
            title: get("title"),
            objective: get("objective"),
            output: get("output"),
            budgets: fields
                .iter()
                .filter_map(|(k, v)| Some((k.strip_prefix("budget_")?.to_string(), v.clone())))
                .collect(),
            indicator: get("indicator"),
            expected_result: get("expected_result"),
            responsible: get("responsible"),
            dimension: get("dimension"),
        }
    }

    /// A stored own project as its edit form shows it.
    pub fn of(p: &super::OwnProject) -> OwnInput {
        OwnInput {
            strategy: p.strategy.clone(),
            work_plan: p.work_plan.clone(),
            title: p.title.clone(),
            objective: p.objective.clone(),
            output: p.output.clone(),
            budgets: p
                .years
                .iter()
                .map(|y| (y.year.to_string(), thai::format_baht(y.amount_satang)))
                .collect(),
            indicator: p.indicator.clone(),
            expected_result: p.expected_result.clone(),
            responsible: p.responsible.clone(),
            dimension: p.dimension.as_str().to_string(),
        }
    }

    /// Checks every field against the plan's span `first..=last`; returns all mistakes at once.
    pub fn check(&self, first: i64, last: i64) -> Result<Checked, Vec<Problem>> {
        let mut errors = Vec::new();
        let one_line = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let title = one_line(&self.title);
        if title.is_empty() {
            errors.push(Problem::Missing {
                field: Field::Title,
            });
        } else if title.chars().count() > 500 {
            errors.push(Problem::TooLong {
                field: Field::Title,
                max: 500,
            });
        }
        let mut text = |field: Field, s: &str| -> String {
            let t = s.trim().to_string();
            if t.chars().count() > MAX_TEXT {
                errors.push(Problem::TooLong {
                    field,
                    max: MAX_TEXT,
                });
            }
            t
        };
        let strategy = text(Field::Strategy, &self.strategy);
        let work_plan = text(Field::WorkPlan, &self.work_plan);
        let objective = text(Field::Objective, &self.objective);
        let output = text(Field::Output, &self.output);
        let indicator = text(Field::Indicator, &self.indicator);
        let expected_result = text(Field::ExpectedResult, &self.expected_result);
        let responsible = text(Field::Responsible, &self.responsible);
        let mut years: Vec<(i64, i64)> = (first..=last).map(|y| (y, 0)).collect();
        for (typed_year, typed) in &self.budgets {
            let Some(year) = year_of(typed_year) else {
                errors.push(Problem::BudgetYear {
                    typed: typed_year.trim().to_string(),
                });
                continue;
            };
            let Some(slot) = years.iter_mut().find(|(y, _)| *y == year) else {
                errors.push(Problem::YearOutsidePlan {
                    year,
                    span: crate::plans::years_label(first, last),
                });
                continue;
            };
            match amount(year, typed) {
                Ok(a) => slot.1 = a,
                Err(p) => errors.push(p),
            }
        }
        let dimension = if self.dimension.trim().is_empty() {
            // ผ.02 names no dimension: the plan's own projects count as "other" until one is chosen
            Some(Dimension::Other)
        } else {
            Dimension::find(&self.dimension).or_else(|| {
                errors.push(Problem::Unknown {
                    field: Field::Dimension,
                    typed: self.dimension.trim().to_string(),
                    choices: Dimension::ALL.iter().map(|d| d.th()).collect(),
                });
                None
            })
        };
        match dimension {
            Some(dimension) if errors.is_empty() => Ok(Checked {
                strategy,
                work_plan,
                title,
                objective,
                output,
                years,
                indicator,
                expected_result,
                responsible,
                dimension,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn typed(budgets: &[(&str, &str)]) -> OwnInput {
        OwnInput {
            title: "  ซ่อมแซมทางสาธารณะ   10 จุด ".into(),
            work_plan: "แผนงานเคหะและชุมชน".into(),
            budgets: budgets
                .iter()
                .map(|(y, a)| (y.to_string(), a.to_string()))
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn budgets_read_in_thai_or_arabic_digits_with_separators_and_dashes() {
        let c = typed(&[
            ("2566", "-"),
            ("๒๕๖๗", "๕๐๐,๐๐๐"),
            ("2568", "1,879,000.50"),
            ("2569", ""),
        ])
        .check(2566, 2570)
        .unwrap();
        assert_eq!(c.title, "ซ่อมแซมทางสาธารณะ 10 จุด");
        assert_eq!(
            c.years,
            vec![
                (2566, 0),
                (2567, 50_000_000),
                (2568, 187_900_050),
                (2569, 0),
                (2570, 0)
            ]
        );
        assert_eq!(c.total_satang(), 237_900_050);
        assert_eq!(c.first_funded_year(), 2567);
        assert_eq!(c.dimension, Dimension::Other);
    }

    #[test]
    fn a_bad_budget_names_its_year_and_a_year_outside_the_plan_is_refused() {
        let e = OwnInput {
            title: String::new(),
            ..typed(&[("2567", "ห้าแสน"), ("2571", "100"), ("2568", "-5")])
        }
        .check(2566, 2570)
        .unwrap_err();
        let words: Vec<String> = e.iter().map(|p| p.message(Lang::Th)).collect();
        assert_eq!(words[0], "ชื่อโครงการ: ไม่ได้กรอก");
        assert!(words[1].starts_with("งบประมาณปี 2567:"), "{words:?}");
        assert!(words[1].contains("ไม่ใช่ตัวเลข"), "{words:?}");
        assert_eq!(words[2], "งบประมาณปี 2568: ต้องไม่ติดลบ");
        assert!(
            words[3].contains("2571") && words[3].contains("2566–2570"),
            "{words:?}"
        );
        assert_eq!(e[1].field(), Some(Field::Budget));
    }
}
