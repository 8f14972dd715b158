//! Language of an article: declared, or detected from its script and words.

use khabar_text::script::{script_counts, ScriptCounts};
use whatlang::{Detector, Lang};

/// ISO 639-1 code for the languages khabar names; ISO 639-3 for the rest.
fn code(lang: Lang) -> String {
    match lang {
        Lang::Hin => "hi",
        Lang::Mar => "mr",
        Lang::Nep => "ne",
        Lang::Eng => "en",
        Lang::Urd => "ur",
        Lang::Ben => "bn",
        Lang::Pan => "pa",
        Lang::Guj => "gu",
        Lang::Ara => "ar",
        Lang::Pes => "fa",
        Lang::Spa => "es",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Rus => "ru",
        other => return other.code().to_string(),
    }
    .to_string()
}

/// Normalise a declared language (`hi-IN`, `Hindi`, `HIN`) to khabar's code.
pub fn normalize_declared(s: &str) -> Option<String> {
    let t = s.trim().to_ascii_lowercase();
    let base = t.split(['-', '_']).next().unwrap_or("");
    let c = match base {
        "hi" | "hin" | "hindi" => "hi",
        "en" | "eng" | "english" => "en",
        "mr" | "mar" | "marathi" => "mr",
        "ne" | "nep" | "nepali" => "ne",
        "ur" | "urd" | "urdu" => "ur",
        "" => return None,
        other if other.len() <= 3 && other.chars().all(|c| c.is_ascii_alphabetic()) => other,
        _ => return None,
    };
    Some(c.to_string())
}

/// Detect the language of `text`. Devanagari text is told apart as Hindi, Marathi or Nepali;
/// Latin text defaults to English unless another language is clearly detected.
pub fn detect(text: &str) -> Option<String> {
    let sample: String = text.chars().take(4000).collect();
    let ScriptCounts {
        devanagari,
        latin,
        arabic,
        ..
    } = script_counts(&sample);
    if devanagari == 0 && latin == 0 && arabic == 0 {
        return None;
    }
    if devanagari >= latin && devanagari >= arabic {
        let d = Detector::with_allowlist(vec![Lang::Hin, Lang::Mar, Lang::Nep]);
        return Some(
            d.detect_lang(&sample)
                .map(code)
                .unwrap_or_else(|| "hi".to_string()),
        );
    }
    if arabic > latin {
        let d = Detector::with_allowlist(vec![Lang::Urd, Lang::Ara, Lang::Pes]);
        return Some(
            d.detect_lang(&sample)
                .map(code)
                .unwrap_or_else(|| "ur".to_string()),
        );
    }
    match whatlang::detect(&sample) {
        Some(info) if info.is_reliable() => Some(code(info.lang())),
        _ => Some("en".to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_our_languages() {
        assert_eq!(
            detect("प्रधानमंत्री ने आज संसद में कहा कि सरकार किसानों की आय दोगुनी करने के लिए काम कर रही है।")
                .as_deref(),
            Some("hi")
        );
        assert_eq!(detect("मुख्यमंत्र्यांनी आज सांगितले की राज्यातील शेतकऱ्यांना मदत दिली जाईल आणि त्यासाठी निधी उपलब्ध आहे.").as_deref(), Some("mr"));
        assert_eq!(
            detect("The prime minister said on Monday that the government would help farmers.")
                .as_deref(),
            Some("en")
        );
        assert_eq!(detect("1234 ..."), None);
    }

    #[test]
    fn declared_codes() {
        assert_eq!(normalize_declared("hi-IN").as_deref(), Some("hi"));
        assert_eq!(normalize_declared("Hindi").as_deref(), Some("hi"));
        assert_eq!(normalize_declared(""), None);
        assert_eq!(normalize_declared("not a language"), None);
    }
}
