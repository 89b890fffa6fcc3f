//! Thai words, where words are needed (the search's highlighting): PyThaiNLP's dictionary-based
//! maximal matching (`newmm`, in Rust as `nlpo3`) over PyThaiNLP's word list
//! (`data/thai/words_th.txt`, CC0) with the abbreviations of `abbreviations.csv`, so that คสล.
//! or รพ.สต. stays one word. Matching and search never need words: they work on the
//! normalised text's characters (`text`, `text_index`).

use nlpo3::tokenizer::newmm::NewmmTokenizer;
use nlpo3::tokenizer::tokenizer_trait::Tokenizer;
use std::sync::LazyLock;

static TOKENIZER: LazyLock<NewmmTokenizer> = LazyLock::new(|| {
    let mut words: Vec<String> = include_str!("../../data/thai/words_th.txt")
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    words.extend(super::text::abbreviations().map(str::to_string));
    NewmmTokenizer::from_word_list(words)
});

/// The words of a text, in order; together they are the text (spaces are words of their own).
pub fn words(text: &str) -> Vec<String> {
    if text.is_empty() {
        return Vec::new();
    }
    // not nlpo3's safe mode: in 1.4.0 it repeats the text of a title over 120 characters
    // (the test of the real titles below); a title breaks at its spaces and numbers often enough without it
    TOKENIZER
        .segment(text, false, false)
        .unwrap_or_else(|_| vec![text.to_string()])
}

/// Loads the word list now rather than on the first search (about a tenth of a second).
pub fn warm() {
    LazyLock::force(&TOKENIZER);
}

#[cfg(test)]
mod tests {
    use super::words;

    #[test]
    fn a_title_is_cut_into_its_words_and_abbreviations_stay_whole() {
        assert_eq!(
            words("ก่อสร้างถนน คสล. สายบ้านร่องไฮ"),
            ["ก่อสร้าง", "ถนน", " ", "คสล.", " ", "สาย", "บ้าน", "ร่อง", "ไฮ"]
        );
        assert_eq!(
            words("ขยายเขตระบบประปาหมู่บ้าน หมู่ที่ ๓"),
            [
                "ขยาย",
                "เขต",
                "ระบบ",
                "ประปา",
                "หมู่บ้าน",
                " ",
                "หมู่",
                "ที่",
                " ",
                "๓"
            ]
        );
        assert!(words("").is_empty());
    }

    #[test]
    fn the_words_of_every_real_title_are_the_title() {
        let titles = include_str!("../../data/projects/budget2565_titles_sample.txt");
        for t in titles.lines() {
            assert_eq!(words(t).concat(), t);
        }
    }
}
