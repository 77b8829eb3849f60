//! The SPA's decoders: a wire type read from a parsed JSON value, field by field. In the browser the value is
//! the one the browser's own `JSON.parse` made (a `JsValue`); natively it is a value of the same shape read by
//! serde_json (`native`), so that the SPA's unit tests decode as the browser does, and `tests/spa_decoders.rs`
//! checks every decoder against serde's reading of the API's responses. Each type's decoder is written by
//! `#[derive(Decode)]` from its `#[serde(..)]` attributes (`studio-wire-derive`); serde's own `Deserialize`,
//! instantiated over serde-wasm-bindgen's deserializer, weighed 16.9 KB more of gzipped wasm (2026-11-28). The
//! functions read requests with serde, as before.

use std::{cell::Cell, fmt};

pub use studio_wire_derive::Decode;

#[cfg(target_arch = "wasm32")]
mod js;
#[cfg(target_arch = "wasm32")]
pub use js::Value;
#[cfg(target_arch = "wasm32")]
use js::{as_bool, as_f64, as_string, entries, get, is_null, is_object, items, kind};

#[cfg(not(target_arch = "wasm32"))]
mod native;
#[cfg(not(target_arch = "wasm32"))]
pub use native::Value;
#[cfg(not(target_arch = "wasm32"))]
use native::{as_bool, as_f64, as_string, entries, get, is_null, is_object, items, kind};

/// What did not fit, and where (`lines.2.quantity: expected a number, found a string`).
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeError {
    /// The fields and items from the top value down to what did not fit (empty: the value itself).
    at: String,
    message: String,
}

impl DecodeError {
    pub fn new(message: impl Into<String>) -> Self {
        DecodeError {
            at: String::new(),
            message: message.into(),
        }
    }

    #[inline(never)]
    fn expected(what: &str, value: &Value) -> Self {
        DecodeError::new(format!("expected {what}, found {}", kind(value)))
    }

    /// The same error, said of the field or item `at`.
    #[inline(never)]
    fn within(mut self, at: &str) -> Self {
        self.at = if self.at.is_empty() {
            at.to_owned()
        } else {
            format!("{at}.{}", self.at)
        };
        self
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if !self.at.is_empty() {
            write!(f, "{}: ", self.at)?;
        }
        f.write_str(&self.message)
    }
}

/// A type read from a parsed JSON value.
pub trait Decode: Sized {
    fn decode(value: &Value) -> Result<Self, DecodeError>;

    /// What a field that is not there reads as: an error, except for an `Option` (`None`).
    fn missing() -> Result<Self, DecodeError> {
        Err(DecodeError::new("missing"))
    }

    /// A value that stands for a field that did not fit, until its object reports the error (`Object`).
    fn placeholder() -> Self;
}

/// Parses JSON text natively (the browser parses its own) and decodes it.
#[cfg(not(target_arch = "wasm32"))]
pub fn from_str<T: Decode>(text: &str) -> Result<T, DecodeError> {
    let value: Value = serde_json::from_str(text).map_err(|e| DecodeError::new(e.to_string()))?;
    T::decode(&value)
}

/// A JSON string holding `text` (to read an enum's value from a form's `<select>`).
pub fn text(text: &str) -> Value {
    #[cfg(target_arch = "wasm32")]
    {
        Value::from_str(text)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        Value::String(text.to_owned())
    }
}

/// A JSON object, read field by field (the derive's structs). A field that does not fit is kept as the
/// object's error and read as a placeholder, and `finish` reports the first such error: a type's decoder is
/// then a list of calls, with no exit (and its drops) after each field, which cost ≈ 100 B of wasm per field.
pub struct Object<'a> {
    value: &'a Value,
    error: Cell<Option<DecodeError>>,
}

impl<'a> Object<'a> {
    #[inline(never)]
    pub fn new(value: &'a Value) -> Result<Self, DecodeError> {
        if is_object(value) {
            Ok(Object {
                value,
                error: Cell::new(None),
            })
        } else {
            Err(DecodeError::expected("an object", value))
        }
    }

    /// The field `name`, which must be there unless it is an `Option`.
    pub fn field<T: Decode>(&self, name: &str) -> T {
        self.read(name, T::missing)
    }

    /// The field `name`, or `T`'s default when it is not there (`#[serde(default)]`).
    pub fn field_or_default<T: Decode + Default>(&self, name: &str) -> T {
        self.read(name, || Ok(T::default()))
    }

    /// The field `name`, or `or()` when it is not there (a type's `#[serde(default)]`).
    pub fn field_or<T: Decode>(&self, name: &str, or: impl FnOnce() -> T) -> T {
        self.read(name, || Ok(or()))
    }

    #[inline(never)]
    fn read<T: Decode>(&self, name: &str, missing: impl FnOnce() -> Result<T, DecodeError>) -> T {
        let read = match get(self.value, name) {
            Some(value) => T::decode(&value),
            None => missing(),
        };
        read.unwrap_or_else(|error| {
            self.failed(error.within(name));
            T::placeholder()
        })
    }

    #[inline(never)]
    fn failed(&self, error: DecodeError) {
        let first = self.error.take().unwrap_or(error);
        self.error.set(Some(first));
    }

    /// `decoded`, if every field fitted; else the first that did not.
    pub fn finish<T>(self, decoded: T) -> Result<T, DecodeError> {
        match self.error.into_inner() {
            None => Ok(decoded),
            Some(error) => Err(error),
        }
    }
}

/// The index in `names` of a unit variant's name (the derive's enums).
#[inline(never)]
pub fn variant(value: &Value, names: &[&str]) -> Result<usize, DecodeError> {
    let name = String::decode(value)?;
    names
        .iter()
        .position(|n| *n == name)
        .ok_or_else(|| DecodeError::new(format!("unknown value \"{name}\"")))
}

/// `Raw` decoded, then made a `T` (`#[serde(try_from = "Raw")]`).
pub fn converted<Raw: Decode, T: TryFrom<Raw, Error: fmt::Display>>(
    value: &Value,
) -> Result<T, DecodeError> {
    T::try_from(Raw::decode(value)?).map_err(|e| DecodeError::new(e.to_string()))
}

impl Decode for String {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        as_string(value).ok_or_else(|| DecodeError::expected("a string", value))
    }

    fn placeholder() -> Self {
        String::new()
    }
}

impl Decode for bool {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        as_bool(value).ok_or_else(|| DecodeError::expected("true or false", value))
    }

    fn placeholder() -> Self {
        false
    }
}

impl Decode for f64 {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        as_f64(value).ok_or_else(|| DecodeError::expected("a number", value))
    }

    fn placeholder() -> Self {
        0.0
    }
}

/// A whole number that fits (JSON numbers are floats to the browser; whole ones up to 2^53 are exact).
#[inline(never)]
fn whole(value: &Value, min: f64, max: f64) -> Result<i64, DecodeError> {
    match as_f64(value) {
        Some(n) if n.fract() == 0.0 && n >= min && n <= max => Ok(n as i64),
        _ => Err(DecodeError::expected("a whole number in range", value)),
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl Decode for $t {
            fn decode(value: &Value) -> Result<Self, DecodeError> {
                // Bounded by what a float holds exactly, and by the type.
                let (min, max) = ((<$t>::MIN as f64).max(-9.0e15), (<$t>::MAX as f64).min(9.0e15));
                whole(value, min, max).map(|n| n as $t)
            }

            fn placeholder() -> Self {
                0
            }
        }
    )*};
}

integers!(i64, u64, u32);

impl<T: Decode> Decode for Option<T> {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        if is_null(value) {
            Ok(None)
        } else {
            T::decode(value).map(Some)
        }
    }

    fn missing() -> Result<Self, DecodeError> {
        Ok(None)
    }

    fn placeholder() -> Self {
        None
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        let mut decoded = Vec::new();
        each_item(value, &mut |item| {
            decoded.push(T::decode(item)?);
            Ok(())
        })?;
        Ok(decoded)
    }

    fn placeholder() -> Self {
        Vec::new()
    }
}

// The walks over a list's items and an object's entries are written once, not in each item type's decoder: only
// the decoding and keeping of an item is (−5.5 KB raw, −4.6 KB gzip of the wasm, 2026-11-28).

/// Calls `each` on a list's items in order; an item's error comes back with its index.
#[inline(never)]
fn each_item(
    value: &Value,
    each: &mut dyn FnMut(&Value) -> Result<(), DecodeError>,
) -> Result<(), DecodeError> {
    let items = items(value).ok_or_else(|| DecodeError::expected("a list", value))?;
    for (i, item) in items.iter().enumerate() {
        each(item).map_err(|e| e.within(&i.to_string()))?;
    }
    Ok(())
}

/// Calls `each` on an object's entries in order; an entry's error comes back with its key.
#[inline(never)]
fn each_entry(
    value: &Value,
    each: &mut dyn FnMut(String, &Value) -> Result<(), DecodeError>,
) -> Result<(), DecodeError> {
    let entries = entries(value).ok_or_else(|| DecodeError::expected("an object", value))?;
    for (key, item) in entries {
        let within = key.clone();
        each(key, &item).map_err(|e| e.within(&within))?;
    }
    Ok(())
}

/// An object's entries, in the order the object has them.
#[derive(Debug, Clone, PartialEq)]
pub struct Entries<T>(pub Vec<(String, T)>);

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<T: Decode> Decode for Entries<T> {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        let mut decoded = Vec::new();
        each_entry(value, &mut |key, item| {
            decoded.push((key, T::decode(item)?));
            Ok(())
        })?;
        Ok(Entries(decoded))
    }

    fn placeholder() -> Self {
        Entries(Vec::new())
    }
}

impl Decode for jiff::Timestamp {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        let text = String::decode(value)?;
        crate::instant::parse(&text).ok_or_else(|| {
            DecodeError::new(format!(
                "\"{text}\" is not an instant like 2026-11-27T14:00:00Z"
            ))
        })
    }

    fn placeholder() -> Self {
        jiff::Timestamp::UNIX_EPOCH
    }
}

impl Decode for jiff::civil::Date {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        let text = String::decode(value)?;
        crate::day::parse(&text)
            .ok_or_else(|| DecodeError::new(format!("\"{text}\" is not a day like 2026-11-27")))
    }

    fn placeholder() -> Self {
        jiff::civil::Date::MIN
    }
}

impl<A: Decode, B: Decode> Decode for (A, B) {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        match items(value).as_deref() {
            Some([a, b]) => Ok((
                A::decode(a).map_err(|e| e.within("0"))?,
                B::decode(b).map_err(|e| e.within("1"))?,
            )),
            _ => Err(DecodeError::expected("a list of two", value)),
        }
    }

    fn placeholder() -> Self {
        (A::placeholder(), B::placeholder())
    }
}

/// A value as it is, to be read later.
impl Decode for Value {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        Ok(value.clone())
    }

    fn placeholder() -> Self {
        Value::NULL
    }
}

/// Any value, not read (a page's items when only its cursor is wanted).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ignored;

impl Decode for Ignored {
    fn decode(_: &Value) -> Result<Self, DecodeError> {
        Ok(Ignored)
    }

    fn placeholder() -> Self {
        Ignored
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Page, Track, TrackStatus};

    #[test]
    fn a_refusal_names_where_it_is_and_what_was_found() {
        let said = |json: &str| from_str::<Page<Track>>(json).unwrap_err().to_string();
        assert_eq!(
            said(r#"{"items": 3}"#),
            "items: expected a list, found a number"
        );
        assert_eq!(
            said(r#"{"items": [{"id": 7}]}"#),
            "items.0.id: expected a string, found a number"
        );
        assert_eq!(
            said(r#"{"items": [{"id": "t"}]}"#),
            "items.0.number: missing"
        );
        assert_eq!(said("[]"), "expected an object, found a list");
        // The first field that does not fit is the one reported.
        assert!(said(r#"{"items": [{"id": 1, "number": "x"}]}"#).starts_with("items.0.id:"));
    }

    #[test]
    fn an_absent_or_null_option_is_none_and_an_enum_reads_its_serde_name() {
        let page: Page<Ignored> = from_str(r#"{"items": [1, "a"], "next_cursor": null}"#).unwrap();
        assert_eq!((page.items.len(), page.next_cursor), (2, None));
        assert_eq!(
            from_str::<TrackStatus>(r#""recording""#).unwrap(),
            TrackStatus::Recording
        );
        assert_eq!(
            from_str::<TrackStatus>(r#""nope""#)
                .unwrap_err()
                .to_string(),
            "unknown value \"nope\""
        );
    }
}
