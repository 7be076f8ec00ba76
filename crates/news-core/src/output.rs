//! The JSON Lines writer.
//!
//! Records go to a large buffer on stdout and are flushed before exit. A
//! closed pipe (the reader went away, as with `| head -1`) is not an error:
//! writing stops and the run ends with success, silently.

use std::io::{self, Write};

use serde_json::{Map, Value};

use crate::record::Record;

/// Where records are written.
pub struct Sink {
    out: Box<dyn Write>,
    written: u64,
}

/// The reason a write stopped.
#[derive(Debug)]
pub enum WriteError {
    /// The reader closed the pipe: stop quietly, exit 0.
    Closed,
    /// Any other I/O error: fatal.
    Io(io::Error),
}

impl From<io::Error> for WriteError {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            WriteError::Closed
        } else {
            WriteError::Io(e)
        }
    }
}

impl Sink {
    /// A sink on stdout.
    pub fn stdout() -> Self {
        Sink::new(Box::new(io::BufWriter::with_capacity(
            256 * 1024,
            io::stdout().lock(),
        )))
    }

    /// A sink on any writer (tests, benchmarks).
    pub fn new(out: Box<dyn Write>) -> Self {
        Sink { out, written: 0 }
    }

    /// Writes one record as a line.
    pub fn emit(&mut self, record: &Record) -> Result<(), WriteError> {
        self.emit_fields(record.fields())
    }

    /// Writes one JSON object as a line (for stages that make new records).
    pub fn emit_fields(&mut self, fields: &Map<String, Value>) -> Result<(), WriteError> {
        serde_json::to_writer(&mut self.out, fields).map_err(|e| match e.io_error_kind() {
            Some(io::ErrorKind::BrokenPipe) => WriteError::Closed,
            Some(kind) => WriteError::Io(io::Error::new(kind, e.to_string())),
            None => WriteError::Io(io::Error::other(e)),
        })?;
        self.out.write_all(b"\n")?;
        self.written += 1;
        Ok(())
    }

    /// Records written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Flushes the buffer.
    pub fn flush(&mut self) -> Result<(), WriteError> {
        self.out.flush()?;
        Ok(())
    }
}
