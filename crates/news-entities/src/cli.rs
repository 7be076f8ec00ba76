//! Command line of `news-entities`.

use std::path::PathBuf;

use clap::Parser;
use news_core::{CommonArgs, ExitStatus};

use crate::{EntitiesStage, Options, Resources};

/// Add typed named entities with canonical names to news articles.
///
/// Reads JSON Lines records ({"id", "text", ...}) and adds `entities`: a list
/// of {"start", "end", "text", "type", "canonical"} in text order, offsets in
/// code points. Types: PERSON, NORP, ORG, GPE, LOC, FAC, EVENT. Every mention
/// of one entity shares `canonical` (aliases, acronyms, a surname after the
/// full name, titles stripped). Uses `sentences` when the record has them.
///
/// Examples:
///
///   news-normalize raw.jsonl | news-sentences | news-entities > tagged.jsonl
///
///   news-entities articles.jsonl | jq -r '.entities[] | [.type, .canonical] | @tsv' | sort | uniq -c
///
///   news-entities --learn names.jsonl cased.jsonl > /dev/null
///   news-entities --gazetteer names.jsonl lowercased.jsonl
///
/// Exit status: 0 all good, 1 records rejected (each reported), 2 usage or I/O error.
#[derive(Debug, Parser)]
#[command(name = "news-entities", version, max_term_width = 100)]
pub struct Cli {
    /// Add your own entities (repeatable): JSON Lines of {"name", "type",
    /// "canonical", "aliases": [...]}; they take precedence over the built-in lists.
    #[arg(long, value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,

    /// Write the names found in cased text to FILE, in the --gazetteer format,
    /// so a later run can find them in lowercased text.
    #[arg(long, value_name = "FILE")]
    pub learn: Option<PathBuf>,

    #[command(flatten)]
    pub common: CommonArgs,
}

/// Parses arguments (usage errors exit 2; `--help` on a closed pipe is fine).
pub fn parse_args() -> Result<Cli, ExitStatus> {
    news_core::cli::parse_args()
}

/// Runs the binary.
pub fn main(cli: Cli) -> ExitStatus {
    let mut res = std::borrow::Cow::Borrowed(Resources::embedded());
    for path in &cli.gazetteer {
        if let Err(message) = crate::load_gazetteer(path, res.to_mut()) {
            eprintln!("news-entities: {message}");
            return ExitStatus::Fatal;
        }
    }
    let stage = EntitiesStage::new(
        res,
        Options {
            learn: cli.learn.is_some(),
        },
    );
    let status = news_core::run_records("news-entities", &cli.common, &stage);
    if let Some(path) = &cli.learn {
        let mut body = stage.learned_lines().join("\n");
        if !body.is_empty() {
            body.push('\n');
        }
        if let Err(e) = std::fs::write(path, body) {
            eprintln!("news-entities: {}: {e}", path.display());
            return ExitStatus::Fatal;
        }
    }
    status
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_valid() {
        <super::Cli as clap::CommandFactory>::command().debug_assert();
    }
}
