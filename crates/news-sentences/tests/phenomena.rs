//! One test per phenomenon news text throws at a sentence splitter, on
//! sentences written for these tests.

use news_sentences::{split, split_with, Casing};

fn sents(text: &str) -> Vec<&str> {
    split(text).into_iter().map(|r| &text[r]).collect()
}

fn lower_sents(text: &str) -> Vec<&str> {
    split_with(text, Casing::Lower)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

#[test]
fn paragraph_breaks_are_hard() {
    assert_eq!(
        sents("The ferry left at dawn\n\nIt reached Port Elling by noon."),
        ["The ferry left at dawn", "It reached Port Elling by noon."]
    );
    assert_eq!(
        sents("Water rose. \r\n \r\nThe road closed."),
        ["Water rose.", "The road closed."]
    );
}

#[test]
fn lines_that_stand_alone_end_a_sentence() {
    let text = "Quarry road closes after second collapse\n\
                By Mara Quill, Regional Desk\n\
                HARWICK, Vellmark\n\
                Engineers said the wall failed again on Tuesday.\n\
                Workers inspect the wall (photo)\n\
                The council will meet on Friday.";
    assert_eq!(
        sents(text),
        [
            "Quarry road closes after second collapse",
            "By Mara Quill, Regional Desk",
            "HARWICK, Vellmark",
            "Engineers said the wall failed again on Tuesday.",
            "Workers inspect the wall (photo)",
            "The council will meet on Friday."
        ]
    );
    // list items on their own lines, with or without markers
    assert_eq!(
        sents("What closed:\n- the quarry road\n- two schools\nferry times\nbus routes"),
        [
            "What closed:",
            "- the quarry road",
            "- two schools",
            "ferry times",
            "bus routes"
        ]
    );
}

#[test]
fn wrapped_lines_join() {
    assert_eq!(
        sents("The council said the repair would take\nat least nine days. Residents were angry."),
        [
            "The council said the repair would take\nat least nine days.",
            "Residents were angry."
        ]
    );
    assert_eq!(
        sents("Officials from the\nVellmark Red Cross opened a shelter."),
        ["Officials from the\nVellmark Red Cross opened a shelter."]
    );
}

#[test]
fn titles_and_ranks_do_not_end_sentences() {
    for title in [
        "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.", "Rev.", "Gov.", "Sen.", "Rep.", "Gen.", "Lt. Gen.",
        "Col.", "Sgt.", "Adm.", "Capt.",
    ] {
        let text =
            format!("The letter was signed by {title} Ines Calder. She declined to comment.");
        assert_eq!(
            sents(&text),
            [
                format!("The letter was signed by {title} Ines Calder."),
                "She declined to comment.".to_string()
            ],
            "{title}"
        );
    }
    assert_eq!(
        sents("Mass was held at St. Aldric's. Hundreds came."),
        ["Mass was held at St. Aldric's.", "Hundreds came."]
    );
}

#[test]
fn months() {
    assert_eq!(
        sents("The vote was moved to Jan. 12 after a recount. It passed on Sept. 3, 2031."),
        [
            "The vote was moved to Jan. 12 after a recount.",
            "It passed on Sept. 3, 2031."
        ]
    );
}

#[test]
fn country_initialisms_end_sentences_only_before_a_sentence_opener() {
    assert_eq!(
        sents("The U.S. Navy sent two ships. Both were later recalled to the U.K. The U.N. said nothing."),
        [
            "The U.S. Navy sent two ships.",
            "Both were later recalled to the U.K.",
            "The U.N. said nothing."
        ]
    );
    assert_eq!(
        sents("Talks moved to Washington, D.C. last week."),
        ["Talks moved to Washington, D.C. last week."]
    );
}

#[test]
fn times() {
    assert_eq!(
        sents("The siren sounded at 4:59 a.m. local time. The bridge shut at 5 p.m. The next day it reopened."),
        [
            "The siren sounded at 4:59 a.m. local time.",
            "The bridge shut at 5 p.m.",
            "The next day it reopened."
        ]
    );
    assert_eq!(
        sents("By 6 a.m. Ms. Okafor had left the building."),
        ["By 6 a.m. Ms. Okafor had left the building."]
    );
    assert_eq!(
        sents("Polls close at 8 p.m. Thursday."),
        ["Polls close at 8 p.m. Thursday."]
    );
}

#[test]
fn latin_and_company_abbreviations() {
    assert_eq!(
        sents("Some towns, e.g. Harwick, lost power, i.e. for two days. Calder vs. Brandt was settled."),
        [
            "Some towns, e.g. Harwick, lost power, i.e. for two days.",
            "Calder vs. Brandt was settled."
        ]
    );
    assert_eq!(
        sents("Port Elling Lines Inc. and Vell Quarry Corp. signed. So did Brandt & Co. It took a year."),
        [
            "Port Elling Lines Inc. and Vell Quarry Corp. signed.",
            "So did Brandt & Co.",
            "It took a year."
        ]
    );
    assert_eq!(
        sents("Tools, ropes, pumps, etc. were loaded. Then the boats left."),
        [
            "Tools, ropes, pumps, etc. were loaded.",
            "Then the boats left."
        ]
    );
    assert_eq!(
        sents("Ruling No. 7 went to Ames Jr. The court adjourned."),
        ["Ruling No. 7 went to Ames Jr.", "The court adjourned."]
    );
    assert_eq!(
        sents("Is that allowed? No. The rules are clear."),
        ["Is that allowed?", "No.", "The rules are clear."]
    );
}

#[test]
fn initials() {
    assert_eq!(
        sents("The report by R. J. Okafor was leaked. It named nine firms."),
        [
            "The report by R. J. Okafor was leaked.",
            "It named nine firms."
        ]
    );
    assert_eq!(
        sents("The crew and I. Then we slept."),
        ["The crew and I.", "Then we slept."]
    );
}

#[test]
fn numbers_money_and_versions() {
    assert_eq!(
        sents("Prices rose 3.5% in May. The fund holds $1.2bn. Version 2.0.1 fixed it. Turnout was 61.4."),
        [
            "Prices rose 3.5% in May.",
            "The fund holds $1.2bn.",
            "Version 2.0.1 fixed it.",
            "Turnout was 61.4."
        ]
    );
    assert_eq!(
        sents("The count ended in 2029. 400 ballots were lost."),
        ["The count ended in 2029.", "400 ballots were lost."]
    );
}

#[test]
fn ellipses() {
    assert_eq!(
        sents("We waited... and waited. Nothing came… Then the rain stopped."),
        [
            "We waited... and waited.",
            "Nothing came…",
            "Then the rain stopped."
        ]
    );
    assert_eq!(
        sents("She said the wall . . . would hold. It did not."),
        ["She said the wall . . . would hold.", "It did not."]
    );
}

#[test]
fn urls_emails_and_domains() {
    assert_eq!(
        sents("Send tips to desk@harwick-post.example. Read more at rivernews.example today. See https://a.example/x.html. Thanks."),
        [
            "Send tips to desk@harwick-post.example.",
            "Read more at rivernews.example today.",
            "See https://a.example/x.html.",
            "Thanks."
        ]
    );
}

#[test]
fn closing_quotes_and_brackets_stay_with_their_sentence() {
    assert_eq!(
        sents("“The road stays shut.” Calder left. (She was tired.) The end?! Yes!!"),
        [
            "“The road stays shut.”",
            "Calder left.",
            "(She was tired.)",
            "The end?!",
            "Yes!!"
        ]
    );
    assert_eq!(
        sents("“Stop!” shouted a guard. “Why?” asked Brandt."),
        ["“Stop!” shouted a guard.", "“Why?” asked Brandt."]
    );
}

#[test]
fn reported_speech_with_inner_sentences() {
    assert_eq!(
        sents("He said the wall “will not hold. It never did” and left."),
        [
            "He said the wall “will not hold.",
            "It never did” and left."
        ]
    );
    assert_eq!(
        sents("“It will hold,” he said, “and we will see.” Nobody agreed."),
        [
            "“It will hold,” he said, “and we will see.”",
            "Nobody agreed."
        ]
    );
}

#[test]
fn numbered_and_bulleted_items() {
    assert_eq!(
        sents("1. Close the road 2. Call the ferry 3. Open the shelter"),
        [
            "1. Close the road",
            "2. Call the ferry",
            "3. Open the shelter"
        ]
    );
    assert_eq!(
        sents("Steps: • pump the cellar • check the wiring"),
        ["Steps:", "• pump the cellar", "• check the wiring"]
    );
    assert_eq!(
        sents("a) sandbags b) pumps c) boats"),
        ["a) sandbags", "b) pumps", "c) boats"]
    );
}

#[test]
fn datelines_and_credits() {
    assert_eq!(
        sents("PORT ELLING, Vellmark (Northport Wire) — The ferry resumed service."),
        [
            "PORT ELLING, Vellmark (Northport Wire) —",
            "The ferry resumed service."
        ]
    );
    assert_eq!(
        sents("Volunteers fill sandbags near the bridge Image: Tomas Brandt."),
        [
            "Volunteers fill sandbags near the bridge",
            "Image: Tomas Brandt."
        ]
    );
}

#[test]
fn glued_sentences() {
    assert_eq!(
        sents("The dam held.Water fell overnight."),
        ["The dam held.", "Water fell overnight."]
    );
}

#[test]
fn lowercased_text_leans_on_punctuation_and_lines() {
    let text =
        "the mayor said the road would stay shut. mr. brandt disagreed at 5 p.m. on friday. \
                the u.s. embassy sent help. it arrived late";
    assert_eq!(
        lower_sents(text),
        [
            "the mayor said the road would stay shut.",
            "mr. brandt disagreed at 5 p.m. on friday.",
            "the u.s. embassy sent help.",
            "it arrived late"
        ]
    );
    // Lines without punctuation in a lowercased dump are sentences.
    let text =
        "floods cut off the east bank\nthe council opened a shelter\nferries run from wednesday";
    assert_eq!(
        lower_sents(text),
        [
            "floods cut off the east bank",
            "the council opened a shelter",
            "ferries run from wednesday"
        ]
    );
    // detected without being told
    let long =
        "the water kept rising all night. residents left their homes before dawn. ".repeat(3);
    assert_eq!(split(&long).len(), 6);
}

#[test]
fn offsets_are_code_points() {
    let text = "Ünïcödé wörks. Ça va?";
    let spans = split(text);
    assert_eq!(
        news_sentences::char_spans(text, &spans),
        [(0, 14), (15, 21)]
    );
}

#[test]
fn hard_wrapped_paragraphs_read_as_running_text() {
    let text = "The council said on Tuesday that the quarry road would stay\n\
                closed until engineers led by Tomas Brandt had inspected\n\
                the wall, which had collapsed twice since March, said Mayor\n\
                Ines Calder. Residents were angry.";
    assert_eq!(split(text).len(), 2);
    assert_eq!(&text[split(text)[1].clone()], "Residents were angry.");
}
