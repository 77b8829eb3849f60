//! The Clients page: count, search, table, create form, and delete with a confirmation.

use studio_wire::{Client, ClientKind, NewClient};
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::{
    api::{self, ApiError, Method},
    components::{ClientForm, ClientFormValues},
    hooks::use_clients,
    i18n::{Texts, error_message, use_texts},
    routes::Route,
    store::use_resource_store,
};

fn optional(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_owned())
}

pub fn kind_label(texts: &Texts, kind: ClientKind) -> &'static str {
    match kind {
        ClientKind::Individual => texts.kind_individual,
        ClientKind::Company => texts.kind_company,
    }
}

#[function_component]
pub fn ClientsPage() -> Html {
    let texts = use_texts();
    let store = use_resource_store();
    let q = use_state(String::new);
    let clients = use_clients((*q).clone());
    let creating = use_state(|| false);
    let form_key = use_state(|| 0u32);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let notice = use_state(|| None::<&'static str>);

    let on_search = {
        let q = q.clone();
        Callback::from(move |e: InputEvent| {
            q.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_create = {
        let (busy, error, notice, store, creating, form_key) = (
            busy.clone(),
            error.clone(),
            notice.clone(),
            store.clone(),
            creating.clone(),
            form_key.clone(),
        );
        Callback::from(move |values: ClientFormValues| {
            let input = NewClient {
                name: values.name,
                email: optional(&values.email),
                phone: optional(&values.phone),
                kind: values.kind,
                notes: optional(&values.notes),
            };
            let (busy, error, notice, store, creating, form_key) = (
                busy.clone(),
                error.clone(),
                notice.clone(),
                store.clone(),
                creating.clone(),
                form_key.clone(),
            );
            busy.set(true);
            store.mutate::<_, Client>(
                Method::Post,
                "/api/clients".into(),
                Some(input),
                move |result| {
                    match result {
                        Ok(_) => {
                            error.set(None);
                            notice.set(Some(texts.created));
                            creating.set(false);
                            form_key.set(*form_key + 1);
                        }
                        Err(e) => error.set(Some(e)),
                    }
                    busy.set(false);
                },
            );
        })
    };

    let count = clients.data.as_ref().map(|p| p.items.len());
    html! {
        <section class="clients">
            <header class="page-header">
                <h1>{ texts.clients_title }{" "}
                    <small><span id="client-count">{ count.map(|c| c.to_string()).unwrap_or_default() }</span>{" "}{ texts.clients_count }</small>
                </h1>
                <button id="new-client" class="primary" onclick={{ let c = creating.clone(); move |_| c.set(!*c) }}>{ texts.new_client }</button>
            </header>
            if let Some(message) = *notice {
                <p class="notice">{ message }</p>
            }
            if *creating {
                <ClientForm key={*form_key} initial={ClientFormValues::default()} submit_label={texts.create}
                    busy={*busy} error={(*error).clone()} on_submit={on_create}
                    on_cancel={{ let c = creating.clone(); Callback::from(move |_| c.set(false)) }} />
            }
            <input id="client-search" class="search" type="search" placeholder={texts.search_placeholder}
                value={(*q).clone()} oninput={on_search} />
            if let Some(e) = &clients.error {
                <p class="error">{ error_message(texts, e) }</p>
            }
            { match &clients.data {
                None => html! { <p>{ texts.loading }</p> },
                Some(page) if page.items.is_empty() => html! { <p>{ texts.empty }</p> },
                Some(page) => html! {
                    <table class="table" id="clients-table">
                        <thead><tr>
                            <th>{ texts.col_name }</th><th>{ texts.col_email }</th><th>{ texts.col_phone }</th>
                            <th>{ texts.col_kind }</th><th></th>
                        </tr></thead>
                        <tbody>{ for page.items.iter().map(|c| html! { <ClientRow key={c.id.clone()} client={c.clone()} /> }) }</tbody>
                    </table>
                },
            } }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ClientRowProps {
    client: Client,
}

#[function_component]
fn ClientRow(props: &ClientRowProps) -> Html {
    let texts = use_texts();
    let store = use_resource_store();
    let confirming = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    let client = &props.client;
    let on_delete = {
        let (store, error) = (store.clone(), error.clone());
        let url = format!(
            "/api/clients/{}?version={}",
            api::encode(&client.id),
            client.version
        );
        Callback::from(move |_| {
            let (store, error, url) = (store.clone(), error.clone(), url.clone());
            store.mutate::<(), ()>(Method::Delete, url, None, move |result| {
                error.set(result.err())
            });
        })
    };
    html! {
        <tr class="client-row">
            <td><Link<Route> to={Route::Client { id: client.id.clone() }}>{ &client.name }</Link<Route>></td>
            <td>{ client.email.clone().unwrap_or_default() }</td>
            <td>{ client.phone.clone().unwrap_or_default() }</td>
            <td>{ kind_label(texts, client.kind) }</td>
            <td class="row-actions">
                if *confirming {
                    <span>{ texts.confirm_delete }{" "}</span>
                    <button class="danger" onclick={on_delete}>{ texts.yes_delete }</button>
                    <button onclick={{ let c = confirming.clone(); move |_| c.set(false) }}>{ texts.cancel }</button>
                } else {
                    <button class="delete" onclick={{ let c = confirming.clone(); move |_| c.set(true) }}>{ texts.delete }</button>
                }
                if let Some(e) = &*error {
                    <span class="error">{ error_message(texts, e) }</span>
                }
            </td>
        </tr>
    }
}
