//! Entity recognition on sentences written for these tests.

use news_entities::{recognize, Resources};
use news_sentences::Casing;

fn ents(text: &str) -> Vec<(String, &'static str, String)> {
    recognize(text, None, Casing::Auto, Resources::embedded())
        .into_iter()
        .map(|m| (text[m.start..m.end].to_string(), m.label, m.canonical))
        .collect()
}

fn has(
    list: &[(String, &'static str, String)],
    surface: &str,
    label: &str,
    canonical: &str,
) -> bool {
    list.iter()
        .any(|(s, l, c)| s == surface && *l == label && c == canonical)
}

#[test]
fn types_from_lists_cues_and_titles() {
    let text =
        "Mayor Ines Calder met Lt. Gen. Tomas Brandt of the Vellmark Army in Baghdad on Tuesday. \
                Iraqi officials and Sunni leaders attended.";
    let e = ents(text);
    assert!(has(&e, "Ines Calder", "PERSON", "Ines Calder"), "{e:?}");
    assert!(has(&e, "Tomas Brandt", "PERSON", "Tomas Brandt"), "{e:?}");
    assert!(has(&e, "Vellmark Army", "ORG", "Vellmark Army"), "{e:?}");
    assert!(has(&e, "Baghdad", "GPE", "Baghdad"), "{e:?}");
    assert!(has(&e, "Iraqi", "NORP", "Iraqi"), "{e:?}");
    assert!(has(&e, "Sunni", "NORP", "Sunni"), "{e:?}");
    assert!(!e
        .iter()
        .any(|(s, _, _)| s == "Tuesday" || s.starts_with("Mayor") || s.starts_with("Lt")));
}

#[test]
fn aliases_acronyms_and_surnames_share_a_canonical_name() {
    let text = "The Harwick Flood Relief Agency (HFRA) said Donald Brennan would lead it. \
                Brennan told the U.S. embassy that the HFRA needed boats. The United States agreed.";
    let e = ents(text);
    assert!(
        has(&e, "HFRA", "ORG", "Harwick Flood Relief Agency"),
        "{e:?}"
    );
    assert!(has(&e, "Brennan", "PERSON", "Donald Brennan"), "{e:?}");
    assert!(has(&e, "U.S.", "GPE", "United States"), "{e:?}");
    assert!(has(&e, "United States", "GPE", "United States"), "{e:?}");
}

#[test]
fn two_people_with_one_surname_stay_apart() {
    let text =
        "Maria Okafor spoke first. Later, Daniel Okafor disagreed. Okafor, the younger, left.";
    let e = ents(text);
    assert!(has(&e, "Maria Okafor", "PERSON", "Maria Okafor"), "{e:?}");
    assert!(has(&e, "Daniel Okafor", "PERSON", "Daniel Okafor"), "{e:?}");
    // the surname alone goes with the nearest full name before it
    assert!(has(&e, "Okafor", "PERSON", "Daniel Okafor"), "{e:?}");
}

#[test]
fn possessive_stays_outside_and_sentence_initial_words_are_not_names() {
    let text = "However, police said Brandt's report was late. Officials in Mosul's west agreed.";
    let e = ents(text);
    assert!(e.iter().any(|(s, _, _)| s == "Mosul"), "{e:?}");
    assert!(
        !e.iter()
            .any(|(s, _, _)| s == "However" || s == "Officials" || s.ends_with("'s")),
        "{e:?}"
    );
}

#[test]
fn lowercased_text_uses_the_lists() {
    let text = "officials in baghdad said the united nations would send aid to iraq. \
                the islamic state was blamed.";
    let e = recognize(text, None, Casing::Lower, Resources::embedded());
    let found: Vec<(&str, &str, &str)> = e
        .iter()
        .map(|m| (&text[m.start..m.end], m.label, m.canonical.as_str()))
        .collect();
    assert!(found.contains(&("baghdad", "GPE", "Baghdad")), "{found:?}");
    assert!(
        found.contains(&("united nations", "ORG", "United Nations")),
        "{found:?}"
    );
    assert!(found.contains(&("iraq", "GPE", "Iraq")), "{found:?}");
    assert!(
        found.contains(&("islamic state", "ORG", "Islamic State")),
        "{found:?}"
    );
    // rare words in a row are a person, and the surname alone follows them
    let text = "the envoy said ravindra okonkwo met officials. later okonkwo left.";
    let e = recognize(text, None, Casing::Lower, Resources::embedded());
    let people: Vec<(&str, &str)> = e
        .iter()
        .filter(|m| m.label == "PERSON")
        .map(|m| (&text[m.start..m.end], m.canonical.as_str()))
        .collect();
    assert_eq!(
        people,
        [
            ("ravindra okonkwo", "Ravindra Okonkwo"),
            ("okonkwo", "Ravindra Okonkwo")
        ]
    );
    // "us" the pronoun is not the United States in lowercased text
    let e = recognize(
        "they told us to leave",
        None,
        Casing::Lower,
        Resources::embedded(),
    );
    assert!(e.is_empty(), "{e:?}");
}
