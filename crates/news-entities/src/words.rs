//! Closed word classes: titles, connectors, cue words, calendar words.
//! Every function takes a lowercased word without a final period.

/// Titles, ranks and roles written before a person's name.
pub fn title(w: &str) -> bool {
    matches!(
        w,
        "mr" | "mrs"
            | "ms"
            | "mx"
            | "dr"
            | "prof"
            | "professor"
            | "sir"
            | "dame"
            | "lord"
            | "lady"
            | "president"
            | "vice"
            | "prime"
            | "minister"
            | "secretary"
            | "secretary-general"
            | "senator"
            | "sen"
            | "rep"
            | "representative"
            | "congressman"
            | "congresswoman"
            | "governor"
            | "gov"
            | "mayor"
            | "king"
            | "queen"
            | "prince"
            | "princess"
            | "pope"
            | "cardinal"
            | "bishop"
            | "archbishop"
            | "rev"
            | "reverend"
            | "sheikh"
            | "sheik"
            | "ayatollah"
            | "imam"
            | "rabbi"
            | "gen"
            | "lt"
            | "lieutenant"
            | "col"
            | "colonel"
            | "maj"
            | "capt"
            | "captain"
            | "sgt"
            | "sergeant"
            | "cpl"
            | "corporal"
            | "pvt"
            | "adm"
            | "admiral"
            | "commander"
            | "cmdr"
            | "ambassador"
            | "chancellor"
            | "chairman"
            | "chairwoman"
            | "ceo"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "judge"
            | "justice"
            | "attorney"
            | "detective"
            | "inspector"
            | "superintendent"
            | "commissioner"
            | "deputy"
            | "envoy"
            | "premier"
            | "president-elect"
            | "speaker"
            | "coach"
            | "emir"
            | "sultan"
            | "pm"
            | "mp"
            | "undersecretary"
            | "administrator"
            | "sheriff"
            | "councillor"
            | "councilor"
            | "legislator"
            | "lawmaker"
            | "activist"
            | "comedian"
            | "novelist"
            | "author"
            | "striker"
            | "midfielder"
            | "defender"
            | "goalkeeper"
            | "director"
            | "founder"
            | "actor"
            | "actress"
            | "singer"
            | "star"
            | "officer"
            | "agent"
            | "chief"
            | "general"
            | "major"
    )
}

/// Titles that are also the first word of organization names ("General
/// Motors", "Chief Rabbinate"): a title only before a person-shaped rest.
pub fn weak_title(w: &str) -> bool {
    matches!(
        w,
        "general" | "major" | "chief" | "star" | "agent" | "officer" | "director"
    )
}

/// Lowercase words that may sit inside a name between capitalized words.
pub fn connector(w: &str) -> bool {
    matches!(
        w,
        "of" | "the"
            | "de"
            | "da"
            | "di"
            | "du"
            | "del"
            | "della"
            | "der"
            | "den"
            | "van"
            | "von"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "la"
            | "le"
            | "y"
            | "for"
            | "on"
            | "and"
    )
}

/// Connectors that may not end or open a name and need a capital after.
pub fn weak_connector(w: &str) -> bool {
    matches!(w, "of" | "the" | "for" | "on" | "and")
}

/// Month and weekday names (not names of anything on their own).
pub fn calendar(w: &str) -> bool {
    // The short weekday forms are left out: "Sun", "Sat" and "Wed" open
    // names ("Sun Microsystems") far more often than they date them.
    news_core::text::is_month_or_weekday(w)
        && !matches!(
            w,
            "mon" | "tue" | "tues" | "wed" | "thu" | "thur" | "thurs" | "fri" | "sat" | "sun"
        )
}

/// Language names (labelled LANGUAGE).
pub fn language(w: &str) -> bool {
    matches!(
        w,
        "english"
            | "mandarin"
            | "cantonese"
            | "hindi"
            | "urdu"
            | "swahili"
            | "latin"
            | "esperanto"
            | "bengali"
            | "tagalog"
            | "farsi"
            | "pashto"
            | "dari"
            | "yiddish"
            | "gaelic"
    )
}

/// Capitalized words that are not names on their own.
pub fn not_a_name(w: &str) -> bool {
    matches!(
        w,
        "i" | "east"
            | "west"
            | "north"
            | "south"
            | "image"
            | "photo"
            | "video"
            | "update"
            | "updated"
            | "read"
            | "more"
            | "related"
            | "advertisement"
            | "getty"
            | "ok"
            | "tv"
    )
}

/// The label a name takes from its last word ("Defence Ministry", "Tigris
/// River", "Balad Air Base").
pub fn label_by_last(w: &str) -> Option<&'static str> {
    Some(match w {
        "ministry" | "army" | "council" | "university" | "party" | "brigade" | "brigades"
        | "company" | "corporation" | "corp" | "inc" | "ltd" | "llc" | "plc" | "association"
        | "agency" | "committee" | "commission" | "department" | "court" | "bank" | "group"
        | "union" | "institute" | "foundation" | "church" | "organization" | "organisation"
        | "federation" | "police" | "forces" | "force" | "navy" | "guard" | "guards" | "front"
        | "movement" | "society" | "school" | "college" | "academy" | "times" | "post" | "news"
        | "herald" | "journal" | "tribune" | "network" | "television" | "radio" | "office"
        | "service" | "services" | "board" | "authority" | "parliament" | "congress" | "senate"
        | "assembly" | "cabinet" | "government" | "administration" | "team" | "club"
        | "airlines" | "airways" | "press" | "magazine" | "gazette" | "daily" | "bureau"
        | "fund" | "trust" | "alliance" | "coalition" | "league" | "militia" | "regiment"
        | "battalion" | "division" | "corps" | "command" | "unit" | "secretariat"
        | "directorate" | "commonwealth" | "tv" | "channel" | "studios" | "records" | "systems"
        | "technologies" | "industries" | "holdings" | "partners" | "fc" | "united" | "ag"
        | "sa" | "institution" | "program" | "programme" | "project" | "initiative"
        | "laboratory" | "labs" | "lab" | "observatory" => "ORG",
        "airport" | "base" | "bridge" | "stadium" | "hall" | "tower" | "towers" | "building"
        | "palace" | "square" | "street" | "road" | "avenue" | "station" | "prison" | "dam"
        | "hotel" | "hospital" | "center" | "centre" | "mosque" | "cathedral" | "temple"
        | "museum" | "library" | "park" | "camp" | "port" | "highway" | "tunnel" | "plaza"
        | "arena" | "theatre" | "theater" | "house" | "embassy" | "consulate" | "checkpoint"
        | "complex" | "mall" | "market" | "pad" => "FAC",
        "river" | "mountains" | "mountain" | "lake" | "sea" | "ocean" | "valley" | "desert"
        | "island" | "islands" | "peninsula" | "gulf" | "bay" | "coast" | "strait" | "region"
        | "hills" | "plain" | "plains" | "basin" | "delta" | "canal" | "forest" | "falls"
        | "glacier" => "LOC",
        "city" | "province" | "governorate" | "county" | "district" | "prefecture"
        | "municipality" | "oblast" | "village" | "town" => "GPE",
        "war" | "olympics" | "games" | "summit" | "festival" | "championship" | "championships"
        | "cup" | "election" | "elections" | "expo" | "revolution" | "massacre" | "crisis"
        | "conference" | "marathon" | "tournament" | "awards" | "prize" | "attacks"
        | "uprising" | "offensive" | "operation" | "olympiad" | "convention" | "week" | "day" => {
            "EVENT"
        }
        _ => return None,
    })
}

/// The label a name takes from its first word before "of" ("Ministry of
/// Defence", "Gulf of Aden", "University of Texas").
pub fn label_by_head(w: &str) -> Option<&'static str> {
    Some(match w {
        "ministry" | "university" | "department" | "bank" | "church" | "council" | "court"
        | "institute" | "school" | "college" | "office" | "house" | "board" | "league"
        | "federation" | "association" | "union" | "academy" | "party" | "army" | "bureau"
        | "daughters" | "sons" | "friends" | "order" | "society" => "ORG",
        "gulf" | "bay" | "sea" | "strait" | "straits" | "isle" | "lake" | "mount" | "cape"
        | "river" => "LOC",
        "city" | "province" | "state" | "republic" | "kingdom" | "county" | "district" => "GPE",
        "battle" | "siege" | "treaty" | "war" => "EVENT",
        "museum" | "palace" | "port" | "airport" | "tower" => "FAC",
        _ => return None,
    })
}

/// The label a name takes from its first word ("Mount Everest", "Fort Hood").
pub fn label_by_first(w: &str) -> Option<&'static str> {
    Some(match w {
        "mount" | "mt" | "lake" | "cape" | "river" => "LOC",
        "fort" | "camp" => "FAC",
        _ => return None,
    })
}

/// Verbs of saying after a name: evidence of a person (or an organization
/// speaking, which a name's shape then decides).
pub fn says(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "told"
            | "added"
            | "wrote"
            | "explained"
            | "stated"
            | "tweeted"
            | "argued"
            | "warned"
            | "insisted"
            | "noted"
            | "recalled"
            | "asked"
            | "replied"
    )
}
