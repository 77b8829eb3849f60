//! The app's two languages.

use crate::decode::Decode;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Decode)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Fr,
    En,
}

impl Locale {
    /// From a request's `Accept-Language` header: French when French comes first, else English.
    pub fn from_accept_language(header: Option<&str>) -> Locale {
        match header.and_then(|h| h.split(',').next()) {
            Some(first) if first.trim().to_ascii_lowercase().starts_with("fr") => Locale::Fr,
            _ => Locale::En,
        }
    }

    pub fn tag(self) -> &'static str {
        pick(self, "fr", "en")
    }
}

/// Picks the French or the English value.
pub fn pick<T>(locale: Locale, fr: T, en: T) -> T {
    match locale {
        Locale::Fr => fr,
        Locale::En => en,
    }
}
