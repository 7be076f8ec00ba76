//! Command line of `news-normalize`.

use std::collections::BTreeSet;

use clap::{CommandFactory, Parser};
use news_core::{CommonArgs, ExitStatus};

use crate::{Category, Form, NormalizeStage, Options};

/// Clean scraped news articles: Unicode, web residue, tokenized dumps and page furniture.
///
/// Reads JSON Lines records ({"id", "text", ...}) and rewrites `text`, adds
/// `title` when the record has none and the text opens with a headline, and
/// adds `normalize`: the text's case, what was fixed, and every removed line
/// with its reason. Every other field passes through unchanged, in order.
///
/// Examples:
///
///   news-normalize articles.jsonl > clean.jsonl
///
///   news-normalize --text-files pages/*.txt | jq -r .text
///
///   news-normalize --keep byline --keep credit --on-error=skip --rejects bad.jsonl shard.jsonl.zst
///
/// Exit status: 0 all good, 1 records rejected (each reported), 2 usage or I/O error.
#[derive(Debug, Parser)]
#[command(name = "news-normalize", version, max_term_width = 100)]
pub struct Cli {
    /// Use NFKC instead of NFC (folds compatibility forms: ligatures, superscripts, full-width letters).
    #[arg(long)]
    pub nfkc: bool,

    /// Fold curly quotes, dashes and ellipses to ASCII.
    #[arg(long)]
    pub ascii_punct: bool,

    /// Keep this category of page furniture instead of removing it (repeatable):
    /// nav, share, subscribe, related, comments, bio, byline, embed, credit, ad,
    /// copyright, cookie, notice, repeat, headline, separator; `all` keeps everything.
    #[arg(long, value_name = "CATEGORY", value_parser = parse_category)]
    pub keep: Vec<KeepArg>,

    /// Also remove a category that is kept by default (repeatable): dateline
    /// (date and time lines, which most corpora keep as part of the article).
    #[arg(long, value_name = "CATEGORY", value_parser = parse_category)]
    pub remove: Vec<KeepArg>,

    /// Do not detokenize text that looks Penn Treebank tokenized.
    #[arg(long)]
    pub no_detokenize: bool,

    /// Do not move a headline from the first line into `title`.
    #[arg(long)]
    pub no_title: bool,

    #[command(flatten)]
    pub common: CommonArgs,
}

/// A `--keep` value.
#[derive(Debug, Clone, Copy)]
pub enum KeepArg {
    All,
    One(Category),
}

fn parse_category(s: &str) -> Result<KeepArg, String> {
    if s == "all" {
        return Ok(KeepArg::All);
    }
    Category::from_name(s).map(KeepArg::One).ok_or_else(|| {
        let names: Vec<&str> = Category::ALL.iter().map(|c| c.name()).collect();
        format!(
            "unknown category '{s}' (expected all, {})",
            names.join(", ")
        )
    })
}

impl Cli {
    /// The normalization options these arguments ask for.
    pub fn options(&self) -> Options {
        let mut keep: BTreeSet<Category> = crate::DEFAULT_KEPT.into_iter().collect();
        for r in &self.remove {
            match r {
                KeepArg::All => keep.clear(),
                KeepArg::One(c) => {
                    keep.remove(c);
                }
            }
        }
        for k in &self.keep {
            match k {
                KeepArg::All => keep.extend(Category::ALL),
                KeepArg::One(c) => {
                    keep.insert(*c);
                }
            }
        }
        Options {
            form: if self.nfkc { Form::Nfkc } else { Form::Nfc },
            ascii_punct: self.ascii_punct,
            keep,
            no_detokenize: self.no_detokenize,
            no_title: self.no_title,
        }
    }
}

/// Parses arguments (usage errors exit 2; `--help` on a closed pipe is fine).
pub fn parse_args() -> Result<Cli, ExitStatus> {
    news_core::cli::parse_args()
}

/// Runs the binary.
pub fn main(cli: Cli) -> ExitStatus {
    let stage = NormalizeStage::new(cli.options());
    news_core::run_records("news-normalize", &cli.common, &stage)
}

/// Checks the clap definition (used by a unit test).
pub fn command() -> clap::Command {
    Cli::command()
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_valid() {
        super::command().debug_assert();
    }
}
