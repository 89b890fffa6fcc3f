//! Thai digits (๐–๙) and Arabic digits, both accepted wherever numbers are typed.

const THAI_ZERO: u32 = '๐' as u32;

/// Replaces Arabic digits with Thai digits, as official documents print them.
pub fn to_thai_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(THAI_ZERO + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Replaces Thai digits with Arabic digits; everything else is kept.
pub fn to_arabic_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '๐'..='๙' => char::from_u32('0' as u32 + (c as u32 - THAI_ZERO)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Why a typed number was not understood; shown to the user in Thai.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    Empty,
    NotANumber(String),
    TooLarge(String),
}

impl std::fmt::Display for NumberError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NumberError::Empty => write!(f, "ไม่ได้กรอกตัวเลข"),
            NumberError::NotANumber(s) => write!(f, "“{s}” ไม่ใช่ตัวเลข"),
            NumberError::TooLarge(s) => write!(f, "“{s}” มีค่ามากเกินไป"),
        }
    }
}

impl std::error::Error for NumberError {}

/// Parses a whole number typed in Thai or Arabic digits, with optional thousands
/// separators and surrounding spaces: "๑,๒๓๔", "1,234", " 42 ", "-7".
pub fn parse_int(input: &str) -> Result<i64, NumberError> {
    let s = normalise_number(input);
    if s.is_empty() {
        return Err(NumberError::Empty);
    }
    let digits = s.strip_prefix('-').unwrap_or(&s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::NotANumber(input.trim().to_string()));
    }
    // read with its sign: -9223372036854775808 fits, its digits alone do not
    s.parse()
        .map_err(|_| NumberError::TooLarge(input.trim().to_string()))
}

/// Arabic digits, no separators or spaces: the form the parsers read.
pub(crate) fn normalise_number(input: &str) -> String {
    to_arabic_digits(input.trim())
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}' | '_'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_both_ways() {
        assert_eq!(to_thai_digits("2566-10-01"), "๒๕๖๖-๑๐-๐๑");
        assert_eq!(to_arabic_digits("หมู่ที่ ๑๒"), "หมู่ที่ 12");
        assert_eq!(
            to_arabic_digits(&to_thai_digits("0123456789")),
            "0123456789"
        );
    }

    #[test]
    fn parses_thai_and_arabic_digits_with_separators() {
        assert_eq!(parse_int("๑,๒๓๔"), Ok(1234));
        assert_eq!(parse_int(" 1,234 "), Ok(1234));
        assert_eq!(parse_int("-๗"), Ok(-7));
        assert_eq!(parse_int("๐"), Ok(0));
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        assert_eq!(parse_int(""), Err(NumberError::Empty));
        assert_eq!(parse_int("  "), Err(NumberError::Empty));
        assert!(matches!(parse_int("12a"), Err(NumberError::NotANumber(_))));
        assert!(matches!(parse_int("1.5"), Err(NumberError::NotANumber(_))));
        assert!(matches!(parse_int("-"), Err(NumberError::NotANumber(_))));
        assert!(matches!(
            parse_int("99999999999999999999"),
            Err(NumberError::TooLarge(_))
        ));
        assert_eq!(parse_int("abc").unwrap_err().to_string(), "“abc” ไม่ใช่ตัวเลข");
    }
}
