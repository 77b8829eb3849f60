//! One invoice: its lines, VAT per rate, totals, payments and balance; issue, delete (drafts only), record a
//! payment, cancel by credit note, print. An issued invoice has no edit or delete control: it is cancelled by a
//! credit note.

use studio_wire::{
    Invoice, InvoiceKind, InvoiceStatus, Money, NewPayment, Page, Payment, PaymentMethod, Project,
};
use wasm_bindgen::JsValue;
use yew::prelude::*;

use super::invoices::{balance, invoice_table, lines_table, number, status_badge};
use crate::{
    api::{self, Method, urls},
    components::history::use_entity_history,
    components::{
        ActionButton, Studio,
        choices::{Choice, options},
        delete_button,
        forms::{
            LinesForm, LinesFormValues, Shell, Submit, edit, field, form_shell, input, optional,
            refused_field, set_flag, use_submit,
        },
        head, loaded, use_studio,
    },
    format,
    hooks::{Fetched, Shared, name_of, use_client_names, use_entity, use_invoices, use_payments},
    i18n::{Texts, use_texts},
    routes::{Route, link, use_go_to},
    time,
};

#[derive(Properties, PartialEq)]
pub struct InvoiceDetailProps {
    pub id: String,
}

#[function_component]
pub fn InvoiceDetailPage(props: &InvoiceDetailProps) -> Html {
    let texts = use_texts();
    let history = use_entity_history("invoices", &props.id);
    let studio = use_studio();
    let fetched = use_entity::<Invoice>(urls::INVOICES, props.id.clone());
    // What the view shows besides the invoice, asked once the invoice (its client, its project) is known.
    let shown = fetched.data();
    let client_id = shown.map_or("", |i| i.client_id.as_str());
    let held = Held {
        editing: use_state(|| false),
        submit: use_submit(),
        on_deleted: use_go_to(Route::Invoices),
        of_client: use_invoices(if client_id.is_empty() {
            String::new()
        } else {
            urls::client_invoices(client_id)
        }),
        payments: use_payments(shown.map_or("", |i| i.id.as_str())),
        client_named: use_client_names(vec![client_id]),
        project: use_entity::<Project>(
            urls::PROJECTS,
            shown.and_then(|i| i.project_id.clone()).unwrap_or_default(),
        ),
    };
    html! {
        <section class="invoice-detail">
            { link(Route::Invoices, texts.billing.back_to_invoices) }
            { loaded(texts, &fetched, |invoice| view(texts, &studio, invoice, &held)) }
            { history }
        </section>
    }
}

/// What the invoice's view keeps between renders and shows besides the invoice, held by the page.
struct Held {
    editing: UseStateHandle<bool>,
    submit: Submit,
    on_deleted: Callback<()>,
    /// The client's invoices: the credit note and the invoice it cancels are among them.
    of_client: Fetched<Page<Invoice>>,
    payments: Fetched<Page<Payment>>,
    client_named: Vec<(String, String)>,
    /// The project, named: one entity read, not the whole list (nothing when there is none).
    project: Fetched<Project>,
}

/// The invoice: number, status, client, project, dates, lines and totals (or their form while editing), what it
/// allows (issue, delete, credit note, print), its payments and the client's other invoices.
fn view(texts: &'static Texts, studio: &Studio, invoice: Shared<Invoice>, held: &Held) -> Html {
    let b = texts.billing;
    let Held {
        editing,
        submit,
        on_deleted,
        of_client,
        payments,
        client_named,
        project,
    } = held;
    let invoice = &invoice;
    let on_save = {
        let (submit, editing, invoice) = (submit.clone(), editing.clone(), invoice.clone());
        Callback::from(move |values: LinesFormValues| {
            let (said, editing) = (submit.clone(), editing.clone());
            submit.send(
                Method::Patch,
                urls::INVOICES.one(&invoice.id),
                values.to_patch(&invoice),
                move |_| {
                    editing.set(false);
                    said.say(texts.saved);
                },
            );
        })
    };
    let money = |m: Money| studio.money(m, texts);
    let client_name = name_of(client_named, &invoice.client_id);
    let done = |message: &'static str| {
        let said = submit.clone();
        Callback::from(move |()| said.say(message))
    };
    let open = matches!(
        invoice.status,
        InvoiceStatus::Issued | InvoiceStatus::PartiallyPaid
    );
    let is_invoice = invoice.kind == InvoiceKind::Invoice;
    // The credit note and the invoice it cancels have the same client: the other is among these.
    let listed = || {
        of_client
            .data()
            .into_iter()
            .flat_map(|page| page.items.iter())
    };
    let same_client: Vec<&Invoice> = listed()
        .filter(|i| i.client_id == invoice.client_id && i.id != invoice.id)
        .collect();
    let number_of = |id: &str| {
        listed()
            .find(|i| i.id == id)
            .map(|i| number(texts, i))
            .unwrap_or_default()
    };
    let owed = balance(invoice);
    let day = |d: Option<jiff::civil::Date>| d.map(|d| format::date(d, texts.locale));
    html! {
        <>
            <header class="page-header">
                <h1 id="invoice-number">
                    if invoice.kind == InvoiceKind::CreditNote { { b.credit_note }{" "} }
                    if invoice.number.is_none() && invoice.kind == InvoiceKind::Invoice {
                        { b.draft_heading }
                    } else {
                        { number(texts, invoice) }
                    }
                </h1>
                <span id="invoice-status">{ status_badge(texts, invoice) }</span>
            </header>
            { submit.notice() }
            <dl class="fields">
                <dt>{ texts.col_client }</dt>
                <dd>{ link(Route::Client { id: invoice.client_id.clone() }, &client_name) }</dd>
                if let Some(id) = &invoice.project_id {
                    <dt>{ b.project }</dt>
                    <dd>{ link(Route::Project { id: id.clone() }, project.data().map_or("", |p| p.name.as_str())) }</dd>
                }
                if let Some(issued) = day(invoice.issued_on) {
                    <dt>{ b.col_issued }</dt><dd>{ issued }</dd>
                }
                if let Some(due) = day(invoice.due_on) {
                    <dt>{ b.col_due }</dt><dd>{ due }</dd>
                }
                if let Some(other) = &invoice.credit {
                    <dt>{ if is_invoice { b.credit_note } else { b.credit_of } }</dt>
                    <dd>{ link(Route::Invoice { id: other.clone() }, &number_of(other)) }</dd>
                }
            </dl>
            if **editing {
                <LinesForm initial={LinesFormValues::of(invoice, texts.locale)} submit_label={texts.save}
                    busy={*submit.busy} error={(*submit.error).clone()} on_submit={on_save}
                    on_cancel={set_flag(editing, false)} />
            }
            if !**editing {
                { lines_table(texts, studio, "invoice", &invoice.lines, &invoice.totals, html! {
                    if let Some(owed) = owed {
                        <tr><th colspan="4">{ b.col_paid }</th><td class="money" id="invoice-paid">{ money(invoice.paid) }</td></tr>
                        <tr class="balance"><th colspan="4">{ b.col_balance }</th><td class="money" id="invoice-balance">{ money(owed) }</td></tr>
                    }
                }) }
            }
            <div class="actions">
                if invoice.status == InvoiceStatus::Draft && !**editing {
                    <button type="button" id="edit-invoice" onclick={set_flag(editing, true)}>{ texts.edit }</button>
                    <ActionButton label={b.issue} class="primary" confirm={b.confirm_issue}
                        url={urls::INVOICES.action(&invoice.id, "issue")} version={Some(invoice.version)} on_done={done(b.issued_notice)} />
                    { delete_button(texts, texts.confirm_delete_draft, urls::INVOICES.delete(&invoice.id, invoice.version), Some(on_deleted.clone())) }
                }
                if open && is_invoice && invoice.credit.is_none() {
                    <ActionButton label={b.cancel_by_credit} class="danger" confirm={b.confirm_credit}
                        url={urls::INVOICES.action(&invoice.id, "credit-note")} version={Some(invoice.version)} on_done={done(b.credit_notice)} />
                }
                <button type="button" onclick={print(urls::invoice_print(&invoice.id, texts.lang))}>{ b.print }</button>
            </div>
            // What an issued invoice still allows: only while the credit note is offered.
            if open && is_invoice && invoice.credit.is_none() {
                <p class="hint">{ b.frozen }</p>
            }
            <h2>{ b.payments }</h2>
            { payments_table(texts, studio, payments) }
            if let (true, Some(owed)) = (open, owed.filter(|m| m.cents() > 0)) {
                <PaymentForm key={invoice.version.to_string()} invoice={invoice.id.clone()} balance={owed} on_done={done(b.payment_recorded)} />
            }
            <h2>{ b.client_invoices }</h2>
            { invoice_table(texts, studio, &same_client, client_named, false) }
        </>
    }
}

/// Opens the printable invoice in a new tab. Fetched with the caller's credentials (the API wants them), then
/// shown from a blob: the browser's "Print → Save as PDF" gives the A4 page.
fn print(url: String) -> Callback<MouseEvent> {
    Callback::from(move |_| {
        let url = url.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let Ok(html) = api::get_text(&url).await else {
                return;
            };
            let parts = js_sys::Array::of1(&JsValue::from_str(&html));
            let options = web_sys::BlobPropertyBag::new();
            options.set_type("text/html");
            let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok();
            let link = blob.and_then(|b| web_sys::Url::create_object_url_with_blob(&b).ok());
            if let (Some(link), Some(window)) = (link, web_sys::window()) {
                let _ = window.open_with_url_and_target(&link, "_blank");
            }
        });
    })
}

/// The invoice's payments, each with its reversal (or what reversed it).
fn payments_table(
    texts: &'static Texts,
    studio: &Studio,
    payments: &Fetched<Page<Payment>>,
) -> Html {
    let b = texts.billing;
    loaded(texts, payments, |page| {
        if page.items.is_empty() {
            return html! { <p class="empty" id="no-payments">{ b.no_payments }</p> };
        }
        html! {
            <table class="table payments-table">
                { head(&[(texts.col_date, ""), (b.col_method, ""), (b.col_reference, ""), (b.col_amount, "money"), ("", "")]) }
                <tbody>
                    { for page.items.iter().map(|p| html! {
                        <tr class="payment-row">
                            <td>{ format::date(p.paid_on, texts.locale) }</td>
                            <td>{ p.method.label(texts) }
                                if p.reverses.is_some() { {" · "}{ b.reversal } }
                                if p.reversed_by.is_some() { {" · "}{ b.reversed } }</td>
                            <td>{ p.reference.clone().unwrap_or_default() }</td>
                            <td class="money">{ studio.money(p.amount, texts) }</td>
                            // A payment still standing can be taken back (a negative entry; never deleted).
                            <td>if p.reverses.is_none() && p.reversed_by.is_none() {
                                <ActionButton label={b.reverse} class="link" confirm={b.confirm_reverse}
                                    url={urls::PAYMENTS.action(&p.id, "reverse")} version={Some(p.version)} />
                            }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        }
    })
}

#[derive(Clone, PartialEq)]
struct PaymentValues {
    amount: String,
    method: PaymentMethod,
    paid_on: String,
    reference: String,
}

#[derive(Properties, PartialEq)]
struct PaymentFormProps {
    invoice: String,
    /// What is left to pay: the amount offered.
    balance: Money,
    on_done: Callback<()>,
}

#[function_component]
fn PaymentForm(props: &PaymentFormProps) -> Html {
    let texts = use_texts();
    let b = texts.billing;
    let submit = use_submit();
    let values = use_state(|| PaymentValues {
        amount: props.balance.plain(texts.locale),
        method: PaymentMethod::default(),
        paid_on: studio_wire::day::format(time::today()),
        reference: String::new(),
    });
    let on_submit = {
        let (submit, values, invoice, done) = (
            submit.clone(),
            values.clone(),
            props.invoice.clone(),
            props.on_done.clone(),
        );
        Callback::from(move |()| {
            let done = done.clone();
            let body = Money::parse(&values.amount)
                .map(|amount| NewPayment {
                    invoice_id: invoice.clone(),
                    amount,
                    method: values.method,
                    paid_on: time::parse_date(&values.paid_on),
                    reference: optional(&values.reference),
                })
                .map_err(|problem| refused_field("amount", problem));
            submit.send(Method::Post, urls::PAYMENTS.collection(), body, move |_| {
                done.emit(())
            });
        })
    };
    let error = (*submit.error).clone();
    form_shell(
        texts,
        Shell {
            class: "payment-form",
            submit_label: b.record_payment,
            busy: *submit.busy,
            error: error.clone(),
            on_submit,
            on_cancel: None,
        },
        html! { <>
            { field(b.col_amount, "amount", &error, html! {
                <input name="amount" inputmode="decimal" value={values.amount.clone()} oninput={edit(&values, |v, s| v.amount = s)} required=true />
            }) }
            { field(b.col_method, "method", &error, html! {
                <select name="method" onchange={edit(&values, |v, s| v.method = PaymentMethod::from_value(&s).unwrap_or_default())}>
                    { options(texts, values.method) }
                </select>
            }) }
            { input(texts.col_date, "paid_on", "date", &values.paid_on, edit(&values, |v, s| v.paid_on = s), &error) }
            { input(b.col_reference, "reference", "text", &values.reference, edit(&values, |v, s| v.reference = s), &error) }
        </> },
    )
}
