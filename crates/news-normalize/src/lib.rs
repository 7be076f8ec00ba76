//! news-normalize: turns scraped article text into clean text later stages can
//! trust, and says what it did.
//!
//! [`normalize`] is a pure function from a text (plus the record's title and
//! source) to the cleaned text, an optional detected title and a [`Report`].
//! [`NormalizeStage`] applies it to records for the `news-normalize` binary.
//!
//! The steps, in order:
//! 1. web residue ([`web`]): HTML entities, stray tags, mojibake;
//! 2. characters ([`chars`]): NFC/NFKC, invisible characters, spaces, line structure;
//! 3. optional ASCII punctuation folding;
//! 4. Penn Treebank detokenization when the text is a tokenized dump ([`detok`]);
//! 5. page furniture removal ([`boilerplate`]) and headline detection.
//!
//! The whole is idempotent: the furniture pass repeats until it removes
//! nothing more, so normalizing its own output changes nothing.

pub mod boilerplate;
pub mod chars;
pub mod cli;
pub mod detok;
pub mod web;

use std::borrow::Cow;
use std::collections::BTreeSet;

use std::sync::atomic::{AtomicU64, Ordering};

use news_core::{Record, RecordStage};
use serde_json::{json, Map, Value};

pub use boilerplate::{Category, Removal};
pub use chars::Form;

/// Options of one normalization run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Unicode normalization form (NFC by default).
    pub form: Form,
    /// Fold curly quotes, dashes and ellipses to ASCII.
    pub ascii_punct: bool,
    /// Furniture categories that are kept, not removed.
    pub keep: BTreeSet<Category>,
    /// Do not detokenize Penn Treebank text.
    pub no_detokenize: bool,
    /// Do not take a headline from the text when the record has no title.
    pub no_title: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            form: Form::default(),
            ascii_punct: false,
            keep: DEFAULT_KEPT.into_iter().collect(),
            no_detokenize: false,
            no_title: false,
        }
    }
}

pub use news_core::text::{detect_case, Case};

/// Furniture categories kept unless asked for (`--remove`): datelines are
/// part of the article's own text as most corpora store it.
pub const DEFAULT_KEPT: [Category; 1] = [Category::Dateline];

/// What normalization did to one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub html_entities: usize,
    pub html_tags: usize,
    pub mojibake: usize,
    pub invisible: usize,
    pub spaces: usize,
    pub detokenized: bool,
    pub removed: Vec<Removal>,
    /// The headline was taken from the first line of the text.
    pub title_from_text: bool,
}

/// The result of normalizing one text.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// A headline found at the top of the text (only when the record had no title).
    pub title: Option<String>,
    pub case: Case,
    pub report: Report,
}

thread_local! {
    static CACHE: std::cell::RefCell<boilerplate::BlockCache> = Default::default();
}

/// Normalizes one text. `title` and `source` are the record's own fields.
pub fn normalize(
    text: &str,
    title: Option<&str>,
    source: Option<&str>,
    opts: &Options,
) -> Normalized {
    let mut report = Report::default();
    let (text, web) = web::clean_web_residue(text);
    report.html_entities = web.entities;
    report.html_tags = web.tags;
    report.mojibake = web.mojibake;
    // (the text stays borrowed from the record until a step changes it)
    let (mut text, char_fixes) = chars::clean_chars(&text, opts.form);
    report.invisible = char_fixes.invisible;
    report.spaces = char_fixes.spaces;
    if opts.ascii_punct {
        text = Cow::Owned(chars::fold_ascii_punct(&text));
    }
    // (a clean title stays borrowed from the record)
    let title_clean = title.map(|t| match web::clean_web_residue(t).0 {
        Cow::Borrowed(t) => chars::clean_chars(t, opts.form).0,
        Cow::Owned(t) => Cow::Owned(chars::clean_chars(&t, opts.form).0.into_owned()),
    });
    let mut found_title = None;
    let enabled = |c: Category| !opts.keep.contains(&c);
    // Each step can change what the others see (a removed line can leave a
    // text that reads as tokenized or lowercase; a removal changes what is
    // first, last or adjacent), so repeat until a round changes nothing:
    // that fixed point is what makes the stage idempotent.
    let mut case = Case::None;
    // The line cache's arenas are reused from record to record (borrowed
    // in place: the cache is not moved in and out of its slot).
    CACHE.with_borrow_mut(|cache| {
        cache.clear();
        let mut converged = false;
        // A text made of whole lines of a text without PTB marks has none either
        // (see `detok::has_ptb_marks`): once a round finds none, the later
        // rounds, which only drop lines, need not look again.
        let mut may_be_tokenized = !opts.no_detokenize;
        // (what `text` is against the last round's kept text)
        let mut round = boilerplate::Round::Fresh;
        for _ in 0..8 {
            let mut changed = false;
            if may_be_tokenized && !detok::has_ptb_marks(&text) {
                may_be_tokenized = false;
            }
            if may_be_tokenized && detok::reads_tokenized(&text) {
                let joined = detok::detokenize(&text);
                if joined != text {
                    text = Cow::Owned(joined);
                    round = boilerplate::Round::Fresh;
                    report.detokenized = true;
                    changed = true;
                }
            }
            let ctx = boilerplate::Context::new(
                title_clean.as_deref().or(found_title.as_deref()),
                source,
            );
            let (kept, removed, text_case) =
                boilerplate::remove_boilerplate(&text, round, &ctx, &enabled, cache);
            case = text_case;
            changed |= !removed.is_empty();
            report.removed.extend(removed);
            if let Some(kept) = kept {
                text = Cow::Owned(kept);
            }
            round = boilerplate::Round::Again;
            if title.is_none() && found_title.is_none() && !opts.no_title && case != Case::Lower {
                if let Some((headline, rest)) = split_headline(&text, cache) {
                    found_title = Some(headline);
                    text = Cow::Owned(rest);
                    round = boilerplate::Round::Headless;
                    report.title_from_text = true;
                    changed = true;
                }
            }
            if !changed {
                converged = true; // and the text is what `case` was computed on
                break;
            }
        }
        if !converged {
            case = detect_case(&text);
        }
    });
    Normalized {
        text: text.into_owned(),
        title: found_title,
        case,
        report,
    }
}

/// A first line that reads as a headline: a paragraph of its own, short,
/// capitalized, without a final period, followed by more text.
fn split_headline(text: &str, cache: &mut boilerplate::BlockCache) -> Option<(String, String)> {
    let (first, rest) = text.split_once('\n')?;
    let own_paragraph = rest.starts_with('\n');
    let rest = rest.trim_start_matches('\n');
    // The cheap tests first: most first lines fail one of them.
    let sentence_end = first.ends_with(['.', ',', ';', ':', '|', '-', '–', '—'])
        || first.ends_with("\"") && first.contains(". ");
    let starts_capital = first
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_numeric());
    if sentence_end || !starts_capital {
        return None;
    }
    let words = first.split_whitespace().count();
    // at least 12 words (counting stops there: the rest can be long)
    let body_follows = || rest.split_whitespace().nth(11).is_some();
    let next_is_prose = || {
        let next_line = rest.split('\n').next().unwrap_or("");
        next_line.split_whitespace().nth(11).is_some()
    };
    let headline = (3..=25).contains(&words)
        && body_follows()
        && (own_paragraph || next_is_prose())
        && first.chars().count() <= 200
        && !cache.is_dateline_line(first);
    headline.then(|| (first.to_string(), rest.to_string()))
}

/// The `normalize` field for a record: this run's report merged into what an
/// earlier run recorded (`previous`, the record's `normalize` field), so
/// re-normalizing leaves the record unchanged. It serializes straight to
/// JSON ([`NormalizeStage`] writes it so).
pub struct ReportField<'a> {
    previous: Option<&'a Map<String, Value>>,
    case: Case,
    report: &'a Report,
}

impl<'a> ReportField<'a> {
    pub fn new(previous: Option<&'a Value>, case: Case, report: &'a Report) -> Self {
        ReportField {
            previous: previous.and_then(Value::as_object),
            case,
            report,
        }
    }

    /// A fix count: this run's and the earlier runs'.
    fn count(&self, key: &str, now: usize) -> u64 {
        let earlier = self
            .previous
            .and_then(|p| p.get("fixes"))
            .and_then(|f| f.get(key))
            .and_then(Value::as_u64)
            .unwrap_or(0);
        earlier + now as u64
    }

    /// A flag: set by this run or an earlier one.
    fn flag(&self, key: &str, now: bool) -> bool {
        now || self
            .previous
            .and_then(|p| p.get(key))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    fn fixes(&self) -> impl Iterator<Item = (&'static str, u64)> + '_ {
        let r = self.report;
        [
            ("html_entities", r.html_entities),
            ("html_tags", r.html_tags),
            ("mojibake", r.mojibake),
            ("invisible", r.invisible),
            ("spaces", r.spaces),
        ]
        .into_iter()
        .map(|(key, now)| (key, self.count(key, now)))
        .filter(|&(_, total)| total > 0)
    }

    /// The field as compact JSON, keys in the order the contract lists them
    /// (written with [`news_core::json`], as records are).
    pub fn to_json(&self) -> String {
        let mut out = Vec::with_capacity(128);
        self.write(&mut out).expect("writing to memory");
        String::from_utf8(out).expect("JSON of strings is UTF-8")
    }

    fn write(&self, w: &mut Vec<u8>) -> std::io::Result<()> {
        use news_core::json::{write_str, write_value};
        use std::io::Write;
        // (pieces written as they are: the formatting machinery cost more
        // than the rest of the field)
        let r = self.report;
        let flag = |on: bool| if on { "true" } else { "false" };
        for piece in [
            r#"{"case":""#,
            self.case.name(),
            r#"","detokenized":"#,
            flag(self.flag("detokenized", r.detokenized)),
            r#","title_from_text":"#,
            flag(self.flag("title_from_text", r.title_from_text)),
            r#","fixes":{"#,
        ] {
            w.write_all(piece.as_bytes())?;
        }
        for (i, (key, total)) in self.fixes().enumerate() {
            w.write_all(if i > 0 { b"," } else { b"" })?;
            write_str(w, key)?;
            w.write_all(b":")?;
            serde_json::to_writer(&mut *w, &total)?;
        }
        w.write_all(br#"},"removed":["#)?;
        let earlier = self
            .previous
            .and_then(|p| p.get("removed"))
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        // the earlier runs' entries, then this run's, in one list
        let mut comma: &[u8] = b"";
        for entry in earlier {
            w.write_all(comma)?;
            write_value(w, entry)?;
            comma = b",";
        }
        for removal in &self.report.removed {
            w.write_all(comma)?;
            comma = b",";
            w.write_all(br#"{"text":"#)?;
            write_str(w, &removal.text)?;
            w.write_all(br#","reason":""#)?;
            w.write_all(removal.reason.name().as_bytes())?;
            w.write_all(br#""}"#)?;
        }
        w.write_all(b"]}")
    }
}

/// The stage the `news-normalize` binary runs (records are independent, so
/// it runs on several threads).
pub struct NormalizeStage {
    pub opts: Options,
    removed_blocks: AtomicU64,
    detokenized: AtomicU64,
    titles_found: AtomicU64,
    lowercase: AtomicU64,
}

impl NormalizeStage {
    pub fn new(opts: Options) -> Self {
        NormalizeStage {
            opts,
            removed_blocks: AtomicU64::new(0),
            detokenized: AtomicU64::new(0),
            titles_found: AtomicU64::new(0),
            lowercase: AtomicU64::new(0),
        }
    }
}

impl RecordStage for NormalizeStage {
    fn apply(&self, record: &mut Record) -> Result<(), String> {
        let Normalized {
            text,
            title,
            case,
            report,
        } = normalize(
            record.text(),
            record.get_str("title"),
            record.get_str("source"),
            &self.opts,
        );
        let count = |c: &AtomicU64, by: u64| c.fetch_add(by, Ordering::Relaxed);
        count(&self.removed_blocks, report.removed.len() as u64);
        count(&self.detokenized, u64::from(report.detokenized));
        count(&self.lowercase, u64::from(case == Case::Lower));
        let field = ReportField::new(record.get("normalize"), case, &report).to_json();
        if let Some(t) = title {
            count(&self.titles_found, 1);
            record.set("title", Value::String(t));
        }
        record.set_text(text);
        record.set_rendered("normalize", field);
        Ok(())
    }

    fn stats(&self) -> Map<String, Value> {
        let get = |c: &AtomicU64| json!(c.load(Ordering::Relaxed));
        let mut m = Map::new();
        m.insert("blocks_removed".into(), get(&self.removed_blocks));
        m.insert("detokenized".into(), get(&self.detokenized));
        m.insert("titles_found".into(), get(&self.titles_found));
        m.insert("lowercase".into(), get(&self.lowercase));
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_field_adds_this_run_to_the_earlier_one() {
        let earlier = json!({
            "case": "mixed",
            "detokenized": true,
            "title_from_text": false,
            "fixes": {"spaces": 2, "mojibake": 1},
            "removed": [{"text": "Share", "reason": "share"}],
        });
        let report = Report {
            spaces: 3,
            html_tags: 1,
            removed: vec![Removal {
                text: "Advertisement \"here\"".into(),
                reason: Category::Ad,
            }],
            ..Report::default()
        };
        let field = ReportField::new(Some(&earlier), Case::Lower, &report);
        let expected = json!({
            "case": "lower",
            "detokenized": true,
            "title_from_text": false,
            "fixes": {"html_tags": 1, "mojibake": 1, "spaces": 5},
            "removed": [
                {"text": "Share", "reason": "share"},
                {"text": "Advertisement \"here\"", "reason": Category::Ad.name()},
            ],
        });
        // written straight, it is the bytes the value serializes to (in key order)
        assert_eq!(field.to_json(), serde_json::to_string(&expected).unwrap());
        let fresh: Value = serde_json::from_str(
            &ReportField::new(None, Case::Mixed, &Report::default()).to_json(),
        )
        .unwrap();
        assert_eq!(
            fresh,
            json!({"case": "mixed", "detokenized": false, "title_from_text": false, "fixes": {}, "removed": []})
        );
    }

    const HEADLINE: &str = "Tarrow board votes to close the old grain pier";
    const P1: &str = "The harbour board of Tarrow voted on Tuesday to close the old grain pier, which has stood empty since the mill moved inland in 2019.";
    const P2: &str = "Board members said the pier's timber piles had rotted below the waterline and that repairs would cost more than a new pier.";
    const P3: &str = "Fishing crews who tie up at the pier during storms asked the board to keep one berth open until the spring, and the board agreed.";

    /// `text` normalized with `opts`, its removals' reasons, and a check that
    /// normalizing the output changes nothing.
    fn rounds(text: &str, title: Option<&str>, opts: &Options) -> (String, Vec<&'static str>) {
        let once = normalize(text, title, Some("Tarrow Gazette"), opts);
        let title = once.title.as_deref().or(title);
        let twice = normalize(&once.text, title, Some("Tarrow Gazette"), opts);
        assert_eq!(twice.text, once.text, "not idempotent");
        assert!(
            twice.report.removed.is_empty(),
            "{:?}",
            twice.report.removed
        );
        let reasons = once
            .report
            .removed
            .iter()
            .map(|r| r.reason.name())
            .collect();
        (once.text, reasons)
    }

    // A later round judges the text that the earlier ones left. When
    // nothing can have changed it is not judged again (the debug build
    // judges it anyway, and asserts that it loses nothing). These texts lose
    // a line only in the second round: each foreseen step has to see it.

    #[test]
    fn a_caption_brought_near_its_paragraph_by_a_removal_goes() {
        // (six lines of furniture keep them apart in the first round)
        let caption = "Empty grain pier Tarrow harbour board close";
        let ads = ["Advertisement"; 6].join("\n\n");
        let text = format!("{P1}\n\n{P2}\n\n{ads}\n\n{caption}\n\n{P3}");
        let (out, reasons) = rounds(&text, Some(HEADLINE), &Options::default());
        assert_eq!(out, format!("{P1}\n\n{P2}\n\n{P3}"));
        assert_eq!(
            reasons.iter().filter(|r| **r == "repeat").count(),
            1,
            "{reasons:?}"
        );
    }

    #[test]
    fn a_bio_left_last_by_a_removal_goes() {
        // (one bio cue: a bio only as the very last block)
        let bio = "Mara Quell writes about ports and shipping for the Gazette.";
        let text = format!("{P1}\n\n{P2}\n\n{P3}\n\n{bio}\n\n@maraquell");
        let (out, reasons) = rounds(&text, Some(HEADLINE), &Options::default());
        assert_eq!(out, format!("{P1}\n\n{P2}\n\n{P3}"));
        assert_eq!(reasons, ["byline", "bio"]);
    }

    #[test]
    fn a_credit_line_left_before_the_body_by_a_removal_goes() {
        // (a paragraph-long notice: the first body-shaped block, until it goes)
        let notice = "We use cookies to improve your experience on our site. By continuing to browse the site you agree to our use of cookies.";
        let body = format!("{P1}\n\n{P2}\n\n{P3}");
        let text = format!("{notice}\n\nStaff Reporter\n\n{body}");
        let (out, reasons) = rounds(&text, Some(HEADLINE), &Options::default());
        assert_eq!(out, body);
        assert_eq!(reasons, ["cookie", "byline"]);
        // The headline taken from the text: the credit line below it is no
        // longer the first line, which may be the headline.
        let text = format!("{HEADLINE}\n\n{notice}\n\nStaff Reporter\n\n{body}");
        let (out, reasons) = rounds(&text, None, &Options::default());
        assert_eq!(out, body);
        assert_eq!(reasons, ["cookie", "byline"]);
    }

    #[test]
    fn a_copy_of_a_headline_taken_from_the_text_goes() {
        // (exact repeats kept: the copy goes as the headline's)
        let opts = Options {
            keep: [Category::Repeat].into_iter().collect(),
            ..Options::default()
        };
        let text = format!("{HEADLINE}\n\n{P1}\n\n{P2}\n\n{HEADLINE}\n\n{P3}");
        let (out, reasons) = rounds(&text, None, &opts);
        assert_eq!(out, format!("{P1}\n\n{P2}\n\n{P3}"));
        assert_eq!(reasons, ["headline"]);
    }

    #[test]
    fn lines_past_the_bound_on_a_shared_opening_go_in_a_later_round() {
        // Of the lines opening with the same six words, only the first
        // sixteen are checked for containment in a round: the others are
        // checked once those are gone.
        let lines: Vec<String> = (1..=20)
            .map(|k| format!("The council said on Monday that road {k} and bridge {k} would close for repairs."))
            .collect();
        let container = lines.join(" ");
        // (far enough from the lines for the caption check not to see them)
        let filler: Vec<String> = (0..8)
            .map(|k| format!("Paragraph number {k} of the filler says something else entirely."))
            .collect();
        let (lines, filler) = (lines.join("\n\n"), filler.join("\n\n"));
        let text = format!("{P1}\n\n{lines}\n\n{filler}\n\n{container}\n\n{P2}");
        let (out, reasons) = rounds(&text, Some(HEADLINE), &Options::default());
        assert_eq!(out, format!("{P1}\n\n{filler}\n\n{container}\n\n{P2}"));
        assert_eq!(reasons, ["repeat"; 20]);
    }
}
