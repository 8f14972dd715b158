//! Reading CoNLL files: `token<TAB>…<TAB>tag` lines, a blank line between sentences, BIO tags.
//!
//! Broken tags are cleaned on load: a bare `-` becomes `O`; `-X` (a lost prefix) becomes `I-X`
//! when it continues a mention of type `X`, else `B-X`; anything else that is not `O`, `B-X` or
//! `I-X` becomes `O`.

/// One labelled sentence: tokens and their BIO tags (`O`, `B-TYPE`, `I-TYPE`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<String>,
}

/// The type of a BIO tag (`B-NEP` → `NEP`), `None` for `O`.
pub fn tag_type(tag: &str) -> Option<&str> {
    tag.strip_prefix("B-").or_else(|| tag.strip_prefix("I-"))
}

fn clean_tag(tag: &str, prev: &str) -> String {
    if tag == "O" {
        return "O".to_string();
    }
    if let Some(t) = tag_type(tag) {
        if !t.is_empty() {
            return tag.to_string();
        }
        return "O".to_string();
    }
    if let Some(t) = tag.strip_prefix('-') {
        if t.is_empty() || t.contains(char::is_whitespace) {
            return "O".to_string();
        }
        return if tag_type(prev) == Some(t) {
            format!("I-{t}")
        } else {
            format!("B-{t}")
        };
    }
    "O".to_string()
}

/// Reads CoNLL text. Lines starting with `-DOCSTART-` are skipped; a line with a single column
/// is a token tagged `O`.
pub fn read_conll(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur = Sentence {
        tokens: Vec::new(),
        tags: Vec::new(),
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.tokens.is_empty() {
                out.push(std::mem::replace(
                    &mut cur,
                    Sentence {
                        tokens: Vec::new(),
                        tags: Vec::new(),
                    },
                ));
            }
            continue;
        }
        if line.starts_with("-DOCSTART-") {
            continue;
        }
        let mut cols = line.split(['\t', ' ']).filter(|c| !c.is_empty());
        let Some(token) = cols.next() else { continue };
        let raw_tag = cols.next_back().unwrap_or("O");
        let prev = cur.tags.last().map(String::as_str).unwrap_or("O");
        let tag = clean_tag(raw_tag, prev);
        cur.tokens.push(token.to_string());
        cur.tags.push(tag);
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_cleans() {
        let text = "राम\tB-NEP\nकुमार\t-NEP\nने\t-\nदिल्ली\t-NEL\n\n\nकल\tB-NETI\nx\tweird\n";
        let s = read_conll(text);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].tokens, vec!["राम", "कुमार", "ने", "दिल्ली"]);
        assert_eq!(s[0].tags, vec!["B-NEP", "I-NEP", "O", "B-NEL"]);
        assert_eq!(s[1].tags, vec!["B-NETI", "O"]);
    }

    #[test]
    fn empty_input() {
        assert!(read_conll("").is_empty());
        assert!(read_conll("\n\n\n").is_empty());
    }
}
