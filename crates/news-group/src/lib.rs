//! Near-duplicate groups and story groups of news articles.
//!
//! news-group is the one stateful stage: [`GroupStage`] reads the whole
//! stream, keeping only compact features per record (the fingerprint's
//! signature and anchors, the date, the length) while it spools the records
//! themselves to a temporary file; at the end it groups and writes every
//! record back in input order with `group` added.
//!
//! - [`dup`]: near-duplicates (candidates, verification, merge);
//! - [`story`]: story groups over the near-duplicate groups.
//!
//! Records without `fingerprint` or `entities` get them from those stages'
//! libraries. Everything is computed over records sorted by id, so the
//! groups and their ids do not depend on input order (except with
//! `--representative first`).

pub mod cli;
pub mod dup;
pub mod story;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, Write};

use news_core::{Record, Sink, Stage, StageError};
use news_fingerprint::{Fingerprint, Params, TokenSink, Tokenizer};
use rustc_hash::FxHashMap;
use serde_json::{Map, Value};
use xxhash_rust::xxh3::xxh3_64;

/// Which member names a near-duplicate group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Representative {
    /// The most tokens (ties: earliest, then smallest id).
    Longest,
    /// The earliest `published` (ties: longest, then smallest id).
    Earliest,
    /// The first in input order.
    First,
}

/// What the stage writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emit {
    /// Every record with `group`.
    Records,
    /// One record per group.
    Groups,
}

#[derive(Clone, Debug)]
pub struct Options {
    pub params: Params,
    pub jaccard: f64,
    pub containment: f64,
    pub min_anchors: usize,
    pub story_threshold: f64,
    /// Share of their own inner similarity two tight clusters must reach to
    /// merge into one story (see [`story::average_link`]).
    pub story_cohesion: f64,
    pub representative: Representative,
    pub emit: Emit,
    pub drop_duplicates: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            params: Params::default(),
            jaccard: 0.3,
            containment: 0.5,
            min_anchors: 4,
            story_threshold: 0.12,
            story_cohesion: 0.6,
            representative: Representative::Longest,
            emit: Emit::Records,
            drop_duplicates: false,
        }
    }
}

/// What is kept of each record, column by column, in input order.
#[derive(Default)]
struct Docs {
    ids: Vec<Box<str>>,
    published: Vec<Option<i64>>,
    /// Titles, kept only for `--emit groups`.
    titles: Vec<Option<Box<str>>>,
    /// Each record's distinct canonical entity names, kept only for
    /// `--emit groups`.
    entities: Vec<Box<[Box<str>]>>,
    sketches: dup::Sketches,
}

impl Docs {
    fn id(&self, i: u32) -> &str {
        &self.ids[i as usize]
    }

    /// Whether record `a` comes before record `b` by id (then input position).
    fn id_lt(&self, a: u32, b: u32) -> bool {
        (self.id(a), a) < (self.id(b), b)
    }
}

/// The `news-group` stage.
pub struct GroupStage {
    opts: Options,
    docs: Docs,
    spool: BufWriter<File>,
    /// Story terms of each record, in input order: a count, then (term hash,
    /// count) pairs, little-endian; the low two bits of a hash tell its
    /// kind ([`TERM_ENTITY`], [`TERM_NUMBER`], or 0 for a word).
    terms: BufWriter<File>,
    tokenizer: Tokenizer,
    recomputed: u64,
    recognized: u64,
}

/// Kind bits of a story term: a canonical entity name.
const TERM_ENTITY: u64 = 1;
/// Kind bits of a story term: a number (counts, scores, years tell events
/// of one kind apart).
const TERM_NUMBER: u64 = 2;
const TERM_KIND: u64 = 3;

/// Story edges weaker than this share of the threshold are dropped.
const WEAK_EDGE: f64 = 0.25;

/// Weight of an entity term relative to a word.
const ENTITY_WEIGHT: f64 = 2.0;
/// Weight of a number term relative to a word.
const NUMBER_WEIGHT: f64 = 4.0;

impl GroupStage {
    pub fn new(opts: Options) -> std::io::Result<Self> {
        Ok(GroupStage {
            docs: Docs {
                sketches: dup::Sketches::new(opts.params.perms),
                ..Docs::default()
            },
            opts,
            spool: BufWriter::new(tempfile::tempfile()?),
            terms: BufWriter::new(tempfile::tempfile()?),
            tokenizer: Tokenizer::default(),
            recomputed: 0,
            recognized: 0,
        })
    }

    fn features(&mut self, record: &Record) -> std::io::Result<()> {
        let text = record.text();
        let fp = record
            .get("fingerprint")
            .and_then(|v| Fingerprint::from_json(v).ok())
            .filter(|(_, p)| *p == self.opts.params)
            .map(|(f, _)| f)
            .unwrap_or_else(|| {
                self.recomputed += 1;
                news_fingerprint::fingerprint(text, &self.opts.params)
            });
        let mut terms: FxHashMap<u64, u32> = FxHashMap::default();
        let mut words = Words {
            counts: &mut terms,
            last: None,
        };
        self.tokenizer.run(text, &mut words);
        let mut names: Vec<Box<str>> = Vec::new();
        let mut entity = |label: &str, canonical: &str| {
            if add_entity(&mut terms, label, canonical) && self.opts.emit == Emit::Groups {
                names.push(canonical.into());
            }
        };
        match record.get("entities").and_then(Value::as_array) {
            Some(list) => {
                for e in list {
                    let label = e.get("type").and_then(Value::as_str).unwrap_or("");
                    if let Some(c) = e.get("canonical").and_then(Value::as_str) {
                        entity(label, c);
                    }
                }
            }
            None => {
                self.recognized += 1;
                let res = news_entities::Resources::embedded();
                let casing = news_sentences::Casing::Auto;
                for m in news_entities::recognize(text, None, casing, res) {
                    entity(m.label, &m.canonical);
                }
            }
        }
        let mut terms: Vec<(u64, u32)> = terms.into_iter().collect();
        terms.sort_unstable();
        self.terms.write_all(&(terms.len() as u32).to_le_bytes())?;
        for (t, n) in &terms {
            self.terms.write_all(&t.to_le_bytes())?;
            self.terms.write_all(&n.to_le_bytes())?;
        }
        let docs = &mut self.docs;
        docs.ids.push(record.id().into());
        docs.published
            .push(record.get_str("published").and_then(day_number));
        if self.opts.emit == Emit::Groups {
            docs.titles.push(record.get_str("title").map(Into::into));
            names.sort_unstable();
            names.dedup();
            docs.entities.push(names.into_boxed_slice());
        }
        docs.sketches.push(&fp);
        Ok(())
    }
}

/// Content words of a text into term counts.
struct Words<'a> {
    counts: &'a mut FxHashMap<u64, u32>,
    /// The last token's term, if it was counted (a glued clitic takes it back).
    last: Option<u64>,
}

impl TokenSink for Words<'_> {
    fn push(&mut self, token: &str) {
        let number = token.bytes().all(|b| b.is_ascii_digit());
        // "000" of "12,000", "05" of "3.05": a fragment of a longer number
        let fragment = number && token.len() > 1 && token.starts_with('0');
        let useful = !fragment && (token.len() >= 3 || token.bytes().any(|b| b.is_ascii_digit()));
        self.last = (useful && !story::is_stopword(token)).then(|| {
            let kind = if number { TERM_NUMBER } else { 0 };
            xxh3_64(token.as_bytes()) & !TERM_KIND | kind
        });
        if let Some(t) = self.last {
            *self.counts.entry(t).or_default() += 1;
        }
    }
    fn pop(&mut self) {
        if let Some(t) = self.last.take() {
            let n = self.counts.get_mut(&t).expect("counted on push");
            *n -= 1;
            if *n == 0 {
                self.counts.remove(&t);
            }
        }
    }
}

/// Counts a named entity of a story-relevant type; says whether it did.
fn add_entity(terms: &mut FxHashMap<u64, u32>, label: &str, canonical: &str) -> bool {
    let relevant = matches!(
        label,
        "PERSON" | "ORG" | "GPE" | "LOC" | "NORP" | "FAC" | "EVENT"
    );
    if relevant {
        let key = canonical.to_lowercase();
        *terms
            .entry(xxh3_64(key.as_bytes()) & !TERM_KIND | TERM_ENTITY)
            .or_default() += 1;
    }
    relevant
}

/// Entity names shown per group by `--emit groups`.
const TOP_ENTITIES: usize = 5;

/// The canonical names most members of a group mention (ties by name).
fn top_entities(docs: &Docs, members: &[u32]) -> Vec<Value> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for &i in members {
        for name in docs.entities.get(i as usize).map_or(&[][..], |e| &e[..]) {
            *count.entry(name).or_default() += 1;
        }
    }
    let mut list: Vec<(&str, usize)> = count.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    list.into_iter()
        .take(TOP_ENTITIES)
        .map(|(name, _)| Value::String(name.into()))
        .collect()
}

/// Days since 1970-01-01 of an RFC 3339 date or date-time (`YYYY-MM-DD...`).
pub fn day_number(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // days from civil (Howard Hinnant's algorithm)
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// A failure of the temporary files that hold records back: fatal.
fn spool_error(e: impl std::fmt::Display) -> StageError {
    StageError::Fatal(anyhow::anyhow!("spool file: {e}"))
}

impl Stage for GroupStage {
    fn process(&mut self, record: Record, _out: &mut Sink) -> Result<(), StageError> {
        self.features(&record).map_err(spool_error)?;
        record.write_json(&mut self.spool).map_err(spool_error)?;
        self.spool.write_all(b"\n").map_err(spool_error)?;
        Ok(())
    }

    fn finish(&mut self, out: &mut Sink) -> Result<(), StageError> {
        self.terms.flush().map_err(spool_error)?;
        let terms = TermsFile(self.terms.get_ref().try_clone().map_err(spool_error)?);
        let result = group(&mut self.docs, &terms, &self.opts).map_err(spool_error)?;
        self.spool.flush().map_err(spool_error)?;
        let mut file = self.spool.get_ref().try_clone().map_err(spool_error)?;
        file.rewind().map_err(spool_error)?;
        match self.opts.emit {
            Emit::Groups => {
                for g in group_records(&self.docs, &result) {
                    out.emit_fields(&g)?;
                }
            }
            Emit::Records => {
                let reader = BufReader::with_capacity(1 << 20, file);
                for (i, line) in reader.lines().enumerate() {
                    let line = line.map_err(spool_error)?;
                    let mut fields: Map<String, Value> =
                        serde_json::from_str(&line).map_err(spool_error)?;
                    let a = &result.assign[i];
                    if self.opts.drop_duplicates && a.duplicate_of.is_some() {
                        continue;
                    }
                    fields.insert("group".into(), a.to_json(&self.docs));
                    out.emit_fields(&fields)?;
                }
            }
        }
        Ok(())
    }

    fn stats(&self) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("fingerprints_computed".into(), self.recomputed.into());
        m.insert("entities_computed".into(), self.recognized.into());
        m
    }
}

/// The groups of one record.
#[derive(Clone, Debug)]
pub struct Assignment {
    /// Index (input order) of the duplicate group's representative.
    pub duplicate: u32,
    pub duplicate_of: Option<u32>,
    pub similarity: f64,
    /// Representatives of the groups a roundup carries.
    pub contains: Vec<u32>,
    /// Index of the story's representative.
    pub story: u32,
}

impl Assignment {
    fn to_json(&self, docs: &Docs) -> Value {
        let id = |i: u32| Value::String(docs.id(i).into());
        let mut m = Map::new();
        m.insert("duplicate".into(), id(self.duplicate));
        m.insert(
            "duplicate_of".into(),
            self.duplicate_of.map_or(Value::Null, id),
        );
        let sim = (self.similarity * 1000.0).round() / 1000.0;
        m.insert(
            "similarity".into(),
            serde_json::Number::from_f64(sim).map_or(Value::Null, Value::Number),
        );
        if !self.contains.is_empty() {
            m.insert(
                "contains".into(),
                Value::Array(self.contains.iter().map(|&g| id(g)).collect()),
            );
        }
        m.insert("story".into(), id(self.story));
        Value::Object(m)
    }
}

/// The result of grouping: one assignment per record, in input order.
pub struct Grouping {
    pub assign: Vec<Assignment>,
}

/// Groups records (in input order); see the crate documentation.
fn group(docs: &mut Docs, terms: &TermsFile, opts: &Options) -> std::io::Result<Grouping> {
    let n = docs.ids.len();
    // canonical order: by id, then content, then input position
    let mut order: Vec<u32> = (0..n as u32).collect();
    {
        let sk = &docs.sketches;
        order.sort_by(|&a, &b| {
            docs.id(a)
                .cmp(docs.id(b))
                .then(sk.get(a as usize).hash.cmp(&sk.get(b as usize).hash))
                .then(a.cmp(&b))
        });
    }
    let feats = std::mem::take(&mut docs.sketches).permuted(&order);
    let th = dup::Thresholds {
        jaccard: opts.jaccard,
        containment: opts.containment,
        min_anchors: opts.min_anchors,
        bands: opts.params.bands,
        rows: opts.params.rows,
    };
    let pairs = dup::candidates(&feats, &th);
    let links = dup::verify(&feats, &pairs, &th);
    drop(pairs);
    let groups = dup::merge(&feats, &links);
    drop(links);
    let roundups: rustc_hash::FxHashSet<u32> = groups.contains.keys().copied().collect();

    // members per group root (canonical indexes, ascending)
    let mut members: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for (c, &r) in groups.root.iter().enumerate() {
        members.entry(r).or_default().push(c as u32);
    }
    let published = |c: u32| docs.published[order[c as usize] as usize];
    // representative of each group
    let mut rep: FxHashMap<u32, u32> = FxHashMap::default();
    for (&r, ms) in &members {
        let plain = || ms.iter().copied().filter(|c| !roundups.contains(c));
        let pool: Vec<u32> = if plain().next().is_none() {
            ms.clone()
        } else {
            plain().collect()
        };
        let best = pool
            .iter()
            .copied()
            .min_by(|&a, &b| {
                let longer = feats
                    .get(b as usize)
                    .tokens
                    .cmp(&feats.get(a as usize).tokens);
                let earlier = match (published(a), published(b)) {
                    (Some(p), Some(q)) => p.cmp(&q),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                };
                match opts.representative {
                    Representative::Longest => longer.then(earlier),
                    Representative::Earliest => earlier.then(longer),
                    Representative::First => order[a as usize].cmp(&order[b as usize]),
                }
                .then(a.cmp(&b))
            })
            .unwrap();
        rep.insert(r, best);
    }
    // each record's closeness to its representative; then the signatures go
    let similarity: Vec<f64> = groups
        .root
        .iter()
        .enumerate()
        .map(|(c, r)| {
            let rp = rep[r] as usize;
            if c == rp {
                1.0
            } else {
                feats.get(c).similarity(&feats.get(rp))
            }
        })
        .collect();
    drop(feats);

    // story nodes: one per duplicate group, in canonical order of roots
    let mut roots: Vec<u32> = members.keys().copied().collect();
    roots.sort_unstable();
    let node_of: FxHashMap<u32, u32> = roots
        .iter()
        .enumerate()
        .map(|(k, &r)| (r, k as u32))
        .collect();
    let mut position = vec![0u32; n];
    for (c, &i) in order.iter().enumerate() {
        position[i as usize] = c as u32;
    }
    let index = Index {
        root: &groups.root,
        members: &members,
        rep: &rep,
        node_of: &node_of,
        roots: &roots,
        order: &order,
        position: &position,
    };
    let nodes = story_nodes(terms, &index, &docs.published)?;
    let edges = story::edges(&nodes, opts.story_threshold * WEAK_EDGE);
    drop(nodes);
    let clusters = story::average_link(
        roots.len(),
        &edges,
        opts.story_threshold,
        opts.story_cohesion,
    );
    drop(edges);
    // a story is named by the representative of its largest group
    let mut story_rep: FxHashMap<u32, (usize, u32)> = FxHashMap::default();
    let id_lt = |a: u32, b: u32| docs.id_lt(order[a as usize], order[b as usize]);
    for (k, &r) in roots.iter().enumerate() {
        let size = members[&r].len();
        let rp = rep[&r];
        let e = story_rep.entry(clusters[k]).or_insert((size, rp));
        if size > e.0 || (size == e.0 && id_lt(rp, e.1)) {
            *e = (size, rp);
        }
    }

    let mut assign = vec![
        Assignment {
            duplicate: 0,
            duplicate_of: None,
            similarity: 1.0,
            contains: Vec::new(),
            story: 0,
        };
        n
    ];
    for (c, &r) in groups.root.iter().enumerate() {
        let rp = rep[&r];
        let input = order[c] as usize;
        assign[input] = Assignment {
            duplicate: order[rp as usize],
            duplicate_of: (c as u32 != rp).then_some(order[rp as usize]),
            similarity: similarity[c],
            contains: groups
                .contains
                .get(&(c as u32))
                .map(|gs| gs.iter().map(|g| order[rep[g] as usize]).collect())
                .unwrap_or_default(),
            story: order[story_rep[&clusters[node_of[&r] as usize]].1 as usize],
        };
    }
    Ok(Grouping { assign })
}

/// How records, groups and story nodes refer to each other (indexes are
/// canonical positions unless said otherwise).
#[derive(Clone, Copy)]
struct Index<'a> {
    /// Group root of each record.
    root: &'a [u32],
    /// Members of each group, by root.
    members: &'a FxHashMap<u32, Vec<u32>>,
    /// Representative of each group, by root.
    rep: &'a FxHashMap<u32, u32>,
    /// Story node of each group, by root.
    node_of: &'a FxHashMap<u32, u32>,
    /// Roots in node order.
    roots: &'a [u32],
    /// Input position of each canonical position.
    order: &'a [u32],
    /// Canonical position of each input position.
    position: &'a [u32],
}

/// Fixed-point scale for summing weights: integer sums do not depend on the
/// order of the terms added, so a group's centroid does not depend on the
/// input order of its members.
const FIXED: f64 = (1u64 << 40) as f64;

/// The story node of every duplicate group: the centroid of its members'
/// TF-IDF vectors over the spooled terms (document frequencies counted once
/// per group, by its representative, so copies do not inflate them), and
/// its earliest date.
fn story_nodes(
    terms: &TermsFile,
    ix: &Index,
    published: &[Option<i64>],
) -> std::io::Result<Vec<story::Node>> {
    let Index {
        root,
        members,
        rep,
        node_of,
        roots,
        order,
        position,
    } = *ix;
    let n = position.len();
    let is_rep: Vec<bool> = {
        let mut v = vec![false; n];
        for &c in rep.values() {
            v[c as usize] = true;
        }
        v
    };
    let mut df: FxHashMap<u64, u32> = FxHashMap::default();
    terms.each(|seq, list| {
        if is_rep[position[seq] as usize] {
            for &(t, _) in list {
                *df.entry(t).or_default() += 1;
            }
        }
    })?;
    // terms of two or more groups get ids in the order of their hashes
    let mut kept: Vec<(u64, u32)> = df.into_iter().filter(|e| e.1 >= 2).collect();
    kept.sort_unstable();
    let groups_n = roots.len() as f64;
    let weight: Vec<f32> = kept
        .iter()
        .map(|&(t, f)| {
            let idf = ((groups_n + 1.0) / (f as f64 + 1.0)).ln();
            let kind = match t & TERM_KIND {
                TERM_ENTITY => ENTITY_WEIGHT,
                TERM_NUMBER => NUMBER_WEIGHT,
                _ => 1.0,
            };
            (idf * kind) as f32
        })
        .collect();
    let term_id: FxHashMap<u64, u32> = kept
        .iter()
        .enumerate()
        .map(|(k, &(t, _))| (t, k as u32))
        .collect();
    drop(kept);
    let mut nodes: Vec<story::Node> = roots
        .iter()
        .map(|r| story::Node {
            vector: Vec::new(),
            day: members[r]
                .iter()
                .filter_map(|&c| published[order[c as usize] as usize])
                .min(),
        })
        .collect();
    // groups of two or more sum their members' vectors
    let mut sums: FxHashMap<u32, FxHashMap<u32, i64>> = FxHashMap::default();
    terms.each(|seq, list| {
        let v: Vec<(u32, f32)> = list
            .iter()
            .filter_map(|&(t, tf)| {
                let id = *term_id.get(&t)?;
                let w = (1.0 + (tf as f64).ln()) * weight[id as usize] as f64;
                Some((id, w as f32))
            })
            .collect();
        let v = story::finish(v);
        let r = root[position[seq] as usize];
        let k = node_of[&r] as usize;
        if members[&r].len() == 1 {
            nodes[k].vector = v;
        } else {
            let sum = sums.entry(k as u32).or_default();
            for (t, w) in v {
                *sum.entry(t).or_default() += (w as f64 * FIXED).round() as i64;
            }
        }
    })?;
    for (k, sum) in sums {
        let m = members[&roots[k as usize]].len() as f64;
        let v = sum
            .into_iter()
            .map(|(t, w)| (t, (w as f64 / FIXED / m) as f32))
            .collect();
        // the centroid: a roundup among copies adds little of the other
        // articles it carries
        nodes[k as usize].vector = story::heaviest(v);
    }
    Ok(nodes)
}

/// The spooled story terms, read back in input order.
struct TermsFile(File);

impl TermsFile {
    fn each(&self, mut f: impl FnMut(usize, &[(u64, u32)])) -> std::io::Result<()> {
        use std::io::Read;
        let mut file = self.0.try_clone()?;
        file.rewind()?;
        let mut r = BufReader::with_capacity(1 << 20, file);
        let mut list = Vec::new();
        let mut seq = 0;
        let mut len = [0u8; 4];
        loop {
            match r.read_exact(&mut len) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(()),
                Err(e) => return Err(e),
            }
            list.clear();
            let mut entry = [0u8; 12];
            for _ in 0..u32::from_le_bytes(len) {
                r.read_exact(&mut entry)?;
                let t = u64::from_le_bytes(entry[..8].try_into().unwrap());
                let c = u32::from_le_bytes(entry[8..].try_into().unwrap());
                list.push((t, c));
            }
            f(seq, &list);
            seq += 1;
        }
    }
}

/// `--emit groups`: one record per duplicate group and per story.
fn group_records(docs: &Docs, g: &Grouping) -> Vec<Map<String, Value>> {
    let mut dup: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    let mut stories: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (i, a) in g.assign.iter().enumerate() {
        dup.entry(a.duplicate).or_default().push(i as u32);
        stories.entry(a.story).or_default().push(i as u32);
    }
    let mut out = Vec::new();
    for (level, map) in [("duplicate", &dup), ("story", &stories)] {
        let mut list: Vec<(&u32, &Vec<u32>)> = map.iter().collect();
        list.sort_by(|a, b| docs.id(*a.0).cmp(docs.id(*b.0)));
        for (&rep, members) in list {
            let mut m = Map::new();
            let id = docs.id(rep);
            m.insert("id".into(), Value::String(format!("{level}:{id}")));
            m.insert("level".into(), Value::String(level.into()));
            m.insert("size".into(), members.len().into());
            m.insert("representative".into(), Value::String(id.into()));
            let title = docs.titles.get(rep as usize).and_then(Option::as_deref);
            m.insert(
                "title".into(),
                title.map_or(Value::Null, |t| Value::String(t.into())),
            );
            m.insert("entities".into(), Value::Array(top_entities(docs, members)));
            let mut ids: Vec<&str> = members.iter().map(|&i| docs.id(i)).collect();
            ids.sort_unstable();
            m.insert(
                "members".into(),
                Value::Array(ids.into_iter().map(|s| Value::String(s.into())).collect()),
            );
            let days: Vec<i64> = members
                .iter()
                .filter_map(|&i| docs.published[i as usize])
                .collect();
            if let (Some(lo), Some(hi)) = (days.iter().min(), days.iter().max()) {
                m.insert("first_day".into(), Value::String(civil(*lo)));
                m.insert("last_day".into(), Value::String(civil(*hi)));
            }
            out.push(m);
        }
    }
    out
}

/// `YYYY-MM-DD` of a day number (inverse of [`day_number`]).
fn civil(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn top_entities_are_those_most_members_mention() {
        let names = |l: &[&str]| l.iter().map(|&n| Box::from(n)).collect::<Box<[Box<str>]>>();
        let docs = Docs {
            entities: vec![
                names(&["Ada Park", "Harwick"]),
                names(&["Harwick", "Vell"]),
                names(&["Harwick", "Vell", "Zed"]),
            ],
            ..Docs::default()
        };
        let top = top_entities(&docs, &[0, 1, 2]);
        assert_eq!(
            top[..3],
            [json!("Harwick"), json!("Vell"), json!("Ada Park")]
        );
        assert_eq!(top.len(), 4);
        assert!(top_entities(&docs, &[]).is_empty());
    }

    #[test]
    fn dates_round_trip() {
        assert_eq!(day_number("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(day_number("2024-02-29"), Some(19_782));
        assert_eq!(civil(19_782), "2024-02-29");
        assert_eq!(day_number("yesterday"), None);
        assert_eq!(day_number("2024-13-01"), None);
    }
}
