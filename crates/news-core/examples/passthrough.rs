//! The floor of any news-tools filter: read JSON Lines with news-core's
//! reader, parse each record, and write it back unchanged. `make bench`
//! compares every stage's throughput with this binary's on the same file.

use clap::Parser;

// the allocator the stages use, so the floor compares like with like
news_core::fast_allocator!();
use news_core::{CommonArgs, Record, Sink, Stage, StageError};

/// Parse and re-serialize every record (benchmark baseline).
#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    common: CommonArgs,
}

struct Identity;

impl Stage for Identity {
    fn process(&mut self, record: Record, out: &mut Sink) -> Result<(), StageError> {
        out.emit(&record)?;
        Ok(())
    }
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    news_core::run("passthrough", &cli.common, &mut Identity).into()
}
