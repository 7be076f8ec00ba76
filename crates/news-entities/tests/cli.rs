//! The real `news-entities` binary: the `entities` field, the record's own
//! `sentences` and `normalize.case`, `--gazetteer`, `--learn`, and the record
//! contract around them.

use std::process::Output;

use news_test::{records, Bin};
use serde_json::{json, Map, Value};

const BIN: &str = env!("CARGO_BIN_EXE_news-entities");

fn run(args: &[&str], stdin: &str) -> Output {
    Bin(BIN).run(args, stdin.as_bytes())
}

fn line(v: Value) -> String {
    format!("{v}\n")
}

/// (text, type, canonical) of each entity.
fn triples(r: &Map<String, Value>) -> Vec<(String, String, String)> {
    r["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let s = |k: &str| e[k].as_str().unwrap().to_string();
            (s("text"), s("type"), s("canonical"))
        })
        .collect()
}

#[test]
fn adds_entities_with_code_point_offsets_and_keeps_other_fields() {
    let text = "Überall in Vellmark: Mayor Ines Calder flew to Baghdad. Calder met U.N. envoys.";
    let input = line(json!({"id": "a", "x": [1, 2], "text": text, "source": "s"}));
    let out = run(&[], &input);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = &records(&out)[0];
    let keys: Vec<&str> = r.keys().map(String::as_str).collect();
    assert_eq!(keys, ["id", "x", "text", "source", "entities"]);
    let chars: Vec<char> = text.chars().collect();
    let mut prev = 0;
    for e in r["entities"].as_array().unwrap() {
        let (a, b) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert!(prev <= a && a < b && b <= chars.len(), "{e}");
        assert_eq!(
            chars[a..b].iter().collect::<String>(),
            e["text"].as_str().unwrap()
        );
        prev = b;
    }
    let t = triples(r);
    assert!(
        t.contains(&("Ines Calder".into(), "PERSON".into(), "Ines Calder".into())),
        "{t:?}"
    );
    assert!(
        t.contains(&("Calder".into(), "PERSON".into(), "Ines Calder".into())),
        "{t:?}"
    );
    assert!(
        t.contains(&("Baghdad".into(), "GPE".into(), "Baghdad".into())),
        "{t:?}"
    );
    assert!(
        t.contains(&("U.N.".into(), "ORG".into(), "United Nations".into())),
        "{t:?}"
    );
}

#[test]
fn uses_the_records_sentences() {
    // With the record's sentences, "Stone" opens a sentence (a common word
    // there); told that the whole text is one sentence, it is mid-sentence
    // and, capitalized twice, a name.
    let text = "Reports came late. Stone walls fell in Harwick and Stone said so.";
    let own = line(json!({"id": "a", "text": text}));
    let one = line(json!({"id": "a", "text": text, "sentences": [{"start": 0, "end": 65}]}));
    let has_stone = |out: &Output| {
        triples(&records(out)[0])
            .iter()
            .any(|(s, _, _)| s == "Stone")
    };
    let with_own = run(&[], &own);
    let with_one = run(&[], &one);
    assert!(
        has_stone(&with_one),
        "{:?}",
        triples(&records(&with_one)[0])
    );
    assert_eq!(
        triples(&records(&with_own)[0])
            .iter()
            .filter(|(s, _, _)| s == "Stone")
            .count(),
        1,
        "only the mid-sentence Stone: {:?}",
        triples(&records(&with_own)[0])
    );
}

#[test]
fn reads_the_case_news_normalize_found() {
    let text = "officials in baghdad said the united nations would help";
    let declared = line(json!({"id": "a", "text": text, "normalize": {"case": "lower"}}));
    let t = triples(&records(&run(&[], &declared))[0]);
    assert!(
        t.contains(&("baghdad".into(), "GPE".into(), "Baghdad".into())),
        "{t:?}"
    );
    assert!(
        t.contains(&(
            "united nations".into(),
            "ORG".into(),
            "United Nations".into()
        )),
        "{t:?}"
    );
}

#[test]
fn gazetteer_adds_names_and_learn_writes_them() {
    let dir = std::env::temp_dir().join(format!("news-entities-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gaz = dir.join("gaz.jsonl");
    std::fs::write(
        &gaz,
        "{\"name\": \"Harwick Flood Relief Agency\", \"type\": \"ORG\", \"aliases\": [\"hfra\"]}\n",
    )
    .unwrap();
    let lower =
        line(json!({"id": "a", "text": "the hfra opened a shelter in the east of the town today"}));
    let t = triples(&records(&run(&["--gazetteer", gaz.to_str().unwrap()], &lower))[0]);
    assert_eq!(
        t,
        [(
            "hfra".into(),
            "ORG".into(),
            "Harwick Flood Relief Agency".into()
        )]
    );

    let learned = dir.join("learned.jsonl");
    let cased =
        line(json!({"id": "a", "text": "Envoy Tamsin Okoro visited Port Elling. Okoro left."}));
    let out = run(&["--learn", learned.to_str().unwrap(), "-j", "2"], &cased);
    assert!(out.status.success());
    let body = std::fs::read_to_string(&learned).unwrap();
    let names: Vec<Value> = body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(
        names.contains(&json!({"name": "Tamsin Okoro", "type": "PERSON", "canonical": "Tamsin Okoro", "aliases": ["Okoro"]})),
        "{body}"
    );
    // what was learned is found again in lowercased text
    let again = line(
        json!({"id": "b", "text": "later tamsin okoro spoke to the council", "normalize": {"case": "lower"}}),
    );
    let t = triples(&records(&run(&["--gazetteer", learned.to_str().unwrap()], &again))[0]);
    assert!(
        t.contains(&(
            "tamsin okoro".into(),
            "PERSON".into(),
            "Tamsin Okoro".into()
        )),
        "{t:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_gazetteer_line_is_named_and_stops_the_run() {
    let dir = std::env::temp_dir().join(format!("news-entities-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gaz = dir.join("gaz.jsonl");
    std::fs::write(
        &gaz,
        "{\"name\": \"A\", \"type\": \"ORG\"}\n{\"name\": \"B\", \"type\": \"CITY\"}\n",
    )
    .unwrap();
    let out = run(
        &["--gazetteer", gaz.to_str().unwrap()],
        &line(json!({"id": "a", "text": "Hi."})),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("gaz.jsonl:2: unknown type \"CITY\""), "{err}");
    assert!(out.stdout.is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_records_are_reported_with_file_and_line() {
    let input =
        line(json!({"id": "a", "text": "Calder spoke."})) + "[1, 2]\n" + &line(json!({"id": "c"}));
    let out = run(&["--on-error", "skip"], &input);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(records(&out).len(), 1);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("news-entities: <stdin>:2:"), "{err}");
    assert!(err.contains("news-entities: <stdin>:3:"), "{err}");
}

#[test]
fn same_output_on_any_thread_count() {
    let mut input = String::new();
    for i in 0..1500 {
        let text = format!(
            "Report {i}: Mayor Ines Calder of Harwick met U.S. officials in Baghdad. Calder said the Vellmark Red Cross would help."
        );
        input += &line(json!({"id": format!("d{i}"), "text": text}));
    }
    let one = run(&["-j", "1"], &input);
    for threads in ["2", "5"] {
        assert_eq!(
            one.stdout,
            run(&["-j", threads], &input).stdout,
            "threads {threads}"
        );
    }
}
