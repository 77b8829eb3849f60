//! Parsed client fields: once built, a value is known to be valid ("parse, don't validate").

use studio_wire::{ClientKind, ClientPatch, NewClient};

use crate::{error::DomainError, text::trimmed, validate::Errors};

pub const NAME_MAX: usize = 200;
pub const EMAIL_MAX: usize = 254;
pub const PHONE_MAX: usize = 40;
pub const NOTES_MAX: usize = 4000;

/// A client's name: trimmed, 1 to 200 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientName(String);

impl ClientName {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let name = trimmed(raw).ok_or("The name is required.")?;
        if name.chars().count() > NAME_MAX {
            return Err(format!(
                "The name is too long: at most {NAME_MAX} characters."
            ));
        }
        Ok(Self(name))
    }

    pub fn into_inner(self) -> String {
        self.0
    }
}

/// An email address as typed (trimmed); `unique_key` is the case-insensitive form used for uniqueness.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, String> {
        let email = raw.trim();
        let invalid = || {
            format!(
                "\"{email}\" is not a valid email address (expected something like name@example.com)."
            )
        };
        if email.chars().count() > EMAIL_MAX {
            return Err(format!(
                "The email is too long: at most {EMAIL_MAX} characters."
            ));
        }
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        let labels_ok = domain.split('.').count() >= 2
            && domain
                .split('.')
                .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'));
        let chars_ok = email.chars().all(|c| !c.is_whitespace() && !c.is_control())
            && !domain.contains('@')
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        if local.is_empty() || !labels_ok || !chars_ok {
            return Err(invalid());
        }
        Ok(Self(email.to_owned()))
    }

    pub fn unique_key(&self) -> String {
        self.0.to_lowercase()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn phone(raw: &str) -> Result<Option<String>, String> {
    let Some(phone) = trimmed(raw) else {
        return Ok(None);
    };
    if phone.chars().count() > PHONE_MAX {
        return Err(format!(
            "The phone number is too long: at most {PHONE_MAX} characters."
        ));
    }
    if !phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c))
        || !phone.chars().any(|c| c.is_ascii_digit())
    {
        return Err("The phone number may only hold digits, spaces and + - ( ) .".into());
    }
    Ok(Some(phone))
}

fn notes(raw: &str) -> Result<Option<String>, String> {
    let Some(notes) = trimmed(raw) else {
        return Ok(None);
    };
    if notes.chars().count() > NOTES_MAX {
        return Err(format!(
            "The notes are too long: at most {NOTES_MAX} characters."
        ));
    }
    Ok(Some(notes))
}

fn email(raw: &str) -> Result<Option<Email>, String> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        Email::parse(raw).map(Some)
    }
}

/// A complete, valid set of client fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientFields {
    pub name: ClientName,
    pub email: Option<Email>,
    pub phone: Option<String>,
    pub kind: ClientKind,
    pub notes: Option<String>,
}

impl ClientFields {
    pub fn parse(input: &NewClient) -> Result<Self, DomainError> {
        let mut errors = Errors::default();
        let name = errors.take("name", ClientName::parse(&input.name));
        let email = errors.take(
            "email",
            input
                .email
                .as_deref()
                .map(email)
                .transpose()
                .map(Option::flatten),
        );
        let phone = errors.take(
            "phone",
            input
                .phone
                .as_deref()
                .map(phone)
                .transpose()
                .map(Option::flatten),
        );
        let notes = errors.take(
            "notes",
            input
                .notes
                .as_deref()
                .map(notes)
                .transpose()
                .map(Option::flatten),
        );
        errors.finish()?;
        Ok(Self {
            name: name.expect("checked"),
            email: email.expect("checked"),
            phone: phone.expect("checked"),
            kind: input.kind,
            notes: notes.expect("checked"),
        })
    }

    /// The fields after applying `patch` to `self`: absent fields keep their value, empty strings clear.
    pub fn patched(&self, patch: &ClientPatch) -> Result<Self, DomainError> {
        let mut errors = Errors::default();
        let name = match &patch.name {
            Some(raw) => errors.take("name", ClientName::parse(raw)),
            None => Some(self.name.clone()),
        };
        let email = match &patch.email {
            Some(raw) => errors.take("email", email(raw)),
            None => Some(self.email.clone()),
        };
        let phone = match &patch.phone {
            Some(raw) => errors.take("phone", phone(raw)),
            None => Some(self.phone.clone()),
        };
        let notes = match &patch.notes {
            Some(raw) => errors.take("notes", notes(raw)),
            None => Some(self.notes.clone()),
        };
        errors.finish()?;
        Ok(Self {
            name: name.expect("checked"),
            email: email.expect("checked"),
            phone: phone.expect("checked"),
            kind: patch.kind.unwrap_or(self.kind),
            notes: notes.expect("checked"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_required() {
        assert_eq!(
            ClientName::parse("  Cache Test ").unwrap().into_inner(),
            "Cache Test"
        );
        assert!(ClientName::parse("   ").is_err());
        assert!(ClientName::parse(&"x".repeat(201)).is_err());
        assert!(ClientName::parse(&"é".repeat(200)).is_ok());
    }

    #[test]
    fn emails_are_checked_and_compared_without_case() {
        assert_eq!(
            Email::parse(" Cache-Test@Example.com ")
                .unwrap()
                .unique_key(),
            "cache-test@example.com"
        );
        for bad in [
            "nope", "a@b", "@b.fr", "a b@c.fr", "a@b..fr", "a@b@c.fr", "a@-b.fr",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn every_invalid_field_is_reported_at_once() {
        let input = NewClient {
            name: " ".into(),
            email: Some("nope".into()),
            phone: Some("call me".into()),
            ..NewClient::default()
        };
        let Err(DomainError::Validation { fields, .. }) = ClientFields::parse(&input) else {
            panic!("expected a validation error");
        };
        assert_eq!(
            fields.keys().collect::<Vec<_>>(),
            ["email", "name", "phone"]
        );
    }

    #[test]
    fn a_patch_keeps_absent_fields_and_clears_empty_ones() {
        let fields = ClientFields::parse(&NewClient {
            name: "A".into(),
            email: Some("a@b.fr".into()),
            phone: Some("+33 1 23".into()),
            ..NewClient::default()
        })
        .unwrap();
        let patched = fields
            .patched(&ClientPatch {
                version: 1,
                phone: Some(String::new()),
                ..ClientPatch::default()
            })
            .unwrap();
        assert_eq!(patched.email.unwrap().as_str(), "a@b.fr");
        assert_eq!(patched.phone, None);
    }
}
