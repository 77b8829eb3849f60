//! The studio's settings: one item (`SETTINGS`) per studio, version-checked like every entity. Before a studio
//! saves any, it has the defaults (version 0). The time zone, currency and opening hours that rules depend on
//! come from here.

use jiff::tz::TimeZone;
use studio_wire::{FieldProblem, Money, SettingsPatch, StudioSettings};

use crate::{
    ChangeSet, Ctx, DomainError, Op,
    entity::{decode_value, encode_value},
    keys,
    store::Item,
    text::trimmed,
    tx::{Before, Tx},
    validate::{Errors, optional, required},
};

pub const RESOURCE: &str = "settings";
/// The id invalidations name the settings by (there is one per studio).
pub const ID: &str = "studio";
pub const NAME_MAX: usize = 200;
pub const ADDRESS_MAX: usize = 500;
pub const FOOTER_MAX: usize = 2000;
/// 100 %: a VAT rate is given in hundredths of a percent.
pub const VAT_RATE_MAX: u32 = 10_000;
pub const PAYMENT_TERMS_MAX: u32 = 365;

/// The settings and the time zone they name.
#[derive(Debug, Clone)]
pub struct Settings {
    pub values: StudioSettings,
    pub zone: TimeZone,
}

impl Settings {
    /// Opening and closing, in minutes after local midnight (closing may be 1440, midnight).
    pub fn hours(&self) -> (i32, i32) {
        let opens = minutes(&self.values.opens_at).unwrap_or(0);
        let closes = minutes(&self.values.closes_at).unwrap_or(24 * 60);
        (opens, closes)
    }

    pub fn money(&self, amount: Money, locale: studio_wire::Locale) -> String {
        amount.display(&self.values.currency, locale)
    }
}

/// "HH:MM" → minutes after midnight; "24:00" is midnight at the end of the day.
pub fn minutes(raw: &str) -> Result<i32, FieldProblem> {
    let invalid = || FieldProblem::NotATime {
        value: raw.trim().to_owned(),
    };
    let (h, m) = raw.trim().split_once(':').ok_or_else(invalid)?;
    let (h, m): (i32, i32) = (
        h.parse().map_err(|_| invalid())?,
        m.parse().map_err(|_| invalid())?,
    );
    let ok = (0..24).contains(&h) && (0..60).contains(&m) || (h, m) == (24, 0);
    if ok { Ok(h * 60 + m) } else { Err(invalid()) }
}

fn zone(name: &str) -> Result<TimeZone, FieldProblem> {
    TimeZone::get(name.trim()).map_err(|_| FieldProblem::NotATimeZone {
        value: name.trim().to_owned(),
    })
}

fn currency(raw: &str) -> Result<String, FieldProblem> {
    let code = raw.trim().to_uppercase();
    if studio_wire::money::CURRENCIES.contains(&code.as_str()) {
        Ok(code)
    } else {
        Err(FieldProblem::UnknownCurrency {
            value: raw.trim().to_owned(),
        })
    }
}

fn siret(raw: &str) -> Result<String, FieldProblem> {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 14 && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(FieldProblem::NotASiret {
            value: raw.trim().to_owned(),
        })
    }
}

fn bounded(value: u32, max: u32) -> Result<u32, FieldProblem> {
    if value <= max {
        Ok(value)
    } else {
        Err(FieldProblem::OutOfRange {
            min: 0,
            max: i64::from(max),
        })
    }
}

/// The settings after `patch`: every invalid field reported at once.
fn patched(current: &StudioSettings, patch: &SettingsPatch) -> Result<StudioSettings, DomainError> {
    let mut errors = Errors::default();
    let mut next = current.clone();
    if let Some(raw) = &patch.display_name
        && let Some(name) = errors.take("display_name", required(raw, NAME_MAX))
    {
        next.display_name = name;
    }
    for (field, value, slot, max) in [
        (
            "legal_name",
            &patch.legal_name,
            &mut next.legal_name,
            NAME_MAX,
        ),
        ("address", &patch.address, &mut next.address, ADDRESS_MAX),
        ("vat_number", &patch.vat_number, &mut next.vat_number, 40),
        (
            "invoice_footer",
            &patch.invoice_footer,
            &mut next.invoice_footer,
            FOOTER_MAX,
        ),
    ] {
        if let Some(raw) = value
            && let Some(text) = errors.take(field, optional(raw, max))
        {
            *slot = text;
        }
    }
    if let Some(raw) = &patch.siret
        && let Some(value) = errors.take("siret", trimmed(raw).map(|s| siret(&s)).transpose())
    {
        next.siret = value;
    }
    next.vat_exempt = patch.vat_exempt.unwrap_or(next.vat_exempt);
    if let Some(rate) = patch.default_vat_rate
        && let Some(rate) = errors.take("default_vat_rate", bounded(rate, VAT_RATE_MAX))
    {
        next.default_vat_rate = rate;
    }
    if let Some(days) = patch.payment_terms_days
        && let Some(days) = errors.take("payment_terms_days", bounded(days, PAYMENT_TERMS_MAX))
    {
        next.payment_terms_days = days;
    }
    if let Some(raw) = &patch.currency
        && let Some(code) = errors.take("currency", currency(raw))
    {
        next.currency = code;
    }
    if let Some(raw) = &patch.time_zone
        && errors.take("time_zone", zone(raw)).is_some()
    {
        next.time_zone = raw.trim().to_owned();
    }
    let opens = match &patch.opens_at {
        Some(raw) => errors.take("opens_at", minutes(raw)),
        None => minutes(&next.opens_at).ok(),
    };
    let closes = match &patch.closes_at {
        Some(raw) => errors.take("closes_at", minutes(raw)),
        None => minutes(&next.closes_at).ok(),
    };
    if let (Some(opens), Some(closes)) = (opens, closes) {
        if closes <= opens {
            errors.add("closes_at", FieldProblem::ClosesBeforeOpens);
        }
        next.opens_at = format!("{:02}:{:02}", opens / 60, opens % 60);
        next.closes_at = format!("{:02}:{:02}", closes / 60, closes % 60);
    }
    errors.finish()?;
    Ok(next)
}

/// The studio's settings (the defaults before the first save).
pub async fn get(ctx: &Ctx) -> Result<StudioSettings, DomainError> {
    match ctx.store().get(&keys::settings(ctx)).await? {
        None => Ok(StudioSettings::default()),
        Some(item) => {
            let mut values: StudioSettings = decode_value(&item)?;
            values.version = item.version;
            Ok(values)
        }
    }
}

/// The settings with their time zone, for the rules that need them.
pub async fn load(ctx: &Ctx) -> Result<Settings, DomainError> {
    let values = get(ctx).await?;
    // The zone was valid when saved; a time-zone database that no longer knows it falls back to UTC, loudly.
    let zone = zone(&values.time_zone).unwrap_or_else(|_| {
        tracing::error!(studio = %ctx.studio, zone = %values.time_zone, "unknown stored time zone; using UTC");
        TimeZone::UTC
    });
    Ok(Settings { values, zone })
}

/// Applies `patch` if `patch.version` is still the stored one (0 before the first save).
pub async fn update(
    ctx: &Ctx,
    patch: &SettingsPatch,
) -> Result<(StudioSettings, ChangeSet), DomainError> {
    let current = get(ctx).await?;
    let mut next = patched(&current, patch)?;
    if patch.version != current.version {
        return Err(stale());
    }
    if next == current {
        return Ok((current, ChangeSet::default()));
    }
    next.version = current.version + 1;
    next.updated_at = Some(ctx.now());
    let before = if current.version == 0 {
        Before::Nothing
    } else {
        Before::Known(current.version, encode_value(&current))
    };
    let item = Item::new(keys::settings(ctx), next.version, encode_value(&next));
    let mut tx = Tx::default();
    tx.put_entity(RESOURCE, ID, Op::Updated, item, before, stale());
    let changes = tx.commit(ctx).await?;
    tracing::info!(studio = %ctx.studio, version = next.version, "settings updated");
    Ok((next, changes))
}

fn stale() -> DomainError {
    studio_wire::Problem::Conflict {
        resource: RESOURCE.to_owned(),
        id: ID.to_owned(),
    }
    .into()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use studio_wire::Problem;

    use super::*;

    #[test]
    fn opening_hours_read_hh_mm_and_allow_midnight_as_closing() {
        assert_eq!(minutes("08:30"), Ok(510));
        assert_eq!(minutes("24:00"), Ok(1440));
        assert!(minutes("24:30").is_err() && minutes("8h").is_err());
    }

    #[test]
    fn every_invalid_setting_is_reported_with_its_code() {
        let patch = SettingsPatch {
            display_name: Some(" ".into()),
            currency: Some("XYZ".into()),
            time_zone: Some("Mars/Olympus".into()),
            siret: Some("123".into()),
            opens_at: Some("20:00".into()),
            closes_at: Some("09:00".into()),
            default_vat_rate: Some(20_000),
            ..SettingsPatch::default()
        };
        let Err(DomainError::Refused(Problem::Validation { problems })) =
            patched(&StudioSettings::default(), &patch)
        else {
            panic!("expected a validation error");
        };
        assert_eq!(
            problems,
            BTreeMap::from([
                ("closes_at".to_owned(), FieldProblem::ClosesBeforeOpens),
                (
                    "currency".to_owned(),
                    FieldProblem::UnknownCurrency {
                        value: "XYZ".into()
                    }
                ),
                (
                    "default_vat_rate".to_owned(),
                    FieldProblem::OutOfRange {
                        min: 0,
                        max: 10_000
                    }
                ),
                ("display_name".to_owned(), FieldProblem::Required),
                (
                    "siret".to_owned(),
                    FieldProblem::NotASiret {
                        value: "123".into()
                    }
                ),
                (
                    "time_zone".to_owned(),
                    FieldProblem::NotATimeZone {
                        value: "Mars/Olympus".into()
                    }
                ),
            ])
        );
    }

    #[test]
    fn a_valid_patch_normalizes_its_values() {
        let next = patched(
            &StudioSettings::default(),
            &SettingsPatch {
                currency: Some("usd".into()),
                time_zone: Some("America/New_York".into()),
                siret: Some("123 456 789 00012".into()),
                opens_at: Some("9:00".into()),
                ..SettingsPatch::default()
            },
        )
        .unwrap();
        assert_eq!(
            (
                next.currency.as_str(),
                next.time_zone.as_str(),
                next.siret.as_deref(),
                next.opens_at.as_str()
            ),
            ("USD", "America/New_York", Some("12345678900012"), "09:00")
        );
    }
}
