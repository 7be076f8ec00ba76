// temporary: time each normalize step over a corpus held in memory
use news_normalize::*;
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let data = std::fs::read_to_string(path).unwrap();
    let recs: Vec<(String, Option<String>, Option<String>)> = data
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            (
                v["text"].as_str().unwrap().to_string(),
                v.get("title").and_then(|t| t.as_str()).map(String::from),
                v.get("source").and_then(|t| t.as_str()).map(String::from),
            )
        })
        .collect();
    let opts = Options::default();
    for (name, f) in [
        ("amp", (|t: &str| t.contains('&')) as fn(&str) -> bool),
        ("c3", |t: &str| t.as_bytes().contains(&0xC3)),
        ("none", |t: &str| {
            !t.contains('&') && !t.as_bytes().contains(&0xC3)
        }),
    ] {
        let t = Instant::now();
        let mut n = 0;
        for r in recs.iter().filter(|r| f(&r.0)) {
            n += 1;
            std::hint::black_box(web::clean_web_residue(&r.0));
        }
        eprintln!("web {name} {n} {:?}", t.elapsed());
    }
    let t = Instant::now();
    let webbed: Vec<String> = recs
        .iter()
        .map(|r| web::clean_web_residue(&r.0).0.into_owned())
        .collect();
    eprintln!("web        {:?}", t.elapsed());
    let t = Instant::now();
    let cleaned: Vec<String> = webbed
        .iter()
        .map(|r| chars::clean_chars(r, Form::Nfc).0)
        .collect();
    eprintln!("chars      {:?}", t.elapsed());
    let t = Instant::now();
    let n = cleaned.iter().filter(|r| detok::looks_tokenized(r)).count();
    eprintln!("tok check  {:?} ({n})", t.elapsed());
    let t = Instant::now();
    let n = cleaned
        .iter()
        .filter(|r| detect_case(r) == Case::Lower)
        .count();
    eprintln!("case       {:?} ({n})", t.elapsed());
    let enabled = |c: Category| !opts.keep.contains(&c);
    let t = Instant::now();
    let mut n1 = 0;
    for (text, r) in cleaned.iter().zip(&recs) {
        let ctx = boilerplate::Context {
            title: r.1.as_deref(),
            source: r.2.as_deref(),
            lowercase: false,
        };
        let mut cache = boilerplate::BlockCache::default();
        n1 += boilerplate::remove_boilerplate(text, &ctx, &enabled, &mut cache)
            .0
            .len();
    }
    eprintln!("bp round1  {:?} {n1}", t.elapsed());
    let t = Instant::now();
    for (text, r) in cleaned.iter().zip(&recs) {
        let ctx = boilerplate::Context {
            title: r.1.as_deref(),
            source: r.2.as_deref(),
            lowercase: false,
        };
        let mut cache = boilerplate::BlockCache::default();
        let out = boilerplate::remove_boilerplate(text, &ctx, &enabled, &mut cache).0;
        n1 += boilerplate::remove_boilerplate(&out, &ctx, &enabled, &mut cache)
            .0
            .len();
    }
    eprintln!("bp round1+2 {:?} {n1}", t.elapsed());
    let t = Instant::now();
    let mut total = 0;
    for r in &recs {
        let n = normalize(&r.0, r.1.as_deref(), r.2.as_deref(), &opts);
        total += n.text.len();
        let f = report_field(None, &n);
        total += f.as_object().unwrap().len();
    }
    eprintln!("normalize+report {:?} {total}", t.elapsed());
}
