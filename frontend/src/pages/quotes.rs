//! Quotes: the list (and a new one), and one quote's page (its lines and totals, edited while a draft), each
//! with the next steps of its life (sent, accepted or rejected, turned into an invoice).

use studio_wire::{Quote, QuoteStatus};
use yew::prelude::*;
use yew_router::prelude::*;

use super::invoices::lines_table;
use crate::{
    api::{
        Method,
        urls::{Order, QUOTES},
    },
    components::{
        ActionButton,
        choices::Choice,
        forms::{LinesForm, LinesFormValues, set_flag, toggle, use_submit},
        head,
        history::use_entity_history,
        loaded, use_studio,
    },
    format,
    hooks::{name_of, use_client_names, use_entity, use_paged_list},
    i18n::{Texts, use_texts},
    routes::{Route, close_and_open, link},
};

/// The next steps of a quote's life, as buttons; once invoiced, a link to its invoice.
fn steps(texts: &Texts, q: &Quote) -> Html {
    let b = texts.billing;
    // A refusal is final (a rejected quote has no next step): it is asked first.
    let step = |label, action, confirm: Option<&'static str>| {
        html! {
            <ActionButton label={label} url={QUOTES.action(&q.id, action)} version={Some(q.version)} {confirm} />
        }
    };
    match q.status {
        QuoteStatus::Draft => step(b.mark_sent, "send", None),
        QuoteStatus::Sent => {
            html! { <>{ step(b.accept, "accept", None) }{ step(b.reject, "reject", Some(b.confirm_reject)) }</> }
        }
        QuoteStatus::Accepted => step(b.to_invoice, "invoice", None),
        QuoteStatus::Invoiced => match &q.invoice_id {
            Some(id) => link(Route::Invoice { id: id.clone() }, b.its_invoice),
            None => html! {},
        },
        QuoteStatus::Rejected | QuoteStatus::Expired => html! {},
    }
}

fn status_badge(texts: &Texts, q: &Quote) -> Html {
    html! { <span CLASS={format!("badge {}", q.status.value())}>{ q.status.label(texts) }</span> }
}

#[function_component]
pub fn QuotesPage() -> Html {
    let texts = use_texts();
    let b = texts.billing;
    let studio = use_studio();
    let quotes = use_paged_list::<Quote>(QUOTES, String::new(), Order::Newest);
    let listed = quotes.list.data().into_iter().flat_map(|p| &p.items);
    let names = use_client_names(listed.map(|q| q.client_id.as_str()).collect());
    let creating = use_state(|| false);
    let submit = use_submit();
    let navigator = use_navigator();
    let on_create = {
        let (submit, creating) = (submit.clone(), creating.clone());
        Callback::from(move |values: LinesFormValues| {
            let (creating, navigator) = (creating.clone(), navigator.clone());
            let opened = close_and_open(creating, navigator, |id| Route::Quote { id });
            submit.send(
                Method::Post,
                QUOTES.collection(),
                values.to_new_quote(),
                opened,
            );
        })
    };
    html! {
        <section class="quotes">
            <header class="page-header">
                <h1>{ b.quotes_title }</h1>
                <button id="new-quote" class="primary" onclick={toggle(&creating)}>{ b.new_quote }</button>
            </header>
            if *creating {
                <LinesForm initial={LinesFormValues::new_quote()} submit_label={texts.create} busy={*submit.busy}
                    error={(*submit.error).clone()} on_submit={on_create} on_cancel={set_flag(&creating, false)} />
            }
            { loaded(texts, &quotes.list, |page| if page.items.is_empty() {
                html! { <p class="empty">{ b.no_quotes }</p> }
            } else {
                html! {
                    <table class="table quotes-table">
                        { head(&[(b.col_number, ""), (texts.col_client, ""), (b.col_valid_until, ""), (b.col_gross, "money"), (texts.col_status, ""), ("", "")]) }
                        <tbody>
                            { for page.items.iter().map(|q| html! {
                                <tr class="quote-row">
                                    <td>{ link(Route::Quote { id: q.id.clone() }, &q.number) }</td>
                                    <td>{ name_of(&names, &q.client_id) }</td>
                                    <td>{ format::date(q.valid_until, texts.locale) }</td>
                                    <td class="money">{ studio.money(q.totals.gross, texts) }</td>
                                    <td>{ status_badge(texts, q) }</td>
                                    <td class="row-actions">{ steps(texts, q) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                }
            }) }
            { quotes.more_button(texts, "quotes-more") }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct QuoteDetailProps {
    pub id: String,
}

/// One quote: its client, validity, lines and totals, its next steps and its history.
#[function_component]
pub fn QuoteDetailPage(props: &QuoteDetailProps) -> Html {
    let texts = use_texts();
    let history = use_entity_history("quotes", &props.id);
    let b = texts.billing;
    let studio = use_studio();
    let fetched = use_entity::<Quote>(QUOTES, props.id.clone());
    let client = fetched.data().map(|q| q.client_id.as_str());
    let names = use_client_names(client.into_iter().collect());
    let editing = use_state(|| false);
    let submit = use_submit();
    // A draft's lines and notes, saved with the version shown.
    let save = |quote: &Quote| {
        let (submit, editing, id, quote) = (
            submit.clone(),
            editing.clone(),
            quote.id.clone(),
            quote.clone(),
        );
        Callback::from(move |values: LinesFormValues| {
            let editing = editing.clone();
            submit.send(
                Method::Patch,
                QUOTES.one(&id),
                values.to_quote_patch(&quote),
                move |_| editing.set(false),
            );
        })
    };
    html! {
        <section class="quote-detail">
            { link(Route::Quotes, b.back_to_quotes) }
            { loaded(texts, &fetched, |q| html! { <>
                <header class="page-header">
                    <h1 id="quote-number">{ &q.number }</h1>
                    <span id="quote-status">{ status_badge(texts, &q) }</span>
                </header>
                <dl class="fields">
                    <dt>{ texts.col_client }</dt>
                    <dd>{ link(Route::Client { id: q.client_id.clone() }, &name_of(&names, &q.client_id)) }</dd>
                    <dt>{ b.col_valid_until }</dt><dd>{ format::date(q.valid_until, texts.locale) }</dd>
                    if let Some(notes) = &q.notes {
                        <dt>{ texts.col_notes }</dt><dd>{ notes }</dd>
                    }
                </dl>
                if *editing {
                    <LinesForm initial={LinesFormValues::of_quote(&q, texts.locale)} submit_label={texts.save}
                        busy={*submit.busy} error={(*submit.error).clone()} on_submit={save(&q)}
                        on_cancel={set_flag(&editing, false)} />
                } else {
                    { lines_table(texts, &studio, "quote", &q.lines, &q.totals, html! {}) }
                    <div class="actions">
                        if q.status == QuoteStatus::Draft {
                            <button type="button" id="edit-quote" onclick={set_flag(&editing, true)}>{ texts.edit }</button>
                        }
                        { steps(texts, &q) }
                    </div>
                }
            </> }) }
            { history }
        </section>
    }
}
