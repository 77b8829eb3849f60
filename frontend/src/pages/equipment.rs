//! Equipment: the list with each item's status (changed in place), and a create form.

use std::collections::HashMap;

use studio_wire::{Equipment, EquipmentPatch, NewEquipment};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::{
    api::{ApiError, Method, encode},
    components::inputs::{
        EQUIPMENT_STATUSES, bind, bind_select, condition, equipment_status, field_error,
        general_error,
    },
    hooks::{use_equipment, use_rooms},
    i18n::{error_message, use_texts},
    store::use_resource_store,
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
                            <td>{ &item.name }</td>
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
