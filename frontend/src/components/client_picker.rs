//! Choosing a client in a form or a filter, among any number of them: a search box (the clients' word index,
//! as on the Clients page) narrows the choices to what it finds — the first page of clients alone would leave
//! out every client past it — and the client already chosen stays offered.

use yew::prelude::*;

use super::forms::{edit, pick_one};
use crate::{
    hooks::{pairs, use_client_names, use_clients},
    i18n::use_texts,
};

#[derive(Properties, PartialEq)]
pub struct ClientPickerProps {
    /// The chosen client's id ("" for none).
    pub selected: String,
    pub onchange: Callback<Event>,
    /// Names the list (the search box says what it searches).
    pub label: &'static str,
    /// The first option, for none ("Choose…", "All clients").
    pub none: &'static str,
    #[prop_or_default]
    pub required: bool,
}

#[function_component]
pub fn ClientPicker(props: &ClientPickerProps) -> Html {
    let texts = use_texts();
    let q = use_state(String::new);
    let found = use_clients((*q).clone());
    let chosen = use_client_names(vec![props.selected.as_str()]);
    let mut options = pairs(found.data(), |c| Some((&c.id, &c.name)));
    if !options.iter().any(|(id, _)| *id == props.selected) {
        options.splice(0..0, chosen);
    }
    html! {
        <span class="client-picker">
            <input type="search" class="picker-search" aria-label={texts.search_placeholder}
                placeholder={texts.search_placeholder} value={(*q).clone()} oninput={edit(&q, |q, s| *q = s)} />
            <select name="client_id" aria-label={props.label} required={props.required} onchange={props.onchange.clone()}>
                { pick_one(props.none, options, &props.selected) }
            </select>
        </span>
    }
}
