//! Invoices and credit notes (avoirs). A draft is editable and deletable and has no number; issuing gives it
//! the next number of its year's series and freezes it; an issued invoice is cancelled only by a credit note.
//! Totals are computed by the server (see `domain::invoices::totals` for the rounding rule).

use crate::decode::Decode;
use jiff::{Timestamp, civil::Date};
use serde::{Deserialize, Serialize};

use crate::{Locale, Money, Quantity, pick};

/// A VAT rate in hundredths of a percent as a person reads it: 2000 → "20 %", 550 → "5,5 %" (French) or
/// "5.5 %" (English).
pub fn rate_text(hundredths: u32, locale: Locale) -> String {
    let (units, rest) = (hundredths / 100, hundredths % 100);
    let decimals = format!("{rest:02}");
    match decimals.trim_end_matches('0') {
        "" => format!("{units} %"),
        digits => format!("{units}{}{digits} %", pick(locale, ',', '.')),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Decode)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceKind {
    #[default]
    Invoice,
    /// An avoir: cancels an issued invoice, with its own number series.
    CreditNote,
}

impl InvoiceKind {
    pub const ALL: [InvoiceKind; 2] = [InvoiceKind::Invoice, InvoiceKind::CreditNote];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Decode)]
#[serde(rename_all = "snake_case")]
pub enum InvoiceStatus {
    #[default]
    Draft,
    Issued,
    PartiallyPaid,
    Paid,
    /// Cancelled by a credit note.
    Cancelled,
}

impl InvoiceStatus {
    pub const ALL: [InvoiceStatus; 5] = [
        InvoiceStatus::Draft,
        InvoiceStatus::Issued,
        InvoiceStatus::PartiallyPaid,
        InvoiceStatus::Paid,
        InvoiceStatus::Cancelled,
    ];
}

/// One line: `quantity × unit_price`, at `vat_rate` (hundredths of a percent: 2000 is 20 %).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Decode)]
pub struct InvoiceLine {
    pub description: String,
    pub quantity: Quantity,
    pub unit_price: Money,
    pub vat_rate: u32,
    /// Excl. VAT, rounded to the cent.
    pub amount: Money,
    /// The session this line bills (a session is billed at most once).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
}

/// VAT of one rate: on the sum of that rate's line amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Decode)]
pub struct VatLine {
    pub rate: u32,
    pub base: Money,
    pub vat: Money,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, Decode)]
pub struct Totals {
    /// Excl. VAT.
    pub net: Money,
    pub vat: Vec<VatLine>,
    /// Incl. VAT.
    pub gross: Money,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
pub struct Invoice {
    pub id: String,
    pub kind: InvoiceKind,
    /// `2026-0001` (credit notes `AV-2026-0001`), given when issued.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    pub status: InvoiceStatus,
    pub client_id: String,
    /// The project it bills, one of its client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    pub lines: Vec<InvoiceLine>,
    pub totals: Totals,
    /// The sum of its payments (reversals deducted).
    #[serde(default)]
    pub paid: Money,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::day::optional"
    )]
    pub issued_on: Option<Date>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::day::optional"
    )]
    pub due_on: Option<Date>,
    /// Issued, not fully paid and past its due date: derived when read (in the studio's zone), not a status.
    #[serde(default)]
    pub overdue: bool,
    /// For a credit note: the invoice it cancels; for a cancelled invoice: its credit note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(with = "crate::instant")]
    pub created_at: Timestamp,
    #[serde(with = "crate::instant")]
    pub updated_at: Timestamp,
    pub version: u64,
}

/// A line as typed: the VAT rate defaults to the studio's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Decode)]
#[serde(deny_unknown_fields)]
pub struct NewLine {
    pub description: String,
    pub quantity: Quantity,
    pub unit_price: Money,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_rate: Option<u32>,
}

/// `POST /api/invoices`: a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewInvoice {
    pub client_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    #[serde(default)]
    pub lines: Vec<NewLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// `PATCH /api/invoices/{id}`: drafts only; `lines`, when given, replaces them all; `project_id` "" unlinks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvoicePatch {
    pub version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<NewLine>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// `POST /api/invoices/from-sessions`: a draft billing the client's sessions between two local days (included)
/// that no invoice bills yet, one line each at the session's own price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionsToInvoice {
    pub client_id: String,
    #[serde(with = "crate::day")]
    pub from: Date,
    #[serde(with = "crate::day")]
    pub to: Date,
}

/// `POST /api/invoices/{id}/issue` and `/credit-note`: the version the person saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionOnly {
    pub version: u64,
}
