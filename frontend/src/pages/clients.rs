//! The Clients page: count, search, table (with "Show more" past a page), create form, and delete with a
//! confirmation.

use studio_wire::Client;
use yew::prelude::*;

use crate::{
    api::{
        Method,
        urls::{CLIENTS, Order},
    },
    components::{
        choices::Choice,
        delete_button,
        forms::{ClientForm, ClientFormValues, edit, set_flag, toggle, use_submit},
        head, loaded,
    },
    hooks::use_paged_list,
    i18n::{Texts, use_texts},
    routes::{Route, link},
};

#[function_component]
pub fn ClientsPage() -> Html {
    let texts = use_texts();
    let submit = use_submit();
    let q = use_state(String::new);
    let clients = use_paged_list::<Client>(CLIENTS, (*q).clone(), Order::Oldest);
    let creating = use_state(|| false);
    let form_key = use_state(|| 0u32);

    let on_create = {
        let (submit, creating, form_key) = (submit.clone(), creating.clone(), form_key.clone());
        Callback::from(move |values: ClientFormValues| {
            let (said, creating, form_key) = (submit.clone(), creating.clone(), form_key.clone());
            submit.send(
                Method::Post,
                CLIENTS.collection(),
                Ok(values.to_new()),
                move |_| {
                    said.say(texts.client_created);
                    creating.set(false);
                    form_key.set(*form_key + 1);
                },
            );
        })
    };

    let count = clients.count().unwrap_or_default();
    html! {
        <section class="clients">
            <header class="page-header">
                <h1>{ texts.clients_title }{" "}
                    <small><span id="client-count">{ count.clone() }</span>{" "}
                        { if count == "1" { texts.client_count_one } else { texts.clients_count } }</small>
                </h1>
                <button id="new-client" class="primary" onclick={toggle(&creating)}>{ texts.new_client }</button>
            </header>
            { submit.notice() }
            if *creating {
                <ClientForm key={*form_key} initial={ClientFormValues::default()} submit_label={texts.create}
                    busy={*submit.busy} error={(*submit.error).clone()} on_submit={on_create}
                    on_cancel={set_flag(&creating, false)} />
            }
            <input id="client-search" class="search" type="search" placeholder={texts.search_placeholder} aria-label={texts.search_placeholder}
                value={(*q).clone()} oninput={edit(&q, |q, s| *q = s)} />
            { loaded(texts, &clients.list, |page| if page.items.is_empty() {
                html! { <p class="empty">{ if q.trim().is_empty() { texts.empty } else { texts.no_match } }</p> }
            } else {
                html! {
                    <table class="table" id="clients-table">
                        { head(&[(texts.col_name, ""), (texts.col_email, ""), (texts.col_phone, ""), (texts.col_kind, ""), ("", "")]) }
                        <tbody>{ for page.items.iter().map(|c| client_row(texts, c)) }</tbody>
                    </table>
                }
            }) }
            { clients.more_button(texts, "clients-more") }
        </section>
    }
}

fn client_row(texts: &Texts, client: &Client) -> Html {
    html! {
        <tr key={client.id.clone()} class="client-row">
            <td>{ link(Route::Client { id: client.id.clone() }, &client.name) }</td>
            <td>{ client.email.clone().unwrap_or_default() }</td>
            <td>{ client.phone.clone().unwrap_or_default() }</td>
            <td>{ client.kind.label(texts) }</td>
            <td class="row-actions">
                { delete_button(texts, texts.confirm_delete_client, CLIENTS.delete(&client.id, client.version), None) }
            </td>
        </tr>
    }
}
