//! The real `news-fingerprint` binary: the `fingerprint` field, its options
//! and the record contract around it.

use std::process::Output;

use news_fingerprint::{fingerprint, Fingerprint, Params};
use news_test::{records, stderr, Bin};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_news-fingerprint");

fn run(args: &[&str], stdin: &str) -> Output {
    Bin(BIN).run(args, stdin.as_bytes())
}

const ARTICLE: &str = "Flooding closed the Harwick quarry road on Tuesday, cutting off \
    400 homes. \u{201c}We are not going to gamble with people\u{2019}s lives,\u{201d} \
    Mayor Ines Calder said. The river rose 3.1 metres in 48 hours.";

/// The same article as a lowercased, Penn-Treebank-tokenized dump.
const DUMP: &str = "flooding closed the harwick quarry road on tuesday , cutting off \
    400 homes . `` we are not going to gamble with people 's lives , '' \
    mayor ines calder said . the river rose 3.1 metres in 48 hours .";

#[test]
fn adds_fingerprint_and_keeps_every_other_field_in_order() {
    let input = format!(
        "{{\"z\":1,\"id\":\"a\",\"text\":{},\"n\":1.50,\"meta\":{{\"k\":[1,2]}}}}\n",
        json!(ARTICLE)
    );
    let out = run(&[], &input);
    assert!(out.status.success(), "{}", stderr(&out));
    let recs = records(&out);
    let keys: Vec<&str> = recs[0].keys().map(String::as_str).collect();
    assert_eq!(keys, ["z", "id", "text", "n", "meta", "fingerprint"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"n\":1.50"));
    let fp = &recs[0]["fingerprint"];
    let (parsed, params) = Fingerprint::from_json(fp).unwrap();
    assert_eq!(params, Params::default());
    assert_eq!(parsed, fingerprint(ARTICLE, &params));
    assert_eq!(parsed.tokens, 34);
    assert_eq!(parsed.minhash.len(), 128);
    assert_eq!(parsed.bands.len(), params.bands);
    assert_eq!(
        fp["params"],
        json!({"version": 1, "shingle": 5, "perms": 128, "bands": params.bands,
               "rows": params.rows, "window": 20})
    );
}

/// Known values: a change to tokens, hashes or seeds shows up here, and
/// must bump the format version.
#[test]
fn fingerprints_are_pinned() {
    let fp = fingerprint(ARTICLE, &Params::default());
    let json = fp.to_json(&Params::default());
    assert_eq!(json["hash"], "7e43887b81af9343101a0d121eceab68");
    assert_eq!(json["simhash"], "3d6f5424b1e560bf");
    assert_eq!(json["bands"][0], "5fe76626c63c8187");
    assert_eq!(json["anchors"], "8VfmBX/0WSj4unQt");
    assert_eq!(
        &fp.minhash[..4],
        [2752908174, 3035114765, 368945690, 3760364899]
    );
    assert_eq!((Params::default().bands, Params::default().rows), (25, 5));
}

#[test]
fn a_tokenized_lowercased_dump_matches_the_clean_text() {
    let input = format!(
        "{}\n{}\n",
        json!({"id": "clean", "text": ARTICLE}),
        json!({"id": "dump", "text": DUMP})
    );
    let out = run(&[], &input);
    let recs = records(&out);
    assert_eq!(recs[0]["fingerprint"], recs[1]["fingerprint"]);
}

#[test]
fn short_texts_get_distinct_signatures_and_empty_ones_no_bands() {
    let input = [
        json!({"id": "1", "text": "Breaking news"}),
        json!({"id": "2", "text": "Weather update"}),
        json!({"id": "3", "text": ""}),
        json!({"id": "4", "text": " -- ... "}),
    ]
    .iter()
    .map(|v| format!("{v}\n"))
    .collect::<String>();
    let out = run(&["--stats"], &input);
    assert!(out.status.success());
    let recs = records(&out);
    let fp: Vec<Fingerprint> = recs
        .iter()
        .map(|r| Fingerprint::from_json(&r["fingerprint"]).unwrap().0)
        .collect();
    assert_eq!(fp[0].tokens, 2);
    assert!(!fp[0].bands.is_empty() && !fp[0].anchors.is_empty());
    assert_ne!(fp[0].minhash, fp[1].minhash);
    assert!(fp[0].bands.iter().zip(&fp[1].bands).all(|(a, b)| a != b));
    assert!(fp[2].bands.is_empty() && fp[2].anchors.is_empty());
    assert_eq!(fp[2].hash, fp[3].hash);
    let stats: Value = serde_json::from_str(stderr(&out).lines().last().unwrap()).unwrap();
    assert_eq!(stats["empty_texts"], 2);
    assert_eq!(stats["tokens"], 4);
}

#[test]
fn options_set_the_parameters() {
    let input = format!("{}\n", json!({"id": "a", "text": ARTICLE}));
    let out = run(
        &[
            "--bands",
            "16",
            "--rows",
            "8",
            "--shingle",
            "3",
            "--perms",
            "256",
            "--window",
            "8",
        ],
        &input,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let (fp, p) = Fingerprint::from_json(&records(&out)[0]["fingerprint"]).unwrap();
    assert_eq!(
        (p.bands, p.rows, p.shingle, p.perms, p.window),
        (16, 8, 3, 256, 8)
    );
    assert_eq!(fp.minhash.len(), 256);
    assert_eq!(fp.bands.len(), 16);

    let out = run(&["--threshold", "0.8"], &input);
    let (_, p) = Fingerprint::from_json(&records(&out)[0]["fingerprint"]).unwrap();
    assert!(p.rows > Params::default().rows);
}

#[test]
fn bad_options_are_usage_errors() {
    for args in [
        &["--bands", "20", "--rows", "7"][..],
        &["--bands", "4"],
        &["--threshold", "1.5"],
        &["--threshold", "0.5", "--bands", "4", "--rows", "4"],
        &["--shingle", "0"],
    ] {
        let out = run(args, "");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("news-fingerprint") || stderr(&out).contains("error"));
    }
}

#[test]
fn bad_records_are_named_and_the_rest_go_through() {
    let input = format!(
        "{}\nnot json\n{}\n",
        json!({"id": "a", "text": "one two"}),
        json!({"id": "b", "text": "three four"})
    );
    let out = run(&["--on-error", "skip"], &input);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("<stdin>:2:"), "{}", stderr(&out));
    assert_eq!(records(&out).len(), 2);
}

#[test]
fn output_is_the_same_on_any_thread_count() {
    let input: String = (0..300)
        .map(|i| {
            let text = format!("{ARTICLE} Item {i} of the day, {} words.", i * 7);
            format!("{}\n", json!({"id": i.to_string(), "text": text}))
        })
        .collect();
    let one = run(&["-j", "1"], &input).stdout;
    for j in ["2", "3", "8"] {
        assert_eq!(run(&["-j", j], &input).stdout, one, "-j {j}");
    }
}
