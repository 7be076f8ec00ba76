//! The floor of any news-tools filter: read JSON Lines with news-core's
//! reader, parse each record, and write it back unchanged. `make bench`
//! compares every stage's throughput with this binary's on the same file.
//!
//! Like the record stages, it runs on `--threads` threads (all cores by
//! default; `-j 1` is the plain one-thread loop), so a stage and the floor
//! can be compared on the same cores.

use clap::Parser;

// the allocator the stages use, so the floor compares like with like
news_core::fast_allocator!();
use news_core::{CommonArgs, Record, RecordStage};

/// Parse and re-serialize every record (benchmark baseline).
#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

struct Identity;

impl RecordStage for Identity {
    fn apply(&self, _record: &mut Record) -> Result<(), String> {
        Ok(())
    }
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    news_core::run_records("passthrough", &cli.common, &Identity).into()
}
