//! Thai text as it is matched and searched (issue 15): one normalisation, in one place, with a
//! version stored beside whatever is built from it, so that an index or a list of likely
//! duplicates is rebuilt when the rules change.
//!
//! `normalize` makes the ways officials type the same words one text: Unicode NFC, Thai digits
//! to Arabic, zero-width characters removed, marks typed in the wrong order or twice repaired
//! (เเ → แ, ํา → ำ, a tone mark before its vowel), abbreviations spelled out from a data table
//! (`abbreviations.csv`: คสล. → คอนกรีตเสริมเหล็ก, ม. ๑ → หมู่ที่ 1, 500 ม. → 500 เมตร, …), spaces
//! collapsed. Vowel and tone marks are kept: ปา and ป่า are different words. `title` also sets
//! a leading โครงการ or กิจกรรม aside and reads the **guards** that keep two titles apart however
//! alike their words: the village numbers, the quantities with their units, the named places.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// Stored beside what is built from `normalize` and `title`; raised when their output changes.
pub const VERSION: i64 = 1;

/// A title normalised, with what was set aside and its guards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// The normalised text without its leading word of kind.
    pub text: String,
    /// `text` without the spaces between Thai letters, which Thai writing places as it likes,
    /// and without thousands separators: what two titles are compared on.
    pub key: String,
    /// "โครงการ" or "กิจกรรม" when the title began with it.
    pub kind_word: Option<&'static str>,
    /// The key without the places and villages it names: the work itself, which titles are
    /// compared on when the guards have already compared where (`likeness`).
    pub work: String,
    pub guards: Guards,
}

/// What makes two alike titles different works.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Guards {
    /// หมู่ที่ numbers.
    pub villages: BTreeSet<u32>,
    /// Quantities by unit ("ไร่" → {"500"}); numbers without separators.
    pub quantities: BTreeMap<&'static str, BTreeSet<String>>,
    /// Named places by kind ("บ้าน" → {"นาเลี่ยง"}).
    pub places: BTreeMap<&'static str, BTreeSet<String>>,
}

/// Why two titles are not the same work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Apart {
    Villages(BTreeSet<u32>, BTreeSet<u32>),
    Quantity {
        unit: &'static str,
        a: BTreeSet<String>,
        b: BTreeSet<String>,
    },
    Place {
        kind: &'static str,
        a: BTreeSet<String>,
        b: BTreeSet<String>,
    },
}

impl Apart {
    /// Said in Thai: "คนละหมู่บ้าน (หมู่ที่ 3 / หมู่ที่ 4)".
    pub fn th(&self) -> String {
        let list = |s: &BTreeSet<String>, before: &str, after: &str| {
            s.iter()
                .map(|x| format!("{before}{x}{after}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Apart::Villages(a, b) => {
                let moo = |s: &BTreeSet<u32>| {
                    s.iter()
                        .map(|n| format!("หมู่ที่ {n}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                format!("คนละหมู่บ้าน ({} / {})", moo(a), moo(b))
            }
            Apart::Quantity { unit, a, b } => format!(
                "ขนาดต่างกัน ({} / {})",
                list(a, "", &format!(" {unit}")),
                list(b, "", &format!(" {unit}"))
            ),
            Apart::Place { kind, a, b } => {
                format!("คนละสถานที่ ({} / {})", list(a, kind, ""), list(b, kind, ""))
            }
        }
    }
}

impl Guards {
    /// The first guard on which the two differ: both name villages, quantities in a unit or
    /// places of a kind, and neither names all of the other's (หมู่ที่ 1 and 2 against หมู่ที่ 2
    /// and 3; กว้าง 6 ยาว 400 เมตร against กว้าง 6 ยาว 2,100 เมตร). A guard only one of them
    /// has keeps nothing apart, nor one that names more of the same (ยาว 850 against กว้าง 5
    /// ยาว 850 เมตร).
    pub fn apart(&self, other: &Guards) -> Option<Apart> {
        fn differ<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> bool {
            !a.is_empty() && !b.is_empty() && !a.is_subset(b) && !b.is_subset(a)
        }
        if differ(&self.villages, &other.villages) {
            return Some(Apart::Villages(
                self.villages.clone(),
                other.villages.clone(),
            ));
        }
        for (unit, a) in &self.quantities {
            if let Some(b) = other.quantities.get(unit)
                && differ(a, b)
            {
                return Some(Apart::Quantity {
                    unit,
                    a: a.clone(),
                    b: b.clone(),
                });
            }
        }
        for (kind, a) in &self.places {
            if let Some(b) = other.places.get(kind)
                && differ(a, b)
            {
                return Some(Apart::Place {
                    kind,
                    a: a.clone(),
                    b: b.clone(),
                });
            }
        }
        None
    }
}

const ZERO_WIDTH: [char; 6] = [
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}',
];

/// When an abbreviation stands for its long form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum When {
    Always,
    /// followed by a number: ม. ๑ (หมู่ที่)
    BeforeNumber,
    /// after a number: 500 ม. (เมตร)
    AfterNumber,
    /// followed by a name: ต.แม่ใส
    BeforeName,
}

struct Abbreviation {
    /// the short form's characters, as `expand` compares them
    short: Vec<char>,
    full: String,
    when: When,
}

/// The short forms of the table that end in a dot (คสล., ม.), as the word list of
/// `thai::words` takes them.
pub fn abbreviations() -> impl Iterator<Item = &'static str> {
    include_str!("abbreviations.csv")
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .filter(|short| short.ends_with('.'))
}

/// The table, longest first so that ตร.ม. is read before ม.
static ABBREVIATIONS: LazyLock<Vec<Abbreviation>> = LazyLock::new(|| {
    let mut rows = Vec::new();
    for (n, line) in include_str!("abbreviations.csv")
        .lines()
        .enumerate()
        .skip(1)
    {
        let mut cells = line.split(',');
        let (Some(short), Some(full), when) = (cells.next(), cells.next(), cells.next()) else {
            panic!("abbreviations.csv line {}: short,full,when", n + 1);
        };
        let when = match when.unwrap_or("") {
            "" => When::Always,
            "before_number" => When::BeforeNumber,
            "after_number" => When::AfterNumber,
            "before_name" => When::BeforeName,
            w => panic!("abbreviations.csv line {}: unknown when {w:?}", n + 1),
        };
        rows.push(Abbreviation {
            short: short.chars().collect(),
            full: full.to_string(),
            when,
        });
    }
    rows.sort_by_key(|a| std::cmp::Reverse(a.short.len()));
    rows
});

/// Units a quantity is read in, longest first (ตารางเมตร before เมตร).
static UNITS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut units = vec![
        "ตารางกิโลเมตร",
        "ตารางเมตร",
        "ลูกบาศก์เมตร",
        "กิโลเมตร",
        "เซนติเมตร",
        "มิลลิเมตร",
        "เมตร",
        "ไร่",
        "กิโลวัตต์",
        "วัตต์",
        "ชุด",
        "เครื่อง",
        "แห่ง",
        "หลัง",
        "คัน",
        "ที่นั่ง",
        "ซีซี",
        "ชั้น",
        "ยูนิต",
        "ตัว",
        "บ่อ",
        "จุด",
        "ต้น",
        "ครัวเรือน",
        "คน",
        "ราย",
        "ตัน",
        "ลิตร",
        "ห้อง",
        "เตียง",
        "อาคาร",
        "สาย",
        "ตัว",
    ];
    units.sort_by_key(|u| std::cmp::Reverse(u.chars().count()));
    units.dedup();
    units
});

/// Words that name a place of a kind, and the kind.
/// Words before a place's name: บ้านนาเลี่ยง, ตำบลแม่ใส, สายบ้านดอน–บ้านนา, อำเภอพาน.
const PLACE_WORDS: [&str; 5] = ["บ้าน", "ตำบล", "สาย", "อำเภอ", "จังหวัด"];

/// Words that end a place's name where no space does ("บ้านบุตาโฮหมู่ที่ 6", "ตำบลแม่ใสอำเภอ…"):
/// the next place or village, or a measure that follows a name.
const NAME_ENDS: [&str; 17] = [
    "บ้าน",
    "ตำบล",
    "สาย",
    "อำเภอ",
    "จังหวัด",
    "หมู่ที่",
    "หมู่",
    "กว้าง",
    "ยาว",
    "ระยะทาง",
    "จำนวน",
    "ขนาด",
    "พื้นที่",
    "ปริมาตร",
    "เชื่อม",
    "ถนน",
    "ซอย",
];

/// Thai consonants, vowels and marks (not the digits, not ฿).
pub(crate) fn is_thai_letter(c: char) -> bool {
    ('\u{0E01}'..='\u{0E4E}').contains(&c) && c != '\u{0E3F}'
}

/// Above and below vowels, and ไม้ไต่คู้: written before any tone mark.
fn is_vowel_mark(c: char) -> bool {
    c == '\u{0E31}' || ('\u{0E34}'..='\u{0E3A}').contains(&c) || c == '\u{0E47}'
}

/// Tone marks, ทัณฑฆาต and นิคหิต.
fn is_tone_mark(c: char) -> bool {
    ('\u{0E48}'..='\u{0E4D}').contains(&c)
}

/// The text as matched and searched (see the module's comment).
pub fn normalize(text: &str) -> String {
    let nfc: String = text.nfc().collect();
    let digits = super::to_arabic_digits(&nfc);
    let visible: String = digits.chars().filter(|c| !ZERO_WIDTH.contains(c)).collect();
    let marks = repair_marks(&visible);
    let spaced = collapse_spaces(&marks);
    let expanded = expand(&spaced);
    collapse_spaces(&expanded).to_lowercase()
}

/// เเ → แ, ํา → ำ, a tone mark typed before its vowel put after it, a mark typed twice once.
fn repair_marks(text: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    for c in text
        .replace("เเ", "แ")
        .replace("\u{0E4D}\u{0E32}", "ำ")
        .chars()
    {
        if (is_vowel_mark(c) || is_tone_mark(c)) && out.last() == Some(&c) {
            continue;
        }
        // a vowel mark after a tone mark goes before it
        if is_vowel_mark(c)
            && let Some(&t) = out.last()
            && is_tone_mark(t)
        {
            out.pop();
            out.push(c);
            out.push(t);
            continue;
        }
        // a tone mark after สระอำ goes before it (ก่ำ, not กำ่)
        if is_tone_mark(c) && out.last() == Some(&'ำ') {
            out.pop();
            out.push(c);
            out.push('ำ');
            continue;
        }
        out.push(c);
    }
    out.into_iter().collect()
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Spells out the table's abbreviations where they stand as words: at the start, or after a
/// space, a digit or punctuation — not inside a Thai word.
fn expand(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    'scan: while i < chars.len() {
        let starts_word = i == 0 || !is_thai_letter(chars[i - 1]);
        if starts_word {
            for a in ABBREVIATIONS.iter() {
                let short = &a.short;
                if !chars[i..].starts_with(short) {
                    continue;
                }
                let rest = &chars[i + short.len()..];
                let next = rest.iter().find(|c| **c != ' ');
                // an abbreviation without its dot must end where the word ends
                if short.last() != Some(&'.') && rest.first().is_some_and(|c| is_thai_letter(*c)) {
                    continue;
                }
                let before_number = out.trim_end().ends_with(|c: char| c.is_ascii_digit());
                let fits = match a.when {
                    When::Always => true,
                    When::BeforeNumber => next.is_some_and(char::is_ascii_digit),
                    When::AfterNumber => before_number,
                    When::BeforeName => next.is_some_and(|c| is_thai_letter(*c)),
                };
                if !fits {
                    continue;
                }
                out.push_str(&a.full);
                // the long form is a word (a space before what follows it), but a place's
                // name is written on to it, as ตำบลแม่ใส is
                if next.is_some() && a.when != When::BeforeName {
                    out.push(' ');
                }
                i += short.len();
                continue 'scan;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    // "หมู่ 7" is หมู่ที่ 7
    let mut fixed = String::with_capacity(out.len());
    let mut rest = out.as_str();
    while let Some(at) = rest.find("หมู่ ") {
        let after = &rest[at + "หมู่ ".len()..];
        fixed.push_str(&rest[..at]);
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            fixed.push_str("หมู่ที่ ");
        } else {
            fixed.push_str("หมู่ ");
        }
        rest = after;
    }
    fixed.push_str(rest);
    fixed
}

/// A title normalised, its leading word of kind set aside, and its guards read.
pub fn title(text: &str) -> Title {
    let normal = normalize(text);
    let (kind_word, text) = ["โครงการ", "กิจกรรม"]
        .into_iter()
        .find_map(|w| {
            normal
                .strip_prefix(w)
                .map(|rest| (Some(w), rest.trim_start()))
        })
        .unwrap_or((None, normal.as_str()));
    let (guards, spans) = guards(text);
    let chars: Vec<char> = text.chars().collect();
    let mut rest = String::with_capacity(text.len());
    let mut at = 0;
    for (from, to) in spans {
        if from >= at {
            rest.extend(&chars[at..from]);
            rest.push(' ');
            at = to;
        } else {
            at = at.max(to);
        }
    }
    rest.extend(&chars[at.min(chars.len())..]);
    Title {
        guards,
        key: key(text),
        work: key(&collapse_spaces(&rest)),
        text: text.to_string(),
        kind_word,
    }
}

/// A normalised text without the spaces that stand between two Thai letters, its numbers
/// written one way (1,200 is 1200; 0.100 is 0.1).
pub fn key(normal: &str) -> String {
    let chars: Vec<char> = normal.chars().collect();
    let mut out = String::with_capacity(normal.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let (number, end) = number_at(&chars, i);
            out.push_str(&number);
            i = end;
            continue;
        }
        let between_letters = i > 0
            && is_thai_letter(chars[i - 1])
            && chars.get(i + 1).is_some_and(|n| is_thai_letter(*n));
        if !(c == ' ' && between_letters) {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// The number that starts at `chars[start]` (digits, with separators and a decimal part) in
/// one writing — no separators, no trailing decimal zeros — and where it ends.
fn number_at(chars: &[char], start: usize) -> (String, usize) {
    let digit_at = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let mut i = start;
    let mut whole = String::new();
    while digit_at(i) || (chars[i] == ',' && digit_at(i + 1) && i > start) {
        if chars[i] != ',' {
            whole.push(chars[i]);
        }
        i += 1;
        if i >= chars.len() {
            break;
        }
    }
    let mut fraction = String::new();
    if chars.get(i) == Some(&'.') && digit_at(i + 1) {
        i += 1;
        while digit_at(i) {
            fraction.push(chars[i]);
            i += 1;
        }
    }
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        (whole, i)
    } else {
        (format!("{whole}.{fraction}"), i)
    }
}

/// Reads the guards of a normalised text, and where in it (by character) each village and
/// named place stands, in order.
fn guards(text: &str) -> (Guards, Vec<(usize, usize)>) {
    let mut g = Guards::default();
    let mut spans = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let starts = |at: usize, word: &str| {
        let mut n = 0;
        for w in word.chars() {
            if chars.get(at + n) != Some(&w) {
                return false;
            }
            n += 1;
        }
        true
    };
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() && (i == 0 || !chars[i - 1].is_ascii_digit()) {
            let start = i;
            let (number, end) = number_at(&chars, i);
            i = end;
            // the words around the number, without copying the text
            let before = chars[..start].iter().rev().skip_while(|c| **c == ' ');
            if before.take(7).copied().eq("หมู่ที่".chars().rev()) {
                if let Ok(n) = number.parse() {
                    g.villages.insert(n);
                }
                let moo = chars[..start]
                    .iter()
                    .rev()
                    .take_while(|c| **c == ' ')
                    .count()
                    + 7;
                spans.push((start - moo, end));
                continue;
            }
            let after = || chars[i..].iter().copied().skip_while(|c| *c == ' ');
            if let Some(unit) = UNITS
                .iter()
                .find(|u| after().take(u.chars().count()).eq(u.chars()))
            {
                g.quantities.entry(unit).or_default().insert(number);
            }
            continue;
        }
        i += 1;
    }
    for at in 0..chars.len() {
        for kind in PLACE_WORDS {
            // หมู่บ้าน is a village, not the start of its name
            if !starts(at, kind) || (kind == "บ้าน" && at >= 4 && starts(at - 4, "หมู่"))
            {
                continue;
            }
            let from = at + kind.chars().count();
            let mut to = from;
            while to < chars.len()
                && is_thai_letter(chars[to])
                && (to == from || !NAME_ENDS.iter().any(|w| starts(to, w)))
            {
                to += 1;
            }
            let name: String = chars[from..to].iter().collect();
            // สายที่ 1 is a road's number, not its name
            if name.chars().count() >= 2 && !name.starts_with("ที่") {
                g.places.entry(kind).or_default().insert(name);
                spans.push((at, to));
            }
        }
    }
    spans.sort();
    (g, spans)
}

#[cfg(test)]
mod tests;
