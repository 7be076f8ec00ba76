//! The sketches: shingle hashes, one-permutation MinHash with optimal
//! densification, LSH band keys, SimHash and winnowing anchors.
//!
//! Every hash here is fixed and documented (docs/FORMAT.md), so another
//! implementation (a Spark job, a Python script) can reproduce the values:
//! XXH3-64 and XXH3-128 with seed 0 and the murmur3 64-bit finalizer, mixed
//! with the constants below. Nothing depends on the platform, the build or a
//! random state.

use xxhash_rust::xxh3::{xxh3_64, xxh3_64_with_seed};

/// Seeds that make the MinHash, densification and SimHash hashes of a
/// shingle independent of one another ("minhash", "densify", "simhash" in
/// ASCII).
pub const SEED_MINHASH: u64 = 0x006d_696e_6861_7368;
pub const SEED_DENSIFY: u64 = 0x0064_656e_7369_6679;
pub const SEED_SIMHASH: u64 = 0x0073_696d_6861_7368;

/// The murmur3 64-bit finalizer: a bijection that spreads every input bit
/// over the whole word.
pub fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

/// The hash of one normalized token.
pub fn token_hash(token: &str) -> u64 {
    xxh3_64(token.as_bytes())
}

/// The multiplier of the token at position `i` of a shingle.
fn position_multiplier(i: usize) -> u64 {
    fmix64(i as u64 + 1) | 1
}

/// Hashes of the word shingles of a token-hash sequence: every run of `k`
/// consecutive tokens, `fmix64(sum of hash(t_i) * M_i)`, with `M_i =
/// fmix64(i + 1) | 1`. A text of fewer than `k` (but at least one) tokens
/// is one shingle of all of them.
pub fn shingles(token_hashes: &[u64], k: usize, out: &mut Vec<u64>) {
    out.clear();
    let k = k.max(1);
    if token_hashes.is_empty() {
        return;
    }
    let m: Vec<u64> = (0..k).map(position_multiplier).collect();
    if token_hashes.len() < k {
        out.push(combine(token_hashes, &m));
        return;
    }
    if let Ok(m5) = <[u64; 5]>::try_from(&m[..]) {
        // the default k: a fixed-length multiplier array lets the loop unroll
        out.extend(token_hashes.windows(5).map(|w| combine(w, &m5)));
        return;
    }
    out.extend(token_hashes.windows(k).map(|w| combine(w, &m)));
}

fn combine(window: &[u64], m: &[u64]) -> u64 {
    let mut acc = 0u64;
    for (t, m) in window.iter().zip(m) {
        acc = acc.wrapping_add(t.wrapping_mul(*m));
    }
    fmix64(acc)
}

/// `x * n / 2^32` for a 32-bit `x`: maps a uniform 32-bit value onto `0..n`.
fn reduce(x: u64, n: usize) -> usize {
    (((x >> 32) * n as u64) >> 32) as usize
}

/// The empty signature value, for bins no shingle reached.
pub const EMPTY: u32 = u32::MAX;

/// One-permutation MinHash with optimal densification (Shrivastava 2017):
/// each shingle is hashed once, `g = fmix64(s ^ SEED_MINHASH)`; its bin is
/// `(g >> 32) * n >> 32` and its value `g & 0xffffffff`; a bin keeps its
/// smallest value. A bin that no shingle reached copies the value of the
/// first non-empty bin on its fixed probe sequence `(fmix64(SEED_DENSIFY ^
/// bin << 32 ^ attempt) >> 32) * n >> 32`. Two signatures agree at a
/// position with probability equal to the Jaccard similarity of the shingle
/// sets, as with `n` independent permutations, at the cost of one hash per
/// shingle instead of `n`. No shingles at all: every value is [`EMPTY`].
pub fn minhash(shingles: &[u64], n: usize, sig: &mut Vec<u32>) {
    sig.clear();
    sig.resize(n, EMPTY);
    // branch-free: a bin's minimum, and a bit saying a shingle reached it
    let mut filled = vec![0u64; n.div_ceil(64)];
    let is_filled = |filled: &[u64], i: usize| filled[i >> 6] >> (i & 63) & 1 == 1;
    for &s in shingles {
        let g = fmix64(s ^ SEED_MINHASH);
        let bin = reduce(g, n);
        sig[bin] = sig[bin].min(g as u32);
        filled[bin >> 6] |= 1 << (bin & 63);
    }
    if shingles.is_empty() {
        return;
    }
    for i in 0..n {
        if is_filled(&filled, i) {
            continue;
        }
        let mut attempt = 0u64;
        loop {
            let j = reduce(fmix64(SEED_DENSIFY ^ ((i as u64) << 32) ^ attempt), n);
            if is_filled(&filled, j) {
                sig[i] = sig[j];
                break;
            }
            attempt += 1;
        }
    }
}

/// LSH band keys: band `i` (of `bands`) covers signature values `i * rows ..
/// (i + 1) * rows`; its key is XXH3-64, seeded with `i`, of those values as
/// 4-byte little-endian integers. Two signatures share band `i`'s key when
/// they agree on all its rows.
pub fn band_keys(sig: &[u32], bands: usize, rows: usize) -> Vec<u64> {
    let mut buf = Vec::with_capacity(rows * 4);
    (0..bands)
        .map(|i| {
            buf.clear();
            for v in &sig[i * rows..(i + 1) * rows] {
                buf.extend_from_slice(&v.to_le_bytes());
            }
            xxh3_64_with_seed(&buf, i as u64)
        })
        .collect()
}

/// Charikar's SimHash over the shingles, unweighted (a shingle that occurs
/// twice counts twice): bit `i` is set when more than half of the features
/// `fmix64(s ^ SEED_SIMHASH)` have it set. Counted bit-sliced: eight planes
/// of binary counters, one bit position per lane, so a shingle costs a few
/// word operations instead of 64 additions; the planes are emptied into
/// plain counts every 255 shingles.
pub fn simhash(shingles: &[u64]) -> u64 {
    let mut counts = [0u32; 64];
    for chunk in shingles.chunks(255) {
        let mut planes = [0u64; 8];
        for &s in chunk {
            let mut carry = fmix64(s ^ SEED_SIMHASH);
            for p in planes.iter_mut() {
                let c = *p;
                *p = c ^ carry;
                carry &= c;
            }
        }
        for (bit, count) in counts.iter_mut().enumerate() {
            for (j, p) in planes.iter().enumerate() {
                *count += (((p >> bit) & 1) as u32) << j;
            }
        }
    }
    let n = shingles.len() as u64;
    let mut out = 0u64;
    for (bit, &count) in counts.iter().enumerate() {
        if 2 * count as u64 > n {
            out |= 1 << bit;
        }
    }
    out
}

/// Winnowing (Schleimer, Wilkerson and Aiken 2003, as in MOSS): in every
/// window of `w` consecutive shingle hashes the smallest is selected
/// (the rightmost on a tie); an anchor is the top 32 bits of a selected
/// hash. Any run of `w + k - 1` tokens that two texts share gives them at
/// least one common anchor, wherever it sits. A text with fewer than `w`
/// shingles selects its smallest one. Returned in text order, each anchor
/// once (where it first occurs), so the first anchors are the text's lead.
pub fn anchors(shingles: &[u64], w: usize) -> Vec<u32> {
    let w = w.max(1);
    let mut out = Vec::new();
    if shingles.is_empty() {
        return out;
    }
    if shingles.len() <= w {
        out.push((shingles.iter().min().unwrap() >> 32) as u32);
        return out;
    }
    // a monotonic queue of positions (increasing hashes) in a plain vector:
    // its front only moves forward, so `head` replaces a ring buffer
    let mut queue: Vec<usize> = Vec::with_capacity(shingles.len());
    let mut head = 0;
    let mut last = usize::MAX;
    for (j, &h) in shingles.iter().enumerate() {
        while queue.len() > head && shingles[queue[queue.len() - 1]] >= h {
            queue.pop();
        }
        queue.push(j);
        if queue[head] + w <= j {
            head += 1;
        }
        if j + 1 >= w && queue[head] != last {
            last = queue[head];
            out.push((shingles[last] >> 32) as u32);
        }
    }
    // each anchor once, at its first place (repeats are rare: check first)
    let mut sorted = out.clone();
    sorted.sort_unstable();
    if sorted.windows(2).all(|p| p[0] != p[1]) {
        return out;
    }
    let mut seen: Vec<(u32, usize)> = out.iter().enumerate().map(|(i, &a)| (a, i)).collect();
    seen.sort_unstable();
    seen.dedup_by_key(|x| x.0);
    seen.sort_unstable_by_key(|x| x.1);
    seen.into_iter().map(|x| x.0).collect()
}

/// The share of positions where two signatures agree: the MinHash estimate
/// of the Jaccard similarity of their shingle sets.
pub fn jaccard<T: PartialEq>(a: &[T], b: &[T]) -> f64 {
    if a.is_empty() || a.len() != b.len() {
        return 0.0;
    }
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len() as f64
}

/// Number of differing bits of two SimHashes.
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// Anchors of two anchor lists in common; both must be sorted.
pub fn common(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The share of `part`'s anchors that `whole` also has: how much of `part`
/// is contained in `whole` (anchor lists in any order).
pub fn containment(part: &[u32], whole: &[u32]) -> f64 {
    if part.is_empty() {
        return 0.0;
    }
    let (mut p, mut w) = (part.to_vec(), whole.to_vec());
    p.sort_unstable();
    w.sort_unstable();
    common(&p, &w) as f64 / p.len() as f64
}

/// Probability that a pair of Jaccard similarity `s` shares at least one
/// of `b` bands of `r` rows: `1 - (1 - s^r)^b`.
pub fn band_probability(s: f64, b: usize, r: usize) -> f64 {
    1.0 - pow(1.0 - pow(s, r), b)
}

/// `x^n` by repeated multiplication (the same result on every platform,
/// unlike a libm `pow`).
fn pow(x: f64, n: usize) -> f64 {
    (0..n).fold(1.0, |acc, _| acc * x)
}

/// The bands and rows (b * r <= perms) that best separate pairs above
/// `threshold` from pairs below it: the smallest sum of the false-positive
/// area (band probability below the threshold) and the false-negative area
/// (its complement above it), integrated numerically. Ties go to fewer
/// bands.
pub fn optimal_bands(threshold: f64, perms: usize) -> (usize, usize) {
    const STEPS: usize = 200;
    let area = |lo: f64, hi: f64, f: &dyn Fn(f64) -> f64| {
        let h = (hi - lo) / STEPS as f64;
        let mut sum = 0.5 * (f(lo) + f(hi));
        for i in 1..STEPS {
            sum += f(lo + i as f64 * h);
        }
        sum * h
    };
    let mut best = (1, perms.max(1));
    let mut best_err = f64::INFINITY;
    for b in 1..=perms {
        let r = perms / b;
        if r == 0 {
            break;
        }
        let fp = area(0.0, threshold, &|s| band_probability(s, b, r));
        let fn_ = area(threshold, 1.0, &|s| 1.0 - band_probability(s, b, r));
        let err = fp + fn_;
        if err < best_err - 1e-12 {
            best_err = err;
            best = (b, r);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn winnowing_picks_window_minima() {
        let h: Vec<u64> = [5u64, 3, 8, 9, 1, 7, 7, 2]
            .iter()
            .map(|v| v << 32)
            .collect();
        // windows of 3: [5 3 8]->3, [3 8 9]->3, [8 9 1]->1, ... [7 7 2]->2
        assert_eq!(anchors(&h, 3), vec![3, 1, 2]);
        assert_eq!(anchors(&h[..2], 3), vec![3]);
        assert!(anchors(&[], 3).is_empty());
    }

    #[test]
    fn simhash_of_one_feature_is_that_feature() {
        let s = 0x1234_5678_9abc_def0;
        assert_eq!(simhash(&[s]), fmix64(s ^ SEED_SIMHASH));
        assert_eq!(simhash(&[s, s, s]), fmix64(s ^ SEED_SIMHASH));
        assert_eq!(simhash(&[]), 0);
    }

    #[test]
    fn densified_signature_has_no_empty_bins() {
        let mut sig = Vec::new();
        minhash(&[42], 128, &mut sig);
        assert!(sig.iter().all(|&v| v == sig[0]));
        minhash(&[], 16, &mut sig);
        assert_eq!(sig, vec![EMPTY; 16]);
        let many: Vec<u64> = (0..1000).map(fmix64).collect();
        minhash(&many, 128, &mut sig);
        let distinct: std::collections::BTreeSet<_> = sig.iter().collect();
        assert!(distinct.len() > 100, "{}", distinct.len());
    }

    #[test]
    fn band_choice_puts_the_s_curve_at_the_threshold() {
        for t in [0.3, 0.5, 0.7, 0.9] {
            let (b, r) = optimal_bands(t, 128);
            assert!(b * r <= 128);
            // the curve's midpoint (1/b)^(1/r) lies near the threshold
            let mid = (1.0 / b as f64).powf(1.0 / r as f64);
            assert!((mid - t).abs() < 0.1, "t={t} b={b} r={r} mid={mid}");
        }
    }

    #[test]
    fn containment_and_common_count_shared_anchors() {
        assert_eq!(common(&[1, 3, 5, 7], &[3, 4, 5]), 2);
        assert_eq!(containment(&[3, 5], &[1, 3, 5, 7]), 1.0);
        assert_eq!(containment(&[], &[1]), 0.0);
        assert_eq!(hamming(0b1011, 0b0001), 2);
    }
}
