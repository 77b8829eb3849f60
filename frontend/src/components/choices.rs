//! The domain's enums as form choices: their values are serde's own names (one source of truth with the API),
//! their labels come from the catalogue.

use serde::{Serialize, de::DeserializeOwned};
use studio_wire::{ClientKind, EquipmentCondition, EquipmentStatus, RoomKind, SessionStatus};
use yew::prelude::*;

use crate::i18n::Texts;

pub trait Choice: Copy + PartialEq + Serialize + DeserializeOwned + 'static {
    /// Every value, in the order to offer them.
    fn all() -> &'static [Self];
    fn label(self, texts: &Texts) -> &'static str;

    /// The value on the wire (`out_of_service`).
    fn value(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    fn from_value(value: &str) -> Option<Self> {
        serde_json::from_value(serde_json::Value::String(value.to_owned())).ok()
    }
}

/// `<option>`s for every value of `C`, `current` selected.
pub fn options<C: Choice>(texts: &Texts, current: C) -> Html {
    C::all()
        .iter()
        .map(|c| html! { <option value={c.value()} selected={*c == current}>{ c.label(texts) }</option> })
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
}
