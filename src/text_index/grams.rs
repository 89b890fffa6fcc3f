//! The tokens a text is indexed by: every pair of neighbouring characters of its key, written
//! in ASCII letters and digits so that both databases' plain tokenizers keep each pair whole.

use std::collections::BTreeSet;

/// The distinct pairs of a key's characters, as tokens: `g` and the two code points in hex
/// (ถน → `g0e160e19`). A key of one character has none.
pub fn of_key(key: &str) -> BTreeSet<String> {
    let chars: Vec<char> = key.chars().collect();
    chars
        .windows(2)
        .filter(|w| !(w[0] == ' ' && w[1] == ' '))
        .map(|w| token(w[0], w[1]))
        .collect()
}

/// One pair as a token. Characters beyond the first plane share one code: the few texts that
/// have them only gain candidates, which the search checks against the text itself.
pub fn token(a: char, b: char) -> String {
    let code = |c: char| (c as u32).min(0xFFFF);
    format!("g{:04x}{:04x}", code(a), code(b))
}

/// The lengths of area code whose prefixes are tokens: province, district, tambon, village.
pub const AREA_PREFIXES: [usize; 4] = [2, 4, 6, 8];

/// The token of an area code (a record's, or one of its prefixes): `a5601`.
pub fn area(code: &str) -> String {
    format!("a{code}")
}

/// The token of a kind of record: `kproject`.
pub fn kind(kind: &str) -> String {
    format!("k{kind}")
}

/// Tokens joined by spaces, as stored and as matched (every token must be there).
pub fn joined(tokens: &BTreeSet<String>) -> String {
    tokens
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_ascii_tokens_and_distinct() {
        let t = of_key("ถนนถนน");
        // ถน, นน, นถ
        assert_eq!(t.len(), 3);
        assert!(t.contains("g0e160e19"));
        assert!(
            t.iter()
                .all(|g| g.len() == 9 && g.bytes().all(|b| b.is_ascii_alphanumeric()))
        );
        assert!(of_key("ก").is_empty());
        assert_eq!(joined(&of_key("ab")), "g00610062");
        assert_eq!(token('😀', 'a').len(), 9);
    }
}
