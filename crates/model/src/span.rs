use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into an article's clean text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The text this span covers, or `None` when it does not fall on character
    /// boundaries of `text` (never panics).
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start..self.end)
    }

    /// Shift by `offset` bytes (used when a span was found in a sub-slice).
    pub fn offset(&self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }

    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_respects_char_boundaries() {
        let text = "पुतिन ने कहा";
        let s = Span::new(0, "पुतिन".len());
        assert_eq!(s.slice(text), Some("पुतिन"));
        assert_eq!(Span::new(1, 4).slice(text), None);
        assert_eq!(Span::new(0, 10_000).slice(text), None);
    }

    #[test]
    fn new_never_inverts() {
        let s = Span::new(5, 2);
        assert!(s.is_empty());
        assert_eq!(s.len(), 0);
    }

    #[test]
    fn overlap_and_containment() {
        let a = Span::new(0, 10);
        let b = Span::new(5, 15);
        let c = Span::new(10, 12);
        assert!(a.overlaps(&b));
        assert!(!a.overlaps(&c));
        assert!(a.contains(&Span::new(2, 3)));
        assert!(!a.contains(&b));
        assert_eq!(c.offset(3), Span::new(13, 15));
    }
}
