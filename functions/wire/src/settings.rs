//! The studio's settings: one item per studio. Every rule that depends on the studio's identity, currency, time
//! zone or hours reads them.

use crate::decode::Decode;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// `GET /api/settings`; before a studio saves any, the defaults (version 0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Decode)]
pub struct StudioSettings {
    /// How the app and documents name the studio.
    pub display_name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// French company number (14 digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub siret: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_number: Option<String>,
    /// VAT-exempt ("franchise en base", art. 293 B du CGI): invoices carry no VAT.
    pub vat_exempt: bool,
    /// In hundredths of a percent: 2000 is 20 %, 550 is 5.5 %.
    pub default_vat_rate: u32,
    /// ISO 4217 code (`EUR`, `USD`, …).
    pub currency: String,
    /// IANA time zone (`Europe/Paris`, `America/New_York`, …).
    pub time_zone: String,
    /// Local opening and closing times, `HH:MM` (`24:00` closes at midnight).
    pub opens_at: String,
    pub closes_at: String,
    pub payment_terms_days: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_footer: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::optional"
    )]
    pub updated_at: Option<Timestamp>,
    /// 0 until the settings are first saved.
    pub version: u64,
}

impl Default for StudioSettings {
    fn default() -> Self {
        Self {
            display_name: "Studio".into(),
            legal_name: None,
            address: None,
            siret: None,
            vat_number: None,
            vat_exempt: false,
            default_vat_rate: 2000,
            currency: "EUR".into(),
            time_zone: "Europe/Paris".into(),
            opens_at: "08:00".into(),
            closes_at: "24:00".into(),
            payment_terms_days: 30,
            invoice_footer: None,
            updated_at: None,
            version: 0,
        }
    }
}

/// `PUT /api/settings`: the fields present change; `version` is the one the editor saw (0 before the first
/// save). For the optional text fields, an empty string clears the value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsPatch {
    pub version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub siret: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_exempt: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_vat_rate: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opens_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closes_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_terms_days: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_footer: Option<String>,
}
