//! Payments against an issued invoice. A payment is never deleted: a reversal entry (the same amount, negative)
//! undoes it. Each one changes its invoice's paid amount and status, and its client's balance, in the same
//! transaction.

use crate::decode::Decode;
use jiff::{Timestamp, civil::Date};
use serde::{Deserialize, Serialize};

use crate::Money;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Decode)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    Card,
    #[default]
    Transfer,
    Cash,
    Cheque,
    Other,
}

impl PaymentMethod {
    /// Every value, in the order forms offer them.
    pub const ALL: [PaymentMethod; 5] = [
        PaymentMethod::Card,
        PaymentMethod::Transfer,
        PaymentMethod::Cash,
        PaymentMethod::Cheque,
        PaymentMethod::Other,
    ];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
pub struct Payment {
    pub id: String,
    pub invoice_id: String,
    pub client_id: String,
    /// Negative for a reversal.
    pub amount: Money,
    pub method: PaymentMethod,
    #[serde(with = "crate::day")]
    pub paid_on: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// For a reversal: the payment it undoes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverses: Option<String>,
    /// For a reversed payment: its reversal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reversed_by: Option<String>,
    #[serde(with = "crate::instant")]
    pub created_at: Timestamp,
    pub version: u64,
}

/// `POST /api/payments`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPayment {
    pub invoice_id: String,
    pub amount: Money,
    #[serde(default)]
    pub method: PaymentMethod,
    /// Defaults to today in the studio's zone.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::day::optional"
    )]
    pub paid_on: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// What a client owes: issued invoices' totals less their payments, credit notes included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Decode)]
pub struct ClientBalance {
    pub outstanding: Money,
}

/// `GET /api/revenue?from=…&to=…`: what the studio invoiced and collected between two days (both included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Decode)]
pub struct Revenue {
    #[serde(with = "crate::day")]
    pub from: Date,
    #[serde(with = "crate::day")]
    pub to: Date,
    /// Invoices issued in the period less credit notes issued in it, excl. VAT (the turnover).
    pub invoiced_net: Money,
    /// The same, incl. VAT.
    pub invoiced_gross: Money,
    /// Payments received in the period, reversals deducted.
    pub collected: Money,
    /// Invoices and credit notes issued in the period.
    pub documents: u32,
}
