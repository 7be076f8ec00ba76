//! Options every news-tools binary accepts.
//!
//! Each binary flattens [`CommonArgs`] into its own clap parser, so `--help`
//! shows the shared options next to the stage's own and they behave the same
//! everywhere.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::exit::ExitStatus;

/// What to do with a record that cannot be read (invalid JSON, not an object,
/// invalid UTF-8, missing or non-string text).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OnError {
    /// Report the record and stop; every good record before it is written (exit 1).
    #[default]
    Fail,
    /// Report the record and go on; exit 1 at the end.
    Skip,
}

/// Input, error-handling and reporting options shared by all binaries.
#[derive(Clone, Debug, Args)]
pub struct CommonArgs {
    /// Input files, read in order; `-` is stdin. With none, read stdin.
    /// Gzip and zstd input (`.jsonl.gz`, `.jsonl.zst`) is decoded transparently.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Field holding the article text.
    #[arg(long, value_name = "NAME", default_value = "text")]
    pub text_field: String,

    /// Field holding the record id. Records without one get a stable id derived from their text.
    #[arg(long, value_name = "NAME", default_value = "id")]
    pub id_field: String,

    /// Treat each FILE as one plain-text article (id = file stem, source = the path)
    /// instead of JSON Lines.
    #[arg(long)]
    pub text_files: bool,

    /// What to do with a bad record: stop (fail) or report it and go on (skip).
    #[arg(long, value_enum, value_name = "POLICY", default_value_t = OnError::Fail)]
    pub on_error: OnError,

    /// Write every rejected input line to FILE, byte for byte, so nothing is lost.
    #[arg(long, value_name = "FILE")]
    pub rejects: Option<PathBuf>,

    /// Print no diagnostics or progress on stderr (the exit code still tells).
    #[arg(short, long)]
    pub quiet: bool,

    /// At the end, print one JSON line of counts and seconds on stderr.
    #[arg(long)]
    pub stats: bool,

    /// Worker threads for stages that handle records independently (0: one
    /// per core). The output is the same, byte for byte, on any count.
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
}

impl CommonArgs {
    /// The number of worker threads to use.
    pub fn thread_count(&self) -> usize {
        if self.threads > 0 {
            self.threads
        } else {
            std::thread::available_parallelism().map_or(1, usize::from)
        }
    }
}

/// Parses a binary's arguments the way every news-tools binary does: a usage
/// error is printed on stderr and gives [`ExitStatus::Fatal`] (exit 2);
/// `--help` and `--version` go to stdout, where a closed pipe is not an error.
pub fn parse_args<C: clap::Parser>() -> Result<C, ExitStatus> {
    C::try_parse().map_err(|e| {
        if e.use_stderr() {
            let _ = e.print();
            ExitStatus::Fatal
        } else {
            let _ = write!(std::io::stdout(), "{}", e.render().ansi());
            ExitStatus::Success
        }
    })
}
