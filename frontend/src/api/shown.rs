//! The history's field values as the SPA reads them: only to be shown. The server keeps them as JSON values,
//! which it compares and restores; read as `serde_json::Value` here they brought its map, its serializer and
//! its float printer into the wasm (measured 2026-11-27). A value is read once into its words instead.

use serde::{Deserialize, Deserializer};

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

impl<'de> Deserialize<'de> for Shown {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // In the browser the value is taken as the browser parsed it and worded by the browser's own JSON
        // writer: a serde visitor over every kind of JavaScript value weighed ≈ 4 KB of gzipped wasm.
        #[cfg(target_arch = "wasm32")]
        {
            serde_wasm_bindgen::preserve::deserialize(deserializer).map(Shown::from_js)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            deserializer.deserialize_any(visitor::ShownVisitor)
        }
    }
}

/// A number as a whole one, if it is: the browser's parser gives every number as a float.
fn whole(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() < 9.0e15).then_some(n as i64)
}

#[cfg(target_arch = "wasm32")]
impl Shown {
    fn from_js(value: wasm_bindgen::JsValue) -> Shown {
        if let Some(text) = value.as_string() {
            return Shown::Text(text);
        }
        match value.as_f64().and_then(whole) {
            Some(n) => Shown::Integer(n),
            None => Shown::Json(
                js_sys::JSON::stringify(&value)
                    .ok()
                    .and_then(|json| json.as_string())
                    .unwrap_or_else(|| "null".to_owned()),
            ),
        }
    }
}

/// Off the browser (the unit tests), a value is read by a visitor and worded as serde_json words it.
#[cfg(not(target_arch = "wasm32"))]
mod visitor {
    use std::fmt::{self, Write};

    use serde::{
        Deserialize, Deserializer,
        de::{self, MapAccess, SeqAccess, Visitor},
    };

    use super::Shown;

    impl Shown {
        /// Appends the value as JSON.
        pub(super) fn write_json(&self, out: &mut String) {
            match self {
                Shown::Text(text) => {
                    out.push('"');
                    for c in text.chars() {
                        match c {
                            '"' | '\\' => {
                                out.push('\\');
                                out.push(c);
                            }
                            '\n' => out.push_str("\\n"),
                            c if c < ' ' => {
                                let _ = write!(out, "\\u{:04x}", c as u32);
                            }
                            c => out.push(c),
                        }
                    }
                    out.push('"');
                }
                Shown::Integer(n) => {
                    let _ = write!(out, "{n}");
                }
                Shown::Json(json) => out.push_str(json),
            }
        }
    }

    pub(super) struct ShownVisitor;

    impl<'de> Visitor<'de> for ShownVisitor {
        type Value = Shown;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a JSON value")
        }

        fn visit_str<E: de::Error>(self, text: &str) -> Result<Shown, E> {
            Ok(Shown::Text(text.to_owned()))
        }

        fn visit_string<E: de::Error>(self, text: String) -> Result<Shown, E> {
            Ok(Shown::Text(text))
        }

        fn visit_i64<E: de::Error>(self, n: i64) -> Result<Shown, E> {
            Ok(Shown::Integer(n))
        }

        fn visit_u64<E: de::Error>(self, n: u64) -> Result<Shown, E> {
            Ok(i64::try_from(n).map_or_else(|_| Shown::Json(n.to_string()), Shown::Integer))
        }

        fn visit_f64<E: de::Error>(self, n: f64) -> Result<Shown, E> {
            Ok(super::whole(n).map_or_else(|| Shown::Json(n.to_string()), Shown::Integer))
        }

        fn visit_bool<E: de::Error>(self, b: bool) -> Result<Shown, E> {
            Ok(Shown::Json(b.to_string()))
        }

        fn visit_unit<E: de::Error>(self) -> Result<Shown, E> {
            Ok(Shown::Json("null".into()))
        }

        fn visit_none<E: de::Error>(self) -> Result<Shown, E> {
            self.visit_unit()
        }

        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Shown, D::Error> {
            Shown::deserialize(deserializer)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shown, A::Error> {
            let mut out = String::from("[");
            while let Some(item) = seq.next_element::<Shown>()? {
                if out.len() > 1 {
                    out.push(',');
                }
                item.write_json(&mut out);
            }
            out.push(']');
            Ok(Shown::Json(out))
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shown, A::Error> {
            let mut out = String::from("{");
            while let Some(key) = map.next_key::<String>()? {
                if out.len() > 1 {
                    out.push(',');
                }
                Shown::Text(key).write_json(&mut out);
                out.push(':');
                map.next_value::<Shown>()?.write_json(&mut out);
            }
            out.push('}');
            Ok(Shown::Json(out))
        }
    }
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
            let shown: Shown = serde_json::from_str(json).unwrap();
            let mut written = String::new();
            shown.write_json(&mut written);
            let server = serde_json::from_str::<serde_json::Value>(json)
                .unwrap()
                .to_string();
            assert_eq!(written, server, "{json}");
        }
        assert_eq!(
            serde_json::from_str::<Shown>("12000").unwrap(),
            Shown::Integer(12000)
        );
        assert_eq!(
            serde_json::from_str::<Shown>("12000.0").unwrap(),
            Shown::Integer(12000)
        );
        assert_eq!(
            serde_json::from_str::<Shown>(r#""x""#).unwrap(),
            Shown::Text("x".into())
        );
    }
}
