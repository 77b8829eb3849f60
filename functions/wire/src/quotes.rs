//! Quotes (devis): numbered when created (`D-2026-0001`), edited while a draft, then sent, accepted or
//! rejected — or expired once their validity date has passed unanswered — and an accepted quote becomes a
//! draft invoice, once. Lines and totals are an invoice's (same rounding rule).

use crate::decode::Decode;
use jiff::{Timestamp, civil::Date};
use serde::{Deserialize, Serialize};

use crate::{InvoiceLine, NewLine, Totals};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Decode)]
#[serde(rename_all = "snake_case")]
pub enum QuoteStatus {
    #[default]
    Draft,
    Sent,
    Accepted,
    Rejected,
    /// Sent, and its validity date has passed without an answer (derived when read).
    Expired,
    /// Accepted and turned into an invoice (`invoice_id`).
    Invoiced,
}

impl QuoteStatus {
    pub const ALL: [QuoteStatus; 6] = [
        QuoteStatus::Draft,
        QuoteStatus::Sent,
        QuoteStatus::Accepted,
        QuoteStatus::Rejected,
        QuoteStatus::Expired,
        QuoteStatus::Invoiced,
    ];

    pub fn name(self) -> &'static str {
        match self {
            QuoteStatus::Draft => "draft",
            QuoteStatus::Sent => "sent",
            QuoteStatus::Accepted => "accepted",
            QuoteStatus::Rejected => "rejected",
            QuoteStatus::Expired => "expired",
            QuoteStatus::Invoiced => "invoiced",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
pub struct Quote {
    pub id: String,
    pub number: String,
    pub status: QuoteStatus,
    pub client_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    pub lines: Vec<InvoiceLine>,
    pub totals: Totals,
    /// The last day the offer holds.
    #[serde(with = "crate::day")]
    pub valid_until: Date,
    /// The draft invoice it became.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(with = "crate::instant")]
    pub created_at: Timestamp,
    #[serde(with = "crate::instant")]
    pub updated_at: Timestamp,
    pub version: u64,
}

/// `POST /api/quotes`: a draft, valid 30 days unless told.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewQuote {
    pub client_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    #[serde(default)]
    pub lines: Vec<NewLine>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::day::optional"
    )]
    pub valid_until: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// `PATCH /api/quotes/{id}`: drafts only; `lines`, when given, replaces them all; `project_id` "" unlinks.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotePatch {
    pub version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lines: Option<Vec<NewLine>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::day::optional"
    )]
    pub valid_until: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}
