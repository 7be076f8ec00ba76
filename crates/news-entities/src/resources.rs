//! The embedded name lists (see `data/SOURCES.md`), parsed once into hash
//! maps keyed by lowercased, space-joined token sequences.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use rustc_hash::FxBuildHasher;

type Map<V> = HashMap<String, V, FxBuildHasher>;
type Set = HashSet<String, FxBuildHasher>;

/// What a list says about a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub label: &'static str,
    pub canonical: String,
    /// Higher is more certain (a country over a small town of that name).
    pub rank: u8,
    /// Matching must respect case (short acronyms that are also words: "US", "WHO").
    pub exact_case: Option<String>,
}

#[derive(Clone)]
pub struct Resources {
    /// Names from all lists, keyed by lowercased text.
    pub names: Map<Entry>,
    /// Longest name, in tokens.
    pub max_tokens: usize,
    pub given: Set,
    pub surnames: Set,
    pub lexicon: Set,
}

const PLACES: &str = include_str!("../data/places.tsv");
const DEMONYMS: &str = include_str!("../data/demonyms.tsv");
const GROUPS: &str = include_str!("../data/groups.tsv");
const KNOWN: &str = include_str!("../data/known.tsv");
const GIVEN: &str = include_str!("../data/given_names.txt");
const SURNAMES: &str = include_str!("../data/surnames.txt");
const LEXICON: &str = include_str!("../data/lexicon.txt");

fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

/// The key a name is stored under: its tokens, lowercased, one space apart.
pub fn key_of(name: &str) -> String {
    // fast path for plain names (most list rows): letters and single spaces
    if name.bytes().all(|b| b.is_ascii_alphabetic() || b == b' ')
        && !name.contains("  ")
        && !name.starts_with(' ')
        && !name.ends_with(' ')
    {
        return name.to_ascii_lowercase();
    }
    crate::tokens::key(&crate::tokens::tokenize(name))
}

pub fn label_of(s: &str) -> Option<&'static str> {
    Some(match s {
        "PERSON" => "PERSON",
        "NORP" => "NORP",
        "ORG" => "ORG",
        "GPE" => "GPE",
        "LOC" => "LOC",
        "FAC" => "FAC",
        "EVENT" => "EVENT",
        "PRODUCT" => "PRODUCT",
        "WORK_OF_ART" => "WORK_OF_ART",
        "LAW" => "LAW",
        "LANGUAGE" => "LANGUAGE",
        _ => return None,
    })
}

impl Resources {
    /// The embedded lists (parsed on first use).
    pub fn embedded() -> &'static Resources {
        static R: OnceLock<Resources> = OnceLock::new();
        R.get_or_init(Resources::load)
    }

    fn load() -> Resources {
        let mut names = Map::default();
        names.reserve(90_000);
        let mut r = Resources {
            names,
            max_tokens: 1,
            given: GIVEN
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(str::to_lowercase)
                .collect(),
            surnames: SURNAMES
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(str::to_lowercase)
                .collect(),
            lexicon: LEXICON
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(str::to_string)
                .collect(),
        };
        for row in rows(PLACES) {
            if let [name, label, canonical, rank] = row[..] {
                let label = label_of(label).unwrap_or("GPE");
                r.add(name, label, canonical, rank.parse().unwrap_or(1));
            }
        }
        for row in rows(DEMONYMS) {
            if let [dem, _country] = row[..] {
                r.add(dem, "NORP", dem, 9);
                // plural for people: Afghan -> Afghans, Iraqi -> Iraqis
                if !dem.ends_with('s')
                    && !dem.ends_with("ese")
                    && !dem.ends_with("ish")
                    && !dem.ends_with("ch")
                {
                    r.add(&format!("{dem}s"), "NORP", dem, 9);
                }
            }
        }
        for row in rows(GROUPS) {
            if let [name, canonical] = row[..] {
                r.add(name, "NORP", canonical, 9);
            }
        }
        for row in rows(KNOWN) {
            if let [name, label, canonical] = row[..] {
                r.add(name, label_of(label).unwrap_or("ORG"), canonical, 11);
            }
        }
        r
    }

    /// Adds a name (a user's gazetteer or a list row).
    pub fn add(&mut self, name: &str, label: &'static str, canonical: &str, rank: u8) {
        // Short all-capital names that are also words match only as written.
        let exact = (name.len() <= 4 && name.chars().all(|c| c.is_ascii_uppercase() || c == '.'))
            .then(|| name.to_string());
        self.add_keyed(key_of(name), label, canonical, rank, exact);
    }

    fn add_keyed(
        &mut self,
        key: String,
        label: &'static str,
        canonical: &str,
        rank: u8,
        exact: Option<String>,
    ) {
        if key.is_empty() {
            return;
        }
        let n = key.split(' ').count();
        self.max_tokens = self.max_tokens.max(n);
        let replace = self.names.get(&key).is_none_or(|old| rank >= old.rank);
        if replace {
            self.names.insert(
                key,
                Entry {
                    label,
                    canonical: canonical.to_string(),
                    rank,
                    exact_case: exact,
                },
            );
        }
    }

    /// A common English word (lowercase).
    pub fn is_word(&self, lower: &str) -> bool {
        self.lexicon.contains(lower)
    }
}
