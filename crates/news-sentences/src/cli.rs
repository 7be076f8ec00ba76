//! Command line of `news-sentences`.

use clap::{Parser, ValueEnum};
use news_core::{CommonArgs, ExitStatus};

use crate::{Casing, Options, SentencesStage};

/// Add sentence boundaries to news articles.
///
/// Reads JSON Lines records ({"id", "text", ...}) and adds `sentences`: a
/// list of {"start", "end"} code-point offsets into `text` (end exclusive), in
/// order, each trimmed of whitespace. Every other field passes through
/// unchanged, in order. Paragraph breaks and lines that stand alone
/// (headlines, datelines, captions, list items) always end a sentence.
///
/// Examples:
///
///   news-normalize raw.jsonl | news-sentences > split.jsonl
///
///   news-sentences --with-text articles.jsonl | jq -r '.sentences[].text'
///
///   news-sentences --explode articles.jsonl.gz | grep -i ceasefire
///
/// Exit status: 0 all good, 1 records rejected (each reported), 2 usage or I/O error.
#[derive(Debug, Parser)]
#[command(name = "news-sentences", version, max_term_width = 100)]
pub struct Cli {
    /// Also put each sentence's text in its object ("text").
    #[arg(long)]
    pub with_text: bool,

    /// Write one record per sentence instead: {"id": "<doc id>:<n>", "doc_id",
    /// "index", "start", "end", "text"}, n counting from 0. A record whose text
    /// has no sentence writes nothing.
    #[arg(long)]
    pub explode: bool,

    /// Casing of the text: `auto` reads news-normalize's `normalize.case`, else
    /// looks at the text; `lower` treats capitals as no evidence (lowercased or
    /// all-caps dumps); `mixed` is ordinary text.
    #[arg(long, value_enum, value_name = "CASE", default_value_t = CaseArg::Auto)]
    pub case: CaseArg,

    #[command(flatten)]
    pub common: CommonArgs,
}

/// A `--case` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CaseArg {
    Auto,
    Lower,
    Mixed,
}

impl Cli {
    /// The options these arguments ask for.
    pub fn options(&self) -> Options {
        Options {
            with_text: self.with_text,
            explode: self.explode,
            casing: match self.case {
                CaseArg::Auto => Casing::Auto,
                CaseArg::Lower => Casing::Lower,
                CaseArg::Mixed => Casing::Mixed,
            },
        }
    }
}

/// Parses arguments (usage errors exit 2; `--help` on a closed pipe is fine).
pub fn parse_args() -> Result<Cli, ExitStatus> {
    news_core::cli::parse_args()
}

/// Runs the binary.
pub fn main(cli: Cli) -> ExitStatus {
    let stage = SentencesStage::new(cli.options());
    news_core::run_records("news-sentences", &cli.common, &stage)
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_valid() {
        <super::Cli as clap::CommandFactory>::command().debug_assert();
    }
}
