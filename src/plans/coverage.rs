//! Development dimensions (section 5) and which of them a plan covers: a plan covers a
//! dimension when it holds at least one project in it; the core three are required.

use crate::db::{self, Db};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Dimension {
    pub code: String,
    pub name_th: String,
    pub name_en: String,
    pub core: i64,
}

pub async fn dimensions(db: &Db) -> anyhow::Result<Vec<Dimension>> {
    Ok(db::query_as::<Dimension>(
        "SELECT code, name_th, name_en, core FROM dimensions ORDER BY sort",
    )
    .fetch_all(db)
    .await?)
}

/// Finds a dimension by its code, its Thai name (with or without "ด้าน") or its number in the list.
pub fn find<'a>(all: &'a [Dimension], typed: &str) -> Option<&'a Dimension> {
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
    all.iter()
        .find(|d| d.code == t)
        .or_else(|| {
            t.parse::<usize>()
                .ok()
                .and_then(|n| all.get(n.wrapping_sub(1)))
        })
        .or_else(|| {
            all.iter().find(|d| {
                let name = bare(&d.name_th);
                name == typed_bare
                    || (typed_bare.chars().count() >= 4 && name.starts_with(&typed_bare))
            })
        })
        .or_else(|| all.iter().find(|d| d.name_en.eq_ignore_ascii_case(&t)))
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Covered {
    pub dimension: Dimension,
    pub projects: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Coverage {
    pub dimensions: Vec<Covered>,
    /// Core dimensions with no project: the report's "ขาดด้าน…".
    pub missing_core: Vec<Dimension>,
}

impl Coverage {
    pub fn complete(&self) -> bool {
        self.missing_core.is_empty()
    }

    /// "ขาดด้านเศรษฐกิจ, ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม", or "" when all three are there.
    pub fn missing_th(&self) -> String {
        if self.missing_core.is_empty() {
            return String::new();
        }
        let names: Vec<&str> = self
            .missing_core
            .iter()
            .map(|d| d.name_th.as_str())
            .collect();
        format!("ขาด{}", names.join(", "))
    }
}

pub async fn of_plan(db: &Db, plan_id: i64) -> anyhow::Result<Coverage> {
    let counts: Vec<(String, i64)> = db::query_as(
        "SELECT p.dimension, CAST(COUNT(*) AS BIGINT) FROM plan_items i JOIN projects p ON p.id = i.project_id \
         WHERE i.plan_id = $1 GROUP BY p.dimension",
    )
    .bind(plan_id)
    .fetch_all(db)
    .await?;
    let all = dimensions(db).await?;
    Ok(Coverage::of_counts(all, |code| {
        counts
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, n)| *n)
            .unwrap_or(0)
    }))
}

impl Coverage {
    /// The coverage from each dimension's project count, for callers that hold the projects already.
    pub fn of_counts(all: Vec<Dimension>, count: impl Fn(&str) -> i64) -> Coverage {
        let missing_core = all
            .iter()
            .filter(|d| d.core != 0 && count(&d.code) == 0)
            .cloned()
            .collect();
        Coverage {
            dimensions: all
                .into_iter()
                .map(|d| Covered {
                    projects: count(&d.code),
                    dimension: d,
                })
                .collect(),
            missing_core,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<Dimension> {
        [
            ("economy", "ด้านเศรษฐกิจ", 1),
            ("society", "ด้านสังคมและคุณภาพชีวิต", 1),
            ("environment", "ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม", 1),
            ("other", "มิติการพัฒนาด้านอื่นๆ", 0),
        ]
        .into_iter()
        .map(|(c, n, core)| Dimension {
            code: c.into(),
            name_th: n.into(),
            name_en: String::new(),
            core,
        })
        .collect()
    }

    #[test]
    fn a_dimension_is_found_as_people_write_it() {
        let all = all();
        let code = |t: &str| find(&all, t).map(|d| d.code.as_str());
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
}
