//! A bank entry and a browse filter as typed, checked: Thai or Arabic digits, amounts in baht,
//! tambons by code or "ทุกตำบล"; every mistake named with its field.

use super::{Entry, Filter};
use crate::areas::{self, Area, Level};
use crate::db::Db;
use crate::dimensions::Dimension;
use crate::error::{AppError, Field, Problem, RoleModelProblem, Thing};
use crate::projects::Project;
use crate::thai::{self, parse_baht};

/// A bank entry as the form and the API send it.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryInput {
    /// A project of the district's tambon plans; empty for a project new to the bank.
    #[serde(default)]
    pub project_id: String,
    /// For a new project: its title and dimension.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub dimension: String,
    /// Tambon codes separated by spaces or commas, or "ทุกตำบล" (every tambon of the district).
    pub tambons: String,
    pub target_villages: String,
    pub target_households: String,
    /// Baht asked of the bank.
    pub budget: String,
    /// How many months the work takes.
    pub months: String,
    /// "1"/"ใช่": the site is ready.
    #[serde(default)]
    pub site_ready: String,
    /// Who approved or permitted it (people, agencies); may be left empty until they have.
    #[serde(default)]
    pub consent: String,
}

pub(super) enum Source {
    Plan(Box<Project>),
    New { title: String, dimension: Dimension },
}

pub(super) struct Checked {
    pub source: Source,
    pub tambons: Vec<Area>,
    pub whole_district: bool,
    pub target_villages: i64,
    pub target_households: i64,
    pub budget_satang: i64,
    pub months: i64,
    pub site_ready: bool,
    pub consent: String,
}

fn count(typed: &str, field: Field) -> Result<i64, Problem> {
    let n = thai::parse_int(typed).map_err(|error| Problem::Number { field, error })?;
    if n < 0 {
        return Err(Problem::Negative { field });
    }
    Ok(n)
}

fn yes(typed: &str) -> Result<bool, Problem> {
    match thai::to_arabic_digits(typed.trim()).to_lowercase().as_str() {
        "" | "0" | "no" | "false" | "ไม่" | "ไม่ใช่" | "ไม่พร้อม" => {
            Ok(false)
        }
        "1" | "yes" | "true" | "on" | "ใช่" | "พร้อม" => Ok(true),
        t => Err(Problem::YesNo {
            field: Field::SiteReady,
            typed: t.to_string(),
        }),
    }
}

/// Checks an entry for the district: every problem found, not only the first.
pub(super) async fn check(db: &Db, district: &Area, i: &EntryInput) -> Result<Checked, AppError> {
    let mut problems: Vec<Problem> = Vec::new();
    let under = areas::under(db, Level::Tambon, &district.code).await?;
    let typed = thai::to_arabic_digits(i.tambons.trim());
    let whole = matches!(typed.as_str(), "ทุกตำบล" | "ทั้งอำเภอ" | "all");
    let mut tambons: Vec<Area> = Vec::new();
    if whole {
        tambons = under.clone();
    } else {
        for code in typed.split(|c: char| c == ',' || c.is_whitespace()) {
            if code.is_empty() {
                continue;
            }
            match under.iter().find(|t| t.code == code) {
                Some(t) if !tambons.iter().any(|x| x.code == t.code) => tambons.push(t.clone()),
                Some(_) => {}
                None => problems.push(Problem::TambonNotInArea {
                    typed: code.to_string(),
                    area: district.titled_th(),
                }),
            }
        }
        if tambons.is_empty() && problems.is_empty() {
            problems.push(Problem::Missing {
                field: Field::Tambons,
            });
        }
    }
    let whole_district = !under.is_empty() && tambons.len() == under.len();
    let source = match thai::to_arabic_digits(i.project_id.trim()).as_str() {
        "" => {
            let title = i.title.trim().to_string();
            if title.is_empty() {
                problems.push(Problem::Missing {
                    field: Field::Title,
                });
            }
            let dimension = Dimension::find(&i.dimension);
            if dimension.is_none() {
                problems.push(if i.dimension.trim().is_empty() {
                    Problem::Missing {
                        field: Field::Dimension,
                    }
                } else {
                    Problem::Unknown {
                        field: Field::Dimension,
                        typed: i.dimension.trim().to_string(),
                        choices: Vec::new(),
                    }
                });
            }
            dimension.map(|dimension| Source::New { title, dimension })
        }
        id => match id.parse::<i64>().ok() {
            Some(id) => match crate::projects::get(db, id).await? {
                Some(p)
                    if p.area_code.starts_with(&district.code)
                        && in_tambon_plan(db, id).await? =>
                {
                    Some(Source::Plan(Box::new(p)))
                }
                Some(p) => {
                    problems.push(Problem::RoleModel(RoleModelProblem::NotInTambonPlan {
                        title: p.title,
                    }));
                    None
                }
                None => {
                    problems.push(Problem::not_found(Thing::Project, id));
                    None
                }
            },
            None => {
                problems.push(Problem::NotValid {
                    field: Field::Project,
                    typed: id.to_string(),
                });
                None
            }
        },
    };
    let mut take = |r: Result<i64, Problem>| r.map_err(|p| problems.push(p)).unwrap_or(0);
    let target_villages = take(count(&i.target_villages, Field::TargetVillages));
    let target_households = take(count(&i.target_households, Field::TargetHouseholds));
    let budget_satang = take(
        parse_baht(&i.budget)
            .map_err(|error| Problem::Number {
                field: Field::Budget,
                error,
            })
            .and_then(|s| {
                if s > 0 {
                    Ok(s)
                } else {
                    Err(Problem::NotPositive {
                        field: Field::Budget,
                    })
                }
            }),
    );
    let months = take(count(&i.months, Field::Months).and_then(|m| {
        if (1..=60).contains(&m) {
            Ok(m)
        } else {
            Err(Problem::Range {
                field: Field::Months,
                typed: m.to_string(),
                min: 1,
                max: 60,
            })
        }
    }));
    let site_ready = yes(&i.site_ready)
        .map_err(|p| problems.push(p))
        .unwrap_or(false);
    let consent = i.consent.trim().to_string();
    if consent.chars().count() > 500 {
        problems.push(Problem::TooLong {
            field: Field::Consent,
            max: 500,
        });
    }
    match (problems.is_empty(), source) {
        (true, Some(source)) => Ok(Checked {
            source,
            tambons,
            whole_district,
            target_villages,
            target_households,
            budget_satang,
            months,
            site_ready,
            consent,
        }),
        _ => Err(AppError::from(problems)),
    }
}

async fn in_tambon_plan(db: &Db, project_id: i64) -> anyhow::Result<bool> {
    let n: i64 = crate::db::query_scalar(
        "SELECT COUNT(*) FROM plan_items i JOIN plans pl ON pl.id = i.plan_id WHERE i.project_id = $1 AND pl.kind = 'tambon'",
    )
    .bind(project_id)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// A filter checked: the area as digits, amounts in satang.
pub(super) struct CheckedFilter {
    pub area: String,
    dimension: Option<Dimension>,
    min: Option<i64>,
    max: Option<i64>,
    ready: Option<bool>,
    selected: Option<bool>,
    words: String,
}

pub(super) fn filter(f: &Filter) -> Result<CheckedFilter, AppError> {
    let area = thai::to_arabic_digits(f.area.trim());
    if area.len() < 2 || !area.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::Missing {
            field: Field::AreaCode,
        }
        .into());
    }
    let amount = |typed: &str, field: Field| -> Result<Option<i64>, Problem> {
        match typed.trim() {
            "" => Ok(None),
            t => parse_baht(t)
                .map(Some)
                .map_err(|error| Problem::Number { field, error }),
        }
    };
    let dimension = match f.dimension.trim() {
        "" => None,
        t => Some(Dimension::find(t).ok_or_else(|| Problem::Unknown {
            field: Field::Dimension,
            typed: t.to_string(),
            choices: Vec::new(),
        })?),
    };
    let ready = match f.ready.trim() {
        "" => None,
        t => Some(yes(t)?),
    };
    let selected = match f.status.trim() {
        "" => None,
        "open" => Some(false),
        "selected" => Some(true),
        t => {
            return Err(Problem::Unknown {
                field: Field::BankStatus,
                typed: t.to_string(),
                choices: vec!["open", "selected"],
            }
            .into());
        }
    };
    Ok(CheckedFilter {
        area,
        dimension,
        min: amount(&f.min_budget, Field::MinBudget)?,
        max: amount(&f.max_budget, Field::MaxBudget)?,
        ready,
        selected,
        words: thai::text::key(&thai::text::normalize(&f.q)),
    })
}

impl CheckedFilter {
    pub(super) fn admits(&self, e: &Entry) -> bool {
        (self.area.len() <= 4 || e.tambons.iter().any(|t| t.starts_with(&self.area)))
            && self.dimension.is_none_or(|d| d == e.dimension)
            && self.min.is_none_or(|m| e.budget_satang >= m)
            && self.max.is_none_or(|m| e.budget_satang <= m)
            && self.ready.is_none_or(|r| r == e.site_ready)
            && self.selected.is_none_or(|s| s == !e.selected_in.is_empty())
            && (self.words.is_empty()
                || thai::text::key(&thai::text::normalize(&e.title)).contains(&self.words))
    }
}
