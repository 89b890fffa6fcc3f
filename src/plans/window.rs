//! The time a plan's dates must fall in. A plan of fiscal years Y…Z is prepared during the year
//! before its first (village forums of the 2570 plan are held in fiscal year 2569) and used until
//! its last: forums, meetings and the date a plan was made lie between 1 October of fiscal year
//! Y − 1 and 30 September of fiscal year Z, and never in the future.

use super::Plan;
use crate::error::{Field, Problem};
use crate::thai::fiscal::{fiscal_quarter, fiscal_year_span, today_in_thailand};
use time::Date;

/// First and last day a date of the plan may have.
pub fn of(first_year: i64, last_year: i64) -> (Date, Date) {
    let (from, _) = fiscal_year_span(first_year as i32 - 1);
    let (_, to) = fiscal_year_span(last_year as i32);
    (from, to)
}

/// Checks one date of a plan: inside the plan's window and not after tomorrow (Thailand).
pub fn check(plan: &Plan, field: Field, date: Date) -> Result<(), Problem> {
    let today = today_in_thailand();
    if date > today + time::Duration::days(1) {
        return Err(Problem::InFuture { field, date, today });
    }
    let (from, to) = of(plan.first_year, plan.last_year);
    if date < from || date > to {
        return Err(Problem::OutsidePlanWindow {
            field,
            date,
            from,
            to,
        });
    }
    Ok(())
}

/// The quarter a plan was made in, from the date it was made; a typed quarter must agree.
pub fn quarter(made_on: Option<Date>, typed: Option<i64>) -> Result<Option<i64>, Problem> {
    match (made_on, typed) {
        (None, None) => Ok(None),
        (None, Some(_)) => Err(Problem::QuarterNeedsDate),
        (Some(d), typed) => {
            let q = i64::from(fiscal_quarter(d));
            match typed {
                Some(t) if t != q => Err(Problem::QuarterDisagrees {
                    typed: t,
                    made_on: d,
                    quarter: q,
                }),
                _ => Ok(Some(q)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_plan_of_2570_is_prepared_from_october_2568() {
        assert_eq!(
            of(2570, 2570),
            (date!(2025 - 10 - 01), date!(2027 - 09 - 30))
        );
        assert_eq!(
            of(2566, 2570),
            (date!(2021 - 10 - 01), date!(2027 - 09 - 30))
        );
    }

    #[test]
    fn the_quarter_follows_from_the_date() {
        // August is the fourth fiscal quarter: quarter 1 typed for it is refused
        assert_eq!(quarter(Some(date!(2026 - 08 - 14)), None), Ok(Some(4)));
        assert_eq!(quarter(Some(date!(2026 - 08 - 14)), Some(4)), Ok(Some(4)));
        assert!(matches!(
            quarter(Some(date!(2026 - 08 - 14)), Some(1)),
            Err(Problem::QuarterDisagrees { quarter: 4, .. })
        ));
        assert_eq!(quarter(None, Some(2)), Err(Problem::QuarterNeedsDate));
        assert_eq!(quarter(None, None), Ok(None));
    }
}
