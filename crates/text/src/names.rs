//! Name keys across spellings and scripts.

/// A key that two spellings of one name share (placeholder: the search key of the name).
pub fn name_key(name: &str) -> String {
    crate::normalize::search_key(name)
}

/// How alike two names are, 0 to 1.
pub fn name_similarity(a: &str, b: &str) -> f32 {
    if name_key(a) == name_key(b) {
        1.0
    } else {
        0.0
    }
}
