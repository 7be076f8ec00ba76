//! Writing JSON values as compact text, byte for byte as serde_json writes
//! them, with a faster string escaper.
//!
//! serde_json escapes a string one byte at a time. Article text is long and
//! needs an escape only every few hundred bytes (a quote, a line break), so
//! [`write_str`] looks for the next byte to escape sixteen bytes at a time
//! and copies the runs between escapes whole. Every stage writes each record's
//! text, so this is a large share of a filter's fixed cost.

use std::io::{self, Write};

use serde_json::{Map, Value};

use crate::swar::{each, HIGH_BITS};

/// What serde_json writes for each byte that needs an escape (0 for none):
/// a short escape letter, or `u` for `\u00XX`.
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b'u';
        b += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// Marks (with the byte's high bit) the bytes of `x` that need an escape:
/// below 0x20, `"` or `\`. Marks after the first one may be spurious (a
/// borrow runs on), so only the lowest mark is to be trusted.
#[inline]
fn escape_marks(x: u64) -> u64 {
    // (cheaper than the exact tests of `swar`, which every byte's answer needs)
    let control = x.wrapping_sub(each(0x20)) & !x;
    let zero = |y: u64| y.wrapping_sub(each(1)) & !y;
    let (quote, backslash) = (x ^ each(b'"'), x ^ each(b'\\'));
    (control | zero(quote) | zero(backslash)) & HIGH_BITS
}

/// The index of the first byte at or after `i` that needs an escape, or
/// `bytes.len()`.
#[inline]
fn next_escape(bytes: &[u8], mut i: usize) -> usize {
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
    // sixteen bytes a round while there are, then byte by byte
    while i + 16 <= bytes.len() {
        let (low, high) = (escape_marks(word(i)), escape_marks(word(i + 8)));
        if low | high != 0 {
            let (at, marks) = if low != 0 { (i, low) } else { (i + 8, high) };
            return at + (marks.trailing_zeros() / 8) as usize;
        }
        i += 16;
    }
    while i < bytes.len() && ESCAPE[usize::from(bytes[i])] == 0 {
        i += 1;
    }
    i
}

/// Writes `s` as a JSON string: the bytes `serde_json::to_writer(w, s)` writes.
pub fn write_str<W: Write + ?Sized>(w: &mut W, s: &str) -> io::Result<()> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = s.as_bytes();
    w.write_all(b"\"")?;
    let mut start = 0;
    loop {
        let i = next_escape(bytes, start);
        if i > start {
            w.write_all(&bytes[start..i])?;
        }
        let Some(&b) = bytes.get(i) else { break };
        match ESCAPE[usize::from(b)] {
            b'u' => w.write_all(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ])?,
            letter => w.write_all(&[b'\\', letter])?,
        }
        start = i + 1;
    }
    w.write_all(b"\"")
}

/// Writes a value as compact JSON: the bytes `serde_json::to_writer(w, value)` writes.
pub fn write_value<W: Write + ?Sized>(w: &mut W, value: &Value) -> io::Result<()> {
    match value {
        Value::Null => w.write_all(b"null"),
        Value::Bool(true) => w.write_all(b"true"),
        Value::Bool(false) => w.write_all(b"false"),
        Value::Number(n) => serde_json::to_writer(&mut *w, n).map_err(io::Error::from),
        Value::String(s) => write_str(w, s),
        Value::Array(items) => {
            w.write_all(b"[")?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    w.write_all(b",")?;
                }
                write_value(w, item)?;
            }
            w.write_all(b"]")
        }
        Value::Object(fields) => write_object(w, fields),
    }
}

/// Writes an object as compact JSON, fields in order.
pub fn write_object<W: Write + ?Sized>(w: &mut W, fields: &Map<String, Value>) -> io::Result<()> {
    write_object_with(w, fields.iter(), write_value)
}

/// Writes an object as compact JSON: each member's key, and its value
/// written by `value` (given the writer and the member's value).
pub fn write_object_with<'k, W: Write + ?Sized, K: AsRef<str> + 'k, T>(
    w: &mut W,
    members: impl IntoIterator<Item = (&'k K, T)>,
    mut value: impl FnMut(&mut W, T) -> io::Result<()>,
) -> io::Result<()> {
    w.write_all(b"{")?;
    for (i, (key, v)) in members.into_iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        write_str(w, key.as_ref())?;
        w.write_all(b":")?;
        value(w, v)?;
    }
    w.write_all(b"}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ours(s: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, s).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_ascii_character_is_escaped_as_serde_json_escapes_it() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            // in every position of the first two rounds of sixteen bytes,
            // and last (found by the byte-by-byte tail)
            for pad in 0..34 {
                for tail in ["", "éééééééééé"] {
                    let s = format!("{}{c}{tail}", "a".repeat(pad));
                    assert_eq!(ours(&s), serde_json::to_string(&s).unwrap(), "{s:?}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn strings_with_many_escapes_match_serde_json(
            // plain, escaped and non-ASCII characters (â and U+0710 hold the
            // bytes 0xA2 and 0xDC: `"` and `\` with the high bit)
            chars in proptest::collection::vec(
                proptest::sample::select(
                    "ab \"\\\n\r\t\u{1}\u{1f}\u{7f}é’—😀/â\u{710}".chars().collect::<Vec<_>>(),
                ),
                0..200,
            )
        ) {
            let s: String = chars.into_iter().collect();
            proptest::prop_assert_eq!(ours(&s), serde_json::to_string(&s).unwrap());
        }
    }

    #[test]
    fn values_are_written_as_serde_json_writes_them() {
        let value: Value = serde_json::from_str(
            r#"{"id":12345678901234567890123,"f":-1.5e-7,"t":true,"n":null,
                "a":[1,"x\"y",[],{},{"k":"\u0007"}],"o":{"é":"\\"},"e":""}"#,
        )
        .unwrap();
        let mut out = Vec::new();
        write_value(&mut out, &value).unwrap();
        assert_eq!(out, serde_json::to_vec(&value).unwrap());
        for float in [0.1, 1e300, -0.0, 2.5] {
            let mut out = Vec::new();
            write_value(&mut out, &Value::from(float)).unwrap();
            assert_eq!(out, serde_json::to_vec(&Value::from(float)).unwrap());
        }
    }
}
