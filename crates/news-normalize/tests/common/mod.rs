//! Running the real `news-normalize` binary from tests.
#![allow(dead_code, unused_imports)] // each test file uses a different subset

use std::process::{Child, Output};

use serde_json::{Map, Value};

pub use news_test::{feed, records, stderr};

pub const BIN: &str = env!("CARGO_BIN_EXE_news-normalize");

/// Starts the binary with `args` and piped stdin, stdout and stderr.
pub fn spawn(args: &[&str]) -> Child {
    news_test::Bin(BIN).spawn(args)
}

/// Runs the binary with `args`, feeding `stdin`, and waits for it.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    news_test::Bin(BIN).run(args, stdin)
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
