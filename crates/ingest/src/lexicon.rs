//! The word lists of `lexicons/`, parsed once.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use std::sync::LazyLock;

fn entries(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn matcher(patterns: &[String]) -> AhoCorasick {
    // The patterns are the compiled-in lists, not input: a failure here is a bug in a list file
    // (caught by the tests below), so it is fine to stop.
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .expect("compiled-in lexicon builds")
}

fn lower_list(src: &str) -> Vec<String> {
    entries(src).map(|e| e.to_lowercase()).collect()
}

pub struct Lexicons {
    pub boilerplate: AhoCorasick,
    pub ui_words: Vec<String>,
    pub captions: AhoCorasick,
    pub credit_prefixes: Vec<String>,
    pub byline_markers: Vec<(Role, String)>,
    /// (canonical English name, spelling) pairs.
    pub agencies: Vec<(String, String)>,
    pub author_labels: Vec<String>,
    /// Characters in the longest author label (a longer line is none).
    pub author_label_chars: usize,
    /// Lower-cased spellings of the desk words (`correspondent`, `bureau` in `agencies.txt`).
    pub desks: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Author,
    Editor,
    Published,
    Updated,
}

pub static LEX: LazyLock<Lexicons> = LazyLock::new(|| {
    let boilerplate = lower_list(include_str!("../lexicons/boilerplate_phrases.txt"));
    let captions = lower_list(include_str!("../lexicons/caption_markers.txt"));
    let mut byline_markers: Vec<(Role, String)> =
        entries(include_str!("../lexicons/byline_markers.txt"))
            .filter_map(|l| {
                let (role, marker) = l.split_once('\t')?;
                let role = match role {
                    "author" => Role::Author,
                    "editor" => Role::Editor,
                    "published" => Role::Published,
                    "updated" => Role::Updated,
                    _ => return None,
                };
                Some((role, marker.to_lowercase()))
            })
            .collect();
    // Longest first, so that "last updated" wins over "updated".
    byline_markers.sort_by_key(|m| std::cmp::Reverse(m.1.len()));
    let agencies: Vec<(String, String)> = entries(include_str!("../lexicons/agencies.txt"))
        .flat_map(|l| {
            let mut parts = l.split('|').map(str::trim);
            let canon = parts.next().unwrap_or_default().to_string();
            let mut v: Vec<(String, String)> = vec![(canon.clone(), canon.clone())];
            v.extend(parts.map(|p| (canon.clone(), p.to_string())));
            v
        })
        .collect();
    let author_labels = lower_list(include_str!("../lexicons/author_labels.txt"));
    let author_label_chars = author_labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0);
    let desks = agencies
        .iter()
        .filter(|(canon, _)| canon == "correspondent" || canon == "bureau")
        .map(|(_, spelling)| spelling.to_lowercase())
        .collect();
    Lexicons {
        boilerplate: matcher(&boilerplate),
        ui_words: lower_list(include_str!("../lexicons/ui_words.txt")),
        captions: matcher(&captions),
        credit_prefixes: lower_list(include_str!("../lexicons/credit_prefixes.txt")),
        byline_markers,
        agencies,
        author_labels,
        author_label_chars,
        desks,
    }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load() {
        assert!(LEX.ui_words.iter().any(|w| w == "whatsapp"));
        assert!(LEX
            .byline_markers
            .iter()
            .any(|(r, m)| *r == Role::Editor && m == "edited by"));
        // Longest markers come first.
        let pos = |m: &str| LEX.byline_markers.iter().position(|(_, x)| x == m);
        assert!(pos("last updated") < pos("updated"));
        assert!(LEX
            .agencies
            .iter()
            .any(|(c, s)| c == "Reuters" && s == "रायटर"));
        assert!(LEX.boilerplate.is_match("this site uses cookies"));
    }
}
