//! Codes under a prefix, as an index range.

/// The area codes under a prefix as a range [from, to), which both databases read from an index
/// whatever their collation (`LIKE 'prefix%'` is not: SQLite's ignores case, PostgreSQL's needs the
/// C collation). Codes are digits, so the end is the prefix with its last digit raised
/// (`5609` → `561`); the whole country ends before 'A'.
pub fn prefix_range(prefix: &str) -> (String, String) {
    let mut end: Vec<u8> = prefix.bytes().collect();
    while let Some(last) = end.pop() {
        if last < b'9' {
            end.push(last + 1);
            return (
                prefix.to_string(),
                String::from_utf8(end).unwrap_or_default(),
            );
        }
    }
    (prefix.to_string(), "A".to_string())
}

#[cfg(test)]
mod range_tests {
    use super::prefix_range;

    #[test]
    fn a_prefix_covers_exactly_its_codes() {
        let (from, to) = prefix_range("5609");
        assert_eq!((from.as_str(), to.as_str()), ("5609", "561"));
        for (code, inside) in [
            ("560901", true),
            ("5609", true),
            ("5610", false),
            ("5608", false),
        ] {
            assert_eq!(
                code >= from.as_str() && code < to.as_str(),
                inside,
                "{code}"
            );
        }
        assert_eq!(prefix_range("99"), ("99".to_string(), "A".to_string()));
        assert_eq!(prefix_range(""), (String::new(), "A".to_string()));
    }
}
