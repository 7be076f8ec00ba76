//! The floor of any news-tools filter: read JSON Lines with news-core's
//! reader, parse each record into a serde_json value
//! (`serde_json::from_str::<Value>`), and write it back unchanged with
//! serde_json. `make bench` compares every stage's throughput with this
//! binary's on the same file.
//!
//! The stages parse a record's fields into news-core's own list (no hashed
//! map; see [`news_core::Layout`]) and write records with news-core's own
//! writer ([`news_core::json`]: the same bytes, with a faster string
//! escaper). `--news-core` makes the passthrough parse and write that way
//! too, so the bench can also show the floor of news-core's own reading and
//! writing.
//!
//! Like the record stages, it runs on `--threads` threads (all cores by
//! default; `-j 1` is the plain one-thread loop), so a stage and the floor
//! can be compared on the same cores.

use clap::Parser;

// the allocator the stages use, so the floor compares like with like
news_core::fast_allocator!();
use news_core::output::{Sink, WriteError};
use news_core::{CommonArgs, Layout, Record, RecordStage};

/// Parse and re-serialize every record (benchmark baseline).
#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
    /// Parse and write records as the stages do, with news-core's list of
    /// fields and writer, instead of serde_json's map and writer.
    #[arg(long)]
    news_core: bool,
}

struct Identity {
    news_core: bool,
}

impl RecordStage for Identity {
    fn apply(&self, _record: &mut Record) -> Result<(), String> {
        Ok(())
    }

    fn layout(&self) -> Layout {
        if self.news_core {
            Layout::Fields
        } else {
            Layout::SerdeJsonMap
        }
    }

    fn emit(&self, record: &Record, out: &mut Sink) -> Result<(), WriteError> {
        if self.news_core {
            out.emit(record)
        } else {
            out.emit_with_serde_json(record)
        }
    }
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let stage = Identity {
        news_core: cli.news_core,
    };
    news_core::run_records("passthrough", &cli.common, &stage).into()
}
