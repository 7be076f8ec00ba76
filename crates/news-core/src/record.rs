//! The record: one JSON object of the stream, edited in place.
//!
//! A record keeps every field it arrived with, in order (serde_json's
//! `preserve_order`), so a stage that sets its own fields never disturbs the
//! ones it does not own. Parsing checks the two fields every stage relies on:
//! the text must be a string, and the id a string or number (a missing id is
//! minted from the text, see [`IdMinter`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::io;
use std::sync::Arc;

use serde_json::{Map, Value};

use crate::json;

/// Where a record came from, for error messages: input name and 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub input: Arc<str>,
    pub line: u64,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.input, self.line)
    }
}

/// Names of the fields that hold the text and the id (`--text-field`, `--id-field`).
#[derive(Clone, Debug)]
pub struct FieldNames {
    pub text: Arc<str>,
    pub id: Arc<str>,
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            text: Arc::from("text"),
            id: Arc::from("id"),
        }
    }
}

/// One record of the stream.
#[derive(Clone, Debug)]
pub struct Record {
    fields: Map<String, Value>,
    /// Fields a stage wrote as JSON text itself ([`Record::set_rendered`]):
    /// key and JSON. Each holds its place in `fields` with a null.
    /// (boxed: most records have none, and a record stays small to move)
    rendered: Option<Box<[(String, String)]>>,
    id: String,
    names: FieldNames,
    pub origin: Origin,
}

impl Record {
    /// Builds a record from an object whose text field is known to be a string.
    fn new(fields: Map<String, Value>, id: String, names: FieldNames, origin: Origin) -> Self {
        Record {
            fields,
            rendered: None,
            id,
            names,
            origin,
        }
    }

    /// The record's id as a string (a numeric id in its JSON spelling).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The article text.
    pub fn text(&self) -> &str {
        match field(&self.fields, &self.names.text) {
            Some(Value::String(s)) => s,
            _ => unreachable!("text field validated at parse time"),
        }
    }

    /// Replaces the article text (the field keeps its position).
    pub fn set_text(&mut self, text: String) {
        // (the name is shared, not copied: the key is allocated only when
        // the field is new)
        let key = Arc::clone(&self.names.text);
        self.set(&key, Value::String(text));
    }

    /// A field's value (none for a field set with [`Record::set_rendered`]:
    /// see [`Record::get_rendered`]).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self.get_rendered(key) {
            Some(_) => None,
            None => field(&self.fields, key),
        }
    }

    /// The JSON text of a field set with [`Record::set_rendered`].
    pub fn get_rendered(&self, key: &str) -> Option<&str> {
        self.rendered()
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, json)| json.as_str())
    }

    /// A field's value if it is a string.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        field(&self.fields, key).and_then(Value::as_str)
    }

    /// Sets a field the stage owns: replaced in place if present, appended otherwise.
    pub fn set(&mut self, key: &str, value: Value) {
        self.forget_rendered(key);
        self.place(key, value);
    }

    /// Puts `value` in the field's place: replaced in place if present,
    /// appended otherwise.
    fn place(&mut self, key: &str, value: Value) {
        match field_mut(&mut self.fields, key) {
            Some(old) => *old = value,
            None => {
                self.fields.insert(key.to_string(), value);
            }
        }
    }

    /// Sets a field the stage owns, as [`Record::set`] does, to a value the
    /// stage has already written as compact JSON (with serde_json). It is
    /// written out as given: a stage with a large field of its own saves
    /// building a [`Value`] only to serialize it. `json` must be one valid
    /// JSON value (checked in debug builds).
    pub fn set_rendered(&mut self, key: &str, json: String) {
        debug_assert!(
            serde_json::from_str::<Value>(&json).is_ok(),
            "not one JSON value: {json}"
        );
        self.place(key, Value::Null);
        let mut rendered = self.rendered.take().map_or_else(Vec::new, Vec::from);
        match rendered.iter_mut().find(|(k, _)| k == key) {
            Some((_, old)) => *old = json,
            None => rendered.push((key.to_string(), json)),
        }
        self.rendered = Some(rendered.into_boxed_slice());
    }

    fn rendered(&self) -> &[(String, String)] {
        self.rendered.as_deref().unwrap_or_default()
    }

    fn forget_rendered(&mut self, key: &str) {
        if let Some(rendered) = self.rendered.take() {
            let kept: Vec<_> = Vec::from(rendered)
                .into_iter()
                .filter(|(k, _)| k != key)
                .collect();
            self.rendered = (!kept.is_empty()).then(|| kept.into_boxed_slice());
        }
    }

    /// Removes a field, keeping the order of the others.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let rendered = self.get_rendered(key).map(parse_rendered);
        self.forget_rendered(key);
        let removed = self.fields.shift_remove(key);
        rendered.or(removed)
    }

    /// All fields, in order, as values (a field set with
    /// [`Record::set_rendered`] is parsed back: this is the slow path; write
    /// records with [`Record::write_json`]).
    pub fn fields(&self) -> Cow<'_, Map<String, Value>> {
        if self.rendered.is_none() {
            return Cow::Borrowed(&self.fields);
        }
        let mut fields = self.fields.clone();
        for (key, json) in self.rendered() {
            fields[key] = parse_rendered(json);
        }
        Cow::Owned(fields)
    }

    /// Writes the record as one line of compact JSON, without the line end:
    /// the bytes serde_json writes for [`Record::fields`] (written by
    /// [`crate::json`], which escapes strings faster).
    pub fn write_json<W: io::Write + ?Sized>(&self, w: &mut W) -> io::Result<()> {
        json::write_object_with(w, &self.fields, |w, key, value| {
            match self.get_rendered(key) {
                Some(json) => w.write_all(json.as_bytes()),
                None => json::write_value(w, value),
            }
        })
    }

    /// The field names in use.
    pub fn names(&self) -> &FieldNames {
        &self.names
    }

    /// Consumes the record, returning its fields.
    pub fn into_fields(self) -> Map<String, Value> {
        if self.rendered.is_none() {
            self.fields
        } else {
            self.fields().into_owned()
        }
    }
}

/// Records have a handful of fields, where comparing keys one by one is
/// cheaper than hashing the key (serde_json's map hashes with SipHash);
/// larger objects are looked up by hash.
const SCAN_FIELDS: usize = 16;

/// A field's value, looked up as [`SCAN_FIELDS`] says.
fn field<'a>(fields: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    if fields.len() <= SCAN_FIELDS {
        fields.iter().find_map(|(k, v)| (k == key).then_some(v))
    } else {
        fields.get(key)
    }
}

/// [`field`], to change the value in place.
fn field_mut<'a>(fields: &'a mut Map<String, Value>, key: &str) -> Option<&'a mut Value> {
    if fields.len() <= SCAN_FIELDS {
        fields.iter_mut().find_map(|(k, v)| (k == key).then_some(v))
    } else {
        fields.get_mut(key)
    }
}

/// A rendered field's value ([`Record::set_rendered`] takes valid JSON only).
fn parse_rendered(json: &str) -> Value {
    serde_json::from_str(json).expect("rendered fields are valid JSON")
}

/// Gives records without an id a stable one.
///
/// The id is `t` followed by 16 lowercase hex digits of the XXH3-64 hash (seed
/// 0) of the record's text as it arrived. The same text gets the same id on
/// every run and machine, independent of the record's position. A text seen
/// again in the same run gets `-2`, `-3`, ... appended, so ids stay unique.
#[derive(Default)]
pub struct IdMinter {
    seen: HashMap<u64, u32>,
}

/// The hash a minted id is made from (pure: workers compute it in parallel).
pub fn text_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

impl IdMinter {
    /// The id for a record with this text.
    pub fn mint(&mut self, text: &str) -> String {
        self.assign(text_hash(text))
    }

    /// The id for a record whose text has this [`text_hash`] (call in input order).
    pub fn assign(&mut self, hash: u64) -> String {
        let count = self.seen.entry(hash).or_insert(0);
        *count += 1;
        if *count == 1 {
            format!("t{hash:016x}")
        } else {
            format!("t{hash:016x}-{count}")
        }
    }
}

/// What reading one input line gave.
pub enum Parsed {
    /// A good record.
    Record(Record),
    /// A blank line (skipped, not an error).
    Blank,
}

/// Parses one line (without its line ending) into a record, or says what is wrong with it.
pub fn parse_line(
    line: &[u8],
    names: &FieldNames,
    origin: Origin,
    minter: &mut IdMinter,
) -> Result<Parsed, String> {
    match parse_object(line)? {
        None => Ok(Parsed::Blank),
        Some(fields) => from_object(fields, names, origin, minter).map(Parsed::Record),
    }
}

/// Parses one line into a JSON object, or says what is wrong with it.
/// `Ok(None)` is a blank line.
pub fn parse_object(line: &[u8]) -> Result<Option<Map<String, Value>>, String> {
    if line.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let line = std::str::from_utf8(line)
        .map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to() + 1))?;
    let value: Value = serde_json::from_str(line).map_err(|e| format!("invalid JSON: {e}"))?;
    match value {
        Value::Object(fields) => Ok(Some(fields)),
        other => Err(format!("not a JSON object (found {})", kind_of(&other))),
    }
}

/// A record whose id, if it had none, is still to be assigned in input order
/// (see [`IdMinter::assign`]); used by the parallel driver.
pub struct Pending {
    pub record: Record,
    /// `Some(hash)` when the record had no id.
    pub missing_id: Option<u64>,
}

impl Pending {
    /// Validates an object as a record without minting an id yet.
    pub fn from_object(
        fields: Map<String, Value>,
        names: &FieldNames,
        origin: Origin,
    ) -> Result<Pending, String> {
        check_text(&fields, names)?;
        let id_key = &*names.id;
        let (id, missing_id) = match field(&fields, id_key) {
            Some(Value::String(s)) => (s.clone(), None),
            Some(Value::Number(n)) => (n.to_string(), None),
            None | Some(Value::Null) => {
                let text = fields[&*names.text].as_str().unwrap_or_default();
                (String::new(), Some(text_hash(text)))
            }
            Some(other) => return Err(bad_id(id_key, other)),
        };
        Ok(Pending {
            record: Record::new(fields, id, names.clone(), origin),
            missing_id,
        })
    }

    /// Gives the record its minted id (when it had none) and returns it.
    pub fn finish(self, minter: &mut IdMinter) -> Record {
        let mut record = self.record;
        if let Some(hash) = self.missing_id {
            let id = minter.assign(hash);
            set_minted_id(&mut record.fields, &record.names.id, &id);
            record.id = id;
        }
        record
    }
}

fn check_text(fields: &Map<String, Value>, names: &FieldNames) -> Result<(), String> {
    let text_key = &*names.text;
    match field(fields, text_key) {
        Some(Value::String(_)) => Ok(()),
        Some(other) => Err(format!(
            "\"{text_key}\" is not a string (found {})",
            kind_of(other)
        )),
        None => Err(format!("\"{text_key}\" is missing")),
    }
}

fn bad_id(id_key: &str, value: &Value) -> String {
    format!(
        "\"{id_key}\" is not a string or number (found {})",
        kind_of(value)
    )
}

/// Puts a minted id in place of a null id, or first when there was none.
fn set_minted_id(fields: &mut Map<String, Value>, id_key: &str, id: &str) {
    if fields.contains_key(id_key) {
        fields.insert(id_key.to_string(), Value::String(id.to_string()));
    } else {
        fields.shift_insert(0, id_key.to_string(), Value::String(id.to_string()));
    }
}

/// Validates an object as a record: text must be a string, id a string or number.
pub fn from_object(
    fields: Map<String, Value>,
    names: &FieldNames,
    origin: Origin,
    minter: &mut IdMinter,
) -> Result<Record, String> {
    Pending::from_object(fields, names, origin).map(|p| p.finish(minter))
}

/// A JSON value's kind, for error messages.
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin {
        Origin {
            input: Arc::from("t.jsonl"),
            line: 1,
        }
    }

    fn parse(line: &str) -> Result<Record, String> {
        match parse_line(
            line.as_bytes(),
            &FieldNames::default(),
            origin(),
            &mut IdMinter::default(),
        )? {
            Parsed::Record(r) => Ok(r),
            Parsed::Blank => Err("blank".into()),
        }
    }

    #[test]
    fn keeps_fields_in_order() {
        let r = parse(r#"{"z":1,"id":"a","text":"x","b":[1,2]}"#).unwrap();
        let keys: Vec<_> = r.fields().keys().cloned().collect();
        assert_eq!(keys, ["z", "id", "text", "b"]);
        assert_eq!(r.id(), "a");
    }

    #[test]
    fn reports_each_kind_of_bad_record() {
        assert_eq!(
            parse("[1]").unwrap_err(),
            "not a JSON object (found an array)"
        );
        assert_eq!(parse(r#"{"id":"a"}"#).unwrap_err(), "\"text\" is missing");
        assert_eq!(
            parse(r#"{"text":5}"#).unwrap_err(),
            "\"text\" is not a string (found a number)"
        );
        assert!(parse("{nope").unwrap_err().starts_with("invalid JSON"));
        let bad = parse_line(
            b"{\"text\":\"\xff\"}",
            &FieldNames::default(),
            origin(),
            &mut IdMinter::default(),
        );
        assert_eq!(bad.err().unwrap(), "invalid UTF-8 at byte 10");
    }

    #[test]
    fn minted_ids_are_stable_and_unique() {
        let mut minter = IdMinter::default();
        let a = minter.mint("same text");
        let b = minter.mint("same text");
        assert_eq!(a.len(), 17);
        assert_eq!(b, format!("{a}-2"));
        assert_eq!(IdMinter::default().mint("same text"), a);
        let r = parse(r#"{"text":"hello"}"#).unwrap();
        assert_eq!(r.fields().keys().next().unwrap(), "id");
    }

    #[test]
    fn rendered_fields_write_as_serde_json_writes_their_values() {
        let mut r = parse(r#"{"id":"a","n":{"old":1},"text":"x","z":"\u00e9\n"}"#).unwrap();
        let n = r#"{"k":[1,"two",null],"s":"q\"uote"}"#;
        r.set_rendered("n", n.to_string());
        r.set_rendered("m", "true".to_string());
        let mut expected = r.fields.clone();
        expected["n"] = serde_json::from_str(n).unwrap();
        expected["m"] = Value::Bool(true);
        let mut written = Vec::new();
        r.write_json(&mut written).unwrap();
        assert_eq!(written, serde_json::to_vec(&expected).unwrap());
        // the field keeps its place and reads back only as JSON text
        assert_eq!(*r.fields(), expected);
        assert_eq!(r.get("n"), None);
        assert_eq!(r.get_rendered("n"), Some(n));
        // setting a value replaces the rendered one
        r.set("m", Value::from(2));
        assert_eq!(r.get("m"), Some(&Value::from(2)));
        assert_eq!(r.get_rendered("m"), None);
        assert_eq!(r.remove("n"), Some(expected["n"].clone()));
        let keys: Vec<_> = r.into_fields().keys().cloned().collect();
        assert_eq!(keys, ["id", "text", "z", "m"]);
    }

    #[test]
    fn fields_are_found_and_replaced_in_place_in_small_and_large_records() {
        for extra in [2, SCAN_FIELDS + 5] {
            let mut fields: Vec<String> = (0..extra).map(|i| format!(r#""f{i}":{i}"#)).collect();
            fields.insert(extra / 2, r#""text":"x""#.to_string());
            fields.insert(0, r#""id":"a""#.to_string());
            let mut r = parse(&format!("{{{}}}", fields.join(","))).unwrap();
            assert_eq!(r.text(), "x");
            assert_eq!(r.get("f1"), Some(&Value::from(1)));
            r.set("f1", Value::from("one"));
            r.set_text("y".into());
            r.set_rendered("f0", "[0]".into());
            r.set("new", Value::Null);
            let keys: Vec<_> = r.fields().keys().cloned().collect();
            let mut expected: Vec<String> = (0..extra).map(|i| format!("f{i}")).collect();
            expected.insert(extra / 2, "text".into());
            expected.insert(0, "id".into());
            expected.push("new".into());
            assert_eq!(keys, expected);
            assert_eq!(r.get_str("f1"), Some("one"));
            assert_eq!(r.text(), "y");
            assert_eq!(r.get_rendered("f0"), Some("[0]"));
        }
    }

    #[test]
    fn numeric_ids_pass_through_as_written() {
        let r = parse(r#"{"id":12345678901234567890123,"text":"x"}"#).unwrap();
        assert_eq!(r.id(), "12345678901234567890123");
    }
}
