//! HTTP to the API: one GET and one send function over gloo-net, and the error type the UI renders. Every
//! request says the interface's language (`Accept-Language`): the API words its refusals in it, from their
//! codes and values, with the same catalogue the SPA uses for what it refuses itself (`studio_wire::messages`).
//! The SPA keeps those words rather than decoding the refusal's data again, which would cost its wasm several
//! KB.

pub mod json;
pub mod shown;
pub mod urls;

use std::cell::Cell;

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::Serialize;
use studio_wire::{
    Locale,
    decode::{Decode, Entries},
};

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server could not be reached.
    Network(String),
    /// The server (or a form, before sending) refused the request and said why, in the interface's language.
    Http {
        status: u16,
        code: String,
        message: String,
        /// Each field's sentence (a list: a refusal names a few fields, and a map type costs the wasm more).
        fields: Vec<(String, String)>,
    },
    /// The answer was not what this version of the app expects.
    Decode(String),
}

impl ApiError {
    /// The sentence for `field`, when the refusal is about it.
    pub fn field(&self, name: &str) -> Option<&str> {
        match self {
            ApiError::Http { fields, .. } => fields
                .iter()
                .find(|(field, _)| field == name)
                .map(|(_, sentence)| sentence.as_str()),
            _ => None,
        }
    }

    /// Whether the refusal names fields (shown next to them rather than above the form).
    pub fn has_fields(&self) -> bool {
        matches!(self, ApiError::Http { fields, .. } if !fields.is_empty())
    }
}

/// The part of the API's error body the SPA shows (see the module's note).
#[derive(Decode)]
struct ErrorBody {
    error: ErrorWords,
}

#[derive(Decode)]
struct ErrorWords {
    code: String,
    message: String,
    #[serde(default)]
    fields: Entries<String>,
}

thread_local! {
    static LANGUAGE: Cell<Locale> = const { Cell::new(Locale::Fr) };
}

/// The interface's language, sent with every request.
pub fn set_language(locale: Locale) {
    LANGUAGE.with(|l| l.set(locale));
}

pub fn language() -> Locale {
    LANGUAGE.with(Cell::get)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Post,
    Put,
    Patch,
    Delete,
}

async fn read(response: Result<Response, gloo_net::Error>) -> Result<String, ApiError> {
    let response = response.map_err(|e| ApiError::Network(e.to_string()))?;
    let status = response.status();
    let text = response
        .text()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if (200..300).contains(&status) {
        return Ok(text);
    }
    Err(match json::from_str::<ErrorBody>(&text) {
        Ok(body) => ApiError::Http {
            status,
            code: body.error.code,
            message: body.error.message,
            fields: body.error.fields.0,
        },
        Err(_) => ApiError::Decode(format!("HTTP {status}")),
    })
}

pub fn decode<T: Decode>(text: &str) -> Result<T, ApiError> {
    json::from_str(text).map_err(ApiError::Decode)
}

/// This browser's id, shared by its tabs (local storage): the change feed leaves out the writes made from it,
/// which its tabs already applied.
pub fn browser_origin() -> String {
    thread_local! {
        static ORIGIN: String = {
            let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten());
            let saved = storage.as_ref().and_then(|s| s.get_item("studio-origin").ok().flatten());
            saved.unwrap_or_else(|| {
                let mut bytes = [0u8; 16];
                if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
                    let _ = crypto.get_random_values_with_u8_array(&mut bytes);
                }
                let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
                if let Some(storage) = &storage {
                    let _ = storage.set_item("studio-origin", &id);
                }
                id
            })
        };
    }
    ORIGIN.with(Clone::clone)
}

/// Adds the caller's credentials (bearer token or dev studio) and this browser's id to a request.
fn authorized(builder: RequestBuilder) -> RequestBuilder {
    let language = language().tag();
    let builder = builder
        .header("x-studio-origin", &browser_origin())
        .header("accept-language", language);
    match crate::auth::header() {
        Some((name, value)) => builder.header(name, &value),
        None => builder,
    }
}

pub async fn get_text(url: &str) -> Result<String, ApiError> {
    read(authorized(Request::get(url)).send().await).await
}

pub async fn send<B: Serialize, R: Decode>(
    method: Method,
    url: &str,
    body: Option<&B>,
) -> Result<R, ApiError> {
    let body = body
        .map(json::to_string)
        .transpose()
        .map_err(ApiError::Decode)?;
    decode(&send_text(method, url, body).await?)
}

/// Sends a JSON `body` (already serialised) and answers the response's text: the untyped part of every
/// write, one copy in the wasm whatever the types.
pub async fn send_text(
    method: Method,
    url: &str,
    body: Option<String>,
) -> Result<String, ApiError> {
    let builder = authorized(match method {
        Method::Post => Request::post(url),
        Method::Put => Request::put(url),
        Method::Patch => Request::patch(url),
        Method::Delete => Request::delete(url),
    });
    let response = match body {
        Some(body) => {
            builder
                .header("content-type", "application/json")
                .body(body)
                .map_err(|e| ApiError::Decode(e.to_string()))?
                .send()
                .await
        }
        None => builder.send().await,
    };
    read(response).await
}

/// Percent-encodes a query parameter value (everything but unreserved characters).
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode("Léa & co"), "L%C3%A9a%20%26%20co");
    }

    #[test]
    fn a_refusals_field_sentences_are_read_in_order() {
        let body: ErrorBody = json::from_str(
            r#"{"error":{"code":"validation","message":"Two.","fields":{"name":"Name?","email":"Email?"}}}"#,
        )
        .unwrap();
        assert_eq!(
            body.error.fields.0,
            [
                ("name".into(), "Name?".into()),
                ("email".into(), "Email?".into())
            ]
        );
        let error = ApiError::Http {
            status: 422,
            code: body.error.code,
            message: body.error.message,
            fields: body.error.fields.0,
        };
        assert_eq!(
            (error.field("email"), error.field("phone")),
            (Some("Email?"), None)
        );
        let bare: ErrorBody = json::from_str(r#"{"error":{"code":"x","message":"No."}}"#).unwrap();
        assert!(bare.error.fields.0.is_empty());
        assert!(
            json::from_str::<ErrorBody>(r#"{"error":{"code":"x","message":"m","fields":[]}}"#)
                .is_err()
        );
    }
}
