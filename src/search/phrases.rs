//! A query as the phrases every result must contain, and how well a record's keys match them.
//! Pure: the same candidates give the same ranking on either database.

use crate::text_index::grams;
use crate::thai::text;
use std::collections::BTreeSet;

/// What was typed, normalised as records are (`thai::text`) and cut into phrases at spaces —
/// except that a number stays with the word before it (หมู่ที่ 3, 500 เมตร are one phrase).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrases {
    /// Each phrase's key.
    pub keys: Vec<String>,
    /// The key of the whole query, as a title equal to it would have.
    pub whole: String,
}

impl Phrases {
    pub fn of(typed: &str) -> Phrases {
        let t = text::title(typed);
        let mut keys: Vec<String> = Vec::new();
        for word in t.text.split(' ').filter(|w| !w.is_empty()) {
            let numeric = word.starts_with(|c: char| c.is_ascii_digit());
            match keys.last_mut() {
                Some(last) if numeric => {
                    last.push(' ');
                    last.push_str(&text::key(word));
                }
                _ => keys.push(text::key(word)),
            }
        }
        // a phrase inside another adds nothing
        let all = keys.clone();
        keys.retain(|k| !all.iter().any(|o| o != k && o.contains(k.as_str())));
        keys.dedup();
        Phrases { keys, whole: t.key }
    }

    /// The tokens every candidate has; empty when no phrase has two characters.
    pub fn tokens(&self) -> BTreeSet<String> {
        self.keys.iter().flat_map(|k| grams::of_key(k)).collect()
    }

    /// How well an entry matches, or None when a phrase is not in it. A phrase counts more in
    /// the title than in the body, more again where the title starts with it; a title that is
    /// the query scores most.
    pub fn score(&self, title_key: &str, body_key: &str) -> Option<u32> {
        let mut score = 0;
        for k in &self.keys {
            if let Some(at) = find(title_key, k) {
                score += if at == 0 { 15 } else { 10 };
            } else if find(body_key, k).is_some() {
                score += 3;
            } else {
                return None;
            }
        }
        if !self.whole.is_empty() && title_key == self.whole {
            score += 20;
        }
        Some(score)
    }
}

/// Where `phrase` stands in `key` as itself: a number in it is not part of a longer number
/// (หมู่ที่ 3 is not found in หมู่ที่ 13 or หมู่ที่ 31).
pub fn find(key: &str, phrase: &str) -> Option<usize> {
    if phrase.is_empty() {
        return Some(0);
    }
    let starts_digit = phrase.starts_with(|c: char| c.is_ascii_digit());
    let ends_digit = phrase.ends_with(|c: char| c.is_ascii_digit());
    key.match_indices(phrase).map(|(at, _)| at).find(|&at| {
        let before = key[..at].chars().next_back();
        let after = key[at + phrase.len()..].chars().next();
        !(starts_digit && before.is_some_and(|c| c.is_ascii_digit()))
            && !(ends_digit && after.is_some_and(|c| c.is_ascii_digit() || c == '.'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_stays_with_its_word_and_abbreviations_are_spelled_out() {
        let p = Phrases::of("ถนน คสล. ม.๓");
        assert_eq!(p.keys, vec!["ถนน", "คอนกรีตเสริมเหล็ก", "หมู่ที่ 3"]);
        let title = text::title("ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3 บ้านนาเลี่ยง").key;
        assert!(p.score(&title, "").is_some());
        let other = text::title("ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 13").key;
        assert_eq!(p.score(&other, ""), None, "หมู่ที่ 3 is not หมู่ที่ 13");
    }

    #[test]
    fn partial_words_match_and_titles_count_more_than_bodies() {
        let p = Phrases::of("ประปา");
        let t = text::title("โครงการขยายเขตประปาหมู่บ้าน").key;
        let in_title = p.score(&t, "").unwrap();
        let in_body = p.score("ซ่อมแซมถนน", "ขาดน้ำประปาใช้").unwrap();
        assert!(in_title > in_body);
        // the leading โครงการ is set aside: the title starts with the phrase
        let starts = p.score(&text::title("โครงการประปาหมู่บ้าน").key, "").unwrap();
        assert!(starts > in_title);
        assert_eq!(p.score("ซ่อมแซมถนน", ""), None);
        assert!(Phrases::of("ก").tokens().is_empty());
        assert!(!Phrases::of("กข").tokens().is_empty());
    }

    #[test]
    fn tone_marks_are_kept() {
        let p = Phrases::of("ป่า");
        assert_eq!(p.score(&text::title("ปลูกป่าชุมชน").key, ""), Some(10));
        assert_eq!(p.score(&text::title("ประปาหมู่บ้าน").key, ""), None);
    }
}
