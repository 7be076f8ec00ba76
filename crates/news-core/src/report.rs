//! What both drivers ([`crate::driver`] and [`crate::parallel`]) tell the
//! user besides the output: the `--rejects` file, progress on a terminal and
//! the `--stats` line. Kept in one place so the two drivers cannot drift.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::{json, Map, Value};

use crate::exit::ExitStatus;

/// The `--rejects` file: every rejected line, byte for byte.
pub(crate) struct RejectsFile {
    path: PathBuf,
    out: io::BufWriter<File>,
}

impl RejectsFile {
    /// Creates the file (errors are fatal: nothing may be lost silently).
    pub(crate) fn create(path: &Path) -> Result<Self, String> {
        let file = File::create(path)
            .map_err(|e| format!("{}: cannot create rejects file: {e}", path.display()))?;
        Ok(RejectsFile {
            path: path.to_path_buf(),
            out: io::BufWriter::new(file),
        })
    }

    /// Saves one rejected line as read, with `\n` added when it had no line end.
    pub(crate) fn write(&mut self, raw: &[u8]) -> Result<(), String> {
        let mut result = self.out.write_all(raw);
        if !raw.ends_with(b"\n") {
            result = result.and_then(|()| self.out.write_all(b"\n"));
        }
        result.map_err(|e| self.error(&e))
    }

    pub(crate) fn flush(&mut self) -> Result<(), String> {
        self.out.flush().map_err(|e| self.error(&e))
    }

    fn error(&self, e: &io::Error) -> String {
        format!("{}: cannot write rejects: {e}", self.path.display())
    }
}

/// Progress on stderr: records, MB read and MB/s, at most four times a second.
pub(crate) struct Progress {
    start: Instant,
    last: Instant,
}

impl Progress {
    /// A progress line, or `None` when stderr is not a terminal or `--quiet`.
    pub(crate) fn for_terminal(quiet: bool) -> Option<Self> {
        (!quiet && io::stderr().is_terminal()).then(|| {
            let now = Instant::now();
            Progress {
                start: now,
                last: now,
            }
        })
    }

    pub(crate) fn tick(&mut self, program: &str, records: u64, bytes: u64) {
        if records % 256 != 0 {
            return;
        }
        let now = Instant::now();
        if now.duration_since(self.last).as_millis() < 250 {
            return;
        }
        self.last = now;
        let mb = bytes as f64 / 1e6;
        let secs = now.duration_since(self.start).as_secs_f64().max(1e-9);
        eprint!(
            "\r{program}: {records} records, {mb:.1} MB, {:.1} MB/s",
            mb / secs
        );
        let _ = io::stderr().flush();
    }

    /// Erases the progress line (before a message, and at the end).
    pub(crate) fn clear(&self) {
        eprint!("\r\x1b[K");
    }
}

/// The counts of one run, for `--stats`.
#[derive(Default)]
pub(crate) struct RunCounts {
    pub records_in: u64,
    pub records_out: u64,
    pub rejected: u64,
    pub blank_lines: u64,
    pub bytes_in: u64,
}

/// Prints the `--stats` line on stderr.
pub(crate) fn print_stats(
    program: &str,
    counts: &RunCounts,
    start: Instant,
    status: ExitStatus,
    extra: Map<String, Value>,
) {
    let mut stats = json!({
        "program": program,
        "records_in": counts.records_in,
        "records_out": counts.records_out,
        "rejected": counts.rejected,
        "blank_lines": counts.blank_lines,
        "bytes_in": counts.bytes_in,
        "seconds": (start.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
        "exit": status.code(),
    });
    if let Value::Object(map) = &mut stats {
        map.extend(extra);
    }
    eprintln!("{stats}");
}
