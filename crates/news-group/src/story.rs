//! Story groups: different articles about one real-world event.
//!
//! Each near-duplicate group is one node, described by a sparse TF-IDF
//! vector over its content words, numbers and canonical entity names
//! (entities weigh double: who and where; numbers four times: counts, scores
//! and years tell two events of one kind apart). Candidate pairs come from
//! an inverted index on each node's highest-weighted terms, rarest first and
//! a bounded number per node, never from all pairs; their cosine similarity,
//! damped by the distance in time when both have a `published` date, is the
//! edge weight (weak edges are left out). Average-link agglomerative
//! clustering over that sparse graph merges the closest pair of clusters
//! while their average similarity (missing pairs count as 0) stays at or
//! above the threshold, so no number of stories is needed in advance, and
//! two tight clusters merge only when they are nearly as alike as their own
//! members are ([`average_link`]): two earthquakes in one region share the
//! region's and the topic's words, but each report is closer to the other
//! reports of its own quake.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use rustc_hash::{FxHashMap, FxHashSet};

/// A sparse vector: (term id, weight), sorted by term.
pub type Vector = Vec<(u32, f32)>;

/// Terms kept per vector (the highest weights).
pub const MAX_TERMS: usize = 64;
/// Terms per node that feed the candidate index.
const INDEX_TERMS: usize = 12;
/// A term indexed for more nodes than this is too common to find pairs.
const MAX_POSTING: usize = 256;
/// Clusters of at least this many nodes have a cohesion of their own (the
/// average similarity of their pairs) that a merge must respect.
const COHESIVE: u32 = 3;

/// Normalizes a vector to unit length, keeping its `MAX_TERMS` heaviest
/// terms, sorted by term.
pub fn finish(mut v: Vec<(u32, f32)>) -> Vector {
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
pub fn heaviest(mut v: Vec<(u32, f32)>) -> Vector {
    v.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(MAX_TERMS);
    v.shrink_to_fit();
    v.sort_unstable_by_key(|t| t.0);
    v
}

/// Dot product of two sorted sparse vectors.
pub fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
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

/// Nodes examined per node for edges (each pair from its smaller node):
/// candidates come from its rarest index terms first, so the work and the
/// edges per node stay bounded however common the other terms are.
const MAX_NEIGHBOURS: usize = 128;

/// Weighted edges `(i, j, similarity)`, `i < j`, sorted, between nodes that
/// share one of their heaviest terms (an inverted index, never all pairs);
/// pairs less similar than `min_similarity` are left out (they cannot lift
/// an average to the clustering threshold on their own).
pub fn edges(nodes: &[Node], min_similarity: f64) -> Vec<(u32, u32, f32)> {
    let mut postings: Vec<(u32, u32)> = Vec::new();
    let mut top: Vec<(u32, f32)> = Vec::new();
    let mut indexed: Vec<u32> = Vec::with_capacity(nodes.len() * INDEX_TERMS);
    let mut indexed_end: Vec<usize> = Vec::with_capacity(nodes.len());
    for (i, n) in nodes.iter().enumerate() {
        top.clear();
        top.extend_from_slice(&n.vector);
        top.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        top.truncate(INDEX_TERMS);
        postings.extend(top.iter().map(|t| (t.0, i as u32)));
        indexed.extend(top.iter().map(|t| t.0));
        indexed_end.push(indexed.len());
    }
    postings.sort_unstable();
    // each term's run of nodes (sorted), found by binary search
    let run = |t: u32| {
        let lo = postings.partition_point(|p| p.0 < t);
        let hi = postings.partition_point(|p| p.0 <= t);
        &postings[lo..hi]
    };
    let mut seen = vec![u32::MAX; nodes.len()];
    let mut near: Vec<u32> = Vec::new();
    let mut runs: Vec<&[(u32, u32)]> = Vec::new();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &end) in indexed_end.iter().enumerate() {
        runs.clear();
        runs.extend(indexed[start..end].iter().map(|&t| run(t)));
        start = end;
        runs.retain(|r| r.len() <= MAX_POSTING);
        runs.sort_by_key(|r| (r.len(), r[0].0));
        near.clear();
        let from = out.len();
        'runs: for r in &runs {
            for &(_, j) in *r {
                if j as usize > i && seen[j as usize] != i as u32 {
                    if near.len() == MAX_NEIGHBOURS {
                        break 'runs;
                    }
                    seen[j as usize] = i as u32;
                    near.push(j);
                }
            }
        }
        for &j in &near {
            let s = similarity(&nodes[i], &nodes[j as usize]);
            if s > 0.0 && s >= min_similarity {
                out.push((i as u32, j, s as f32));
            }
        }
        out[from..].sort_unstable_by_key(|e| e.1);
    }
    out
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

/// Adds `s` to the entry of `key` in a list sorted by key.
fn add_link(list: &mut Vec<(u32, f64)>, key: u32, s: f64) {
    match list.binary_search_by_key(&key, |e| e.0) {
        Ok(k) => list[k].1 += s,
        Err(k) => list.insert(k, (key, s)),
    }
}

/// Average-link clustering of `n` nodes over weighted edges `(i, j, sim)`
/// (each pair once): returns each node's cluster, named by its smallest node index.
///
/// The closest pair of clusters merges while their average similarity
/// (missing pairs count as 0) is at least `threshold` and, when both have at
/// least three nodes, at least `cohesion` times the smaller of their own
/// average inner similarities: two tight clusters that are only loosely
/// alike (two different events of one kind, sharing the topic's words)
/// stay apart however high the topic's words lift their similarity.
pub fn average_link(
    n: usize,
    edges: &[(u32, u32, f32)],
    threshold: f64,
    cohesion: f64,
) -> Vec<u32> {
    // cluster id = its smallest node; sums of pair similarities between
    // clusters, and of the pairs inside each cluster
    let mut size = vec![1u32; n];
    let mut inner = vec![0f64; n];
    let mut alive = vec![true; n];
    let mut links: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
    for &(i, j, s) in edges {
        links[i as usize].push((j, s as f64));
        links[j as usize].push((i, s as f64));
    }
    for l in &mut links {
        l.sort_unstable_by_key(|e| e.0);
    }
    let mut heap = BinaryHeap::new();
    for (i, l) in links.iter().enumerate() {
        for &(j, s) in l {
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
    let mean_inner = |inner: &[f64], size: &[u32], x: usize| {
        let m = size[x] as f64;
        inner[x] / (m * (m - 1.0) / 2.0)
    };
    let mut parent: Vec<u32> = (0..n as u32).collect();
    while let Some(e) = heap.pop() {
        let (a, b) = (e.a as usize, e.b as usize);
        if !alive[a] || !alive[b] || (size[a], size[b]) != e.sizes {
            continue;
        }
        if size[a] >= COHESIVE && size[b] >= COHESIVE {
            let own = mean_inner(&inner, &size, a).min(mean_inner(&inner, &size, b));
            if e.avg < cohesion * own {
                // stays apart until one of them changes
                continue;
            }
        }
        // merge b into a (a < b)
        let lb = std::mem::take(&mut links[b]);
        let mut between = 0.0;
        for &(c, s) in &lb {
            if c as usize == a {
                between = s;
                continue;
            }
            add_link(&mut links[a], c, s);
            let lc = &mut links[c as usize];
            if let Ok(k) = lc.binary_search_by_key(&(b as u32), |e| e.0) {
                let moved = lc.remove(k).1;
                add_link(lc, a as u32, moved);
            }
        }
        if let Ok(k) = links[a].binary_search_by_key(&(b as u32), |e| e.0) {
            links[a].remove(k);
        }
        inner[a] += inner[b] + between;
        size[a] += size[b];
        alive[b] = false;
        parent[b] = a as u32;
        for &(c, s) in &links[a] {
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
        let c = average_link(7, &edges, 0.3, 0.0);
        assert_eq!(c, vec![0, 0, 0, 3, 3, 3, 6]);
        let c = average_link(7, &edges, 0.01, 0.0);
        assert_eq!(c[..6], [0, 0, 0, 0, 0, 0]);
    }

    #[test]
    fn tight_clusters_merge_only_when_nearly_as_alike_as_their_members() {
        // two tight triangles, every cross pair at 0.4: average 0.4 passes
        // the threshold but is under 0.6 of their inner similarity (0.9)
        let mut edges = vec![
            (0, 1, 0.9),
            (0, 2, 0.9),
            (1, 2, 0.9),
            (3, 4, 0.9),
            (3, 5, 0.9),
            (4, 5, 0.9),
        ];
        for i in 0..3 {
            for j in 3..6 {
                edges.push((i, j, 0.4));
            }
        }
        edges.sort_by_key(|e| (e.0, e.1));
        assert_eq!(average_link(6, &edges, 0.3, 0.0), vec![0; 6]);
        assert_eq!(average_link(6, &edges, 0.3, 0.6), vec![0, 0, 0, 3, 3, 3]);
        // at 0.6 the cross pairs are alike enough
        for e in edges.iter_mut().filter(|e| e.2 < 0.5) {
            e.2 = 0.6;
        }
        assert_eq!(average_link(6, &edges, 0.3, 0.6), vec![0; 6]);
    }

    #[test]
    fn edges_per_node_stay_bounded_and_weak_pairs_go() {
        // 200 nodes sharing one term, each with a term of its own
        let nodes: Vec<Node> = (0..200u32)
            .map(|i| Node {
                vector: finish(vec![(0, 1.0), (1 + i, 1.0)]),
                day: None,
            })
            .collect();
        let e = edges(&nodes, 0.1);
        assert!(!e.is_empty());
        let mut per = vec![0usize; nodes.len()];
        for &(i, j, s) in &e {
            assert!(i < j && (s - 0.5).abs() < 1e-6);
            per[i as usize] += 1;
        }
        assert!(per.iter().all(|&n| n <= MAX_NEIGHBOURS));
        assert!(e.windows(2).all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)));
        // every pair is at 0.5: a floor above it leaves no edge
        assert!(edges(&nodes, 0.6).is_empty());
    }

    #[test]
    fn cosine_of_unit_vectors() {
        let a = finish(vec![(1, 1.0), (2, 1.0)]);
        let b = finish(vec![(2, 1.0), (3, 1.0)]);
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-6);
        assert!((cosine(&a, &b) - 0.5).abs() < 1e-6);
    }
}
