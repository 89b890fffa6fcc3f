//! Development dimensions (มิติการพัฒนา, ONEPLAN.md section 5), and which of them a plan covers:
//! a plan covers a dimension when it holds at least one project in it; the core three are
//! required in every village and tambon plan and in KPI 3.2.

use crate::db::{self, Db};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Economy,
    Society,
    Environment,
    Security,
    Administration,
    Other,
}

crate::text_enum!(Dimension);

impl Dimension {
    /// In the order of the forms.
    pub const ALL: [Dimension; 6] = [
        Dimension::Economy,
        Dimension::Society,
        Dimension::Environment,
        Dimension::Security,
        Dimension::Administration,
        Dimension::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::Economy => "economy",
            Dimension::Society => "society",
            Dimension::Environment => "environment",
            Dimension::Security => "security",
            Dimension::Administration => "administration",
            Dimension::Other => "other",
        }
    }

    pub fn th(self) -> &'static str {
        match self {
            Dimension::Economy => "ด้านเศรษฐกิจ",
            Dimension::Society => "ด้านสังคมและคุณภาพชีวิต",
            Dimension::Environment => "ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม",
            Dimension::Security => "ด้านความมั่นคงและความสงบเรียบร้อย",
            Dimension::Administration => "ด้านการบริหารจัดการ และการส่งเสริมการมีส่วนร่วมในพื้นที่",
            Dimension::Other => "มิติการพัฒนาด้านอื่นๆ",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Dimension::Economy => "Economy",
            Dimension::Society => "Society and quality of life",
            Dimension::Environment => "Natural resources and environment",
            Dimension::Security => "Security and order",
            Dimension::Administration => "Administration and participation",
            Dimension::Other => "Other",
        }
    }

    /// One of the three every plan must cover.
    pub fn core(self) -> bool {
        matches!(
            self,
            Dimension::Economy | Dimension::Society | Dimension::Environment
        )
    }

    /// Finds a dimension as people write it: its code, its Thai name (with or without "ด้าน"),
    /// its number in the list, or its English name.
    pub fn find(typed: &str) -> Option<Dimension> {
        let t = crate::thai::to_arabic_digits(typed.trim());
        if t.is_empty() {
            return None;
        }
        let bare = |s: &str| {
            s.trim_start_matches("มิติการพัฒนา")
                .trim_start_matches("มิติ")
                .trim_start_matches("ด้าน")
                .replace(' ', "")
        };
        let typed_bare = bare(&t);
        Dimension::from_stored(&t)
            .or_else(|| {
                t.parse::<usize>()
                    .ok()
                    .and_then(|n| Dimension::ALL.get(n.wrapping_sub(1)).copied())
            })
            .or_else(|| {
                Dimension::ALL.into_iter().find(|d| {
                    let name = bare(d.th());
                    name == typed_bare
                        || (typed_bare.chars().count() >= 4 && name.starts_with(&typed_bare))
                })
            })
            .or_else(|| {
                Dimension::ALL
                    .into_iter()
                    .find(|d| d.en().eq_ignore_ascii_case(&t))
            })
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Covered {
    pub dimension: Dimension,
    pub projects: i64,
}

/// Which dimensions a plan's projects cover.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = DimensionCoverage)]
pub struct Coverage {
    pub dimensions: Vec<Covered>,
    /// Core dimensions with no project: the report's "ขาดด้าน…".
    pub missing_core: Vec<Dimension>,
}

impl Coverage {
    /// The coverage from each dimension's project count, for callers that hold the projects already.
    pub fn of_counts(count: impl Fn(Dimension) -> i64) -> Coverage {
        Coverage {
            dimensions: Dimension::ALL
                .into_iter()
                .map(|d| Covered {
                    projects: count(d),
                    dimension: d,
                })
                .collect(),
            missing_core: Dimension::ALL
                .into_iter()
                .filter(|d| d.core() && count(*d) == 0)
                .collect(),
        }
    }

    pub fn complete(&self) -> bool {
        self.missing_core.is_empty()
    }

    /// "ขาดด้านเศรษฐกิจ, ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม", or "" when all three are there.
    pub fn missing_th(&self) -> String {
        if self.missing_core.is_empty() {
            return String::new();
        }
        let names: Vec<&str> = self.missing_core.iter().map(|d| d.th()).collect();
        format!("ขาด{}", names.join(", "))
    }
}

/// The dimensions a plan's projects cover.
pub async fn of_plan(db: &Db, plan_id: i64) -> anyhow::Result<Coverage> {
    let counts: Vec<(Dimension, i64)> = db::query_as(
        "SELECT p.dimension, CAST(COUNT(*) AS BIGINT) FROM plan_items i JOIN projects p ON p.id = i.project_id \
         WHERE i.plan_id = $1 GROUP BY p.dimension",
    )
    .bind(plan_id)
    .fetch_all(db)
    .await?;
    Ok(Coverage::of_counts(|d| {
        counts
            .iter()
            .find(|(c, _)| *c == d)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dimension_is_found_as_people_write_it() {
        let code = |t: &str| Dimension::find(t).map(|d| d.as_str());
        assert_eq!(code("ด้านเศรษฐกิจ"), Some("economy"));
        assert_eq!(code("เศรษฐกิจ"), Some("economy"));
        assert_eq!(code("๒"), Some("society"));
        assert_eq!(code("ด้านสังคม"), Some("society"));
        assert_eq!(code("ทรัพยากรธรรมชาติ"), Some("environment"));
        assert_eq!(code("environment"), Some("environment"));
        assert_eq!(code("ด้านกีฬา"), None);
        assert_eq!(code(""), None);
        assert_eq!(code("9"), None);
    }

    #[test]
    fn the_core_three_missing_are_named() {
        let c = Coverage::of_counts(|d| i64::from(d == Dimension::Society));
        assert_eq!(
            c.missing_th(),
            "ขาดด้านเศรษฐกิจ, ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม"
        );
        assert!(Coverage::of_counts(|_| 1).complete());
    }
}
