//! Penn Treebank detokenization.
//!
//! Research dumps of news (CNN/Daily Mail, many NLP corpora) are tokenized in
//! the Penn Treebank style: punctuation split off (`images , uncovered`),
//! clitics split (`group 's`, `do n't`), quotes as separate tokens (`` ` ``,
//! `'`), brackets spelled `-lrb-`. Detection is conservative: it needs
//! several split tokens and far more split than attached punctuation, so
//! ordinary prose with a stray " , " is left alone.

/// Clitics PTB splits off the word before them.
const CLITICS: &[&str] = &[
    "'s", "'re", "'ve", "'ll", "'d", "'m", "n't", "’s", "’re", "’ve", "’ll", "’d", "’m", "n’t",
];

/// Punctuation that attaches to the word before it.
const CLOSERS: &[&str] = &[
    ",", ".", ";", ":", "?", "!", "%", ")", "]", "}", "...", "…", "?!", "!!", "??",
];

/// Punctuation that attaches to the word after it.
const OPENERS: &[&str] = &["(", "[", "{", "$", "#", "£", "€"];

fn bracket(token: &str) -> Option<&'static str> {
    Some(match token.to_ascii_lowercase().as_str() {
        "-lrb-" => "(",
        "-rrb-" => ")",
        "-lsb-" => "[",
        "-rsb-" => "]",
        "-lcb-" => "{",
        "-rcb-" => "}",
        _ => return None,
    })
}

fn is_clitic(token: &str) -> bool {
    CLITICS.iter().any(|c| token.eq_ignore_ascii_case(c))
}

/// Whether the text reads as PTB-tokenized.
pub fn looks_tokenized(text: &str) -> bool {
    // Cheap gate: PTB text is full of these; ordinary prose has almost none.
    let marks = [
        " , ", " . ", " 's ", " n't ", " ' ", "-lrb-", "``", " ; ", " : ",
    ];
    let hits: usize = marks
        .iter()
        .map(|m| {
            memchr::memmem::find_iter(text.as_bytes(), m.as_bytes())
                .take(3)
                .count()
        })
        .sum();
    if hits < 2 {
        return false;
    }
    let mut split = 0usize; // punctuation or clitics standing alone
    let mut attached = 0usize; // the same attached to a word
    let mut markers = 0usize; // tokens only PTB makes: -lrb-, ``, n't alone
    for token in text.split([' ', '\n']) {
        if token.is_empty() {
            continue;
        }
        if bracket(token).is_some() || token == "``" || token.eq_ignore_ascii_case("n't") {
            markers += 1;
            split += 1;
        } else if matches!(token, "," | "." | ";" | ":" | "?" | "!") || is_clitic(token) {
            split += 1;
        } else {
            let last = token.chars().last().unwrap_or(' ');
            let body_alnum = token.chars().next().is_some_and(char::is_alphanumeric);
            let punct_attached = matches!(last, ',' | ';' | '?' | '!');
            let clitic_attached =
                token.contains("'s") || token.contains("n't") || token.contains("’s");
            if body_alnum && (punct_attached || clitic_attached) {
                attached += 1;
            }
        }
    }
    (split >= 3 && split >= 4 * attached) || (markers >= 1 && split >= 2 && split >= 2 * attached)
}

/// Joins PTB tokens back into ordinary text, line by line.
///
/// Quote tokens (`'`, `"`, `` ` ``) alternate between opening and closing
/// across the whole document, because dumps often break lines inside a quote.
pub fn detokenize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut single_open = false;
    let mut double_open = false;
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let mut glue_next = true; // no space before the next token
        for token in line.split(' ').filter(|t| !t.is_empty()) {
            let mapped = bracket(token).unwrap_or(token);
            let (glue_before, glue_after, emit) = if mapped == "``" {
                double_open = true;
                (false, true, "\"")
            } else if mapped == "''" {
                double_open = false;
                (true, false, "\"")
            } else if mapped == "\"" {
                double_open = !double_open;
                if double_open {
                    (false, true, "\"")
                } else {
                    (true, false, "\"")
                }
            } else if mapped == "'" || mapped == "`" {
                single_open = !single_open;
                if single_open {
                    (false, true, "'")
                } else {
                    (true, false, "'")
                }
            } else if is_clitic(mapped) || CLOSERS.contains(&mapped) {
                (true, false, mapped)
            } else if OPENERS.contains(&mapped) {
                (false, true, mapped)
            } else {
                (false, false, mapped)
            };
            if !(glue_next || glue_before) {
                out.push(' ');
            }
            out.push_str(emit);
            glue_next = glue_after;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_ptb_text_and_not_prose() {
        assert!(looks_tokenized(
            "the group 's leader said , \" we do n't know . \""
        ));
        assert!(looks_tokenized(
            "prices rose -lrb- sharply -rrb- on monday , officials said ."
        ));
        assert!(!looks_tokenized(
            "The group's leader said, \"We don't know.\" Prices rose."
        ));
        assert!(!looks_tokenized(
            "A list : one , two. Then more, and more, and more; fine."
        ));
    }

    #[test]
    fn joins_punctuation_clitics_and_brackets() {
        assert_eq!(
            detokenize("the mayor 's office said it does n't know -lrb- yet -rrb- , reports say ."),
            "the mayor's office said it doesn't know (yet), reports say."
        );
        assert_eq!(
            detokenize("it cost $ 5 , or 20 % more"),
            "it cost $5, or 20% more"
        );
    }

    #[test]
    fn quotes_alternate_across_lines() {
        assert_eq!(
            detokenize("he vowed ' revenge ' today\n' we will win\n' he said"),
            "he vowed 'revenge' today\n'we will win\n' he said"
        );
        assert_eq!(detokenize("`` hello , '' she said"), "\"hello,\" she said");
    }
}
