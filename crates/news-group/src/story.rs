//! Story groups: different articles about one real-world event.
//!
//! Each near-duplicate group is one node, described by a sparse TF-IDF
//! vector over its content words and canonical entity names (entities
//! weigh double: who and where tell events apart). Candidate pairs come from
//! an inverted index on each node's highest-weighted terms, never from all
//! pairs; their cosine similarity, damped by the distance in time when both
//! have a `published` date, is the edge weight. Average-link agglomerative
//! clustering over that sparse graph merges the closest pair of clusters
//! while their average similarity (missing pairs count as 0) stays at or
//! above the threshold, so no number of stories is needed in advance.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};

use rustc_hash::{FxHashMap, FxHashSet};

/// A sparse vector: (term, weight), sorted by term, unit length.
pub type Vector = Vec<(u64, f32)>;

/// Terms kept per vector (the highest weights).
pub const MAX_TERMS: usize = 64;
/// Terms per node that feed the candidate index.
const INDEX_TERMS: usize = 12;
/// A term indexed for more nodes than this is too common to find pairs.
const MAX_POSTING: usize = 256;

/// Normalizes a vector to unit length, keeping its `MAX_TERMS` heaviest
/// terms, sorted by term.
pub fn finish(mut v: Vec<(u64, f32)>) -> Vector {
    let norm = v.iter().map(|t| (t.1 as f64).powi(2)).sum::<f64>().sqrt();
    if norm == 0.0 {
        return Vec::new();
    }
    for t in &mut v {
        t.1 = (t.1 as f64 / norm) as f32;
    }
    heaviest(v)
}

/// The `MAX_TERMS` heaviest terms of a vector, sorted by term (weights
/// unchanged: a centroid of unit vectors whose terms were cut keeps the
/// scale of the full vectors).
pub fn heaviest(mut v: Vec<(u64, f32)>) -> Vector {
    v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(MAX_TERMS);
    v.shrink_to_fit();
    v.sort_unstable_by_key(|t| t.0);
    v
}

/// Dot product of two sorted sparse vectors.
pub fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                s += a[i].1 as f64 * b[j].1 as f64;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// One node of the story graph.
pub struct Node {
    pub vector: Vector,
    /// Days since 1970-01-01 of the earliest `published`, if any.
    pub day: Option<i64>,
}

/// Similarity of two nodes: cosine, damped when their dates are far apart
/// (full weight within three days, half at about two weeks more).
pub fn similarity(a: &Node, b: &Node) -> f64 {
    let c = cosine(&a.vector, &b.vector);
    match (a.day, b.day) {
        (Some(x), Some(y)) => {
            let gap = ((x - y).abs() - 3).max(0) as f64;
            c / (1.0 + gap / 14.0)
        }
        _ => c,
    }
}

/// Candidate pairs `(i, j)`, `i < j`, that share one of their heaviest terms.
pub fn candidates(nodes: &[Node]) -> Vec<(u32, u32)> {
    let mut postings: Vec<(u64, u32)> = Vec::new();
    for (i, n) in nodes.iter().enumerate() {
        let mut top: Vec<&(u64, f32)> = n.vector.iter().collect();
        top.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        postings.extend(top.iter().take(INDEX_TERMS).map(|t| (t.0, i as u32)));
    }
    postings.sort_unstable();
    let mut pairs = Vec::new();
    for run in postings.chunk_by(|a, b| a.0 == b.0) {
        if run.len() > MAX_POSTING {
            continue;
        }
        for (x, a) in run.iter().enumerate() {
            for b in &run[..x] {
                pairs.push((a.1.min(b.1), a.1.max(b.1)));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

#[derive(PartialEq)]
struct Entry {
    avg: f64,
    a: u32,
    b: u32,
    /// Sizes of the two clusters when the entry was made (stale if changed).
    sizes: (u32, u32),
}

impl Eq for Entry {}

impl Ord for Entry {
    fn cmp(&self, o: &Self) -> Ordering {
        self.avg
            .total_cmp(&o.avg)
            .then_with(|| (o.a, o.b).cmp(&(self.a, self.b)))
    }
}

impl PartialOrd for Entry {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// Average-link clustering of `n` nodes over weighted edges `(i, j, sim)`:
/// returns each node's cluster, named by its smallest node index.
pub fn average_link(n: usize, edges: &[(u32, u32, f64)], threshold: f64) -> Vec<u32> {
    // cluster id = its smallest node; sums of pair similarities between clusters
    let mut size = vec![1u32; n];
    let mut alive = vec![true; n];
    let mut links: Vec<BTreeMap<u32, f64>> = vec![BTreeMap::new(); n];
    for &(i, j, s) in edges {
        *links[i as usize].entry(j).or_default() += s;
        *links[j as usize].entry(i).or_default() += s;
    }
    let mut heap = BinaryHeap::new();
    for (i, l) in links.iter().enumerate() {
        for (&j, &s) in l {
            if (i as u32) < j && s >= threshold {
                heap.push(Entry {
                    avg: s,
                    a: i as u32,
                    b: j,
                    sizes: (1, 1),
                });
            }
        }
    }
    let mut parent: Vec<u32> = (0..n as u32).collect();
    while let Some(e) = heap.pop() {
        let (a, b) = (e.a as usize, e.b as usize);
        if !alive[a] || !alive[b] || (size[a], size[b]) != e.sizes {
            continue;
        }
        // merge b into a (a < b)
        let lb = std::mem::take(&mut links[b]);
        for (&c, &s) in &lb {
            if c as usize == a {
                continue;
            }
            *links[a].entry(c).or_default() += s;
            let lc = &mut links[c as usize];
            let moved = lc.remove(&(b as u32)).unwrap_or(0.0);
            *lc.entry(a as u32).or_default() += moved;
        }
        links[a].remove(&(b as u32));
        size[a] += size[b];
        alive[b] = false;
        parent[b] = a as u32;
        for (&c, &s) in &links[a] {
            let c = c as usize;
            let avg = s / (size[a] as f64 * size[c] as f64);
            if avg >= threshold {
                let (x, y) = (a.min(c), a.max(c));
                heap.push(Entry {
                    avg,
                    a: x as u32,
                    b: y as u32,
                    sizes: (size[x], size[y]),
                });
            }
        }
    }
    // resolve to the surviving cluster; name clusters by their smallest node
    let mut top: Vec<u32> = (0..n as u32)
        .map(|mut i| {
            while parent[i as usize] != i {
                i = parent[i as usize];
            }
            i
        })
        .collect();
    let mut smallest: FxHashMap<u32, u32> = FxHashMap::default();
    for (i, &t) in top.iter().enumerate() {
        let e = smallest.entry(t).or_insert(i as u32);
        *e = (*e).min(i as u32);
    }
    for t in top.iter_mut() {
        *t = smallest[t];
    }
    top
}

/// Words that say nothing about which event an article reports.
pub fn is_stopword(w: &str) -> bool {
    thread_local! {
        static SET: FxHashSet<&'static str> = STOPWORDS.split_whitespace().collect();
    }
    SET.with(|s| s.contains(w))
}

const STOPWORDS: &str = "a about above after again against all also am an and any are as at be \
    because been before being below between both but by can could did do does doing down during \
    each few for from further had has have having he her here hers herself him himself his how i \
    if in into is it its itself just me more most my myself no nor not now of off on once only or \
    other our ours ourselves out over own same she should so some such than that the their theirs \
    them themselves then there these they this those through to too under until up very was we \
    were what when where which while who whom why will with would you your yours yourself \
    yourselves said says say told according one two new first last year years time people \
    would like get got make made many much may might must us via per since around among still \
    however another every including later earlier today yesterday tomorrow monday tuesday \
    wednesday thursday friday saturday sunday week weeks day days month months report reported \
    reports news story stories read share comment comments click photo image video copyright \
    reserved rights follow subscribe newsletter advertisement related updated posted";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_link_stops_at_the_threshold() {
        // two tight triangles joined by one weak edge
        let edges = [
            (0, 1, 0.9),
            (1, 2, 0.8),
            (0, 2, 0.85),
            (3, 4, 0.9),
            (4, 5, 0.9),
            (3, 5, 0.9),
            (2, 3, 0.4),
        ];
        let c = average_link(7, &edges, 0.3);
        assert_eq!(c, vec![0, 0, 0, 3, 3, 3, 6]);
        let c = average_link(7, &edges, 0.01);
        assert_eq!(c[..6], [0, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn cosine_of_unit_vectors() {
        let a = finish(vec![(1, 1.0), (2, 1.0)]);
        let b = finish(vec![(2, 1.0), (3, 1.0)]);
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-6);
        assert!((cosine(&a, &b) - 0.5).abs() < 1e-6);
    }
}
