//! Quotes: the list, each with the next steps of its life (sent, accepted or rejected, turned into an invoice).

use studio_wire::{Quote, QuoteStatus};
use yew::prelude::*;

use crate::{
    api::urls::{Order, QUOTES},
    components::{ActionButton, choices::Choice, head, loaded, use_studio},
    format,
    hooks::{name_of, use_client_names, use_paged_list},
    i18n::use_texts,
    routes::{Route, link},
};

#[function_component]
pub fn QuotesPage() -> Html {
    let texts = use_texts();
    let b = texts.billing;
    let studio = use_studio();
    let quotes = use_paged_list::<Quote>(QUOTES, String::new(), Order::Newest);
    let listed = quotes.list.data().into_iter().flat_map(|p| &p.items);
    let names = use_client_names(listed.map(|q| q.client_id.as_str()).collect());
    let steps = |q: &Quote| {
        let step = |label, action| {
            html! {
                <ActionButton label={label} url={QUOTES.action(&q.id, action)} version={Some(q.version)} />
            }
        };
        match q.status {
            QuoteStatus::Draft => step(b.mark_sent, "send"),
            QuoteStatus::Sent => {
                html! { <>{ step(b.accept, "accept") }{ step(b.reject, "reject") }</> }
            }
            QuoteStatus::Accepted => step(b.to_invoice, "invoice"),
            QuoteStatus::Invoiced => match &q.invoice_id {
                Some(id) => link(Route::Invoice { id: id.clone() }, b.nav_invoices),
                None => html! {},
            },
            QuoteStatus::Rejected | QuoteStatus::Expired => html! {},
        }
    };
    html! {
        <section class="quotes">
            <header class="page-header"><h1>{ b.quotes_title }</h1></header>
            { loaded(texts, &quotes.list, |page| if page.items.is_empty() {
                html! { <p class="empty">{ b.no_quotes }</p> }
            } else {
                html! {
                    <table class="table quotes-table">
                        { head(&[(b.col_number, ""), (texts.col_client, ""), (b.col_valid_until, ""), (b.col_gross, "money"), (texts.col_status, ""), ("", "")]) }
                        <tbody>
                            { for page.items.iter().map(|q| html! {
                                <tr class="quote-row">
                                    <td>{ &q.number }</td>
                                    <td>{ name_of(&names, &q.client_id) }</td>
                                    <td>{ format::date(q.valid_until, texts.locale) }</td>
                                    <td class="money">{ studio.money(q.totals.gross, texts) }</td>
                                    <td><span class={classes!("badge", q.status.value())}>{ q.status.label(texts) }</span></td>
                                    <td class="row-actions">{ steps(q) }</td>
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
