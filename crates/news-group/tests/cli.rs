//! The real `news-group` binary on generated articles: copies join, a
//! roundup lists what it carries without merging it, a shared quote links
//! nothing, and the groups do not depend on input order.

use std::collections::BTreeMap;
use std::process::Output;

use news_test::{records, stderr, Bin};
use serde_json::{json, Map, Value};

const BIN: &str = env!("CARGO_BIN_EXE_news-group");

fn run(args: &[&str], stdin: &str) -> Output {
    Bin(BIN).run(args, stdin.as_bytes())
}

/// Deterministic pseudo-random words (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| format!("w{}", self.next() % 50_000))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

struct Corpus {
    lines: Vec<String>,
}

impl Corpus {
    fn add(&mut self, id: &str, text: &str) {
        self.lines
            .push(format!("{}\n", json!({"id": id, "text": text})));
    }
    fn input(&self) -> String {
        self.lines.concat()
    }
}

fn groups(out: &Output) -> BTreeMap<String, Map<String, Value>> {
    assert!(out.status.success(), "{}", stderr(out));
    records(out)
        .into_iter()
        .map(|r| {
            let id = r["id"].as_str().unwrap().to_string();
            (id, r["group"].as_object().unwrap().clone())
        })
        .collect()
}

/// Three articles, copies of them, a roundup carrying two of them, and two
/// articles that share only a quote.
fn corpus() -> Corpus {
    let mut rng = Rng(5);
    let (a, b, c) = (rng.words(400), rng.words(300), rng.words(350));
    let quote = rng.words(25);
    let mut k = Corpus { lines: Vec::new() };
    k.add("a", &a);
    k.add(
        "a-wrapped",
        &format!("Home > World\n\n{a}\n\nShare this story. Comments (3)"),
    );
    k.add(
        "a-lead",
        &a.split(' ').take(150).collect::<Vec<_>>().join(" "),
    );
    k.add("b", &b);
    k.add("b-lower", &b.to_uppercase());
    k.add("c", &c);
    let b_lead: Vec<&str> = b.split(' ').take(60).collect();
    k.add(
        "roundup",
        &format!(
            "Morning briefing\n\n{}\n\n{}\n\n{}",
            c.split(' ').take(280).collect::<Vec<_>>().join(" "),
            b_lead.join(" "),
            rng.words(80)
        ),
    );
    k.add(
        "q1",
        &format!("{} \"{quote}\" {}", rng.words(200), rng.words(200)),
    );
    k.add(
        "q2",
        &format!("{} \"{quote}\" {}", rng.words(200), rng.words(200)),
    );
    k
}

#[test]
fn copies_join_and_a_roundup_lists_what_it_carries() {
    let g = groups(&run(&[], &corpus().input()));
    let dup = |id: &str| g[id]["duplicate"].as_str().unwrap().to_string();
    assert_eq!(dup("a-wrapped"), dup("a"));
    assert_eq!(dup("a-lead"), dup("a"));
    assert_eq!(dup("b-lower"), dup("b"));
    // the representative is the longest copy, and names the group
    assert_eq!(dup("a"), "a-wrapped");
    assert_eq!(g["a-wrapped"]["duplicate_of"], Value::Null);
    assert_eq!(g["a"]["duplicate_of"], "a-wrapped");
    assert!(g["a"]["similarity"].as_f64().unwrap() > 0.5);
    // the roundup carries c (most of it) and b's lead: it joins c, lists
    // both, and b and c stay apart
    assert_eq!(dup("roundup"), dup("c"));
    assert_ne!(dup("b"), dup("c"));
    let contains: Vec<&str> = g["roundup"]["contains"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(contains.contains(&dup("b").as_str()), "{contains:?}");
    assert!(contains.contains(&dup("c").as_str()), "{contains:?}");
    // a shared quote links nothing
    assert_ne!(dup("q1"), dup("q2"));
    // every duplicate group lies inside one story
    for (id, r) in &g {
        let rep = r["duplicate"].as_str().unwrap();
        assert_eq!(r["story"], g[rep]["story"], "{id}");
    }
}

#[test]
fn a_digest_of_leads_lists_every_article_and_no_article_lists_the_digest() {
    let mut rng = Rng(11);
    let arts: Vec<String> = (0..3).map(|_| rng.words(300)).collect();
    let lead = |a: &str| a.split(' ').take(45).collect::<Vec<_>>().join(" ");
    let mut k = Corpus { lines: Vec::new() };
    for (i, a) in arts.iter().enumerate() {
        k.add(&format!("art{i}"), a);
        // each article is re-posted: it has a group of its own
        k.add(&format!("art{i}-repost"), &format!("Home > News\n\n{a}"));
    }
    // a digest opening with the first article's lead, then the others'
    let digest = format!(
        "{}\n\n{}\n\n{}",
        lead(&arts[0]),
        lead(&arts[1]),
        lead(&arts[2])
    );
    k.add("digest", &digest);
    k.add("digest-copy", &format!("Top stories\n\n{digest}\n\nShare"));
    // a report on the same event that opens with the first article's
    // opening sentence and goes on in its own words
    let first_sentence = arts[0].split(' ').take(22).collect::<Vec<_>>().join(" ");
    let other = format!("{first_sentence} {}", rng.words(300));
    k.add("other-report", &other);
    k.add("other-report-repost", &format!("{other}\n\nComments (2)"));
    let g = groups(&run(&[], &k.input()));
    let dup = |id: &str| g[id]["duplicate"].as_str().unwrap().to_string();
    let contains = |id: &str| -> Vec<String> {
        g[id].get("contains").map_or(Vec::new(), |v| {
            v.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().to_string())
                .collect()
        })
    };
    let listed = contains("digest");
    for i in 0..3 {
        let art = dup(&format!("art{i}"));
        assert!(listed.contains(&art), "art{i} missing from {listed:?}");
        // the articles stay apart, and none claims to hold the digest
        assert!(contains(&format!("art{i}")).is_empty(), "art{i}");
    }
    assert_ne!(dup("art0"), dup("art1"));
    // one shared opening sentence is not an embedded article
    assert!(contains("other-report").is_empty());
    assert_ne!(dup("other-report"), dup("art0"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]

    /// Any order of the records gives the same groups, ids and similarities.
    #[test]
    fn any_input_order_gives_the_same_groups(keys in proptest::collection::vec(proptest::prelude::any::<u64>(), 12)) {
        let k = corpus();
        let forward = groups(&run(&[], &k.input()));
        let mut lines: Vec<(u64, String)> = keys.into_iter().zip(k.lines.clone()).collect();
        lines.sort();
        let shuffled: String = lines.into_iter().map(|(_, l)| l).collect();
        proptest::prop_assert_eq!(forward, groups(&run(&[], &shuffled)));
    }
}

#[test]
fn groups_do_not_depend_on_input_order() {
    let k = corpus();
    let forward = groups(&run(&[], &k.input()));
    let mut lines = k.lines.clone();
    lines.reverse();
    lines.rotate_left(3);
    let shuffled = groups(&run(&[], &lines.concat()));
    assert_eq!(forward, shuffled);
}

#[test]
fn output_keeps_input_order_and_fields() {
    let input = "{\"z\":1,\"id\":\"x\",\"text\":\"one two three four five six\",\"n\":1.50}\n\
                 {\"id\":\"y\",\"text\":\"seven eight nine\"}\n";
    let out = run(&[], input);
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    let keys: Vec<&str> = recs[0].keys().map(String::as_str).collect();
    assert_eq!(keys, ["z", "id", "text", "n", "group"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"n\":1.50"));
    assert_eq!(recs[1]["id"], "y");
    assert_eq!(recs[1]["group"]["duplicate"], "y");
}

#[test]
fn drop_duplicates_keeps_one_record_per_group() {
    let out = run(&["--drop-duplicates"], &corpus().input());
    let ids: Vec<String> = records(&out)
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.contains(&"a-wrapped".to_string()));
    assert!(!ids.contains(&"a".to_string()) && !ids.contains(&"a-lead".to_string()));
    assert!(ids.contains(&"q1".to_string()) && ids.contains(&"q2".to_string()));
}

#[test]
fn emit_groups_writes_one_record_per_group() {
    let out = run(&["--emit", "groups"], &corpus().input());
    let recs = records(&out);
    let a = recs
        .iter()
        .find(|r| r["id"] == "duplicate:a-wrapped")
        .expect("the group of a");
    assert_eq!(a["size"], 3);
    assert_eq!(a["members"], json!(["a", "a-lead", "a-wrapped"]));
    assert!(a["entities"].is_array(), "{a:?}");
    assert!(recs.iter().any(|r| r["level"] == "story"));
}

#[test]
fn bad_records_are_named_and_the_rest_are_grouped() {
    let input = "{\"id\":\"a\",\"text\":\"one two three\"}\n[1]\n{\"id\":\"b\",\"text\":\"one two three\"}\n";
    let out = run(&["--on-error", "skip"], input);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("<stdin>:2:"), "{}", stderr(&out));
    let recs = records(&out);
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[1]["group"]["duplicate"], recs[0]["group"]["duplicate"]);
}
