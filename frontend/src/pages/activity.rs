//! The Activity page: every write of the studio, newest first, by resource and by channel, each with Undo. It
//! shows writes of every resource, so it depends on every list and re-fetches after any write.

use studio_wire::{Page, messages};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::{
    api::{shown::Activity, urls},
    components::{history::activity_list, loaded, use_studio},
    hooks::{SETTINGS_RESOURCE, use_api},
    i18n::use_texts,
    store::ResourceKey,
};

const RESOURCES: [&str; 8] = [
    "clients",
    "rooms",
    "equipment",
    "sessions",
    "projects",
    "quotes",
    "invoices",
    "payments",
];

fn selected(e: Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

#[function_component]
pub fn ActivityPage() -> Html {
    let texts = use_texts();
    let studio = use_studio();
    let h = texts.history;
    let resource = use_state(String::new);
    let via = use_state(String::new);
    let person = use_state(String::new);
    let mut shows: Vec<ResourceKey> = RESOURCES.iter().map(|r| ResourceKey::List(r)).collect();
    shows.push(ResourceKey::List(SETTINGS_RESOURCE));
    let fetched = use_api::<Page<Activity>>(&shows, urls::activity(&resource, &via, &person));
    let on_resource = {
        let resource = resource.clone();
        Callback::from(move |e: Event| resource.set(selected(e)))
    };
    let on_via = {
        let via = via.clone();
        Callback::from(move |e: Event| via.set(selected(e)))
    };
    let on_person = {
        let person = person.clone();
        Callback::from(move |e: Event| {
            person.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    html! {
        <section class="activity-page">
            <h1>{ h.activity_title }</h1>
            <div class="filters">
                <select id="activity-resource" aria-label={h.every_resource} onchange={on_resource}>
                    <option value="" selected={resource.is_empty()}>{ h.every_resource }</option>
                    { for RESOURCES.iter().map(|r| html! {
                        <option value={*r} selected={*resource == *r}>{ messages::resource_noun(r, texts.locale) }</option>
                    }) }
                </select>
                <select id="activity-via" aria-label={h.every_channel} onchange={on_via}>
                    <option value="" selected={via.is_empty()}>{ h.every_channel }</option>
                    <option value="assistant" selected={*via == "assistant"}>{ h.via_assistant }</option>
                    <option value="form" selected={*via == "form"}>{ h.via_form }</option>
                </select>
                <input id="activity-person" type="search" aria-label={h.person} placeholder={h.person}
                    value={(*person).clone()} onchange={on_person} />
            </div>
            { loaded(texts, &fetched, |page| activity_list(texts, &studio, &page.items, true)) }
        </section>
    }
}
