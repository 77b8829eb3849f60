//! Quote tools: list quotes, mark one sent or accepted, and turn an accepted one into a draft invoice.
//! Quotes are named by number (`D-2026-0003`) or id.

use serde::Deserialize;
use serde_json::{Value, json};
use studio_domain::quotes;
use studio_wire::{Quote, QuoteStatus};

use super::{
    Noun, Tool, ToolEnv, ToolOutcome, ToolResult, arguments, client_filter, failed, listed, one,
};

const QUOTE: Noun = Noun {
    fr: "devis",
    fr_plural: "devis",
    feminine: false,
    en: "quote",
};

pub fn tools() -> Vec<Tool> {
    let quote_ref = json!({"type": "object", "properties": {"quote": {"type": "string", "description": "The quote's number (D-2026-0003) or id."}}, "required": ["quote"]});
    vec![
        Tool::new(
            "list_quotes",
            "List quotes, optionally of one client.",
            json!({"type": "object", "properties": {"client": {"type": "string"}}}),
            |env, args| Box::pin(list(env, args)),
        ),
        Tool::new(
            "send_quote",
            "Mark a draft quote as sent to its client.",
            quote_ref.clone(),
            |env, args| Box::pin(mark(env, args, Step::Send)),
        ),
        Tool::new(
            "accept_quote",
            "Record that the client accepted a sent quote.",
            quote_ref.clone(),
            |env, args| Box::pin(mark(env, args, Step::Accept)),
        ),
        Tool::new(
            "quote_to_invoice",
            "Turn an accepted quote into a draft invoice with the same lines.",
            quote_ref,
            |env, args| Box::pin(to_invoice(env, args)),
        ),
    ]
}

fn brief(quote: &Quote) -> Value {
    json!({ "id": quote.id, "number": quote.number, "status": quote.status, "client_id": quote.client_id,
            "gross_minor_units": quote.totals.gross, "valid_until": quote.valid_until.to_string() })
}

fn status_word(env: &ToolEnv, status: QuoteStatus) -> &'static str {
    match status {
        QuoteStatus::Draft => env.say("brouillon", "draft"),
        QuoteStatus::Sent => env.say("envoyé", "sent"),
        QuoteStatus::Accepted => env.say("accepté", "accepted"),
        QuoteStatus::Rejected => env.say("refusé", "rejected"),
        QuoteStatus::Expired => env.say("expiré", "expired"),
        QuoteStatus::Invoiced => env.say("facturé", "invoiced"),
    }
}

async fn resolve(env: &ToolEnv, reference: &str) -> Result<Quote, ToolOutcome> {
    let found = quotes::find(&env.ctx, reference)
        .await
        .map_err(|e| failed(env, "Recherche impossible", "Search failed", &e))?;
    one(env, &QUOTE, reference, found, |q| q.number.clone(), brief)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListArgs {
    client: Option<String>,
}

async fn list(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: ListArgs = arguments(env, "list_quotes", args)?;
    let client = client_filter(env, args.client.as_deref()).await?;
    let mut found = quotes::all(&env.ctx)
        .await
        .map_err(|e| failed(env, "Lecture impossible", "Could not read quotes", &e))?;
    found.retain(|q| client.as_ref().is_none_or(|c| &q.client_id == c));
    let line = |q: &Quote| {
        let status = status_word(env, q.status);
        format!("{} — {} — {status}", q.number, env.money(q.totals.gross))
    };
    listed(
        env,
        &found,
        ("Aucun devis.", "No quotes."),
        ("Devis", "Quotes"),
        line,
        brief,
    )
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuoteRef {
    quote: String,
}

#[derive(Clone, Copy)]
enum Step {
    Send,
    Accept,
}

async fn mark(env: &ToolEnv, args: &Value, step: Step) -> ToolResult {
    let name = match step {
        Step::Send => "send_quote",
        Step::Accept => "accept_quote",
    };
    let args: QuoteRef = arguments(env, name, args)?;
    let quote = resolve(env, &args.quote).await?;
    let done = match step {
        Step::Send => quotes::send(&env.ctx, &quote.id, quote.version).await,
        Step::Accept => quotes::accept(&env.ctx, &quote.id, quote.version).await,
    };
    let (quote, changes) = done.map_err(|e| {
        failed(
            env,
            &format!("Je n'ai pas modifié le devis {}", quote.number),
            &format!("I did not change quote {}", quote.number),
            &e,
        )
    })?;
    let status = status_word(env, quote.status);
    let summary = env.say(
        format!("Le devis {} est {status}.", quote.number),
        format!("Quote {} is {status}.", quote.number),
    );
    Ok(ToolOutcome::success(summary, brief(&quote), changes))
}

async fn to_invoice(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: QuoteRef = arguments(env, "quote_to_invoice", args)?;
    let quote = resolve(env, &args.quote).await?;
    let (invoice, changes) = quotes::invoice(&env.ctx, &quote.id, quote.version)
        .await
        .map_err(|e| {
            failed(
                env,
                "Je n'ai pas préparé de facture",
                "I did not draft an invoice",
                &e,
            )
        })?;
    let gross = env.money(invoice.totals.gross);
    let summary = env.say(
        format!(
            "J'ai préparé un brouillon de facture de {gross} depuis le devis {} ; émettez-le quand il est prêt.",
            quote.number
        ),
        format!(
            "I drafted an invoice of {gross} from quote {}; issue it when it is ready.",
            quote.number
        ),
    );
    Ok(ToolOutcome::success(
        summary,
        json!({ "invoice_id": invoice.id, "quote": quote.number, "gross_minor_units": invoice.totals.gross }),
        changes,
    ))
}
