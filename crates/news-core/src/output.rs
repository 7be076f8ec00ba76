//! The JSON Lines writer.
//!
//! Records go to a large buffer on stdout and are flushed before exit. A
//! closed pipe (the reader went away, as with `| head -1`) is not an error:
//! writing stops and the run ends with success, silently.

use std::io::{self, Write};

use serde_json::{Map, Value};

use crate::json;
use crate::record::Record;

/// Where records are written.
pub struct Sink {
    out: Out,
    /// A record written by [`Sink::emit`] to a [`Sink::new`] or
    /// [`Sink::stdout`] sink, before it goes to the writer in one call (its
    /// capacity is kept: it grows to the largest record).
    line: Vec<u8>,
    written: u64,
}

/// Where a [`Sink`] writes.
enum Out {
    Writer(Box<dyn Write>),
    Buffer(Vec<u8>),
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Out::Writer(w) => w.write(buf),
            Out::Buffer(v) => v.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Out::Writer(w) => w.write_all(buf),
            Out::Buffer(v) => v.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Out::Writer(w) => w.flush(),
            Out::Buffer(_) => Ok(()),
        }
    }
}

/// Records already written as JSON Lines into memory (by a worker thread),
/// for a [`Sink`] to copy out in their turn.
#[derive(Debug, Default)]
pub struct Rendered {
    bytes: Vec<u8>,
    records: u64,
}

/// The reason a write stopped.
#[derive(Debug)]
pub enum WriteError {
    /// The reader closed the pipe: stop quietly, exit 0.
    Closed,
    /// Any other I/O error: fatal.
    Io(io::Error),
}

/// What a failed serde_json write means for the run.
fn write_error(e: serde_json::Error) -> WriteError {
    match e.io_error_kind() {
        Some(io::ErrorKind::BrokenPipe) => WriteError::Closed,
        Some(kind) => WriteError::Io(io::Error::new(kind, e.to_string())),
        None => WriteError::Io(io::Error::other(e)),
    }
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
        Sink {
            out: Out::Writer(out),
            line: Vec::new(),
            written: 0,
        }
    }

    /// A sink that keeps what it is given in memory (see [`Sink::rendered`]).
    pub fn buffer() -> Self {
        Sink {
            out: Out::Buffer(Vec::new()),
            line: Vec::new(),
            written: 0,
        }
    }

    /// What a [`Sink::buffer`] sink holds, and how many records that is
    /// (empty for other sinks).
    pub fn rendered(self) -> Rendered {
        match self.out {
            Out::Buffer(bytes) => Rendered {
                bytes,
                records: self.written,
            },
            Out::Writer(_) => Rendered::default(),
        }
    }

    /// Writes records rendered by a buffer sink.
    pub fn write_rendered(&mut self, rendered: &Rendered) -> Result<(), WriteError> {
        self.out.write_all(&rendered.bytes)?;
        self.written += rendered.records;
        Ok(())
    }

    /// Writes one record as a line.
    ///
    /// The record is written into memory first and goes to the writer in
    /// one call: its strings are written piece by piece (the runs between
    /// escapes, the escapes, the quotes), and each piece would otherwise be
    /// a call through the boxed writer.
    pub fn emit(&mut self, record: &Record) -> Result<(), WriteError> {
        match &mut self.out {
            Out::Buffer(bytes) => {
                record.write_json(bytes)?;
                bytes.push(b'\n');
            }
            Out::Writer(w) => {
                self.line.clear();
                record.write_json(&mut self.line)?;
                self.line.push(b'\n');
                w.write_all(&self.line)?;
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Writes one JSON object as a line (for stages that make new records).
    pub fn emit_fields(&mut self, fields: &Map<String, Value>) -> Result<(), WriteError> {
        json::write_object(&mut self.out, fields)?;
        self.end_line()
    }

    /// Writes one record as a line with serde_json's own writer: the same
    /// bytes as [`Sink::emit`], more slowly. The passthrough benchmark uses
    /// it to measure the plain serde_json round trip.
    pub fn emit_with_serde_json(&mut self, record: &Record) -> Result<(), WriteError> {
        serde_json::to_writer(&mut self.out, &*record.fields()).map_err(write_error)?;
        self.end_line()
    }

    fn end_line(&mut self) -> Result<(), WriteError> {
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

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;
    use crate::record::{parse_line, FieldNames, IdMinter, Origin, Parsed};
    use crate::Layout;

    /// A writer whose bytes the test can read afterwards, or that fails as
    /// a closed pipe does.
    #[derive(Clone, Default)]
    struct Shared {
        bytes: Arc<Mutex<Vec<u8>>>,
        closed: bool,
    }

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            if self.closed {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
            self.bytes.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    fn record(line: &str, layout: Layout) -> Record {
        let origin = Origin {
            input: Arc::from("t.jsonl"),
            line: 1,
        };
        let names = FieldNames::default();
        match parse_line(
            line.as_bytes(),
            layout,
            &names,
            origin,
            &mut IdMinter::default(),
        ) {
            Ok(Parsed::Record(r)) => r,
            _ => panic!("not a record: {line}"),
        }
    }

    const LINES: [&str; 3] = [
        r#"{"id":"a","text":"Line one\nline \"two\"\t\u0001 – ok","n":[1,2.5,null,true]}"#,
        r#"{"id":"b","text":"","meta":{"k\\ey":"v\r","e":{}}}"#,
        r#"{"id":"c","text":"short"}"#,
    ];

    #[test]
    fn every_sink_writes_the_bytes_of_serde_json() {
        let expected: String = LINES
            .iter()
            .map(|line| {
                let value: Value = serde_json::from_str(line).unwrap();
                serde_json::to_string(&value).unwrap() + "\n"
            })
            .collect();
        for layout in [Layout::Fields, Layout::SerdeJsonMap] {
            let records: Vec<Record> = LINES.iter().map(|l| record(l, layout)).collect();
            let shared = Shared::default();
            let mut writer = Sink::new(Box::new(shared.clone()));
            let mut buffer = Sink::buffer();
            let serde = Shared::default();
            let mut serde_sink = Sink::new(Box::new(serde.clone()));
            for r in &records {
                writer.emit(r).unwrap();
                buffer.emit(r).unwrap();
                serde_sink.emit_with_serde_json(r).unwrap();
            }
            assert_eq!(writer.written(), 3);
            assert_eq!(
                String::from_utf8(shared.bytes.lock().unwrap().clone()).unwrap(),
                expected
            );
            assert_eq!(
                String::from_utf8(serde.bytes.lock().unwrap().clone()).unwrap(),
                expected
            );
            let rendered = buffer.rendered();
            assert_eq!(rendered.records, 3);
            assert_eq!(String::from_utf8(rendered.bytes).unwrap(), expected);
        }
    }

    #[test]
    fn a_closed_pipe_stops_the_sink_quietly() {
        let r = record(LINES[0], Layout::Fields);
        let closed = Shared {
            closed: true,
            ..Shared::default()
        };
        let mut sink = Sink::new(Box::new(closed));
        assert!(matches!(sink.emit(&r), Err(WriteError::Closed)));
        assert_eq!(sink.written(), 0);
    }
}
