//! Finding, typing and naming the entities of one document.
//!
//! Cased text: runs of capitalized words (with connectors like "of the",
//! "bin", "al-") are candidate names; sentence-initial common words, titles
//! and calendar words are cut off; the name lists split and type what they
//! know; cue words (Ministry, River, Airport, War), titles, given names and
//! verbs of saying type the rest. Lowercased text: the name lists alone, and
//! given name + surname pairs, precision first. Then, per document, acronyms
//! take their expansion's name and a surname alone takes the full name it
//! follows.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::resources::{Entry, Resources};
use crate::tokens::{tokenize, Token};
use crate::words;

/// One entity mention (byte offsets).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub label: &'static str,
    pub canonical: String,
    /// How sure the label is: from a list or a cue (true) or a guess.
    pub(crate) known: bool,
    /// The list rank of a listed name (0 for others).
    pub(crate) rank: u8,
    /// Kept only if linking finds whom it names (a lone capitalized word
    /// that may be a surname: "Calder" after "Ines Calder").
    pub(crate) tentative: bool,
}

impl Mention {
    /// A mention of tokens `[a, b)` that a name list supplied.
    fn listed(tokens: &[Token], a: usize, b: usize, e: &Entry) -> Mention {
        Mention {
            start: tokens[a].start,
            end: tokens[b - 1].end,
            label: e.label,
            canonical: e.canonical.clone(),
            known: true,
            rank: e.rank,
            tentative: false,
        }
    }

    /// A mention of tokens `[a, b)` that no list supplied.
    fn of_tokens(
        tokens: &[Token],
        a: usize,
        b: usize,
        label: &'static str,
        canonical: String,
        known: bool,
    ) -> Mention {
        Mention {
            start: tokens[a].start,
            end: tokens[b - 1].end,
            label,
            canonical,
            known,
            rank: 0,
            tentative: false,
        }
    }
}

/// Finds the entities of `text`. `sentence_starts` are byte offsets of the
/// sentence starts (sorted); `lower` says the text has no case evidence.
pub fn recognize(
    text: &str,
    sentence_starts: &[usize],
    lower: bool,
    res: &Resources,
) -> Vec<Mention> {
    let tokens = tokenize(text);
    let mut initial = vec![false; tokens.len()];
    {
        let mut s = sentence_starts.iter().peekable();
        let mut at_start = true;
        for (i, t) in tokens.iter().enumerate() {
            while s.peek().is_some_and(|&&b| b <= t.start) {
                s.next();
                at_start = true;
            }
            if at_start {
                initial[i] = true;
                // an opening quote or bracket keeps the next word initial
                at_start = !t.word;
            }
        }
    }
    let mut mentions = if lower {
        lowercase_mentions(&tokens, res)
    } else {
        cased_mentions(text, &tokens, &initial, res)
    };
    mentions.sort_by_key(|m| (m.start, m.end));
    mentions.dedup_by(|b, a| b.start < a.end); // no overlaps; the earlier wins
    link(text, &mut mentions, lower);
    mentions
}

fn lw(t: &Token) -> String {
    t.text.trim_end_matches('.').to_lowercase()
}

/// Whether a token can be part of a name in cased text.
fn name_token(t: &Token) -> bool {
    if !t.word || t.text == "I" {
        return false;
    }
    if t.capitalized() || t.acronym() {
        return true;
    }
    // al-Moussawi, el-Sisi, bin-Laden style prefixes
    let lower = t.text;
    [
        "al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-", "bin-", "abu-",
    ]
    .iter()
    .any(|p| {
        lower.len() > p.len()
            && lower.starts_with(p)
            && lower[p.len()..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    })
}

/// Evidence about the words of a document: which appear in lowercase, which
/// capitalized in mid-sentence.
struct Casing {
    lower_seen: HashSet<String>,
    cap_mid: HashSet<String>,
    cap_mid_twice: HashSet<String>,
}

impl Casing {
    fn of(tokens: &[Token], initial: &[bool], headline: &[bool]) -> Casing {
        let mut c = Casing {
            lower_seen: HashSet::default(),
            cap_mid: HashSet::default(),
            cap_mid_twice: HashSet::default(),
        };
        for (i, t) in tokens.iter().enumerate() {
            if !t.word {
                continue;
            }
            if t.lowercase_start() {
                c.lower_seen.insert(t.text.to_string());
            } else if (t.capitalized() || t.acronym()) && !initial[i] && !headline[i] {
                let w = t.text.to_lowercase();
                if !c.cap_mid.insert(w.clone()) {
                    c.cap_mid_twice.insert(w);
                }
            }
        }
        c
    }
}

fn cased_mentions(text: &str, tokens: &[Token], initial: &[bool], res: &Resources) -> Vec<Mention> {
    let headline = headline_sentences(tokens, initial);
    let casing = Casing::of(tokens, initial, &headline);
    let run = Run {
        text,
        tokens,
        casing: &casing,
        headline: &headline,
        res,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        if !name_token(&tokens[i]) {
            i += 1;
            continue;
        }
        // grow the run
        let start = i;
        let mut end = i + 1;
        loop {
            if end < tokens.len() && !initial[end] && name_token(&tokens[end]) {
                end += 1;
                continue;
            }
            // connectors (up to two) followed by a name word
            let mut j = end;
            while j < tokens.len()
                && j < end + 2
                && tokens[j].word
                && !initial[j]
                && words::connector(&tokens[j].text.to_lowercase())
            {
                j += 1;
            }
            if j > end && j < tokens.len() && !initial[j] && name_token(&tokens[j]) {
                let conn = tokens[end].text.to_lowercase();
                let prev = lw(&tokens[end - 1]);
                let head =
                    words::label_by_head(&prev).is_some() || words::label_by_last(&prev).is_some();
                let joins = !words::weak_connector(&conn)
                    || (head && conn != "and")
                    || known_prefix(text, tokens, start, j + 1, res);
                if joins {
                    end = j + 1;
                    continue;
                }
            }
            // "Johnson & Johnson"
            if end + 1 < tokens.len() && tokens[end].is("&") && name_token(&tokens[end + 1]) {
                end += 2;
                continue;
            }
            break;
        }
        run.chunk(initial, start, end, &mut out);
        i = end;
    }
    out
}

/// Whether [a, b) is a listed name or the start of a listed name of up to
/// three more words ("Islamic State of Iraq" + "and the Levant").
fn known_prefix(text: &str, tokens: &[Token], a: usize, b: usize, res: &Resources) -> bool {
    (b..=(b + 3).min(tokens.len())).any(|e| known(text, tokens, a, e, res).is_some())
}

/// Token indexes of sentences written in title case (headlines): most
/// longer words capitalized. Names there need outside evidence.
fn headline_sentences(tokens: &[Token], initial: &[bool]) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    let mut s = 0;
    while s < tokens.len() {
        let mut e = s + 1;
        while e < tokens.len() && !initial[e] {
            e += 1;
        }
        let long: Vec<&Token> = tokens[s..e]
            .iter()
            .filter(|t| t.word && t.text.len() >= 4)
            .collect();
        let caps = long.iter().filter(|t| t.capitalized()).count();
        if long.len() >= 5 && caps * 10 >= long.len() * 8 {
            out[s..e].iter_mut().for_each(|x| *x = true);
        }
        s = e;
    }
    out
}

/// What typing a run of name words looks at, besides the run itself.
struct Run<'a, 't> {
    text: &'a str,
    tokens: &'a [Token<'t>],
    casing: &'a Casing,
    /// Tokens of title-case (headline) sentences.
    headline: &'a [bool],
    res: &'a Resources,
}

impl Run<'_, '_> {
    /// Types the run [a, b): a listed whole, or parts split at titles.
    fn chunk(&self, initial: &[bool], mut a: usize, b: usize, out: &mut Vec<Mention>) {
        let Run {
            text,
            tokens,
            casing,
            res,
            ..
        } = *self;
        if b - a == 1 && words::calendar(&lw(&tokens[a])) {
            return;
        }
        // Whole run known as it is ("General Motors", "Bank of England")?
        if let Some(m) =
            known(text, tokens, a, b, res).filter(|m| plausible_single(tokens, a, b, m, res))
        {
            out.push(m);
            return;
        }
        // Sentence-initial common word: "However", "Police", "The".
        while a < b && skip_initial(tokens, initial, a, casing, res) {
            a += 1;
            while a < b && !name_token(&tokens[a]) {
                a += 1;
            }
        }
        // Split at titles: "U.S. President Donald Trump" -> U.S. | Donald Trump.
        let mut part_start = a;
        let mut titled = a > 0 && is_title(&tokens[a - 1]) || title_before(tokens, a);
        let mut k = a;
        while k < b {
            let w = lw(&tokens[k]);
            let rest_person = k + 1 < b && !words::connector(&tokens[k + 1].text.to_lowercase());
            if words::title(&w) && (!words::weak_title(&w) || rest_person) {
                self.part(part_start, k, titled, out);
                titled = true;
                k += 1;
                while k < b
                    && (words::title(&lw(&tokens[k]))
                        || words::connector(&tokens[k].text.to_lowercase()))
                {
                    k += 1;
                }
                part_start = k;
            } else {
                k += 1;
            }
        }
        self.part(part_start, b, titled, out);
    }

    /// Types a title-free part [a, b) of a run, splitting off listed names.
    fn part(&self, mut a: usize, mut b: usize, titled: bool, out: &mut Vec<Mention>) {
        let Run {
            text, tokens, res, ..
        } = *self;
        // trim connectors and non-name words at the edges
        while a < b
            && (!name_token(&tokens[a])
                || words::calendar(&lw(&tokens[a]))
                || words::not_a_name(&lw(&tokens[a])))
        {
            a += 1;
        }
        while b > a && !name_token(&tokens[b - 1]) {
            b -= 1;
        }
        if a >= b {
            return;
        }
        if let Some(m) =
            known(text, tokens, a, b, res).filter(|m| plausible_single(tokens, a, b, m, res))
        {
            out.push(m);
            return;
        }
        // a cue-typed whole ("Iraqi Army", "Tigris River", "Ministry of Defence")
        if let Some(label) = cue_label(tokens, a, b) {
            out.push(Mention::of_tokens(
                tokens,
                a,
                b,
                label,
                canonical_text(tokens, a, b),
                true,
            ));
            return;
        }
        // a person's name that happens to hold a place name ("Barack Obama")
        if looks_like_person(tokens, a, b, res) {
            out.push(Mention::of_tokens(
                tokens,
                a,
                b,
                "PERSON",
                canonical_text(tokens, a, b),
                true,
            ));
            return;
        }
        // listed names inside, longest first from the left
        let mut k = a;
        let mut rest_start = a;
        while k < b {
            let mut found = None;
            for n in (1..=res.max_tokens.min(b - k)).rev() {
                if let Some(m) = known(text, tokens, k, k + n, res) {
                    found = Some((n, m));
                    break;
                }
            }
            match found {
                Some((n, m)) if n < b - a && m.rank >= 6 => {
                    self.guess(rest_start, k, titled, out);
                    out.push(m);
                    k += n;
                    rest_start = k;
                }
                _ => k += 1,
            }
        }
        self.guess(rest_start, b, titled, out);
    }

    /// Types an unlisted run by its shape and context.
    fn guess(&self, mut a: usize, mut b: usize, titled: bool, out: &mut Vec<Mention>) {
        let Run {
            tokens,
            casing,
            headline,
            res,
            ..
        } = *self;
        while a < b && !name_token(&tokens[a]) {
            a += 1;
        }
        while b > a && !name_token(&tokens[b - 1]) {
            b -= 1;
        }
        if a >= b {
            return;
        }
        let n = b - a;
        let first = lw(&tokens[a]);
        if n == 1 && (words::calendar(&first) || words::not_a_name(&first)) {
            return;
        }
        if headline[a] && !casing.cap_mid.contains(&first) && !titled {
            return; // a title-case headline word with no other evidence
        }
        let next = tokens.get(b).filter(|t| t.word).map(lw);
        let said = next.as_deref().is_some_and(words::says);
        let given = res.given.contains(&first);
        let label = if let Some(l) = cue_label(tokens, a, b) {
            l
        } else if n == 1 && tokens[a].acronym() {
            "ORG"
        } else if (titled && n <= 4)
            || (n >= 2 && (given || (said && n <= 4) || looks_like_person(tokens, a, b, res)))
            || (n == 1 && (said || (given && !res.is_word(&first))))
        {
            "PERSON"
        } else if n == 1 && words::language(&first) {
            "LANGUAGE"
        } else if n == 1 && !mentioned_again(tokens, a, casing) {
            // one capitalized word with no other evidence: a surname, if the
            // text names someone by it, else nothing
            out.push(Mention {
                tentative: true,
                ..Mention::of_tokens(tokens, a, b, "ORG", canonical_text(tokens, a, b), false)
            });
            return;
        } else if n == 1 && res.surnames.contains(&first) && !res.is_word(&first) {
            "PERSON"
        } else {
            "ORG"
        };
        out.push(Mention::of_tokens(
            tokens,
            a,
            b,
            label,
            canonical_text(tokens, a, b),
            label != "ORG" || n > 1,
        ));
    }
}

fn is_title(t: &Token) -> bool {
    t.word && words::title(&lw(t))
}

/// A title right before `a`, maybe with its period: "Lt. Gen.", "Mr."
fn title_before(tokens: &[Token], a: usize) -> bool {
    a >= 2 && tokens[a - 1].is(".") && is_title(&tokens[a - 2])
}

fn skip_initial(
    tokens: &[Token],
    initial: &[bool],
    a: usize,
    casing: &Casing,
    res: &Resources,
) -> bool {
    let t = &tokens[a];
    let w = t.text.to_lowercase();
    if words::calendar(&w) || words::not_a_name(&w) {
        return true;
    }
    if matches!(w.as_str(), "the" | "a" | "an") || stopword(&w) || contraction(t.text) {
        return true;
    }
    if !initial[a] || t.acronym() {
        return false;
    }
    if casing.cap_mid.contains(&w) {
        return false;
    }
    // "Maria Okafor said": a given name before another name word
    if res.given.contains(&w)
        && tokens
            .get(a + 1)
            .is_some_and(|n| name_token(n) && !n.acronym())
    {
        return false;
    }
    if res.names.contains_key(&w) && !res.is_word(&w) {
        return false;
    }
    res.is_word(&w) || casing.lower_seen.contains(&w)
}

/// A one-word list match that is also a common word ("March", "University",
/// "Police" are towns somewhere) needs a well-known place; a given name
/// matched as a small place ("Gloria") is a person.
fn plausible_single(tokens: &[Token], a: usize, b: usize, m: &Mention, res: &Resources) -> bool {
    if b - a != 1 || m.rank >= 10 {
        return true;
    }
    let w = lw(&tokens[a]);
    if words::calendar(&w) || stopword(&w) {
        return false;
    }
    if m.label == "GPE" && m.rank < 7 && res.given.contains(&w) {
        return false;
    }
    !res.is_word(&w) || m.rank >= 6
}

/// Function words that are never names, even capitalized in a headline.
fn stopword(w: &str) -> bool {
    matches!(
        w,
        "in" | "on"
            | "at"
            | "to"
            | "for"
            | "of"
            | "by"
            | "with"
            | "from"
            | "as"
            | "it"
            | "its"
            | "we"
            | "he"
            | "she"
            | "they"
            | "you"
            | "our"
            | "his"
            | "her"
            | "their"
            | "this"
            | "that"
            | "these"
            | "those"
            | "there"
            | "and"
            | "but"
            | "or"
            | "if"
            | "when"
            | "while"
            | "after"
            | "before"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "not"
            | "no"
            | "yes"
            | "so"
            | "all"
            | "what"
            | "who"
            | "how"
            | "why"
            | "where"
            | "which"
            | "my"
            | "me"
            | "us"
            | "them"
    )
}

/// "I'm", "We're", "Don't": a contraction, not a name.
fn contraction(w: &str) -> bool {
    let w = w.replace('’', "'").to_lowercase();
    ["'m", "'re", "'ve", "'ll", "'d", "n't"]
        .iter()
        .any(|c| w.ends_with(c))
}

/// The whole run [a, b) as a listed name.
fn known(text: &str, tokens: &[Token], a: usize, b: usize, res: &Resources) -> Option<Mention> {
    if b - a > res.max_tokens || a >= b {
        return None;
    }
    let key = key(tokens, a, b);
    let e = res.names.get(&key)?;
    let surface = &text[tokens[a].start..tokens[b - 1].end];
    if let Some(exact) = &e.exact_case {
        if exact != surface {
            return None;
        }
    }
    Some(Mention::listed(tokens, a, b, e))
}

fn key(tokens: &[Token], a: usize, b: usize) -> String {
    crate::tokens::key(&tokens[a..b])
}

fn cue_label(tokens: &[Token], a: usize, b: usize) -> Option<&'static str> {
    if b - a >= 2 {
        if let Some(l) = words::label_by_last(&lw(&tokens[b - 1])) {
            return Some(l);
        }
        if let Some(l) = words::label_by_first(&lw(&tokens[a])) {
            return Some(l);
        }
    }
    // "<Head> of X", "Foundation for the Visual Arts"
    let of = (a + 1..b).find(|&k| tokens[k].is("of") || tokens[k].is("for"))?;
    let head = lw(&tokens[of - 1]);
    words::label_by_head(&head).or_else(|| words::label_by_last(&head))
}

/// A single unknown word earns a mention when it recurs capitalized in
/// mid-sentence and is not a common word capitalized for emphasis.
fn mentioned_again(tokens: &[Token], a: usize, casing: &Casing) -> bool {
    let w = tokens[a].text.to_lowercase();
    casing.cap_mid_twice.contains(&w) && !casing.lower_seen.contains(&w)
}

/// Two to four capitalized words shaped like a person's name: a given name
/// first, or a surname first or last that is not a common word.
fn looks_like_person(tokens: &[Token], a: usize, b: usize, res: &Resources) -> bool {
    let n = b - a;
    if !(2..=4).contains(&n)
        || tokens[a..b]
            .iter()
            .any(|t| !t.word || t.acronym() || !name_token(t))
    {
        return false;
    }
    let first = lw(&tokens[a]);
    let last = lw(&tokens[b - 1]);
    if words::label_by_last(&last).is_some() || res.is_word(&last) && !res.surnames.contains(&last)
    {
        return false;
    }
    if res
        .names
        .get(&first)
        .is_some_and(|e| e.rank >= 9 && e.label != "PERSON")
    {
        return false; // "Afghan Ambassador ...", "U.S. ..."
    }
    // "Warhol Polaroids": a plural common noun last is a thing, not a surname
    if !res.given.contains(&first)
        && last.len() > 3
        && last.ends_with('s')
        && res.is_word(&last[..last.len() - 1])
    {
        return false;
    }
    let any_word = tokens[a..b].iter().any(|t| res.is_word(&lw(t)));
    // "Lam Cheuk-ting", "Kim Min-woo": a hyphenated given name last
    let hyphenated = tokens[b - 1].text.split('-').count() == 2
        && tokens[b - 1]
            .text
            .split('-')
            .all(|p| (2..=6).contains(&p.len()));
    res.given.contains(&first)
        || !any_word
        || hyphenated
        || (res.surnames.contains(&last) && !res.is_word(&first))
}

/// A name as one string: the words of the span, one space apart.
fn canonical_text(tokens: &[Token], a: usize, b: usize) -> String {
    let mut s = String::new();
    for t in &tokens[a..b] {
        if !s.is_empty() && t.word {
            s.push(' ');
        }
        s.push_str(t.text);
    }
    s
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lowercased text: listed names, and given name + surname pairs.
fn lowercase_mentions(tokens: &[Token], res: &Resources) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut k = 0;
    while k < tokens.len() {
        if !tokens[k].word {
            k += 1;
            continue;
        }
        let mut matched = false;
        for n in (1..=res.max_tokens.min(tokens.len() - k)).rev() {
            if !tokens[k + n - 1].word {
                continue;
            }
            let key = key(tokens, k, k + n);
            let Some(e) = res.names.get(&key) else {
                continue;
            };
            if e.exact_case.is_some() {
                continue;
            }
            // a single common word is a name only when the list is sure
            if n == 1 && res.is_word(&key) && e.rank < 10 {
                continue;
            }
            if n == 1 && e.rank < 6 {
                continue; // small towns named like anything
            }
            out.push(Mention::listed(tokens, k, k + n, e));
            k += n;
            matched = true;
            break;
        }
        if matched {
            continue;
        }
        // given name + surname, neither a common word
        let w = tokens[k].text;
        if k + 1 < tokens.len()
            && tokens[k + 1].word
            && res.given.contains(w)
            && !res.is_word(w)
            && !res.is_word(tokens[k + 1].text)
            && tokens[k + 1].text.chars().all(char::is_alphabetic)
            && (res.surnames.contains(tokens[k + 1].text) || tokens[k + 1].text.len() >= 4)
        {
            let mut end = k + 2;
            if end < tokens.len()
                && tokens[end].word
                && res.surnames.contains(tokens[end].text)
                && !res.is_word(tokens[end].text)
            {
                end += 1;
            }
            out.push(lowercase_person(tokens, k, end, true));
            k = end;
            continue;
        }
        // two or three rare words in a row ("hamdullah mohib"), or rare words
        // after a title ("ambassador mohib"): a person
        let rare = |t: &Token| {
            t.word
                && t.text.len() >= 3
                && t.text
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                && !res.is_word(t.text)
                && !stopword(t.text)
                && !words::calendar(t.text)
                && !words::title(t.text)
        };
        let titled = k > 0 && tokens[k - 1].word && words::title(&lw(&tokens[k - 1]));
        let mut end = k;
        while end < tokens.len() && end < k + 3 && rare(&tokens[end]) {
            end += 1;
        }
        if end - k >= 2 || (end - k == 1 && titled) {
            out.push(lowercase_person(tokens, k, end, false));
            k = end;
            continue;
        }
        k += 1;
    }
    // a surname alone after the full name
    let surnames: HashSet<&str> = out
        .iter()
        .filter(|m| m.label == "PERSON")
        .filter_map(|m| tokens.iter().rev().find(|t| t.end == m.end).map(|t| t.text))
        .collect();
    // `out` is in text order: walk it beside the tokens to skip covered ones
    let mut extra = Vec::new();
    let mut j = 0;
    for (i, t) in tokens.iter().enumerate() {
        while j < out.len() && out[j].end <= t.start {
            j += 1;
        }
        let covered = j < out.len() && out[j].start < t.end;
        if !covered && surnames.contains(t.text) {
            extra.push(Mention::of_tokens(
                tokens,
                i,
                i + 1,
                "PERSON",
                title_case(t.text),
                false,
            ));
        }
    }
    out.extend(extra);
    out
}

/// A person found in lowercased text, named in title case.
fn lowercase_person(tokens: &[Token], a: usize, b: usize, known: bool) -> Mention {
    let canonical = title_case(&canonical_text(tokens, a, b));
    Mention::of_tokens(tokens, a, b, "PERSON", canonical, known)
}

/// Per-document naming: acronyms take their expansion's canonical name, a
/// surname alone takes the full name it refers to, and one surface keeps one
/// label.
fn link(text: &str, mentions: &mut Vec<Mention>, lower: bool) {
    // Acronym definitions: "Islamic State of Iraq and the Levant (ISIL)".
    let mut acronyms: HashMap<String, (String, &'static str)> = HashMap::default();
    for m in mentions.iter() {
        let after = text[m.end..].trim_start();
        if let Some(rest) = after.strip_prefix('(') {
            let inner: String = rest.chars().take_while(|&c| c != ')').collect();
            let inner = inner.trim();
            if inner.len() >= 2
                && inner.len() <= 8
                && inner.chars().all(|c| c.is_uppercase() || c == '.')
                && m.end - m.start > inner.len()
            {
                acronyms.insert(inner.to_string(), (m.canonical.clone(), m.label));
            }
        }
    }
    // Full person names, by surname and by given name.
    let mut people: Vec<(usize, String, String, String)> = Vec::new(); // (start, first, last, canonical)
    let mut orgs: Vec<(Vec<String>, String)> = Vec::new(); // (lowercased words, canonical)
    for m in mentions.iter_mut() {
        let surface = &text[m.start..m.end];
        if let Some((canonical, label)) = acronyms.get(surface).filter(|_| m.rank < 11) {
            // an acronym defined in the text, unless the lists know it better
            m.canonical = canonical.clone();
            m.label = label;
            continue;
        }
        let parts: Vec<&str> = surface.split_whitespace().collect();
        if m.label == "PERSON" && parts.len() >= 2 {
            let canonical = person_canonical(&parts);
            m.canonical = if lower {
                title_case(&canonical.to_lowercase())
            } else {
                canonical
            };
            people.push((
                m.start,
                parts[0].to_lowercase(),
                parts[parts.len() - 1].to_lowercase(),
                m.canonical.clone(),
            ));
        } else if m.label == "ORG" && parts.len() >= 2 {
            orgs.push((
                parts.iter().map(|p| p.to_lowercase()).collect(),
                m.canonical.clone(),
            ));
        }
    }
    for m in mentions.iter_mut() {
        let surface = &text[m.start..m.end];
        let parts: Vec<String> = surface.split_whitespace().map(str::to_lowercase).collect();
        if parts.len() > 1 {
            // "State Department" after "US State Department"
            if m.label == "ORG" {
                if let Some((_, canonical)) = orgs
                    .iter()
                    .filter(|(w, _)| w.len() > parts.len() && w.ends_with(&parts))
                    .max_by_key(|(w, _)| w.len())
                {
                    m.canonical = canonical.clone();
                }
            }
            continue;
        }
        // a country or a listed organization keeps its name
        if m.known && m.label != "PERSON" && (m.label != "GPE" || m.rank >= 10) && m.label != "ORG"
        {
            continue;
        }
        if m.label == "ORG" && m.rank >= 11 {
            continue;
        }
        let key = &parts[0];
        let nearest = |by_last: bool| {
            let matches = |p: &&(usize, String, String, String)| {
                if by_last {
                    p.2 == *key
                } else {
                    p.1 == *key
                }
            };
            let before = people.iter().rev().filter(|p| p.0 < m.start).find(matches);
            before
                .or_else(|| people.iter().find(matches))
                .map(|p| p.3.clone())
        };
        if let Some(canonical) = nearest(true).or_else(|| {
            // a given name alone, when one person in the text has it
            let mut with_first = people.iter().filter(|p| p.1 == *key).map(|p| &p.3);
            let first = with_first.next()?;
            with_first.all(|c| c == first).then(|| first.clone())
        }) {
            m.label = "PERSON";
            m.canonical = canonical;
            m.tentative = false;
        }
    }
    mentions.retain(|m| !m.tentative);
}

/// A person's canonical name: the words without middle initials.
fn person_canonical(parts: &[&str]) -> String {
    let keep: Vec<&str> = parts
        .iter()
        .enumerate()
        .filter(|(i, p)| *i == 0 || *i == parts.len() - 1 || !(p.len() <= 2 && p.ends_with('.')))
        .map(|(_, p)| *p)
        .collect();
    keep.join(" ")
}
