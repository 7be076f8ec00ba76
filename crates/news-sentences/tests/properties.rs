//! Properties of the splitter over arbitrary text: spans are on character
//! boundaries, in bounds, in order, trimmed, and cover every non-space
//! character; code-point offsets agree with the byte ranges.

use news_sentences::{char_spans, split_with, Casing};
use proptest::prelude::*;

/// Text mixing sentence punctuation, quotes, newlines, abbreviations and
/// arbitrary Unicode, so that every rule gets exercised.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(". ".to_string()),
        Just("...".to_string()),
        Just(" . . . ".to_string()),
        Just("?! ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just("a.m. ".to_string()),
        Just("1. ".to_string()),
        Just("2) ".to_string()),
        Just("[...] ".to_string()),
        Just("\u{201d} ".to_string()),
        Just("\u{2022} ".to_string()),
        Just("Image: ".to_string()),
        Just("PLACE, Land \u{2014} ".to_string()),
        Just("The ".to_string()),
        Just("word ".to_string()),
        "[a-zA-Z]{1,8}",
        "\\PC{0,6}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check(text: &str, casing: Casing) {
    let spans = split_with(text, casing);
    let mut prev_end = 0;
    let mut covered = vec![false; text.len()];
    for r in &spans {
        assert!(
            r.start < r.end && r.end <= text.len(),
            "{r:?} out of bounds"
        );
        assert!(r.start >= prev_end, "{r:?} overlaps or is out of order");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let s = &text[r.clone()];
        assert_eq!(s, s.trim(), "sentence not trimmed: {s:?}");
        covered[r.clone()].iter_mut().for_each(|c| *c = true);
        prev_end = r.end;
    }
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() {
            assert!(covered[i], "{c:?} at byte {i} is in no sentence");
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for ((a, b), r) in char_spans(text, &spans).into_iter().zip(&spans) {
        let s: String = chars[a..b].iter().collect();
        assert_eq!(s, &text[r.clone()]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn spans_are_sound(text in texty()) {
        check(&text, Casing::Auto);
        check(&text, Casing::Lower);
        check(&text, Casing::Mixed);
    }

    #[test]
    fn spans_are_sound_on_any_string(text in any::<String>()) {
        check(&text, Casing::Auto);
    }

    #[test]
    fn same_text_same_spans(text in texty()) {
        prop_assert_eq!(split_with(&text, Casing::Auto), split_with(&text, Casing::Auto));
    }
}
