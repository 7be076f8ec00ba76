//! The read-process-write loop every binary runs.
//!
//! A stage implements [`Stage`]: it gets one parsed [`Record`] at a time and
//! writes what it makes of it to the [`Sink`]. [`run`] does everything around
//! that: opening inputs, counting lines, rejecting bad records with
//! `program: FILE:LINE: message`, the `--on-error` policy, `--rejects`,
//! progress on a terminal, `--stats`, and the exit code.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use serde_json::{Map, Value};

use crate::cli::{CommonArgs, OnError};
use crate::exit::ExitStatus;
use crate::input::Input;
use crate::output::{Sink, WriteError};
use crate::record::{self, FieldNames, IdMinter, Layout, Origin, Parsed, Record};
use crate::report::{print_stats, Progress, RejectsFile, RunCounts};

/// Why a stage could not handle a record.
#[derive(Debug)]
pub enum StageError {
    /// This record is rejected (reported with its file and line; the run goes
    /// on or stops according to `--on-error`).
    Reject(String),
    /// Writing the output failed or the pipe closed.
    Write(WriteError),
    /// Something is wrong beyond this record: stop with exit 2.
    Fatal(anyhow::Error),
}

impl From<WriteError> for StageError {
    fn from(e: WriteError) -> Self {
        StageError::Write(e)
    }
}

/// One stage of the pipeline.
pub trait Stage {
    /// Handles one record, writing whatever it makes of it to `out`.
    fn process(&mut self, record: Record, out: &mut Sink) -> Result<(), StageError>;

    /// Called once after the last record (stateful stages write here).
    fn finish(&mut self, _out: &mut Sink) -> Result<(), StageError> {
        Ok(())
    }

    /// Stage-specific counts for `--stats`.
    fn stats(&self) -> Map<String, Value> {
        Map::new()
    }

    /// How records are parsed (the passthrough benchmark parses them as
    /// plain serde_json does; stages keep the default).
    fn layout(&self) -> Layout {
        Layout::Fields
    }
}

/// How reading ended.
enum Flow {
    /// All input was read.
    Done,
    /// A bad record under `--on-error=fail`.
    StoppedOnError,
    /// stdout was closed by the reader.
    PipeClosed,
}

struct Runner<'a> {
    program: &'a str,
    common: &'a CommonArgs,
    names: FieldNames,
    minter: IdMinter,
    rejects: Option<RejectsFile>,
    counts: RunCounts,
    progress: Option<Progress>,
}

/// Runs `stage` over the inputs named in `common`, writing to stdout.
pub fn run<S: Stage>(program: &str, common: &CommonArgs, stage: &mut S) -> ExitStatus {
    let start = Instant::now();
    let mut sink = Sink::stdout();
    let mut runner = Runner {
        program,
        common,
        names: FieldNames {
            text: Arc::from(common.text_field.as_str()),
            id: Arc::from(common.id_field.as_str()),
        },
        minter: IdMinter::default(),
        rejects: None,
        counts: RunCounts::default(),
        progress: Progress::for_terminal(common.quiet),
    };
    let status = match runner.run_all(stage, &mut sink) {
        Ok(()) => {
            if runner.counts.rejected > 0 {
                ExitStatus::Rejected
            } else {
                ExitStatus::Success
            }
        }
        Err(message) => {
            runner.diagnose(&message);
            ExitStatus::Fatal
        }
    };
    if let Some(progress) = &runner.progress {
        progress.clear();
    }
    if common.stats {
        runner.counts.records_out = sink.written();
        print_stats(program, &runner.counts, start, status, stage.stats());
    }
    status
}

impl Runner<'_> {
    fn run_all<S: Stage>(&mut self, stage: &mut S, sink: &mut Sink) -> Result<(), String> {
        if let Some(path) = &self.common.rejects {
            self.rejects = Some(RejectsFile::create(path)?);
        }
        let stdin = [PathBuf::from("-")];
        let files: &[PathBuf] = if self.common.files.is_empty() {
            &stdin
        } else {
            &self.common.files
        };
        let mut flow = Flow::Done;
        for path in files {
            flow = if self.common.text_files {
                self.read_text_file(path, stage, sink)?
            } else {
                self.read_jsonl(path, stage, sink)?
            };
            if !matches!(flow, Flow::Done) {
                break;
            }
        }
        if !matches!(flow, Flow::PipeClosed) {
            match stage.finish(sink) {
                Ok(()) => {}
                Err(StageError::Write(WriteError::Closed)) => flow = Flow::PipeClosed,
                Err(StageError::Write(WriteError::Io(e))) => {
                    return Err(format!("cannot write output: {e}"))
                }
                Err(StageError::Fatal(e)) => return Err(format!("{e:#}")),
                Err(StageError::Reject(msg)) => return Err(msg),
            }
        }
        if let Some(rejects) = &mut self.rejects {
            rejects.flush()?;
        }
        match flow {
            Flow::PipeClosed => Ok(()),
            _ => match sink.flush() {
                Ok(()) | Err(WriteError::Closed) => Ok(()),
                Err(WriteError::Io(e)) => Err(format!("cannot write output: {e}")),
            },
        }
    }

    fn open(&self, path: &Path) -> Result<Input, String> {
        Input::open(path).map_err(|e| format!("{}: {}", path.display(), io_message(&e)))
    }

    fn read_jsonl<S: Stage>(
        &mut self,
        path: &Path,
        stage: &mut S,
        sink: &mut Sink,
    ) -> Result<Flow, String> {
        let mut input = self.open(path)?;
        let mut buf = Vec::with_capacity(64 * 1024);
        loop {
            let line_no = match input.read_line(&mut buf) {
                Ok(Some(n)) => n,
                Ok(None) => return Ok(Flow::Done),
                Err(e) => return Err(format!("{}: {}", input.name, io_message(&e))),
            };
            self.counts.bytes_in += buf.len() as u64;
            let mut line = strip_line_end(&buf);
            if line_no == 1 {
                line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
            }
            let origin = Origin {
                input: input.name.clone(),
                line: line_no,
            };
            let parsed = record::parse_line(
                line,
                stage.layout(),
                &self.names,
                origin.clone(),
                &mut self.minter,
            );
            let flow = match parsed {
                Ok(Parsed::Blank) => {
                    self.counts.blank_lines += 1;
                    None
                }
                Ok(Parsed::Record(rec)) => {
                    self.counts.records_in += 1;
                    self.process(stage, rec, sink, &buf)?
                }
                Err(message) => {
                    self.counts.records_in += 1;
                    self.reject(&origin, &message, &buf)?
                }
            };
            if let Some(flow) = flow {
                return Ok(flow);
            }
            if let Some(progress) = &mut self.progress {
                progress.tick(self.program, self.counts.records_in, self.counts.bytes_in);
            }
        }
    }

    fn read_text_file<S: Stage>(
        &mut self,
        path: &Path,
        stage: &mut S,
        sink: &mut Sink,
    ) -> Result<Flow, String> {
        let mut input = self.open(path)?;
        let mut bytes = Vec::new();
        input
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{}: {}", input.name, io_message(&e)))?;
        self.counts.bytes_in += bytes.len() as u64;
        self.counts.records_in += 1;
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let text = match std::str::from_utf8(body) {
            Ok(text) => text,
            Err(e) => {
                let line = 1 + memchr::memchr_iter(b'\n', &body[..e.valid_up_to()]).count();
                let origin = Origin {
                    input: input.name.clone(),
                    line: line as u64,
                };
                let msg =
                    "invalid UTF-8 (the file is not written to --rejects; it is still on disk)";
                return Ok(self.reject(&origin, msg, &[])?.unwrap_or(Flow::Done));
            }
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| input.name.to_string());
        let stem = stem
            .strip_suffix(".txt")
            .map(str::to_string)
            .unwrap_or(stem);
        let mut fields = Map::new();
        fields.insert(self.names.id.to_string(), Value::String(stem));
        fields.insert("source".into(), Value::String(path.display().to_string()));
        fields.insert(self.names.text.to_string(), Value::String(text.to_string()));
        let origin = Origin {
            input: input.name.clone(),
            line: 1,
        };
        let rec = record::from_object(fields, &self.names, origin, &mut self.minter)
            .expect("text-file record is well formed");
        Ok(self.process(stage, rec, sink, &[])?.unwrap_or(Flow::Done))
    }

    /// Hands one record to the stage; `Some(flow)` means reading stops.
    fn process<S: Stage>(
        &mut self,
        stage: &mut S,
        rec: Record,
        sink: &mut Sink,
        raw: &[u8],
    ) -> Result<Option<Flow>, String> {
        let origin = rec.origin.clone();
        match stage.process(rec, sink) {
            Ok(()) => Ok(None),
            Err(StageError::Reject(message)) => self.reject(&origin, &message, raw),
            Err(StageError::Write(WriteError::Closed)) => Ok(Some(Flow::PipeClosed)),
            Err(StageError::Write(WriteError::Io(e))) => Err(format!("cannot write output: {e}")),
            Err(StageError::Fatal(e)) => Err(format!("{origin}: {e:#}")),
        }
    }

    /// Reports a bad record and saves its line; `Some(flow)` means reading stops.
    fn reject(
        &mut self,
        origin: &Origin,
        message: &str,
        raw: &[u8],
    ) -> Result<Option<Flow>, String> {
        self.counts.rejected += 1;
        self.diagnose(&format!("{origin}: {message}"));
        if let Some(rejects) = &mut self.rejects {
            if !raw.is_empty() {
                rejects.write(raw)?;
            }
        }
        Ok(match self.common.on_error {
            OnError::Fail => Some(Flow::StoppedOnError),
            OnError::Skip => None,
        })
    }

    fn diagnose(&self, message: &str) {
        if !self.common.quiet {
            if let Some(progress) = &self.progress {
                progress.clear();
            }
            eprintln!("{}: {message}", self.program);
        }
    }
}

/// The line without its `\n` or `\r\n`.
pub(crate) fn strip_line_end(line: &[u8]) -> &[u8] {
    let line = line.strip_suffix(b"\n").unwrap_or(line);
    line.strip_suffix(b"\r").unwrap_or(line)
}

/// An I/O error as a message without Rust's "(os error 2)" noise.
pub(crate) fn io_message(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}
