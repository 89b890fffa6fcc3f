//! Baht amounts, stored as whole satang: "1,234.50" and "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์".

use super::digits::{NumberError, normalise_number};

/// 1,234,567.50 — amount given in satang.
pub fn format_baht(satang: i64) -> String {
    let neg = satang < 0;
    let abs = satang.unsigned_abs();
    let (baht, st) = (abs / 100, abs % 100);
    let digits = baht.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{}{grouped}.{st:02}", if neg { "-" } else { "" })
}

/// The largest amount any record may hold: one trillion baht, a third of the nation's yearly
/// budget. Below it, no sum of a country's projects can overflow.
pub const MAX_SATANG: i64 = 1_000_000_000_000 * 100;

/// Parses an amount typed in Thai or Arabic digits, with separators and an optional "บาท":
/// "1,234.5", "๑,๒๓๔.๕๐ บาท", "500". Returns satang; more than two decimals is an error, and
/// so is an amount beyond `MAX_SATANG`.
pub fn parse_baht(input: &str) -> Result<i64, NumberError> {
    let cleaned = normalise_number(input.trim().trim_end_matches("บาท"));
    if cleaned.is_empty() {
        return Err(NumberError::Empty);
    }
    let bad = || NumberError::NotANumber(input.trim().to_string());
    let (neg, body) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.as_str()),
    };
    let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(frac) || frac.len() > 2 {
        return Err(bad());
    }
    let too_large = || NumberError::TooLarge(input.trim().to_string());
    let baht: i64 = whole.parse().map_err(|_| too_large())?;
    let st: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    let total = baht
        .checked_mul(100)
        .and_then(|b| b.checked_add(st))
        .filter(|t| *t <= MAX_SATANG)
        .ok_or_else(too_large)?;
    Ok(if neg { -total } else { total })
}

const DIGIT_WORDS: [&str; 10] = [
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
const PLACE_WORDS: [&str; 6] = ["", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"];

/// Reads a number below one million the Thai way (ยี่สิบ, สิบเอ็ด, เอ็ด in the units).
fn below_million(n: u64) -> String {
    let digits: Vec<u64> = n.to_string().bytes().map(|b| u64::from(b - b'0')).collect();
    let len = digits.len();
    let mut out = String::new();
    for (i, &d) in digits.iter().enumerate() {
        let place = len - i - 1;
        if d == 0 {
            continue;
        }
        match (place, d) {
            (1, 1) => {}
            (1, 2) => out.push_str("ยี่"),
            (0, 1) if len > 1 => out.push_str("เอ็ด"),
            _ => out.push_str(DIGIT_WORDS[d as usize]),
        }
        if !(place == 0 && d == 1 && len > 1) {
            out.push_str(PLACE_WORDS[place]);
        }
    }
    out
}

fn number_words(n: u64) -> String {
    if n == 0 {
        return DIGIT_WORDS[0].to_string();
    }
    let millions = n / 1_000_000;
    let rest = n % 1_000_000;
    let mut out = String::new();
    if millions > 0 {
        out.push_str(&number_words(millions));
        out.push_str("ล้าน");
    }
    if rest > 0 {
        // "หนึ่งล้านหนึ่ง" reads the final one as เอ็ด
        if millions > 0 && rest == 1 {
            out.push_str("เอ็ด");
        } else {
            out.push_str(&below_million(rest));
        }
    }
    out
}

/// The amount in words as written on official forms: "หนึ่งร้อยบาทถ้วน", "ห้าสิบสตางค์".
pub fn baht_text(satang: i64) -> String {
    let neg = satang < 0;
    let abs = satang.unsigned_abs();
    let (baht, st) = (abs / 100, abs % 100);
    let mut out = String::from(if neg { "ลบ" } else { "" });
    if baht > 0 || st == 0 {
        out.push_str(&number_words(baht));
        out.push_str("บาท");
    }
    if st == 0 {
        out.push_str("ถ้วน");
    } else {
        out.push_str(&number_words(st));
        out.push_str("สตางค์");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_separators() {
        assert_eq!(format_baht(0), "0.00");
        assert_eq!(format_baht(5), "0.05");
        assert_eq!(format_baht(123_456_750), "1,234,567.50");
        assert_eq!(format_baht(100_000), "1,000.00");
        assert_eq!(format_baht(-150_000), "-1,500.00");
    }

    #[test]
    fn parses_thai_and_arabic_amounts() {
        assert_eq!(parse_baht("1,234.5"), Ok(123_450));
        assert_eq!(parse_baht("๑,๒๓๔.๕๐ บาท"), Ok(123_450));
        assert_eq!(parse_baht("150000"), Ok(15_000_000));
        assert_eq!(parse_baht("0.07"), Ok(7));
        assert_eq!(parse_baht("-20"), Ok(-2000));
        assert!(parse_baht("1.234").is_err());
        assert!(parse_baht("12บาท50").is_err());
        assert!(parse_baht("หนึ่งร้อย").is_err());
        assert_eq!(parse_baht(""), Err(NumberError::Empty));
        assert!(matches!(
            parse_baht("999999999999999999"),
            Err(NumberError::TooLarge(_))
        ));
        // two of these once wrapped a plan's total round to "-0.02 บาท"
        assert!(matches!(
            parse_baht("92,233,720,368,547,758.07"),
            Err(NumberError::TooLarge(_))
        ));
        assert_eq!(parse_baht("1,000,000,000,000"), Ok(MAX_SATANG));
        assert!(matches!(
            parse_baht("1,000,000,000,000.01"),
            Err(NumberError::TooLarge(_))
        ));
    }

    #[test]
    fn reads_amounts_in_words() {
        let cases = [
            (0, "ศูนย์บาทถ้วน"),
            (100, "หนึ่งบาทถ้วน"),
            (1_000, "สิบบาทถ้วน"),
            (1_100, "สิบเอ็ดบาทถ้วน"),
            (2_100, "ยี่สิบเอ็ดบาทถ้วน"),
            (10_100, "หนึ่งร้อยเอ็ดบาทถ้วน"),
            (12_550, "หนึ่งร้อยยี่สิบห้าบาทห้าสิบสตางค์"),
            (50, "ห้าสิบสตางค์"),
            (15_000_000, "หนึ่งแสนห้าหมื่นบาทถ้วน"),
            (123_456_700, "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทถ้วน"),
            (100_000_100, "หนึ่งล้านเอ็ดบาทถ้วน"),
            (2_100_000_000, "ยี่สิบเอ็ดล้านบาทถ้วน"),
            (100_000_000_000_000, "หนึ่งล้านล้านบาทถ้วน"),
            (-1_000, "ลบสิบบาทถ้วน"),
        ];
        for (satang, words) in cases {
            assert_eq!(baht_text(satang), words, "{satang}");
        }
    }
}
