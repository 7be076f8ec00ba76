//! The statistical promises of the sketches, checked empirically on random
//! document pairs spread over the whole similarity range.

use std::collections::HashSet;

use news_fingerprint::sketch::{self, band_probability};
use news_fingerprint::{fingerprint, Fingerprint, Params};

/// A small deterministic generator (splitmix64), so the tests are repeatable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        sketch::fmix64(self.0)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn word(rng: &mut Rng) -> String {
    // a vocabulary of 20,000 pseudo-words
    format!("w{}", rng.below(20_000))
}

fn doc(rng: &mut Rng, len: usize) -> Vec<String> {
    (0..len).map(|_| word(rng)).collect()
}

/// A copy of `base` with about `p` of its tokens replaced.
fn mutate(rng: &mut Rng, base: &[String], p: f64) -> Vec<String> {
    base.iter()
        .map(|w| if rng.unit() < p { word(rng) } else { w.clone() })
        .collect()
}

fn shingle_set(tokens: &[String], k: usize) -> HashSet<u64> {
    let hashes: Vec<u64> = tokens.iter().map(|t| sketch::token_hash(t)).collect();
    let mut out = Vec::new();
    sketch::shingles(&hashes, k, &mut out);
    out.into_iter().collect()
}

fn exact_jaccard(a: &HashSet<u64>, b: &HashSet<u64>) -> f64 {
    a.intersection(b).count() as f64 / a.union(b).count() as f64
}

/// Pairs whose exact Jaccard similarity covers 0..1: a random article
/// (100 to 800 words) and a copy with a random share of its words replaced.
fn pairs(n: usize, seed: u64) -> Vec<(Fingerprint, Fingerprint, f64)> {
    pairs_with(n, seed, &Params::default())
}

fn pairs_with(n: usize, seed: u64, params: &Params) -> Vec<(Fingerprint, Fingerprint, f64)> {
    let mut rng = Rng(seed);
    (0..n)
        .map(|_| {
            let len = 100 + rng.below(700);
            let a = doc(&mut rng, len);
            // replacing p of the words keeps (1-p)^5 of the shingles
            let j_target = rng.unit();
            let p = 1.0 - j_target.powf(1.0 / 5.0);
            let b = mutate(&mut rng, &a, p);
            let exact = exact_jaccard(&shingle_set(&a, 5), &shingle_set(&b, 5));
            (
                fingerprint(&a.join(" "), params),
                fingerprint(&b.join(" "), params),
                exact,
            )
        })
        .collect()
}

/// Share of pairs whose estimate is within 0.05 of the exact Jaccard, and
/// share within three binomial standard errors, sqrt(J (1 - J) / n).
fn accuracy(pairs: &[(Fingerprint, Fingerprint, f64)], n: usize) -> (f64, f64, f64) {
    let (mut close, mut in_bound, mut bias) = (0, 0, 0.0);
    for (a, b, exact) in pairs {
        let est = sketch::jaccard(&a.minhash, &b.minhash);
        close += ((est - exact).abs() <= 0.05) as usize;
        let sigma = (exact * (1.0 - exact) / n as f64).sqrt();
        in_bound += ((est - exact).abs() <= 3.0 * sigma + 1.0 / n as f64) as usize;
        bias += est - exact;
    }
    let m = pairs.len() as f64;
    (close as f64 / m, in_bound as f64 / m, bias / m)
}

// With n values an unbiased estimate has standard error sqrt(J (1 - J) / n):
// 0.044 at J = 0.5 for n = 128, so no 128-value signature keeps 95% of
// mid-range pairs within 0.05. The test checks the estimates are unbiased
// and within the binomial bound at 128, and within 0.05 for 95% of pairs at
// 512 values (`--perms 512`).
#[test]
fn minhash_estimates_track_exact_jaccard() {
    let pairs = pairs(1000, 7);
    let (close, in_bound, bias) = accuracy(&pairs, 128);
    eprintln!("128 values: {close:.3} within 0.05, {in_bound:.3} within 3 sigma, bias {bias:+.4}");
    assert!(in_bound >= 0.99, "{in_bound}");
    assert!(bias.abs() < 0.01, "{bias}");
    assert!(close >= 0.85, "{close}");

    let params = Params::for_threshold(5, 512, 0.5, 20);
    let pairs = pairs_with(600, 8, &params);
    let (close, in_bound, bias) = accuracy(&pairs, 512);
    eprintln!("512 values: {close:.3} within 0.05, {in_bound:.3} within 3 sigma, bias {bias:+.4}");
    assert!(close >= 0.95, "{close}");
    assert!(in_bound >= 0.99, "{in_bound}");
}

#[test]
fn band_collisions_follow_the_s_curve() {
    let params = Params::default();
    let pairs = pairs(1500, 11);
    // bins of exact similarity, empirical share of pairs sharing a band
    let mut bins = [(0usize, 0usize, 0.0f64); 10];
    for (a, b, exact) in &pairs {
        let shared = a.bands.iter().zip(&b.bands).any(|(x, y)| x == y);
        let d = ((exact * 10.0) as usize).min(9);
        bins[d].0 += shared as usize;
        bins[d].1 += 1;
        bins[d].2 += band_probability(*exact, params.bands, params.rows);
    }
    for (d, &(hit, n, expected)) in bins.iter().enumerate() {
        if n < 40 {
            continue;
        }
        let (rate, expected) = (hit as f64 / n as f64, expected / n as f64);
        eprintln!(
            "J in [{:.1}, {:.1}): {rate:.2} shared a band, S-curve {expected:.2} ({n} pairs)",
            d as f64 / 10.0,
            (d + 1) as f64 / 10.0
        );
        assert!(
            (rate - expected).abs() < 0.12,
            "bin {d}: {rate} vs {expected}"
        );
    }
}

#[test]
fn simhash_distance_grows_as_similarity_falls() {
    let pairs = pairs(1000, 13);
    let mut bins = [(0u64, 0u64); 5];
    for (a, b, exact) in &pairs {
        let d = ((exact * 5.0) as usize).min(4);
        bins[d].0 += sketch::hamming(a.simhash, b.simhash) as u64;
        bins[d].1 += 1;
    }
    let means: Vec<f64> = bins
        .iter()
        .map(|&(s, n)| s as f64 / n.max(1) as f64)
        .collect();
    eprintln!("mean Hamming distance by Jaccard fifth: {means:?}");
    for w in means.windows(2) {
        assert!(
            w[0] > w[1],
            "distances do not fall as similarity rises: {means:?}"
        );
    }
    assert!(means[0] > 24.0 && means[4] < 12.0, "{means:?}");
}

#[test]
fn an_embedded_article_shares_most_of_its_anchors() {
    let mut rng = Rng(17);
    let params = Params::default();
    let mut shares = Vec::new();
    for _ in 0..100 {
        let n = 150 + rng.below(600);
        let article = doc(&mut rng, n);
        let n = rng.below(1500);
        let before = doc(&mut rng, n);
        let n = rng.below(1500);
        let after = doc(&mut rng, n);
        let roundup = [before, article.clone(), after].concat();
        let a = fingerprint(&article.join(" "), &params);
        let r = fingerprint(&roundup.join(" "), &params);
        shares.push(sketch::containment(&a.anchors, &r.anchors));
        // an unrelated article of the same length shares (almost) nothing
        let other = fingerprint(&doc(&mut rng, article.len()).join(" "), &params);
        assert!(sketch::containment(&other.anchors, &r.anchors) < 0.1);
    }
    shares.sort_by(f64::total_cmp);
    eprintln!(
        "containment: min {:.2}, median {:.2}",
        shares[0], shares[50]
    );
    assert!(shares[0] >= 0.8, "{shares:?}");
    assert!(shares[50] >= 0.9, "{shares:?}");
}

#[test]
fn a_lead_only_copy_is_contained_in_its_article() {
    let mut rng = Rng(19);
    let params = Params::default();
    for _ in 0..50 {
        let n = 400 + rng.below(400);
        let article = doc(&mut rng, n);
        let lead = &article[..article.len() / 3];
        let a = fingerprint(&article.join(" "), &params);
        let l = fingerprint(&lead.join(" "), &params);
        assert!(sketch::containment(&l.anchors, &a.anchors) >= 0.8);
        assert!(sketch::jaccard(&l.minhash, &a.minhash) < 0.5);
    }
}
