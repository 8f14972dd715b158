//! Line-level decisions shared by every source: is this line page furniture, a caption, a credit?
//!
//! Decisions come from line shape (length in words, script, punctuation) and the word lists in
//! `lexicons/`, never from the exact strings of any one page.

use crate::lexicon::LEX;
use khabar_text::script::{self, Script};

/// Words in a line, by Unicode segmentation (so Hindi is counted fairly).
pub fn word_count(line: &str) -> usize {
    khabar_text::segment::word_iter(line).count()
}

/// `word_count(line) > n`, counting no further than the word after the `n`th.
pub fn more_words_than(line: &str, n: usize) -> bool {
    khabar_text::segment::word_iter(line).nth(n).is_some()
}

/// True when the line ends like a sentence (`।`, `.`, `?`, `!`, or one of those before a quote).
pub fn ends_like_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | '»')
    });
    t.ends_with(['।', '॥', '.', '?', '!'])
}

/// True when the line ends cut short: an ellipsis (`...`, `..`, `…`), as the teasers of related
/// headlines do. Such a line ends with full stops but is not a finished sentence.
pub fn ends_truncated(line: &str) -> bool {
    let t = line.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | '»')
    });
    t.ends_with('…') || t.ends_with("..")
}

/// Page furniture: cookie notices, app and channel promotions, read-also links, share bars and
/// other short lines made of interface words.
pub fn is_boilerplate_line(line: &str) -> bool {
    is_boilerplate_counted(line, word_count(line))
}

/// [`is_boilerplate_line`] of a line of `words` words.
pub(crate) fn is_boilerplate_counted(line: &str, words: usize) -> bool {
    if words == 0 {
        return !line.trim().is_empty() && line.chars().all(|c| !c.is_alphanumeric());
    }
    let lower = line.to_lowercase();
    let hits = LEX.boilerplate.find_iter(&lower).count();
    if hits >= 2 || (hits == 1 && words <= 60) {
        return true;
    }
    is_ui_line(&lower, words)
}

/// A short line mostly made of interface words (`Share`, `WhatsApp`, `Google plus`, `विज्ञापन`).
fn is_ui_line(lower: &str, words: usize) -> bool {
    if words > 8 {
        return false;
    }
    let tokens: Vec<&str> = khabar_text::words(lower).iter().map(|t| t.text).collect();
    let mut ui = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        // Two-word entries first ("google plus", "sign in").
        if i + 1 < tokens.len() {
            let pair = format!("{} {}", tokens[i], tokens[i + 1]);
            if LEX.ui_words.contains(&pair) {
                ui += 2;
                i += 2;
                continue;
            }
        }
        if LEX.ui_words.iter().any(|w| w == tokens[i]) {
            ui += 1;
        }
        i += 1;
    }
    ui > 0 && (ui * 3 >= words || words <= 2)
}

/// A short line that names itself a photo caption (`फाइल फोटो`, `(File photo)`, `(L)`).
pub fn is_caption_line(line: &str) -> bool {
    !more_words_than(line, 25) && LEX.captions.is_match(&line.to_lowercase())
}

/// An image credit (`IMAGE SOURCE: …`, `फोटो: …`).
pub fn is_credit_line(line: &str) -> bool {
    if more_words_than(line, 10) {
        return false;
    }
    let lower = line.trim().to_lowercase();
    LEX.credit_prefixes
        .iter()
        .any(|p| lower.starts_with(p.as_str()))
}

/// A line that holds only an author-block label (`लेखक`, `About the author`).
pub fn is_author_label(line: &str) -> bool {
    let t = line.trim().trim_end_matches([':', '-', '–', '—']).trim();
    // Lower-casing never makes a text shorter in characters: a longer line is no label.
    if t.chars().nth(LEX.author_label_chars).is_some() {
        return false;
    }
    LEX.author_labels.contains(&t.to_lowercase())
}

/// The script most letters of `text` are written in.
pub fn dominant_script(text: &str) -> Option<Script> {
    script::dominant_script(text)
}

/// True when `line` is written (by its letters) in a script other than `doc_script`.
pub fn is_foreign_script(line: &str, doc_script: Option<Script>) -> bool {
    match (script::dominant_script(line), doc_script) {
        (Some(s), Some(d)) => s != Script::Other && d != Script::Other && s != d,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_is_recognised() {
        for l in [
            "This site uses cookies to improve your experience. By continuing you accept our Privacy Policy.",
            "Download the app for the latest news",
            "ये भी पढ़ें: सरकार ने नया नियम बनाया",
            "Google plus",
            "Share",
            "Facebook Twitter WhatsApp Email",
            "हमारे टेलीग्राम चैनल से जुड़ें",
            "विज्ञापन",
            "•••",
        ] {
            assert!(is_boilerplate_line(l), "{l}");
        }
    }

    #[test]
    fn body_text_is_kept() {
        for l in [
            "प्रधानमंत्री ने कहा कि सरकार किसानों की मदद करेगी।",
            "The minister said the share of renewable energy rose to 40 percent last year, and that the app for farmers would launch soon.",
            "उन्होंने लोगों से शांति बनाए रखने की अपील की।",
            "भारत ने जीता मैच",
        ] {
            assert!(!is_boilerplate_line(l), "{l}");
        }
    }

    #[test]
    fn captions_and_credits() {
        assert!(is_caption_line("प्रधानमंत्री नरेंद्र मोदी की फाइल फोटो"));
        assert!(is_caption_line("Protesters in the capital (File photo)"));
        assert!(!is_caption_line("पुलिस ने 20 लोगों को गिरफ्तार किया।"));
        assert!(is_credit_line("IMAGE SOURCE: REUTERS"));
        assert!(is_credit_line("फोटो: पीटीआई"));
        assert!(!is_credit_line(
            "Source: the minister told reporters that the figure would rise further this year"
        ));
    }

    #[test]
    fn author_labels() {
        assert!(is_author_label("लेखक"));
        assert!(is_author_label("About the author:"));
        assert!(!is_author_label("लेखक ने कहा"));
    }

    proptest::proptest! {
        #[test]
        fn more_words_than_counts_like_word_count(
            words in proptest::collection::vec("[a-z]{1,3}|हिंदी|।|,|  |१२|—", 0..40),
            n in 0usize..45,
        ) {
            let line = words.join(" ");
            proptest::prop_assert_eq!(more_words_than(&line, n), word_count(&line) > n);
            proptest::prop_assert_eq!(word_count(&line), khabar_text::words(&line).len());
        }
    }

    #[test]
    fn sentence_endings() {
        assert!(ends_like_sentence("यह सच है।"));
        assert!(ends_like_sentence("He said \"no.\""));
        assert!(!ends_like_sentence("मुख्य खबरें"));
    }
}
