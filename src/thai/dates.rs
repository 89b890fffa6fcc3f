//! Buddhist-era dates: "๒๔ กุมภาพันธ์ ๒๕๖๖", "๒๔ ก.พ. ๖๖"; parsing of BE or CE input.

use super::digits::{to_arabic_digits, to_thai_digits};
use super::fiscal::BE_OFFSET;
use time::{Date, Month};

pub const MONTHS_FULL: [&str; 12] = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
];

pub const MONTHS_ABBR: [&str; 12] = [
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
];

/// Whether numbers are written in Thai digits (official documents) or Arabic digits (screens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Digits {
    Thai,
    Arabic,
}

fn digits(s: String, d: Digits) -> String {
    match d {
        Digits::Thai => to_thai_digits(&s),
        Digits::Arabic => s,
    }
}

/// "๒๔ กุมภาพันธ์ ๒๕๖๖"
pub fn format_date_long(date: Date, d: Digits) -> String {
    let m = MONTHS_FULL[date.month() as usize - 1];
    digits(
        format!("{} {} {}", date.day(), m, date.year() + BE_OFFSET),
        d,
    )
}

/// "๒๔ ก.พ. ๖๖"
pub fn format_date_short(date: Date, d: Digits) -> String {
    let m = MONTHS_ABBR[date.month() as usize - 1];
    let yy = (date.year() + BE_OFFSET) % 100;
    digits(format!("{} {} {:02}", date.day(), m, yy), d)
}

/// Why a typed date was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "“{}” ไม่ใช่วันที่ที่อ่านได้ (ใช้ เช่น 24/02/2566, 2023-02-24 หรือ 24 ก.พ. 2566)",
            self.0
        )
    }
}

impl std::error::Error for DateError {}

/// Parses a date typed in Thai or Arabic digits, Buddhist or Common era:
/// "24/02/2566", "24-2-2023", "2023-02-24", "2566-02-24", "๒๔ ก.พ. ๖๖", "24 กุมภาพันธ์ พ.ศ. 2566".
/// A year of 2400 or more is Buddhist era, two digits mean 25xx BE, anything else is CE.
pub fn parse_date(input: &str) -> Result<Date, DateError> {
    let err = || DateError(input.trim().to_string());
    let s = to_arabic_digits(input.trim()).replace("พ.ศ.", " ");
    let (s, force_ce) = match s.find("ค.ศ.") {
        Some(_) => (s.replace("ค.ศ.", " "), true),
        None => (s, false),
    };
    let parts: Vec<&str> = s
        .split(|c: char| c == '/' || c == '-' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() != 3 {
        return Err(err());
    }
    let num = |p: &str| p.parse::<i32>().ok();
    let (day, month, year) = if parts[0].len() == 4 {
        (num(parts[2]), num(parts[1]), num(parts[0]))
    } else {
        (
            num(parts[0]),
            num(parts[1]).or_else(|| month_by_name(parts[1])),
            num(parts[2]),
        )
    };
    let (Some(day), Some(month), Some(year)) = (day, month, year) else {
        return Err(err());
    };
    let year_ce = if force_ce {
        year
    } else if year >= 2400 {
        year - BE_OFFSET
    } else if year < 100 {
        2500 + year - BE_OFFSET
    } else {
        year
    };
    // no record of this system is dated before 1900 or after 2200 (พ.ศ. 2443–2743)
    if !(1900..=2200).contains(&year_ce) {
        return Err(err());
    }
    let month = Month::try_from(u8::try_from(month).map_err(|_| err())?).map_err(|_| err())?;
    let day = u8::try_from(day).map_err(|_| err())?;
    Date::from_calendar_date(year_ce, month, day).map_err(|_| err())
}

fn month_by_name(name: &str) -> Option<i32> {
    let position = |list: &[&str]| list.iter().position(|m| *m == name);
    position(&MONTHS_FULL)
        .or_else(|| position(&MONTHS_ABBR))
        .or_else(|| {
            // abbreviations typed without dots: "กพ", "มีค"
            MONTHS_ABBR
                .iter()
                .position(|m| m.replace('.', "") == name.replace('.', ""))
        })
        .map(|i| i as i32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn formats_official_dates() {
        let d = date!(2023 - 02 - 24);
        assert_eq!(format_date_long(d, Digits::Thai), "๒๔ กุมภาพันธ์ ๒๕๖๖");
        assert_eq!(format_date_short(d, Digits::Thai), "๒๔ ก.พ. ๖๖");
        assert_eq!(format_date_long(d, Digits::Arabic), "24 กุมภาพันธ์ 2566");
        assert_eq!(
            format_date_short(date!(2043 - 01 - 05), Digits::Arabic),
            "5 ม.ค. 86"
        );
        assert_eq!(
            format_date_short(date!(2057 - 12 - 01), Digits::Arabic),
            "1 ธ.ค. 00"
        );
    }

    #[test]
    fn implausible_years_are_not_dates() {
        // "1/10/9999" was stored as 9456-10-01
        assert!(parse_date("1/10/9999").is_err());
        assert!(parse_date("1/10/1899").is_err());
        assert!(parse_date("1/1/2542").is_ok());
        assert!(parse_date("31/12/2743").is_ok());
    }

    #[test]
    fn parses_buddhist_and_common_era() {
        let d = date!(2023 - 02 - 24);
        for s in [
            "24/02/2566",
            "24/2/2023",
            "2023-02-24",
            "2566-02-24",
            "๒๔/๐๒/๒๕๖๖",
            "๒๔ ก.พ. ๖๖",
            "24 กุมภาพันธ์ 2566",
            "24 กุมภาพันธ์ พ.ศ. 2566",
            "24 ก.พ. ค.ศ. 2023",
            "24 กพ 2566",
            " 24-02-2566 ",
        ] {
            assert_eq!(parse_date(s), Ok(d), "{s}");
        }
    }

    #[test]
    fn every_month_name_round_trips() {
        for m in 1..=12u8 {
            let d = Date::from_calendar_date(2024, Month::try_from(m).unwrap(), 1).unwrap();
            assert_eq!(parse_date(&format_date_long(d, Digits::Thai)), Ok(d));
            assert_eq!(parse_date(&format_date_short(d, Digits::Thai)), Ok(d));
        }
    }

    #[test]
    fn rejects_impossible_dates() {
        for s in [
            "",
            "31/02/2566",
            "29/02/2566",
            "24/13/2566",
            "วันนี้",
            "24 ฟฟ 2566",
            "1/2",
        ] {
            assert!(parse_date(s).is_err(), "{s}");
        }
        // 2567 BE = 2024 CE is a leap year
        assert_eq!(parse_date("29/02/2567"), Ok(date!(2024 - 02 - 29)));
        assert!(
            parse_date("abc")
                .unwrap_err()
                .to_string()
                .contains("ไม่ใช่วันที่")
        );
    }
}

/// A date as the database and the API write it: "2026-03-15".
pub fn iso(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

/// A date as the database stores it ("2026-03-15"); None for anything else.
pub fn parse_iso(s: &str) -> Option<Date> {
    Date::parse(s, time::macros::format_description!("[year]-[month]-[day]")).ok()
}
