//! Parsed client fields: once built, a value is known to be valid ("parse, don't validate").

use studio_wire::{Client, ClientKind, ClientPatch, FieldProblem, NewClient};

use crate::{
    error::DomainError,
    text::trimmed,
    validate::{Errors, optional, required},
};

pub const NAME_MAX: usize = 200;
pub const EMAIL_MAX: usize = 254;
pub const PHONE_MAX: usize = 40;
pub const NOTES_MAX: usize = 4000;

/// A client's name: trimmed, 1 to [`NAME_MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientName(String);

impl ClientName {
    pub fn parse(raw: &str) -> Result<Self, FieldProblem> {
        required(raw, NAME_MAX).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An email address as typed (trimmed); `unique_key` is the case-insensitive form used for uniqueness.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, FieldProblem> {
        let email = raw.trim();
        if email.chars().count() > EMAIL_MAX {
            return Err(FieldProblem::TooLong { max: EMAIL_MAX });
        }
        let invalid = || FieldProblem::NotAnEmail {
            value: email.to_owned(),
        };
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

/// A phone number: digits, spaces and `+ - ( ) .`, at most [`PHONE_MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phone(String);

impl Phone {
    pub fn parse(raw: &str) -> Result<Self, FieldProblem> {
        let phone = required(raw, PHONE_MAX)?;
        let allowed = phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().".contains(c));
        if !allowed || !phone.chars().any(|c| c.is_ascii_digit()) {
            return Err(FieldProblem::NotAPhone { value: phone });
        }
        Ok(Self(phone))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An optional value: blank clears it, anything else must parse.
fn blank_or<T>(
    raw: &str,
    parse: impl FnOnce(&str) -> Result<T, FieldProblem>,
) -> Result<Option<T>, FieldProblem> {
    match trimmed(raw) {
        None => Ok(None),
        Some(value) => parse(&value).map(Some),
    }
}

/// A complete, valid set of client fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientFields {
    pub name: ClientName,
    pub email: Option<Email>,
    pub phone: Option<Phone>,
    pub kind: ClientKind,
    pub notes: Option<String>,
}

impl ClientFields {
    pub fn parse(input: &NewClient) -> Result<Self, DomainError> {
        let blank = Self {
            name: ClientName(String::new()),
            email: None,
            phone: None,
            kind: input.kind,
            notes: None,
        };
        blank.patched(&ClientPatch {
            version: 0,
            name: Some(input.name.clone()),
            email: input.email.clone(),
            phone: input.phone.clone(),
            kind: Some(input.kind),
            notes: input.notes.clone(),
        })
    }

    /// The fields of a stored client, which were valid when written: they are not parsed again.
    pub fn stored(client: &Client) -> Self {
        Self {
            name: ClientName(client.name.clone()),
            email: client.email.clone().map(Email),
            phone: client.phone.clone().map(Phone),
            kind: client.kind,
            notes: client.notes.clone(),
        }
    }

    /// Writes the fields into `client`.
    pub fn write(self, client: &mut Client) {
        client.name = self.name.0;
        client.email = self.email.map(|e| e.0);
        client.phone = self.phone.map(|p| p.0);
        client.kind = self.kind;
        client.notes = self.notes;
    }

    /// The fields after applying `patch` to `self`: absent fields keep their value, empty strings clear.
    /// Every invalid field is reported at once.
    pub fn patched(&self, patch: &ClientPatch) -> Result<Self, DomainError> {
        let mut errors = Errors::default();
        let mut next = self.clone();
        if let Some(raw) = &patch.name
            && let Some(name) = errors.take("name", ClientName::parse(raw))
        {
            next.name = name;
        }
        if let Some(raw) = &patch.email
            && let Some(email) = errors.take("email", blank_or(raw, Email::parse))
        {
            next.email = email;
        }
        if let Some(raw) = &patch.phone
            && let Some(phone) = errors.take("phone", blank_or(raw, Phone::parse))
        {
            next.phone = phone;
        }
        if let Some(raw) = &patch.notes
            && let Some(notes) = errors.take("notes", optional(raw, NOTES_MAX))
        {
            next.notes = notes;
        }
        next.kind = patch.kind.unwrap_or(next.kind);
        errors.finish()?;
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use studio_wire::Problem;

    use super::*;

    #[test]
    fn names_are_trimmed_and_required() {
        assert_eq!(
            ClientName::parse("  Cache Test ").unwrap().as_str(),
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
        let Err(DomainError::Refused(Problem::Validation { problems })) =
            ClientFields::parse(&input)
        else {
            panic!("expected a validation error");
        };
        assert_eq!(
            problems,
            BTreeMap::from([
                (
                    "email".to_owned(),
                    FieldProblem::NotAnEmail {
                        value: "nope".into()
                    }
                ),
                ("name".to_owned(), FieldProblem::Required),
                (
                    "phone".to_owned(),
                    FieldProblem::NotAPhone {
                        value: "call me".into()
                    }
                ),
            ])
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
