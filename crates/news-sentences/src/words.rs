//! Word knowledge the splitter uses: abbreviations by how they behave before
//! a period, words that open sentences, and a few closed classes.
//!
//! Every lookup takes a word already lowercased (ASCII) and without its final
//! period; multi-period abbreviations keep their inner periods (`u.s`, `a.m`).

use news_core::text::{is_month_or_weekday, is_time_zone};

/// How an abbreviation followed by a period behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Abbrev {
    /// Always followed by more of the sentence: titles and ranks (Mr., Lt.,
    /// Gen.) and Latin that never closes one (e.g., i.e., vs.).
    Prefix,
    /// Followed by a number when it is an abbreviation (No. 5, p. 12, Fig. 3);
    /// otherwise an ordinary word ("No.").
    BeforeNumber,
    /// A month: before a number it is mid-sentence (Sept. 11).
    Month,
    /// a.m. and p.m.
    Time,
    /// Can close a sentence (Inc., Co., Jr., etc., U.S.): a sentence ends
    /// only when a word that opens sentences follows.
    MayEnd,
}

/// The class of an abbreviation, if `word` is one.
pub fn abbrev(word: &str) -> Option<Abbrev> {
    use Abbrev::*;
    Some(match word {
        // titles, ranks, honorifics
        "mr" | "mrs" | "ms" | "mx" | "messrs" | "mmes" | "mme" | "mlle" | "dr" | "drs" | "prof"
        | "profs" | "rev" | "revd" | "fr" | "msgr" | "hon" | "rt" | "pres" | "gov" | "govs"
        | "sen" | "sens" | "rep" | "reps" | "gen" | "gens" | "lt" | "col" | "maj" | "capt"
        | "cpt" | "sgt" | "cpl" | "pvt" | "pfc" | "adm" | "cmdr" | "cdr" | "brig" | "cmdt"
        | "lieut" | "supt" | "insp" | "det" | "atty" | "amb" | "sra" | "srta" => Prefix,
        // Latin and connectives that do not close a sentence
        "e.g" | "i.e" | "cf" | "viz" | "vs" | "v" | "ca" | "approx" | "incl" | "esp" | "resp"
        | "w" | "c.f" => Prefix,
        "no" | "nos" | "nr" | "n°" | "nº" | "p" | "pp" | "vol" | "vols" | "fig" | "figs"
        | "art" | "arts" | "ch" | "chap" | "sec" | "secs" | "para" | "pt" | "pts" | "ex" | "op"
        | "tel" | "ext" | "ed" | "eds" | "ref" | "reg" | "rm" | "apt" | "bldg" | "ste" | "rte"
        | "hwy" | "tab" | "eq" => BeforeNumber,
        "jan" | "feb" | "mar" | "apr" | "jun" | "jul" | "aug" | "sep" | "sept" | "oct" | "nov"
        | "dec" => Month,
        "a.m" | "p.m" => Time,
        // company and name suffixes, street words, US states, units
        "inc" | "corp" | "ltd" | "co" | "cos" | "bros" | "llc" | "plc" | "pty" | "lp" | "llp"
        | "assn" | "dept" | "govt" | "intl" | "natl" | "univ" | "mfg" | "jr" | "sr" | "esq"
        | "al" | "etc" | "st" | "ave" | "blvd" | "rd" | "ln" | "cres" | "ct" | "pl" | "sq"
        | "hts" | "pk" | "ala" | "ariz" | "ark" | "calif" | "colo" | "conn" | "del" | "fla"
        | "ga" | "ill" | "ind" | "kan" | "kans" | "ky" | "la" | "md" | "mass" | "mich" | "minn"
        | "miss" | "mo" | "mont" | "neb" | "nev" | "okla" | "ore" | "pa" | "tenn" | "tex"
        | "va" | "vt" | "wash" | "wis" | "wyo" | "est" | "min" | "max" | "misc" | "hrs" | "yr"
        | "yrs" | "mos" | "wk" | "wks" | "lb" | "lbs" | "oz" | "qt" | "mi" | "sq.ft" | "dist"
        | "div" | "mgr" | "dir" | "asst" | "assoc" | "bur" | "cal" | "comm" | "cttee" | "mt"
        | "ft" | "hr" => MayEnd,
        _ => {
            if is_initialism(word) {
                MayEnd // U.S., U.K., D.C., Ph.D., U.S.A.
            } else {
                return None;
            }
        }
    })
}

/// Abbreviations that are also ordinary words ("fell ill.", "the mass."):
/// taken as abbreviations only when written capitalized.
pub fn also_a_word(word: &str) -> bool {
    matches!(
        word,
        "ill"
            | "miss"
            | "mass"
            | "wash"
            | "min"
            | "max"
            | "est"
            | "cal"
            | "dir"
            | "comm"
            | "mo"
            | "pa"
            | "ind"
            | "la"
            | "del"
            | "dist"
            | "div"
            | "bur"
            | "al"
            | "co"
            | "ore"
            | "ark"
            | "pl"
            | "sq"
            | "mi"
            | "pk"
            | "hr"
            | "ft"
    )
}

/// Letters with periods between them: `u.s`, `d.c`, `ph.d`, `u.s.a`.
fn is_initialism(word: &str) -> bool {
    let mut parts = 0;
    for part in word.split('.') {
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_alphabetic()) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// Words that open sentences (closed classes mostly), lowercased: after an
/// abbreviation that may close a sentence (U.S., Inc.), one of these says a
/// new sentence starts; any other capitalized word is taken as a name
/// (U.S. Army, Acme Inc. Chief Executive).
pub fn opens_sentence(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "you"
            | "this"
            | "that"
            | "these"
            | "those"
            | "there"
            | "here"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
            | "but"
            | "and"
            | "or"
            | "so"
            | "yet"
            | "nor"
            | "in"
            | "on"
            | "at"
            | "as"
            | "if"
            | "when"
            | "while"
            | "after"
            | "before"
            | "although"
            | "though"
            | "because"
            | "however"
            | "meanwhile"
            | "also"
            | "then"
            | "now"
            | "still"
            | "even"
            | "just"
            | "only"
            | "how"
            | "what"
            | "why"
            | "who"
            | "where"
            | "which"
            | "some"
            | "many"
            | "most"
            | "much"
            | "more"
            | "all"
            | "both"
            | "each"
            | "every"
            | "any"
            | "no"
            | "none"
            | "not"
            | "neither"
            | "either"
            | "one"
            | "other"
            | "others"
            | "another"
            | "according"
            | "during"
            | "since"
            | "until"
            | "for"
            | "from"
            | "with"
            | "without"
            | "under"
            | "despite"
            | "following"
            | "last"
            | "next"
            | "earlier"
            | "later"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "tonight"
            | "instead"
            | "indeed"
            | "thus"
            | "therefore"
            | "furthermore"
            | "moreover"
            | "besides"
            | "nevertheless"
            | "nonetheless"
            | "otherwise"
            | "overall"
            | "finally"
            | "first"
            | "second"
            | "third"
            | "such"
            | "several"
            | "few"
            | "officials"
            | "police"
            | "authorities"
            | "image"
            | "photo"
    )
}

/// The openers that a lowercased text still gives away: pronouns and
/// determiners that seldom follow an abbreviation inside a sentence.
pub fn opens_sentence_strongly(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "he"
            | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "this"
            | "these"
            | "those"
            | "there"
            | "his"
            | "their"
            | "its"
            | "our"
            | "but"
            | "however"
            | "meanwhile"
    )
}

/// Words that continue a time after "a.m."/"p.m.": days and months, relative
/// days, time zones.
pub fn continues_time(word: &str) -> bool {
    is_month_or_weekday(word)
        || is_time_zone(word)
        || matches!(
            word,
            "today" | "tonight" | "tomorrow" | "yesterday" | "local"
        )
}

/// First words of a sentence that make a time phrase an opening adverbial
/// ("At 5 a.m. Mr. Smith left" is one sentence).
pub fn opens_time_phrase(word: &str) -> bool {
    matches!(
        word,
        "at" | "by"
            | "until"
            | "till"
            | "from"
            | "before"
            | "after"
            | "since"
            | "around"
            | "about"
            | "shortly"
            | "on"
            | "just"
            | "starting"
            | "beginning"
            | "as"
            | "of"
            | "between"
            | "approximately"
            | "roughly"
            | "nearly"
            | "past"
    )
}

/// Verbs of saying: after a closing quote, `"Stop!" he said` goes on.
pub fn says(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "says"
            | "say"
            | "asked"
            | "asks"
            | "added"
            | "adds"
            | "told"
            | "tells"
            | "wrote"
            | "writes"
            | "replied"
            | "replies"
            | "explained"
            | "explains"
            | "continued"
            | "shouted"
            | "cried"
            | "insisted"
            | "noted"
            | "warned"
            | "recalled"
            | "according"
    )
}

/// Labels that open a picture credit inside a line ("... at the booth.
/// Image: A. Photographer"), capitalized as written.
pub fn credit_label(word: &str) -> bool {
    matches!(
        word,
        "Image"
            | "Images"
            | "Photo"
            | "Photos"
            | "Photograph"
            | "Picture"
            | "Pictures"
            | "Credit"
            | "Credits"
            | "Video"
            | "Illustration"
            | "Graphic"
            | "Source"
    )
}

/// Short words that a wrapped line often ends with: the sentence goes on.
pub fn function_word(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "of"
            | "and"
            | "or"
            | "but"
            | "to"
            | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "by"
            | "from"
            | "as"
            | "that"
            | "which"
            | "who"
            | "whose"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "its"
            | "their"
            | "his"
            | "her"
            | "into"
            | "than"
            | "about"
            | "after"
            | "before"
            | "said"
            | "says"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert_eq!(abbrev("mr"), Some(Abbrev::Prefix));
        assert_eq!(abbrev("u.s"), Some(Abbrev::MayEnd));
        assert_eq!(abbrev("u.s.a"), Some(Abbrev::MayEnd));
        assert_eq!(abbrev("ph.d"), Some(Abbrev::MayEnd));
        assert_eq!(abbrev("a.m"), Some(Abbrev::Time));
        assert_eq!(abbrev("sept"), Some(Abbrev::Month));
        assert_eq!(abbrev("no"), Some(Abbrev::BeforeNumber));
        assert_eq!(abbrev("house"), None);
        assert_eq!(abbrev("example.com"), None);
        assert_eq!(abbrev("a..b"), None);
    }
}
