//! Opening inputs: files or stdin, with gzip and zstd decoded transparently.
//!
//! Compression is recognised by the stream's magic bytes, not the file name,
//! so `zcat`-less pipelines (`cat shard.jsonl.zst | news-x`) work too.
//! Lines are read as raw bytes: UTF-8 is checked per record so one bad line is
//! a rejected record with a line number, not a fatal read error.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;

const BUF_SIZE: usize = 256 * 1024;
const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];

/// The name stdin gets in messages.
pub const STDIN_NAME: &str = "<stdin>";

/// One opened input: a display name and a buffered, decompressed byte stream.
pub struct Input {
    pub name: Arc<str>,
    reader: Box<dyn BufRead>,
    line_no: u64,
}

impl Input {
    /// Opens `path`, or stdin for `-`.
    pub fn open(path: &Path) -> io::Result<Input> {
        if path.as_os_str() == "-" {
            return Input::from_reader(STDIN_NAME, io::stdin().lock());
        }
        let file = File::open(path)?;
        Input::from_reader(&path.display().to_string(), file)
    }

    /// Wraps any reader, sniffing for gzip or zstd compression.
    pub fn from_reader<R: Read + 'static>(name: &str, mut reader: R) -> io::Result<Input> {
        let head = read_head(&mut reader, ZSTD_MAGIC.len())?;
        let stream = io::Cursor::new(head.clone()).chain(reader);
        let reader: Box<dyn BufRead> = if head.starts_with(GZIP_MAGIC) {
            Box::new(BufReader::with_capacity(
                BUF_SIZE,
                flate2::read::MultiGzDecoder::new(BufReader::with_capacity(BUF_SIZE, stream)),
            ))
        } else if head.starts_with(ZSTD_MAGIC) {
            Box::new(BufReader::with_capacity(
                BUF_SIZE,
                zstd::stream::read::Decoder::new(stream)?,
            ))
        } else {
            Box::new(BufReader::with_capacity(BUF_SIZE, stream))
        };
        Ok(Input {
            name: Arc::from(name),
            reader,
            line_no: 0,
        })
    }

    /// Reads the next line (with its line ending) into `buf`, which is cleared
    /// first. Returns the 1-based line number, or `None` at the end.
    pub fn read_line(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<u64>> {
        buf.clear();
        let n = self.reader.read_until(b'\n', buf)?;
        if n == 0 {
            return Ok(None);
        }
        self.line_no += 1;
        Ok(Some(self.line_no))
    }

    /// Reads everything that is left.
    pub fn read_to_end(&mut self, buf: &mut Vec<u8>) -> io::Result<usize> {
        self.reader.read_to_end(buf)
    }
}

/// Reads up to `n` bytes (fewer only at end of input), retrying short reads
/// so a pipe that delivers one byte at a time is still sniffed correctly.
fn read_head<R: Read>(reader: &mut R, n: usize) -> io::Result<Vec<u8>> {
    let mut head = vec![0u8; n];
    let mut filled = 0;
    while filled < n {
        match reader.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(got) => filled += got,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    head.truncate(filled);
    Ok(head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn lines(input: &mut Input) -> Vec<String> {
        let mut buf = Vec::new();
        let mut out = Vec::new();
        while input.read_line(&mut buf).unwrap().is_some() {
            out.push(String::from_utf8(buf.clone()).unwrap());
        }
        out
    }

    #[test]
    fn plain_input_keeps_line_endings() {
        let data = b"a\r\nb\nc".to_vec();
        let mut input = Input::from_reader("x", io::Cursor::new(data)).unwrap();
        assert_eq!(lines(&mut input), ["a\r\n", "b\n", "c"]);
    }

    #[test]
    fn gzip_is_decoded_including_concatenated_members() {
        let mut data = Vec::new();
        for part in ["one\n", "two\n"] {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            enc.write_all(part.as_bytes()).unwrap();
            data.extend(enc.finish().unwrap());
        }
        let mut input = Input::from_reader("x.gz", io::Cursor::new(data)).unwrap();
        assert_eq!(lines(&mut input), ["one\n", "two\n"]);
    }

    #[test]
    fn zstd_is_decoded() {
        let data = zstd::encode_all(&b"one\ntwo\n"[..], 3).unwrap();
        let mut input = Input::from_reader("x.zst", io::Cursor::new(data)).unwrap();
        assert_eq!(lines(&mut input), ["one\n", "two\n"]);
    }

    #[test]
    fn tiny_and_empty_inputs_are_not_mistaken_for_compressed() {
        let mut input = Input::from_reader("x", io::Cursor::new(b"\x1f".to_vec())).unwrap();
        assert_eq!(lines(&mut input).len(), 1);
        let mut input = Input::from_reader("x", io::Cursor::new(Vec::new())).unwrap();
        assert!(lines(&mut input).is_empty());
    }
}
