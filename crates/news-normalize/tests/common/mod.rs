//! Running the real `news-normalize` binary from tests.
#![allow(dead_code)] // each test file uses a different subset

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::{Map, Value};

pub const BIN: &str = env!("CARGO_BIN_EXE_news-normalize");

/// Starts the binary with `args` and piped stdin, stdout and stderr.
pub fn spawn(args: &[&str]) -> std::process::Child {
    Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts")
}

/// Feeds `data` to the child's stdin on a thread (so a large input cannot
/// deadlock against a full stdout pipe); the handle yields the write result.
pub fn feed(
    child: &mut std::process::Child,
    data: Vec<u8>,
) -> std::thread::JoinHandle<std::io::Result<()>> {
    let mut stdin = child.stdin.take().expect("stdin is piped");
    std::thread::spawn(move || stdin.write_all(&data))
}

/// Runs the binary with `args`, feeding `stdin`, and waits for it.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = spawn(args);
    let writer = feed(&mut child, stdin.to_vec());
    let out = child.wait_with_output().unwrap();
    // The binary may stop reading early (a bad record under --on-error=fail).
    let _ = writer.join().unwrap();
    out
}

/// The output records, each checked to be a JSON object on its own line.
pub fn records(out: &Output) -> Vec<Map<String, Value>> {
    String::from_utf8(out.stdout.clone())
        .expect("output is UTF-8")
        .lines()
        .map(
            |l| match serde_json::from_str(l).expect("each line is JSON") {
                Value::Object(m) => m,
                other => panic!("not an object: {other}"),
            },
        )
        .collect()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The `normalize.removed[].reason` values of a record, in order.
pub fn reasons(record: &Map<String, Value>) -> Vec<String> {
    record["normalize"]["removed"]
        .as_array()
        .expect("normalize.removed is an array")
        .iter()
        .map(|x| x["reason"].as_str().unwrap().to_string())
        .collect()
}
