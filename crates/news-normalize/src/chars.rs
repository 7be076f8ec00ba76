//! Unicode and whitespace clean-up.
//!
//! After this step the text is in NFC (or NFKC), has no control or invisible
//! format characters, uses `\n` line ends, a plain space for every kind of
//! space, single spaces inside lines, no spaces at line ends or starts, and at
//! most one blank line in a row.

use news_core::swar;
use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, is_nfkc_quick, IsNormalized, UnicodeNormalization};

/// Counts of what [`clean_chars`] changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CharFixes {
    /// Control and invisible format characters removed.
    pub invisible: usize,
    /// Non-breaking and other special spaces made plain.
    pub spaces: usize,
}

/// Unicode normalization form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Form {
    #[default]
    Nfc,
    Nfkc,
}

fn normalize_form(text: &str, form: Form) -> Cow<'_, str> {
    match form {
        Form::Nfc => {
            // Characters below U+0300 are all NFC and start no combining
            // sequence: leaving them out of the quick check can only turn a
            // "yes" into a "maybe", never the other way.
            if text.is_ascii() || is_nfc_quick(chars_from_u300(text)) == IsNormalized::Yes {
                Cow::Borrowed(text)
            } else {
                Cow::Owned(text.nfc().collect())
            }
        }
        Form::Nfkc => {
            if text.is_ascii() || is_nfkc_quick(text.chars()) == IsNormalized::Yes {
                Cow::Borrowed(text)
            } else {
                Cow::Owned(text.nfkc().collect())
            }
        }
    }
}

/// The characters of `text` from U+0300 up, found by their lead bytes,
/// but for the dashes, quotes and other punctuation of U+2010 to U+203F
/// (frequent in news text), which are NFC and start no combining sequence
/// either: leaving them out of the quick check is as safe as leaving out
/// the characters below U+0300.
fn chars_from_u300(text: &str) -> impl Iterator<Item = char> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || loop {
        // lead bytes of U+0300 and up; continuation bytes are all below
        let at = i + position_from_0xcc(&bytes[i..])?;
        if let [0xE2, 0x80, 0x90..=0xBF, ..] = bytes[at..] {
            i = at + 3;
            continue;
        }
        let c = text[at..].chars().next().expect("char boundary");
        i = at + c.len_utf8();
        return Some(c);
    })
}

/// The first byte of 0xCC or more: 32-byte blocks without one are passed
/// over by a test the compiler vectorizes.
fn position_from_0xcc(bytes: &[u8]) -> Option<usize> {
    let mut start = 0;
    while let Some(block) = bytes.get(start..start + 32) {
        if block.iter().fold(false, |found, &b| found | (b >= 0xCC)) {
            break;
        }
        start += 32;
    }
    Some(start + bytes[start..].iter().position(|&b| b >= 0xCC)?)
}

/// Whether [`clean_chars`] leaves a normalized text as it is: no character
/// it drops or replaces, no space or line break at either end, no space
/// beside another or beside a line break, no run of three line breaks.
/// Conservative (a rare character it would keep can still say no), and
/// most texts pass it in a few fast scans.
fn is_clean(text: &str) -> bool {
    let b = text.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return true;
    };
    if matches!(first, b' ' | b'\n') || matches!(last, b' ' | b'\n') {
        return false;
    }
    // (a short text, a title say, is cheaper to walk once than to search
    // five times)
    if b.len() < SHORT_TEXT {
        is_clean_walk(b)
    } else {
        is_clean_search(b)
    }
}

/// Below this many bytes, [`is_clean`] walks the text byte by byte.
const SHORT_TEXT: usize = 256;

/// [`is_clean`] of a text that neither starts nor ends with a space or a
/// line break, in one walk over its bytes.
fn is_clean_walk(b: &[u8]) -> bool {
    // the two bytes before `c`
    let (mut before, mut prev) = (0u8, 0u8);
    for (i, &c) in b.iter().enumerate() {
        let clean = match c {
            b' ' => !matches!(prev, b' ' | b'\n'),
            b'\n' => prev != b' ' && (prev, before) != (b'\n', b'\n'),
            0..0x20 | 0x7F => false,
            0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF => special_char_clean(b, i),
            _ => true,
        };
        if !clean {
            return false;
        }
        (before, prev) = (prev, c);
    }
    true
}

/// [`is_clean`] of a text that neither starts nor ends with a space or a
/// line break, by vectorized searches (for long texts).
fn is_clean_search(b: &[u8]) -> bool {
    // No space beside a space or a line break, no three line breaks in a
    // row, and no control byte: one pass over each byte and the two after
    // it, which the compiler vectorizes. (The last two bytes open no fault:
    // the text ends in neither a space nor a line break.)
    let control = |c: u8| (c < 0x20 && c != b'\n') | (c == 0x7F);
    let n = b.len();
    if n < 3 {
        return is_clean_walk(b);
    }
    let fault =
        b[..n - 2]
            .iter()
            .zip(&b[1..n - 1])
            .zip(&b[2..])
            .fold(false, |fault, ((&x, &y), &z)| {
                let (x_space, x_break) = (x == b' ', x == b'\n');
                let (y_space, y_break) = (y == b' ', y == b'\n');
                fault
                    | (x_space & (y_space | y_break))
                    | (x_break & y_space)
                    | (x_break & y_break & (z == b'\n'))
                    | control(x)
            });
    if fault || control(b[n - 2]) || control(b[n - 1]) {
        return false;
    }
    // No lead byte of a character that the pass drops or replaces (each
    // found by memchr).
    let leads =
        memchr::memchr3_iter(0xC2, 0xE2, 0xEF, b).chain(memchr::memchr2_iter(0xE1, 0xE3, b));
    leads.into_iter().all(|i| special_char_clean(b, i))
}

/// Whether the character whose lead byte is `b[i]` (0xC2, 0xE1, 0xE2, 0xE3
/// or 0xEF) stays as it is in clean text (valid UTF-8: the continuation
/// bytes follow).
fn special_char_clean(b: &[u8], i: usize) -> bool {
    match b[i] {
        // C1 controls, NEL, no-break space, soft hyphen
        0xC2 => !matches!(b[i + 1], 0x80..=0xA0 | 0xAD),
        // U+1680, U+180E
        0xE1 => !matches!((b[i + 1], b[i + 2]), (0x9A, 0x80) | (0xA0, 0x8E)),
        // U+2000..U+200F, U+2028..U+202F, U+205F..U+206F
        0xE2 => !matches!(
            (b[i + 1], b[i + 2]),
            (0x80, 0x80..=0x8F | 0xA8..=0xAF) | (0x81, 0x9F..=0xAF)
        ),
        // U+3000
        0xE3 => (b[i + 1], b[i + 2]) != (0x80, 0x80),
        // U+FEFF
        0xEF => (b[i + 1], b[i + 2]) != (0xBB, 0xBF),
        _ => true,
    }
}

/// What a character becomes in clean text.
enum Class {
    Keep,
    Space,
    Newline,
    Drop,
}

fn classify(c: char) -> Class {
    match c {
        ' ' => Class::Keep,
        '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Class::Newline,
        '\t' => Class::Space,
        // Invisible format characters: soft hyphen, zero-width space, word
        // joiner, BOM, directional marks and embeddings. ZWJ and ZWNJ are
        // kept: they change how emoji and Persian or Indic words render.
        '\u{AD}'
        | '\u{200B}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{180E}' => Class::Drop,
        c if c.is_control() => Class::Drop,
        // Every other Unicode space separator (Zs).
        '\u{A0}' | '\u{1680}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
            Class::Space
        }
        _ => Class::Keep,
    }
}

/// Cleans characters and whitespace; see the module docs for the promise.
/// A text that is clean already comes back borrowed.
pub fn clean_chars(text: &str, form: Form) -> (Cow<'_, str>, CharFixes) {
    // Line ends first, so "\r\n" is one break and "\r" alone is one too.
    if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        let unified = text.replace("\r\n", "\n").replace('\r', "\n");
        let (clean, fixes) = clean_unified(&unified, form);
        return (Cow::Owned(clean.into_owned()), fixes);
    }
    clean_unified(text, form)
}

/// [`clean_chars`] of a text with `\n` line ends only.
fn clean_unified(text: &str, form: Form) -> (Cow<'_, str>, CharFixes) {
    let mut fixes = CharFixes::default();
    let normalized = normalize_form(text, form);
    if is_clean(&normalized) {
        return (normalized, fixes);
    }
    let mut out = String::with_capacity(normalized.len());
    let mut pending_space = false;
    let mut newlines = 0usize; // newlines seen since the last kept character
    let mut rest: &str = &normalized;
    while !rest.is_empty() {
        // Copy a run of plain printable ASCII in one go, single spaces
        // between printable characters included (they stay as they are).
        let run = plain_run(rest.as_bytes());
        if run > 0 {
            separate(&mut out, &mut newlines, &mut pending_space);
            out.push_str(&rest[..run]);
            rest = &rest[run..];
            continue;
        }
        let c = rest.chars().next().expect("non-empty");
        rest = &rest[c.len_utf8()..];
        match classify(c) {
            Class::Keep if c == ' ' => pending_space = true,
            Class::Keep => {
                separate(&mut out, &mut newlines, &mut pending_space);
                out.push(c);
            }
            Class::Space => {
                if c != '\t' {
                    fixes.spaces += 1;
                }
                pending_space = true;
            }
            Class::Newline => {
                newlines += 1;
                pending_space = false;
            }
            Class::Drop => fixes.invisible += 1,
        }
    }
    (Cow::Owned(out), fixes)
}

/// How many bytes open `bytes` that [`clean_unified`] copies as they are:
/// printable ASCII, and single spaces between two printable characters.
/// Eight bytes at a time while all of them are such (prose is mostly
/// runs of these), then byte by byte.
fn plain_run(bytes: &[u8]) -> usize {
    let mut run = 0;
    // (a space opening the run is no such space: the byte loop says so)
    if bytes.first() != Some(&b' ') {
        // (the byte after the eight is read: a last space needs it printable)
        while let Some(chunk) = bytes.get(run..run + 9) {
            let x = u64::from_le_bytes(chunk[..8].try_into().expect("eight bytes"));
            // (the byte test's range, eight bytes at a time)
            let printables = swar::in_range(x, 0x21, 0x7E);
            let next_printable = if printable(chunk[8]) { 0x80 << 56 } else { 0 };
            // a space passes when the byte after it is printable
            let spaces = swar::equal(x, b' ') & (printables >> 8 | next_printable);
            if printables | spaces != swar::HIGH_BITS {
                break;
            }
            run += 8;
        }
    }
    plain_run_from(bytes, run)
}

/// Printable ASCII: no space, no control character.
fn printable(b: u8) -> bool {
    (0x21..=0x7E).contains(&b)
}

/// [`plain_run`] byte by byte, from `run` (where the run is known to go on).
fn plain_run_from(bytes: &[u8], mut run: usize) -> usize {
    while run < bytes.len() {
        let b = bytes[run];
        if printable(b)
            || (b == b' ' && run > 0 && bytes.get(run + 1).is_some_and(|&n| printable(n)))
        {
            run += 1;
        } else {
            break;
        }
    }
    run
}

/// Before a kept character: the pending break (one newline, or a blank line
/// for two or more) or space, never at the start of the text.
fn separate(out: &mut String, newlines: &mut usize, pending_space: &mut bool) {
    if !out.is_empty() {
        // (pushed as characters: a string of either length would be a
        // call to copy it)
        if *newlines > 0 {
            out.push('\n');
            if *newlines > 1 {
                out.push('\n');
            }
        } else if *pending_space {
            out.push(' ');
        }
    }
    *newlines = 0;
    *pending_space = false;
}

/// Folds typographic punctuation to ASCII (`--ascii-punct`).
pub fn fold_ascii_punct(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '‘' | '’' | '‚' | '‛' | '′' => out.push('\''),
            '“' | '”' | '„' | '‟' | '″' => out.push('"'),
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => out.push('-'),
            '…' => out.push_str("..."),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters [`is_clean`]'s two ways must judge alike.
    const CLEAN_CASES: &str =
        "a \n\t\u{7f}\u{1}\u{a0}\u{ad}\u{2009}\u{200b}\u{2019}\u{3000}\u{feff}é\u{1680}";

    /// [`is_clean_walk`] and [`is_clean_search`] agree on `s` (when it
    /// neither starts nor ends with a space or a line break, as they ask).
    fn walk_and_search_agree(s: &str) {
        let b = s.as_bytes();
        if !b.is_empty() && !matches!(b[0], b' ' | b'\n') && !matches!(b[b.len() - 1], b' ' | b'\n')
        {
            assert_eq!(is_clean_walk(b), is_clean_search(b), "{s:?}");
        }
    }

    #[test]
    fn the_walk_and_the_searches_agree_on_what_is_clean() {
        // every string of up to four of the characters, alone and between letters
        let pieces: Vec<String> = CLEAN_CASES.chars().map(String::from).collect();
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        for s in joins_of(&pieces, 4) {
            walk_and_search_agree(&s);
            walk_and_search_agree(&format!("a{s}a"));
        }
        assert!(is_clean("Line one.\n\nLine two — ‘quoted’"));
        assert!(!is_clean("two\n\n\nbreaks"));
    }

    proptest::proptest! {
        #[test]
        fn the_walk_and_the_searches_agree_on_long_texts(
            // mostly letters, so that long strings can be clean
            chars in proptest::collection::vec(
                proptest::prop_oneof![
                    3 => proptest::strategy::Just('x'),
                    1 => proptest::sample::select(CLEAN_CASES.chars().collect::<Vec<_>>()),
                ],
                0..300,
            )
        ) {
            let s: String = chars.into_iter().collect();
            walk_and_search_agree(&format!("a{s}a"));
        }
    }

    fn clean(s: &str) -> String {
        clean_chars(s, Form::Nfc).0.into_owned()
    }

    #[test]
    fn block_search_finds_the_first_high_lead_byte() {
        for len in [0, 1, 31, 32, 33, 64, 100] {
            for at in (0..len).step_by(7).map(Some).chain([None]) {
                let mut bytes = vec![b'a'; len];
                if let Some(at) = at {
                    bytes[at] = 0xE2;
                    if at + 1 < len {
                        bytes[at + 1] = 0xCC;
                    }
                }
                let naive = bytes.iter().position(|&b| b >= 0xCC);
                assert_eq!(position_from_0xcc(&bytes), naive, "{len} {at:?}");
            }
        }
    }

    /// Every string of up to `most` pieces, each once.
    fn joins_of(pieces: &[&str], most: usize) -> Vec<String> {
        let mut strings = vec![String::new()];
        for _ in 0..most {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
                .collect();
            strings.extend(longer);
        }
        strings.sort();
        strings.dedup();
        strings
    }

    #[test]
    fn clean_check_finds_every_spacing_and_control_fault() {
        // (what the check must find, said plainly)
        let spacing_fault = |s: &str| {
            ["  ", " \n", "\n ", "\n\n\n"].iter().any(|n| s.contains(n))
                || s.bytes().any(|c| (c < 0x20 && c != b'\n') || c == 0x7F)
        };
        let pieces = ["a", " ", "\n", "\t", "\u{7F}", "\u{1}", "é", "bc"];
        for s in &joins_of(&pieces, 4) {
            let t = format!("x{s}y");
            let expected = !spacing_fault(&t) && clean(&t) == t;
            assert_eq!(is_clean(&t), expected, "{t:?}");
        }
    }

    #[test]
    fn plain_runs_end_where_the_byte_loop_ends_them() {
        // every piece at every place in a run of prose, and runs of spaces
        let base = b"Plain words, and more of them: 12 (a) [b] {c} ~end~ x y z 0123456789";
        let pieces: [&[u8]; 10] = [
            b" ",
            b"  ",
            b"\n",
            b"\t",
            b"\x7f",
            b"\x00",
            b"\xc2\xa0",
            b"\xe2\x80\x99",
            b" \n",
            b"~",
        ];
        for piece in pieces {
            for at in 0..=base.len() {
                let mut bytes = base[..at].to_vec();
                bytes.extend_from_slice(piece);
                bytes.extend_from_slice(&base[at..]);
                for start in 0..bytes.len() {
                    let tail = &bytes[start..];
                    assert_eq!(
                        plain_run(tail),
                        plain_run_from(tail, 0),
                        "{:?}",
                        String::from_utf8_lossy(tail)
                    );
                }
            }
        }
    }

    #[test]
    fn whitespace_is_made_regular() {
        assert_eq!(
            clean("  a\u{A0}\u{A0}b \t c  \r\n\r\n\r\n\n d\r e  "),
            "a b c\n\nd\ne"
        );
        assert_eq!(clean("\n\n  \n"), "");
        assert_eq!(clean("x \n y"), "x\ny");
    }

    #[test]
    fn invisible_characters_go_but_joiners_stay() {
        assert_eq!(
            clean("soft\u{AD}ware zero\u{200B}width \u{FEFF}bom\u{7}"),
            "software zerowidth bom"
        );
        assert_eq!(
            clean("👨\u{200D}👩 می\u{200C}خواهم"),
            "👨\u{200D}👩 می\u{200C}خواهم"
        );
    }

    #[test]
    fn the_punctuation_the_quick_check_passes_over_is_nfc_and_starts_nothing() {
        use unicode_normalization::char::canonical_combining_class;
        for c in '\u{2010}'..='\u{203F}' {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            let mut text = String::new();
            text.push(c);
            assert!(chars_from_u300(&text).next().is_none(), "{c:?}");
        }
        // the characters around them are still checked
        let found: String = chars_from_u300("a\u{2019}\u{301}b\u{2000}\u{2040}").collect();
        assert_eq!(found, "\u{301}\u{2000}\u{2040}");
        // a mark after a quote after a mark: normalized all the same
        for text in [
            "e\u{301}\u{2019}\u{316}x",
            "\u{316}\u{201C}e\u{301}",
            "\u{2019}e\u{327}\u{301}",
        ] {
            let want: String = text.nfc().collect();
            assert_eq!(normalize_form(text, Form::Nfc), want, "{text:?}");
        }
    }

    #[test]
    fn normalizes_to_nfc_or_nfkc() {
        assert_eq!(clean("e\u{301}"), "é");
        assert_eq!(clean("ﬁ"), "ﬁ");
        assert_eq!(clean_chars("ﬁ ²", Form::Nfkc).0, "fi 2");
    }

    #[test]
    fn texts_said_clean_come_out_unchanged() {
        let pieces = [
            "a", " ", "\n", "\n\n", "é", "“", "”", "—", "\u{A0}", "\u{AD}", "\u{200B}", "\u{200D}",
            "\u{2028}", "\u{202F}", "\u{2060}", "\u{3000}", "\u{FEFF}", "\u{1680}", "\u{180E}",
            "\u{85}", "\u{7F}", "\t", "\u{B}", "ab, c.", "日本",
        ];
        let texts = joins_of(&pieces, 3);
        let mut clean_ones = 0;
        for t in &texts {
            if is_clean(t) {
                clean_ones += 1;
                // the full pass, forced by a leading space it drops
                let padded = format!(" {t}");
                let (out, fixes) = clean_chars(&padded, Form::Nfc);
                assert_eq!(out, *t, "{t:?}");
                assert_eq!(fixes, CharFixes::default(), "{t:?}");
            }
        }
        assert!(clean_ones > 500, "{clean_ones}");
    }

    #[test]
    fn folds_punctuation_on_request() {
        assert_eq!(fold_ascii_punct("“It’s—fine…”"), "\"It's-fine...\"");
    }
}
