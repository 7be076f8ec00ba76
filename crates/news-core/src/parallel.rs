//! Record-at-a-time stages on several threads, with output in input order.
//!
//! A stage that handles every record on its own ([`RecordStage`]) is run by
//! [`run_records`]: one thread reads lines and hands out batches, worker
//! threads parse and transform them (and serialize each record that came
//! with its id), and one thread puts the results back in input order,
//! assigns minted ids, reports rejects and writes. The output is byte for
//! byte the same on any thread count, because everything that depends on
//! order (minted ids, the first rejected record under `--on-error=fail`,
//! messages) happens on the ordered side.
//!
//! Memory stays bounded: at most a few batches per worker are in flight, and a
//! batch holds at most `BATCH_LINES` lines or `BATCH_BYTES` bytes (one line
//! when a line is larger).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde_json::{Map, Value};

use crate::cli::{CommonArgs, OnError};
use crate::driver::{self, Stage, StageError};
use crate::exit::ExitStatus;
use crate::input::Input;
use crate::output::{Rendered, Sink, WriteError};
use crate::record::{self, FieldNames, IdMinter, Layout, Origin, Pending, Record};
use crate::report::{print_stats, Progress, RejectsFile, RunCounts};

const BATCH_LINES: usize = 256;
const BATCH_BYTES: usize = 4 << 20;
/// Batches read but not yet written, per worker: bounds the reorder buffer
/// even when one batch (a huge record) takes much longer than the others.
const IN_FLIGHT_PER_WORKER: u64 = 4;

/// A stage that transforms each record independently of the others.
pub trait RecordStage: Sync {
    /// Transforms one record in place; `Err` rejects it with that message.
    fn apply(&self, record: &mut Record) -> Result<(), String>;

    /// Writes a transformed record. The default writes it as it is; a stage
    /// that turns one record into several (or into another shape) overrides
    /// this. Runs on the ordered side, after the record's id is final.
    fn emit(&self, record: &Record, out: &mut Sink) -> Result<(), WriteError> {
        out.emit(record)
    }

    /// Stage-specific counts for `--stats`.
    fn stats(&self) -> Map<String, Value> {
        Map::new()
    }

    /// How records are parsed (see [`Stage::layout`]).
    fn layout(&self) -> Layout {
        Layout::Fields
    }
}

/// Runs a record stage: on `--threads` threads, or in the plain driver for
/// one thread and for `--text-files`.
pub fn run_records<S: RecordStage>(program: &str, common: &CommonArgs, stage: &S) -> ExitStatus {
    let threads = common.thread_count();
    if threads <= 1 || common.text_files {
        return driver::run(program, common, &mut Sequential(stage));
    }
    run_parallel(program, common, stage, threads)
}

/// A record stage seen as a plain [`Stage`].
struct Sequential<'s, S>(&'s S);

impl<S: RecordStage> Stage for Sequential<'_, S> {
    fn process(&mut self, mut record: Record, out: &mut Sink) -> Result<(), StageError> {
        self.0.apply(&mut record).map_err(StageError::Reject)?;
        self.0.emit(&record, out)?;
        Ok(())
    }

    fn stats(&self) -> Map<String, Value> {
        self.0.stats()
    }

    fn layout(&self) -> Layout {
        self.0.layout()
    }
}

struct Line {
    input: Arc<str>,
    line_no: u64,
    /// The line as read, with its line ending.
    raw: Vec<u8>,
}

enum Outcome {
    Blank,
    Record(Pending),
    /// A record whose id was final, already written out by the worker.
    Rendered(Rendered),
    Reject {
        origin: Origin,
        message: String,
        raw: Vec<u8>,
    },
}

struct Done {
    seq: u64,
    outcomes: Vec<Outcome>,
}

/// What the ordered writer saw.
#[derive(Default)]
struct WriterReport {
    counts: RunCounts,
    fatal: Option<String>,
}

fn run_parallel<S: RecordStage>(
    program: &str,
    common: &CommonArgs,
    stage: &S,
    threads: usize,
) -> ExitStatus {
    let start = Instant::now();
    let names = FieldNames {
        text: Arc::from(common.text_field.as_str()),
        id: Arc::from(common.id_field.as_str()),
    };
    let quiet = common.quiet;
    let diagnose = |message: &str| {
        if !quiet {
            eprintln!("{program}: {message}");
        }
    };
    let rejects = match common
        .rejects
        .as_deref()
        .map(RejectsFile::create)
        .transpose()
    {
        Ok(rejects) => rejects,
        Err(message) => {
            diagnose(&message);
            return ExitStatus::Fatal;
        }
    };
    let stop = AtomicBool::new(false);
    let shared = Shared {
        bytes_read: AtomicU64::new(0),
        batches_written: AtomicU64::new(0),
    };
    let (batch_tx, batch_rx) = sync_channel::<(u64, Vec<Line>)>(threads * 2);
    let batch_rx = Mutex::new(batch_rx);
    let (done_tx, done_rx) = sync_channel::<Done>(threads * 2);
    let mut read_error = None;

    let mut report = std::thread::scope(|scope| {
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let batch_rx = &batch_rx;
            let names = &names;
            scope.spawn(move || loop {
                let next = batch_rx.lock().expect("batch queue").recv();
                let Ok((seq, lines)) = next else { break };
                let outcomes = lines
                    .into_iter()
                    .map(|line| transform(line, names, stage))
                    .collect();
                if done_tx.send(Done { seq, outcomes }).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        let stop = &stop;
        let shared = &shared;
        let writer = scope
            .spawn(move || write_in_order(program, common, stage, done_rx, rejects, stop, shared));
        let max_in_flight = threads as u64 * IN_FLIGHT_PER_WORKER;
        read_error = read_batches(common, batch_tx, stop, shared, max_in_flight);
        writer.join().expect("writer thread")
    });

    let mut status = if report.counts.rejected > 0 {
        ExitStatus::Rejected
    } else {
        ExitStatus::Success
    };
    if let Some(message) = report.fatal.as_deref().or(read_error.as_deref()) {
        diagnose(message);
        status = ExitStatus::Fatal;
    }
    if common.stats {
        report.counts.bytes_in = shared.bytes_read.load(Ordering::Relaxed);
        let mut extra = Map::new();
        extra.insert("threads".into(), Value::from(threads));
        extra.extend(stage.stats());
        print_stats(program, &report.counts, start, status, extra);
    }
    status
}

/// Counters shared by the reader and the writer.
struct Shared {
    bytes_read: AtomicU64,
    batches_written: AtomicU64,
}

/// Reads every input into batches; returns a fatal read error, if any.
fn read_batches(
    common: &CommonArgs,
    batches: std::sync::mpsc::SyncSender<(u64, Vec<Line>)>,
    stop: &AtomicBool,
    shared: &Shared,
    max_in_flight: u64,
) -> Option<String> {
    let stdin = [PathBuf::from("-")];
    let files: &[PathBuf] = if common.files.is_empty() {
        &stdin
    } else {
        &common.files
    };
    let mut seq = 0u64;
    let mut batch = Vec::new();
    let mut batch_bytes = 0usize;
    let mut send = |batch: &mut Vec<Line>, batch_bytes: &mut usize| -> bool {
        while seq >= shared.batches_written.load(Ordering::Acquire) + max_in_flight {
            if stop.load(Ordering::Relaxed) {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        *batch_bytes = 0;
        let full = std::mem::take(batch);
        let ok = batches.send((seq, full)).is_ok();
        seq += 1;
        ok
    };
    for path in files {
        let mut input = match Input::open(path) {
            Ok(input) => input,
            Err(e) => {
                if !batch.is_empty() {
                    send(&mut batch, &mut batch_bytes);
                }
                return Some(format!("{}: {}", path.display(), driver::io_message(&e)));
            }
        };
        loop {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            let mut raw = Vec::new();
            let line_no = match input.read_line(&mut raw) {
                Ok(Some(n)) => n,
                Ok(None) => break,
                Err(e) => {
                    if !batch.is_empty() {
                        send(&mut batch, &mut batch_bytes);
                    }
                    return Some(format!("{}: {}", input.name, driver::io_message(&e)));
                }
            };
            shared
                .bytes_read
                .fetch_add(raw.len() as u64, Ordering::Relaxed);
            batch_bytes += raw.len();
            batch.push(Line {
                input: input.name.clone(),
                line_no,
                raw,
            });
            if (batch.len() >= BATCH_LINES || batch_bytes >= BATCH_BYTES)
                && !send(&mut batch, &mut batch_bytes)
            {
                return None;
            }
        }
    }
    if !batch.is_empty() {
        send(&mut batch, &mut batch_bytes);
    }
    None
}

/// Parses and transforms one line (on a worker thread).
fn transform<S: RecordStage>(line: Line, names: &FieldNames, stage: &S) -> Outcome {
    let mut body = driver::strip_line_end(&line.raw);
    if line.line_no == 1 {
        body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    }
    let origin = Origin {
        input: line.input,
        line: line.line_no,
    };
    let parsed = record::parse_fields(body, stage.layout()).and_then(|fields| {
        fields
            .map(|f| Pending::from_fields(f, names, origin.clone()))
            .transpose()
    });
    match parsed {
        Ok(None) => Outcome::Blank,
        Ok(Some(mut pending)) => match stage.apply(&mut pending.record) {
            Ok(()) => render(pending, stage),
            Err(message) => Outcome::Reject {
                origin,
                message,
                raw: line.raw,
            },
        },
        Err(message) => Outcome::Reject {
            origin,
            message,
            raw: line.raw,
        },
    }
}

/// Writes a transformed record on the worker when its id is final (it had
/// one), so the ordered side only copies bytes; a record that gets a minted
/// id is written in its turn.
fn render<S: RecordStage>(pending: Pending, stage: &S) -> Outcome {
    if pending.missing_id.is_some() {
        return Outcome::Record(pending);
    }
    let mut sink = Sink::buffer();
    match stage.emit(&pending.record, &mut sink) {
        Ok(()) => Outcome::Rendered(sink.rendered()),
        // (memory does not fail; whatever did fails again in order, and is
        // reported there)
        Err(_) => Outcome::Record(pending),
    }
}

/// Whether a write failed (a closed pipe, or an I/O error made fatal).
fn failed_write(
    written: Result<(), WriteError>,
    closed: &mut bool,
    fatal: &mut Option<String>,
) -> bool {
    match written {
        Ok(()) => false,
        Err(WriteError::Closed) => {
            *closed = true;
            true
        }
        Err(WriteError::Io(e)) => {
            *fatal = Some(format!("cannot write output: {e}"));
            true
        }
    }
}

/// Puts results back in input order and writes them (on the writer thread).
fn write_in_order<S: RecordStage>(
    program: &str,
    common: &CommonArgs,
    stage: &S,
    done: Receiver<Done>,
    mut rejects: Option<RejectsFile>,
    stop: &AtomicBool,
    shared: &Shared,
) -> WriterReport {
    let mut report = WriterReport::default();
    let counts = &mut report.counts;
    let mut sink = Sink::stdout();
    let mut minter = IdMinter::default();
    let mut waiting: BTreeMap<u64, Vec<Outcome>> = BTreeMap::new();
    let mut next = 0u64;
    let mut stopped = false;
    let mut closed = false;
    let mut progress = Progress::for_terminal(common.quiet);
    for Done { seq, outcomes } in done {
        if stopped {
            continue; // drain, so workers never block
        }
        waiting.insert(seq, outcomes);
        while let Some(outcomes) = waiting.remove(&next) {
            next += 1;
            shared.batches_written.store(next, Ordering::Release);
            for outcome in outcomes {
                if stopped {
                    break;
                }
                match outcome {
                    Outcome::Blank => counts.blank_lines += 1,
                    Outcome::Record(pending) => {
                        counts.records_in += 1;
                        let written = stage.emit(&pending.finish(&mut minter), &mut sink);
                        stopped |= failed_write(written, &mut closed, &mut report.fatal);
                    }
                    Outcome::Rendered(rendered) => {
                        counts.records_in += 1;
                        let written = sink.write_rendered(&rendered);
                        stopped |= failed_write(written, &mut closed, &mut report.fatal);
                    }
                    Outcome::Reject {
                        origin,
                        message,
                        raw,
                    } => {
                        counts.records_in += 1;
                        counts.rejected += 1;
                        if !common.quiet {
                            if let Some(progress) = &progress {
                                progress.clear();
                            }
                            eprintln!("{program}: {origin}: {message}");
                        }
                        if let Some(Err(message)) = rejects.as_mut().map(|r| r.write(&raw)) {
                            report.fatal = Some(message);
                            stopped = true;
                        }
                        if common.on_error == OnError::Fail {
                            stopped = true;
                        }
                    }
                }
                if let Some(progress) = &mut progress {
                    let bytes = shared.bytes_read.load(Ordering::Relaxed);
                    progress.tick(program, counts.records_in, bytes);
                }
            }
            if stopped {
                stop.store(true, Ordering::Relaxed);
                waiting.clear();
                break;
            }
        }
    }
    if let Some(progress) = &progress {
        progress.clear();
    }
    counts.records_out = sink.written();
    if let Some(Err(message)) = rejects.as_mut().map(RejectsFile::flush) {
        report.fatal.get_or_insert(message);
    }
    if !closed {
        if let Err(WriteError::Io(e)) = sink.flush() {
            report
                .fatal
                .get_or_insert(format!("cannot write output: {e}"));
        }
    }
    report
}
