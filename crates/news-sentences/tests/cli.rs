//! The real `news-sentences` binary: the `sentences` field, `--with-text`,
//! `--explode`, `--case`, and the record contract around them.

use std::process::Output;

use news_test::{records, Bin};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_news-sentences");

fn run(args: &[&str], stdin: &str) -> Output {
    Bin(BIN).run(args, stdin.as_bytes())
}

fn line(v: Value) -> String {
    format!("{v}\n")
}

/// Python-style code-point slice.
fn slice(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

#[test]
fn adds_code_point_spans_and_keeps_every_other_field_in_order() {
    let text = "Überschwemmung in Harwick — „Die Straße bleibt zu.“ The road stays shut. Dr. Brandt agreed.";
    let input = format!(
        "{{\"z\":1,\"id\":\"a\",\"text\":{},\"n\":1.50,\"meta\":{{\"k\":[1,2]}}}}\n",
        json!(text)
    );
    let out = run(&[], &input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 1);
    let r = &recs[0];
    let keys: Vec<&str> = r.keys().map(String::as_str).collect();
    assert_eq!(keys, ["z", "id", "text", "n", "meta", "sentences"]);
    let raw = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        raw.contains("\"n\":1.50"),
        "numbers pass through exactly: {raw}"
    );
    let got: Vec<String> = r["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            slice(
                text,
                s["start"].as_u64().unwrap(),
                s["end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "Überschwemmung in Harwick — „Die Straße bleibt zu.“",
            "The road stays shut.",
            "Dr. Brandt agreed."
        ]
    );
    // start/end only unless asked
    assert!(r["sentences"][0].get("text").is_none());
}

#[test]
fn with_text_puts_each_sentence_in_its_object() {
    let input = line(json!({"id": "a", "text": "One wall fell.  Two stood."}));
    let out = run(&["--with-text"], &input);
    let r = &records(&out)[0];
    assert_eq!(
        r["sentences"],
        json!([
            {"start": 0, "end": 14, "text": "One wall fell."},
            {"start": 16, "end": 26, "text": "Two stood."}
        ])
    );
}

#[test]
fn explode_writes_one_record_per_sentence() {
    let input = line(json!({"id": "doc7", "text": "Rain fell. Rivers rose.", "source": "x"}))
        + &line(json!({"id": "empty", "text": "  "}))
        + &line(json!({"text": "No id here."}));
    let out = run(&["--explode"], &input);
    assert!(out.status.success());
    let recs = records(&out);
    assert_eq!(recs.len(), 3);
    assert_eq!(
        Value::Object(recs[0].clone()),
        json!({"id": "doc7:0", "doc_id": "doc7", "index": 0, "start": 0, "end": 10, "text": "Rain fell."})
    );
    assert_eq!(recs[1]["id"], "doc7:1");
    assert_eq!(recs[1]["start"], 11);
    // a record without an id gets its minted id as doc_id
    let minted = recs[2]["doc_id"].as_str().unwrap();
    assert!(minted.starts_with('t') && minted.len() == 17, "{minted}");
    assert_eq!(recs[2]["id"], format!("{minted}:0"));
}

#[test]
fn explode_is_grep_friendly_through_a_closed_pipe() {
    let input = line(json!({"id": "a", "text": "A. B. C. D. E. F. G. H."})).repeat(2000);
    let mut child = Bin(BIN).spawn(&["--explode"]);
    let writer = news_test::feed(&mut child, input.into_bytes());
    let mut first = [0u8; 10];
    std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
    drop(child.stdout.take()); // like `| head -c 10`
    let out = child.wait_with_output().unwrap();
    let _ = writer.join();
    assert!(out.status.success(), "closed stdout is exit 0");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn reads_the_case_news_normalize_found() {
    // Capitals give nothing away in a lowercased dump, so the period before
    // "mr." ends a sentence only because the text is known to be lowercase.
    let text = "the road was shut at dawn. mr. brandt said it would reopen. residents waited";
    let plain = line(json!({"id": "a", "text": text}));
    let declared = line(json!({"id": "a", "text": text, "normalize": {"case": "lower"}}));
    let count = |out: &Output| records(out)[0]["sentences"].as_array().unwrap().len();
    assert_eq!(count(&run(&[], &declared)), 3);
    assert_eq!(count(&run(&["--case", "lower"], &plain)), 3);
    assert_eq!(count(&run(&["--case", "mixed"], &plain)), 1);
}

#[test]
fn replaces_existing_sentences_in_place() {
    let input = line(json!({"id": "a", "sentences": "stale", "text": "Hi there. Bye."}));
    let r = &records(&run(&[], &input))[0];
    let keys: Vec<&str> = r.keys().map(String::as_str).collect();
    assert_eq!(keys, ["id", "sentences", "text"]);
    assert_eq!(r["sentences"].as_array().unwrap().len(), 2);
}

#[test]
fn bad_records_are_reported_with_file_and_line() {
    let input = line(json!({"id": "a", "text": "Fine."}))
        + "{not json\n"
        + &line(json!({"id": "c", "text": 5}));
    let out = run(&["--on-error", "skip"], &input);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records(&out).len(), 1);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("news-sentences: <stdin>:2:"), "{err}");
    assert!(err.contains("news-sentences: <stdin>:3:"), "{err}");
}

#[test]
fn same_output_on_any_thread_count() {
    let mut input = String::new();
    for i in 0..3000 {
        let text = format!(
            "Update {i}: the U.S. team left at {} p.m. The ferry (No. {i}) sailed.\n\nMr. Calder spoke. “It holds,” he said.",
            i % 12 + 1
        );
        input += &line(json!({"id": format!("d{i}"), "text": text}));
    }
    let one = run(&["-j", "1", "--with-text"], &input);
    for threads in ["2", "3", "8"] {
        let many = run(&["-j", threads, "--with-text"], &input);
        assert_eq!(one.stdout, many.stdout, "threads {threads}");
    }
    for threads in ["1", "3"] {
        let a = run(&["-j", threads, "--explode"], &input);
        assert_eq!(records(&a).len(), 3000 * 4);
    }
}

#[test]
fn stats_count_sentences() {
    let input = line(json!({"id": "a", "text": "One. Two. Three."}));
    let out = run(&["--stats"], &input);
    let err = String::from_utf8_lossy(&out.stderr);
    let stats: Value = serde_json::from_str(err.lines().last().unwrap()).unwrap();
    assert_eq!(stats["sentences"], 3);
    assert_eq!(stats["records_out"], 1);
}
