//! The history's field values as the SPA reads them: only to be shown. The server keeps them as JSON values,
//! which it compares and restores; read as `serde_json::Value` here they brought its map, its serializer and
//! its float printer into the wasm (measured 2026-11-27). A value is read once into its words instead.

use studio_wire::decode::{Decode, DecodeError, Value};

/// A field's value before or after a write.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// A string, as it is.
    Text(String),
    /// A whole number (an amount in cents, when the field is one).
    Integer(i64),
    /// Anything else, as compact JSON (`true`, `null`, `[..]`, `{..}`, `2.5`).
    Json(String),
}

pub type Activity = studio_wire::Activity<Shown>;
pub type PendingAction = studio_wire::PendingAction<Shown>;
pub type Decision = studio_wire::Decision<Shown>;
pub type ChatResponse = studio_wire::ChatResponse<Shown>;

/// The value as the browser parsed it, worded by the browser's own JSON writer (natively, by serde_json).
impl Decode for Shown {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        if let Ok(text) = String::decode(value) {
            return Ok(Shown::Text(text));
        }
        match f64::decode(value).ok().and_then(whole) {
            Some(n) => Ok(Shown::Integer(n)),
            None => Ok(Shown::Json(json(value))),
        }
    }

    fn placeholder() -> Self {
        Shown::Json("null".to_owned())
    }
}

/// A number as a whole one, if it is: the browser's parser gives every number as a float.
fn whole(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() < 9.0e15).then_some(n as i64)
}

#[cfg(target_arch = "wasm32")]
fn json(value: &Value) -> String {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|json| json.as_string())
        .unwrap_or_else(|| "null".to_owned())
}

#[cfg(not(target_arch = "wasm32"))]
fn json(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_the_servers_json_writes_them() {
        for json in [
            r#""Léa \"la\" Martin\n""#,
            "42",
            "-7",
            "true",
            "null",
            "2.5",
            r#"[1,"a",{"b":[]}]"#,
            // The server's maps are ordered by key.
            r#"{"label":"Mix \\ stems","quantity":"3.5","unit_price":12000}"#,
        ] {
            let shown: Shown = studio_wire::decode::from_str(json).unwrap();
            let written = match shown {
                Shown::Text(text) => serde_json::to_string(&text).unwrap(),
                Shown::Integer(n) => n.to_string(),
                Shown::Json(json) => json,
            };
            let server = serde_json::from_str::<serde_json::Value>(json)
                .unwrap()
                .to_string();
            assert_eq!(written, server, "{json}");
        }
        assert_eq!(
            studio_wire::decode::from_str::<Shown>("12000").unwrap(),
            Shown::Integer(12000)
        );
        assert_eq!(
            studio_wire::decode::from_str::<Shown>("12000.0").unwrap(),
            Shown::Integer(12000)
        );
        assert_eq!(
            studio_wire::decode::from_str::<Shown>(r#""x""#).unwrap(),
            Shown::Text("x".into())
        );
    }
}
