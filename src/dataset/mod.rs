//! National-scale datasets: a seeded generator on the real hierarchy (`generate`), the CSV
//! layout shared with the databases' own bulk loaders and DuckDB (`tables`), and the loader
//! (`load`). Used by the benchmarks (docs/BENCHMARKS.md) and for demonstrations.

pub mod accounts;
pub mod generate;
pub mod hierarchy;
pub mod load;
pub mod measure;
pub mod random;
pub mod tables;

/// "2569" or "2565-2569" (Buddhist era; Thai digits accepted).
pub fn parse_years(s: &str) -> anyhow::Result<(i64, i64)> {
    let t = crate::thai::to_arabic_digits(s.trim());
    let bad = || anyhow::anyhow!("ปีงบประมาณ “{s}” ต้องเป็นปี พ.ศ. เช่น 2569 หรือช่วงปี 2565-2569");
    let (a, b) = match t.split_once(['-', '–']) {
        Some((a, b)) => (
            a.trim().parse().map_err(|_| bad())?,
            b.trim().parse().map_err(|_| bad())?,
        ),
        None => {
            let y: i64 = t.parse().map_err(|_| bad())?;
            (y, y)
        }
    };
    if !(2500..=2700).contains(&a) || b < a || b > 2700 {
        return Err(bad());
    }
    Ok((a, b))
}

#[cfg(test)]
mod tests {
    #[test]
    fn years_are_buddhist_era_in_either_digits() {
        assert_eq!(super::parse_years("2569").unwrap(), (2569, 2569));
        assert_eq!(super::parse_years("๒๕๖๕-๒๕๖๙").unwrap(), (2565, 2569));
        assert!(super::parse_years("2026").is_err());
        assert!(super::parse_years("2569-2565").is_err());
    }
}
