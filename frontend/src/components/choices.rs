//! The domain's enums as form choices: their values are serde's own names (one source of truth with the API),
//! their labels come from the catalogue.

use serde::Serialize;
use studio_wire::{
    ClientKind, EquipmentCondition, EquipmentStatus, InvoiceKind, InvoiceStatus, PaymentMethod,
    ProjectKind, ProjectStatus, QuoteStatus, RoomKind, SessionStatus, TrackStatus,
    decode::{self, Decode},
};
use yew::prelude::*;

use crate::i18n::Texts;

pub trait Choice: Copy + PartialEq + Serialize + Decode + 'static {
    /// Every value, in the order to offer them.
    fn all() -> &'static [Self];
    fn label(self, texts: &Texts) -> &'static str;

    /// The value on the wire (`out_of_service`).
    fn value(self) -> String {
        crate::api::json::to_string(&self)
            .map(|text| text.trim_matches('"').to_owned())
            .unwrap_or_default()
    }

    fn from_value(value: &str) -> Option<Self> {
        Self::decode(&decode::text(value)).ok()
    }
}

/// `<option>`s for every value of `C`, `current` selected.
pub fn options<C: Choice>(texts: &Texts, current: C) -> Html {
    option_list(
        C::all()
            .iter()
            .map(|c| (c.value(), c.label(texts), *c == current))
            .collect(),
    )
}

/// The label of `value`, a value of the enum that a resource's `field` holds (as the history records it).
pub fn label_of(resource: &str, field: &str, value: &str, texts: &Texts) -> Option<&'static str> {
    fn label<C: Choice>(value: &str, texts: &Texts) -> Option<&'static str> {
        C::from_value(value).map(|choice| choice.label(texts))
    }
    match (resource, field) {
        ("clients", "kind") => label::<ClientKind>(value, texts),
        ("rooms", "kind") => label::<RoomKind>(value, texts),
        ("equipment", "status") => label::<EquipmentStatus>(value, texts),
        ("equipment", "condition") => label::<EquipmentCondition>(value, texts),
        ("sessions", "status") => label::<SessionStatus>(value, texts),
        ("projects", "kind") => label::<ProjectKind>(value, texts),
        ("projects", "status") => label::<ProjectStatus>(value, texts),
        ("quotes", "status") => label::<QuoteStatus>(value, texts),
        ("invoices", "status") => label::<InvoiceStatus>(value, texts),
        ("invoices", "kind") => label::<InvoiceKind>(value, texts),
        ("payments", "method") => label::<PaymentMethod>(value, texts),
        _ => None,
    }
}

/// The `<option>`s of (value, label, selected): one copy in the wasm for every `Choice`.
#[inline(never)]
fn option_list(choices: Vec<(String, &'static str, bool)>) -> Html {
    choices
        .into_iter()
        .map(|(value, label, selected)| html! { <option {value} {selected}>{ label }</option> })
        .collect()
}

impl Choice for RoomKind {
    fn all() -> &'static [Self] {
        &RoomKind::ALL
    }
    fn label(self, texts: &Texts) -> &'static str {
        match self {
            RoomKind::Recording => texts.room_kind_recording,
            RoomKind::Mixing => texts.room_kind_mixing,
            RoomKind::Mastering => texts.room_kind_mastering,
            RoomKind::Rehearsal => texts.room_kind_rehearsal,
            RoomKind::Live => texts.room_kind_live,
        }
    }
}

impl Choice for ClientKind {
    fn all() -> &'static [Self] {
        &ClientKind::ALL
    }
    fn label(self, texts: &Texts) -> &'static str {
        match self {
            ClientKind::Individual => texts.kind_individual,
            ClientKind::Company => texts.kind_company,
        }
    }
}

impl Choice for EquipmentStatus {
    fn all() -> &'static [Self] {
        &EquipmentStatus::ALL
    }
    fn label(self, texts: &Texts) -> &'static str {
        match self {
            EquipmentStatus::Operational => texts.status_operational,
            EquipmentStatus::Maintenance => texts.status_maintenance,
            EquipmentStatus::OutOfService => texts.status_out_of_service,
            EquipmentStatus::Rented => texts.status_rented,
        }
    }
}

impl Choice for EquipmentCondition {
    fn all() -> &'static [Self] {
        &EquipmentCondition::ALL
    }
    fn label(self, texts: &Texts) -> &'static str {
        match self {
            EquipmentCondition::Excellent => texts.condition_excellent,
            EquipmentCondition::Good => texts.condition_good,
            EquipmentCondition::Fair => texts.condition_fair,
            EquipmentCondition::Poor => texts.condition_poor,
        }
    }
}

impl Choice for SessionStatus {
    fn all() -> &'static [Self] {
        &SessionStatus::ALL
    }
    fn label(self, texts: &Texts) -> &'static str {
        match self {
            SessionStatus::Scheduled => texts.session_scheduled,
            SessionStatus::InProgress => texts.session_in_progress,
            SessionStatus::Completed => texts.session_completed,
            SessionStatus::Cancelled => texts.session_cancelled,
        }
    }
}

impl Choice for InvoiceStatus {
    fn all() -> &'static [Self] {
        &InvoiceStatus::ALL
    }
    fn label(self, texts: &Texts) -> &'static str {
        let b = texts.billing;
        match self {
            InvoiceStatus::Draft => b.invoice_draft,
            InvoiceStatus::Issued => b.invoice_issued,
            InvoiceStatus::PartiallyPaid => b.invoice_partially_paid,
            InvoiceStatus::Paid => b.invoice_paid,
            InvoiceStatus::Cancelled => b.invoice_cancelled,
        }
    }
}

impl Choice for InvoiceKind {
    fn all() -> &'static [Self] {
        &InvoiceKind::ALL
    }
    fn label(self, texts: &Texts) -> &'static str {
        match self {
            InvoiceKind::Invoice => texts.billing.kind_invoice,
            InvoiceKind::CreditNote => texts.billing.credit_note,
        }
    }
}

impl Choice for QuoteStatus {
    fn all() -> &'static [Self] {
        &QuoteStatus::ALL
    }
    fn label(self, texts: &Texts) -> &'static str {
        let b = texts.billing;
        match self {
            QuoteStatus::Draft => b.quote_draft,
            QuoteStatus::Sent => b.quote_sent,
            QuoteStatus::Accepted => b.quote_accepted,
            QuoteStatus::Rejected => b.quote_rejected,
            QuoteStatus::Expired => b.quote_expired,
            QuoteStatus::Invoiced => b.quote_invoiced,
        }
    }
}

impl Choice for PaymentMethod {
    fn all() -> &'static [Self] {
        &PaymentMethod::ALL
    }
    fn label(self, texts: &Texts) -> &'static str {
        let b = texts.billing;
        match self {
            PaymentMethod::Card => b.method_card,
            PaymentMethod::Transfer => b.method_transfer,
            PaymentMethod::Cash => b.method_cash,
            PaymentMethod::Cheque => b.method_cheque,
            PaymentMethod::Other => b.method_other,
        }
    }
}

impl Choice for ProjectKind {
    fn all() -> &'static [Self] {
        &ProjectKind::ALL
    }
    fn label(self, texts: &Texts) -> &'static str {
        let b = texts.billing;
        match self {
            ProjectKind::Album => b.kind_album,
            ProjectKind::Ep => b.kind_ep,
            ProjectKind::Single => b.kind_single,
            ProjectKind::Demo => b.kind_demo,
            ProjectKind::Soundtrack => b.kind_soundtrack,
            ProjectKind::Podcast => b.kind_podcast,
        }
    }
}

impl Choice for ProjectStatus {
    fn all() -> &'static [Self] {
        &ProjectStatus::ALL
    }
    fn label(self, texts: &Texts) -> &'static str {
        let b = texts.billing;
        match self {
            ProjectStatus::PreProduction => b.stage_pre_production,
            ProjectStatus::Recording => b.stage_recording,
            ProjectStatus::Editing => b.stage_editing,
            ProjectStatus::Mixing => b.stage_mixing,
            ProjectStatus::Mastering => b.stage_mastering,
            ProjectStatus::Completed => b.stage_completed,
            ProjectStatus::Delivered => b.stage_delivered,
            ProjectStatus::Archived => b.stage_archived,
        }
    }
}

impl Choice for TrackStatus {
    fn all() -> &'static [Self] {
        &TrackStatus::ALL
    }
    fn label(self, texts: &Texts) -> &'static str {
        let b = texts.billing;
        match self {
            TrackStatus::Recording => b.stage_recording,
            TrackStatus::Editing => b.stage_editing,
            TrackStatus::Mixing => b.stage_mixing,
            TrackStatus::Mastering => b.stage_mastering,
            TrackStatus::Completed => b.stage_completed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choice_values_are_the_wire_names() {
        assert_eq!(EquipmentStatus::OutOfService.value(), "out_of_service");
        assert_eq!(
            EquipmentStatus::from_value("out_of_service"),
            Some(EquipmentStatus::OutOfService)
        );
        assert_eq!(SessionStatus::from_value("nope"), None);
    }

    #[test]
    fn a_recorded_choice_is_named_by_its_label_in_its_resource() {
        let fr = &crate::i18n::FR;
        assert_eq!(
            label_of("invoices", "status", "partially_paid", fr),
            Some("Payée en partie")
        );
        assert_eq!(
            label_of("invoices", "kind", "credit_note", fr),
            Some("Avoir")
        );
        assert_eq!(
            label_of("rooms", "kind", "recording", &crate::i18n::EN),
            Some("Recording")
        );
        // The same field of another resource, or a value no longer known, keeps its own words.
        assert_eq!(label_of("rooms", "status", "issued", fr), None);
        assert_eq!(label_of("invoices", "status", "lost", fr), None);
    }
}
