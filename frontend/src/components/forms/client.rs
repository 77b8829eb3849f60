//! The client form, for creating and editing.

use studio_wire::{Client, ClientKind, ClientPatch, NewClient};
use yew::prelude::*;

use super::{FormProps, changed, edit, field, form_shell, input, optional, use_form};
use crate::{
    components::choices::{Choice, options},
    i18n::use_texts,
};

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

impl ClientFormValues {
    pub fn to_new(&self) -> NewClient {
        NewClient {
            name: self.name.clone(),
            email: optional(&self.email),
            phone: optional(&self.phone),
            kind: self.kind,
            notes: optional(&self.notes),
        }
    }

    /// Only what the editor changed; an emptied field is sent as "" to clear it.
    pub fn to_patch(&self, client: &Client) -> ClientPatch {
        let before = Self::from(client);
        ClientPatch {
            version: client.version,
            name: changed(&before.name, &self.name),
            email: changed(&before.email, &self.email),
            phone: changed(&before.phone, &self.phone),
            kind: (before.kind != self.kind).then_some(self.kind),
            notes: changed(&before.notes, &self.notes),
        }
    }
}

#[function_component]
pub fn ClientForm(props: &FormProps<ClientFormValues>) -> Html {
    let texts = use_texts();
    let (values, submit) = use_form(props);
    let error = props.error.clone();
    form_shell(
        texts,
        props.shell("client-form", submit),
        html! { <>
            { field(texts.col_name, "name", &error, html! {
                <input name="name" value={values.name.clone()} oninput={edit(&values, |v, s| v.name = s)} required=true maxlength="200" />
            }) }
            { input(texts.col_email, "email", "email", &values.email, edit(&values, |v, s| v.email = s), &error) }
            { input(texts.col_phone, "phone", "text", &values.phone, edit(&values, |v, s| v.phone = s), &error) }
            { field(texts.col_kind, "kind", &error, html! {
                <select name="kind" onchange={edit(&values, |v, s| v.kind = ClientKind::from_value(&s).unwrap_or_default())}>
                    { options(texts, values.kind) }
                </select>
            }) }
            { field(texts.col_notes, "notes", &error, html! {
                <textarea name="notes" value={values.notes.clone()} oninput={edit(&values, |v, s| v.notes = s)} />
            }) }
        </> },
    )
}
