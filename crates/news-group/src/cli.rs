//! Command line of `news-group`.

use clap::{Parser, ValueEnum};
use news_core::{CommonArgs, ExitStatus};
use news_fingerprint::Params;

use crate::{Emit, GroupStage, Options, Representative};

/// Group news articles: near-duplicates (the same article copied) and
/// stories (different articles about one event).
///
/// Reads the whole JSON Lines stream and writes every record back, in input
/// order, with `group`: {"duplicate": the id of its near-duplicate group
/// (the representative's id), "duplicate_of": the representative's id or
/// null on the representative, "similarity": to the representative,
/// "contains": the duplicate groups a roundup carries, "story": the id of
/// its story group}. Uses `fingerprint` and `entities` when present (from
/// news-fingerprint and news-entities) and makes them otherwise.
///
/// Examples:
///
///   news-normalize raw.jsonl | news-sentences | news-entities | news-fingerprint | news-group > grouped.jsonl
///
///   news-group --drop-duplicates articles.jsonl > deduplicated.jsonl
///
///   news-group --emit groups articles.jsonl | jq -c 'select(.level == "story")'
///
/// Exit status: 0 all good, 1 records rejected (each reported), 2 usage or I/O error.
#[derive(Debug, Parser)]
#[command(name = "news-group", version, max_term_width = 100)]
pub struct Cli {
    /// Estimated Jaccard similarity (of word 5-shingles) at which two records
    /// are near-duplicates. Different articles, even about one event, share
    /// almost no 5-word runs, so 0.3 is already strong evidence of copying.
    #[arg(long, value_name = "J", default_value_t = 0.3, value_parser = unit)]
    pub threshold: f64,

    /// Share of the shorter record's anchors found in the longer one at which
    /// the shorter is a copy contained in it (an excerpt, a trimmed copy, an
    /// article inside a roundup).
    #[arg(long, value_name = "C", default_value_t = 0.5, value_parser = unit)]
    pub containment: f64,

    /// Average similarity (TF-IDF cosine of words, entities and numbers) at
    /// which story clusters still merge: lower makes bigger stories.
    #[arg(long, value_name = "S", default_value_t = 0.12, value_parser = unit)]
    pub story_threshold: f64,

    /// Two story clusters of three or more articles merge only when their
    /// average similarity is at least this share of each one's own inner
    /// average (0 turns the check off; higher splits more events apart).
    #[arg(long, value_name = "R", default_value_t = 0.6, value_parser = share)]
    pub story_cohesion: f64,

    /// Which member names a duplicate group.
    #[arg(long, value_enum, default_value_t = RepArg::Longest)]
    pub representative: RepArg,

    /// Write one record per group instead of the records: {"id", "level",
    /// "size", "representative", "title", "entities" (the top 5 canonical
    /// names), "members", "first_day", "last_day"}.
    #[arg(long, value_enum, default_value_t = EmitArg::Records)]
    pub emit: EmitArg,

    /// Write only representatives (and records in no group of copies).
    #[arg(long)]
    pub drop_duplicates: bool,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RepArg {
    Longest,
    Earliest,
    First,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum EmitArg {
    Records,
    Groups,
}

fn unit(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(t) if t > 0.0 && t <= 1.0 => Ok(t),
        _ => Err(format!("'{s}' is not a number in (0, 1]")),
    }
}

fn share(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(t) if (0.0..=1.0).contains(&t) => Ok(t),
        _ => Err(format!("'{s}' is not a number in [0, 1]")),
    }
}

impl Cli {
    pub fn options(&self) -> Options {
        Options {
            params: Params::default(),
            jaccard: self.threshold,
            containment: self.containment,
            story_threshold: self.story_threshold,
            story_cohesion: self.story_cohesion,
            representative: match self.representative {
                RepArg::Longest => Representative::Longest,
                RepArg::Earliest => Representative::Earliest,
                RepArg::First => Representative::First,
            },
            emit: match self.emit {
                EmitArg::Records => Emit::Records,
                EmitArg::Groups => Emit::Groups,
            },
            drop_duplicates: self.drop_duplicates,
            ..Options::default()
        }
    }
}

/// Parses arguments (usage errors exit 2; `--help` on a closed pipe is fine).
pub fn parse_args() -> Result<Cli, ExitStatus> {
    news_core::cli::parse_args()
}

/// Runs the binary (always on one reading thread: grouping needs the whole stream).
pub fn main(cli: Cli) -> ExitStatus {
    let mut stage = match GroupStage::new(cli.options()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("news-group: cannot create a spool file: {e}");
            return ExitStatus::Fatal;
        }
    };
    news_core::run("news-group", &cli.common, &mut stage)
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_valid() {
        <super::Cli as clap::CommandFactory>::command().debug_assert();
    }
}
