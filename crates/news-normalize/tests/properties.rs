//! Properties that must hold for every input: normalization is idempotent,
//! and the binary writes exactly one record per good input record, in order.

mod common;

use news_normalize::{normalize, Options};
use proptest::prelude::*;

/// Pieces scraped articles are made of: prose, furniture, web residue,
/// tokenized text, odd whitespace and arbitrary Unicode.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(
            "The council voted on Tuesday to close the quarry road after two collapses."
                .to_string()
        ),
        Just("“We will not gamble with lives,” the mayor said.".to_string()),
        Just("Share on Facebook Share on Twitter".to_string()),
        Just("Advertisement".to_string()),
        Just("Related".to_string()),
        Just("Bridge tolls to rise in April".to_string()),
        Just("By Ana Ruiz".to_string()),
        Just("© 2031 Harwick Post. All rights reserved.".to_string()),
        Just("Leave a Reply".to_string()),
        Just("[youtube abc123 650]".to_string()),
        Just("Photo: K. Adu/Reuters".to_string()),
        Just("Itâ€™s cafÃ© &amp; more &#8217; <b>bold</b><br>".to_string()),
        Just("the mayor 's office said it does n't know -lrb- yet -rrb- .".to_string()),
        Just("\u{a0}\u{200b}\u{ad}\t  \r\n".to_string()),
        Just("\n\n\n".to_string()),
        Just(
            "Ana Ruiz writes about transport for the Post. Follow her on Twitter @aruiz."
                .to_string()
        ),
        "[a-zA-Z ,.'\"]{0,60}",
        any::<String>(),
    ]
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..14).prop_map(|parts| {
        let mut text = String::new();
        for (i, p) in parts.iter().enumerate() {
            text.push_str(p);
            text.push_str(if i % 3 == 0 { "\n\n" } else { "\n" });
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn normalization_is_idempotent(text in article(), with_title in any::<bool>(), ascii in any::<bool>()) {
        let opts = Options { ascii_punct: ascii, ..Options::default() };
        let title = with_title.then_some("Quarry road to close");
        let once = normalize(&text, title, Some("Harwick Post"), &opts);
        let title2 = title.map(str::to_string).or(once.title.clone());
        let twice = normalize(&once.text, title2.as_deref(), Some("Harwick Post"), &opts);
        prop_assert_eq!(&once.text, &twice.text);
        prop_assert!(twice.title.is_none(), "second run found another title: {:?}", twice.title);
        prop_assert!(twice.report.removed.is_empty(), "second run removed {:?}", twice.report.removed);
    }

    #[test]
    fn output_has_no_invisible_characters_or_loose_whitespace(text in article()) {
        let out = normalize(&text, None, None, &Options::default()).text;
        let invisible = ['\u{200b}', '\u{ad}', '\u{a0}', '\r', '\t'];
        prop_assert!(!out.contains(invisible), "invisible character left in {:?}", out);
        prop_assert!(!out.contains("  ") && !out.contains("\n\n\n"), "loose whitespace in {:?}", out);
        prop_assert!(out.lines().all(|l| l == l.trim()), "untrimmed line in {:?}", out);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn one_record_out_per_record_in(texts in prop::collection::vec(article(), 0..30)) {
        let mut input = String::new();
        for (i, t) in texts.iter().enumerate() {
            input.push_str(&serde_json::json!({"id": format!("r{i}"), "n": i, "text": t}).to_string());
            input.push('\n');
        }
        let out = common::run(&[], input.as_bytes());
        prop_assert_eq!(out.status.code(), Some(0));
        let ids: Vec<_> = common::records(&out).iter().map(|r| r["id"].as_str().unwrap().to_string()).collect();
        let expected: Vec<String> = (0..texts.len()).map(|i| format!("r{i}")).collect();
        prop_assert_eq!(ids, expected);
    }
}
