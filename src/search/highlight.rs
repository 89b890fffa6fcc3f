//! The words of a result's title that hold what was searched, for the page to mark: the title
//! cut into words (`thai::words`), each word's key as the index keeps it, and every place a
//! phrase stands in the words' keys marks the words it covers — whole words, so that a part of
//! a word typed (ประปา in ระบบประปาหมู่บ้าน) marks the word, and คสล. is marked for
//! คอนกรีตเสริมเหล็ก.

use super::phrases;
use crate::thai::{text, words};
use serde::Serialize;

/// A run of the title, marked or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[schema(as = TitlePart)]
pub struct Part {
    pub text: String,
    /// It holds (part of) a phrase searched.
    pub hit: bool,
}

/// The title in runs, marked where the phrases (keys, as `Phrases::keys`) stand.
pub fn parts(title: &str, phrases: &[String]) -> Vec<Part> {
    let words = words::words(title);
    let mut key = String::new();
    let mut spans = Vec::with_capacity(words.len());
    for (i, w) in words.iter().enumerate() {
        let k = if w.trim().is_empty() {
            // a space between two Thai letters is no part of the key (`text::key`)
            let before = i.checked_sub(1).and_then(|p| words[p].chars().next_back());
            let after = words.get(i + 1).and_then(|n| n.chars().next());
            if before.is_some_and(text::is_thai_letter) && after.is_some_and(text::is_thai_letter) {
                String::new()
            } else {
                " ".to_string()
            }
        } else {
            text::key(&text::normalize(w))
        };
        let start = key.len();
        key.push_str(&k);
        spans.push((start, key.len()));
    }
    let mut hit = vec![false; words.len()];
    for p in phrases.iter().filter(|p| !p.is_empty()) {
        let mut from = 0;
        while let Some(at) = phrases::find(&key[from..], p) {
            let (a, b) = (from + at, from + at + p.len());
            for (n, (s, e)) in spans.iter().enumerate() {
                if s < e && *s < b && *e > a && !words[n].trim().is_empty() {
                    hit[n] = true;
                }
            }
            from = b;
        }
    }
    // a space between two marked words is marked with them
    for n in 1..words.len().saturating_sub(1) {
        if words[n].trim().is_empty() && hit[n - 1] && hit[n + 1] {
            hit[n] = true;
        }
    }
    let mut out: Vec<Part> = Vec::new();
    for (w, h) in words.into_iter().zip(hit) {
        match out.last_mut() {
            Some(last) if last.hit == h => last.text.push_str(&w),
            _ => out.push(Part { text: w, hit: h }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::phrases::Phrases;

    fn marked(title: &str, typed: &str) -> Vec<String> {
        parts(title, &Phrases::of(typed).keys)
            .into_iter()
            .filter(|p| p.hit)
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn whole_words_are_marked_for_what_was_typed() {
        assert_eq!(marked("ขยายเขตระบบประปาหมู่บ้าน หมู่ที่ 3", "ประปา"), ["ประปา"]);
        // a part of a word marks the word
        assert_eq!(marked("ขยายเขตระบบประปาหมู่บ้าน", "ปาหมู่"), ["ประปาหมู่บ้าน"]);
        // the abbreviation for its long form, and the long form for the abbreviation
        assert_eq!(
            marked("ก่อสร้างถนน คสล. สายบ้านร่องไฮ", "ถนนคอนกรีตเสริมเหล็ก"),
            ["ถนน คสล."]
        );
        assert_eq!(
            marked("ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ ๓", "คสล. หมู่ที่ 3"),
            ["คอนกรีตเสริมเหล็ก หมู่ที่ ๓"]
        );
        // หมู่ที่ 3 is not marked in หมู่ที่ 13
        assert!(marked("ซ่อมถนน หมู่ที่ 13", "หมู่ที่ 3").is_empty());
    }

    #[test]
    fn the_runs_are_the_title() {
        let titles = include_str!("../../data/projects/budget2565_titles_sample.txt");
        for t in titles.lines().take(300) {
            let p = parts(t, &Phrases::of("ถนน คสล.").keys);
            assert_eq!(p.iter().map(|p| p.text.as_str()).collect::<String>(), t);
        }
    }
}
