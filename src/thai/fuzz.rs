//! Property-based fuzzing of the Thai number, baht, date and encoding readers (issue 13), and
//! the configuration every fuzz property of the crate shares.
//!
//! Every property runs `cases()` times: `ONEPLAN_FUZZ_CASES` when set, else `DEFAULT_CASES`,
//! which keeps all of the crate's `fuzz` tests (`cargo test --lib fuzz`) under a minute in a
//! debug build on two cores. Proptest writes no failure files: an input that ever broke a
//! property stays next to it as a `regression_` test with the literal input. A long run:
//! `ONEPLAN_FUZZ_CASES=100000 cargo test --release --lib fuzz`. Each run draws new cases; set
//! `PROPTEST_RNG_SEED=<number>` to draw the same ones again.

use super::baht::{MAX_SATANG, baht_text, format_baht, parse_baht};
use super::dates::{
    Digits, MONTHS_ABBR, MONTHS_FULL, format_date_long, format_date_short, iso, parse_date,
    parse_iso,
};
use super::digits::{NumberError, parse_int, to_arabic_digits, to_thai_digits};
use super::encoding::{TextEncoding, decode_text};
use proptest::prelude::*;
use proptest::test_runner::Config;
use time::{Date, Month};

/// Cases per property when `ONEPLAN_FUZZ_CASES` is not set.
pub(crate) const DEFAULT_CASES: u32 = 512;

/// Cases per property: `ONEPLAN_FUZZ_CASES`, or `DEFAULT_CASES`.
pub(crate) fn cases() -> u32 {
    std::env::var("ONEPLAN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(DEFAULT_CASES)
}

/// The configuration of every fuzz property: `cases()` cases, no failure files in the tree.
pub(crate) fn config() -> Config {
    Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    }
}

/// A number as people type it: digits of both scripts, separators, signs, "บาท", long runs.
fn numberish() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        4 => "[0-9]{1,4}",
        4 => "[๐-๙]{1,4}",
        1 => "[0-9๐-๙]{15,40}",
        2 => prop::sample::select(vec![",", ".", " ", "\u{a0}", "_", "-", "+", "บาท", "\t"])
            .prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(token, 0..8).prop_map(|t| t.concat())
}

/// A date as people type it: numbers, month names, eras and separators in any order.
fn dateish() -> impl Strategy<Value = String> {
    let names: Vec<String> = MONTHS_FULL
        .iter()
        .chain(MONTHS_ABBR.iter())
        .map(|m| m.to_string())
        .chain(MONTHS_ABBR.iter().map(|m| m.replace('.', "")))
        .collect();
    let token = prop_oneof![
        4 => "[0-9]{1,4}",
        3 => "[๐-๙]{1,4}",
        1 => "[0-9]{5,30}",
        3 => prop::sample::select(names),
        3 => prop::sample::select(vec!["/", "-", " ", "พ.ศ.", "ค.ศ.", ".", "\u{3000}", "+"])
            .prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(token, 0..8).prop_map(|t| t.concat())
}

/// Any string, or one made of the pieces a reader looks for.
fn any_or(structured: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    prop_oneof![any::<String>(), structured]
}

/// Every date the date reader accepts: 1 January 1900 to 31 December 2200 (พ.ศ. 2443–2743).
fn date_in(first_year: i32, last_year: i32) -> impl Strategy<Value = Date> {
    let first = Date::from_calendar_date(first_year, Month::January, 1).unwrap();
    let last = Date::from_calendar_date(last_year, Month::December, 31).unwrap();
    (first.to_julian_day()..=last.to_julian_day()).prop_map(|j| Date::from_julian_day(j).unwrap())
}

fn satang_in_bounds() -> impl Strategy<Value = i64> {
    prop_oneof![
        -MAX_SATANG..=MAX_SATANG,
        -100_000_000i64..=100_000_000,
        prop::sample::select(vec![
            0,
            1,
            -1,
            99,
            100,
            MAX_SATANG,
            -MAX_SATANG,
            MAX_SATANG - 1
        ]),
    ]
}

fn any_i64() -> impl Strategy<Value = i64> {
    prop_oneof![
        any::<i64>(),
        -10_000i64..10_000,
        prop::sample::select(vec![i64::MIN, i64::MAX, i64::MIN + 1, 0, -1]),
    ]
}

/// "1,234,567": the thousands grouping a spreadsheet or a person adds.
fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    format!("{}{out}", if n < 0 { "-" } else { "" })
}

fn kind(r: &Result<i64, NumberError>) -> Result<i64, std::mem::Discriminant<NumberError>> {
    r.clone().map_err(|e| std::mem::discriminant(&e))
}

/// Reads amounts in words back: the inverse of `baht_text`, by the rules of official Thai.
mod words {
    const DIGITS: [&str; 10] = [
        "ศูนย์",
        "หนึ่ง",
        "สอง",
        "สาม",
        "สี่",
        "ห้า",
        "หก",
        "เจ็ด",
        "แปด",
        "เก้า",
    ];
    const PLACES: [(&str, u64); 5] = [
        ("สิบ", 10),
        ("ร้อย", 100),
        ("พัน", 1_000),
        ("หมื่น", 10_000),
        ("แสน", 100_000),
    ];

    /// A number below one million; `after_millions` allows a lone "เอ็ด" (หนึ่งล้านเอ็ด).
    fn below_million(mut s: &str, after_millions: bool) -> Option<u64> {
        let mut total = 0u64;
        let mut pending: Option<(u64, bool)> = None; // digit, and whether it was ยี่
        let mut last_place = u64::MAX;
        while !s.is_empty() {
            if let Some(rest) = s.strip_prefix("เอ็ด") {
                // only in the units, after something
                if pending.is_some() || !rest.is_empty() || (total == 0 && !after_millions) {
                    return None;
                }
                total += 1;
                s = rest;
                continue;
            }
            if let Some(rest) = s.strip_prefix("ยี่") {
                pending.is_none().then_some(())?;
                pending = Some((2, true));
                s = rest;
                continue;
            }
            if let Some(d) = (1..10).find(|d| s.starts_with(DIGITS[*d])) {
                pending.is_none().then_some(())?;
                pending = Some((d as u64, false));
                s = &s[DIGITS[d].len()..];
                continue;
            }
            let (word, place) = PLACES.iter().find(|(w, _)| s.starts_with(w))?;
            // places only go down, each once
            (*place < last_place).then_some(())?;
            last_place = *place;
            let digit = match (pending.take(), *place) {
                // สิบ, ยี่สิบ; never หนึ่งสิบ or สองสิบ
                (None, 10) => 1,
                (Some((2, true)), 10) => 2,
                (Some((1 | 2, false)), 10) | (Some((_, true)), _) | (None, _) => return None,
                (Some((d, false)), _) => d,
            };
            total += digit * place;
            s = &s[word.len()..];
        }
        match pending {
            Some((_, true)) => return None,
            // a final one after tens or more is เอ็ด, not หนึ่ง
            Some((1, false)) if total > 0 || after_millions => return None,
            Some((d, false)) => total += d,
            None => {}
        }
        (total > 0 || after_millions).then_some(total)
    }

    /// A whole number in words.
    pub(super) fn number(s: &str) -> Option<u64> {
        if s == DIGITS[0] {
            return Some(0);
        }
        match s.rfind("ล้าน") {
            Some(at) => {
                let millions = number(&s[..at])?;
                (millions > 0).then_some(())?;
                let rest = &s[at + "ล้าน".len()..];
                let rest = if rest.is_empty() {
                    0
                } else {
                    below_million(rest, true)?
                };
                millions.checked_mul(1_000_000)?.checked_add(rest)
            }
            None => below_million(s, false),
        }
    }

    /// An amount as `baht_text` writes it, in satang.
    pub(super) fn amount(s: &str) -> Option<i128> {
        let (neg, s) = match s.strip_prefix("ลบ") {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (baht, satang) = if let Some(b) = s.strip_suffix("บาทถ้วน") {
            (number(b)?, 0)
        } else {
            let s = s.strip_suffix("สตางค์")?;
            let (baht, satang) = match s.split_once("บาท") {
                Some((b, st)) => (number(b)?, number(st)?),
                None => (0, number(s)?),
            };
            ((1..100).contains(&satang)).then_some(())?;
            (baht, satang)
        };
        let v = i128::from(baht) * 100 + i128::from(satang);
        Some(if neg { -v } else { v })
    }
}

/// The bytes of a text in Windows-874 (the inverse of `decode_text`'s fallback).
pub(crate) fn windows_874(s: &str) -> Option<Vec<u8>> {
    s.chars()
        .map(|c| match c {
            '\0'..='\x7f' => Some(c as u8),
            '€' => Some(0x80),
            '…' => Some(0x85),
            '‘' => Some(0x91),
            '’' => Some(0x92),
            '“' => Some(0x93),
            '”' => Some(0x94),
            '•' => Some(0x95),
            '–' => Some(0x96),
            '—' => Some(0x97),
            '\u{a0}' => Some(0xA0),
            '\u{0e01}'..='\u{0e3a}' | '\u{0e3f}'..='\u{0e5b}' => {
                Some((c as u32 - 0x0E01 + 0xA1) as u8)
            }
            _ => None,
        })
        .collect()
}

/// Thai text as a TIS-620 file holds it: Thai letters, digits and ASCII.
fn tis620_text() -> impl Strategy<Value = String> {
    "[\u{0e01}-\u{0e3a}\u{0e3f}-\u{0e5b} -~\n\r\t€…‘’“”•–—\u{a0}]{0,40}"
}

proptest! {
    #![proptest_config(config())]

    // ---- digits ----

    #[test]
    fn parse_int_reads_only_what_it_was_given(s in any_or(numberish())) {
        if let Ok(n) = parse_int(&s) {
            // what is left once separators and spaces go is the number itself
            let plain: String = to_arabic_digits(s.trim())
                .chars()
                .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}' | '_'))
                .collect();
            let (neg, digits) = match plain.strip_prefix('-') {
                Some(d) => (true, d),
                None => (false, plain.as_str()),
            };
            prop_assert!(digits.bytes().all(|b| b.is_ascii_digit()), "{s:?} read as {n}");
            let value: i128 = digits.parse().unwrap();
            prop_assert_eq!(i128::from(n), if neg { -value } else { value });
        }
    }

    #[test]
    fn parse_int_reads_thai_and_arabic_digits_alike(s in numberish()) {
        let arabic = kind(&parse_int(&to_arabic_digits(&s)));
        prop_assert_eq!(&kind(&parse_int(&s)), &arabic);
        prop_assert_eq!(&kind(&parse_int(&to_thai_digits(&s))), &arabic);
    }

    #[test]
    fn every_whole_number_reads_back(n in any_i64(), thai in any::<bool>(), spaced in any::<bool>()) {
        for typed in [n.to_string(), grouped(n)] {
            let typed = if thai { to_thai_digits(&typed) } else { typed };
            let typed = if spaced { format!(" {typed}\u{a0}") } else { typed };
            prop_assert_eq!(parse_int(&typed), Ok(n), "{:?}", typed);
        }
    }

    #[test]
    fn digits_convert_both_ways(s in any::<String>()) {
        prop_assert_eq!(to_arabic_digits(&to_thai_digits(&s)), to_arabic_digits(&s));
        prop_assert_eq!(to_thai_digits(&to_arabic_digits(&s)), to_thai_digits(&s));
        prop_assert_eq!(to_thai_digits(&s).chars().count(), s.chars().count());
    }

    // ---- baht ----

    #[test]
    fn parse_baht_stays_within_the_limit(s in any_or(numberish())) {
        if let Ok(v) = parse_baht(&s) {
            prop_assert!(v.abs() <= MAX_SATANG, "{s:?} read as {v}");
        }
    }

    #[test]
    fn parse_baht_reads_thai_and_arabic_digits_alike(s in numberish()) {
        let arabic = kind(&parse_baht(&to_arabic_digits(&s)));
        prop_assert_eq!(&kind(&parse_baht(&s)), &arabic);
        prop_assert_eq!(&kind(&parse_baht(&to_thai_digits(&s))), &arabic);
    }

    #[test]
    fn a_formatted_amount_reads_back(satang in satang_in_bounds(), thai in any::<bool>(), unit in any::<bool>()) {
        let formatted = format_baht(satang);
        // as people type it too: no grouping, one decimal or none
        let plain = formatted.replace(',', "");
        let mut typed = vec![formatted, plain.clone()];
        if satang % 10 == 0 {
            typed.push(plain[..plain.len() - 1].to_string());
        }
        if satang % 100 == 0 {
            typed.push(plain[..plain.len() - 3].to_string());
        }
        for t in typed {
            let t = if thai { to_thai_digits(&t) } else { t };
            let t = if unit { format!("{t} บาท") } else { t };
            prop_assert_eq!(parse_baht(&t), Ok(satang), "{:?}", t);
        }
    }

    #[test]
    fn amounts_beyond_the_limit_are_refused(excess in prop_oneof![1i64..=1_000_000, 1i64..=(i64::MAX - MAX_SATANG)], neg in any::<bool>()) {
        let satang = MAX_SATANG + excess;
        let typed = format_baht(if neg { -satang } else { satang });
        prop_assert!(matches!(parse_baht(&typed), Err(NumberError::TooLarge(_))), "{typed:?}");
        prop_assert!(matches!(parse_baht(&format_baht(i64::MIN)), Err(NumberError::TooLarge(_))));
    }

    #[test]
    fn amounts_in_words_read_back(satang in any_i64()) {
        let text = baht_text(satang);
        prop_assert_eq!(words::amount(&text), Some(i128::from(satang)), "{}", text);
        prop_assert_eq!(text.ends_with("ถ้วน"), satang % 100 == 0);
    }

    // ---- dates ----

    #[test]
    fn parse_date_stays_within_the_years(s in any_or(dateish())) {
        if let Ok(d) = parse_date(&s) {
            prop_assert!((1900..=2200).contains(&d.year()), "{s:?} read as {d}");
        }
    }

    #[test]
    fn parse_date_reads_thai_and_arabic_digits_alike(s in dateish()) {
        let arabic = parse_date(&to_arabic_digits(&s)).ok();
        prop_assert_eq!(parse_date(&s).ok(), arabic);
        prop_assert_eq!(parse_date(&to_thai_digits(&s)).ok(), arabic);
    }

    #[test]
    fn a_date_in_thai_reads_back(d in date_in(1900, 2200), thai in any::<bool>()) {
        let digits = if thai { Digits::Thai } else { Digits::Arabic };
        let long = format_date_long(d, digits);
        prop_assert_eq!(parse_date(&long), Ok(d), "{}", long);
    }

    #[test]
    fn a_short_date_reads_back_within_its_century(d in date_in(1957, 2056), thai in any::<bool>()) {
        // two digits are the years 2500–2599 BE
        let digits = if thai { Digits::Thai } else { Digits::Arabic };
        let short = format_date_short(d, digits);
        prop_assert_eq!(parse_date(&short), Ok(d), "{}", short);
    }

    #[test]
    fn a_date_typed_any_documented_way_reads_back(
        d in date_in(1900, 2200),
        layout in 0usize..9,
        padded in any::<bool>(),
        thai in any::<bool>(),
    ) {
        let (day, month, ce) = (d.day(), u8::from(d.month()), d.year());
        let be = ce + 543;
        let (dd, mm) = if padded {
            (format!("{day:02}"), format!("{month:02}"))
        } else {
            (day.to_string(), month.to_string())
        };
        let (full, abbr) = (MONTHS_FULL[month as usize - 1], MONTHS_ABBR[month as usize - 1]);
        let typed = match layout {
            0 => format!("{dd}/{mm}/{be}"),
            1 => format!("{dd}-{mm}-{ce}"),
            2 => format!("{ce}-{mm}-{dd}"),
            3 => format!("{be}-{mm}-{dd}"),
            4 => format!("{dd} {full} {be}"),
            5 => format!("{dd} {full} พ.ศ. {be}"),
            6 => format!("{dd} {abbr} ค.ศ. {ce}"),
            7 => format!("{dd} {} {be}", abbr.replace('.', "")),
            _ => format!("  {dd}/{mm}/{ce}\t"),
        };
        let typed = if thai { to_thai_digits(&typed) } else { typed };
        prop_assert_eq!(parse_date(&typed), Ok(d), "{:?}", typed);
    }

    #[test]
    fn only_real_days_of_allowed_years_are_dates(year in 0i32..100_000, month in 0u8..14, day in 0u8..33) {
        let typed = format!("{day}/{month}/{year}");
        let ce = if year >= 2400 { year - 543 } else if year < 100 { year + 1957 } else { year };
        let real = (1900..=2200).contains(&ce)
            && Month::try_from(month).is_ok_and(|m| Date::from_calendar_date(ce, m, day).is_ok());
        prop_assert_eq!(parse_date(&typed).is_ok(), real, "{:?}", typed);
    }

    #[test]
    fn iso_dates_read_back(d in date_in(0, 9999)) {
        prop_assert_eq!(parse_iso(&iso(d)), Some(d));
    }

    #[test]
    fn parse_iso_reads_only_iso_dates(s in any_or("[-+0-9]{0,12}")) {
        if let Some(d) = parse_iso(&s) {
            prop_assert_eq!(iso(d), s);
        }
    }

    // ---- encodings ----

    #[test]
    fn utf8_text_is_read_as_it_is(s in any::<String>(), bom in any::<bool>()) {
        let bytes = if bom { format!("\u{feff}{s}") } else { s.clone() };
        // one byte-order mark is dropped, whether it came with the file or the text
        let expected = if bom { s.as_str() } else { s.strip_prefix('\u{feff}').unwrap_or(&s) };
        prop_assert_eq!(decode_text(bytes.as_bytes()), Some((expected.to_string(), TextEncoding::Utf8)));
    }

    #[test]
    fn tis620_text_is_read_back(s in tis620_text()) {
        let bytes = windows_874(&s).unwrap();
        let (text, encoding) = decode_text(&bytes).unwrap();
        if std::str::from_utf8(&bytes).is_err() {
            prop_assert_eq!(encoding, TextEncoding::Windows874);
            prop_assert_eq!(text, s);
        }
    }

    #[test]
    fn any_bytes_are_text_or_refused(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        if let Some((text, TextEncoding::Windows874)) = decode_text(&bytes) {
            // one character a byte, and back to the same bytes
            prop_assert_eq!(windows_874(&text), Some(bytes));
        }
    }
}

// ---- inputs that once broke a property, kept as they were found ----

/// `every_whole_number_reads_back`: the smallest i64 was refused as too large, because its
/// digits were read without their sign (9223372036854775808 does not fit an i64).
#[test]
fn regression_parse_int_reads_the_smallest_i64() {
    assert_eq!(parse_int("-9223372036854775808"), Ok(i64::MIN));
    assert_eq!(parse_int("-9,223,372,036,854,775,808"), Ok(i64::MIN));
    assert!(matches!(
        parse_int("-9223372036854775809"),
        Err(NumberError::TooLarge(_))
    ));
    assert!(matches!(
        parse_int("9223372036854775808"),
        Err(NumberError::TooLarge(_))
    ));
}
