//! Shared core of the news-tools filters.
//!
//! Every binary in the toolkit is a JSON Lines filter with the same behaviour at
//! its edges: the same options for input, error handling and statistics, the same
//! error messages (`news-x: FILE:LINE: what is wrong`), the same exit codes, and
//! the same promise that fields a stage does not own pass through untouched and in
//! order. This crate holds exactly that shared edge, so a stage crate only has to
//! say how one record becomes another.
//!
//! The pieces:
//! - [`record`]: the [`Record`] type and the parsing of one input line into it;
//! - [`input`]: opening files or stdin, with transparent gzip and zstd decoding;
//! - [`output`]: the buffered JSON Lines writer that treats a closed pipe as success;
//! - [`cli`]: the options every binary shares ([`CommonArgs`]);
//! - [`driver`]: the read-process-write loop ([`run`]) and the [`Stage`] trait;
//! - [`parallel`]: record-at-a-time stages on several threads, output in input order;
//! - [`exit`]: the one exit-code table;
//! - [`text`]: code-point offset helpers that several stages need.

pub mod cli;
pub mod driver;

#[doc(hidden)]
pub use mimalloc::MiMalloc;

/// Makes mimalloc the binary's allocator. Record-at-a-time stages make many
/// small strings, vectors and JSON maps per record, where it is much faster
/// than the system allocator; news-group does without it, because its
/// target is peak memory (mimalloc holds about a quarter more there).
#[macro_export]
macro_rules! fast_allocator {
    () => {
        #[global_allocator]
        static ALLOCATOR: $crate::MiMalloc = $crate::MiMalloc;
    };
}
pub mod exit;
pub mod input;
pub mod json;
pub mod output;
pub mod parallel;
pub mod record;
mod report;
pub mod swar;
pub mod text;

pub use cli::{CommonArgs, OnError};
pub use driver::{run, Stage, StageError};
pub use exit::ExitStatus;
pub use output::{Sink, WriteError};
pub use parallel::{run_records, RecordStage};
pub use record::{Layout, Origin, Record};
