//! JSON in and out of the SPA. In the browser, text is parsed and written by the browser's own `JSON`: the wasm
//! carries no JSON parser or writer of its own (measured 2026-11-27: −55 KB of wasm, −12 KB gzip, for the
//! API's responses alone). Responses are read from the parsed values by each wire type's generated decoder
//! (`studio_wire::decode`); requests are written by serde into JavaScript values (`serde-wasm-bindgen`). The
//! host build (the unit tests) parses and writes with serde_json, and decodes with the same decoders.

use serde::Serialize;
use studio_wire::decode::{Decode, DecodeError, Value};

/// Reads `text` as a `T`; the error says what did not fit.
pub fn from_str<T: Decode>(text: &str) -> Result<T, String> {
    read(text, T::decode)
}

/// `text` parsed, then read by `decode`: what does not depend on the type read is out of line of each type's
/// reading (`from_str` is instantiated for every wire type, and inlined these were repeated in each).
pub fn read<R>(text: &str, decode: fn(&Value) -> Result<R, DecodeError>) -> Result<R, String> {
    decode(&parse(text)?).map_err(said)
}

#[inline(never)]
fn parse(text: &str) -> Result<Value, String> {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::JSON::parse(text).map_err(|_| "not JSON".to_owned())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
}

#[inline(never)]
fn said(error: DecodeError) -> String {
    error.to_string()
}

/// Writes `value` as JSON text (maps as objects, `None` as `null`, as the API expects).
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
    #[cfg(target_arch = "wasm32")]
    {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let value = value.serialize(&serializer).map_err(|e| e.to_string())?;
        js_sys::JSON::stringify(&value)
            .map(String::from)
            .map_err(|_| "not serialisable".to_owned())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        serde_json::to_string(value).map_err(|e| e.to_string())
    }
}
