//! The sentence splitter.
//!
//! Text is first cut into *segments*: paragraphs (split at blank lines) and,
//! inside a paragraph, lines that stand on their own (a headline, a dateline,
//! a caption, a list item: a line without sentence-final punctuation that is
//! not a wrapped piece of the next one). A segment's end always ends a
//! sentence. Inside a segment, each `.`, `?`, `!` or ellipsis is a candidate,
//! decided by what precedes it (an abbreviation, an initial, a number, a list
//! number, a URL) and what follows it (a capital, a digit, a lowercase word, a
//! closing quote). A few things start a sentence without punctuation before
//! them: a bullet, the next number of an inline list, a picture credit label.
//!
//! Everything here works on byte offsets of the `&str`; [`crate::char_spans`]
//! turns them into the code-point offsets of the record contract.

use std::ops::Range;

use crate::words::{self, Abbrev};

/// Whether capital letters carry information in a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Casing {
    /// Decide from the text itself (news-core's `detect_case`).
    #[default]
    Auto,
    /// A lowercased text: capitals are no evidence of a sentence start.
    Lower,
    /// Ordinary text.
    Mixed,
}

/// Splits `text` into sentences: byte ranges, in order, not overlapping,
/// trimmed of whitespace, together covering every non-whitespace character.
pub fn split(text: &str) -> Vec<Range<usize>> {
    split_with(text, Casing::Auto)
}

/// [`split`] with the text's casing given (e.g. from news-normalize's
/// `normalize.case`); `Auto` decides with [`looks_caseless`].
pub fn split_with(text: &str, casing: Casing) -> Vec<Range<usize>> {
    let lower = casing.lower(text);
    let mut out = Vec::new();
    let mut starts = Vec::new();
    for_each_segment(text, lower, |seg| {
        starts.clear();
        Scanner {
            text,
            seg: seg.clone(),
            lower,
            sent_start: seg.start,
        }
        .run(&mut starts);
        let mut from = seg.start;
        for &b in starts.iter().chain(std::iter::once(&seg.end)) {
            let sentence = trim_range(text, from..b);
            if !sentence.is_empty() {
                out.push(sentence);
            }
            from = b;
        }
    });
    out
}

impl Casing {
    /// Whether capitals carry no evidence in `text` under this casing.
    pub fn lower(self, text: &str) -> bool {
        match self {
            Casing::Auto => news_core::text::detect_case(text).caseless(),
            Casing::Lower => true,
            Casing::Mixed => false,
        }
    }
}

// ---------------------------------------------------------------------------
// Segments: paragraphs and lines that stand alone.

/// Calls `f` with each segment's byte range (trimmed), in order.
fn for_each_segment(text: &str, lower: bool, mut f: impl FnMut(Range<usize>)) {
    let mut para: Vec<Range<usize>> = Vec::new();
    let mut pos = 0;
    while pos <= text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let line = trim_range(text, pos..end);
        pos = end + 1;
        if line.is_empty() {
            // a blank line: paragraph break
            paragraph_segments(text, &para, lower, &mut f);
            para.clear();
        } else {
            para.push(line);
        }
    }
    paragraph_segments(text, &para, lower, &mut f);
}

/// The segments of one paragraph (its non-blank, trimmed lines).
fn paragraph_segments(
    text: &str,
    lines: &[Range<usize>],
    lower: bool,
    f: &mut impl FnMut(Range<usize>),
) {
    let wrapped = hard_wrapped(text, lines);
    let mut seg: Option<Range<usize>> = None;
    for pair in lines.windows(2) {
        let (prev, line) = (&pair[0], &pair[1]);
        let s = seg.get_or_insert_with(|| prev.clone());
        let next = &text[line.clone()];
        let continues = if wrapped {
            !starts_with_bullet(next) && !starts_with_list_number(next)
        } else {
            joins(&text[prev.clone()], next, lower)
        };
        if continues {
            s.end = line.end;
        } else {
            f(s.clone());
            seg = Some(line.clone());
        }
    }
    match (seg, lines.last()) {
        (Some(s), _) => f(s),
        (None, Some(only)) => f(only.clone()),
        (None, None) => {}
    }
}

/// A paragraph hard-wrapped at a fixed width (as in e-mail and old wire
/// copy): three or more lines, all but the last nearly as long as the
/// longest. Its line ends are spaces.
fn hard_wrapped(text: &str, lines: &[Range<usize>]) -> bool {
    if lines.len() < 3 {
        return false;
    }
    let width = |r: &Range<usize>| text[r.clone()].chars().count();
    let widths: Vec<usize> = lines.iter().map(width).collect();
    let max = widths.iter().copied().max().unwrap_or(0);
    max >= 40 && widths[..widths.len() - 1].iter().all(|&w| w + 12 >= max)
}

/// `r` without the whitespace at its ends (empty if only whitespace).
fn trim_range(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let start = r.start + (s.len() - s.trim_start().len());
    let end = r.start + s.trim_end().len();
    if start >= end {
        start..start
    } else {
        start..end
    }
}

/// Whether line `next` continues the sentence of line `prev` (a wrapped
/// line) rather than `prev` standing on its own.
fn joins(prev: &str, next: &str, lower: bool) -> bool {
    if starts_with_bullet(next) || starts_with_list_number(next) {
        return false;
    }
    let last = prev.chars().next_back().unwrap_or(' ');
    let last_core = prev
        .trim_end_matches(|c: char| is_closer(c))
        .chars()
        .next_back()
        .unwrap_or(' ');
    if is_terminator(last_core) {
        // The scanner decides, seeing the newline as a space.
        return true;
    }
    if matches!(last, ',' | ';' | '-' | '–' | '(' | '&' | '/' | '+') {
        return true;
    }
    let last_word = prev
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    if last_word.len() <= 8 && words::function_word(&last_word.to_ascii_lowercase()) {
        return true;
    }
    if lower || last == ':' || starts_with_bullet(prev) || starts_with_list_number(prev) {
        return false;
    }
    // A lowercase start goes on a line of some length ("This is a
    // sentence\ncut off"); short lines are list entries ("features\ncontact").
    let first = next.chars().next().unwrap_or(' ');
    first.is_lowercase() && prev.split_whitespace().nth(2).is_some()
}

fn starts_with_bullet(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if is_bullet(c) => true,
        Some('-' | '*' | '+') => chars.next().is_some_and(char::is_whitespace),
        _ => false,
    }
}

/// "1. ", "2) ", "12.) " at the start of a line.
fn starts_with_list_number(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return false;
    }
    let rest = &s.as_bytes()[digits..];
    matches!(
        rest,
        [b'.' | b')', b' ' | b'\t', ..] | [b'.', b')', b' ' | b'\t', ..]
    )
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '◦'
            | '▪'
            | '▫'
            | '●'
            | '○'
            | '■'
            | '□'
            | '⁃'
            | '‣'
            | '∙'
            | '➢'
            | '➤'
            | '►'
            | '▸'
            | '✓'
            | '✔'
            | '☐'
            | '☑'
            | '·'
    )
}

fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '?' | '!' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '？' | '！' | '｡'
    )
}

/// Closing quotes and brackets that belong to the sentence they close.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | '」' | '』' | '）'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '«'
            | '‹'
            | '('
            | '['
            | '{'
            | '¿'
            | '¡'
            | '„'
            | '「'
            | '『'
            | '（'
    )
}

// ---------------------------------------------------------------------------
// Inside a segment.

/// What the word after a candidate boundary looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Next {
    /// Starts with a capital (or is a mixed-case brand like "iPhone").
    Upper,
    Lower,
    Digit,
    /// A symbol, currency sign, dash.
    Other,
}

struct Following<'t> {
    /// Byte offset of the next token (after whitespace).
    at: usize,
    kind: Next,
    /// The token without leading quotes/brackets or trailing punctuation.
    word: &'t str,
    /// The token began with an opening quote or bracket.
    opened: bool,
}

struct Scanner<'t> {
    text: &'t str,
    seg: Range<usize>,
    lower: bool,
    /// Where the current sentence starts.
    sent_start: usize,
}

impl<'t> Scanner<'t> {
    fn run(&mut self, starts: &mut Vec<usize>) {
        let forced = self.forced_starts();
        let mut forced = forced.into_iter().peekable();
        let bytes = self.text.as_bytes();
        let mut i = self.seg.start;
        while i < self.seg.end {
            while let Some(f) = forced.next_if(|&f| f <= i) {
                self.push(starts, f);
            }
            let b = bytes[i];
            let is_candidate = matches!(b, b'.' | b'?' | b'!') || (0xE2..=0xEF).contains(&b);
            if !is_candidate {
                i += 1;
                continue;
            }
            let c = self.text[i..].chars().next().expect("char at boundary");
            if !is_terminator(c) {
                i += c.len_utf8();
                continue;
            }
            let (resume, boundary) = self.candidate(i);
            if let Some(at) = boundary {
                // a forced start between here and the boundary comes first
                while let Some(f) = forced.next_if(|&f| f <= at) {
                    self.push(starts, f);
                }
                self.push(starts, at);
            }
            i = resume.max(i + c.len_utf8());
        }
        for f in forced {
            self.push(starts, f);
        }
    }

    fn push(&mut self, starts: &mut Vec<usize>, at: usize) {
        if at > self.sent_start && at < self.seg.end && starts.last().is_none_or(|&l| l < at) {
            starts.push(at);
            self.sent_start = at;
        }
    }

    /// Starts that need no punctuation before them: bullets inside the
    /// segment, the next numbers of an inline list, picture credit labels.
    fn forced_starts(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let seg = &self.text[self.seg.clone()];
        let base = self.seg.start;
        let mut prev_space = false;
        for (i, c) in seg.char_indices() {
            if prev_space && is_bullet(c) {
                out.push(base + i);
            }
            if c == ':' && i > 0 {
                let window = window_start(seg, i, MAX_WORD);
                let word_start = window + after_last_space(&seg[window..i]);
                let before = &seg[..i];
                let word = &before[word_start..];
                let follows_space = seg[i + 1..].starts_with(char::is_whitespace);
                let after_word = before[..word_start].trim_end();
                if word_start > 0
                    && follows_space
                    && words::credit_label(word)
                    && !after_word.ends_with([':', ',', '(', '-', '–', '—'])
                {
                    out.push(base + word_start);
                }
            }
            prev_space = c.is_whitespace();
        }
        self.list_starts(seg, base, &mut out);
        if let Some(at) = dateline_end(seg) {
            out.push(base + at);
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// "1) a 2) b", "a. x b. y", "1.) x 2.) y": a segment opening with a list
    /// marker, and the following markers in sequence.
    fn list_starts(&self, seg: &str, base: usize, out: &mut Vec<usize>) {
        let Some((label, style)) = list_marker(seg) else {
            return;
        };
        let mut next_label = label;
        let mut from = 0;
        loop {
            next_label = match next_label {
                Label::Number(n) => Label::Number(n + 1),
                Label::Letter(c) if c < b'z' => Label::Letter(c + 1),
                Label::Letter(_) => return,
            };
            let marker = match next_label {
                Label::Number(n) => format!("{n}{style}"),
                Label::Letter(c) => format!("{}{style}", c as char),
            };
            let mut found = None;
            let mut search = from;
            while let Some(p) = seg[search..].find(&marker) {
                let at = search + p;
                let before_ok = seg[..at].ends_with(char::is_whitespace);
                let after_ok = seg[at + marker.len()..].starts_with(char::is_whitespace);
                if before_ok && after_ok {
                    found = Some(at);
                    break;
                }
                search = at + marker.len();
            }
            match found {
                Some(at) => {
                    out.push(base + at);
                    from = at + marker.len();
                }
                None => return,
            }
        }
    }

    /// Decides the candidate terminator at byte `i`: returns where to go on
    /// scanning and the start of a new sentence, if one starts.
    fn candidate(&self, i: usize) -> (usize, Option<usize>) {
        let text = self.text;
        let end = self.seg.end;
        // The run of terminators: "." "?!" "..." "…" "!!".
        let mut j = i;
        let (mut dots, mut marks, mut ellipsis) = (0usize, 0usize, false);
        for c in text[i..end].chars() {
            match c {
                '.' => dots += 1,
                '…' => ellipsis = true,
                c if is_terminator(c) => marks += 1,
                _ => break,
            }
            j += c.len_utf8();
        }
        let attached = i > self.seg.start
            && !text[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace);
        // Spaced dots: ". . ." (an ellipsis written with spaces).
        if marks == 0 && !ellipsis && dots == 1 {
            let spaced = spaced_dots(text, j, end);
            if spaced.count >= 2 {
                return self.spaced_ellipsis(i, attached, spaced.count + 1, spaced.end);
            }
        }
        let run_end = j;
        // Closing quotes and brackets belong to this sentence.
        let mut k = run_end;
        for c in text[run_end..end].chars() {
            if is_closer(c) || (c == '“' && closes_curly(text, k + c.len_utf8(), end)) {
                k += c.len_utf8();
            } else {
                break;
            }
        }
        let closers = k > run_end;
        if k >= end {
            return (k, None);
        }
        // "[...]": an omission mark; it ends a sentence only where the quoted
        // text goes on with a capital.
        if (dots >= 3 || ellipsis)
            && text[..i].ends_with(['[', '('])
            && text[run_end..].starts_with([']', ')'])
        {
            let next = self.following(k);
            let starts = next.filter(|n| !self.lower && n.kind == Next::Upper && !n.opened);
            return (k, starts.map(|n| n.at));
        }
        let next_char = text[k..].chars().next().unwrap_or(' ');
        if !next_char.is_whitespace() {
            // No space after: "world.Today", "1,000.That".
            if !closers && dots == 1 && marks == 0 && !ellipsis && self.glued_sentence(i, run_end) {
                return (run_end, Some(run_end));
            }
            return (k, None);
        }
        let Some(next) = self.following(k) else {
            return (k, None);
        };
        if closers && next.word.is_empty() && text[next.at..].starts_with(['-', '–', '—']) {
            // "...a long game." - A. Writer: the attribution goes with the quote
            return (k, None);
        }
        let boundary = if marks > 0 {
            self.after_mark(closers, &next)
        } else if dots >= 2 || ellipsis {
            self.after_ellipsis(dots, ellipsis, &next)
        } else {
            self.after_period(i, closers, &next)
        };
        (k, boundary.then_some(next.at))
    }

    /// The token after whitespace from `k`.
    fn following(&self, k: usize) -> Option<Following<'t>> {
        let text = self.text;
        let rest = &text[k..self.seg.end];
        let skip = rest.len() - rest.trim_start().len();
        let at = k + skip;
        if at >= self.seg.end {
            return None;
        }
        let token_end = token_end(text, at, self.seg.end);
        let token = &text[at..token_end];
        let stripped = token.trim_start_matches(is_opener);
        let opened = stripped.len() < token.len();
        let word = stripped.trim_end_matches(|c: char| !c.is_alphanumeric());
        let first = stripped.chars().next().unwrap_or(' ');
        let kind = if first.is_uppercase() {
            Next::Upper
        } else if first.is_lowercase() {
            if stripped.chars().take(4).skip(1).any(char::is_uppercase) {
                Next::Upper // iPhone, eBay
            } else {
                Next::Lower
            }
        } else if first.is_numeric() {
            Next::Digit
        } else {
            Next::Other
        };
        Some(Following {
            at,
            kind,
            word,
            opened,
        })
    }

    /// The word right before byte `i` (back to whitespace or the sentence
    /// start), without opening quotes, brackets or bullets.
    fn word_before(&self, i: usize) -> (usize, &'t str) {
        let text = self.text;
        let floor = self
            .sent_start
            .max(self.seg.start)
            .max(window_start(text, i, MAX_WORD));
        let before = &text[floor..i];
        let start = floor + after_last_space(before);
        let mut w = &text[start..i];
        let mut w_start = start;
        while let Some(c) = w.chars().next() {
            if is_opener(c) || is_bullet(c) {
                w = &w[c.len_utf8()..];
                w_start += c.len_utf8();
            } else {
                break;
            }
        }
        (w_start, w)
    }

    /// Whether only bullets, quotes or brackets stand between the sentence
    /// start and `at`.
    fn opens_sentence_at(&self, at: usize) -> bool {
        self.text[self.sent_start.max(self.seg.start)..at]
            .chars()
            .all(|c| c.is_whitespace() || is_bullet(c) || is_opener(c) || matches!(c, '-' | '*'))
    }

    /// Whether `next` opens a sentence by the closed-class list.
    fn opens(&self, next: &Following) -> bool {
        if next.kind == Next::Digit || next.word.is_empty() || next.word.len() > 12 {
            return false;
        }
        if !self.lower && next.kind != Next::Upper {
            return false;
        }
        let lw = next.word.to_ascii_lowercase();
        if self.lower {
            // without capitals, only words that hardly go on a sentence count
            return words::opens_sentence_strongly(&lw);
        }
        words::opens_sentence(&lw) || (next.word == "I")
    }

    /// After `?` or `!` (possibly with dots or closers).
    fn after_mark(&self, closers: bool, next: &Following) -> bool {
        match next.kind {
            Next::Lower => {
                if !self.lower {
                    return false;
                }
                // a lowercased text: "...great!' she said" goes on
                !(closers && self.speech_tag(next))
            }
            _ => true,
        }
    }

    /// `she said`, `said the minister`: reported speech goes on after a quote.
    fn speech_tag(&self, next: &Following) -> bool {
        let lw = next.word.to_ascii_lowercase();
        if words::says(&lw) {
            return true;
        }
        if !matches!(
            lw.as_str(),
            "he" | "she" | "they" | "we" | "i" | "you" | "it" | "the" | "a" | "an" | "his" | "her"
        ) {
            return false;
        }
        let limit = floor_char_boundary(self.text, (next.at + 4 * MAX_WORD).min(self.seg.end));
        self.text[next.at..limit]
            .split_whitespace()
            .skip(1)
            .take(3)
            .any(|w| {
                words::says(
                    &w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_ascii_lowercase(),
                )
            })
    }

    /// After an unspaced ellipsis ("...", "…", "....").
    fn after_ellipsis(&self, dots: usize, ellipsis: bool, next: &Following) -> bool {
        if self.lower {
            return false; // nothing to tell a pause from an ending
        }
        match next.kind {
            Next::Upper => {
                dots >= 4 || !(next.word == "I" && (ellipsis || dots == 3)) || next.opened
            }
            Next::Other | Next::Digit => false,
            Next::Lower => false,
        }
    }

    /// A spaced ellipsis at `i` (". . ." or ". . . ."), `count` dots, ending
    /// at `run_end`.
    fn spaced_ellipsis(
        &self,
        i: usize,
        attached: bool,
        count: usize,
        run_end: usize,
    ) -> (usize, Option<usize>) {
        let text = self.text;
        let end = self.seg.end;
        let mut k = run_end;
        for c in text[run_end..end].chars() {
            if is_closer(c) {
                k += c.len_utf8();
            } else {
                break;
            }
        }
        let Some(next) = self.following(k) else {
            return (k, None);
        };
        if k == run_end && !text[k..].starts_with(char::is_whitespace) {
            return (k, None);
        }
        let capital = next.kind == Next::Upper && !self.lower;
        if attached && count >= 4 {
            // "word. . . . Next": the period ends the sentence, the ellipsis
            // opens the next one.
            return (k, capital.then_some(i + 1));
        }
        if !attached && count >= 4 && capital {
            return (k, Some(next.at));
        }
        (k, None)
    }

    /// "world.Today": a period glued to the next sentence's capital.
    fn glued_sentence(&self, i: usize, after: usize) -> bool {
        let text = self.text;
        let (w_start, w) = self.word_before(i);
        if w.len() < 2 || w.contains(['.', '@', '/', ':', '_']) {
            return false;
        }
        let word_ok = w.chars().all(|c| c.is_ascii_digit() || c == ',')
            || (w.chars().all(char::is_alphabetic) && w.chars().skip(1).all(char::is_lowercase));
        if !word_ok {
            return false;
        }
        let mut rest = text[after..self.seg.end].chars();
        let (Some(a), Some(b)) = (rest.next(), rest.next()) else {
            return false;
        };
        if !(a.is_uppercase() && b.is_lowercase()) {
            return false;
        }
        // the whole token must not be a URL, e-mail address or file name
        let token_end = token_end(text, after, self.seg.end);
        let token = &text[w_start..token_end];
        !token.contains(['@', '/']) && !token.to_ascii_lowercase().starts_with("www")
    }

    /// After a single period at `i`.
    fn after_period(&self, i: usize, closers: bool, next: &Following) -> bool {
        let lower_text = self.lower;
        if !lower_text && next.kind == Next::Lower {
            return false;
        }
        let (w_start, raw) = self.word_before(i);
        let w = raw.trim_end_matches(|c: char| is_closer(c));
        if w.is_empty() {
            // " ." (tokenized text) or a period after a closer
            return self.plain_word_ends(next);
        }
        // A list number or letter opening the sentence: "1. The first item".
        if is_list_label(w) && self.opens_sentence_at(w_start) {
            return false;
        }
        if closers {
            return match next.kind {
                Next::Lower => !self.speech_tag(next),
                _ => true,
            };
        }
        if w.contains('@') || w.contains("://") || w.to_ascii_lowercase().starts_with("www.") {
            return self.plain_word_ends(next);
        }
        // Numbers: "$100.00.", "1,000.", "3.5%."
        if w.chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '$' | '£' | '€' | '¥'))
            && w.chars()
                .last()
                .is_some_and(|c| c.is_ascii_digit() || c == '%')
        {
            return self.plain_word_ends(next);
        }
        let mut chars = w.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c.is_alphabetic() {
                return self.after_initial(c, w_start, next);
            }
        }
        let key = w.to_ascii_lowercase();
        let capitalized = w.chars().next().is_some_and(char::is_uppercase);
        let class = words::abbrev(&key).filter(|_| capitalized || !words::also_a_word(&key));
        match class {
            Some(Abbrev::Prefix) => false,
            Some(Abbrev::BeforeNumber) => {
                if next.kind == Next::Digit || next.word.starts_with('#') {
                    false
                } else {
                    self.plain_word_ends(next)
                }
            }
            Some(Abbrev::Month) => next.kind != Next::Digit && self.opens(next),
            Some(Abbrev::Time) => self.after_time(w_start, next),
            Some(Abbrev::MayEnd) => {
                if key == "etc" {
                    self.plain_word_ends(next)
                } else {
                    self.opens(next)
                }
            }
            None => self.plain_word_ends(next),
        }
    }

    /// A period after an ordinary word ends the sentence before anything but
    /// a lowercase word (in a lowercased text, before anything).
    fn plain_word_ends(&self, next: &Following) -> bool {
        self.lower || next.kind != Next::Lower
    }

    /// A single letter and a period: an initial (J. K. Rowling), or the
    /// pronoun "I" closing a sentence ("you and I. Did...").
    fn after_initial(&self, c: char, w_start: usize, next: &Following) -> bool {
        if !c.is_uppercase() {
            if c == 'p' && next.kind == Next::Digit {
                return false; // "p. 55"
            }
            // "option b." in running text: an ordinary word
            return self.plain_word_ends(next);
        }
        let prev = self.text[self.sent_start.max(self.seg.start)..w_start]
            .split_whitespace()
            .next_back();
        let prev_lower = prev.is_none_or(|p| {
            p.trim_start_matches(is_opener)
                .chars()
                .next()
                .is_some_and(|c| !c.is_uppercase())
        });
        if c == 'I' && prev.is_some() && prev_lower {
            return self.plain_word_ends(next);
        }
        prev_lower && prev.is_some() && self.opens(next)
    }

    /// After "a.m."/"p.m.": a day or time zone goes on; a capital starts a
    /// new sentence unless the time opened this one ("At 5 a.m. Mr. Smith").
    fn after_time(&self, w_start: usize, next: &Following) -> bool {
        let lw = next.word.to_ascii_lowercase();
        if words::continues_time(&lw) {
            return false;
        }
        if self.opens(next) {
            return true;
        }
        if self.lower || next.kind != Next::Upper {
            return false;
        }
        let before: Vec<&str> = self.text[self.sent_start.max(self.seg.start)..w_start]
            .split_whitespace()
            .take(4)
            .collect();
        let intro = before.len() <= 3
            && before.first().is_some_and(|f| {
                words::opens_time_phrase(
                    &f.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_ascii_lowercase(),
                )
            });
        !intro
    }
}

/// Longest word looked at around a candidate (bytes): abbreviations, labels
/// and list numbers are far shorter, and the bound keeps the scan linear on
/// texts without spaces.
const MAX_WORD: usize = 64;

/// A char boundary at most `max` bytes before `i`.
fn window_start(s: &str, i: usize, max: usize) -> usize {
    let mut p = i.saturating_sub(max);
    while !s.is_char_boundary(p) {
        p += 1;
    }
    p
}

/// The end of the token at `at` (next whitespace, the end, or `MAX_WORD`
/// bytes on).
fn token_end(text: &str, at: usize, end: usize) -> usize {
    let limit = floor_char_boundary(text, (at + MAX_WORD).min(end)).max(at);
    text[at..limit]
        .find(char::is_whitespace)
        .map_or(limit, |p| at + p)
}

/// The byte offset just after the last whitespace character of `s` (0 if none).
fn after_last_space(s: &str) -> usize {
    s.char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(p, c)| p + c.len_utf8())
}

/// `“` right after a terminator closes the quote (a common typo) when
/// whitespace or the end follows it.
fn closes_curly(text: &str, after: usize, end: usize) -> bool {
    after >= end || text[after..].starts_with(char::is_whitespace)
}

struct Spaced {
    /// Dots after the first, each preceded by one space.
    count: usize,
    end: usize,
}

/// Counts " ." repeats from `from`.
fn spaced_dots(text: &str, from: usize, end: usize) -> Spaced {
    let b = text.as_bytes();
    let mut count = 0;
    let mut p = from;
    while p + 1 < end && b[p] == b' ' && b[p + 1] == b'.' {
        count += 1;
        p += 2;
    }
    Spaced { count, end: p }
}

/// A dateline opening a paragraph ("SPRINGFIELD, Ill. (Wire) — Text",
/// "Springfield, Illinois, United States - Text"): the byte offset of the
/// text after its dash. The place is capitalized words, with a comma or an
/// agency in brackets or in capitals, and a capital follows the dash.
fn dateline_end(seg: &str) -> Option<usize> {
    let head = &seg[..floor_char_boundary(seg, 90)];
    let (p, dash) = [" - ", " – ", " — "]
        .iter()
        .filter_map(|d| head.find(d).map(|p| (p, d.len())))
        .min()?;
    let place = &seg[..p];
    let words: Vec<&str> = place.split_whitespace().collect();
    if words.is_empty() || words.len() > 8 {
        return None;
    }
    let capitalized = words.iter().all(|w| {
        let w = w.trim_start_matches('(');
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
            || matches!(w, "and" | "of" | "de" | "la" | "del" | "am" | "upon")
    });
    let marked = place.contains([',', '('])
        || place
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
    let after = seg[p + dash..].trim_start();
    let at = seg.len() - after.len();
    let next = after.chars().next()?;
    (capitalized && marked && (next.is_uppercase() || is_opener(next))).then_some(at)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A list label: up to three digits, one letter, or a roman numeral.
fn is_list_label(w: &str) -> bool {
    let w = w.trim_start_matches(|c: char| is_bullet(c) || c == '-');
    let w = w.strip_prefix('(').unwrap_or(w);
    let w = w.strip_suffix(')').unwrap_or(w);
    (!w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()))
        || (w.len() == 1 && w.bytes().all(|b| b.is_ascii_alphabetic()))
        || matches!(
            w,
            "i" | "ii"
                | "iii"
                | "iv"
                | "v"
                | "vi"
                | "vii"
                | "viii"
                | "ix"
                | "x"
                | "I"
                | "II"
                | "III"
                | "IV"
                | "V"
                | "VI"
                | "VII"
                | "VIII"
                | "IX"
                | "X"
        )
}

#[derive(Clone, Copy)]
enum Label {
    Number(u32),
    Letter(u8),
}

/// The list marker a segment opens with: its label and style (".", ")", ".)").
fn list_marker(seg: &str) -> Option<(Label, &'static str)> {
    let b = seg.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let (label, rest) = if (1..=3).contains(&digits) {
        (Label::Number(seg[..digits].parse().ok()?), &b[digits..])
    } else if b.len() > 1 && b[0].is_ascii_lowercase() {
        (Label::Letter(b[0]), &b[1..])
    } else {
        return None;
    };
    let style = match rest {
        [b'.', b')', b' ', ..] => ".)",
        [b')', b' ', ..] => ")",
        [b'.', b' ', ..] => ".",
        _ => return None,
    };
    Some((label, style))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            sents("The dam held. Water fell."),
            ["The dam held.", "Water fell."]
        );
        assert_eq!(
            sents("Is it safe? Nobody knows!"),
            ["Is it safe?", "Nobody knows!"]
        );
        assert_eq!(sents(""), Vec::<&str>::new());
        assert_eq!(sents("  \n\n "), Vec::<&str>::new());
    }
}
