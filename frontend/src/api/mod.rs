//! HTTP to the API: one GET and one send function over gloo-net, and the error type the UI renders. Every
//! request says the interface's language (`Accept-Language`), so the API's own words match it.

pub mod urls;

use std::cell::Cell;

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::{Serialize, de::DeserializeOwned};
use studio_wire::{ErrorBody, Locale, Problem, messages};

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server could not be reached.
    Network(String),
    /// The server refused the request and said why, as data the UI words in its own language.
    Http { status: u16, problem: Problem },
    /// The answer was not what this version of the app expects.
    Decode(String),
}

impl ApiError {
    /// The sentence for `field`, when the refusal is about it.
    pub fn field(&self, name: &str, locale: Locale) -> Option<String> {
        match self {
            ApiError::Http { problem, .. } => {
                messages::field_sentences(problem, locale).remove(name)
            }
            _ => None,
        }
    }

    /// Whether the refusal names fields (shown next to them rather than above the form).
    pub fn has_fields(&self) -> bool {
        matches!(self, ApiError::Http { problem, .. } if !messages::field_sentences(problem, Locale::En).is_empty())
    }

    pub fn problem(&self) -> Option<&Problem> {
        match self {
            ApiError::Http { problem, .. } => Some(problem),
            _ => None,
        }
    }
}

thread_local! {
    static LANGUAGE: Cell<Locale> = const { Cell::new(Locale::Fr) };
}

/// The interface's language, sent with every request.
pub fn set_language(locale: Locale) {
    LANGUAGE.with(|l| l.set(locale));
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
    Err(match serde_json::from_str::<ErrorBody>(&text) {
        Ok(body) => ApiError::Http {
            status,
            problem: body.error.problem,
        },
        Err(_) if status >= 500 => ApiError::Http {
            status,
            problem: Problem::Internal,
        },
        Err(_) => ApiError::Decode(format!("HTTP {status}")),
    })
}

pub fn decode<T: DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::Decode(e.to_string()))
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
    let language = LANGUAGE.with(Cell::get).tag();
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

/// A binary resource (a time zone's rules).
pub async fn get_bytes(url: &str) -> Result<Vec<u8>, ApiError> {
    let response = authorized(Request::get(url))
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(ApiError::Decode(format!("HTTP {}", response.status())));
    }
    response
        .binary()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))
}

pub async fn send<B: Serialize, R: DeserializeOwned>(
    method: Method,
    url: &str,
    body: Option<&B>,
) -> Result<R, ApiError> {
    let builder = authorized(match method {
        Method::Post => Request::post(url),
        Method::Put => Request::put(url),
        Method::Patch => Request::patch(url),
        Method::Delete => Request::delete(url),
    });
    let response = match body {
        Some(body) => {
            builder
                .json(body)
                .map_err(|e| ApiError::Decode(e.to_string()))?
                .send()
                .await
        }
        None => builder.send().await,
    };
    decode(&read(response).await?)
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
    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(super::encode("Léa & co"), "L%C3%A9a%20%26%20co");
    }
}
