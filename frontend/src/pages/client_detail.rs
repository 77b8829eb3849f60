//! One client: details, edit (with the version the editor saw) and delete.

use studio_wire::{Client, ClientPatch};
use yew::prelude::*;
use yew_router::prelude::*;

use super::clients::kind_label;
use crate::{
    api::{self, ApiError, Method},
    components::{ClientForm, ClientFormValues, inputs::delete_then_go},
    hooks::{use_client, use_sessions},
    i18n::{error_message, use_texts},
    pages::SessionTable,
    routes::Route,
    store::use_resource_store,
};

#[derive(Properties, PartialEq)]
pub struct ClientDetailProps {
    pub id: String,
}

/// Only the fields the editor changed go into the patch; an emptied field is sent as "" to clear it.
fn patch(client: &Client, values: ClientFormValues) -> ClientPatch {
    let before = ClientFormValues::from(client);
    let changed = |a: &String, b: String| (*a != b).then_some(b);
    ClientPatch {
        version: client.version,
        name: changed(&before.name, values.name),
        email: changed(&before.email, values.email),
        phone: changed(&before.phone, values.phone),
        kind: (before.kind != values.kind).then_some(values.kind),
        notes: changed(&before.notes, values.notes),
    }
}

#[function_component]
pub fn ClientDetailPage(props: &ClientDetailProps) -> Html {
    let texts = use_texts();
    let store = use_resource_store();
    let navigator = use_navigator();
    let fetched = use_client(props.id.clone());
    let sessions = use_sessions(format!("/api/sessions?client={}", api::encode(&props.id)));
    let editing = use_state(|| false);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let notice = use_state(|| None::<&'static str>);
    let confirming = use_state(|| false);

    let Some(client) = fetched.data.clone() else {
        return html! {
            <section>
                <Link<Route> to={Route::Clients}>{ texts.back_to_clients }</Link<Route>>
                { match &fetched.error {
                    Some(e) => html! { <p class="error">{ error_message(texts, e) }</p> },
                    None => html! { <p>{ texts.loading }</p> },
                } }
            </section>
        };
    };

    let url = format!("/api/clients/{}", api::encode(&client.id));
    let on_save = {
        let (store, busy, error, editing, notice, url, client) = (
            store.clone(),
            busy.clone(),
            error.clone(),
            editing.clone(),
            notice.clone(),
            url.clone(),
            client.clone(),
        );
        Callback::from(move |values: ClientFormValues| {
            let body = patch(&client, values);
            let (busy, error, editing, notice) =
                (busy.clone(), error.clone(), editing.clone(), notice.clone());
            busy.set(true);
            store.mutate::<_, Client>(Method::Patch, url.clone(), Some(body), move |result| {
                match result {
                    Ok(_) => {
                        error.set(None);
                        editing.set(false);
                        notice.set(Some(texts.saved));
                    }
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
            });
        })
    };
    let on_delete = delete_then_go(
        &store,
        format!("{url}?version={}", client.version),
        navigator.clone(),
        Route::Clients,
        &error,
    );

    html! {
        <section class="client-detail">
            <Link<Route> to={Route::Clients}>{ texts.back_to_clients }</Link<Route>>
            <h1 id="client-name">{ &client.name }</h1>
            if let Some(message) = *notice {
                <p class="notice">{ message }</p>
            }
            if *editing {
                <ClientForm key={client.version} initial={ClientFormValues::from(&client)} submit_label={texts.save}
                    busy={*busy} error={(*error).clone()} on_submit={on_save}
                    on_cancel={{ let e = editing.clone(); Callback::from(move |_| e.set(false)) }} />
            } else {
                <dl class="fields">
                    <dt>{ texts.col_email }</dt><dd id="client-email">{ client.email.clone().unwrap_or_default() }</dd>
                    <dt>{ texts.col_phone }</dt><dd>{ client.phone.clone().unwrap_or_default() }</dd>
                    <dt>{ texts.col_kind }</dt><dd>{ kind_label(texts, client.kind) }</dd>
                    <dt>{ texts.col_notes }</dt><dd>{ client.notes.clone().unwrap_or_default() }</dd>
                    <dt>{ texts.created_at }</dt><dd>{ client.created_at.strftime("%Y-%m-%d %H:%M UTC").to_string() }</dd>
                    <dt>{ texts.updated_at }</dt><dd>{ client.updated_at.strftime("%Y-%m-%d %H:%M UTC").to_string() }</dd>
                </dl>
                if let Some(e) = &*error {
                    <p class="error">{ error_message(texts, e) }</p>
                }
                <div class="actions">
                    <button class="primary" onclick={{ let e = editing.clone(); move |_| e.set(true) }}>{ texts.edit }</button>
                    if *confirming {
                        <span>{ texts.confirm_delete }</span>
                        <button class="danger" onclick={on_delete}>{ texts.yes_delete }</button>
                        <button onclick={{ let c = confirming.clone(); move |_| c.set(false) }}>{ texts.cancel }</button>
                    } else {
                        <button class="delete" onclick={{ let c = confirming.clone(); move |_| c.set(true) }}>{ texts.delete }</button>
                    }
                </div>
            }
            <h2>{ texts.client_sessions }</h2>
            <SessionTable sessions={sessions.data.clone().map(|p| p.items).unwrap_or_default()} />
        </section>
    }
}
