//! Which script a text is written in.

/// The scripts the engine tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Devanagari,
    Latin,
    Arabic,
    Other,
}

/// The script of one letter; `None` for digits, punctuation, spaces, symbols and marks that
/// belong to no script in particular.
pub fn script_of(c: char) -> Option<Script> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    match c {
        // Devanagari letters and signs (not dandas, digits, abbreviation sign), extensions
        '\u{0900}'..='\u{0963}'
        | '\u{0971}'..='\u{097F}'
        | '\u{A8E0}'..='\u{A8FF}'
        | '\u{1CD0}'..='\u{1CFF}' => Some(Script::Devanagari),
        '\u{0964}'..='\u{0970}' => None,
        // Arabic and its supplements and presentation forms, except digits and punctuation
        '\u{0660}'..='\u{0669}'
        | '\u{06F0}'..='\u{06F9}'
        | '\u{060C}'
        | '\u{061B}'
        | '\u{061F}'
        | '\u{06D4}' => None,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}' => c.is_alphabetic().then_some(Script::Arabic).or_else(|| {
            unicode_normalization::char::is_combining_mark(c).then_some(Script::Arabic)
        }),
        // Latin-1 letters, Latin Extended A/B, IPA, Latin Extended Additional/C/D/E, fullwidth
        '\u{00C0}'..='\u{024F}'
        | '\u{0250}'..='\u{02AF}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{2C60}'..='\u{2C7F}'
        | '\u{A720}'..='\u{A7FF}'
        | '\u{AB30}'..='\u{AB6F}'
        | '\u{FF21}'..='\u{FF3A}'
        | '\u{FF41}'..='\u{FF5A}' => c.is_alphabetic().then_some(Script::Latin),
        _ => c.is_alphabetic().then_some(Script::Other),
    }
}

/// How many letters of each script a text has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    pub devanagari: usize,
    pub latin: usize,
    pub arabic: usize,
    pub other: usize,
}

impl ScriptCounts {
    /// All letters counted.
    pub fn total(&self) -> usize {
        self.devanagari + self.latin + self.arabic + self.other
    }

    /// Counts one character of script `s` (nothing for `None`).
    fn add(&mut self, s: Option<Script>) {
        match s {
            Some(Script::Devanagari) => self.devanagari += 1,
            Some(Script::Latin) => self.latin += 1,
            Some(Script::Arabic) => self.arabic += 1,
            Some(Script::Other) => self.other += 1,
            None => {}
        }
    }

    /// Letters of one script.
    pub fn get(&self, script: Script) -> usize {
        match script {
            Script::Devanagari => self.devanagari,
            Script::Latin => self.latin,
            Script::Arabic => self.arabic,
            Script::Other => self.other,
        }
    }

    /// Share (0 to 1) of one script among all letters; 0 when there are none.
    pub fn share(&self, script: Script) -> f32 {
        match self.total() {
            0 => 0.0,
            t => self.get(script) as f32 / t as f32,
        }
    }

    /// The script with the most letters (ties go to Devanagari, then Latin, then Arabic), or
    /// `None` when there are no letters.
    pub fn dominant(&self) -> Option<Script> {
        if self.total() == 0 {
            return None;
        }
        [
            Script::Devanagari,
            Script::Latin,
            Script::Arabic,
            Script::Other,
        ]
        .into_iter()
        .rev()
        .max_by_key(|&s| self.get(s))
    }
}

/// Count the letters of each script in `text`. ASCII and the Devanagari block (`E0 A4 xx`,
/// `E0 A5 xx` in UTF-8), nearly every character of an article, are classed from their bytes;
/// other characters by [`script_of`].
pub fn script_counts(text: &str) -> ScriptCounts {
    let mut counts = ScriptCounts::default();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            counts.latin += usize::from(x.is_ascii_alphabetic());
            i += 1;
            continue;
        }
        if x == 0xE0 && matches!(b.get(i + 1), Some(0xA4 | 0xA5)) {
            if let Some(&z) = b.get(i + 2) {
                // U+0900 + the low bits: letters and signs but the dandas, digits and
                // abbreviation sign (U+0964 to U+0970), as in `script_of`.
                let cp = 0x0900 + (u32::from(b[i + 1] & 0x01) << 6) + u32::from(z & 0x3F);
                counts.devanagari += usize::from(!(0x0964..=0x0970).contains(&cp));
                i += 3;
                continue;
            }
        }
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else {
            break;
        };
        i += c.len_utf8();
        counts.add(script_of(c));
    }
    counts
}

/// The script most letters of `text` are written in; `None` for a text without letters.
pub fn dominant_script(text: &str) -> Option<Script> {
    script_counts(text).dominant()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn counts_letters_by_script() {
        let c = script_counts("भारत India 2024। ریاست Россия");
        assert_eq!(c.devanagari, 4);
        assert_eq!(c.latin, 5);
        assert_eq!(c.arabic, 5);
        assert_eq!(c.other, 6);
        assert_eq!(
            dominant_script("Serena Williams ने हराने के बाद गुस्से में कहा"),
            Some(Script::Devanagari)
        );
        assert_eq!(
            dominant_script("Reuters reported on Monday"),
            Some(Script::Latin)
        );
        assert_eq!(dominant_script("१२३ ... 42"), None);
        assert_eq!(dominant_script(""), None);
        assert_eq!(script_of('्'), Some(Script::Devanagari));
        assert_eq!(script_of('।'), None);
        assert_eq!(script_of('é'), Some(Script::Latin));
    }

    #[test]
    fn ties_prefer_devanagari() {
        assert_eq!(dominant_script("ab कख"), Some(Script::Devanagari));
        let c = script_counts("ab कख");
        assert!((c.share(Script::Latin) - 0.5).abs() < 1e-6);
    }

    proptest! {
        #[test]
        fn total_never_exceeds_chars(s in any::<String>()) {
            let c = script_counts(&s);
            prop_assert!(c.total() <= s.chars().count());
            prop_assert_eq!(c.dominant().is_none(), c.total() == 0);
        }

        /// The byte-level count equals the count of each character's `script_of`.
        #[test]
        fn counts_equal_the_counts_of_script_of(
            s in "([\u{0900}-\u{097F}a-zA-Z0-9 .,।é\u{0600}-\u{06FF}Ж]|\\PC){0,40}"
        ) {
            let mut want = ScriptCounts::default();
            for c in s.chars() {
                want.add(script_of(c));
            }
            prop_assert_eq!(script_counts(&s), want);
        }
    }
}
