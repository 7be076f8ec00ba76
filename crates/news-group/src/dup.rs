//! Near-duplicate groups, in three separable steps (each a plain function
//! over plain data, so each can run as its own job on a cluster):
//!
//! 1. [`candidates`]: pairs of records that share an exact hash, an LSH band
//!    key, or enough winnowing anchors. Keys are sorted, not hashed into a
//!    table, so the step is a sort and a scan (a shuffle on Spark).
//! 2. [`verify`]: each candidate pair is checked on the fingerprints alone:
//!    estimated Jaccard at or above the threshold makes a `Similar` link;
//!    the shorter's anchors found in the longer at or above the containment
//!    threshold make a `Contained` link. Unverified pairs are dropped.
//! 3. [`merge`]: similar links join groups (union-find); containment links
//!    join a contained record to its container only when the container
//!    holds one article, and otherwise mark the container as a roundup that
//!    contains several groups without joining them.

use news_fingerprint::sketch;
use rustc_hash::FxHashMap;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// What grouping needs of every record's fingerprint, stored column by
/// column (one allocation per column, not per record: a million records
/// take about 0.5 KB each at the default 128 values).
///
/// MinHash values are kept to their low 16 bits: two different values agree
/// by chance once in 65,536 comparisons, which moves an estimated Jaccard by
/// less than 0.0001.
#[derive(Clone, Debug, Default)]
pub struct Sketches {
    hash: Vec<u128>,
    tokens: Vec<u32>,
    perms: usize,
    minhash: Vec<u16>,
    /// Winnowing anchors of all records, each record's sorted.
    anchors: Vec<u32>,
    /// End of each record's anchors in `anchors`.
    anchor_end: Vec<usize>,
    /// The first anchors in text order (the article's lead), padded.
    lead: Vec<[u32; LEAD_ANCHORS]>,
    lead_len: Vec<u8>,
}

/// One record's view of [`Sketches`].
#[derive(Clone, Copy, Debug)]
pub struct Sketch<'a> {
    pub hash: u128,
    pub tokens: u32,
    pub minhash: &'a [u16],
    /// Sorted.
    pub anchors: &'a [u32],
    /// In text order.
    pub lead: &'a [u32],
}

/// Anchors that make an article's lead.
pub const LEAD_ANCHORS: usize = 4;
/// Lead anchors another record must have to carry the article's lead.
const LEAD_FOUND: usize = 2;
/// Lead anchors that make a carried lead unmistakable (fewer may be one
/// shared sentence).
const FULL_LEAD: usize = 3;

impl Sketches {
    /// An empty store for signatures of `perms` values.
    pub fn new(perms: usize) -> Self {
        Sketches {
            perms,
            ..Default::default()
        }
    }

    pub fn len(&self) -> usize {
        self.hash.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hash.is_empty()
    }

    /// Adds one record's fingerprint.
    pub fn push(&mut self, fp: &news_fingerprint::Fingerprint) {
        self.hash.push(fp.hash);
        self.tokens.push(fp.tokens.min(u32::MAX as usize) as u32);
        let start = self.minhash.len();
        self.minhash
            .extend(fp.minhash.iter().take(self.perms).map(|&v| v as u16));
        // a signature of another length (an empty text's) is never compared
        self.minhash.resize(start + self.perms, 0);
        let at = self.anchors.len();
        self.anchors.extend_from_slice(&fp.anchors);
        self.anchors[at..].sort_unstable();
        self.anchor_end.push(self.anchors.len());
        let mut lead = [0; LEAD_ANCHORS];
        let n = fp.anchors.len().min(LEAD_ANCHORS);
        lead[..n].copy_from_slice(&fp.anchors[..n]);
        self.lead.push(lead);
        self.lead_len.push(n as u8);
    }

    pub fn get(&self, i: usize) -> Sketch<'_> {
        let start = if i == 0 { 0 } else { self.anchor_end[i - 1] };
        Sketch {
            hash: self.hash[i],
            tokens: self.tokens[i],
            minhash: &self.minhash[i * self.perms..(i + 1) * self.perms],
            anchors: &self.anchors[start..self.anchor_end[i]],
            lead: &self.lead[i][..self.lead_len[i] as usize],
        }
    }

    /// The same records in another order: record `k` of the result is
    /// record `order[k]` of `self`.
    pub fn permuted(&self, order: &[u32]) -> Sketches {
        let mut out = Sketches {
            hash: Vec::with_capacity(order.len()),
            tokens: Vec::with_capacity(order.len()),
            perms: self.perms,
            minhash: Vec::with_capacity(self.minhash.len()),
            anchors: Vec::with_capacity(self.anchors.len()),
            anchor_end: Vec::with_capacity(order.len()),
            lead: Vec::with_capacity(order.len()),
            lead_len: Vec::with_capacity(order.len()),
        };
        for &i in order {
            let i = i as usize;
            let s = self.get(i);
            out.hash.push(s.hash);
            out.tokens.push(s.tokens);
            out.minhash.extend_from_slice(s.minhash);
            out.anchors.extend_from_slice(s.anchors);
            out.anchor_end.push(out.anchors.len());
            out.lead.push(self.lead[i]);
            out.lead_len.push(self.lead_len[i]);
        }
        out
    }
}

impl Sketch<'_> {
    /// Anchors of this record that `other` has too, and their share of all
    /// this record's anchors.
    fn anchors_in(&self, other: &Sketch) -> (usize, f64) {
        let c = sketch::common(self.anchors, other.anchors);
        (c, c as f64 / self.anchors.len().max(1) as f64)
    }

    /// How close two records are: 1 for exact copies, else the larger of
    /// the estimated Jaccard similarity and the share of the shorter's
    /// anchors in the longer.
    pub fn similarity(&self, other: &Sketch) -> f64 {
        if self.hash == other.hash {
            return 1.0;
        }
        let (p, w) = if self.anchors.len() <= other.anchors.len() {
            (self, other)
        } else {
            (other, self)
        };
        sketch::jaccard(self.minhash, other.minhash).max(p.anchors_in(w).1)
    }

    /// How many of this record's lead anchors `other` has.
    fn lead_in(&self, other: &Sketch) -> usize {
        self.lead
            .iter()
            .filter(|a| other.anchors.binary_search(a).is_ok())
            .count()
    }
}

/// Thresholds of the verification step.
#[derive(Clone, Copy, Debug)]
pub struct Thresholds {
    /// Estimated Jaccard for a `Similar` link.
    pub jaccard: f64,
    /// Share of the shorter record's anchors in the longer for `Contained`.
    pub containment: f64,
    /// Fewest shared anchors for `Contained` (a shared quote is not a copy).
    pub min_anchors: usize,
    pub bands: usize,
    pub rows: usize,
}

/// Anchors shared by more records than this are page furniture or stock
/// phrases, not evidence of copying, and give no candidates.
const MAX_ANCHOR_POSTING: usize = 32;
/// A band bucket larger than this is compared along a sliding window.
const MAX_BUCKET: usize = 64;

/// Candidate pairs `(i, j)`, `i < j`, sorted and distinct.
pub fn candidates(docs: &Sketches, th: &Thresholds) -> Vec<(u32, u32)> {
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut keys: Vec<(u64, u32)> = Vec::with_capacity(docs.len());
    let emit = |keys: &mut Vec<(u64, u32)>, pairs: &mut Vec<(u32, u32)>, window: usize| {
        keys.sort_unstable();
        for run in keys.chunk_by(|a, b| a.0 == b.0) {
            for (x, a) in run.iter().enumerate() {
                for b in &run[x.saturating_sub(window)..x] {
                    pairs.push((b.1.min(a.1), b.1.max(a.1)));
                }
            }
        }
        keys.clear();
    };
    // exact copies
    keys.extend(
        docs.hash
            .iter()
            .enumerate()
            .map(|(i, &h)| ((h as u64) ^ (h >> 64) as u64, i as u32)),
    );
    emit(&mut keys, &mut pairs, MAX_BUCKET);
    // LSH bands, one band at a time (recomputed from the signature)
    let mut buf = Vec::with_capacity(th.rows * 2);
    for b in 0..th.bands {
        for i in 0..docs.len() {
            let d = docs.get(i);
            if d.tokens == 0 {
                continue;
            }
            buf.clear();
            for v in &d.minhash[b * th.rows..(b + 1) * th.rows] {
                buf.extend_from_slice(&v.to_le_bytes());
            }
            keys.push((xxh3_64_with_seed(&buf, b as u64), i as u32));
        }
        emit(&mut keys, &mut pairs, MAX_BUCKET);
    }
    // anchors: records sharing at least `min_anchors` of them
    let mut postings: Vec<(u32, u32)> = Vec::new();
    for i in 0..docs.len() {
        postings.extend(docs.get(i).anchors.iter().map(|&a| (a, i as u32)));
    }
    postings.sort_unstable();
    let mut shared: Vec<(u32, u32)> = Vec::new();
    for run in postings.chunk_by(|a, b| a.0 == b.0) {
        if run.len() > MAX_ANCHOR_POSTING {
            continue;
        }
        for (x, a) in run.iter().enumerate() {
            for b in &run[..x] {
                if a.1 != b.1 {
                    shared.push((b.1.min(a.1), b.1.max(a.1)));
                }
            }
        }
    }
    drop(postings);
    shared.sort_unstable();
    let need = th.min_anchors.min(LEAD_FOUND);
    pairs.extend(
        shared
            .chunk_by(|a, b| a == b)
            .filter(|run| run.len() >= need)
            .map(|run| run[0]),
    );
    pairs.retain(|p| p.0 != p.1);
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// A verified link between two records.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Link {
    /// Near-duplicates (estimated Jaccard, or the same exact hash).
    Similar { a: u32, b: u32, similarity: f64 },
    /// `part` is contained in `whole` (share of `part`'s anchors in it).
    Contained { part: u32, whole: u32, share: f64 },
    /// `whole` carries the lead of `part` (an excerpt in a roundup): not
    /// enough to join them, enough to list `part`'s group in `whole`.
    /// `weak`: fewer than `FULL_LEAD` lead anchors found (one sentence,
    /// perhaps: a quoted or reused opening rather than an excerpt).
    Carries {
        part: u32,
        whole: u32,
        share: f64,
        weak: bool,
    },
}

/// Checks candidate pairs on their fingerprints; only verified pairs remain.
pub fn verify(docs: &Sketches, pairs: &[(u32, u32)], th: &Thresholds) -> Vec<Link> {
    let mut links = Vec::new();
    for &(a, b) in pairs {
        let (da, db) = (docs.get(a as usize), docs.get(b as usize));
        if da.hash == db.hash {
            links.push(Link::Similar {
                a,
                b,
                similarity: 1.0,
            });
            continue;
        }
        if da.tokens == 0 || db.tokens == 0 {
            continue;
        }
        let j = sketch::jaccard(da.minhash, db.minhash);
        if j >= th.jaccard {
            links.push(Link::Similar {
                a,
                b,
                similarity: j,
            });
            continue;
        }
        // the shorter one (fewer anchors) inside the longer one
        let (part, whole) = if (da.anchors.len(), a) <= (db.anchors.len(), b) {
            (a, b)
        } else {
            (b, a)
        };
        let (common, share) = docs
            .get(part as usize)
            .anchors_in(&docs.get(whole as usize));
        if common >= th.min_anchors && share >= th.containment {
            links.push(Link::Contained { part, whole, share });
            continue;
        }
        // an excerpt: the lead of one inside the other
        for (x, y, px, py) in [(da, db, a, b), (db, da, b, a)] {
            let found = x.lead_in(&y);
            if x.lead.len() >= LEAD_FOUND && found >= LEAD_FOUND {
                links.push(Link::Carries {
                    part: px,
                    whole: py,
                    share: x.anchors_in(&y).1,
                    weak: found < FULL_LEAD,
                });
            }
        }
    }
    links
}

/// Union-find with path halving; the smaller index becomes the root, so the
/// result does not depend on the order of unions.
#[derive(Clone, Debug)]
pub struct UnionFind(Vec<u32>);

impl UnionFind {
    pub fn new(n: usize) -> Self {
        UnionFind((0..n as u32).collect())
    }

    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.0[x as usize] != x {
            let p = self.0[x as usize];
            self.0[x as usize] = self.0[p as usize];
            x = p;
        }
        x
    }

    pub fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = (ra.min(rb), ra.max(rb));
            self.0[hi as usize] = lo;
        }
    }
}

/// The outcome of the merge step.
#[derive(Debug)]
pub struct Groups {
    /// Group root of every record.
    pub root: Vec<u32>,
    /// For each roundup (a record carrying several articles): the roots of
    /// the groups it contains, sorted.
    pub contains: FxHashMap<u32, Vec<u32>>,
}

/// Merges verified links into groups (see the module documentation).
///
/// A contained record joins its container's group unless the container is
/// a roundup. A container is a roundup when it carries records of two or
/// more groups: for a container already grouped with copies of its own
/// article, a contained record counts as foreign when none of those copies
/// contains it too (a trimmed copy of the article is in all of them; an
/// article added to the page is in none). A roundup joins the group it
/// carries most of (when it has no group of its own) and lists every group
/// it carries in `contains`; the groups it carries stay apart. Containers
/// are handled from the shortest up, so a trimmed copy joins its article
/// before a roundup carrying that article is looked at.
pub fn merge(docs: &Sketches, links: &[Link]) -> Groups {
    let n = docs.len();
    let mut uf = UnionFind::new(n);
    let mut parts: FxHashMap<u32, Vec<(u32, f64)>> = FxHashMap::default();
    let mut related: rustc_hash::FxHashSet<(u32, u32)> = Default::default();
    // by carrier: (part, share, weak)
    let mut carried: FxHashMap<u32, Vec<(u32, f64, bool)>> = FxHashMap::default();
    for l in links {
        match *l {
            Link::Similar { a, b, .. } => {
                uf.union(a, b);
                related.insert((a, b));
                related.insert((b, a));
            }
            Link::Contained { part, whole, share } => {
                parts.entry(whole).or_default().push((part, share));
                related.insert((part, whole));
            }
            Link::Carries {
                part,
                whole,
                share,
                weak,
            } => {
                carried.entry(whole).or_default().push((part, share, weak));
            }
        }
    }
    // the groups made by similarity alone, for "copies of its own article"
    let mut similar = uf.clone();
    let mut members: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
    for i in 0..n as u32 {
        let r = similar.find(i);
        members.entry(r).or_default().push(i);
    }
    let mut containers: Vec<u32> = parts.keys().copied().collect();
    containers.sort_unstable_by_key(|&w| (docs.tokens[w as usize], w));
    let mut roundups: Vec<(u32, Vec<(u32, f64)>)> = Vec::new();
    for w in containers {
        let inside = parts.get_mut(&w).unwrap();
        inside.sort_unstable_by_key(|&(p, _)| p);
        let inside = &*inside;
        let copies = &members[&similar.find(w)];
        let own = uf.find(w);
        if copies.len() > 1 {
            // grouped with copies of its own article
            let mut foreign = false;
            for &(p, _) in inside {
                let in_copies = copies
                    .iter()
                    .any(|&m| m != w && (related.contains(&(p, m)) || uf.find(m) == uf.find(p)));
                if in_copies {
                    uf.union(p, w);
                } else if uf.find(p) != own {
                    foreign = true;
                }
            }
            if foreign {
                roundups.push((w, inside.clone()));
            }
            continue;
        }
        if foreign_groups(&mut uf, inside.iter().map(|p| p.0), own).len() <= 1 {
            for &(p, _) in inside {
                uf.union(p, w);
            }
        } else {
            roundups.push((w, inside.clone()));
        }
    }
    // Excerpts: a record carrying the leads of other groups.
    let mut roundup_set: FxHashMap<u32, usize> =
        roundups.iter().enumerate().map(|(k, r)| (r.0, k)).collect();
    let mut size: FxHashMap<u32, u32> = FxHashMap::default();
    for i in 0..n as u32 {
        *size.entry(uf.find(i)).or_default() += 1;
    }
    prune_carries(&mut carried);
    let mut carriers: Vec<u32> = carried.keys().copied().collect();
    carriers.sort_unstable();
    for w in carriers {
        let mut list = carried.remove(&w).unwrap();
        list.sort_unstable_by_key(|&(p, ..)| p);
        let shares = list.iter().map(|&(p, share, _)| (p, share));
        if let Some(&k) = roundup_set.get(&w) {
            roundups[k].1.extend(shares);
            continue;
        }
        let own = uf.find(w);
        let foreign = foreign_groups(&mut uf, list.iter().map(|p| p.0), own);
        let alone = size[&own] == 1;
        // one other article's lead, and no more than its lead, makes a roundup
        // only of a record with a group of its own (else it is an excerpt of
        // that article) that holds 3 or more of the lead's anchors (one
        // shared sentence is no embedded article)
        let lead_only = foreign.len() == 1 && list.iter().all(|p| p.1 < 0.4);
        let weak = list.iter().all(|p| p.2);
        if foreign.is_empty() || (lead_only && (alone || weak)) {
            continue;
        }
        roundup_set.insert(w, roundups.len());
        let mut inside = parts.get(&w).cloned().unwrap_or_default();
        inside.extend(shares);
        roundups.push((w, inside));
    }
    // A roundup joins the group it carries the largest share of when
    // it has none of its own, and lists every group it carries.
    let mut carried_lists = Vec::new();
    for (w, inside) in roundups {
        // the main article is the one it carries the largest share of
        let mut by_group: FxHashMap<u32, f64> = FxHashMap::default();
        for &(p, share) in &inside {
            let e = by_group.entry(uf.find(p)).or_default();
            *e = e.max(share);
        }
        let own = uf.find(w);
        let mut list: Vec<(u32, f64)> = by_group.into_iter().filter(|g| g.0 != own).collect();
        list.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let alone = size.get(&own).copied().unwrap_or(1) == 1;
        let mut groups: Vec<u32> = list.iter().map(|g| g.0).collect();
        if alone && !groups.is_empty() {
            let g = uf.find(groups[0]);
            let total = size.get(&g).copied().unwrap_or(1) + 1;
            uf.union(w, g);
            size.insert(uf.find(w), total);
        } else {
            groups.push(own);
        }
        carried_lists.push((w, groups));
    }
    let root: Vec<u32> = (0..n as u32).map(|i| uf.find(i)).collect();
    let contains = carried_lists
        .into_iter()
        .map(|(w, gs)| {
            let mut gs: Vec<u32> = gs.into_iter().map(|g| root[g as usize]).collect();
            gs.sort_unstable();
            gs.dedup();
            (w, gs)
        })
        .collect();
    Groups { root, contains }
}

/// Removes the carried leads that are no excerpts:
/// - two records that each hold the other's lead begin alike (a roundup
///   opening with an article's lead, and the article): only the one carrying
///   more leads carries; when both carry as many, neither does (two reports
///   opening with one wire sentence);
/// - a carrier's lead found in a record is the first item the carrier holds,
///   not an article the record holds.
fn prune_carries(carried: &mut FxHashMap<u32, Vec<(u32, f64, bool)>>) {
    let count = |w: u32| carried.get(&w).map_or(0, Vec::len);
    let holds = |w: u32, p: u32| carried.get(&w).is_some_and(|l| l.iter().any(|q| q.0 == p));
    let mutual: Vec<(u32, u32)> = carried
        .iter()
        .flat_map(|(&w, l)| l.iter().map(move |q| (w, q.0)))
        .filter(|&(w, p)| holds(p, w) && count(w) <= count(p))
        .collect();
    for (w, p) in mutual {
        if let Some(l) = carried.get_mut(&w) {
            l.retain(|q| q.0 != p);
        }
    }
    carried.retain(|_, l| !l.is_empty());
    let carriers: rustc_hash::FxHashSet<u32> = carried.keys().copied().collect();
    for l in carried.values_mut() {
        l.retain(|q| !carriers.contains(&q.0));
    }
    carried.retain(|_, l| !l.is_empty());
}

/// The groups of `parts` other than `own`, sorted and distinct.
fn foreign_groups(uf: &mut UnionFind, parts: impl IntoIterator<Item = u32>, own: u32) -> Vec<u32> {
    let mut g: Vec<u32> = parts
        .into_iter()
        .map(|p| uf.find(p))
        .filter(|&g| g != own)
        .collect();
    g.sort_unstable();
    g.dedup();
    g
}
