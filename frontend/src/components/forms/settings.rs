//! The studio settings form: identity, billing, hours and time zone.

use studio_wire::{FieldProblem, Locale, Money, SettingsPatch, StudioSettings, money::CURRENCIES};
use yew::prelude::*;

use super::{FormProps, edit, edit_checked, field, form_shell, input, percent, refused, use_form};
use crate::{api::ApiError, i18n::use_texts};

/// Zones offered as suggestions (any IANA name may be typed).
const ZONES: [&str; 14] = [
    "Europe/Paris",
    "Europe/Brussels",
    "Europe/Zurich",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Lisbon",
    "America/Montreal",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Indian/Reunion",
    "America/Martinique",
    "Pacific/Noumea",
];

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SettingsFormValues {
    pub display_name: String,
    pub legal_name: String,
    pub address: String,
    pub siret: String,
    pub vat_number: String,
    pub vat_exempt: bool,
    /// A percentage as typed: "20", "5,5".
    pub default_vat_rate: String,
    pub currency: String,
    pub time_zone: String,
    pub opens_at: String,
    pub closes_at: String,
    pub payment_terms_days: String,
    pub invoice_footer: String,
}

impl SettingsFormValues {
    pub fn of(settings: &StudioSettings, locale: Locale) -> Self {
        Self {
            display_name: settings.display_name.clone(),
            legal_name: settings.legal_name.clone().unwrap_or_default(),
            address: settings.address.clone().unwrap_or_default(),
            siret: settings.siret.clone().unwrap_or_default(),
            vat_number: settings.vat_number.clone().unwrap_or_default(),
            vat_exempt: settings.vat_exempt,
            // Hundredths of a percent read like cents: 550 → "5,50".
            default_vat_rate: Money(i64::from(settings.default_vat_rate)).plain(locale),
            currency: settings.currency.clone(),
            time_zone: settings.time_zone.clone(),
            opens_at: settings.opens_at.clone(),
            closes_at: settings.closes_at.clone(),
            payment_terms_days: settings.payment_terms_days.to_string(),
            invoice_footer: settings.invoice_footer.clone().unwrap_or_default(),
        }
    }

    pub fn to_patch(&self, settings: &StudioSettings) -> Result<SettingsPatch, ApiError> {
        let mut problems = Vec::new();
        let not_a_number = |raw: &str| FieldProblem::NotANumber {
            value: raw.trim().to_owned(),
        };
        let rate = percent(&self.default_vat_rate);
        let terms = self
            .payment_terms_days
            .trim()
            .parse::<u32>()
            .map_err(|_| not_a_number(&self.payment_terms_days));
        let mut take = |field: &str, result: Result<u32, FieldProblem>| {
            result
                .map_err(|p| problems.push((field.to_owned(), p)))
                .ok()
        };
        let (rate, terms) = (
            take("default_vat_rate", rate),
            take("payment_terms_days", terms),
        );
        if !problems.is_empty() {
            return Err(refused(problems));
        }
        Ok(SettingsPatch {
            version: settings.version,
            display_name: Some(self.display_name.clone()),
            legal_name: Some(self.legal_name.clone()),
            address: Some(self.address.clone()),
            siret: Some(self.siret.clone()),
            vat_number: Some(self.vat_number.clone()),
            vat_exempt: Some(self.vat_exempt),
            default_vat_rate: rate,
            currency: Some(self.currency.clone()),
            time_zone: Some(self.time_zone.clone()),
            opens_at: Some(self.opens_at.clone()),
            closes_at: Some(self.closes_at.clone()),
            payment_terms_days: terms,
            invoice_footer: Some(self.invoice_footer.clone()),
        })
    }
}

#[function_component]
pub fn SettingsForm(props: &FormProps<SettingsFormValues>) -> Html {
    let texts = use_texts();
    let (values, submit) = use_form(props);
    let error = props.error.clone();
    form_shell(
        texts,
        props.shell("settings-form", submit),
        html! { <>
            <fieldset>
                <legend>{ texts.settings_identity }</legend>
                { input(texts.col_display_name, "display_name", "text", &values.display_name, edit(&values, |v, s| v.display_name = s), &error) }
                { input(texts.col_legal_name, "legal_name", "text", &values.legal_name, edit(&values, |v, s| v.legal_name = s), &error) }
                { field(texts.col_address, "address", &error, html! {
                    <textarea name="address" value={values.address.clone()} oninput={edit(&values, |v, s| v.address = s)} />
                }) }
                { input(texts.col_siret, "siret", "numeric", &values.siret, edit(&values, |v, s| v.siret = s), &error) }
            </fieldset>
            <fieldset>
                <legend>{ texts.settings_billing }</legend>
                { input(texts.col_vat_number, "vat_number", "text", &values.vat_number, edit(&values, |v, s| v.vat_number = s), &error) }
                <label class="check">
                    <input name="vat_exempt" type="checkbox" checked={values.vat_exempt} onchange={edit_checked(&values, |v, b| v.vat_exempt = b)} />
                    { texts.col_vat_exempt }
                </label>
                { input(texts.col_vat_rate, "default_vat_rate", "decimal", &values.default_vat_rate, edit(&values, |v, s| v.default_vat_rate = s), &error) }
                { field(texts.col_currency, "currency", &error, html! {
                    <select name="currency" onchange={edit(&values, |v, s| v.currency = s)}>
                        { for CURRENCIES.iter().map(|c| html! { <option value={*c} selected={*c == values.currency}>{ *c }</option> }) }
                    </select>
                }) }
                { field(texts.col_payment_terms, "payment_terms_days", &error, html! {
                    <input name="payment_terms_days" type="number" min="0" max="365" value={values.payment_terms_days.clone()} oninput={edit(&values, |v, s| v.payment_terms_days = s)} />
                }) }
                { field(texts.col_invoice_footer, "invoice_footer", &error, html! {
                    <textarea name="invoice_footer" value={values.invoice_footer.clone()} oninput={edit(&values, |v, s| v.invoice_footer = s)} />
                }) }
            </fieldset>
            <fieldset>
                <legend>{ texts.settings_hours }</legend>
                { field(texts.col_time_zone, "time_zone", &error, html! {
                    <>
                        <input name="time_zone" list="zones" value={values.time_zone.clone()} oninput={edit(&values, |v, s| v.time_zone = s)} />
                        <datalist id="zones">{ for ZONES.iter().map(|z| html! { <option value={*z} /> }) }</datalist>
                    </>
                }) }
                { field(texts.col_opens_at, "opens_at", &error, html! {
                    <input name="opens_at" placeholder="08:00" value={values.opens_at.clone()} oninput={edit(&values, |v, s| v.opens_at = s)} />
                }) }
                { field(texts.col_closes_at, "closes_at", &error, html! {
                    <input name="closes_at" placeholder="24:00" value={values.closes_at.clone()} oninput={edit(&values, |v, s| v.closes_at = s)} />
                }) }
            </fieldset>
        </> },
    )
}
