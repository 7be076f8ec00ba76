//! Normalized tokens: the words every fingerprint is built from.
//!
//! A token is a run of letters, digits and combining marks, NFKC-normalized
//! and lowercased. Everything else separates tokens, so punctuation,
//! tokenization spacing ("U.S ." / "U.S."), quotes and dashes never matter.
//! An apostrophe between two letters is dropped ("don't" is `dont`), and the
//! clitics that Penn Treebank tokenizers split off (`do n't`, `John 's`,
//! `they 're`) are glued back to the word before them, so a tokenized dump
//! and the clean text give the same tokens. The bracket tokens of such dumps
//! (`-lrb-`, `-rrb-`, ...) are punctuation and give no token.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Where the tokenizer puts its tokens.
pub trait TokenSink {
    /// Takes the next token.
    fn push(&mut self, token: &str);
    /// Takes back the last token (a clitic is about to be glued to it).
    fn pop(&mut self);
}

impl TokenSink for Vec<String> {
    fn push(&mut self, token: &str) {
        Vec::push(self, token.to_string());
    }
    fn pop(&mut self) {
        Vec::pop(self);
    }
}

/// The tokens of a text as strings.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    Tokenizer::default().run(text, &mut out);
    out
}

/// Splits texts into tokens, reusing its buffers from one text to the next.
#[derive(Debug, Default)]
pub struct Tokenizer {
    cur: String,
    last: String,
    scratch: String,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}')
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        false // General Punctuation: quotes, dashes, spaces (the common case)
    } else {
        c.is_alphanumeric() && !is_apostrophe(c) || is_combining_mark(c)
    }
}

/// Clitics a Penn Treebank tokenizer splits off with their apostrophe.
fn is_clitic(t: &str) -> bool {
    matches!(t, "s" | "re" | "ve" | "ll" | "d" | "m" | "t")
}

/// A bracket token of tokenized dumps (`-lrb-` is "("): `t`, the token at
/// `start..end` of the text, between hyphens. (Inlined: the tokenizer's fast
/// path calls it on every word, where a call cost 2-3% of the stage.)
#[inline(always)]
fn is_bracket_at(bytes: &[u8], start: usize, end: usize, t: &str) -> bool {
    start > 0
        && bytes[start - 1] == b'-'
        && bytes.get(end) == Some(&b'-')
        && matches!(t, "lrb" | "rrb" | "lsb" | "rsb" | "lcb" | "rcb")
}

impl Tokenizer {
    /// Puts the normalized form of a scanned token in `cur`: lowercased,
    /// apostrophes dropped, NFKC when it is not ASCII. A character that NFKC
    /// turns into a non-word character splits it: the parts are one space
    /// apart.
    fn normalize(&mut self, raw: &str, token: &Scanned) {
        self.cur.clear();
        if token.ascii && !token.inner_apostrophe {
            self.cur.push_str(raw);
            self.cur.make_ascii_lowercase();
            return;
        }
        if token.ascii {
            let letters = raw.chars().filter(|&c| !is_apostrophe(c));
            self.cur.extend(letters.map(|c| c.to_ascii_lowercase()));
            return;
        }
        self.scratch.clear();
        self.scratch
            .extend(raw.chars().filter(|&c| !is_apostrophe(c)).nfkc());
        for c in self.scratch.chars() {
            if is_word_char(c) {
                self.cur.extend(c.to_lowercase());
            } else if !self.cur.is_empty() && !self.cur.ends_with(' ') {
                self.cur.push(' ');
            }
        }
        if self.cur.ends_with(' ') {
            self.cur.pop();
        }
    }

    /// Splits `text` into normalized tokens, in order, into `sink`.
    pub fn run(&mut self, text: &str, sink: &mut impl TokenSink) {
        let bytes = text.as_bytes();
        let mut i = 0;
        // tokens given to the sink, and whether only whitespace separates
        // the last one from the current position
        let mut emitted = 0usize;
        let mut gap_clean = false;
        while i < bytes.len() {
            let b = bytes[i];
            // fast path: ASCII punctuation and spaces between tokens
            if b < 0x80 && !b.is_ascii_alphanumeric() && b != b'\'' {
                if !b.is_ascii_whitespace() {
                    gap_clean = false;
                }
                i += 1;
                continue;
            }
            if b.is_ascii_alphanumeric() {
                // fast path: a plain ASCII word, ended by ASCII other than
                // an apostrophe (no clitic, no NFKC, no inner apostrophe)
                let mut end = i + 1;
                while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                    end += 1;
                }
                if bytes.get(end).is_none_or(|&n| n < 0x80 && n != b'\'') {
                    self.cur.clear();
                    self.cur.push_str(&text[i..end]);
                    self.cur.make_ascii_lowercase();
                    let bracket = is_bracket_at(bytes, i, end, &self.cur);
                    i = end;
                    gap_clean = true;
                    if !bracket {
                        sink.push(&self.cur);
                        emitted += 1;
                        std::mem::swap(&mut self.cur, &mut self.last);
                    }
                    continue;
                }
            }
            let c = char_at(text, i);
            let next = i + c.len_utf8();
            let leading_apostrophe = is_apostrophe(c)
                && (i == 0 || char_before(text, i).is_whitespace())
                && next < bytes.len()
                && is_word_char(char_at(text, next));
            if !is_word_char(c) && !leading_apostrophe {
                if !c.is_whitespace() {
                    gap_clean = false;
                }
                i = next;
                continue;
            }
            let start = if leading_apostrophe { next } else { i };
            let token = scan(text, start);
            let raw = &text[start..token.end];
            i = token.end;
            let follows = gap_clean && emitted > 0;
            gap_clean = true;
            self.normalize(raw, &token);
            if self.cur.is_empty() {
                continue;
            }
            if !token.ascii && self.cur.contains(' ') {
                // NFKC split it ("½" is "1⁄2"): several tokens
                for part in self.cur.split(' ') {
                    sink.push(part);
                    emitted += 1;
                }
                let tail = self.cur.rsplit(' ').next().unwrap_or("");
                self.last.clear();
                self.last.push_str(tail);
                continue;
            }
            let t = self.cur.as_str();
            if is_bracket_at(bytes, start, token.end, t) {
                continue;
            }
            if follows
                && ((leading_apostrophe && is_clitic(t))
                    || (token.inner_apostrophe && t == "nt" && raw.len() <= 5))
            {
                sink.pop();
                self.last.push_str(t);
                sink.push(&self.last);
                continue;
            }
            sink.push(t);
            emitted += 1;
            std::mem::swap(&mut self.cur, &mut self.last);
        }
    }
}

/// Where a token that starts at `start` ends, and what it holds.
struct Scanned {
    end: usize,
    ascii: bool,
    inner_apostrophe: bool,
}

/// Scans a token: word chars, and apostrophes between word chars.
fn scan(text: &str, start: usize) -> Scanned {
    let bytes = text.as_bytes();
    let mut t = Scanned {
        end: start,
        ascii: true,
        inner_apostrophe: false,
    };
    while t.end < bytes.len() {
        let b = bytes[t.end];
        if b.is_ascii_alphanumeric() {
            t.end += 1;
            continue;
        }
        if b < 0x80 && b != b'\'' {
            break;
        }
        let c = char_at(text, t.end);
        let len = c.len_utf8();
        if is_word_char(c) {
            t.ascii = false;
            t.end += len;
        } else if is_apostrophe(c)
            && t.end + len < bytes.len()
            && is_word_char(char_at(text, t.end + len))
        {
            t.inner_apostrophe = true;
            t.end += len;
        } else {
            break;
        }
    }
    t
}

fn char_at(text: &str, i: usize) -> char {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        b as char
    } else {
        text[i..].chars().next().unwrap()
    }
}

fn char_before(text: &str, i: usize) -> char {
    text[..i].chars().next_back().unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_and_punctuation_ignored() {
        assert_eq!(
            tokens("The U.S. Army, in 2014: \"Stop!\""),
            ["the", "u", "s", "army", "in", "2014", "stop"]
        );
    }

    #[test]
    fn tokenized_dump_gives_the_same_tokens() {
        let clean = "He didn't go to John's house (near the river), they're sure.";
        let dump = "he did n't go to john 's house -lrb- near the river -rrb- , they 're sure .";
        assert_eq!(tokens(clean), tokens(dump));
        assert_eq!(tokens(clean)[1], "didnt");
    }

    #[test]
    fn unicode_forms_and_apostrophes_meet() {
        assert_eq!(tokens("Café don’t ＡＢＣ"), tokens("cafe\u{301} don't abc"));
        assert_eq!(tokens("Ünïcödé"), ["ünïcödé"]);
        assert_eq!(tokens("½"), ["1", "2"]);
        // a clitic after a token that NFKC split glues to its last part
        assert_eq!(tokens("a½ 's"), ["a1", "2s"]);
        assert_eq!(tokens("x a⒈ 's"), ["x", "a1s"]); // NFKC "a1.": one part
        assert_eq!(tokens("x a⒈b 's"), ["x", "a1", "bs"]);
    }

    #[test]
    fn quotes_are_not_clitics() {
        assert_eq!(
            tokens("said 'dangerous' and 's"),
            ["said", "dangerous", "ands"]
        );
        assert_eq!(tokens("'s alone"), ["s", "alone"]);
        assert_eq!(tokens("x , 's"), ["x", "s"]);
        assert!(tokens("").is_empty());
        assert!(tokens(" ... -- ").is_empty());
    }
}
