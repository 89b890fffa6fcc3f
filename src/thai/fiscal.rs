//! Thai government fiscal years: FY ๒๕๖๖ runs 1 Oct 2022 – 30 Sep 2023.

use time::{Date, Month};

/// Buddhist era = Common era + 543.
pub const BE_OFFSET: i32 = 543;

/// The fiscal year (Buddhist era) that a date falls in.
pub fn fiscal_year_be(date: Date) -> i32 {
    let ce = if date.month() >= Month::October {
        date.year() + 1
    } else {
        date.year()
    };
    ce + BE_OFFSET
}

/// Fiscal quarter 1–4; quarter 1 is October–December.
pub fn fiscal_quarter(date: Date) -> u8 {
    match date.month() as u8 {
        10..=12 => 1,
        1..=3 => 2,
        4..=6 => 3,
        _ => 4,
    }
}

/// First and last day of a fiscal year given in Buddhist era.
pub fn fiscal_year_span(fy_be: i32) -> (Date, Date) {
    let ce = fy_be - BE_OFFSET;
    let start = Date::from_calendar_date(ce - 1, Month::October, 1).expect("valid date");
    let end = Date::from_calendar_date(ce, Month::September, 30).expect("valid date");
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn fiscal_year_starts_on_first_october() {
        assert_eq!(fiscal_year_be(date!(2022 - 09 - 30)), 2565);
        assert_eq!(fiscal_year_be(date!(2022 - 10 - 01)), 2566);
        assert_eq!(fiscal_year_be(date!(2023 - 09 - 30)), 2566);
        assert_eq!(fiscal_year_be(date!(2023 - 02 - 24)), 2566);
    }

    #[test]
    fn quarters_follow_the_fiscal_year() {
        assert_eq!(fiscal_quarter(date!(2022 - 10 - 01)), 1);
        assert_eq!(fiscal_quarter(date!(2022 - 12 - 31)), 1);
        assert_eq!(fiscal_quarter(date!(2023 - 01 - 01)), 2);
        assert_eq!(fiscal_quarter(date!(2023 - 03 - 31)), 2);
        assert_eq!(fiscal_quarter(date!(2023 - 04 - 01)), 3);
        assert_eq!(fiscal_quarter(date!(2023 - 07 - 01)), 4);
        assert_eq!(fiscal_quarter(date!(2023 - 09 - 30)), 4);
    }

    #[test]
    fn span_of_fiscal_year() {
        assert_eq!(
            fiscal_year_span(2566),
            (date!(2022 - 10 - 01), date!(2023 - 09 - 30))
        );
        let (start, end) = fiscal_year_span(2570);
        assert_eq!(fiscal_year_be(start), 2570);
        assert_eq!(fiscal_year_be(end), 2570);
        assert_eq!(fiscal_year_be(end.next_day().unwrap()), 2571);
    }
}

/// Today's date in Thailand (UTC+7), which is what deadlines and fiscal years are counted in.
pub fn today_in_thailand() -> Date {
    (time::OffsetDateTime::now_utc() + time::Duration::hours(7)).date()
}
