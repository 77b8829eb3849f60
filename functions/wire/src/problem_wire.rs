//! How [`Problem`] and [`FieldProblem`] travel: one flat object, `{"code": "too_long", "max": 200}`, for both.
//! Flat on purpose: a decoder for one struct of optional values is a fraction of the size of one for enums of
//! some forty variants, which matters in the SPA's wasm.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{BookedSlot, FieldProblem, Problem};

#[derive(Debug, Default, Serialize, Deserialize)]
pub(crate) struct Wire {
    code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    problems: Option<BTreeMap<String, FieldProblem>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    resource: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dependents: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    room: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    conflicts: Option<Vec<BookedSlot>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    detail: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    max: Option<i64>,
}

impl Wire {
    fn code(code: &str) -> Self {
        Self {
            code: code.to_owned(),
            ..Self::default()
        }
    }
}

/// A value the code needs; its absence makes the object not a problem of that code.
fn need<T>(value: Option<T>, name: &str) -> Result<T, String> {
    value.ok_or_else(|| format!("missing `{name}`"))
}

fn text(value: Option<String>) -> Result<String, String> {
    need(value, "value")
}

impl From<FieldProblem> for Wire {
    fn from(problem: FieldProblem) -> Self {
        use FieldProblem as P;
        let code = problem.code();
        let with_value = |value: String| Wire {
            value: Some(value),
            ..Wire::code(code)
        };
        match problem {
            P::Required
            | P::NegativeAmount
            | P::NotPositive
            | P::ClosesBeforeOpens
            | P::HalfDayAboveDay
            | P::NoLines
            | P::NothingToInvoice
            | P::VatWhileExempt
            | P::EndBeforeStart
            | P::NotOnTheMinute
            | P::RangeRequired
            | P::BadCursor
            | P::BadToken
            | P::UnknownField
            | P::Unreadable => Wire::code(code),
            P::TooLong { max } => Wire {
                max: Some(max as i64),
                ..Wire::code(code)
            },
            P::OutOfRange { min, max } => Wire {
                min: Some(min),
                max: Some(max),
                ..Wire::code(code)
            },
            P::AmountTooLarge { max: m }
            | P::TooLongSession { max_hours: m }
            | P::RangeTooWide { max_days: m } => Wire {
                max: Some(m),
                ..Wire::code(code)
            },
            P::TooShortSession { min_minutes } => Wire {
                min: Some(min_minutes),
                ..Wire::code(code)
            },
            P::NotAnAmount { value }
            | P::NotAnEmail { value }
            | P::NotAPhone { value }
            | P::NotAColour { value }
            | P::NotATimeZone { value }
            | P::UnknownCurrency { value }
            | P::NotATime { value }
            | P::NotADate { value }
            | P::NotANumber { value }
            | P::NotASiret { value } => with_value(value),
            P::NoSuch { resource, value } => Wire {
                resource: Some(resource),
                ..with_value(value)
            },
            P::NotBookable { room } => Wire {
                room: Some(room),
                ..Wire::code(code)
            },
            P::OutsideBookingWindow { from, to } => Wire {
                from: Some(from),
                to: Some(to),
                ..Wire::code(code)
            },
            P::SkippedTime { value, zone } => Wire {
                zone: Some(zone),
                ..with_value(value)
            },
        }
    }
}

impl TryFrom<Wire> for FieldProblem {
    type Error = String;

    fn try_from(w: Wire) -> Result<Self, String> {
        use FieldProblem as P;
        Ok(match w.code.as_str() {
            "required" => P::Required,
            "negative_amount" => P::NegativeAmount,
            "not_positive" => P::NotPositive,
            "closes_before_opens" => P::ClosesBeforeOpens,
            "half_day_above_day" => P::HalfDayAboveDay,
            "no_lines" => P::NoLines,
            "nothing_to_invoice" => P::NothingToInvoice,
            "vat_while_exempt" => P::VatWhileExempt,
            "end_before_start" => P::EndBeforeStart,
            "not_on_the_minute" => P::NotOnTheMinute,
            "range_required" => P::RangeRequired,
            "bad_cursor" => P::BadCursor,
            "bad_token" => P::BadToken,
            "unknown_field" => P::UnknownField,
            "unreadable" => P::Unreadable,
            "too_long" => P::TooLong {
                max: need(w.max, "max")?.max(0) as usize,
            },
            "out_of_range" => P::OutOfRange {
                min: need(w.min, "min")?,
                max: need(w.max, "max")?,
            },
            "amount_too_large" => P::AmountTooLarge {
                max: need(w.max, "max")?,
            },
            "too_long_session" => P::TooLongSession {
                max_hours: need(w.max, "max")?,
            },
            "range_too_wide" => P::RangeTooWide {
                max_days: need(w.max, "max")?,
            },
            "too_short_session" => P::TooShortSession {
                min_minutes: need(w.min, "min")?,
            },
            "not_an_amount" => P::NotAnAmount {
                value: text(w.value)?,
            },
            "not_an_email" => P::NotAnEmail {
                value: text(w.value)?,
            },
            "not_a_phone" => P::NotAPhone {
                value: text(w.value)?,
            },
            "not_a_colour" => P::NotAColour {
                value: text(w.value)?,
            },
            "not_a_time_zone" => P::NotATimeZone {
                value: text(w.value)?,
            },
            "unknown_currency" => P::UnknownCurrency {
                value: text(w.value)?,
            },
            "not_a_time" => P::NotATime {
                value: text(w.value)?,
            },
            "not_a_date" => P::NotADate {
                value: text(w.value)?,
            },
            "not_a_number" => P::NotANumber {
                value: text(w.value)?,
            },
            "not_a_siret" => P::NotASiret {
                value: text(w.value)?,
            },
            "no_such" => P::NoSuch {
                resource: need(w.resource, "resource")?,
                value: text(w.value)?,
            },
            "not_bookable" => P::NotBookable {
                room: need(w.room, "room")?,
            },
            "outside_booking_window" => P::OutsideBookingWindow {
                from: need(w.from, "from")?,
                to: need(w.to, "to")?,
            },
            "skipped_time" => P::SkippedTime {
                value: text(w.value)?,
                zone: need(w.zone, "zone")?,
            },
            other => return Err(format!("unknown field problem `{other}`")),
        })
    }
}

impl From<Problem> for Wire {
    fn from(problem: Problem) -> Self {
        let code = problem.code();
        match problem {
            Problem::Contended
            | Problem::NotIssued
            | Problem::AlreadyReversed
            | Problem::UnsupportedMediaType
            | Problem::NoRoute
            | Problem::Unauthenticated
            | Problem::Internal => Wire::code(code),
            Problem::Validation { problems } => Wire {
                problems: Some(problems),
                ..Wire::code(code)
            },
            Problem::NotFound { resource, id }
            | Problem::Conflict { resource, id }
            | Problem::ChangedSince { resource, id } => Wire {
                resource: Some(resource),
                id: Some(id),
                ..Wire::code(code)
            },
            Problem::Duplicate {
                resource,
                field,
                value,
            } => Wire {
                resource: Some(resource),
                field: Some(field),
                value: Some(value),
                ..Wire::code(code)
            },
            Problem::InUse {
                resource,
                dependents,
            } => Wire {
                resource: Some(resource),
                dependents: Some(dependents),
                ..Wire::code(code)
            },
            Problem::Booked { room, conflicts } => Wire {
                room: Some(room),
                conflicts: Some(conflicts),
                ..Wire::code(code)
            },
            Problem::Issued { number } | Problem::AlreadyCancelled { number } => Wire {
                value: Some(number),
                ..Wire::code(code)
            },
            Problem::NotUndoable { resource } => Wire {
                resource: Some(resource),
                ..Wire::code(code)
            },
            Problem::BadRequest { detail } | Problem::Decided { status: detail } => Wire {
                detail: Some(detail),
                ..Wire::code(code)
            },
            Problem::QuoteState { number, status } => Wire {
                value: Some(number),
                detail: Some(status),
                ..Wire::code(code)
            },
            Problem::Overpayment { balance, currency } => Wire {
                max: Some(balance),
                value: Some(currency),
                ..Wire::code(code)
            },
            Problem::AssistantCap { limit } => Wire {
                max: Some(i64::from(limit)),
                ..Wire::code(code)
            },
            Problem::TooLarge { max_bytes } => Wire {
                max: Some(max_bytes as i64),
                ..Wire::code(code)
            },
        }
    }
}

impl TryFrom<Wire> for Problem {
    type Error = String;

    fn try_from(w: Wire) -> Result<Self, String> {
        Ok(match w.code.as_str() {
            "contended" => Problem::Contended,
            "not_issued" => Problem::NotIssued,
            "already_reversed" => Problem::AlreadyReversed,
            "overpayment" => Problem::Overpayment {
                balance: need(w.max, "max")?,
                currency: text(w.value)?,
            },
            "issued" => Problem::Issued {
                number: text(w.value)?,
            },
            "already_cancelled" => Problem::AlreadyCancelled {
                number: text(w.value)?,
            },
            "quote_state" => Problem::QuoteState {
                number: text(w.value)?,
                status: need(w.detail, "detail")?,
            },
            "unsupported_media_type" => Problem::UnsupportedMediaType,
            "no_route" => Problem::NoRoute,
            "unauthenticated" => Problem::Unauthenticated,
            "internal" => Problem::Internal,
            "validation" => Problem::Validation {
                problems: need(w.problems, "problems")?,
            },
            "not_found" => Problem::NotFound {
                resource: need(w.resource, "resource")?,
                id: need(w.id, "id")?,
            },
            "conflict" => Problem::Conflict {
                resource: need(w.resource, "resource")?,
                id: need(w.id, "id")?,
            },
            "duplicate" => Problem::Duplicate {
                resource: need(w.resource, "resource")?,
                field: need(w.field, "field")?,
                value: text(w.value)?,
            },
            "in_use" => Problem::InUse {
                resource: need(w.resource, "resource")?,
                dependents: need(w.dependents, "dependents")?,
            },
            "booked" => Problem::Booked {
                room: need(w.room, "room")?,
                conflicts: need(w.conflicts, "conflicts")?,
            },
            "changed_since" => Problem::ChangedSince {
                resource: need(w.resource, "resource")?,
                id: need(w.id, "id")?,
            },
            "not_undoable" => Problem::NotUndoable {
                resource: need(w.resource, "resource")?,
            },
            "decided" => Problem::Decided {
                status: need(w.detail, "detail")?,
            },
            "bad_request" => Problem::BadRequest {
                detail: need(w.detail, "detail")?,
            },
            "assistant_cap" => Problem::AssistantCap {
                limit: need(w.max, "max")?.clamp(0, i64::from(u32::MAX)) as u32,
            },
            "too_large" => Problem::TooLarge {
                max_bytes: need(w.max, "max")?.max(0) as usize,
            },
            other => return Err(format!("unknown problem `{other}`")),
        })
    }
}
