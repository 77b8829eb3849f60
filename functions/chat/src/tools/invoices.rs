//! Billing tools: list and show invoices, issue a client's draft, record or reverse a payment, cancel an invoice
//! with a credit note, what a client owes. Invoices are named by number (or id); a client's draft by the client.

use serde::Deserialize;
use serde_json::{Value, json};
use studio_domain::{ChangeSet, balances, invoices, payments};
use studio_wire::{Invoice, InvoiceStatus, NewPayment, Payment, PaymentMethod, SessionsToInvoice};

use super::{
    Amount, Noun, Tool, ToolEnv, ToolOutcome, ToolResult, arguments, client_filter,
    clients::resolve as resolve_client, failed, listed, one,
};

const INVOICE: Noun = Noun {
    fr: "facture",
    fr_plural: "factures",
    feminine: true,
    en: "invoice",
};
const PAYMENT: Noun = Noun {
    fr: "paiement",
    fr_plural: "paiements",
    feminine: false,
    en: "payment",
};
const DRAFT: Noun = Noun {
    fr: "brouillon de facture",
    fr_plural: "brouillons de facture",
    feminine: false,
    en: "draft invoice",
};

pub fn tools() -> Vec<Tool> {
    let invoice_ref =
        json!({"type": "string", "description": "The invoice's number (2026-0004) or id."});
    let client_ref = json!({"type": "string", "description": "The client's name, email or id."});
    vec![
        Tool::new(
            "list_invoices",
            "List invoices, optionally of one client, in one status (draft, issued, partially_paid, paid, cancelled), and/or overdue (issued, unpaid, past due).",
            json!({"type": "object", "properties": {"client": client_ref, "status": {"type": "string", "enum": ["draft", "issued", "partially_paid", "paid", "cancelled"]}, "overdue": {"type": "boolean"}}}),
            |env, args| Box::pin(list(env, args)),
        ),
        Tool::new(
            "get_invoice",
            "Show one invoice: lines, totals, paid amount, status.",
            json!({"type": "object", "properties": {"invoice": invoice_ref}, "required": ["invoice"]}),
            |env, args| Box::pin(get(env, args)),
        ),
        Tool::new(
            "draft_invoice_from_sessions",
            "Draft an invoice for a client's sessions between two days (included) that no invoice bills yet: one line per session, at its own price.",
            json!({"type": "object", "properties": {
                "client": client_ref,
                "from": {"type": "string", "description": "First day (2026-11-01, lundi, …)"},
                "to": {"type": "string", "description": "Last day, included"}
            }, "required": ["client", "from", "to"]}),
            |env, args| Box::pin(draft_from_sessions(env, args)),
        ),
        Tool::new(
            "issue_invoice",
            "Issue a client's draft invoice: it gets the next number and can no longer be edited.",
            json!({"type": "object", "properties": {"client": client_ref}, "required": ["client"]}),
            |env, args| Box::pin(issue(env, args)),
        ),
        Tool::new(
            "record_payment",
            "Record a payment on an issued invoice. More than the invoice still owes is refused.",
            json!({"type": "object", "properties": {
                "invoice": invoice_ref,
                "amount": {"type": ["number", "string"], "description": "In the studio's currency, e.g. 300 or \"299.90\"."},
                "method": {"type": "string", "enum": ["card", "transfer", "cash", "cheque", "other"]},
                "reference": {"type": "string"}
            }, "required": ["invoice", "amount"]}),
            |env, args| Box::pin(record_payment(env, args)),
        ),
        Tool::new(
            "reverse_payment",
            "Reverse (take back) a payment recorded on an invoice: a negative entry, the invoice owing it again. With several payments on the invoice, the amount says which.",
            json!({"type": "object", "properties": {
                "invoice": invoice_ref,
                "amount": {"type": ["number", "string"], "description": "The payment's amount, when the invoice has several."}
            }, "required": ["invoice"]}),
            |env, args| Box::pin(reverse_payment(env, args)),
        ),
        Tool::new(
            "credit_note",
            "Cancel an issued invoice with a credit note (its own number series).",
            json!({"type": "object", "properties": {"invoice": invoice_ref}, "required": ["invoice"]}),
            |env, args| Box::pin(credit_note(env, args)),
        ),
        Tool::new(
            "client_balance",
            "What a client still owes on its issued invoices.",
            json!({"type": "object", "properties": {"client": client_ref}, "required": ["client"]}),
            |env, args| Box::pin(balance(env, args)),
        ),
    ]
}

pub(super) fn label(invoice: &Invoice) -> String {
    invoice.number.clone().unwrap_or_else(|| invoice.id.clone())
}

fn brief(invoice: &Invoice) -> Value {
    json!({ "id": invoice.id, "number": invoice.number, "status": invoice.status, "client_id": invoice.client_id,
            "gross_minor_units": invoice.totals.gross, "paid_minor_units": invoice.paid })
}

fn status_word(env: &ToolEnv, status: InvoiceStatus) -> &'static str {
    match status {
        InvoiceStatus::Draft => env.say("brouillon", "draft"),
        InvoiceStatus::Issued => env.say("émise", "issued"),
        InvoiceStatus::PartiallyPaid => env.say("partiellement payée", "partly paid"),
        InvoiceStatus::Paid => env.say("payée", "paid"),
        InvoiceStatus::Cancelled => env.say("annulée", "cancelled"),
    }
}

/// One line for a person: "2026-0004 — 264,00 € — émise" (", en retard" when overdue).
fn line(env: &ToolEnv, invoice: &Invoice) -> String {
    let late = if invoice.overdue {
        env.say(", en retard", ", overdue")
    } else {
        ""
    };
    format!(
        "{} — {} — {}{late}",
        label(invoice),
        env.money(invoice.totals.gross),
        status_word(env, invoice.status)
    )
}

/// The one invoice `reference` names.
pub(super) async fn resolve(env: &ToolEnv, reference: &str) -> Result<Invoice, ToolOutcome> {
    let found = invoices::find(&env.ctx, reference)
        .await
        .map_err(|e| failed(env, "Recherche impossible", "Search failed", &e))?;
    one(env, &INVOICE, reference, found, label, brief)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListArgs {
    client: Option<String>,
    status: Option<InvoiceStatus>,
    overdue: Option<bool>,
}

async fn list(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: ListArgs = arguments(env, "list_invoices", args)?;
    let client = client_filter(env, args.client.as_deref()).await?;
    // One client's are read from its index; only a list of every invoice reads them all.
    let mut found = match &client {
        Some(client) => invoices::of_client(&env.ctx, client).await,
        None => invoices::all(&env.ctx).await,
    }
    .map_err(|e| failed(env, "Lecture impossible", "Could not read invoices", &e))?;
    found.retain(|i| {
        args.status.is_none_or(|s| i.status == s) && args.overdue.is_none_or(|o| i.overdue == o)
    });
    let none = ("Aucune facture.", "No invoices.");
    listed(
        env,
        &found,
        none,
        ("Factures", "Invoices"),
        |i| line(env, i),
        brief,
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InvoiceRef {
    invoice: String,
}

async fn get(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: InvoiceRef = arguments(env, "get_invoice", args)?;
    let invoice = resolve(env, &args.invoice).await?;
    let owed = invoice.totals.gross.cents() - invoice.paid.cents();
    let summary = env.say(
        format!(
            "Facture {} : reste dû {}.",
            line(env, &invoice),
            env.money(studio_wire::Money(owed))
        ),
        format!(
            "Invoice {}: {} still owed.",
            line(env, &invoice),
            env.money(studio_wire::Money(owed))
        ),
    );
    Ok(ToolOutcome::success(
        summary,
        json!(invoice),
        ChangeSet::default(),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClientRef {
    client: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodArgs {
    client: String,
    from: String,
    to: String,
}

async fn draft_from_sessions(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: PeriodArgs = arguments(env, "draft_invoice_from_sessions", args)?;
    let client = resolve_client(env, &args.client).await?;
    let request = SessionsToInvoice {
        client_id: client.id.clone(),
        from: env.day(&args.from)?,
        to: env.day(&args.to)?,
    };
    let (draft, changes) = invoices::from_sessions(&env.ctx, &request)
        .await
        .map_err(|e| {
            failed(
                env,
                "Je n'ai pas préparé de facture",
                "I did not draft an invoice",
                &e,
            )
        })?;
    let summary = env.say(
        format!(
            "J'ai préparé un brouillon de facture pour {} : {} session(s), {}.",
            client.name,
            draft.lines.len(),
            env.money(draft.totals.gross)
        ),
        format!(
            "I drafted an invoice for {}: {} session(s), {}.",
            client.name,
            draft.lines.len(),
            env.money(draft.totals.gross)
        ),
    );
    Ok(ToolOutcome::success(summary, brief(&draft), changes))
}

async fn issue(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: ClientRef = arguments(env, "issue_invoice", args)?;
    let client = resolve_client(env, &args.client).await?;
    let drafts = invoices::drafts_of(&env.ctx, &client.id)
        .await
        .map_err(|e| failed(env, "Recherche impossible", "Search failed", &e))?;
    let draft = one(env, &DRAFT, &client.name, drafts, |i| line(env, i), brief)?;
    let (issued, changes) = invoices::issue(&env.ctx, &draft.id, draft.version)
        .await
        .map_err(|e| {
            failed(
                env,
                "Je n'ai pas émis la facture",
                "I did not issue the invoice",
                &e,
            )
        })?;
    let summary = env.say(
        format!(
            "J'ai émis la facture {} pour {}.",
            line(env, &issued),
            client.name
        ),
        format!(
            "I issued invoice {} for {}.",
            line(env, &issued),
            client.name
        ),
    );
    Ok(ToolOutcome::success(summary, brief(&issued), changes))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PaymentArgs {
    invoice: String,
    amount: Amount,
    method: Option<PaymentMethod>,
    reference: Option<String>,
}

async fn record_payment(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: PaymentArgs = arguments(env, "record_payment", args)?;
    let invoice = resolve(env, &args.invoice).await?;
    let input = NewPayment {
        invoice_id: invoice.id.clone(),
        amount: args.amount.0,
        method: args.method.unwrap_or_default(),
        paid_on: None,
        reference: args.reference,
    };
    let (payment, changes) = payments::record(&env.ctx, &input).await.map_err(|e| {
        failed(
            env,
            "Je n'ai pas enregistré le paiement",
            "I did not record the payment",
            &e,
        )
    })?;
    let summary = env.say(
        format!(
            "J'ai enregistré un paiement de {} sur la facture {}.",
            env.money(payment.amount),
            label(&invoice)
        ),
        format!(
            "I recorded a payment of {} on invoice {}.",
            env.money(payment.amount),
            label(&invoice)
        ),
    );
    Ok(ToolOutcome::success(summary, json!(payment), changes))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReverseArgs {
    invoice: String,
    amount: Option<Amount>,
}

async fn reverse_payment(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: ReverseArgs = arguments(env, "reverse_payment", args)?;
    let invoice = resolve(env, &args.invoice).await?;
    let recorded = payments::of_invoice(&env.ctx, &invoice.id)
        .await
        .map_err(|e| failed(env, "Lecture impossible", "Could not read the payments", &e))?;
    // Only a payment still standing can be taken back: not a reversal, nor one already reversed.
    let standing: Vec<Payment> = recorded
        .items
        .into_iter()
        .filter(|p| p.reverses.is_none() && p.reversed_by.is_none())
        .filter(|p| args.amount.as_ref().is_none_or(|a| p.amount == a.0))
        .collect();
    let reference = match &args.amount {
        Some(amount) => format!("{} — {}", label(&invoice), env.money(amount.0)),
        None => label(&invoice),
    };
    let payment = one(
        env,
        &PAYMENT,
        &reference,
        standing,
        |p| format!("{} ({})", env.money(p.amount), env.date(p.paid_on)),
        |p| json!(p),
    )?;
    let (_, changes) = payments::reverse(&env.ctx, &payment.id, payment.version)
        .await
        .map_err(|e| {
            failed(
                env,
                "Je n'ai pas contre-passé le paiement",
                "I did not reverse the payment",
                &e,
            )
        })?;
    let summary = env.say(
        format!(
            "J'ai contre-passé le paiement de {} sur la facture {}.",
            env.money(payment.amount),
            label(&invoice)
        ),
        format!(
            "I reversed the payment of {} on invoice {}.",
            env.money(payment.amount),
            label(&invoice)
        ),
    );
    Ok(ToolOutcome::success(summary, json!(payment), changes))
}

async fn credit_note(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: InvoiceRef = arguments(env, "credit_note", args)?;
    let invoice = resolve(env, &args.invoice).await?;
    let (note, changes) = invoices::credit_note(&env.ctx, &invoice.id, invoice.version)
        .await
        .map_err(|e| {
            failed(
                env,
                "Je n'ai pas émis d'avoir",
                "I did not issue a credit note",
                &e,
            )
        })?;
    let summary = env.say(
        format!(
            "J'ai annulé la facture {} par l'avoir {}.",
            label(&invoice),
            label(&note)
        ),
        format!(
            "I cancelled invoice {} with credit note {}.",
            label(&invoice),
            label(&note)
        ),
    );
    Ok(ToolOutcome::success(summary, brief(&note), changes))
}

async fn balance(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: ClientRef = arguments(env, "client_balance", args)?;
    let client = resolve_client(env, &args.client).await?;
    let balance = balances::of_client(&env.ctx, &client.id)
        .await
        .map_err(|e| failed(env, "Lecture impossible", "Could not read the balance", &e))?;
    let summary = env.say(
        format!("{} doit {}.", client.name, env.money(balance.outstanding)),
        format!("{} owes {}.", client.name, env.money(balance.outstanding)),
    );
    Ok(ToolOutcome::success(
        summary,
        json!(balance),
        ChangeSet::default(),
    ))
}
