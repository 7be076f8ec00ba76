//! The JSON Lines writer.
//!
//! Records go to a large buffer on stdout and are flushed before exit. A
//! closed pipe (the reader went away, as with `| head -1`) is not an error:
//! writing stops and the run ends with success, silently.

use std::io::{self, Write};

use serde_json::{Map, Value};

use crate::json;
use crate::record::Record;

/// How many bytes of lines a sink on a writer gathers before it hands them
/// to the writer.
const PENDING_BYTES: usize = 256 * 1024;

/// Where records are written.
pub struct Sink {
    out: Out,
    /// Lines written to a [`Sink::new`] or [`Sink::stdout`] sink, made in
    /// place and handed to the writer together once they reach
    /// [`PENDING_BYTES`] (see [`Sink::write_line`]), before anything else is
    /// written, and when the sink is flushed or dropped.
    pending: Vec<u8>,
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
            pending: Vec::new(),
            written: 0,
        }
    }

    /// A sink that keeps what it is given in memory (see [`Sink::rendered`]).
    pub fn buffer() -> Self {
        Sink {
            out: Out::Buffer(Vec::new()),
            pending: Vec::new(),
            written: 0,
        }
    }

    /// What a [`Sink::buffer`] sink holds, and how many records that is
    /// (empty for other sinks).
    pub fn rendered(mut self) -> Rendered {
        match &mut self.out {
            Out::Buffer(bytes) => Rendered {
                bytes: std::mem::take(bytes),
                records: self.written,
            },
            // (the lines made go to the writer as the sink is dropped)
            Out::Writer(_) => Rendered::default(),
        }
    }

    /// Writes records rendered by a buffer sink.
    pub fn write_rendered(&mut self, rendered: &Rendered) -> Result<(), WriteError> {
        self.write_pending()?;
        self.out.write_all(&rendered.bytes)?;
        self.written += rendered.records;
        Ok(())
    }

    /// Writes one record as a line.
    pub fn emit(&mut self, record: &Record) -> Result<(), WriteError> {
        self.write_line(|out| record.write_json(out))
    }

    /// Writes one JSON object as a line (for stages that make new records).
    pub fn emit_fields(&mut self, fields: &Map<String, Value>) -> Result<(), WriteError> {
        self.write_line(|out| json::write_object(out, fields))
    }

    /// Writes the line `render` makes (without its line end) with
    /// [`crate::json`]. On a writer, lines are made in memory, straight into
    /// the sink's pending bytes, and go out [`PENDING_BYTES`] at a time: a
    /// line's strings are written piece by piece (the runs between escapes,
    /// the escapes, the quotes), each piece would otherwise be a call
    /// through the boxed writer, and a line made apart would be copied again
    /// into the writer's buffer.
    fn write_line(
        &mut self,
        render: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
    ) -> Result<(), WriteError> {
        let bytes = match &mut self.out {
            Out::Buffer(bytes) => bytes,
            Out::Writer(_) => &mut self.pending,
        };
        render(bytes)?;
        bytes.push(b'\n');
        self.written += 1;
        if self.pending.len() >= PENDING_BYTES {
            self.write_pending()?;
        }
        Ok(())
    }

    /// Hands the pending lines to the writer.
    fn write_pending(&mut self) -> Result<(), WriteError> {
        if !self.pending.is_empty() {
            self.out.write_all(&self.pending)?;
            self.pending.clear();
        }
        Ok(())
    }

    /// Writes one record as a line with serde_json's own writer: the same
    /// bytes as [`Sink::emit`], more slowly. The passthrough benchmark uses
    /// it to measure the plain serde_json round trip.
    pub fn emit_with_serde_json(&mut self, record: &Record) -> Result<(), WriteError> {
        self.write_pending()?;
        serde_json::to_writer(&mut self.out, &*record.fields()).map_err(write_error)?;
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
        self.write_pending()?;
        self.out.flush()?;
        Ok(())
    }
}

impl Drop for Sink {
    /// Hands the pending lines to the writer, as a `BufWriter` does its
    /// buffer when dropped (an error is not seen: [`Sink::flush`] says it).
    fn drop(&mut self) {
        let _ = self.write_pending();
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
            // (and the same objects made by a stage)
            let objects = Shared::default();
            let mut objects_sink = Sink::new(Box::new(objects.clone()));
            let mut objects_buffer = Sink::buffer();
            for r in &records {
                objects_sink.emit_fields(&r.fields()).unwrap();
                objects_buffer.emit_fields(&r.fields()).unwrap();
            }
            // (a writer gets the lines once flushed)
            objects_sink.flush().unwrap();
            writer.flush().unwrap();
            assert_eq!(
                String::from_utf8(objects.bytes.lock().unwrap().clone()).unwrap(),
                expected
            );
            assert_eq!(
                String::from_utf8(objects_buffer.rendered().bytes).unwrap(),
                expected
            );
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
        sink.emit(&r).unwrap();
        assert!(matches!(sink.flush(), Err(WriteError::Closed)));
        // (and when the lines gathered go out)
        let closed = Shared {
            closed: true,
            ..Shared::default()
        };
        let mut sink = Sink::new(Box::new(closed));
        let error = (0..=PENDING_BYTES).find_map(|_| sink.emit(&r).err());
        assert!(matches!(error, Some(WriteError::Closed)));
    }

    /// The lines a sink on a writer gathers go out in the order they were
    /// written, before lines written otherwise, at the latest when the sink
    /// is flushed or dropped, and once they reach [`PENDING_BYTES`].
    #[test]
    fn gathered_lines_go_out_in_order() {
        let records: Vec<Record> = LINES.iter().map(|l| record(l, Layout::Fields)).collect();
        let line = |r: &Record| serde_json::to_string(&*r.fields()).unwrap() + "\n";
        let shared = Shared::default();
        let got = || String::from_utf8(shared.bytes.lock().unwrap().clone()).unwrap();
        let mut sink = Sink::new(Box::new(shared.clone()));
        sink.emit(&records[0]).unwrap();
        let mut chunk = Sink::buffer();
        chunk.emit(&records[1]).unwrap();
        sink.write_rendered(&chunk.rendered()).unwrap();
        sink.emit(&records[2]).unwrap();
        sink.emit_with_serde_json(&records[0]).unwrap();
        sink.emit(&records[1]).unwrap();
        assert_eq!(sink.written(), 5);
        drop(sink);
        let expected = [0, 1, 2, 0, 1].map(|i| line(&records[i])).concat();
        assert_eq!(got(), expected);
        // Lines that reach the bound go out without a flush.
        shared.bytes.lock().unwrap().clear();
        let mut sink = Sink::new(Box::new(shared.clone()));
        let n = PENDING_BYTES / line(&records[0]).len() + 1;
        for _ in 0..n {
            sink.emit(&records[0]).unwrap();
        }
        assert_eq!(got(), line(&records[0]).repeat(n));
        sink.emit(&records[2]).unwrap();
        assert_eq!(got().len(), line(&records[0]).len() * n);
    }
}
