//! When an appointment order is "current": orders must be reviewed every year, so a committee
//! is current when it has an order for the fiscal year that today falls in.

use crate::thai::fiscal_year_be;
use time::Date;

/// Today in Thailand (UTC+7): the day on the users' calendars, whatever the server's zone.
pub fn today() -> Date {
    crate::thai::fiscal::today_in_thailand()
}

/// The fiscal year (BE) whose orders count as current on `today`.
pub fn current_fiscal_year(today: Date) -> i32 {
    fiscal_year_be(today)
}

/// Whether a committee whose orders are for these fiscal years (BE) is current on `today`.
pub fn is_current(order_fiscal_years: impl IntoIterator<Item = i32>, today: Date) -> bool {
    let fy = current_fiscal_year(today);
    order_fiscal_years.into_iter().any(|y| y == fy)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn an_order_is_current_for_its_fiscal_year_only() {
        // FY 2567 runs 1 Oct 2023 – 30 Sep 2024
        assert!(is_current([2567], date!(2023 - 10 - 01)));
        assert!(is_current([2567], date!(2024 - 09 - 30)));
        assert!(!is_current([2567], date!(2024 - 10 - 01)));
        assert!(!is_current([2567], date!(2023 - 09 - 30)));
    }

    #[test]
    fn any_order_of_the_year_counts_and_none_is_never_current() {
        assert!(is_current([2565, 2566, 2567], date!(2024 - 03 - 15)));
        // an order made ahead for next year does not cover this one
        assert!(!is_current([2566, 2568], date!(2024 - 03 - 15)));
        assert!(!is_current([], date!(2024 - 03 - 15)));
    }

    #[test]
    fn the_current_year_follows_the_calendar() {
        assert_eq!(current_fiscal_year(date!(2024 - 03 - 15)), 2567);
        assert_eq!(current_fiscal_year(date!(2024 - 10 - 01)), 2568);
        let t = today();
        assert!(current_fiscal_year(t) >= 2568);
    }
}
