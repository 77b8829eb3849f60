//! Equipment: the list with each item's status (changed in place) and a create form; one item's page.

use std::collections::HashMap;

use studio_wire::{Equipment, EquipmentPatch, NewEquipment};
use web_sys::HtmlSelectElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::{
    api::{ApiError, Method, encode},
    components::inputs::{
        CONDITIONS, EQUIPMENT_STATUSES, bind, bind_select, condition, delete_then_go,
        equipment_status, field_error, general_error,
    },
    hooks::{use_api, use_equipment, use_rooms},
    i18n::{error_message, use_texts},
    routes::Route,
    store::{ResourceKey, use_resource_store},
};

#[function_component]
pub fn EquipmentPage() -> Html {
    let texts = use_texts();
    let store = use_resource_store();
    let items = use_equipment();
    let rooms = use_rooms();
    let creating = use_state(|| false);
    let name = use_state(String::new);
    let category = use_state(String::new);
    let brand = use_state(String::new);
    let model = use_state(String::new);
    let room = use_state(String::new);
    let error = use_state(|| None::<ApiError>);
    let row_error = use_state(|| None::<ApiError>);
    let room_names: HashMap<&str, &str> = rooms
        .data
        .iter()
        .flat_map(|p| p.items.iter())
        .map(|r| (r.id.as_str(), r.name.as_str()))
        .collect();
    let optional = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());

    let onsubmit = {
        let (name, category, brand, model, room, error, creating, store) = (
            name.clone(),
            category.clone(),
            brand.clone(),
            model.clone(),
            room.clone(),
            error.clone(),
            creating.clone(),
            store.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = NewEquipment {
                name: (*name).clone(),
                category: (*category).clone(),
                brand: optional(&brand),
                model: optional(&model),
                room_id: optional(&room),
                ..NewEquipment::default()
            };
            let (error, creating) = (error.clone(), creating.clone());
            store.mutate::<_, Equipment>(
                Method::Post,
                "/api/equipment".into(),
                Some(input),
                move |r| match r {
                    Ok(_) => {
                        error.set(None);
                        creating.set(false);
                    }
                    Err(e) => error.set(Some(e)),
                },
            );
        })
    };
    let change_status = |item: &Equipment| {
        let (store, row_error) = (store.clone(), row_error.clone());
        let (url, version) = (format!("/api/equipment/{}", encode(&item.id)), item.version);
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            let status = EQUIPMENT_STATUSES
                .iter()
                .find(|(_, v)| *v == value)
                .map(|(s, _)| *s);
            let patch = EquipmentPatch {
                version,
                status,
                ..EquipmentPatch::default()
            };
            let row_error = row_error.clone();
            store.mutate::<_, Equipment>(Method::Patch, url.clone(), Some(patch), move |r| {
                row_error.set(r.err())
            });
        })
    };
    html! {
        <section>
            <header class="page-header">
                <h1>{ texts.equipment_title }</h1>
                <button id="new-equipment" class="primary" onclick={{ let c = creating.clone(); move |_| c.set(!*c) }}>{ texts.new_equipment }</button>
            </header>
            if *creating {
                <form class="client-form" {onsubmit}>
                    <label>{ texts.col_name }<input name="name" value={(*name).clone()} oninput={bind(&name)} />{ field_error(&error, "name") }</label>
                    <label>{ texts.col_category }<input name="category" value={(*category).clone()} oninput={bind(&category)} />{ field_error(&error, "category") }</label>
                    <label>{ texts.col_brand }<input value={(*brand).clone()} oninput={bind(&brand)} /></label>
                    <label>{ texts.col_model }<input value={(*model).clone()} oninput={bind(&model)} /></label>
                    <label>{ texts.col_room }
                        <select onchange={bind_select(&room)}>
                            <option value="" selected={room.is_empty()}>{ texts.no_room }</option>
                            { for rooms.data.iter().flat_map(|p| p.items.iter()).map(|r| html! { <option value={r.id.clone()} selected={r.id == *room}>{ &r.name }</option> }) }
                        </select>
                    </label>
                    { general_error(texts, &error) }
                    <div class="actions"><button type="submit" class="primary">{ texts.create }</button></div>
                </form>
            }
            if let Some(e) = items.error.as_ref().or(row_error.as_ref()) {
                <p class="error">{ error_message(texts, e) }</p>
            }
            <table class="table" id="equipment-table">
                <thead><tr>
                    <th>{ texts.col_name }</th><th>{ texts.col_category }</th><th>{ texts.col_brand }</th><th>{ texts.col_model }</th>
                    <th>{ texts.col_room }</th><th>{ texts.col_condition }</th><th>{ texts.col_status }</th>
                </tr></thead>
                <tbody>
                    { for items.data.iter().flat_map(|p| p.items.iter()).map(|item| html! {
                        <tr class="equipment-row" id={format!("equipment-{}", item.id)}>
                            <td><Link<Route> to={Route::EquipmentItem { id: item.id.clone() }}>{ &item.name }</Link<Route>></td>
                            <td>{ &item.category }</td>
                            <td>{ item.brand.clone().unwrap_or_default() }</td>
                            <td>{ item.model.clone().unwrap_or_default() }</td>
                            <td>{ item.room_id.as_deref().and_then(|r| room_names.get(r).copied()).unwrap_or(texts.no_room) }</td>
                            <td>{ condition(texts, item.condition) }</td>
                            <td>
                                <span class={format!("status status-{}", EQUIPMENT_STATUSES.iter().find(|(s, _)| *s == item.status).map(|(_, v)| *v).unwrap_or_default())}>
                                    { equipment_status(texts, item.status) }
                                </span>
                                <select class="status-select" onchange={change_status(item)}>
                                    { for EQUIPMENT_STATUSES.iter().map(|(s, v)| html! { <option value={*v} selected={*s == item.status}>{ equipment_status(texts, *s) }</option> }) }
                                </select>
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct EquipmentDetailProps {
    pub id: String,
}

/// One piece of equipment: every field, editable, and delete.
#[function_component]
pub fn EquipmentDetailPage(props: &EquipmentDetailProps) -> Html {
    let texts = use_texts();
    let fetched = use_api::<Equipment>(
        ResourceKey::Entity("equipment", props.id.clone()),
        format!("/api/equipment/{}", encode(&props.id)),
    );
    let body = match (&fetched.data, &fetched.error) {
        (Some(item), _) => html! { <EquipmentEditor key={item.version} item={item.clone()} /> },
        (None, Some(e)) => html! { <p class="error">{ error_message(texts, e) }</p> },
        (None, None) => html! { <p>{ texts.loading }</p> },
    };
    html! {
        <section>
            <Link<Route> to={Route::Equipment}>{ texts.back_to_equipment }</Link<Route>>
            { body }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct EquipmentEditorProps {
    item: Equipment,
}

#[function_component]
fn EquipmentEditor(props: &EquipmentEditorProps) -> Html {
    let texts = use_texts();
    let store = use_resource_store();
    let navigator = use_navigator();
    let rooms = use_rooms();
    let item = &props.item;
    let name = use_state(|| item.name.clone());
    let category = use_state(|| item.category.clone());
    let brand = use_state(|| item.brand.clone().unwrap_or_default());
    let model = use_state(|| item.model.clone().unwrap_or_default());
    let serial = use_state(|| item.serial_number.clone().unwrap_or_default());
    let notes = use_state(|| item.notes.clone().unwrap_or_default());
    let room = use_state(|| item.room_id.clone().unwrap_or_default());
    let status = use_state(|| value_of(&EQUIPMENT_STATUSES, item.status).to_owned());
    let state = use_state(|| value_of(&CONDITIONS, item.condition).to_owned());
    let error = use_state(|| None::<ApiError>);
    let url = format!("/api/equipment/{}", encode(&item.id));
    let onsubmit = {
        let fields = (
            name.clone(),
            category.clone(),
            brand.clone(),
            model.clone(),
            serial.clone(),
            notes.clone(),
        );
        let (room, status, state, error, store, url, version) = (
            room.clone(),
            status.clone(),
            state.clone(),
            error.clone(),
            store.clone(),
            url.clone(),
            item.version,
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (name, category, brand, model, serial, notes) = &fields;
            let patch = EquipmentPatch {
                version,
                name: Some((**name).clone()),
                category: Some((**category).clone()),
                brand: Some((**brand).clone()),
                model: Some((**model).clone()),
                serial_number: Some((**serial).clone()),
                notes: Some((**notes).clone()),
                room_id: Some((*room).clone()),
                status: EQUIPMENT_STATUSES
                    .iter()
                    .find(|(_, v)| *v == status.as_str())
                    .map(|(s, _)| *s),
                condition: CONDITIONS
                    .iter()
                    .find(|(_, v)| *v == state.as_str())
                    .map(|(c, _)| *c),
            };
            let error = error.clone();
            store.mutate::<_, Equipment>(Method::Patch, url.clone(), Some(patch), move |r| {
                error.set(r.err())
            });
        })
    };
    let delete = delete_then_go(
        &store,
        format!("{url}?version={}", item.version),
        navigator.clone(),
        Route::Equipment,
        &error,
    );

    html! {
        <>
            <h1 id="equipment-name">{ &item.name }</h1>
            <form class="client-form" {onsubmit}>
                <label>{ texts.col_name }<input value={(*name).clone()} oninput={bind(&name)} />{ field_error(&error, "name") }</label>
                <label>{ texts.col_category }<input value={(*category).clone()} oninput={bind(&category)} />{ field_error(&error, "category") }</label>
                <label>{ texts.col_brand }<input value={(*brand).clone()} oninput={bind(&brand)} /></label>
                <label>{ texts.col_model }<input value={(*model).clone()} oninput={bind(&model)} /></label>
                <label>{ texts.col_serial }<input value={(*serial).clone()} oninput={bind(&serial)} /></label>
                <label>{ texts.col_status }
                    <select onchange={bind_select(&status)}>
                        { for EQUIPMENT_STATUSES.iter().map(|(s, v)| html! { <option value={*v} selected={*v == *status}>{ equipment_status(texts, *s) }</option> }) }
                    </select>
                </label>
                <label>{ texts.col_condition }
                    <select onchange={bind_select(&state)}>
                        { for CONDITIONS.iter().map(|(c, v)| html! { <option value={*v} selected={*v == *state}>{ condition(texts, *c) }</option> }) }
                    </select>
                </label>
                <label>{ texts.col_room }
                    <select onchange={bind_select(&room)}>
                        <option value="" selected={room.is_empty()}>{ texts.no_room }</option>
                        { for rooms.data.iter().flat_map(|p| p.items.iter()).map(|r| html! { <option value={r.id.clone()} selected={r.id == *room}>{ &r.name }</option> }) }
                    </select>
                    { field_error(&error, "room_id") }
                </label>
                <label>{ texts.col_notes }<input value={(*notes).clone()} oninput={bind(&notes)} /></label>
                { general_error(texts, &error) }
                <div class="actions">
                    <button type="submit" class="primary">{ texts.save }</button>
                    <button type="button" class="danger" onclick={delete}>{ texts.delete }</button>
                </div>
            </form>
        </>
    }
}

/// The wire value of an enum variant, from a (variant, value) table.
fn value_of<T: PartialEq + Copy>(table: &[(T, &'static str)], variant: T) -> &'static str {
    table
        .iter()
        .find(|(v, _)| *v == variant)
        .map(|(_, s)| *s)
        .unwrap_or_default()
}
