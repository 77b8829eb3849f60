//! The equipment form, for creating and editing.

use studio_wire::{Equipment, EquipmentCondition, EquipmentPatch, EquipmentStatus, NewEquipment};
use yew::prelude::*;

use super::{FormProps, changed, edit, field, form_shell, input, optional, use_form};
use crate::{
    components::choices::{Choice, options},
    hooks::{pairs, use_rooms},
    i18n::use_texts,
};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct EquipmentFormValues {
    pub name: String,
    pub category: String,
    pub brand: String,
    pub model: String,
    pub serial_number: String,
    pub status: EquipmentStatus,
    pub condition: EquipmentCondition,
    /// "" for no room.
    pub room_id: String,
    pub notes: String,
}

impl From<&Equipment> for EquipmentFormValues {
    fn from(item: &Equipment) -> Self {
        Self {
            name: item.name.clone(),
            category: item.category.clone(),
            brand: item.brand.clone().unwrap_or_default(),
            model: item.model.clone().unwrap_or_default(),
            serial_number: item.serial_number.clone().unwrap_or_default(),
            status: item.status,
            condition: item.condition,
            room_id: item.room_id.clone().unwrap_or_default(),
            notes: item.notes.clone().unwrap_or_default(),
        }
    }
}

impl EquipmentFormValues {
    pub fn to_new(&self) -> NewEquipment {
        NewEquipment {
            name: self.name.clone(),
            category: self.category.clone(),
            brand: optional(&self.brand),
            model: optional(&self.model),
            serial_number: optional(&self.serial_number),
            status: self.status,
            condition: self.condition,
            room_id: optional(&self.room_id),
            notes: optional(&self.notes),
        }
    }

    /// Only what the editor changed; an emptied field is sent as "" to clear it.
    pub fn to_patch(&self, item: &Equipment) -> EquipmentPatch {
        let before = Self::from(item);
        EquipmentPatch {
            version: item.version,
            name: changed(&before.name, &self.name),
            category: changed(&before.category, &self.category),
            brand: changed(&before.brand, &self.brand),
            model: changed(&before.model, &self.model),
            serial_number: changed(&before.serial_number, &self.serial_number),
            status: (before.status != self.status).then_some(self.status),
            condition: (before.condition != self.condition).then_some(self.condition),
            room_id: changed(&before.room_id, &self.room_id),
            notes: changed(&before.notes, &self.notes),
        }
    }
}

#[function_component]
pub fn EquipmentForm(props: &FormProps<EquipmentFormValues>) -> Html {
    let texts = use_texts();
    let rooms = use_rooms();
    let (values, submit) = use_form(props);
    let error = props.error.clone();
    let room_options = pairs(rooms.data(), |r| Some((&r.id, &r.name)));
    form_shell(
        texts,
        props.shell("equipment-form", submit),
        html! { <>
            { input(texts.col_name, "name", "text", &values.name, edit(&values, |v, s| v.name = s), &error) }
            { input(texts.col_category, "category", "text", &values.category, edit(&values, |v, s| v.category = s), &error) }
            { input(texts.col_brand, "brand", "text", &values.brand, edit(&values, |v, s| v.brand = s), &error) }
            { input(texts.col_model, "model", "text", &values.model, edit(&values, |v, s| v.model = s), &error) }
            { input(texts.col_serial, "serial_number", "text", &values.serial_number, edit(&values, |v, s| v.serial_number = s), &error) }
            { field(texts.col_status, "status", &error, html! {
                <select name="status" onchange={edit(&values, |v, s| v.status = EquipmentStatus::from_value(&s).unwrap_or_default())}>
                    { options(texts, values.status) }
                </select>
            }) }
            { field(texts.col_condition, "condition", &error, html! {
                <select name="condition" onchange={edit(&values, |v, s| v.condition = EquipmentCondition::from_value(&s).unwrap_or_default())}>
                    { options(texts, values.condition) }
                </select>
            }) }
            { field(texts.col_room, "room_id", &error, html! {
                <select name="room_id" onchange={edit(&values, |v, s| v.room_id = s)}>
                    <option value="" selected={values.room_id.is_empty()}>{ texts.no_room }</option>
                    { for room_options.into_iter().map(|(id, name)| html! { <option value={id.clone()} selected={id == values.room_id}>{ name }</option> }) }
                </select>
            }) }
            { field(texts.col_notes, "notes", &error, html! {
                <textarea name="notes" value={values.notes.clone()} oninput={edit(&values, |v, s| v.notes = s)} />
            }) }
        </> },
    )
}
