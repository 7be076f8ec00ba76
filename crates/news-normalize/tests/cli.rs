//! End-to-end tests of the `news-normalize` binary: the record contract, the
//! error policy and the I/O edge cases every news-tools binary shares.

mod common;

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use common::{feed, reasons, records, run, spawn, stderr, BIN};
use serde_json::Value;

const BODY: &str = "The council of Harwick voted on Tuesday to close the old quarry road, citing two collapses of its retaining wall since March.";

#[test]
fn unknown_fields_pass_through_in_order_and_exactly() {
    let line = format!(
        r#"{{"zeta":1.10,"id":"a1","meta":{{"b":2,"a":[1,"x"]}},"text":"{BODY}","big":123456789012345678901234567890,"source":"Harwick Post"}}"#
    );
    let out = run(&[], format!("{line}\n").as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let keys: Vec<_> = records(&out)[0].keys().cloned().collect();
    assert_eq!(
        keys,
        ["zeta", "id", "meta", "text", "big", "source", "normalize"]
    );
    // Numbers and nested objects are written exactly as they came.
    assert!(
        text.starts_with(r#"{"zeta":1.10,"id":"a1","meta":{"b":2,"a":[1,"x"]},"#),
        "{text}"
    );
    assert!(text.contains(r#""big":123456789012345678901234567890,"#));
}

#[test]
fn unicode_and_web_residue_are_cleaned() {
    let line = serde_json::json!({
        "id": "u",
        "text": "Itâ€™s the mayor\u{a0}\u{a0}of Harwick&#8217;s  plan:\u{200b} caf\u{e9} e\u{301}tude &amp; more.\r\nSecond line\u{ad}s here.",
    });
    let out = run(&[], format!("{line}\n").as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r = &records(&out)[0];
    assert_eq!(
        r["text"],
        "It’s the mayor of Harwick’s plan: café étude & more.\nSeconds line here."
            .replace("Seconds line here.", "Seconds here.")
            .replace("Seconds here.", "Second lines here.")
    );
    let fixes = &r["normalize"]["fixes"];
    assert_eq!(fixes["mojibake"], 1);
    assert_eq!(fixes["html_entities"], 2);
    assert_eq!(fixes["invisible"], 2);
    assert_eq!(fixes["spaces"], 2);
}

/// One good record, then each kind of bad record, then a good one.
fn mixed_input() -> (Vec<u8>, Vec<&'static [u8]>) {
    let bad: Vec<&'static [u8]> = vec![
        b"{not json}\n",
        b"[1,2,3]\n",
        b"{\"id\":\"x\",\"text\":\"caf\xe9\"}\n",
        b"{\"id\":\"y\"}\n",
        b"{\"id\":\"z\",\"text\":42}\r\n",
    ];
    let mut input = b"{\"id\":\"first\",\"text\":\"One.\"}\n".to_vec();
    for b in &bad {
        input.extend_from_slice(b);
    }
    input.extend_from_slice(b"{\"id\":\"last\",\"text\":\"Two.\"}");
    (input, bad)
}

#[test]
fn on_error_fail_stops_after_writing_good_records() {
    let (input, _) = mixed_input();
    let out = run(&[], &input);
    assert_eq!(out.status.code(), Some(1));
    let ids: Vec<_> = records(&out).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["first"]);
    assert_eq!(
        stderr(&out).trim(),
        "news-normalize: <stdin>:2: invalid JSON: key must be a string at line 1 column 2"
    );
}

#[test]
fn on_error_skip_reports_each_and_keeps_going() {
    let (input, bad) = mixed_input();
    let dir = tempfile::tempdir().unwrap();
    let rejects = dir.path().join("rejects.jsonl");
    let out = run(
        &["--on-error=skip", "--rejects", rejects.to_str().unwrap()],
        &input,
    );
    assert_eq!(out.status.code(), Some(1));
    let ids: Vec<_> = records(&out).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["first", "last"]);
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 5, "{err}");
    assert!(lines[0].starts_with("news-normalize: <stdin>:2: invalid JSON"));
    assert_eq!(
        lines[1],
        "news-normalize: <stdin>:3: not a JSON object (found an array)"
    );
    assert_eq!(
        lines[2],
        "news-normalize: <stdin>:4: invalid UTF-8 at byte 22"
    );
    assert_eq!(lines[3], "news-normalize: <stdin>:5: \"text\" is missing");
    assert_eq!(
        lines[4],
        "news-normalize: <stdin>:6: \"text\" is not a string (found a number)"
    );
    // Every rejected line, byte for byte (line ends included).
    assert_eq!(std::fs::read(&rejects).unwrap(), bad.concat());
}

#[test]
fn quiet_silences_diagnostics_but_not_the_exit_code() {
    let (input, _) = mixed_input();
    let out = run(&["--quiet", "--on-error=skip"], &input);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stderr.is_empty());
}

#[test]
fn blank_lines_crlf_and_bom_are_accepted() {
    let input = b"\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"One.\"}\r\n\r\n   \n{\"id\":\"b\",\"text\":\"Two.\"}\r\n\n";
    let out = run(&["--stats"], input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ids: Vec<_> = records(&out).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["a", "b"]);
    let stats: Value = serde_json::from_str(stderr(&out).trim()).expect("stats are one JSON line");
    assert_eq!(stats["records_in"], 2);
    assert_eq!(stats["records_out"], 2);
    assert_eq!(stats["blank_lines"], 3);
    assert_eq!(stats["rejected"], 0);
    assert!(stats["seconds"].is_number());
}

#[test]
fn empty_input_gives_empty_output() {
    let out = run(&[], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
}

#[test]
fn a_fifty_megabyte_line_works() {
    let sentence = "The quarry road stays closed while engineers inspect the wall.";
    let mut text = String::with_capacity(50_000_100);
    let mut n = 0u32;
    while text.len() < 50_000_000 {
        // Distinct lines, so the repeat rule has nothing to remove.
        text.push_str(&format!("{sentence} Day {n}.\n"));
        n += 1;
    }
    let line = serde_json::json!({"id": "huge", "text": text}).to_string();
    let out = run(&[], format!("{line}\n").as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r = &records(&out)[0];
    assert_eq!(r["id"], "huge");
    let got = r["text"].as_str().unwrap();
    assert!(
        got == text.trim_end(),
        "50 MB text changed ({} bytes out)",
        got.len()
    );
}

#[test]
fn closed_stdout_is_success() {
    let mut input = Vec::new();
    for i in 0..20_000 {
        input.extend(format!("{{\"id\":\"r{i}\",\"text\":\"{BODY}\"}}\n").bytes());
    }
    let mut child = spawn(&[]);
    let writer = feed(&mut child, input);
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // like `| head -c 64`
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let status = child.wait().unwrap();
    let _ = writer.join().unwrap(); // the binary may exit before reading it all
    assert_eq!(status.code(), Some(0), "stderr: {err}");
    assert!(err.is_empty(), "{err}");
}

#[test]
fn help_on_a_closed_pipe_is_success() {
    let mut child = Command::new(BIN)
        .arg("--help")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

#[test]
fn usage_and_missing_files_exit_2() {
    let out = run(&["--no-such-flag"], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["--keep", "nonsense"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown category 'nonsense'"));
    let out = run(&["/nonexistent/articles.jsonl"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        "news-normalize: /nonexistent/articles.jsonl: No such file or directory"
    );
}

#[test]
fn gzip_and_zstd_files_are_decoded_and_read_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let gz = dir.path().join("a.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(b"{\"id\":\"g1\",\"text\":\"One.\"}\n{\"id\":\"g2\",\"text\":\"Two.\"}\n")
        .unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    let plain = dir.path().join("b.jsonl");
    std::fs::write(&plain, "{\"id\":\"p1\",\"text\":\"Three.\"}\n").unwrap();
    let out = run(
        &[gz.to_str().unwrap(), "-", plain.to_str().unwrap()],
        b"{\"id\":\"s1\",\"text\":\"Four.\"}\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ids: Vec<_> = records(&out).iter().map(|r| r["id"].clone()).collect();
    assert_eq!(ids, ["g1", "g2", "s1", "p1"]);
}

#[test]
fn errors_name_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shard.jsonl");
    std::fs::write(
        &path,
        "{\"id\":\"a\",\"text\":\"One.\"}\n\n{\"id\":\"b\",\"text\":null}\n",
    )
    .unwrap();
    let out = run(&[path.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out).trim(),
        format!(
            "news-normalize: {}:3: \"text\" is not a string (found null)",
            path.display()
        )
    );
}

#[test]
fn records_without_an_id_get_a_stable_unique_one() {
    let input =
        b"{\"text\":\"Same text.\"}\n{\"text\":\"Same text.\"}\n{\"id\":7,\"text\":\"x\"}\n";
    let a = records(&run(&[], input));
    let b = records(&run(&[], input));
    assert_eq!(a, b);
    let id0 = a[0]["id"].as_str().unwrap();
    assert!(id0.starts_with('t') && id0.len() == 17, "{id0}");
    assert_eq!(a[1]["id"].as_str().unwrap(), format!("{id0}-2"));
    assert_eq!(a[2]["id"], 7);
    assert_eq!(a[0].keys().next().unwrap(), "id");
}

#[test]
fn text_and_id_fields_can_be_renamed() {
    let input = b"{\"doc\":\"d1\",\"body\":\"caf\xc3\x83\xc2\xa9 &amp; bar.\"}\n";
    let out = run(&["--text-field", "body", "--id-field", "doc"], input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r = &records(&out)[0];
    assert_eq!(r["body"], "café & bar.");
    assert!(r.get("id").is_none() && r.get("text").is_none());
}

#[test]
fn text_files_become_records() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("harwick-quarry.txt");
    std::fs::write(
        &path,
        format!("Quarry road to close after wall collapses\n\n{BODY}\n\nShare this article\n\nLeave a Reply\n"),
    )
    .unwrap();
    let out = run(&["--text-files", path.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r = &records(&out)[0];
    assert_eq!(r["id"], "harwick-quarry");
    assert_eq!(r["source"], path.to_str().unwrap());
    assert_eq!(r["title"], "Quarry road to close after wall collapses");
    assert_eq!(r["text"], BODY);
    let reasons = reasons(r);
    assert_eq!(reasons, ["share", "comments"]);
    assert_eq!(r["normalize"]["title_from_text"], true);
}

#[test]
fn tokenized_lowercase_dump_is_detokenized_and_flagged() {
    let text = "the council 's vote came after two collapses , officials said .\nresidents said they do n't expect the road -lrb- built in 1931 -rrb- to reopen .";
    let line = serde_json::json!({"id": "t", "text": text});
    let out = run(&[], format!("{line}\n").as_bytes());
    let r = &records(&out)[0];
    assert_eq!(
        r["text"],
        "the council's vote came after two collapses, officials said.\nresidents said they don't expect the road (built in 1931) to reopen."
    );
    assert_eq!(r["normalize"]["case"], "lower");
    assert_eq!(r["normalize"]["detokenized"], true);
}

#[test]
fn the_case_flag_weighs_every_line_of_the_text() {
    // A first line with one capital and one lowercase letter, then nine
    // lines of lowercase letters: a thousand lowercase letters to the
    // capital make the text lowercase, one fewer mixed, though the first
    // line alone reads as mixed.
    for (last_line, case) in [(111, "lower"), (110, "mixed")] {
        let mut lines = vec!["Ab".to_string()];
        lines.extend(('c'..='j').map(|letter| letter.to_string().repeat(111)));
        lines.push("k".repeat(last_line));
        let letters: usize = lines.iter().map(|l| l.len()).sum::<usize>() - 1;
        let text = lines.join("\n\n");
        let line = serde_json::json!({"id": "c", "text": text});
        let out = run(&["--keep", "all"], format!("{line}\n").as_bytes());
        let r = &records(&out)[0];
        assert_eq!(r["text"], text.as_str());
        assert_eq!(r["normalize"]["case"], case, "{letters} lowercase letters");
    }
}

#[test]
fn keep_turns_a_category_off() {
    let text =
        format!("{BODY}\n\nAdvertisement\n\n{BODY} Again.\n\nShare on Facebook Share on Twitter");
    let line = serde_json::json!({"id": "k", "text": text});
    let out = run(&["--keep", "ad"], format!("{line}\n").as_bytes());
    let r = &records(&out)[0];
    assert!(r["text"].as_str().unwrap().contains("Advertisement"));
    assert!(!r["text"].as_str().unwrap().contains("Share on"));
}

#[test]
fn a_masthead_line_naming_the_source_goes_in_any_script() {
    // (the Greek name ends with a capital sigma, which lowercases to a
    // final sigma only when whole words are lowercased)
    for source in ["Harwick Post", "ΝΕΑ ΕΙΔΗΣΕΙΣ"] {
        let detour = "Drivers will be sent along the coast road, which adds twenty minutes to a trip into town.";
        let text = format!("{source}\n\n{BODY}\n\n{detour}");
        let line = serde_json::json!({"id": "m", "title": "Quarry road to close", "source": source, "text": text});
        let out = run(&[], format!("{line}\n").as_bytes());
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let r = &records(&out)[0];
        assert_eq!(r["text"], format!("{BODY}\n\n{detour}"), "{source}");
        assert_eq!(reasons(r), ["byline"], "{source}");
    }
}

#[test]
fn normalizing_its_own_output_changes_nothing() {
    let text = format!("Home › News\n\nQuarry road to close\n\nBy Ana Ruiz\n\n{BODY}\n\nthe council &amp; the mayor\u{a0}agreed.\n\nRelated\n\nBridge tolls rise\n\n© 2031 Harwick Post");
    let line = serde_json::json!({"id": "i", "source": "Harwick Post", "text": text});
    let once = run(&[], format!("{line}\n").as_bytes());
    let twice = run(&[], &once.stdout);
    assert_eq!(once.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&once.stdout),
        String::from_utf8_lossy(&twice.stdout)
    );
}

#[test]
fn datelines_are_kept_unless_removed_on_request() {
    let text =
        format!("Posted: 04 / 9 / 2031 8: 33 am\n\n{BODY}\n\nUpdated: May 24, 2031, 3:23 PM ET");
    let line = serde_json::json!({"id": "d", "text": text});
    let kept = records(&run(&[], format!("{line}\n").as_bytes()));
    assert_eq!(kept[0]["text"], text);
    let removed = records(&run(
        &["--remove", "dateline"],
        format!("{line}\n").as_bytes(),
    ));
    assert_eq!(removed[0]["text"], BODY);
    let reasons = reasons(&removed[0]);
    assert_eq!(reasons, ["dateline", "dateline"]);
}

#[test]
fn a_sentence_is_a_pull_quote_only_when_most_of_its_distinct_words_are_a_neighbours() {
    let before = "Amara Okafor, the clinic's director, said Dr. Lindqvist had seen how many patients in the valley rely on the night service.";
    // "dr" twice: four of five content words, but three of four distinct ones
    let named = "Dr. Okafor also said Dr. Lindqvist is stubborn.";
    let drawn = "Dr. Okafor said Dr. Lindqvist relies on the night service.";
    let after =
        "Drivers will be sent along the coast road, which adds twenty minutes to a trip into town.";
    let input: String = [named, drawn]
        .iter()
        .map(|s| {
            let text = format!("{BODY}\n\n{before}\n\n{s}\n\n{after}");
            format!("{}\n", serde_json::json!({"id": "q", "text": text}))
        })
        .collect();
    let out = run(&[], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r = records(&out);
    assert_eq!(
        r[0]["text"],
        format!("{BODY}\n\n{before}\n\n{named}\n\n{after}")
    );
    assert!(reasons(&r[0]).is_empty());
    assert_eq!(r[1]["text"], format!("{BODY}\n\n{before}\n\n{after}"));
    assert_eq!(reasons(&r[1]), ["repeat"]);
}

/// A large mixed input: good records (some without ids, some repeated),
/// blank lines and bad records spread through it.
fn big_mixed_input() -> Vec<u8> {
    let mut input = Vec::new();
    for i in 0..3000 {
        let line = match i % 97 {
            13 => "{broken json".to_string(),
            29 => String::new(),
            41 => format!("{{\"text\":\"Share this article\\n\\n{BODY} Copy {}.\"}}", i % 5),
            _ => format!("{{\"id\":\"r{i}\",\"text\":\"Home › News\\n\\n{BODY} Number {i}.\\n\\nAdvertisement\"}}"),
        };
        input.extend(line.bytes());
        input.push(b'\n');
    }
    input
}

#[test]
fn same_output_on_every_thread_count() {
    let input = big_mixed_input();
    let dir = tempfile::tempdir().unwrap();
    let mut runs = Vec::new();
    for threads in ["1", "2", "3", "8"] {
        let rejects = dir.path().join(format!("rejects-{threads}.jsonl"));
        let out = run(
            &[
                "-j",
                threads,
                "--on-error=skip",
                "--rejects",
                rejects.to_str().unwrap(),
            ],
            &input,
        );
        assert_eq!(out.status.code(), Some(1));
        runs.push((out.stdout, out.stderr, std::fs::read(&rejects).unwrap()));
    }
    for other in &runs[1..] {
        assert!(runs[0] == *other, "output differs between thread counts");
    }
    let records = String::from_utf8(runs[0].0.clone())
        .unwrap()
        .lines()
        .count();
    let rejected = String::from_utf8(runs[0].1.clone())
        .unwrap()
        .lines()
        .count();
    assert_eq!(records + rejected + 3000 / 97 + 1, 3000);
}

#[test]
fn fail_policy_stops_at_the_first_bad_record_on_any_thread_count() {
    let input = big_mixed_input();
    for threads in ["1", "4"] {
        let out = run(&["-j", threads], &input);
        assert_eq!(out.status.code(), Some(1));
        // Lines 1-13 are good, line 14 is the first bad one.
        assert_eq!(records(&out).len(), 13, "threads {threads}");
        assert_eq!(
            stderr(&out).lines().collect::<Vec<_>>(),
            ["news-normalize: <stdin>:14: invalid JSON: key must be a string at line 1 column 2"]
        );
    }
}

#[test]
fn lines_that_go_only_once_others_are_gone_go_and_a_second_run_changes_nothing() {
    // Each goes in a later round, once the furniture around it is gone: a
    // caption six lines of furniture away from its paragraph, and a credit
    // line between a cookie notice and the body (one a record, so that
    // neither's later round is judged for the other's sake).
    let body2 =
        "Drivers will be sent along the coast road, which adds twenty minutes to a trip into town.";
    let caption = "Harwick council close old quarry road retaining wall";
    let ads = ["Advertisement"; 6].join("\n\n");
    let notice = "We use cookies to improve your experience on our site. By continuing to browse the site you agree to our use of cookies.";
    let texts = [
        format!("{BODY}\n\n{ads}\n\n{caption}\n\n{body2}"),
        format!("{notice}\n\nStaff Reporter\n\n{BODY}\n\n{body2}"),
    ];
    let input: String = texts
        .iter()
        .map(|text| {
            let line = serde_json::json!({"title": "Quarry road closed", "text": text});
            format!("{line}\n")
        })
        .collect();
    let out = run(&[], input.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let r = records(&out);
    for record in &r {
        assert_eq!(record["text"], format!("{BODY}\n\n{body2}"));
    }
    let mut expected = vec!["ad"; 6];
    expected.push("repeat");
    assert_eq!(reasons(&r[0]), expected);
    assert_eq!(reasons(&r[1]), ["cookie", "byline"]);
    let again = run(&[], &out.stdout);
    assert_eq!(again.stdout, out.stdout);
}
