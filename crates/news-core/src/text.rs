//! Text helpers shared by stages: offsets in the record contract are Unicode
//! code points (Python `str` indices), while Rust strings index by byte; the
//! one definition of a text's letter case; calendar and time-zone words.

/// Number of code points in `s` (its length as Python counts it).
pub fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Converts byte offsets into code-point offsets in one forward pass.
///
/// Stages compute spans with byte offsets (what `str` and `regex` give) and
/// must publish code-point offsets; asking in increasing order keeps the whole
/// conversion linear in the text length.
pub struct CharOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharOffsets<'a> {
    pub fn new(text: &'a str) -> Self {
        CharOffsets {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// Code-point offset of byte offset `byte_offset`, which must be on a char
    /// boundary. Offsets asked in increasing order are cheapest; a smaller
    /// offset than the previous one restarts from the beginning.
    pub fn to_char(&mut self, byte_offset: usize) -> usize {
        assert!(
            self.text.is_char_boundary(byte_offset),
            "byte offset {byte_offset} is not on a char boundary"
        );
        if byte_offset < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += char_len(&self.text[self.byte..byte_offset]);
        self.byte = byte_offset;
        self.chars
    }
}

/// Converts code-point offsets into byte offsets in one forward pass (the
/// inverse of [`CharOffsets`]), for offsets read from the record contract.
pub struct ByteOffsets<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> ByteOffsets<'a> {
    pub fn new(text: &'a str) -> Self {
        ByteOffsets {
            text,
            byte: 0,
            chars: 0,
        }
    }

    /// Byte offset of code-point offset `char_offset`, or `None` past the end.
    /// Offsets asked in increasing order are cheapest; a smaller one restarts.
    pub fn to_byte(&mut self, char_offset: usize) -> Option<usize> {
        if char_offset < self.chars {
            self.byte = 0;
            self.chars = 0;
        }
        let skip = char_offset - self.chars;
        if skip == 0 {
            return Some(self.byte);
        }
        let mut iter = self.text[self.byte..].char_indices();
        let (i, c) = iter.nth(skip - 1)?;
        self.byte += i + c.len_utf8();
        self.chars = char_offset;
        Some(self.byte)
    }
}

/// The letter case of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// No capital letters (a lowercased dump): capitals are no evidence.
    Lower,
    /// No lowercase letters.
    Upper,
    /// Ordinary text.
    Mixed,
    /// No letters at all.
    None,
}

impl Case {
    /// The case named as in news-normalize's `normalize.case` field.
    pub fn from_name(name: &str) -> Option<Case> {
        Some(match name {
            "lower" => Case::Lower,
            "upper" => Case::Upper,
            "mixed" => Case::Mixed,
            "none" => Case::None,
            _ => return None,
        })
    }

    /// Capitals carry no evidence (a lowercased or all-capitals text).
    pub fn caseless(self) -> bool {
        matches!(self, Case::Lower | Case::Upper)
    }

    pub fn name(self) -> &'static str {
        match self {
            Case::Lower => "lower",
            Case::Upper => "upper",
            Case::Mixed => "mixed",
            Case::None => "none",
        }
    }

    /// The case of a text with `upper` uppercase and `lower` lowercase
    /// letters (as [`char::is_uppercase`] and [`char::is_lowercase`] say;
    /// no character is both). Counts of a text's parts add up, so a caller
    /// that counted by line gets [`detect_case`]'s answer for the whole.
    pub fn from_counts(upper: usize, lower: usize) -> Case {
        match (upper, lower) {
            (0, 0) => Case::None,
            (_, 0) => Case::Upper,
            (u, l) if u * 1000 <= l => Case::Lower,
            _ => Case::Mixed,
        }
    }
}

/// Detects the case of a text; a few stray capitals (an unlowered acronym in
/// a lowercased dump) still count as lowercase.
pub fn detect_case(text: &str) -> Case {
    let (upper, lower) = letter_counts(text);
    Case::from_counts(upper, lower)
}

/// The positions of a mask's set bits, lowest first.
struct BitPositions(u64);

impl Iterator for BitPositions {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let at = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(at)
    }
}

/// The uppercase and lowercase letters of a text, as [`detect_case`]
/// counts them.
pub fn letter_counts(text: &str) -> (usize, usize) {
    let (mut upper, mut lower) = (0usize, 0usize);
    let bytes = text.as_bytes();
    // ASCII letters are counted branch-free, 64 bytes at a time (the loop
    // vectorizes; other bytes never fall in their ranges). A block that
    // holds other characters is then searched for their lead bytes, and
    // each is decoded (a character may end past the block).
    // (a last, partial block is counted from a copy padded with zeros, which
    // are no letters and lead no character: the loop stays vectorized)
    let mut padded = [0u8; 64];
    for (k, block) in bytes.chunks(64).enumerate() {
        let block = if block.len() == 64 {
            block
        } else {
            padded[..block.len()].copy_from_slice(block);
            &padded[..]
        };
        let (mut u, mut l) = (0u8, 0u8);
        for &b in block {
            u += u8::from(b.wrapping_sub(b'A') < 26);
            l += u8::from(b.wrapping_sub(b'a') < 26);
        }
        upper += usize::from(u);
        lower += usize::from(l);
        if block.iter().fold(0u8, |acc, &b| acc | b) < 0x80 {
            continue;
        }
        // Lead bytes (0b11xxxxxx) eight at a time: the high bit of a byte
        // of `leads` is set for each.
        for (w, word) in block.chunks_exact(8).enumerate() {
            let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
            let leads = word & (word << 1) & crate::swar::HIGH_BITS;
            for at in BitPositions(leads) {
                let at = k * 64 + w * 8 + at / 8;
                // U+2000 to U+203F (spaces, dashes, quotes, daggers) have no
                // case: the curly quotes and dashes of news text end here
                if bytes[at] == 0xE2 && bytes.get(at + 1) == Some(&0x80) {
                    continue;
                }
                let c = text[at..].chars().next().expect("char boundary");
                if c.is_uppercase() {
                    upper += 1;
                } else if c.is_lowercase() {
                    lower += 1;
                }
            }
        }
    }
    (upper, lower)
}

/// A list of lowercase words, and a test for them (a `match`, which the
/// compiler makes a fast search), from one list.
macro_rules! word_list {
    ($(#[$doc:meta])* $list:ident, $test:ident, [$($word:literal),* $(,)?]) => {
        $(#[$doc])*
        pub const $list: &[&str] = &[$($word),*];

        $(#[$doc])*
        pub fn $test(w: &str) -> bool {
            matches!(w, $($word)|*)
        }
    };
}

word_list!(
    /// Month and weekday names and their abbreviations, lowercased.
    MONTHS_AND_WEEKDAYS,
    is_month_or_weekday,
    [
        "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june",
        "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
        "november", "dec", "december", "mon", "monday", "tue", "tues", "tuesday", "wed",
        "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday", "sun",
        "sunday",
    ]
);

word_list!(
    /// Time-zone abbreviations news writes after a time, lowercased.
    TIME_ZONES,
    is_time_zone,
    [
        "gmt", "utc", "et", "est", "edt", "ct", "cst", "cdt", "mt", "mst", "mdt", "pt", "pst",
        "pdt", "bst", "cet", "cest", "eet", "eest", "ist", "jst", "kst", "aest", "aedt", "hkt",
        "wib", "msk",
    ]
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_counts_agree_with_a_walk_over_the_characters() {
        let walk = |t: &str| {
            let upper = t.chars().filter(|c| c.is_uppercase()).count();
            let lower = t.chars().filter(|c| c.is_lowercase()).count();
            (upper, lower)
        };
        // Block edges inside multi-byte characters, mixed with ASCII runs.
        for piece in ["aÉb“c”", "ÉÉ ÖÖ", "é", "x", "Σ ", "plain ascii words here "] {
            for n in [1, 7, 31, 63, 64, 65, 200, 3000] {
                for prefix in ["", "a", "ab", "abc"] {
                    let t = format!("{prefix}{}", piece.repeat(n));
                    assert_eq!(letter_counts(&t), walk(&t), "{t}");
                    let (upper, lower) = walk(&t);
                    assert_eq!(detect_case(&t), Case::from_counts(upper, lower), "{t}");
                }
            }
        }
        let pieces = [
            "a", "B", " ", "É", "ß", "Ω", "ω", "’", "日本", "Ⓐ", "ǅ", "😀", "\u{1E9E}", "—",
            "\u{2071}",
        ];
        let mut text = String::new();
        for round in 0..300 {
            text.push_str(pieces[round * 7 % pieces.len()]);
            // every prefix: multi-byte characters land on every block edge
            assert_eq!(letter_counts(&text), walk(&text), "{text:?}");
        }
    }

    #[test]
    fn general_punctuation_from_u2000_to_u203f_has_no_case() {
        for c in '\u{2000}'..='\u{203F}' {
            let mut utf8 = [0; 4];
            assert_eq!(c.encode_utf8(&mut utf8).as_bytes()[..2], [0xE2, 0x80]);
            assert!(!c.is_uppercase() && !c.is_lowercase(), "{c:?}");
        }
        // the next block opens with E2 81 and holds a lowercase letter
        assert!('\u{2071}'.is_lowercase());
    }

    #[test]
    fn counts_code_points_not_bytes() {
        assert_eq!(char_len("abc"), 3);
        assert_eq!(char_len("héllo"), 5);
        assert_eq!(char_len("日本"), 2);
        assert_eq!(char_len("👍🏽"), 2);
    }

    #[test]
    fn converts_char_offsets_back_to_bytes() {
        let text = "a—b日c";
        let mut conv = ByteOffsets::new(text);
        assert_eq!(conv.to_byte(0), Some(0));
        assert_eq!(conv.to_byte(2), Some(4));
        assert_eq!(conv.to_byte(5), Some(text.len()));
        assert_eq!(conv.to_byte(6), None);
        assert_eq!(conv.to_byte(1), Some(1));
    }

    #[test]
    fn case_of_texts() {
        assert_eq!(detect_case("the dam held"), Case::Lower);
        assert_eq!(detect_case("THE DAM HELD"), Case::Upper);
        assert_eq!(detect_case("The dam held"), Case::Mixed);
        assert_eq!(detect_case("1, 2, 3"), Case::None);
        assert!(Case::Upper.caseless() && !Case::Mixed.caseless());
        assert_eq!(Case::from_name("lower"), Some(Case::Lower));
    }

    #[test]
    fn converts_byte_offsets_in_any_order() {
        let text = "a—b日c";
        let mut conv = CharOffsets::new(text);
        assert_eq!(conv.to_char(0), 0);
        assert_eq!(conv.to_char(1), 1);
        assert_eq!(conv.to_char(4), 2);
        assert_eq!(conv.to_char(text.len()), 5);
        assert_eq!(conv.to_char(4), 2);
    }
}
