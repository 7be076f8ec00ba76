//! The record: one JSON object of the stream, edited in place.
//!
//! A record keeps every field it arrived with, in order (a list of keys and
//! values, parsed by serde_json), so a stage that sets its own fields never
//! disturbs the ones it does not own. Parsing checks the two fields every stage relies on:
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
    fields: Fields,
    id: String,
    names: FieldNames,
    pub origin: Origin,
}

/// A record's fields, in order.
#[derive(Clone, Debug)]
enum Fields {
    /// Key and value of each field. A record has a handful of fields, where
    /// finding a key by comparing it with each is cheaper than the hashed
    /// map serde_json builds for an object (a hash of every key, a table
    /// allocated and freed for every record).
    List(Vec<(Key, Field)>),
    /// serde_json's own map, as `serde_json::from_str::<Value>` makes it
    /// ([`Layout::SerdeJsonMap`]). It turns into a list when a field is set.
    Map(Map<String, Value>),
}

/// A field's name: the names records of news corpora and the stages use
/// are not allocated for every record ([`common_key`]).
type Key = Cow<'static, str>;

/// The field names that [`common_key`] gives without allocating: the record
/// contract's and the stages' own, and other common ones of news corpora.
const COMMON_KEYS: &[&str] = &[
    "id",
    "text",
    "title",
    "source",
    "url",
    "published",
    "metadata",
    "normalize",
    "sentences",
    "entities",
    "fingerprint",
    "group",
    "date",
    "lang",
    "language",
    "author",
    "authors",
    "domain",
    "timestamp",
];

/// The key of a field named `name`, when the name is one of [`COMMON_KEYS`].
fn common_key(name: &str) -> Option<Key> {
    COMMON_KEYS
        .iter()
        .find(|&&common| common == name)
        .map(|&common| Cow::Borrowed(common))
}

/// A field's value.
#[derive(Clone, Debug)]
enum Field {
    Value(Value),
    /// A value a stage wrote as JSON text itself ([`Record::set_rendered`]).
    Rendered(String),
}

impl Field {
    /// The value (a rendered one parsed back).
    fn into_value(self) -> Value {
        match self {
            Field::Value(value) => value,
            Field::Rendered(json) => parse_rendered(&json),
        }
    }
}

/// How records are parsed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// Into news-core's list of fields (what the stages use).
    #[default]
    Fields,
    /// Into serde_json's map, exactly as `serde_json::from_str::<Value>`
    /// parses an object: the plain serde_json round trip that the
    /// passthrough benchmark measures as the floor of any filter.
    SerdeJsonMap,
}

impl Fields {
    fn entry(&self, key: &str) -> Option<FieldRef<'_>> {
        match self {
            Fields::List(list) => list.iter().find(|(k, _)| k == key).map(|(_, f)| match f {
                Field::Value(value) => FieldRef::Value(value),
                Field::Rendered(json) => FieldRef::Rendered(json),
            }),
            // (serde_json's map hashes the key: a record's few keys are
            // compared with it instead)
            Fields::Map(map) if map.len() <= SCAN_FIELDS => map
                .iter()
                .find_map(|(k, v)| (k == key).then_some(FieldRef::Value(v))),
            Fields::Map(map) => map.get(key).map(FieldRef::Value),
        }
    }

    /// A field's value (none for a rendered field).
    fn get(&self, key: &str) -> Option<&Value> {
        match self.entry(key)? {
            FieldRef::Value(value) => Some(value),
            FieldRef::Rendered(_) => None,
        }
    }
}

/// A field as found by [`Fields::entry`].
enum FieldRef<'a> {
    Value(&'a Value),
    Rendered(&'a str),
}

impl Record {
    /// The record's id as a string (a numeric id in its JSON spelling).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The article text.
    pub fn text(&self) -> &str {
        match self.entry(&self.names.text) {
            Some(FieldRef::Value(Value::String(s))) => s,
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
        self.fields.get(key)
    }

    /// The JSON text of a field set with [`Record::set_rendered`].
    pub fn get_rendered(&self, key: &str) -> Option<&str> {
        match self.entry(key)? {
            FieldRef::Rendered(json) => Some(json),
            FieldRef::Value(_) => None,
        }
    }

    /// A field's value if it is a string.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.get(key).and_then(Value::as_str)
    }

    fn entry(&self, key: &str) -> Option<FieldRef<'_>> {
        self.fields.entry(key)
    }

    /// Sets a field the stage owns: replaced in place if present, appended otherwise.
    pub fn set(&mut self, key: &str, value: Value) {
        self.place(key, Field::Value(value));
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
        self.place(key, Field::Rendered(json));
    }

    /// Puts `field` in the key's place: replaced in place if present,
    /// appended otherwise.
    fn place(&mut self, key: &str, field: Field) {
        let list = self.list_mut();
        match list.iter_mut().find(|(k, _)| k == key) {
            Some((_, old)) => *old = field,
            None => list.push((key_of(key), field)),
        }
    }

    /// The fields as a list (a map is turned into one).
    fn list_mut(&mut self) -> &mut Vec<(Key, Field)> {
        if let Fields::Map(map) = &mut self.fields {
            let list = std::mem::take(map)
                .into_iter()
                .map(|(k, v)| (Cow::Owned(k), Field::Value(v)))
                .collect();
            self.fields = Fields::List(list);
        }
        match &mut self.fields {
            Fields::List(list) => list,
            Fields::Map(_) => unreachable!("turned into a list above"),
        }
    }

    /// Removes a field, keeping the order of the others.
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let list = self.list_mut();
        let at = list.iter().position(|(k, _)| k == key)?;
        Some(list.remove(at).1.into_value())
    }

    /// All fields, in order, as values (made on each call from a record's
    /// list of fields, where a field set with [`Record::set_rendered`] is
    /// parsed back: this is the slow path; write records with
    /// [`Record::write_json`]).
    pub fn fields(&self) -> Cow<'_, Map<String, Value>> {
        match &self.fields {
            Fields::Map(map) => Cow::Borrowed(map),
            Fields::List(list) => Cow::Owned(
                list.iter()
                    .map(|(k, f)| (k.to_string(), f.clone().into_value()))
                    .collect(),
            ),
        }
    }

    /// Writes the record as one line of compact JSON, without the line end:
    /// the bytes serde_json writes for [`Record::fields`] (written by
    /// [`crate::json`], which escapes strings faster).
    pub fn write_json<W: io::Write + ?Sized>(&self, w: &mut W) -> io::Result<()> {
        match &self.fields {
            Fields::Map(map) => json::write_object(w, map),
            Fields::List(list) => {
                let members = list.iter().map(|(k, f)| (k, f));
                json::write_object_with(w, members, |w, field| match field {
                    Field::Value(value) => json::write_value(w, value),
                    Field::Rendered(json) => w.write_all(json.as_bytes()),
                })
            }
        }
    }

    /// The field names in use.
    pub fn names(&self) -> &FieldNames {
        &self.names
    }

    /// Consumes the record, returning its fields.
    pub fn into_fields(self) -> Map<String, Value> {
        match self.fields {
            Fields::Map(map) => map,
            Fields::List(list) => list
                .into_iter()
                .map(|(k, f)| (k.into_owned(), f.into_value()))
                .collect(),
        }
    }
}

/// Objects with more fields than this find a key by hash: a repeated key
/// while they are parsed, any key in serde_json's map (smaller ones compare
/// the key with each).
const SCAN_FIELDS: usize = 16;

/// An object's fields in order, parsed by serde_json as it parses an object
/// into a [`Value`] (a key given twice keeps its first place and its last
/// value), without serde_json's map.
struct FieldList(Vec<(Key, Field)>);

impl<'de> serde::Deserialize<'de> for FieldList {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FieldListVisitor)
    }
}

struct FieldListVisitor;

impl<'de> serde::de::Visitor<'de> for FieldListVisitor {
    type Value = FieldList;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut access: A) -> Result<FieldList, A::Error> {
        let mut list: Vec<(Key, Field)> = Vec::with_capacity(8);
        // (by key, for a large object)
        let mut index: Option<HashMap<Key, usize>> = None;
        while let Some(FieldKey(key)) = access.next_key()? {
            let value = Field::Value(access.next_value()?);
            let seen = match &index {
                Some(index) => index.get(&key).copied(),
                None => list.iter().position(|(k, _)| *k == key),
            };
            if let Some(at) = seen {
                list[at].1 = value;
                continue;
            }
            if let Some(index) = &mut index {
                index.insert(key.clone(), list.len());
            }
            list.push((key, value));
            if index.is_none() && list.len() > SCAN_FIELDS {
                index = Some(
                    list.iter()
                        .enumerate()
                        .map(|(at, (k, _))| (k.clone(), at))
                        .collect(),
                );
            }
        }
        Ok(FieldList(list))
    }
}

/// A field name as [`FieldListVisitor`] reads it: a [`Key`].
struct FieldKey(Key);

/// The key of a field named `name`: [`common_key`], or the name allocated.
fn key_of(name: &str) -> Key {
    common_key(name).unwrap_or_else(|| Cow::Owned(name.to_owned()))
}

impl<'de> serde::Deserialize<'de> for FieldKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(FieldKeyVisitor)
    }
}

struct FieldKeyVisitor;

impl serde::de::Visitor<'_> for FieldKeyVisitor {
    type Value = FieldKey;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a field name")
    }

    // (serde_json gives a key as a borrowed or scratch str, never owned)
    fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<FieldKey, E> {
        Ok(FieldKey(key_of(name)))
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
    layout: Layout,
    names: &FieldNames,
    origin: Origin,
    minter: &mut IdMinter,
) -> Result<Parsed, String> {
    match parse_fields(line, layout)? {
        None => Ok(Parsed::Blank),
        Some(fields) => {
            Pending::from_fields(fields, names, origin).map(|p| Parsed::Record(p.finish(minter)))
        }
    }
}

/// The fields of one line's JSON object (see [`parse_fields`]).
pub struct ParsedFields(Fields);

/// Parses one line into the fields of a JSON object, or says what is wrong
/// with it. `Ok(None)` is a blank line.
pub fn parse_fields(line: &[u8], layout: Layout) -> Result<Option<ParsedFields>, String> {
    let map = |map: Option<Map<String, Value>>| map.map(|map| ParsedFields(Fields::Map(map)));
    match layout {
        Layout::SerdeJsonMap => parse_object(line).map(map),
        Layout::Fields => {
            let first = line.iter().find(|b| !b.is_ascii_whitespace());
            if first == Some(&b'{') {
                let text = std::str::from_utf8(line).ok();
                if let Some(FieldList(list)) = text.and_then(|t| serde_json::from_str(t).ok()) {
                    return Ok(Some(ParsedFields(Fields::List(list))));
                }
            }
            // (a blank line, or what is wrong said as for a plain object)
            parse_object(line).map(map)
        }
    }
}

/// Parses one line into serde_json's map of a JSON object, as
/// `serde_json::from_str::<Value>` does, or says what is wrong with it.
/// `Ok(None)` is a blank line.
fn parse_object(line: &[u8]) -> Result<Option<Map<String, Value>>, String> {
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
        Pending::from_fields(ParsedFields(Fields::Map(fields)), names, origin)
    }

    /// Validates parsed fields as a record without minting an id yet.
    pub fn from_fields(
        fields: ParsedFields,
        names: &FieldNames,
        origin: Origin,
    ) -> Result<Pending, String> {
        let fields = fields.0;
        let text_key = &*names.text;
        let text = match fields.get(text_key) {
            Some(Value::String(text)) => text,
            Some(other) => {
                return Err(format!(
                    "\"{text_key}\" is not a string (found {})",
                    kind_of(other)
                ))
            }
            None => return Err(format!("\"{text_key}\" is missing")),
        };
        let id_key = &*names.id;
        let (id, missing_id) = match fields.get(id_key) {
            Some(Value::String(s)) => (s.clone(), None),
            Some(Value::Number(n)) => (n.to_string(), None),
            None | Some(Value::Null) => (String::new(), Some(text_hash(text))),
            Some(other) => return Err(bad_id(id_key, other)),
        };
        let record = Record {
            fields,
            id,
            names: names.clone(),
            origin,
        };
        Ok(Pending { record, missing_id })
    }

    /// Gives the record its minted id (when it had none) and returns it.
    pub fn finish(self, minter: &mut IdMinter) -> Record {
        let mut record = self.record;
        if let Some(hash) = self.missing_id {
            let id = minter.assign(hash);
            set_minted_id(&mut record, &id);
            record.id = id;
        }
        record
    }
}

fn bad_id(id_key: &str, value: &Value) -> String {
    format!(
        "\"{id_key}\" is not a string or number (found {})",
        kind_of(value)
    )
}

/// Puts a minted id in place of a null id, or first when there was none.
fn set_minted_id(record: &mut Record, id: &str) {
    let id_key = Arc::clone(&record.names.id);
    let value = Value::String(id.to_string());
    if record.entry(&id_key).is_some() {
        record.set(&id_key, value);
    } else {
        record
            .list_mut()
            .insert(0, (key_of(&id_key), Field::Value(value)));
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
        parse_as(line, Layout::Fields)
    }

    fn parse_as(line: &str, layout: Layout) -> Result<Record, String> {
        match parse_line(
            line.as_bytes(),
            layout,
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
            Layout::Fields,
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
        let mut expected = r.fields().into_owned();
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

    /// A JSON value: scalars (numbers as written, strings with escapes)
    /// and nested arrays and objects.
    fn json_value() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just("null".to_string()),
            Just("true".to_string()),
            proptest::sample::select(vec!["0", "-1.50", "1e5", "12345678901234567890123"])
                .prop_map(str::to_string),
            "[a-z\"\\\n é]{0,6}".prop_map(|s| serde_json::to_string(&s).unwrap()),
            Just(r#""\u00e9\/""#.to_string()),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4)
                    .prop_map(|items| format!("[{}]", items.join(", "))),
                proptest::collection::vec(("[ab]", inner), 0..4).prop_map(|fields| {
                    let fields: Vec<String> = fields
                        .iter()
                        .map(|(k, v)| format!("\"{k}\": {v}"))
                        .collect();
                    format!("{{{}}}", fields.join(","))
                }),
            ]
        })
    }

    /// A field name as written in JSON: an uncommon one or one of
    /// [`COMMON_KEYS`], maybe spelled with an escape.
    fn field_name() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            "k[a-x]",
            proptest::sample::select(vec!["title", "url", "group", r"t\u0069tle", r"gr\u006fup"])
                .prop_map(str::to_string),
        ]
    }

    proptest::proptest! {
        // Objects of up to 40 fields, from 24 keys and some common names
        // (kept without allocating), written plain or with an escape (so
        // larger ones repeat some), one of them the text: parsed into
        // news-core's list of fields, they read and write as serde_json's
        // own map does.
        #[test]
        fn field_lists_read_and_write_as_serde_json_maps_do(
            fields in proptest::collection::vec((field_name(), json_value()), 0..40),
            text_at in 0usize..40,
        ) {
            let mut members: Vec<String> =
                fields.iter().map(|(k, v)| format!("\"{k}\" : {v}")).collect();
            members.insert(text_at.min(members.len()), r#""text":"x""#.to_string());
            let line = format!(" {{{}}}", members.join(", "));
            let map: Value = serde_json::from_str(&line).unwrap();
            for layout in [Layout::Fields, Layout::SerdeJsonMap] {
                let r = parse_as(&line, layout).unwrap();
                let mut written = Vec::new();
                r.write_json(&mut written).unwrap();
                // (the minted id comes first)
                let mut expected = map.as_object().unwrap().clone();
                expected.shift_insert(0, "id".into(), Value::from(r.id()));
                proptest::prop_assert_eq!(&written, &serde_json::to_vec(&expected).unwrap());
                proptest::prop_assert_eq!(&*r.fields(), &expected);
                for (k, v) in &expected {
                    proptest::prop_assert_eq!(r.get(k), Some(v));
                }
            }
        }
    }

    #[test]
    fn common_field_names_are_not_allocated() {
        let r = parse(r#"{"id":"a","t\u0069tle":"T","text":"x","kz":1}"#).unwrap();
        let Fields::List(list) = &r.fields else {
            panic!("parsed into a list")
        };
        let borrowed: Vec<_> = list
            .iter()
            .map(|(k, _)| (&**k, matches!(k, Cow::Borrowed(_))))
            .collect();
        assert_eq!(
            borrowed,
            [("id", true), ("title", true), ("text", true), ("kz", false)]
        );
    }

    #[test]
    fn a_key_given_twice_keeps_its_first_place_and_its_last_value() {
        for extra in [0, SCAN_FIELDS + 5] {
            let pad: String = (0..extra).map(|i| format!(r#","f{i}":{i}"#)).collect();
            let line = format!(r#"{{"id":"a","k":1,"text":"x"{pad},"k":2}}"#);
            let r = parse(&line).unwrap();
            let keys: Vec<_> = r.fields().keys().cloned().collect();
            assert_eq!(keys.len(), 3 + extra);
            assert_eq!(keys[1], "k");
            assert_eq!(r.get("k"), Some(&Value::from(2)));
        }
    }

    #[test]
    fn the_plain_layout_is_serde_json_s_map_until_a_field_is_set() {
        let line = r#"{"id":"a","text":"x","n":1.10}"#;
        let mut r = parse_as(line, Layout::SerdeJsonMap).unwrap();
        assert!(matches!(r.fields, Fields::Map(_)));
        assert!(matches!(r.fields(), Cow::Borrowed(_)));
        r.set("n", Value::from(2));
        r.set_rendered("m", "[1]".into());
        assert!(matches!(r.fields, Fields::List(_)));
        let mut written = Vec::new();
        r.write_json(&mut written).unwrap();
        assert_eq!(written, br#"{"id":"a","text":"x","n":2,"m":[1]}"#);
    }
}
