//! Deterministic near-duplicate signatures for news articles.
//!
//! [`fingerprint`] turns a text into a [`Fingerprint`]: an exact hash of its
//! normalized tokens, a MinHash signature of its word shingles with LSH band
//! keys, a SimHash, and winnowing anchors for containment. [`Fingerprint::
//! to_json`] and [`Fingerprint::from_json`] are the record format
//! (docs/FORMAT.md, the `fingerprint` field); news-group reads fingerprints
//! back with them and compares them with the functions of [`sketch`].
//!
//! [`FingerprintStage`] is what the `news-fingerprint` binary runs.

pub mod cli;
pub mod sketch;
pub mod tokens;

use std::sync::atomic::{AtomicU64, Ordering};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;

use news_core::{Record, RecordStage};
use serde_json::{json, Map, Value};
use xxhash_rust::xxh3::xxh3_128;

pub use tokens::{tokens, TokenSink, Tokenizer};

/// Version of the fingerprint format: bumped whenever a hash, a seed or the
/// tokenization changes, so fingerprints of different versions are never
/// compared.
pub const FORMAT_VERSION: u64 = 1;

/// How fingerprints are made. Two fingerprints are comparable only when
/// their parameters are equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    /// Tokens per shingle (k).
    pub shingle: usize,
    /// MinHash signature length.
    pub perms: usize,
    /// LSH bands (b) and rows per band (r), b * r <= perms.
    pub bands: usize,
    pub rows: usize,
    /// Winnowing window, in shingles.
    pub window: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params::for_threshold(5, 128, 0.5, 20)
    }
}

impl Params {
    /// Parameters whose bands are chosen for a Jaccard `threshold`.
    pub fn for_threshold(shingle: usize, perms: usize, threshold: f64, window: usize) -> Self {
        let (bands, rows) = sketch::optimal_bands(threshold, perms);
        Params {
            shingle,
            perms,
            bands,
            rows,
            window,
        }
    }

    /// Checks the parameters make sense.
    pub fn validate(&self) -> Result<(), String> {
        if self.shingle == 0 || self.perms == 0 || self.window == 0 {
            return Err("shingle size, signature length and window must be at least 1".into());
        }
        if self.bands == 0 || self.rows == 0 || self.bands * self.rows > self.perms {
            return Err(format!(
                "{} bands of {} rows need {} signature values, but there are {}",
                self.bands,
                self.rows,
                self.bands * self.rows,
                self.perms
            ));
        }
        Ok(())
    }

    pub fn to_json(&self) -> Value {
        json!({
            "version": FORMAT_VERSION,
            "shingle": self.shingle,
            "perms": self.perms,
            "bands": self.bands,
            "rows": self.rows,
            "window": self.window,
        })
    }

    pub fn from_json(v: &Value) -> Result<Self, String> {
        let get = |k: &str| {
            v.get(k)
                .and_then(Value::as_u64)
                .ok_or_else(|| format!("fingerprint.params.{k} is missing or not a number"))
        };
        let version = get("version")?;
        if version != FORMAT_VERSION {
            return Err(format!(
                "fingerprint format version {version}, this build reads version {FORMAT_VERSION}"
            ));
        }
        let p = Params {
            shingle: get("shingle")? as usize,
            perms: get("perms")? as usize,
            bands: get("bands")? as usize,
            rows: get("rows")? as usize,
            window: get("window")? as usize,
        };
        p.validate()?;
        Ok(p)
    }
}

/// Everything news-group needs to find copies of a text without the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    /// XXH3-128 of the token hashes (8-byte little-endian each, in order).
    pub hash: u128,
    /// Number of normalized tokens.
    pub tokens: usize,
    /// One-permutation MinHash of the word shingles.
    pub minhash: Vec<u32>,
    /// LSH band keys of `minhash`.
    pub bands: Vec<u64>,
    /// SimHash of the word shingles.
    pub simhash: u64,
    /// Winnowing anchors, in text order, each once.
    pub anchors: Vec<u32>,
}

/// Reusable buffers for [`fingerprint_with`].
#[derive(Debug, Default)]
pub struct Scratch {
    tokenizer: Tokenizer,
    token_hashes: TokenHashes,
    bytes: Vec<u8>,
    shingles: Vec<u64>,
}

/// Token hashes, as the tokenizer hands tokens out.
#[derive(Debug, Default)]
struct TokenHashes(Vec<u64>);

impl TokenSink for TokenHashes {
    fn push(&mut self, token: &str) {
        self.0.push(sketch::token_hash(token));
    }
    fn pop(&mut self) {
        self.0.pop();
    }
}

/// Fingerprints a text.
pub fn fingerprint(text: &str, params: &Params) -> Fingerprint {
    fingerprint_with(text, params, &mut Scratch::default())
}

/// Fingerprints a text, reusing `scratch`'s buffers.
pub fn fingerprint_with(text: &str, params: &Params, scratch: &mut Scratch) -> Fingerprint {
    let hashes = &mut scratch.token_hashes;
    hashes.0.clear();
    scratch.tokenizer.run(text, hashes);
    sketch::shingles(&hashes.0, params.shingle, &mut scratch.shingles);
    scratch.bytes.clear();
    for h in &hashes.0 {
        scratch.bytes.extend_from_slice(&h.to_le_bytes());
    }
    let mut minhash = Vec::with_capacity(params.perms);
    sketch::minhash(&scratch.shingles, params.perms, &mut minhash);
    let bands = if scratch.shingles.is_empty() {
        Vec::new() // no text: exact hash only, not one huge LSH bucket
    } else {
        sketch::band_keys(&minhash, params.bands, params.rows)
    };
    Fingerprint {
        hash: xxh3_128(&scratch.bytes),
        tokens: hashes.0.len(),
        bands,
        simhash: sketch::simhash(&scratch.shingles),
        anchors: sketch::anchors(&scratch.shingles, params.window),
        minhash,
    }
}

fn hex(v: u128, digits: usize) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut buf = [0u8; 32];
    for (i, d) in buf[..digits].iter_mut().rev().enumerate() {
        *d = DIGITS[((v >> (4 * i)) & 0xf) as usize];
    }
    String::from_utf8_lossy(&buf[..digits]).into_owned()
}

fn hex64(v: u64) -> Value {
    Value::String(hex(v as u128, 16))
}

fn parse_hex64(v: &Value, what: &str) -> Result<u64, String> {
    v.as_str()
        .filter(|s| s.len() == 16)
        .and_then(|s| u64::from_str_radix(s, 16).ok())
        .ok_or_else(|| format!("fingerprint.{what} is not a 16-digit hex string"))
}

/// 32-bit values as base64 (standard alphabet, padded) of their 4-byte
/// little-endian forms: a third of the size of a JSON number list.
pub fn encode_u32s(values: &[u32]) -> String {
    let mut bytes = Vec::with_capacity(values.len() * 4);
    for v in values {
        bytes.extend_from_slice(&v.to_le_bytes());
    }
    BASE64.encode(bytes)
}

/// The inverse of [`encode_u32s`].
pub fn decode_u32s(s: &str) -> Option<Vec<u32>> {
    let bytes = BASE64.decode(s).ok()?;
    if bytes.len() % 4 != 0 {
        return None;
    }
    Some(
        bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    )
}

fn u32_field(v: Option<&Value>, what: &str) -> Result<Vec<u32>, String> {
    v.and_then(Value::as_str)
        .and_then(decode_u32s)
        .ok_or_else(|| format!("fingerprint.{what} is not base64 of 32-bit little-endian values"))
}

impl Fingerprint {
    /// The `fingerprint` field: 64- and 128-bit values as hex strings (exact
    /// in every JSON reader), the signature and the anchors as base64.
    pub fn to_json(&self, params: &Params) -> Value {
        self.to_json_with(params.to_json())
    }

    /// [`Fingerprint::to_json`] with the `params` object already built.
    pub fn to_json_with(&self, params: Value) -> Value {
        let mut m = Map::new();
        m.insert("hash".into(), Value::String(hex(self.hash, 32)));
        m.insert("tokens".into(), Value::from(self.tokens as u64));
        m.insert("minhash".into(), Value::String(encode_u32s(&self.minhash)));
        m.insert(
            "bands".into(),
            Value::Array(self.bands.iter().map(|&v| hex64(v)).collect()),
        );
        m.insert("simhash".into(), hex64(self.simhash));
        m.insert("anchors".into(), Value::String(encode_u32s(&self.anchors)));
        m.insert("params".into(), params);
        Value::Object(m)
    }

    /// Reads a `fingerprint` field back, with its parameters.
    pub fn from_json(v: &Value) -> Result<(Fingerprint, Params), String> {
        if !v.is_object() {
            return Err("fingerprint is not an object".into());
        }
        let params = Params::from_json(v.get("params").ok_or("fingerprint.params is missing")?)?;
        let hash = v
            .get("hash")
            .and_then(Value::as_str)
            .filter(|s| s.len() == 32)
            .and_then(|s| u128::from_str_radix(s, 16).ok())
            .ok_or("fingerprint.hash is not a 32-digit hex string")?;
        let tokens = v
            .get("tokens")
            .and_then(Value::as_u64)
            .ok_or("fingerprint.tokens is missing or not a number")? as usize;
        let minhash = u32_field(v.get("minhash"), "minhash")?;
        if minhash.len() != params.perms {
            return Err(format!(
                "fingerprint.minhash has {} values, params say {}",
                minhash.len(),
                params.perms
            ));
        }
        let bands = v
            .get("bands")
            .and_then(Value::as_array)
            .ok_or("fingerprint.bands is not a list")?
            .iter()
            .map(|b| parse_hex64(b, "bands"))
            .collect::<Result<Vec<_>, _>>()?;
        let simhash = parse_hex64(
            v.get("simhash").ok_or("fingerprint.simhash is missing")?,
            "simhash",
        )?;
        let anchors = u32_field(v.get("anchors"), "anchors")?;
        Ok((
            Fingerprint {
                hash,
                tokens,
                minhash,
                bands,
                simhash,
                anchors,
            },
            params,
        ))
    }
}

/// The `news-fingerprint` stage: sets `fingerprint` on every record.
pub struct FingerprintStage {
    params: Params,
    params_json: Value,
    tokens: AtomicU64,
    empty: AtomicU64,
}

impl FingerprintStage {
    pub fn new(params: Params) -> Self {
        FingerprintStage {
            params,
            params_json: params.to_json(),
            tokens: AtomicU64::new(0),
            empty: AtomicU64::new(0),
        }
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

impl RecordStage for FingerprintStage {
    fn apply(&self, record: &mut Record) -> Result<(), String> {
        let fp =
            SCRATCH.with(|s| fingerprint_with(record.text(), &self.params, &mut s.borrow_mut()));
        self.tokens.fetch_add(fp.tokens as u64, Ordering::Relaxed);
        if fp.tokens == 0 {
            self.empty.fetch_add(1, Ordering::Relaxed);
        }
        record.set("fingerprint", fp.to_json_with(self.params_json.clone()));
        Ok(())
    }

    fn stats(&self) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert(
            "tokens".into(),
            Value::from(self.tokens.load(Ordering::Relaxed)),
        );
        m.insert(
            "empty_texts".into(),
            Value::from(self.empty.load(Ordering::Relaxed)),
        );
        m
    }
}
