//! Test helpers shared by the news-tools crates (a dev-dependency only):
//! running a real binary with piped standard streams and reading its JSON
//! Lines output.

use std::io::Write;
use std::process::{Child, Command, Output, Stdio};
use std::thread::JoinHandle;

use serde_json::{Map, Value};

/// A binary under test, by path (`Bin(env!("CARGO_BIN_EXE_news-x"))`).
#[derive(Clone, Copy, Debug)]
pub struct Bin(pub &'static str);

impl Bin {
    /// Starts the binary with `args` and piped stdin, stdout and stderr.
    pub fn spawn(self, args: &[&str]) -> Child {
        Command::new(self.0)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("binary starts")
    }

    /// Runs the binary with `args`, feeding `stdin`, and waits for it.
    pub fn run(self, args: &[&str], stdin: &[u8]) -> Output {
        let mut child = self.spawn(args);
        let writer = feed(&mut child, stdin.to_vec());
        let out = child.wait_with_output().expect("binary runs");
        // The binary may stop reading early (a bad record under --on-error=fail).
        let _ = writer.join().expect("writer thread");
        out
    }
}

/// Feeds `data` to the child's stdin on a thread (so a large input cannot
/// deadlock against a full stdout pipe); the handle yields the write result.
pub fn feed(child: &mut Child, data: Vec<u8>) -> JoinHandle<std::io::Result<()>> {
    let mut stdin = child.stdin.take().expect("stdin is piped");
    std::thread::spawn(move || stdin.write_all(&data))
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

/// The child's stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
