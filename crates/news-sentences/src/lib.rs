//! Sentence boundaries for scraped news text.
//!
//! The splitter ([`split`], [`split_with`]) is a plain function on a `&str`,
//! so other stages (news-entities, news-group) call it directly when a record
//! arrives without `sentences`. It returns byte ranges; [`char_spans`] turns
//! them into the code-point offsets that the record contract publishes.
//!
//! [`SentencesStage`] is what the `news-sentences` binary runs: it adds
//! `sentences` (`[{"start", "end"}]`, optionally with `"text"`) to each record,
//! or with `--explode` writes one record per sentence.

pub mod cli;
mod segment;
mod words;

use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};

use news_core::text::Case;
use news_core::{Record, RecordStage, Sink, WriteError};
use serde_json::{json, Map, Value};

pub use segment::{split, split_with, Casing};

/// Code-point offsets (start, end exclusive) of byte ranges of `text`, which
/// must be in increasing order.
pub fn char_spans(text: &str, ranges: &[Range<usize>]) -> Vec<(usize, usize)> {
    let mut conv = news_core::text::CharOffsets::new(text);
    ranges
        .iter()
        .map(|r| (conv.to_char(r.start), conv.to_char(r.end)))
        .collect()
}

/// The casing a record declares through news-normalize's `normalize.case`:
/// `lower` and `upper` carry no capital-letter evidence; without the field,
/// `Auto`.
pub fn declared_casing(record: &Record) -> Casing {
    let case = record
        .get("normalize")
        .and_then(|n| n.get("case"))
        .and_then(Value::as_str)
        .and_then(Case::from_name);
    match case {
        Some(c) if c.caseless() => Casing::Lower,
        Some(Case::Mixed) => Casing::Mixed,
        _ => Casing::Auto,
    }
}

/// What the stage writes.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Put each sentence's text in its object.
    pub with_text: bool,
    /// One output record per sentence instead of `sentences` on the record.
    pub explode: bool,
    /// Casing to assume; `Auto` reads `normalize.case` or looks at the text.
    pub casing: Casing,
}

/// The stage the `news-sentences` binary runs.
pub struct SentencesStage {
    opts: Options,
    sentences: AtomicU64,
    caseless: AtomicU64,
}

impl SentencesStage {
    pub fn new(opts: Options) -> Self {
        SentencesStage {
            opts,
            sentences: AtomicU64::new(0),
            caseless: AtomicU64::new(0),
        }
    }
}

impl RecordStage for SentencesStage {
    fn apply(&self, record: &mut Record) -> Result<(), String> {
        let casing = match self.opts.casing {
            Casing::Auto => declared_casing(record),
            forced => forced,
        };
        let text = record.text();
        let lower = casing.lower(text);
        let ranges = split_with(text, if lower { Casing::Lower } else { Casing::Mixed });
        let spans = char_spans(text, &ranges);
        let with_text = self.opts.with_text || self.opts.explode;
        let list: Vec<Value> = spans
            .iter()
            .zip(&ranges)
            .map(|(&(start, end), r)| {
                let mut m = Map::new();
                m.insert("start".into(), json!(start));
                m.insert("end".into(), json!(end));
                if with_text {
                    m.insert("text".into(), Value::String(text[r.clone()].to_string()));
                }
                Value::Object(m)
            })
            .collect();
        self.sentences
            .fetch_add(list.len() as u64, Ordering::Relaxed);
        if lower {
            self.caseless.fetch_add(1, Ordering::Relaxed);
        }
        record.set("sentences", Value::Array(list));
        Ok(())
    }

    fn emit(&self, record: &Record, out: &mut Sink) -> Result<(), WriteError> {
        if !self.opts.explode {
            return out.emit(record);
        }
        let Some(Value::Array(list)) = record.get("sentences") else {
            return Ok(());
        };
        for (n, s) in list.iter().enumerate() {
            let mut m = Map::new();
            m.insert("id".into(), Value::String(format!("{}:{n}", record.id())));
            m.insert("doc_id".into(), Value::String(record.id().to_string()));
            m.insert("index".into(), json!(n));
            for key in ["start", "end", "text"] {
                m.insert(key.into(), s.get(key).cloned().unwrap_or(Value::Null));
            }
            out.emit_fields(&m)?;
        }
        Ok(())
    }

    fn stats(&self) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert(
            "sentences".into(),
            json!(self.sentences.load(Ordering::Relaxed)),
        );
        m.insert(
            "caseless_records".into(),
            json!(self.caseless.load(Ordering::Relaxed)),
        );
        m
    }
}
