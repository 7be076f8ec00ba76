//! Command line of `news-fingerprint`.

use clap::Parser;
use news_core::{CommonArgs, ExitStatus};

use crate::{FingerprintStage, Params};

/// Add near-duplicate signatures to news articles.
///
/// Reads JSON Lines records ({"id", "text", ...}) and adds `fingerprint`:
/// an exact hash of the normalized tokens, a MinHash signature of the word
/// shingles with its LSH band keys, a SimHash, winnowing anchors (for
/// excerpts and copies inside longer pages), and the parameters they were
/// made with. Tokens are NFKC-normalized, lowercased words, so case,
/// punctuation, Unicode form and tokenization spacing never matter. Every
/// other field passes through unchanged, in order.
///
/// Examples:
///
///   news-normalize raw.jsonl | news-fingerprint | news-group > grouped.jsonl
///
///   news-fingerprint --threshold 0.8 articles.jsonl.gz > fp.jsonl
///
///   news-fingerprint articles.jsonl | jq -r '.fingerprint.hash' | sort | uniq -d
///
/// Exit status: 0 all good, 1 records rejected (each reported), 2 usage or I/O error.
#[derive(Debug, Parser)]
#[command(name = "news-fingerprint", version, max_term_width = 100)]
pub struct Cli {
    /// Words per shingle.
    #[arg(long, value_name = "K", default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..))]
    pub shingle: u16,

    /// MinHash signature length.
    #[arg(long, value_name = "N", default_value_t = 128, value_parser = clap::value_parser!(u16).range(1..))]
    pub perms: u16,

    /// Jaccard similarity the LSH bands are tuned for: pairs above it very
    /// likely share a band, pairs below it rarely do.
    #[arg(long, value_name = "T", default_value_t = 0.5, value_parser = threshold,
          conflicts_with_all = ["bands", "rows"])]
    pub threshold: f64,

    /// Number of LSH bands (with --rows, instead of --threshold).
    #[arg(long, value_name = "B", requires = "rows", value_parser = clap::value_parser!(u16).range(1..))]
    pub bands: Option<u16>,

    /// Signature values per LSH band (with --bands).
    #[arg(long, value_name = "R", requires = "bands", value_parser = clap::value_parser!(u16).range(1..))]
    pub rows: Option<u16>,

    /// Winnowing window, in shingles: a shared passage of WINDOW + K - 1
    /// words always gives a shared anchor; larger windows give fewer anchors.
    #[arg(long, value_name = "W", default_value_t = 20, value_parser = clap::value_parser!(u16).range(1..))]
    pub window: u16,

    #[command(flatten)]
    pub common: CommonArgs,
}

fn threshold(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(t) if t > 0.0 && t < 1.0 => Ok(t),
        _ => Err(format!("'{s}' is not a number between 0 and 1 (exclusive)")),
    }
}

impl Cli {
    /// The parameters these arguments ask for.
    pub fn params(&self) -> Result<Params, String> {
        let (shingle, perms, window) = (
            self.shingle as usize,
            self.perms as usize,
            self.window as usize,
        );
        let p = match (self.bands, self.rows) {
            (Some(b), Some(r)) => Params {
                shingle,
                perms,
                bands: b as usize,
                rows: r as usize,
                window,
            },
            _ => Params::for_threshold(shingle, perms, self.threshold, window),
        };
        p.validate()?;
        Ok(p)
    }
}

/// Parses arguments (usage errors exit 2; `--help` on a closed pipe is fine).
pub fn parse_args() -> Result<Cli, ExitStatus> {
    news_core::cli::parse_args()
}

/// Runs the binary.
pub fn main(cli: Cli) -> ExitStatus {
    let params = match cli.params() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("news-fingerprint: {e}");
            return ExitStatus::Fatal;
        }
    };
    let stage = FingerprintStage::new(params);
    news_core::run_records("news-fingerprint", &cli.common, &stage)
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_definition_is_valid() {
        <super::Cli as clap::CommandFactory>::command().debug_assert();
    }
}
