//! Web residue: HTML entities, stray tags, and mojibake.
//!
//! Scraped text often carries what the HTML-to-text step left behind:
//! entities that were never decoded (`&amp;`, `&#8217;`, sometimes encoded
//! twice), tags (`<br>`, `<p class=...>`), and UTF-8 text that was decoded as
//! Windows-1252 somewhere on the way (`â€™` for `’`, `Ã©` for `é`).

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// Counts of what [`clean_web_residue`] changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct WebFixes {
    pub entities: usize,
    pub tags: usize,
    pub mojibake: usize,
}

/// Decodes entities, strips tags and repairs mojibake until nothing changes.
///
/// Repeating to a fixed point makes the step idempotent even on text whose
/// entities were encoded twice (`&amp;#8217;`) or whose mojibake was itself
/// mis-decoded again.
pub fn clean_web_residue(text: &str) -> (Cow<'_, str>, WebFixes) {
    let mut fixes = WebFixes::default();
    // (most texts hold none of the three bytes each step looks for: one
    // search says so, where each step would search the text for its own)
    if memchr::memchr3(b'&', b'<', 0xC3, text.as_bytes()).is_none() {
        return (Cow::Borrowed(text), fixes);
    }
    let mut current = Cow::Borrowed(text);
    for _ in 0..4 {
        let mut changed = false;
        // (memchr: the standard library's byte search is not vectorized)
        if memchr::memchr(b'&', current.as_bytes()).is_some() {
            let (decoded, n) = decode_entities(&current);
            if n > 0 {
                fixes.entities += n;
                current = Cow::Owned(decoded);
                changed = true;
            }
        }
        if memchr::memchr(b'<', current.as_bytes()).is_some() {
            let (stripped, n) = strip_tags(&current);
            if n > 0 {
                fixes.tags += n;
                current = Cow::Owned(stripped);
                changed = true;
            }
        }
        if may_have_mojibake(&current) {
            let (repaired, n) = repair_mojibake(&current);
            if n > 0 {
                fixes.mojibake += n;
                current = Cow::Owned(repaired);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    (current, fixes)
}

static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});").unwrap()
});

/// Decodes HTML character references; returns the text and how many were decoded.
fn decode_entities(text: &str) -> (String, usize) {
    let mut count = 0;
    let out = ENTITY.replace_all(text, |caps: &regex::Captures| {
        let raw = &caps[0];
        let decoded = html_escape::decode_html_entities(raw);
        if decoded != raw {
            count += 1;
        }
        decoded.into_owned()
    });
    (out.into_owned(), count)
}

/// Block-level elements whose tags mark a line break in the text.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Inline and other elements whose tags are dropped without a break.
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "audio", "b", "big", "body", "button", "caption", "center", "cite", "code", "del",
    "em", "embed", "font", "form", "head", "html", "i", "iframe", "img", "input", "ins", "kbd",
    "label", "link", "mark", "meta", "noscript", "object", "option", "picture", "q", "s", "samp",
    "select", "small", "source", "span", "strike", "strong", "sub", "sup", "svg", "textarea",
    "time", "title", "track", "tt", "u", "var", "video", "wbr",
];

static TAG: LazyLock<Regex> = LazyLock::new(|| {
    // Only real HTML element names are tags: "x <y and z> w" in prose is kept.
    let names: Vec<&str> = BLOCK_TAGS.iter().chain(INLINE_TAGS).copied().collect();
    Regex::new(&format!(
        r#"(?is)<!--.*?-->|<(script|style)(?-u:\b)[^>]*>.*?</(?:script|style)\s*>|</?(?:{})(?-u:\b)(?:\s[^<>]*)?/?>"#,
        names.join("|")
    ))
    .unwrap()
});

/// Strips tags (and script/style contents); block tags become line breaks.
fn strip_tags(text: &str) -> (String, usize) {
    let mut count = 0;
    let out = TAG.replace_all(text, |caps: &regex::Captures| {
        count += 1;
        let tag = &caps[0];
        if caps.get(1).is_some() || tag.starts_with("<!--") {
            return String::new();
        }
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if BLOCK_TAGS.contains(&name.as_str()) {
            "\n".to_string()
        } else {
            String::new()
        }
    });
    (out.into_owned(), count)
}

/// The byte a character stands for when UTF-8 was decoded as Windows-1252
/// (or Latin-1, for the five code points Windows-1252 leaves undefined).
fn cp1252_byte(c: char) -> Option<u8> {
    let b = match c {
        '\u{80}'..='\u{FF}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(b)
}

fn is_continuation(b: u8) -> bool {
    (0x80..=0xBF).contains(&b)
}

/// Length of the UTF-8 sequence a lead byte starts, for the leads mojibake makes.
fn sequence_len(lead: u8) -> Option<usize> {
    match lead {
        0xC2..=0xDF => Some(2),
        0xE0..=0xEF => Some(3),
        0xF0..=0xF4 => Some(4),
        _ => None,
    }
}

/// Repairs UTF-8 that was decoded as Windows-1252; returns the text and the
/// number of characters repaired.
///
/// A run of characters is re-encoded to the bytes they stand for and decoded
/// as UTF-8 only where that yields a valid multi-byte character. Three- and
/// four-byte sequences (`â€™`) and two-byte sequences led by `Â`/`Ã` are
/// essentially never real text and are always repaired; other two-byte
/// sequences (`É’` could be French) only when the text shows the stronger
/// kind elsewhere.
fn repair_mojibake(text: &str) -> (String, usize) {
    let strong = has_strong_mojibake(text);
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    // text[..copied] is in `out`; the search goes on from `from`
    let (mut copied, mut from) = (0, 0);
    while let Some(found) = memchr::memchr(0xC3, &text.as_bytes()[from..]) {
        let at = from + found;
        let (window, len) = chars_at(text, at);
        from = at + 1; // (0xC3 only ever leads a character)
        if let Some((decoded, used)) = decode_at(&window[..len], 0, strong) {
            out.push_str(&text[copied..at]);
            out.push(decoded);
            count += 1;
            copied = at + window[..used].iter().map(|c| c.len_utf8()).sum::<usize>();
            from = copied;
        }
    }
    out.push_str(&text[copied..]);
    (out, count)
}

/// The characters [`decode_at`] may look at when a sequence starts at byte
/// `at`: up to four. Only characters from U+00C2 to U+00F4 can start one,
/// and all of them are encoded with the lead byte 0xC3.
fn chars_at(text: &str, at: usize) -> ([char; 4], usize) {
    let mut window = ['\0'; 4];
    let mut len = 0;
    for (slot, c) in window.iter_mut().zip(text[at..].chars()) {
        *slot = c;
        len += 1;
    }
    (window, len)
}

/// Cheap gate: every mojibake sequence starts with a character from U+00C2
/// to U+00F4 (all encoded with the UTF-8 byte 0xC3) followed by a character
/// that stands for a continuation byte.
fn may_have_mojibake(text: &str) -> bool {
    memchr::memchr_iter(0xC3, text.as_bytes()).any(|at| {
        let (window, len) = chars_at(text, at);
        len >= 2
            && cp1252_byte(window[0]).and_then(sequence_len).is_some()
            && cp1252_byte(window[1]).is_some_and(is_continuation)
    })
}

fn has_strong_mojibake(text: &str) -> bool {
    memchr::memchr_iter(0xC3, text.as_bytes()).any(|at| {
        let (window, len) = chars_at(text, at);
        decode_at(&window[..len], 0, false)
            .is_some_and(|(_, used)| used >= 3 || matches!(window[0], 'Â' | 'Ã'))
    })
}

/// Tries to read one mis-decoded UTF-8 character at `chars[i]`.
fn decode_at(chars: &[char], i: usize, allow_weak: bool) -> Option<(char, usize)> {
    // Only U+00C2..=U+00F4 stand for lead bytes (the other characters
    // Windows-1252 gives a byte stand for 0x80..=0x9F).
    if !('\u{C2}'..='\u{F4}').contains(&chars[i]) {
        return None;
    }
    let lead = cp1252_byte(chars[i])?;
    let len = sequence_len(lead)?;
    if i + len > chars.len() {
        // "â€" at the very end: the closing quote whose third byte (0x9D) was lost.
        return quote_missing_last_byte(chars, i);
    }
    let mut bytes = [0u8; 4];
    bytes[0] = lead;
    for k in 1..len {
        match cp1252_byte(chars[i + k]) {
            Some(b) if is_continuation(b) => bytes[k] = b,
            _ => return quote_missing_last_byte(chars, i),
        }
    }
    let s = std::str::from_utf8(&bytes[..len]).ok()?;
    let c = s.chars().next()?;
    if len == 2 && !matches!(chars[i], 'Â' | 'Ã') && !allow_weak {
        return None;
    }
    Some((c, len))
}

/// `â€` followed by something that is not a continuation: U+201D (”) whose
/// last byte, 0x9D, is undefined in Windows-1252 and was dropped.
fn quote_missing_last_byte(chars: &[char], i: usize) -> Option<(char, usize)> {
    if chars[i] == 'â' && chars.get(i + 1) == Some(&'€') {
        let next = chars.get(i + 2).copied();
        if next.is_none_or(|c| cp1252_byte(c).is_none_or(|b| !is_continuation(b))) {
            return Some(('”', 2));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        clean_web_residue(s).0.into_owned()
    }

    #[test]
    fn decodes_named_numeric_and_double_encoded_entities() {
        assert_eq!(
            clean("Tom &amp; Jerry&#8217;s &rsquo;x&rsquo;"),
            "Tom & Jerry’s ’x’"
        );
        assert_eq!(clean("it&amp;#8217;s"), "it’s");
        assert_eq!(clean("AT&T and R&D &nosuch;"), "AT&T and R&D &nosuch;");
    }

    #[test]
    fn strips_tags_but_not_prose_comparisons() {
        assert_eq!(clean("one<br>two <b>bold</b>"), "one\ntwo bold");
        assert_eq!(clean("<p class=\"x\">para</p>"), "\npara\n");
        assert_eq!(clean("if x <y and z> w"), "if x <y and z> w");
        assert_eq!(clean("a<script>var x=1;</script>b<!-- c -->"), "ab");
    }

    #[test]
    fn repairs_windows_1252_mojibake() {
        assert_eq!(
            clean("Itâ€™s a cafÃ© â€œdealâ€\u{9d}"),
            "It’s a café “deal”"
        );
        assert_eq!(clean("Â£5 and â€œquotedâ€ end"), "£5 and “quoted” end");
        assert_eq!(clean("naÃ¯ve"), "naïve");
    }

    /// The repair done one character at a time (the original
    /// implementation): the byte-searching one must agree with it.
    fn repair_by_chars(text: &str) -> (String, usize) {
        let chars: Vec<char> = text.chars().collect();
        let strong = (0..chars.len()).any(|i| {
            decode_at(&chars, i, false)
                .is_some_and(|(_, used)| used >= 3 || matches!(chars[i], 'Â' | 'Ã'))
        });
        let (mut out, mut count, mut i) = (String::new(), 0, 0);
        while i < chars.len() {
            if let Some((decoded, used)) = decode_at(&chars, i, strong) {
                out.push(decoded);
                count += 1;
                i += used;
            } else {
                out.push(chars[i]);
                i += 1;
            }
        }
        (out, count)
    }

    #[test]
    fn mojibake_repair_agrees_with_the_character_walk() {
        let pieces = [
            "Itâ€™s",
            "cafÃ©",
            "â€œ",
            "â€",
            "\u{9d}",
            "Â£5",
            "naÃ¯ve",
            "CAFÉ’s",
            "Ã",
            "Ã ",
            "Ãx",
            "Ölçü",
            "ðŸ˜€",
            "ð",
            "æ—¥",
            " ",
            "é",
            "Ã©Ã",
            "â€™â€",
        ];
        for a in pieces {
            for b in pieces {
                for c in ["", "â€", "Ã", " end", "Ã©"] {
                    let text = format!("{a}{b}{c}");
                    assert_eq!(repair_mojibake(&text), repair_by_chars(&text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn leaves_real_accented_text_alone() {
        for s in ["CAFÉ’s menu", "Ölçü “Ä” Æsir", "señor Ñandú", "日本語"] {
            assert_eq!(clean(s), s);
        }
    }
}
