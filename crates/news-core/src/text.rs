//! Text helpers shared by stages: offsets in the record contract are Unicode
//! code points (Python `str` indices), while Rust strings index by byte.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_code_points_not_bytes() {
        assert_eq!(char_len("abc"), 3);
        assert_eq!(char_len("héllo"), 5);
        assert_eq!(char_len("日本"), 2);
        assert_eq!(char_len("👍🏽"), 2);
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
