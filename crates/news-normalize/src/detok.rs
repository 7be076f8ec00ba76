//! Penn Treebank detokenization.
//!
//! Research dumps of news (CNN/Daily Mail, many NLP corpora) are tokenized in
//! the Penn Treebank style: punctuation split off (`images , uncovered`),
//! clitics split (`group 's`, `do n't`), quotes as separate tokens (`` ` ``,
//! `'`), brackets spelled `-lrb-`. Detection is conservative: it needs
//! several split tokens and far more split than attached punctuation, so
//! ordinary prose with a stray " , " is left alone.

use news_core::swar;

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
    if token.len() != 5 || !token.starts_with('-') {
        return None;
    }
    let mut lower = [0u8; 5];
    lower.copy_from_slice(token.as_bytes());
    lower.make_ascii_lowercase();
    Some(match &lower {
        b"-lrb-" => "(",
        b"-rrb-" => ")",
        b"-lsb-" => "[",
        b"-rsb-" => "]",
        b"-lcb-" => "{",
        b"-rcb-" => "}",
        _ => return None,
    })
}

fn is_clitic(token: &str) -> bool {
    CLITICS.iter().any(|c| token.eq_ignore_ascii_case(c))
}

/// The marks of PTB text the gate counts; see [`gate_marks`].
const MARKS: [&str; 9] = [
    " , ", " . ", " 's ", " n't ", " ' ", "-lrb-", "``", " ; ", " : ",
];

/// How many of [`MARKS`] the text holds, counting each mark's
/// non-overlapping occurrences up to 3, and stopping at 2 in all.
///
/// One vectorized multi-pattern search (Teddy) finds the marks of three
/// bytes or more, each restarted just after the last hit's start so that
/// marks of different kinds may overlap, and a search for the backtick finds
/// the rest ("``": a two-byte fingerprint would stop at every " n" of prose).
/// Where Teddy is not available, [`gate_marks_by_pairs`] counts the same.
fn gate_marks(text: &[u8]) -> usize {
    match long_marks_searcher() {
        Some(teddy) => gate_marks_packed(teddy, text),
        None => gate_marks_by_pairs(text),
    }
}

/// The packed searcher of the [`LONG_MARKS`], built once; none where
/// Teddy is not available.
fn long_marks_searcher() -> Option<&'static aho_corasick::packed::Searcher> {
    static TEDDY: std::sync::LazyLock<Option<aho_corasick::packed::Searcher>> =
        std::sync::LazyLock::new(|| {
            aho_corasick::packed::Config::new()
                .match_kind(aho_corasick::packed::MatchKind::LeftmostFirst)
                .builder()
                .extend(LONG_MARKS.map(|m| MARKS[m]))
                .build()
        });
    TEDDY.as_ref()
}

/// The places in [`MARKS`] of the marks of three bytes or more.
const LONG_MARKS: [usize; 8] = [0, 1, 2, 3, 4, 5, 7, 8];
/// The place of "``" in [`MARKS`].
const BACKTICKS: usize = 6;

/// The gate's tally: each mark's non-overlapping occurrences, up to 3.
#[derive(Default)]
struct MarkTally {
    counts: [usize; MARKS.len()],
    /// where the next occurrence of each mark may start (no overlaps)
    next: [usize; MARKS.len()],
    total: usize,
}

impl MarkTally {
    /// Counts mark `m` found at `start`; whether the tally has reached 2.
    fn hit(&mut self, m: usize, start: usize) -> bool {
        if start >= self.next[m] && self.counts[m] < 3 {
            self.counts[m] += 1;
            self.next[m] = start + MARKS[m].len();
            self.total += 1;
        }
        self.total >= 2
    }
}

/// [`gate_marks`] with a packed searcher of the [`LONG_MARKS`]: no two of
/// them match at the same place, so restarting after each hit's start finds
/// every occurrence of each, in text order.
fn gate_marks_packed(teddy: &aho_corasick::packed::Searcher, text: &[u8]) -> usize {
    let mut tally = MarkTally::default();
    let mut from = 0;
    while let Some(found) = teddy.find_in(text, aho_corasick::Span::from(from..text.len())) {
        if tally.hit(LONG_MARKS[found.pattern().as_usize()], found.start()) {
            return tally.total;
        }
        from = found.start() + 1;
    }
    for p in memchr::memchr_iter(b'`', text) {
        if text.get(p..p + 2) == Some(b"``") && tally.hit(BACKTICKS, p) {
            break;
        }
    }
    tally.total
}

/// [`gate_marks`] without a packed searcher.
///
/// Vectorized searches find the marks with a comma, period or apostrophe by
/// a pair of their bytes that prose seldom holds (a space before the
/// punctuation, or the "n'" of "n't"), and the others by their rarest byte;
/// the bytes around each hit say which mark it is.
fn gate_marks_by_pairs(text: &[u8]) -> usize {
    let mut tally = MarkTally::default();
    let at = |i: usize, s: &[u8]| text.get(i..i + s.len()) == Some(s);
    // Each of these marks opens with a space and its punctuation (or the
    // "n" and the apostrophe of "n't"): pairs that prose seldom holds, each
    // found by a vectorized search (a search for the punctuation alone
    // stops at every comma and period of the text).
    static PAIRS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 4]> =
        std::sync::LazyLock::new(|| {
            [" ,", " .", " '", "n'"].map(|pair| memchr::memmem::Finder::new(pair.as_bytes()))
        });
    for (k, pair) in PAIRS.iter().enumerate() {
        for at_pair in pair.find_iter(text) {
            let done = match k {
                0 if at(at_pair, b" , ") => tally.hit(0, at_pair),
                1 if at(at_pair, b" . ") => tally.hit(1, at_pair),
                2 if at(at_pair, b" 's ") => tally.hit(2, at_pair),
                2 if at(at_pair, b" ' ") => tally.hit(4, at_pair),
                3 if at_pair >= 1 && at(at_pair - 1, b" n't ") => tally.hit(3, at_pair - 1),
                _ => false,
            };
            if done {
                return tally.total;
            }
        }
    }
    for p in memchr::memchr3_iter(b';', b':', b'`', text) {
        let done = match text[p] {
            b'`' if at(p, b"``") => tally.hit(BACKTICKS, p),
            b';' if p >= 1 && at(p - 1, b" ; ") => tally.hit(7, p - 1),
            b':' if p >= 1 && at(p - 1, b" : ") => tally.hit(8, p - 1),
            _ => false,
        };
        if done {
            return tally.total;
        }
    }
    static LRB: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"-lrb-"));
    tally.total + LRB.find_iter(text).take(3).count()
}

/// Whether the text holds the marks PTB text is full of (and ordinary
/// prose has almost none of), the cheap gate of [`looks_tokenized`].
///
/// The marks hold no line break, so every mark of a text made of whole
/// lines of another (trimmed, in order) is a mark of that other text: when
/// a text has no marks, neither has any text made of its lines.
pub fn has_ptb_marks(text: &str) -> bool {
    gate_marks(text.as_bytes()) >= 2
}

/// Whether the text reads as PTB-tokenized.
pub fn looks_tokenized(text: &str) -> bool {
    has_ptb_marks(text) && reads_tokenized(text)
}

/// Whether a text that [`has_ptb_marks`] reads as PTB-tokenized: far more
/// punctuation and clitics stand alone than are attached to a word.
pub fn reads_tokenized(text: &str) -> bool {
    let mut split = 0usize; // punctuation or clitics standing alone
    let mut attached = 0usize; // the same attached to a word
    let mut markers = 0usize; // tokens only PTB makes: -lrb-, ``, n't alone
    for token in ascii_tokens(text, spaces_and_breaks) {
        let first = token.as_bytes()[0];
        // Every PTB token below opens with one of these bytes (0xE2 opens
        // the curly apostrophe); other tokens can only be attached ones.
        let special = matches!(
            first,
            b',' | b'.' | b';' | b':' | b'?' | b'!' | b'`' | b'\'' | b'n' | b'N' | b'-' | 0xE2
        );
        if special
            && (bracket(token).is_some() || token == "``" || token.eq_ignore_ascii_case("n't"))
        {
            markers += 1;
            split += 1;
        } else if special
            && (matches!(token, "," | "." | ";" | ":" | "?" | "!") || is_clitic(token))
        {
            split += 1;
        } else if token.chars().next().is_some_and(char::is_alphanumeric) {
            // (an ASCII last byte is the last character)
            let punct_attached =
                matches!(token.as_bytes()[token.len() - 1], b',' | b';' | b'?' | b'!');
            let clitic_attached = || {
                // (a plain loop: words are short)
                token.bytes().any(|b| b == b'\'' || b == 0xE2)
                    && (token.contains("'s") || token.contains("n't") || token.contains("’s"))
            };
            if punct_attached || clitic_attached() {
                attached += 1;
            }
        }
    }
    (split >= 3 && split >= 4 * attached) || (markers >= 1 && split >= 2 && split >= 2 * attached)
}

/// The non-empty runs of `text` between the bytes `separators` picks (it
/// marks them eight at a time, as the [`swar`] tests do), which must be
/// ASCII (so every run is whole characters). The separators are found
/// from a mask of eight bytes' worth, without a branch on every byte (a
/// byte loop's exit, once a token, was mispredicted most times: tokens
/// are short and of every length).
fn ascii_tokens(text: &str, separators: impl Fn(u64) -> u64) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    // the separators of the eight bytes at `chunk` not yet passed
    let mut chunk = 0;
    let mut mask = separators(swar::load_le(bytes, 0));
    std::iter::from_fn(move || loop {
        while mask == 0 {
            chunk += 8;
            if chunk >= bytes.len() {
                // (the last run, if any, ended by the text's end; then none)
                let token = &text[start..];
                start = bytes.len();
                return (!token.is_empty()).then_some(token);
            }
            mask = separators(swar::load_le(bytes, chunk));
        }
        let at = chunk + (mask.trailing_zeros() / 8) as usize;
        mask &= mask - 1;
        let token = &text[start..at];
        start = at + 1;
        if !token.is_empty() {
            return Some(token);
        }
    })
}

/// [`ascii_tokens`]' separators: spaces and line breaks.
fn spaces_and_breaks(x: u64) -> u64 {
    swar::equal(x, b' ') | swar::equal(x, b'\n')
}

/// [`ascii_tokens`]' separators: spaces.
fn spaces(x: u64) -> u64 {
    swar::equal(x, b' ')
}

/// Joins PTB tokens back into ordinary text, line by line.
///
/// Quote tokens (`'`, `"`, `` ` ``) alternate between opening and closing
/// across the whole document, because dumps often break lines inside a quote.
pub fn detokenize(text: &str) -> String {
    detokenize_with::<true>(text)
}

/// [`detokenize`], with words in a row copied as one run (`RUNS`) or one
/// by one (the plain way, which the tests compare it with).
fn detokenize_with<const RUNS: bool>(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut single_open = false;
    let mut double_open = false;
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        // no space before the next token
        let mut glue_next = true;
        // Words in a row, one space apart, come out as they are: the run of
        // them not yet written (start and end in `line`) is copied whole.
        let mut run: Option<(usize, usize)> = None;
        let write_run = |out: &mut String, run: Option<(usize, usize)>| {
            if let Some((a, b)) = run {
                out.push_str(&line[a..b]);
            }
        };
        for token in ascii_tokens(line, spaces) {
            // A token opening with a letter or digit is a word (but for the
            // clitic "n't"): it glues to nothing.
            let first = token.as_bytes()[0];
            let plain = first.is_ascii_alphanumeric() && !matches!(first, b'n' | b'N');
            if plain {
                let start = token.as_ptr() as usize - line.as_ptr() as usize;
                let end = start + token.len();
                match &mut run {
                    Some((_, last)) if RUNS && *last + 1 == start => *last = end,
                    _ => {
                        write_run(&mut out, run);
                        if !glue_next {
                            out.push(' ');
                        }
                        run = Some((start, end));
                    }
                }
                glue_next = false;
                continue;
            }
            write_run(&mut out, run.take());
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
        write_run(&mut out, run);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the gate counts, by separate searches for each mark.
    fn reference(t: &str) -> usize {
        MARKS
            .iter()
            .map(|m| {
                memchr::memmem::find_iter(t.as_bytes(), m.as_bytes())
                    .take(3)
                    .count()
            })
            .sum()
    }

    /// A way of counting the gate's marks, by name.
    type Gate = (&'static str, Box<dyn Fn(&[u8]) -> usize>);

    /// Each way of counting the gate's marks: the packed search (when the
    /// machine has it) and the pair searches.
    fn gates() -> Vec<Gate> {
        let mut gates: Vec<Gate> = vec![
            ("pairs", Box::new(gate_marks_by_pairs)),
            ("gate", Box::new(gate_marks)),
        ];
        if let Some(teddy) = long_marks_searcher() {
            gates.push(("packed", Box::new(|t| gate_marks_packed(teddy, t))));
        }
        gates
    }

    fn assert_gates_count_as_reference(t: &str) {
        for (name, gate) in gates() {
            assert_eq!(
                gate(t.as_bytes()).min(2),
                reference(t).min(2),
                "{name}: {t:?}"
            );
        }
    }

    #[test]
    fn the_marks_are_split_between_the_searches() {
        let mut places: Vec<usize> = LONG_MARKS.into_iter().chain([BACKTICKS]).collect();
        places.sort_unstable();
        assert_eq!(places, (0..MARKS.len()).collect::<Vec<_>>());
        assert!(LONG_MARKS.iter().all(|&m| MARKS[m].len() >= 3));
        assert_eq!(MARKS[BACKTICKS], "``");
        // (so the packed search is what the gate runs, and is tested, here)
        #[cfg(target_arch = "x86_64")]
        if std::is_x86_feature_detected!("ssse3") {
            assert!(long_marks_searcher().is_some());
        }
    }

    #[test]
    fn the_gate_counts_what_separate_searches_count() {
        let texts = [
            "",
            " , ",
            " , , , , ",
            "a , b . c",
            " , . ",
            "it 's here and it 's there",
            "do n't , wo n't",
            "`` quoted '' and `` again ''",
            "````",
            "```",
            "-lrb- a -rrb- -lrb-x-lrb-lrb-",
            " ' ' ' ",
            " 's ' ",
            "x ; y : z ; w",
            "Plain prose, with commas. And periods; and colons: fine.",
            "'s",
            " n't",
            ".,;:'`",
        ];
        // (as they are, shorter than a packed search takes, and inside
        // prose long enough for one)
        let prose = "Plain prose, with commas. And periods; and colons: it isn't odd. ";
        for t in texts {
            assert_gates_count_as_reference(t);
            for padded in [
                format!("{prose}{t}"),
                format!("{t}{prose}"),
                format!("{prose}{t}{prose}"),
            ] {
                assert_gates_count_as_reference(&padded);
            }
        }
    }

    /// Lists of up to `most` pieces drawn from `pool`.
    fn pieces_of(
        pool: Vec<&'static str>,
        most: usize,
    ) -> impl proptest::strategy::Strategy<Value = Vec<&'static str>> {
        proptest::collection::vec(proptest::sample::select(pool), 0..most)
    }

    /// The non-empty pieces `str::split` finds between `separators`.
    fn split_tokens<'t>(text: &'t str, separators: &[char]) -> Vec<&'t str> {
        text.split(separators).filter(|t| !t.is_empty()).collect()
    }

    #[test]
    fn ascii_tokens_are_the_non_empty_pieces_split_finds() {
        for text in [
            "",
            " ",
            "a",
            " a  b\nc \n\n d ",
            "é ü\nß  ,",
            "x\n",
            "eightchr ninechars seven77 a",
            "        ",
            "abcdefgh",
            "abcdefgh ",
        ] {
            let tokens: Vec<&str> = ascii_tokens(text, spaces_and_breaks).collect();
            assert_eq!(tokens, split_tokens(text, &[' ', '\n']), "{text:?}");
            let tokens: Vec<&str> = ascii_tokens(text, spaces).collect();
            assert_eq!(tokens, split_tokens(text, &[' ']), "{text:?}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

        /// Texts made of the marks' pieces and prose, long and short.
        #[test]
        fn the_gate_counts_what_separate_searches_count_in_any_text(
            pieces in pieces_of(vec![
                " ", ",", ".", "'", "s", "n", "t", "`", ";", ":", "-", "lrb", "-lrb-",
                " , ", " n't ", "``", "word", "Prose goes on, as prose does. ", "\n",
            ], 80)
        ) {
            let text = pieces.concat();
            for (name, gate) in gates() {
                proptest::prop_assert_eq!(
                    gate(text.as_bytes()).min(2),
                    reference(&text).min(2),
                    "{}: {:?}", name, text
                );
            }
        }

        /// Texts of every length, separators at every place within and
        /// across the eight-byte chunks the search reads.
        #[test]
        fn ascii_tokens_split_as_str_split_does(text in "[a ,\n'é`]{0,40}") {
            let tokens: Vec<&str> = ascii_tokens(&text, spaces_and_breaks).collect();
            proptest::prop_assert_eq!(tokens, split_tokens(&text, &[' ', '\n']));
            let tokens: Vec<&str> = ascii_tokens(&text, spaces).collect();
            proptest::prop_assert_eq!(tokens, split_tokens(&text, &[' ']));
        }

        /// Token lines (words, clitics, quotes, brackets; one space, two,
        /// or a line break between): copying words in runs changes nothing.
        #[test]
        fn words_copied_in_runs_come_out_as_one_by_one(
            pieces in pieces_of(vec![
                "word", "Two", "9", "n't", "'s", ",", ".", "``", "''", "'", "`", "\"",
                "-lrb-", "-RRB-", "$", "%", "(", ")", "é", "x-y", "", " ", "  ", "\n",
            ], 40)
        ) {
            let text = pieces.join(" ");
            proptest::prop_assert_eq!(
                detokenize_with::<true>(&text),
                detokenize_with::<false>(&text)
            );
        }
    }

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
