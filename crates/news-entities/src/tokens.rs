//! Word tokens with byte offsets and the shape facts recognition needs.

/// One token of the text.
#[derive(Clone, Copy, Debug)]
pub struct Token<'t> {
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
    /// Letters, digits, and the apostrophes, hyphens and periods inside them.
    pub word: bool,
}

impl Token<'_> {
    /// Starts with a capital letter.
    pub fn capitalized(&self) -> bool {
        self.word && self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Two or more letters, all capitals (acronyms: NATO, ISIL, U.S.).
    pub fn acronym(&self) -> bool {
        let letters = self.text.chars().filter(|c| c.is_alphabetic()).count();
        self.word
            && letters >= 2
            && self
                .text
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    }

    pub fn lowercase_start(&self) -> bool {
        self.word && self.text.chars().next().is_some_and(char::is_lowercase)
    }

    pub fn is(&self, s: &str) -> bool {
        self.text == s
    }
}

/// The lookup key of a token sequence: the tokens lowercased, one space
/// apart (how the name lists are keyed).
pub fn key(tokens: &[Token]) -> String {
    let mut k = String::new();
    for t in tokens {
        if !k.is_empty() {
            k.push(' ');
        }
        k.push_str(&t.text.to_lowercase());
    }
    k
}

fn joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '‐')
}

/// Splits `text` into word and punctuation tokens. A possessive `'s` is a
/// token of its own (it stays outside names); dotted initialisms (U.S.,
/// D.C.) are one token.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(Token {
                start: i,
                end: i + c.len_utf8(),
                text: &text[i..i + c.len_utf8()],
                word: false,
            });
            continue;
        }
        // dotted initialism: (letter '.'){2,}
        let dotted = dotted_len(bytes, i);
        if dotted > 0 {
            let end = i + dotted;
            while iter.peek().is_some_and(|&(j, _)| j < end) {
                iter.next();
            }
            out.push(Token {
                start: i,
                end,
                text: &text[i..end],
                word: true,
            });
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            if d.is_alphanumeric() {
                end = j + d.len_utf8();
                iter.next();
            } else if joiner(d) {
                // only between two alphanumerics
                let after = text[j + d.len_utf8()..].chars().next();
                if after.is_some_and(char::is_alphanumeric) {
                    // a possessive 's / ’s at the end of a word stays apart
                    let rest = &text[j + d.len_utf8()..];
                    let possessive = d != '-'
                        && rest.starts_with('s')
                        && !rest[1..].chars().next().is_some_and(char::is_alphanumeric);
                    if possessive {
                        break;
                    }
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        out.push(Token {
            start: i,
            end,
            text: &text[i..end],
            word: true,
        });
    }
    out
}

/// Length of a dotted initialism starting at `i` ("U.S." -> 4), or 0.
fn dotted_len(b: &[u8], i: usize) -> usize {
    let mut p = i;
    let mut pairs = 0;
    while p + 1 < b.len() && b[p].is_ascii_alphabetic() && b[p + 1] == b'.' {
        pairs += 1;
        p += 2;
    }
    // "U.S" without the final period still counts when letters follow a dot
    if pairs >= 2 && !(p < b.len() && b[p].is_ascii_alphanumeric()) {
        p - i
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn shapes() {
        assert_eq!(
            words("Ban Ki-moon's U.S. trip, al-Moussawi and O'Neill."),
            [
                "Ban",
                "Ki-moon",
                "'",
                "s",
                "U.S.",
                "trip",
                ",",
                "al-Moussawi",
                "and",
                "O'Neill",
                "."
            ]
        );
        assert_eq!(words("Shi'ite D.C."), ["Shi'ite", "D.C."]);
    }
}
