//! Small helpers for form inputs bound to state, and the labels of the domain's enums.

use studio_wire::{EquipmentCondition, EquipmentStatus, RoomKind, SessionStatus};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use yew_router::prelude::Navigator;

use crate::{
    api::{ApiError, Method},
    i18n::Texts,
    routes::Route,
    store::ResourceStore,
};

/// A delete button's callback: deletes `url` (which carries the version the page showed), then goes to `then`;
/// a refusal lands in `error`.
pub fn delete_then_go(
    store: &ResourceStore,
    url: String,
    navigator: Option<Navigator>,
    then: Route,
    error: &UseStateHandle<Option<ApiError>>,
) -> Callback<MouseEvent> {
    let (store, error) = (store.clone(), error.clone());
    Callback::from(move |_| {
        let (error, navigator, then) = (error.clone(), navigator.clone(), then.clone());
        store.mutate::<(), ()>(
            Method::Delete,
            url.clone(),
            None,
            move |result| match result {
                Ok(_) => {
                    if let Some(navigator) = navigator {
                        navigator.push(&then);
                    }
                }
                Err(e) => error.set(Some(e)),
            },
        );
    })
}

/// `oninput` that writes the input's value into `state`.
pub fn bind(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| {
        state.set(e.target_unchecked_into::<HtmlInputElement>().value())
    })
}

/// `onchange` of a `<select>` that writes its value into `state`.
pub fn bind_select(state: &UseStateHandle<String>) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| {
        state.set(e.target_unchecked_into::<HtmlSelectElement>().value())
    })
}

/// The API's message for `field`, under the input.
pub fn field_error(error: &Option<ApiError>, field: &str) -> Html {
    match error.as_ref().and_then(|e| e.field(field)) {
        Some(message) => html! { <span class="field-error">{ message }</span> },
        None => html! {},
    }
}

/// The error not tied to a field (or all of them, for a refused booking).
pub fn general_error(texts: &Texts, error: &Option<ApiError>) -> Html {
    match error {
        Some(e @ ApiError::Http { fields, .. }) if fields.is_empty() => {
            html! { <p class="error">{ crate::i18n::error_message(texts, e) }</p> }
        }
        Some(e @ (ApiError::Network(_) | ApiError::Decode(_))) => {
            html! { <p class="error">{ crate::i18n::error_message(texts, e) }</p> }
        }
        _ => html! {},
    }
}

pub fn room_kind(texts: &Texts, kind: RoomKind) -> &'static str {
    match kind {
        RoomKind::Recording => texts.room_kind_recording,
        RoomKind::Mixing => texts.room_kind_mixing,
        RoomKind::Mastering => texts.room_kind_mastering,
        RoomKind::Rehearsal => texts.room_kind_rehearsal,
        RoomKind::Live => texts.room_kind_live,
    }
}

pub const EQUIPMENT_STATUSES: [(EquipmentStatus, &str); 4] = [
    (EquipmentStatus::Operational, "operational"),
    (EquipmentStatus::Maintenance, "maintenance"),
    (EquipmentStatus::OutOfService, "out_of_service"),
    (EquipmentStatus::Rented, "rented"),
];

pub fn equipment_status(texts: &Texts, status: EquipmentStatus) -> &'static str {
    match status {
        EquipmentStatus::Operational => texts.status_operational,
        EquipmentStatus::Maintenance => texts.status_maintenance,
        EquipmentStatus::OutOfService => texts.status_out_of_service,
        EquipmentStatus::Rented => texts.status_rented,
    }
}

pub const CONDITIONS: [(EquipmentCondition, &str); 4] = [
    (EquipmentCondition::Excellent, "excellent"),
    (EquipmentCondition::Good, "good"),
    (EquipmentCondition::Fair, "fair"),
    (EquipmentCondition::Poor, "poor"),
];

pub fn condition(texts: &Texts, condition: EquipmentCondition) -> &'static str {
    match condition {
        EquipmentCondition::Excellent => texts.condition_excellent,
        EquipmentCondition::Good => texts.condition_good,
        EquipmentCondition::Fair => texts.condition_fair,
        EquipmentCondition::Poor => texts.condition_poor,
    }
}

pub const SESSION_STATUSES: [(SessionStatus, &str); 4] = [
    (SessionStatus::Scheduled, "scheduled"),
    (SessionStatus::InProgress, "in_progress"),
    (SessionStatus::Completed, "completed"),
    (SessionStatus::Cancelled, "cancelled"),
];

pub fn session_status(texts: &Texts, status: SessionStatus) -> &'static str {
    match status {
        SessionStatus::Scheduled => texts.session_scheduled,
        SessionStatus::InProgress => texts.session_in_progress,
        SessionStatus::Completed => texts.session_completed,
        SessionStatus::Cancelled => texts.session_cancelled,
    }
}
