//! Every storage key format, in one place. All of a studio's items share its partition `STUDIO#<studio>`; the
//! sort key says what an item is:
//!
//! | sort key | item |
//! |---|---|
//! | `<PREFIX><ulid>` (`CLIENT#…`, `ROOM#…`, `EQUIPMENT#…`, `SESSION#…`) | an entity (`Entity::PREFIX`) |
//! | `UNIQUE#<kind>#<value>` | a uniqueness guard holding its owner's id |
//! | `REF#<KIND>#<id>` | how many sessions refer to a room or a client (`REF#STUDIO#CLIENTS`: the clients) |
//! | `TERM#<KIND>#<word>#<id>` | a word an entity is searched by, with a copy of the entity (`search`) |
//! | `IDX#CLIENT#<client>#<session>` | a client's session (read by prefix) |
//! | `IDX#CLIENTINVOICE#<client>#<invoice>` | a client's invoice or credit note (read by prefix) |
//! | `DAY#<utc date>#<room>` | a room's calendar day: the active sessions touching it |
//! | `CHANGE#<ulid>` | a change-feed record (expires) |
//! | `CONV#<id>` | an assistant conversation |
//! | `SETTINGS` | the studio's settings |
//! | `COUNTER#<series>#<year>` | the last number given in an invoice or credit-note series |
//! | `BALANCE#CLIENT#<client>` | what a client owes |
//! | `INVOICED#SESSION#<session>` | the invoice billing a session (a session is billed at most once) |
//! | `IDX#INVOICE#<invoice>#<payment>` | an invoice's payment (read by prefix) |
//! | `ACTIVITY#<newest-first id>` | a history record: one committed write, who, through what, before/after |
//! | `HIST#<resource>#<id>#<newest-first id>` | the same record, for one entity's history |
//! | `PENDING#<id>` | an assistant proposal waiting for confirmation (expires) |

use jiff::civil::Date;

use crate::{Ctx, store::Key};

fn key(ctx: &Ctx, sort: String) -> Key {
    Key::new(ctx.studio.partition(), sort)
}

pub fn entity(ctx: &Ctx, prefix: &str, id: &str) -> Key {
    key(ctx, format!("{prefix}{id}"))
}

pub fn unique(ctx: &Ctx, kind: &str, value: &str) -> Key {
    key(ctx, format!("UNIQUE#{kind}#{value}"))
}

pub fn refs(ctx: &Ctx, kind: &str, id: &str) -> Key {
    key(ctx, format!("REF#{kind}#{id}"))
}

/// The prefix of one client's session index items.
pub fn client_sessions_prefix(client_id: &str) -> String {
    format!("IDX#CLIENT#{client_id}#")
}

pub fn client_session(ctx: &Ctx, client_id: &str, session_id: &str) -> Key {
    key(
        ctx,
        format!("{}{session_id}", client_sessions_prefix(client_id)),
    )
}

/// The prefix of one client's invoice index items (its invoices and credit notes).
pub fn client_invoices_prefix(client_id: &str) -> String {
    format!("IDX#CLIENTINVOICE#{client_id}#")
}

pub fn client_invoice(ctx: &Ctx, client_id: &str, invoice_id: &str) -> Key {
    key(
        ctx,
        format!("{}{invoice_id}", client_invoices_prefix(client_id)),
    )
}

/// The prefix of every room's calendar item of one UTC day.
pub fn day_prefix(date: Date) -> String {
    format!("DAY#{date}#")
}

pub fn day(ctx: &Ctx, date: Date, room_id: &str) -> Key {
    key(ctx, format!("{}{room_id}", day_prefix(date)))
}

pub const CHANGE_PREFIX: &str = "CHANGE#";

pub fn change(ctx: &Ctx, id: &str) -> Key {
    key(ctx, format!("{CHANGE_PREFIX}{id}"))
}

pub fn conversation(ctx: &Ctx, id: &str) -> Key {
    key(ctx, format!("CONV#{id}"))
}

/// What a client owes.
pub fn client_balance(ctx: &Ctx, client_id: &str) -> Key {
    key(ctx, format!("BALANCE#CLIENT#{client_id}"))
}

/// The prefix of one invoice's payment index items.
pub fn invoice_payments_prefix(invoice_id: &str) -> String {
    format!("IDX#INVOICE#{invoice_id}#")
}

pub fn invoice_payment(ctx: &Ctx, invoice_id: &str, payment_id: &str) -> Key {
    key(
        ctx,
        format!("{}{payment_id}", invoice_payments_prefix(invoice_id)),
    )
}

/// Which invoice bills a session (held while a draft or an issued invoice bills it).
pub fn invoiced_session(ctx: &Ctx, session_id: &str) -> Key {
    key(ctx, format!("INVOICED#SESSION#{session_id}"))
}

/// A number series' counter for one year (`COUNTER#INVOICE#2026`).
pub fn counter(ctx: &Ctx, series: &str, year: i16) -> Key {
    key(ctx, format!("COUNTER#{series}#{year}"))
}

pub fn settings(ctx: &Ctx) -> Key {
    key(ctx, "SETTINGS".to_owned())
}

/// A history record, under an id that sorts newest first (see `history`).
pub const ACTIVITY_PREFIX: &str = "ACTIVITY#";

pub fn activity(ctx: &Ctx, newest_first: &str) -> Key {
    key(ctx, format!("{ACTIVITY_PREFIX}{newest_first}"))
}

/// The prefix of one entity's history records.
pub fn entity_history_prefix(resource: &str, id: &str) -> String {
    format!("HIST#{resource}#{id}#")
}

pub fn entity_history(ctx: &Ctx, resource: &str, id: &str, newest_first: &str) -> Key {
    key(
        ctx,
        format!("{}{newest_first}", entity_history_prefix(resource, id)),
    )
}

/// A proposal of the assistant waiting for a person's confirmation.
pub const PENDING_PREFIX: &str = "PENDING#";

pub fn pending(ctx: &Ctx, id: &str) -> Key {
    key(ctx, format!("{PENDING_PREFIX}{id}"))
}
