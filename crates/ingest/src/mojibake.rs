//! Repair of double-decoded text: UTF-8 bytes that a crawler once read as a legacy single-byte
//! encoding and wrote out again as UTF-8. Devanagari suffers most, because every letter is three
//! bytes starting `E0 A4`/`E0 A5`: read as IBM866 they become `рд`/`ре` (`рдзрд╛рд░ред` = `धार।`), read
//! as windows-1252 they become `à¤`/`à¥`.

use encoding_rs::{Encoding, IBM866, WINDOWS_1252};

/// The two-character marks each encoding leaves for the first two bytes of a Devanagari letter.
const SIGNS: &[(&Encoding, [&str; 2])] = &[(IBM866, ["рд", "ре"]), (WINDOWS_1252, ["à¤", "à¥"])];

/// Repair one run of non-ASCII characters (a mis-decoded word: every byte of a UTF-8 Devanagari
/// letter is non-ASCII, so a broken word is a run of non-ASCII characters) when it carries the
/// marks of double decoding and its bytes re-read as UTF-8 are valid.
fn repair_run(run: &str) -> Option<String> {
    for (enc, signs) in SIGNS {
        if !signs.iter().any(|s| run.contains(s)) {
            continue;
        }
        let (bytes, _, unmappable) = enc.encode(run);
        if unmappable {
            continue;
        }
        if let Ok(s) = std::str::from_utf8(&bytes) {
            // Only accept when the repair gives Devanagari (not some other accident).
            if s.chars().any(|c| ('\u{0900}'..='\u{0963}').contains(&c)) {
                return Some(s.to_string());
            }
        }
    }
    None
}

/// Repair every double-decoded word of `text`; `None` when nothing needed repair.
pub fn repair(text: &str) -> Option<String> {
    if !SIGNS
        .iter()
        .any(|(_, s)| text.contains(s[0]) || text.contains(s[1]))
    {
        return None;
    }
    let mut changed = false;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest.find(|c: char| !c.is_ascii()).unwrap_or(rest.len());
        out.push_str(&rest[..ascii]);
        rest = &rest[ascii..];
        let run_len = rest.find(|c: char| c.is_ascii()).unwrap_or(rest.len());
        let run = &rest[..run_len];
        match repair_run(run) {
            Some(fixed) => {
                changed = true;
                out.push_str(&fixed);
            }
            None => out.push_str(run),
        }
        rest = &rest[run_len..];
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn break_with(enc: &'static Encoding, s: &str) -> String {
        enc.decode_without_bom_handling(s.as_bytes()).0.into_owned()
    }

    #[test]
    fn repairs_both_kinds() {
        let good = "किसानों के लिए नई योजना शुरू हुई।";
        for enc in [IBM866, WINDOWS_1252] {
            let bad = break_with(enc, good);
            assert_ne!(bad, good);
            assert_eq!(repair(&bad).as_deref(), Some(good), "{}", enc.name());
        }
    }

    #[test]
    fn leaves_good_text_alone() {
        assert_eq!(repair("सब ठीक है। Все хорошо, правда."), None);
        assert_eq!(repair("plain English"), None);
        // Real Russian with the letters р and д next to each other is not repaired.
        assert_eq!(repair("Гордость города: трд, ред."), None);
        assert_eq!(repair("По сведениям редакции"), None);
        assert_eq!(repair("ред"), None);
    }

    #[test]
    fn repairs_words_inside_a_clean_line() {
        let name = "रेनू तिवारी";
        let bad = format!(
            "By {} | Publish Date: Jul 24 2019",
            break_with(IBM866, name)
        );
        assert_eq!(
            repair(&bad).as_deref(),
            Some(format!("By {name} | Publish Date: Jul 24 2019").as_str())
        );
    }

    #[test]
    fn repairs_line_by_line() {
        let good = "धार। कृषि विज्ञान केन्द्र";
        let bad = format!("{}\nसही पंक्ति", break_with(IBM866, good));
        assert_eq!(
            repair(&bad).as_deref(),
            Some(format!("{good}\nसही पंक्ति").as_str())
        );
    }
}
