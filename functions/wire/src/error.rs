//! Errors as data. The domain refuses with a [`Problem`] (a code and the values behind it); each edge — the API
//! body, the SPA, the assistant — words it in the user's language with [`crate::messages`], never by reading text.
//!
//! On the wire: `{ "error": { "code", "message", "fields"?, "problem" } }`: `code` is stable, `message` and
//! `fields` (field → sentence) are in the request's language, and `problem` is the refusal as data — its code
//! with its values, e.g. `{"code": "duplicate", "resource": "rooms", "field": "name", "value": "Studio A"}`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{BookedSlot, Locale, messages, problem_wire::Wire};

/// Why a request was refused. On the wire: `{"code": "duplicate", "resource": …, "field": …, "value": …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Wire", into = "Wire")]
pub enum Problem {
    /// Some fields are invalid; `problems` says why for each (field → problem).
    Validation {
        problems: BTreeMap<String, FieldProblem>,
    },
    /// No such entity in the caller's studio.
    NotFound {
        resource: String,
        id: String,
    },
    /// Another entity of `resource` already holds `value` in `field` (a name, an email).
    Duplicate {
        resource: String,
        field: String,
        value: String,
    },
    /// The entity changed since the caller read it (stale version).
    Conflict {
        resource: String,
        id: String,
    },
    /// The entity cannot be deleted while `dependents` refer to it.
    InUse {
        resource: String,
        dependents: String,
    },
    /// A booking collides with these sessions of `room`.
    Booked {
        room: String,
        conflicts: Vec<BookedSlot>,
    },
    /// An issued invoice (its number) cannot be edited, deleted or issued again; a credit note cancels it.
    Issued {
        number: String,
    },
    /// A draft has no legal existence yet: it is deleted, not cancelled by a credit note.
    NotIssued,
    /// This invoice was already cancelled by a credit note.
    AlreadyCancelled {
        number: String,
    },
    /// Quote `number` is `status` (a [`crate::QuoteStatus`] name), which does not allow what was asked.
    QuoteState {
        number: String,
        status: String,
    },
    /// A payment above what the invoice still owes (`balance`, minor units of the studio's `currency`).
    Overpayment {
        balance: i64,
        currency: String,
    },
    /// This payment was already reversed.
    AlreadyReversed,
    /// Concurrent writes kept this one from going through; it may be retried.
    Contended,
    /// What an undo would restore was changed since (this entity of `resource`): nothing was undone.
    ChangedSince {
        resource: String,
        id: String,
    },
    /// This kind of write cannot be undone (a deletion, an issued number…).
    NotUndoable {
        resource: String,
    },
    /// The assistant's proposal was already `status` (confirmed, cancelled or expired).
    Decided {
        status: String,
    },
    /// The request itself is malformed (not JSON, an unknown field…); `detail` is the parser's own words.
    BadRequest {
        detail: String,
    },
    /// The body is not JSON.
    UnsupportedMediaType,
    /// No API route has that path.
    NoRoute,
    Unauthenticated,
    TooLarge {
        max_bytes: usize,
    },
    /// The studio's assistant answered its `limit` requests of the day.
    AssistantCap {
        limit: u32,
    },
    Internal,
}

/// Why one field was refused. On the wire: `{"code": "too_long", "max": 200}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Wire", into = "Wire")]
pub enum FieldProblem {
    Required,
    TooLong {
        max: usize,
    },
    /// A whole number outside `[min, max]`.
    OutOfRange {
        min: i64,
        max: i64,
    },
    /// An amount of money above `max` (minor units).
    AmountTooLarge {
        max: i64,
    },
    NotAnAmount {
        value: String,
    },
    NegativeAmount,
    /// An amount that must be more than zero (a payment's).
    NotPositive,
    NotAnEmail {
        value: String,
    },
    NotAPhone {
        value: String,
    },
    NotAColour {
        value: String,
    },
    NotATimeZone {
        value: String,
    },
    UnknownCurrency {
        value: String,
    },
    NotATime {
        value: String,
    },
    NotADate {
        value: String,
    },
    NotANumber {
        value: String,
    },
    /// A SIRET is 14 digits.
    NotASiret {
        value: String,
    },
    /// Closing time not after opening time.
    ClosesBeforeOpens,
    /// A room's half day priced above its day.
    HalfDayAboveDay,
    /// An invoice is issued with at least one line.
    NoLines,
    /// No session of the period is left to invoice.
    NothingToInvoice,
    /// A VAT-exempt studio invoices at 0 %.
    VatWhileExempt,
    /// No entity of `resource` is called or identified by `value`.
    NoSuch {
        resource: String,
        value: String,
    },
    /// The room exists but is inactive or not bookable.
    NotBookable {
        room: String,
    },
    EndBeforeStart,
    /// A session longer than the longest one allowed.
    TooLongSession {
        max_hours: i64,
    },
    /// A session shorter than the shortest one allowed.
    TooShortSession {
        min_minutes: i64,
    },
    /// Times are on whole minutes.
    NotOnTheMinute,
    /// Outside the dates a booking may use (`from`, `to`: ISO dates).
    OutsideBookingWindow {
        from: String,
        to: String,
    },
    /// A range wider than `max_days`.
    RangeTooWide {
        max_days: i64,
    },
    /// Both ends of a range (or the alternative parameter) are needed.
    RangeRequired,
    /// A cursor the API did not hand out.
    BadCursor,
    /// A client-chosen id (a request id) that is not 1–64 letters, digits, `-` or `_`.
    BadToken,
    /// The request names a field this request does not have.
    UnknownField,
    /// The value is not of the field's kind (text for a number, an unknown choice, an impossible instant…).
    Unreadable,
    /// A local time the clocks skip (daylight saving).
    SkippedTime {
        value: String,
        zone: String,
    },
}

/// The body of every error response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `validation`, `not_found`, `duplicate`, `conflict`, `booked`, …
    pub code: String,
    /// A sentence a person can act on, in the request's language.
    pub message: String,
    /// Per-field sentences for forms, in the request's language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
    /// The refusal as data, for a client to word in its own language.
    pub problem: Problem,
}

impl ErrorDetail {
    pub fn new(problem: Problem, locale: Locale) -> Self {
        Self {
            code: problem.code().to_owned(),
            message: messages::problem(&problem, locale),
            fields: messages::field_sentences(&problem, locale),
            problem,
        }
    }
}

impl Problem {
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Validation { .. } => "validation",
            Problem::NotFound { .. } => "not_found",
            Problem::Duplicate { .. } => "duplicate",
            Problem::Conflict { .. } => "conflict",
            Problem::InUse { .. } => "in_use",
            Problem::Booked { .. } => "booked",
            Problem::Issued { .. } => "issued",
            Problem::NotIssued => "not_issued",
            Problem::AlreadyCancelled { .. } => "already_cancelled",
            Problem::QuoteState { .. } => "quote_state",
            Problem::Overpayment { .. } => "overpayment",
            Problem::AlreadyReversed => "already_reversed",
            Problem::Contended => "contended",
            Problem::ChangedSince { .. } => "changed_since",
            Problem::NotUndoable { .. } => "not_undoable",
            Problem::Decided { .. } => "decided",
            Problem::BadRequest { .. } => "bad_request",
            Problem::UnsupportedMediaType => "unsupported_media_type",
            Problem::NoRoute => "no_route",
            Problem::Unauthenticated => "unauthenticated",
            Problem::TooLarge { .. } => "too_large",
            Problem::AssistantCap { .. } => "assistant_cap",
            Problem::Internal => "internal",
        }
    }

    /// One invalid field.
    pub fn field(field: &str, problem: FieldProblem) -> Self {
        Problem::Validation {
            problems: BTreeMap::from([(field.to_owned(), problem)]),
        }
    }
}

impl FieldProblem {
    /// The stable code (`too_long`, `not_an_email`, …).
    pub fn code(&self) -> &'static str {
        use FieldProblem as P;
        match self {
            P::Required => "required",
            P::TooLong { .. } => "too_long",
            P::OutOfRange { .. } => "out_of_range",
            P::AmountTooLarge { .. } => "amount_too_large",
            P::NotAnAmount { .. } => "not_an_amount",
            P::NegativeAmount => "negative_amount",
            P::NotPositive => "not_positive",
            P::NotAnEmail { .. } => "not_an_email",
            P::NotAPhone { .. } => "not_a_phone",
            P::NotAColour { .. } => "not_a_colour",
            P::NotATimeZone { .. } => "not_a_time_zone",
            P::UnknownCurrency { .. } => "unknown_currency",
            P::NotATime { .. } => "not_a_time",
            P::NotADate { .. } => "not_a_date",
            P::NotANumber { .. } => "not_a_number",
            P::NotASiret { .. } => "not_a_siret",
            P::ClosesBeforeOpens => "closes_before_opens",
            P::HalfDayAboveDay => "half_day_above_day",
            P::NoLines => "no_lines",
            P::NothingToInvoice => "nothing_to_invoice",
            P::VatWhileExempt => "vat_while_exempt",
            P::NoSuch { .. } => "no_such",
            P::NotBookable { .. } => "not_bookable",
            P::EndBeforeStart => "end_before_start",
            P::TooLongSession { .. } => "too_long_session",
            P::TooShortSession { .. } => "too_short_session",
            P::NotOnTheMinute => "not_on_the_minute",
            P::OutsideBookingWindow { .. } => "outside_booking_window",
            P::RangeTooWide { .. } => "range_too_wide",
            P::RangeRequired => "range_required",
            P::BadCursor => "bad_cursor",
            P::BadToken => "bad_token",
            P::UnknownField => "unknown_field",
            P::Unreadable => "unreadable",
            P::SkippedTime { .. } => "skipped_time",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_carries_the_code_the_values_and_the_words() {
        let detail = ErrorDetail::new(
            Problem::Duplicate {
                resource: "rooms".into(),
                field: "name".into(),
                value: "Studio A".into(),
            },
            Locale::En,
        );
        let json = serde_json::to_value(ErrorBody { error: detail }).unwrap();
        assert_eq!(json["error"]["code"], "duplicate");
        assert_eq!(json["error"]["problem"]["value"], "Studio A");
        assert_eq!(
            json["error"]["message"],
            "Another room is already called “Studio A”."
        );
        assert_eq!(
            json["error"]["fields"]["name"],
            "Another room is already called “Studio A”."
        );
        let back: ErrorBody = serde_json::from_value(json).unwrap();
        assert_eq!(back.error.problem.code(), "duplicate");
    }

    #[test]
    fn field_problems_travel_as_codes_with_values() {
        let problem = Problem::field("capacity", FieldProblem::OutOfRange { min: 1, max: 1000 });
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "validation", "problems": {"capacity": {"code": "out_of_range", "min": 1, "max": 1000}}})
        );
    }
}
