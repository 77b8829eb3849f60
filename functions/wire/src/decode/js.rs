//! The decoders' view of a value parsed by the browser's `JSON.parse`.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

pub type Value = JsValue;

pub fn is_object(value: &Value) -> bool {
    value.is_object() && !Array::is_array(value)
}

/// The field `key` of an object; `None` when it is not there.
pub fn get(value: &Value, key: &str) -> Option<Value> {
    if !is_object(value) {
        return None;
    }
    Reflect::get(value, &JsValue::from_str(key))
        .ok()
        .filter(|field| !field.is_undefined())
}

pub fn as_string(value: &Value) -> Option<String> {
    value.as_string()
}

pub fn as_f64(value: &Value) -> Option<f64> {
    value.as_f64()
}

pub fn as_bool(value: &Value) -> Option<bool> {
    value.as_bool()
}

pub fn is_null(value: &Value) -> bool {
    value.is_null() || value.is_undefined()
}

pub fn items(value: &Value) -> Option<Vec<Value>> {
    Array::is_array(value).then(|| value.unchecked_ref::<Array>().iter().collect())
}

pub fn entries(value: &Value) -> Option<Vec<(String, Value)>> {
    if !is_object(value) {
        return None;
    }
    Some(
        Object::entries(value.unchecked_ref())
            .iter()
            .filter_map(|entry| {
                let pair = entry.unchecked_into::<Array>();
                Some((pair.get(0).as_string()?, pair.get(1)))
            })
            .collect(),
    )
}

pub fn kind(value: &Value) -> &'static str {
    if value.is_null() || value.is_undefined() {
        "null"
    } else if value.as_bool().is_some() {
        "true or false"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.is_string() {
        "a string"
    } else if Array::is_array(value) {
        "a list"
    } else {
        "an object"
    }
}
