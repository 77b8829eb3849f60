//! Collecting field errors, so a form can show them all at once, and the text rules every entity uses.

use std::collections::BTreeMap;

use crate::{error::DomainError, text::trimmed};

#[derive(Default)]
pub(crate) struct Errors(BTreeMap<String, String>);

impl Errors {
    /// The value, or `None` with the message recorded against `field`.
    pub fn take<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        result
            .map_err(|message| self.0.insert(field.to_owned(), message))
            .ok()
    }

    /// Stores the value in `slot`, or records the message against `field`.
    pub fn set<T>(&mut self, field: &str, result: Result<T, String>, slot: &mut T) {
        if let Some(value) = self.take(field, result) {
            *slot = value;
        }
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.insert(field.to_owned(), message.into());
    }

    pub fn finish(self) -> Result<(), DomainError> {
        if self.0.is_empty() {
            return Ok(());
        }
        let message = self.0.values().cloned().collect::<Vec<_>>().join(" ");
        Err(DomainError::Validation {
            message,
            fields: self.0,
        })
    }
}

/// Trimmed, non-empty, at most `max` characters.
pub(crate) fn required(label: &str, raw: &str, max: usize) -> Result<String, String> {
    let value = trimmed(raw).ok_or(format!("The {label} is required."))?;
    if value.chars().count() > max {
        return Err(format!(
            "The {label} is too long: at most {max} characters."
        ));
    }
    Ok(value)
}

/// Trimmed, `None` when empty, at most `max` characters.
pub(crate) fn optional(
    label: &str,
    raw: Option<&str>,
    max: usize,
) -> Result<Option<String>, String> {
    match raw.and_then(trimmed) {
        None => Ok(None),
        Some(value) if value.chars().count() > max => Err(format!(
            "The {label} is too long: at most {max} characters."
        )),
        Some(value) => Ok(Some(value)),
    }
}
