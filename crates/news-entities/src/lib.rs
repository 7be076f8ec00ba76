//! Typed named entities with canonical names, for news text, without a
//! neural model.
//!
//! [`recognize`] finds the entities of one text from word shape, embedded
//! name lists (see `data/SOURCES.md`) and cue words, and links the mentions
//! of one entity under one canonical name. [`EntitiesStage`] is what the
//! `news-entities` binary runs: it adds `entities` to each record.
//!
//! Labels (OntoNotes, as spaCy uses them): `PERSON` people; `NORP`
//! nationalities, religious and political groups (Iraqi, Sunni, Democrats);
//! `ORG` organizations (companies, agencies, armed groups, media, parties);
//! `GPE` countries, cities, states and provinces; `LOC` other places
//! (regions, rivers, seas, mountains); `FAC` buildings, bases, airports,
//! bridges, roads; `EVENT` named events (wars, games, summits).

pub mod cli;
mod recognize;
mod resources;
mod tokens;
mod words;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use news_core::{Record, RecordStage};
use news_sentences::Casing;
use serde_json::{json, Map, Value};

pub use recognize::Mention;
pub use resources::Resources;

/// The labels this crate emits.
pub const LABELS: [&str; 7] = ["PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT"];

/// Finds the entities of `text` (byte offsets). `sentences` are byte ranges
/// from news-sentences, or `None` to split here; `casing` says whether
/// capitals carry evidence (`Auto`: decide from the text).
pub fn recognize(
    text: &str,
    sentences: Option<&[std::ops::Range<usize>]>,
    casing: Casing,
    res: &Resources,
) -> Vec<Mention> {
    let lower = casing.lower(text);
    let owned;
    let sentences = match sentences {
        Some(s) => s,
        None => {
            let casing = if lower { Casing::Lower } else { Casing::Mixed };
            owned = news_sentences::split_with(text, casing);
            &owned
        }
    };
    let starts: Vec<usize> = sentences.iter().map(|r| r.start).collect();
    recognize::recognize(text, &starts, lower, res)
}

/// Reads a gazetteer (JSON Lines: `name`, `type`, `canonical`, optional
/// `aliases`) into `res`. Errors name the file and line.
pub fn load_gazetteer(path: &Path, res: &mut Resources) -> Result<usize, String> {
    let data = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut n = 0;
    for (i, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = || format!("{}:{}", path.display(), i + 1);
        let v: Value =
            serde_json::from_str(line).map_err(|e| format!("{}: invalid JSON: {e}", at()))?;
        let name = v
            .get("name")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{}: \"name\" is missing or not a string", at()))?;
        let ty = v.get("type").and_then(Value::as_str).unwrap_or("ORG");
        let label = resources::label_of(ty).ok_or_else(|| {
            format!(
                "{}: unknown type {ty:?} (expected one of {})",
                at(),
                LABELS.join(", ")
            )
        })?;
        let canonical = v.get("canonical").and_then(Value::as_str).unwrap_or(name);
        res.add(name, label, canonical, 12);
        if let Some(Value::Array(aliases)) = v.get("aliases") {
            for a in aliases {
                let a = a
                    .as_str()
                    .ok_or_else(|| format!("{}: \"aliases\" must hold strings", at()))?;
                res.add(a, label, canonical, 12);
            }
        }
        n += 1;
    }
    Ok(n)
}

/// The record's sentences as byte ranges, when it carries valid ones.
fn record_sentences(record: &Record, text: &str) -> Option<Vec<std::ops::Range<usize>>> {
    let list = record.get("sentences")?.as_array()?;
    let mut conv = news_core::text::ByteOffsets::new(text);
    let mut out = Vec::with_capacity(list.len());
    let mut prev = 0;
    for s in list {
        let a = usize::try_from(s.get("start")?.as_u64()?).ok()?;
        let b = usize::try_from(s.get("end")?.as_u64()?).ok()?;
        if a < prev || a >= b {
            return None;
        }
        out.push(conv.to_byte(a)?..conv.to_byte(b)?);
        prev = b;
    }
    Some(out)
}

/// What the stage does.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Record names found in cased text for `--learn`.
    pub learn: bool,
}

/// The stage the `news-entities` binary runs.
pub struct EntitiesStage {
    res: std::borrow::Cow<'static, Resources>,
    opts: Options,
    entities: AtomicU64,
    /// canonical -> (label, surfaces), for --learn
    learned: Mutex<BTreeMap<String, (&'static str, std::collections::BTreeSet<String>)>>,
}

impl EntitiesStage {
    pub fn new(res: std::borrow::Cow<'static, Resources>, opts: Options) -> Self {
        EntitiesStage {
            res,
            opts,
            entities: AtomicU64::new(0),
            learned: Mutex::new(BTreeMap::new()),
        }
    }

    /// The learned names as gazetteer lines (sorted, so the file is the same
    /// on every run and thread count).
    pub fn learned_lines(&self) -> Vec<String> {
        let learned = self.learned.lock().expect("learned names");
        learned
            .iter()
            .map(|(canonical, (label, surfaces))| {
                let aliases: Vec<&String> = surfaces.iter().filter(|s| *s != canonical).collect();
                json!({"name": canonical, "type": label, "canonical": canonical, "aliases": aliases}).to_string()
            })
            .collect()
    }
}

impl RecordStage for EntitiesStage {
    fn apply(&self, record: &mut Record) -> Result<(), String> {
        let text = record.text();
        let lower = news_sentences::declared_casing(record).lower(text);
        let sentences = record_sentences(record, text);
        let casing = if lower { Casing::Lower } else { Casing::Mixed };
        let mentions = recognize(text, sentences.as_deref(), casing, &self.res);
        let mut conv = news_core::text::CharOffsets::new(text);
        let list: Vec<Value> = mentions
            .iter()
            .map(|m| {
                let mut o = Map::new();
                o.insert("start".into(), json!(conv.to_char(m.start)));
                o.insert("end".into(), json!(conv.to_char(m.end)));
                o.insert(
                    "text".into(),
                    Value::String(text[m.start..m.end].to_string()),
                );
                o.insert("type".into(), Value::String(m.label.to_string()));
                o.insert("canonical".into(), Value::String(m.canonical.clone()));
                Value::Object(o)
            })
            .collect();
        if self.opts.learn && !lower {
            let mut learned = self.learned.lock().expect("learned names");
            for m in &mentions {
                let surface = &text[m.start..m.end];
                if surface.contains(' ') || m.label != "ORG" {
                    let e = learned
                        .entry(m.canonical.clone())
                        .or_insert((m.label, Default::default()));
                    e.1.insert(surface.to_string());
                }
            }
        }
        self.entities
            .fetch_add(list.len() as u64, Ordering::Relaxed);
        record.set("entities", Value::Array(list));
        Ok(())
    }

    fn stats(&self) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert(
            "entities".into(),
            json!(self.entities.load(Ordering::Relaxed)),
        );
        m
    }
}
