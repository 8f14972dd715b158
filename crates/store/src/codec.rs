//! How the store's large values are kept (issue #17, SQLite schema 9, PostgreSQL schema 3).
//!
//! The analyses, the stream records (`story_features`), the stories and the article texts are
//! written as zstd frames of the same UTF-8 (JSON or text) the store wrote before: the JSON
//! compresses about fivefold, and the store of a year of news (millions of articles) shrinks with
//! it. Values shorter than [`PACK_FROM`] bytes stay plain text (a frame would not pay for itself).
//!
//! Reading takes both encodings, told apart by the zstd frame's magic number (no UTF-8 string
//! starts with it: 0xB5 cannot follow the ASCII byte 0x28): a store written before schema 9 keeps its plain rows and
//! reads them as before, a row rewritten since is packed. A cell of either type (SQLite TEXT or
//! BLOB, PostgreSQL BYTEA holding plain UTF-8 after the migration) gives back the very string
//! that was written.

use std::io;

/// The first four bytes of every zstd frame (RFC 8878, 3.1.1).
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xB5, 0x2F, 0xFD];

/// Values shorter than this stay plain text.
pub(crate) const PACK_FROM: usize = 256;

/// zstd level: 3 is zstd's default, fast to write (≈ 0.1 ms for an analysis) and as fast to
/// read as any level.
const LEVEL: i32 = 3;

/// A value as it is written: plain text when short, else a zstd frame.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Packed<'a> {
    Plain(&'a str),
    Frame(Vec<u8>),
}

/// Packs `s` for writing.
pub(crate) fn pack(s: &str) -> io::Result<Packed<'_>> {
    if s.len() < PACK_FROM {
        return Ok(Packed::Plain(s));
    }
    zstd::bulk::compress(s.as_bytes(), LEVEL).map(Packed::Frame)
}

/// Is this a zstd frame (as written by [`pack`])?
pub(crate) fn is_frame(bytes: &[u8]) -> bool {
    bytes.starts_with(&ZSTD_MAGIC)
}

/// The string a stored value holds: a zstd frame unpacked, anything else read as UTF-8.
pub(crate) fn unpack(bytes: Vec<u8>) -> Result<String, String> {
    let bytes = if is_frame(&bytes) {
        zstd::stream::decode_all(bytes.as_slice())
            .map_err(|e| format!("a damaged zstd frame of {} bytes: {e}", bytes.len()))?
    } else {
        bytes
    };
    String::from_utf8(bytes).map_err(|e| format!("not UTF-8: {}", e.utf8_error()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn short_values_stay_plain_long_ones_are_frames() {
        assert_eq!(pack("{}").unwrap(), Packed::Plain("{}"));
        let long = "{\"terms\":[1,2,3]}".repeat(40);
        let Packed::Frame(f) = pack(&long).unwrap() else {
            panic!("a long value is packed")
        };
        assert!(is_frame(&f));
        assert!(f.len() < long.len() / 4, "{} of {}", f.len(), long.len());
        assert_eq!(unpack(f).unwrap(), long);
    }

    #[test]
    fn plain_utf8_reads_as_it_was_written() {
        let old = "{\"text\":\"बाढ़ से 20 लोगों की मौत\"}".to_string();
        assert_eq!(unpack(old.clone().into_bytes()).unwrap(), old);
    }

    #[test]
    fn damaged_frames_and_bad_utf8_are_errors() {
        let long = "बाढ़ ".repeat(100);
        let Packed::Frame(mut f) = pack(&long).unwrap() else {
            panic!("a long value is packed")
        };
        f.truncate(f.len() / 2);
        assert!(unpack(f).unwrap_err().contains("damaged"));
        assert!(unpack(vec![0xff, 0xfe]).unwrap_err().contains("UTF-8"));
    }

    proptest! {
        #[test]
        fn pack_then_unpack_gives_the_string_back(s in "\\PC{0,600}") {
            let back = match pack(&s).unwrap() {
                Packed::Plain(p) => p.to_string(),
                Packed::Frame(f) => unpack(f).unwrap(),
            };
            prop_assert_eq!(back, s);
        }

        #[test]
        fn the_same_string_packs_to_the_same_bytes(s in "\\PC{256,400}") {
            prop_assert_eq!(pack(&s).unwrap(), pack(&s).unwrap());
        }
    }
}
