//! The client form, for creating and editing; shows the API's per-field errors next to each field.

use studio_wire::{Client, ClientKind};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::{api::ApiError, i18n::use_texts};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClientFormValues {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub kind: ClientKind,
    pub notes: String,
}

impl From<&Client> for ClientFormValues {
    fn from(client: &Client) -> Self {
        Self {
            name: client.name.clone(),
            email: client.email.clone().unwrap_or_default(),
            phone: client.phone.clone().unwrap_or_default(),
            kind: client.kind,
            notes: client.notes.clone().unwrap_or_default(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ClientFormProps {
    pub initial: ClientFormValues,
    pub submit_label: &'static str,
    pub busy: bool,
    pub error: Option<ApiError>,
    pub on_submit: Callback<ClientFormValues>,
    #[prop_or_default]
    pub on_cancel: Option<Callback<()>>,
}

#[function_component]
pub fn ClientForm(props: &ClientFormProps) -> Html {
    let texts = use_texts();
    let values = use_state(|| props.initial.clone());
    let field = |update: fn(&mut ClientFormValues, String)| {
        let values = values.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*values).clone();
            update(
                &mut next,
                e.target_unchecked_into::<HtmlInputElement>().value(),
            );
            values.set(next);
        })
    };
    let on_notes = {
        let values = values.clone();
        Callback::from(move |e: InputEvent| {
            let mut next = (*values).clone();
            next.notes = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            values.set(next);
        })
    };
    let on_kind = {
        let values = values.clone();
        Callback::from(move |e: Event| {
            let mut next = (*values).clone();
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            next.kind = if value == "company" {
                ClientKind::Company
            } else {
                ClientKind::Individual
            };
            values.set(next);
        })
    };
    let onsubmit = {
        let values = values.clone();
        let on_submit = props.on_submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_submit.emit((*values).clone());
        })
    };
    let error_for = |name: &str| {
        props
            .error
            .as_ref()
            .and_then(|e| e.field(name))
            .map(|m| html! { <span class="field-error">{ m }</span> })
    };
    let general = props
        .error
        .as_ref()
        .filter(|e| !matches!(e, ApiError::Http { fields, .. } if !fields.is_empty()));
    html! {
        <form class="client-form" {onsubmit}>
            <label>{ texts.col_name }
                <input name="name" value={values.name.clone()} oninput={field(|v, s| v.name = s)} required=true maxlength="200" />
                { error_for("name") }
            </label>
            <label>{ texts.col_email }
                <input name="email" type="email" value={values.email.clone()} oninput={field(|v, s| v.email = s)} />
                { error_for("email") }
            </label>
            <label>{ texts.col_phone }
                <input name="phone" value={values.phone.clone()} oninput={field(|v, s| v.phone = s)} />
                { error_for("phone") }
            </label>
            <label>{ texts.col_kind }
                <select name="kind" onchange={on_kind}>
                    <option value="individual" selected={values.kind == ClientKind::Individual}>{ texts.kind_individual }</option>
                    <option value="company" selected={values.kind == ClientKind::Company}>{ texts.kind_company }</option>
                </select>
            </label>
            <label>{ texts.col_notes }
                <textarea name="notes" value={values.notes.clone()} oninput={on_notes} />
                { error_for("notes") }
            </label>
            if let Some(error) = general {
                <p class="error">{ crate::i18n::error_message(texts, error) }</p>
            }
            <div class="actions">
                <button type="submit" class="primary" disabled={props.busy}>{ props.submit_label }</button>
                if let Some(cancel) = props.on_cancel.clone() {
                    <button type="button" onclick={move |_| cancel.emit(())}>{ texts.cancel }</button>
                }
            </div>
        </form>
    }
}
