//! One client: details, edit (with the version the editor saw), delete, the client's sessions and invoices.

use studio_wire::Client;
use yew::prelude::*;

use crate::{
    api::{Method, urls},
    components::history::use_entity_history,
    components::{
        choices::Choice,
        delete_button,
        forms::{ClientForm, ClientFormValues, Submit, set_flag, use_submit},
        loaded, use_studio,
    },
    format,
    hooks::{Shared, use_entity, use_invoices, use_sessions},
    i18n::{Texts, use_texts},
    pages::{SessionTable, invoice_table},
    routes::{Route, link, use_go_to},
};

#[derive(Properties, PartialEq)]
pub struct ClientDetailProps {
    pub id: String,
}

#[function_component]
pub fn ClientDetailPage(props: &ClientDetailProps) -> Html {
    let texts = use_texts();
    let history = use_entity_history("clients", &props.id);
    let fetched = use_entity::<Client>(urls::CLIENTS, props.id.clone());
    let sessions = use_sessions(urls::client_sessions(&props.id));
    let invoices = use_invoices(urls::client_invoices(&props.id));
    let studio = use_studio();
    let on_deleted = use_go_to(Route::Clients);
    let submit = use_submit();
    let editing = use_state(|| false);
    // The invoices' client is this one: named from the client already fetched.
    let named: Vec<(String, String)> = fetched
        .data()
        .map(|c| vec![(c.id.clone(), c.name.clone())])
        .unwrap_or_default();
    html! {
        <section class="client-detail">
            { link(Route::Clients, texts.back_to_clients) }
            { loaded(texts, &fetched, |client| view(texts, client, &submit, &editing, &on_deleted)) }
            // A client that is not there has no sessions to list: the line above says so.
            if fetched.error.is_none() {
                <h2>{ texts.client_sessions }</h2>
                <SessionTable sessions={sessions.shared()} />
                <h2>{ texts.billing.client_invoices }</h2>
                { loaded(texts, &invoices, |page| invoice_table(texts, &studio, &page.items.iter().collect::<Vec<_>>(), &named, false)) }
            }
            { history }
        </section>
    }
}

/// The client's fields, or their form while `editing`, with edit and delete buttons.
fn view(
    texts: &'static Texts,
    client: Shared<Client>,
    submit: &Submit,
    editing: &UseStateHandle<bool>,
    on_deleted: &Callback<()>,
) -> Html {
    let on_save = {
        let (submit, editing, client) = (submit.clone(), editing.clone(), client.clone());
        Callback::from(move |values: ClientFormValues| {
            let (said, editing) = (submit.clone(), editing.clone());
            let patch = values.to_patch(&client);
            submit.send(
                Method::Patch,
                urls::CLIENTS.one(&client.id),
                Ok(patch),
                move |_| {
                    editing.set(false);
                    said.say(texts.saved);
                },
            );
        })
    };
    html! {
        <>
            <h1 id="client-name">{ &client.name }</h1>
            { submit.notice() }
            if **editing {
                <ClientForm initial={ClientFormValues::from(&*client)} submit_label={texts.save}
                    busy={*submit.busy} error={(*submit.error).clone()} on_submit={on_save}
                    on_cancel={set_flag(editing, false)} />
            } else {
                <dl class="fields">
                    <dt>{ texts.col_email }</dt><dd id="client-email">{ client.email.clone().unwrap_or_default() }</dd>
                    <dt>{ texts.col_phone }</dt><dd>{ client.phone.clone().unwrap_or_default() }</dd>
                    <dt>{ texts.col_kind }</dt><dd>{ client.kind.label(texts) }</dd>
                    <dt>{ texts.col_notes }</dt><dd>{ client.notes.clone().unwrap_or_default() }</dd>
                    <dt>{ texts.created_at }</dt><dd>{ format::date_time(client.created_at, texts.locale) }</dd>
                    <dt>{ texts.updated_at }</dt><dd>{ format::date_time(client.updated_at, texts.locale) }</dd>
                </dl>
                <div class="actions">
                    <button class="primary" onclick={set_flag(editing, true)}>{ texts.edit }</button>
                    { delete_button(texts, texts.confirm_delete_client, urls::CLIENTS.delete(&client.id, client.version), Some(on_deleted.clone())) }
                </div>
            }
        </>
    }
}
