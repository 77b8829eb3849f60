//! The invoices list (status filter, totals of what is shown), a draft from a client's sessions, and the tables
//! other pages reuse: of invoices (a client's, a project's) and of an invoice's or a quote's lines.

use studio_wire::{
    FieldProblem, Invoice, InvoiceKind, InvoiceLine, InvoiceStatus, Money, SessionsToInvoice,
    Totals,
};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::{
    api::{Method, urls},
    components::{
        ClientPicker, Studio,
        choices::Choice,
        forms::{
            Shell, Submit, edit, field, form_shell, input, refused_field, set_flag, toggle,
            use_submit,
        },
        head, loaded, use_studio,
    },
    format,
    hooks::{name_of, use_client_names, use_paged_list},
    i18n::{Texts, use_texts},
    routes::{Route, close_and_open, link},
    time,
};

/// What is left to pay on an issued invoice; nothing for a draft (not owed yet), a cancelled invoice or a
/// credit note (they cancel each other out).
pub fn balance(invoice: &Invoice) -> Option<Money> {
    let owed = matches!(
        invoice.status,
        InvoiceStatus::Issued | InvoiceStatus::PartiallyPaid | InvoiceStatus::Paid
    );
    (owed && invoice.kind == InvoiceKind::Invoice)
        .then(|| Money(invoice.totals.gross.cents() - invoice.paid.cents()))
}

/// The invoice's number, or "Draft" before it has one.
pub fn number(texts: &Texts, invoice: &Invoice) -> String {
    invoice
        .number
        .clone()
        .unwrap_or_else(|| texts.billing.draft_number.to_owned())
}

/// Its status as a badge; an issued invoice past its due date reads "Overdue".
pub fn status_badge(texts: &Texts, invoice: &Invoice) -> Html {
    let (label, class) = if invoice.overdue {
        (texts.billing.overdue, "overdue".to_owned())
    } else {
        (invoice.status.label(texts), invoice.status.value())
    };
    html! { <span CLASS={format!("badge {class}")}>{ label }</span> }
}

/// An invoice's or a quote's lines and totals (ids `{of}-net`, `{of}-gross`), then `more` rows (paid, balance).
pub fn lines_table(
    texts: &Texts,
    studio: &Studio,
    of: &str,
    lines: &[InvoiceLine],
    totals: &Totals,
    more: Html,
) -> Html {
    let b = texts.billing;
    let money = |m: Money| studio.money(m, texts);
    let rate = |r: u32| studio_wire::invoices::rate_text(r, texts.locale);
    html! {
        <table class="table lines-table">
            { head(&[(b.col_description, ""), (b.col_quantity, "money"), (b.col_unit_price, "money"), (b.col_vat, "money"), (b.col_net, "money")]) }
            <tbody>
                { for lines.iter().map(|l| html! {
                    <tr>
                        <td>{ &l.description }</td>
                        <td class="money">{ l.quantity.plain(texts.locale) }</td>
                        <td class="money">{ money(l.unit_price) }</td>
                        <td class="money">{ rate(l.vat_rate) }</td>
                        <td class="money">{ money(l.amount) }</td>
                    </tr>
                }) }
            </tbody>
            <tfoot>
                <tr><th colspan="4">{ b.total_net }</th><td class="money" id={format!("{of}-net")}>{ money(totals.net) }</td></tr>
                { for totals.vat.iter().map(|v| html! {
                    <tr><th colspan="4">{ b.vat_at }{" "}{ rate(v.rate) }</th><td class="money">{ money(v.vat) }</td></tr>
                }) }
                <tr><th colspan="4">{ b.total_gross }</th><td class="money" id={format!("{of}-gross")}>{ money(totals.gross) }</td></tr>
                { more }
            </tfoot>
        </table>
    }
}

/// A table of `invoices`, their clients named by `names` (the caller's `use_client_names`), with a last row
/// adding up what is shown when `totals`. A function, not a component: its callers hold the invoices already,
/// and pass them without a copy.
pub fn invoice_table(
    texts: &Texts,
    studio: &Studio,
    invoices: &[&Invoice],
    names: &[(String, String)],
    totals: bool,
) -> Html {
    let b = texts.billing;
    if invoices.is_empty() {
        return html! { <p class="empty">{ b.no_invoices }</p> };
    }
    let money = |m: Money| studio.money(m, texts);
    let sum = |f: fn(&Invoice) -> Option<Money>| billed(invoices, f);
    let drafts = invoices.iter().any(|i| i.status == InvoiceStatus::Draft);
    let day = |d: Option<jiff::civil::Date>| d.map(|d| format::date(d, texts.locale));
    html! {
        <table class="table invoices-table">
            { head(&[(b.col_number, ""), (texts.col_client, ""), (b.col_issued, ""), (b.col_due, ""), (b.col_net, "money"), (b.col_gross, "money"), (b.col_balance, "money"), (texts.col_status, "")]) }
            <tbody>
                { for invoices.iter().map(|i| html! {
                    <tr class="invoice-row">
                        <td>{ link(Route::Invoice { id: i.id.clone() }, &number(texts, i)) }
                            if i.kind == InvoiceKind::CreditNote { {" "}<span class="badge">{ b.credit_note }</span> }
                        </td>
                        <td>{ name_of(names, &i.client_id) }</td>
                        <td>{ day(i.issued_on) }</td>
                        <td>{ day(i.due_on) }</td>
                        <td class="money">{ money(i.totals.net) }</td>
                        <td class="money">{ money(i.totals.gross) }</td>
                        <td class="money">{ balance(i).map(money) }</td>
                        <td>{ status_badge(texts, i) }</td>
                    </tr>
                }) }
            </tbody>
            if totals {
                <tfoot><tr>
                    <th colspan="4">{ invoices.len() }{" "}{ b.invoices_word }
                        if drafts { {" · "}{ b.drafts_not_added } }
                    </th>
                    <th class="money" id="invoices-net">{ money(sum(|i| Some(i.totals.net))) }</th>
                    <th class="money" id="invoices-gross">{ money(sum(|i| Some(i.totals.gross))) }</th>
                    <th class="money" id="invoices-balance">{ money(sum(balance)) }</th>
                    <th></th>
                </tr></tfoot>
            }
        </table>
    }
}

/// What the footer adds up of `amount`: what was billed. A draft is not (yet); a cancelled invoice and its credit
/// note, whose amounts are the invoice's negated, cancel out.
fn billed(invoices: &[&Invoice], amount: fn(&Invoice) -> Option<Money>) -> Money {
    Money(
        invoices
            .iter()
            .filter(|i| i.status != InvoiceStatus::Draft)
            .filter_map(|i| amount(i))
            .map(Money::cents)
            .sum(),
    )
}

/// The list's filter: every invoice, one status, or the overdue ones.
#[derive(Clone, Copy, PartialEq)]
enum Filter {
    All,
    Status(InvoiceStatus),
    Overdue,
}

impl Filter {
    fn keeps(self, invoice: &Invoice) -> bool {
        match self {
            Filter::All => true,
            Filter::Status(status) => invoice.status == status,
            Filter::Overdue => invoice.overdue,
        }
    }

    fn read(value: &str) -> Filter {
        match value {
            "overdue" => Filter::Overdue,
            other => InvoiceStatus::from_value(other).map_or(Filter::All, Filter::Status),
        }
    }
}

#[function_component]
pub fn InvoicesPage() -> Html {
    let texts = use_texts();
    let b = texts.billing;
    let invoices = use_paged_list::<Invoice>(urls::INVOICES, String::new(), urls::Order::Newest);
    let studio = use_studio();
    let listed = invoices.list.data().into_iter().flat_map(|p| &p.items);
    let names = use_client_names(listed.map(|i| i.client_id.as_str()).collect());
    let filter = use_state(|| Filter::All);
    let creating = use_state(|| false);
    let draft = Draft {
        submit: use_submit(),
        navigator: use_navigator(),
        values: use_state(FromSessions::month_so_far),
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            filter.set(Filter::read(&crate::components::forms::control_value(&e)))
        })
    };
    html! {
        <section class="invoices">
            <header class="page-header">
                <h1>{ b.invoices_title }</h1>
                <button id="new-invoice" class="primary" onclick={toggle(&creating)}>{ b.invoice_sessions }</button>
            </header>
            if *creating {
                { from_sessions_form(texts, &draft, &creating) }
            }
            <label class="filter">{ texts.col_status }{" "}
                <select id="invoice-filter" onchange={on_filter}>
                    <option value="" selected={*filter == Filter::All}>{ b.all_statuses }</option>
                    { for InvoiceStatus::ALL.iter().map(|s| html! {
                        <option value={s.value()} selected={*filter == Filter::Status(*s)}>{ s.label(texts) }</option>
                    }) }
                    <option value="overdue" selected={*filter == Filter::Overdue}>{ b.overdue_only }</option>
                </select>
            </label>
            { loaded(texts, &invoices.list, |page| {
                let shown: Vec<&Invoice> = page.items.iter().filter(|i| filter.keeps(i)).collect();
                invoice_table(texts, &studio, &shown, &names, true)
            }) }
            { invoices.more_button(texts, "invoices-more") }
        </section>
    }
}

#[derive(Clone, PartialEq)]
struct FromSessions {
    client: String,
    from: String,
    to: String,
}

impl FromSessions {
    fn month_so_far() -> Self {
        let today = time::today();
        FromSessions {
            client: String::new(),
            from: studio_wire::day::format(today.first_of_month()),
            to: studio_wire::day::format(today),
        }
    }
}

/// What the draft form keeps while the page is open.
struct Draft {
    submit: Submit,
    navigator: Option<Navigator>,
    values: UseStateHandle<FromSessions>,
}

/// A draft invoice from a client's sessions of a period (the month so far by default); made, it opens on its page.
fn from_sessions_form(
    texts: &'static Texts,
    draft: &Draft,
    creating: &UseStateHandle<bool>,
) -> Html {
    let Draft {
        submit,
        navigator,
        values,
    } = draft;
    let on_submit = {
        let (submit, values, creating) = (submit.clone(), values.clone(), creating.clone());
        let navigator = navigator.clone();
        Callback::from(move |()| {
            let (creating, navigator) = (creating.clone(), navigator.clone());
            let opened = close_and_open(creating, navigator, |id| Route::Invoice { id });
            let day = |name: &str, text: &str| {
                time::parse_date(text).ok_or_else(|| {
                    let problem = FieldProblem::NotADate {
                        value: text.to_owned(),
                    };
                    refused_field(name, problem)
                })
            };
            let body = day("from", &values.from).and_then(|from| {
                Ok(SessionsToInvoice {
                    client_id: values.client.clone(),
                    from,
                    to: day("to", &values.to)?,
                })
            });
            submit.send(
                Method::Post,
                urls::INVOICE_FROM_SESSIONS.to_owned(),
                body,
                opened,
            );
        })
    };
    let error = (*submit.error).clone();
    form_shell(
        texts,
        Shell {
            class: "from-sessions",
            submit_label: texts.billing.create_draft,
            busy: *submit.busy,
            error: error.clone(),
            on_submit,
            on_cancel: Some(set_flag(creating, false)),
        },
        html! { <>
            { field(texts.col_client, "client_id", &error, html! {
                <ClientPicker selected={values.client.clone()} onchange={edit(values, |v, s| v.client = s)}
                    label={texts.col_client} none={texts.choose} required=true />
            }) }
            { input(texts.from_label, "from", "date", &values.from, edit(values, |v, s| v.from = s), &error) }
            { input(texts.to_label, "to", "date", &values.to, edit(values, |v, s| v.to = s), &error) }
        </> },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invoice(kind: &str, status: &str, gross: i64) -> Invoice {
        serde_json::from_value(serde_json::json!({
            "id": "i", "kind": kind, "status": status, "client_id": "c", "lines": [],
            "totals": { "net": gross, "vat": [], "gross": gross }, "paid": 0,
            "created_at": "2026-11-01T10:00:00Z", "updated_at": "2026-11-01T10:00:00Z", "version": 1
        }))
        .unwrap()
    }

    #[test]
    fn the_footer_adds_up_what_was_billed_drafts_left_out_and_a_credit_note_cancelling_its_invoice()
    {
        let draft = invoice("invoice", "draft", 50_000);
        let issued = invoice("invoice", "issued", 12_000);
        let cancelled = invoice("invoice", "cancelled", 30_000);
        let credit = invoice("credit_note", "issued", -30_000);
        let all = [&draft, &issued, &cancelled, &credit];
        assert_eq!(billed(&all, |i| Some(i.totals.gross)), Money(12_000));
        assert_eq!(billed(&[&draft], |i| Some(i.totals.gross)), Money(0));
    }
}
