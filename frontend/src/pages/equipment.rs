//! Equipment: the list with each item's status (changed in place) and a create form; one item's page.

use studio_wire::{Equipment, EquipmentPatch, EquipmentStatus};
use yew::prelude::*;

use crate::{
    api::{Method, urls},
    components::history::use_entity_history,
    components::{
        choices::{Choice, options},
        delete_button,
        forms::{
            EquipmentForm, EquipmentFormValues, Submit, control_value, general_error, set_flag,
            toggle, use_submit,
        },
        head, loaded,
    },
    hooks::{Shared, name_of, pairs, use_entity, use_paged_list, use_rooms},
    i18n::{Texts, use_texts},
    routes::{Route, link, use_go_to},
};

#[function_component]
pub fn EquipmentPage() -> Html {
    let texts = use_texts();
    let submit = use_submit();
    let row_submit = use_submit();
    let items = use_paged_list::<Equipment>(urls::EQUIPMENT, String::new(), urls::Order::Oldest);
    let rooms = use_rooms();
    let creating = use_state(|| false);
    let room_names = pairs(rooms.data(), |r| Some((&r.id, &r.name)));
    let on_create = {
        let (submit, creating) = (submit.clone(), creating.clone());
        Callback::from(move |values: EquipmentFormValues| {
            let (said, creating) = (submit.clone(), creating.clone());
            submit.send(
                Method::Post,
                urls::EQUIPMENT.collection(),
                Ok(values.to_new()),
                move |_| {
                    creating.set(false);
                    said.say(texts.equipment_created);
                },
            );
        })
    };
    let change_status = |item: &Equipment| {
        let (row_submit, id, version) = (row_submit.clone(), item.id.clone(), item.version);
        Callback::from(move |e: Event| {
            let value = control_value(&e);
            let patch = EquipmentPatch {
                version,
                status: EquipmentStatus::from_value(&value),
                ..EquipmentPatch::default()
            };
            row_submit.send(Method::Patch, urls::EQUIPMENT.one(&id), Ok(patch), |_| ());
        })
    };
    html! {
        <section>
            <header class="page-header">
                <h1>{ texts.equipment_title }</h1>
                <button id="new-equipment" class="primary" onclick={toggle(&creating)}>{ texts.new_equipment }</button>
            </header>
            { submit.notice() }
            if *creating {
                <EquipmentForm initial={EquipmentFormValues::default()} submit_label={texts.create}
                    busy={*submit.busy} error={(*submit.error).clone()} on_submit={on_create}
                    on_cancel={set_flag(&creating, false)} />
            }
            { general_error(texts, &row_submit.error) }
            { loaded(texts, &items.list, |page| html! {
                <table class="table" id="equipment-table">
                    { head(&[(texts.col_name, ""), (texts.col_category, ""), (texts.col_brand, ""), (texts.col_model, ""), (texts.col_room, ""), (texts.col_condition, ""), (texts.col_status, "")]) }
                    <tbody>
                        { for page.items.iter().map(|item| html! {
                            <tr class="equipment-row" id={format!("equipment-{}", item.id)}>
                                <td>{ link(Route::EquipmentItem { id: item.id.clone() }, &item.name) }</td>
                                <td>{ &item.category }</td>
                                <td>{ item.brand.clone().unwrap_or_default() }</td>
                                <td>{ item.model.clone().unwrap_or_default() }</td>
                                <td>{ item.room_id.as_ref().map_or_else(|| texts.no_room.to_owned(), |r| name_of(&room_names, r)) }</td>
                                <td>{ item.condition.label(texts) }</td>
                                <td>
                                    <span CLASS={format!("status status-{}", item.status.value())}>{ item.status.label(texts) }</span>
                                    <select class="status-select" aria-label={texts.col_status} onchange={change_status(item)}>
                                        { options(texts, item.status) }
                                    </select>
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }) }
            { items.more_button(texts, "equipment-more") }
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
    let history = use_entity_history("equipment", &props.id);
    let submit = use_submit();
    let on_deleted = use_go_to(Route::Equipment);
    let fetched = use_entity::<Equipment>(urls::EQUIPMENT, props.id.clone());
    html! {
        <section>
            { link(Route::Equipment, texts.back_to_equipment) }
            { loaded(texts, &fetched, |item| editor(texts, item, &submit, &on_deleted)) }
            { history }
        </section>
    }
}

/// The item's name, form and delete button. The form is made again for each version of the item (its key);
/// "Saved" is held by the page, so it outlives the form it was said under.
fn editor(
    texts: &'static Texts,
    item: Shared<Equipment>,
    submit: &Submit,
    on_deleted: &Callback<()>,
) -> Html {
    let on_save = {
        let (submit, item) = (submit.clone(), item.clone());
        Callback::from(move |values: EquipmentFormValues| {
            let (said, patch) = (submit.clone(), values.to_patch(&item));
            submit.send(
                Method::Patch,
                urls::EQUIPMENT.one(&item.id),
                Ok(patch),
                move |_| said.say(texts.saved),
            );
        })
    };
    html! {
        <>
            <h1 id="equipment-name">{ &item.name }</h1>
            { submit.notice() }
            <EquipmentForm key={item.version} initial={EquipmentFormValues::from(&*item)} submit_label={texts.save}
                busy={*submit.busy} error={(*submit.error).clone()} on_submit={on_save} />
            <div class="actions">
                { delete_button(texts, texts.confirm_delete_equipment, urls::EQUIPMENT.delete(&item.id, item.version), Some(on_deleted.clone())) }
            </div>
        </>
    }
}
