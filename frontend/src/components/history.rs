//! The history as a person reads it: when, who, through what, and each entity's fields before → after. The
//! Activity page lists all of it; an entity's page shows its own (`use_entity_history`), re-fetched when it changes.

use studio_wire::{
    EntryOp, InvoiceLine, Money, Page, Track, Via, day, instant, invoices::rate_text, messages,
};
use yew::prelude::*;

use super::{
    ActionButton, Studio,
    choices::{self, Choice},
    loaded, use_studio,
};
use crate::{
    api::{
        ApiError, json,
        shown::{Activity, Shown},
        urls,
    },
    format,
    hooks::use_api,
    i18n::{Texts, use_texts},
    store::ResourceKey,
};

/// Fields holding an amount in minor units.
const MONEY_FIELDS: &[&str] = &[
    "amount",
    "paid",
    "price",
    "hourly_rate",
    "half_day_rate",
    "day_rate",
    "unit_price",
    "budget",
];

/// Fields kept in the record that a person does not read: a credit note's link to the invoice it cancels (an
/// id), and what follows from other fields (the totals from the lines, overdue from the due date).
const HIDDEN_FIELDS: &[&str] = &["credit", "totals", "overdue"];

/// Fields shown first, in this order (the others follow by name, as recorded): what names the entity, its kind
/// and status, then its dates in the order they come.
const FIRST_FIELDS: &[&str] = &[
    "number",
    "name",
    "title",
    "kind",
    "status",
    "start",
    "end",
    "issued_on",
    "due_on",
];

/// Fields holding a day (`2026-11-27`) and a moment (`2026-11-28T09:00:00Z`).
const DAY_FIELDS: &[&str] = &["issued_on", "due_on", "paid_on", "valid_until", "starts_on"];
const MOMENT_FIELDS: &[&str] = &["start", "end"];

/// Records of what changed, newest first, each with Undo when `undo` (not on undos themselves).
pub fn activity_list(
    texts: &'static Texts,
    studio: &Studio,
    records: &[Activity],
    undo: bool,
) -> Html {
    if records.is_empty() {
        return html! { <p class="empty">{ texts.history.no_history }</p> };
    }
    html! {
        <ol class="activity-list">
            { for records.iter().map(|r| record(r, texts, studio, undo)) }
        </ol>
    }
}

fn record(activity: &Activity, texts: &'static Texts, studio: &Studio, undo: bool) -> Html {
    let h = texts.history;
    let via = match activity.via {
        Via::Form => h.via_form,
        Via::Assistant { .. } => h.via_assistant,
        Via::Undo { .. } => h.via_undo,
    };
    // Undo where the server says it can restore the change, and not on an undo itself.
    let undoable = undo && activity.undoable && !matches!(activity.via, Via::Undo { .. });
    html! {
        <li class="activity">
            <p class="activity-head">
                <time>{ format::date_time(activity.at, texts.locale) }</time>
                { " · " }{ &activity.person }{ " · " }<span class="via">{ via }</span>
                if undoable {
                    { " " }<ActionButton label={h.undo} url={urls::undo(&activity.id)} class="link" said={h.undone} />
                }
            </p>
            { for activity.entries.iter().map(|e| entry(e, texts, studio)) }
        </li>
    }
}

/// One entity's change: its kind and name, then each field before → after (a proposal's preview too).
pub fn entry(entry: &studio_wire::Entry<Shown>, texts: &'static Texts, studio: &Studio) -> Html {
    let h = texts.history;
    let op = match entry.op {
        EntryOp::Created => h.created,
        EntryOp::Updated => h.updated,
        EntryOp::Deleted => h.deleted,
    };
    let noun = messages::resource_noun(&entry.resource, texts.locale);
    // Ids say nothing to a person (the entity's own name is in the heading), and totals follow from the lines.
    let shown = || {
        entry
            .fields
            .iter()
            .filter(|f| !HIDDEN_FIELDS.contains(&f.field.as_str()) && !f.field.ends_with("_id"))
    };
    // The record lists fields by name; a person reads what names the entity first, and its start before its end.
    let first = FIRST_FIELDS
        .iter()
        .filter_map(|name| shown().find(|f| f.field == *name));
    let fields = first.chain(shown().filter(|f| !FIRST_FIELDS.contains(&f.field.as_str())));
    html! {
        <div class="activity-entry">
            <p>
                <strong>{ noun }{ entry.label.as_ref().map(|l| quoted(l, texts)) }</strong>
                { " — " }{ op }
            </p>
            <table class="changes">
                { for fields.map(|f| {
                    let cell = |side: Option<&Shown>| value(&entry.resource, &f.field, side, texts, studio);
                    html! {
                        <tr>
                            <th scope="row">{ field_name(&f.field, texts) }</th>
                            // A creation or a deletion has one side only: its values, without arrows.
                            if entry.op == EntryOp::Updated {
                                <td class="before">{ cell(f.before.as_ref()) }</td>
                                <td aria-hidden="true">{ "→" }</td>
                            }
                            <td>{ cell(f.after.as_ref().or(f.before.as_ref())) }</td>
                        </tr>
                    }
                }) }
            </table>
        </div>
    }
}

/// " « Léa » " in French, " “Léa” " in English.
fn quoted(text: &str, texts: &Texts) -> String {
    match texts.locale {
        studio_wire::Locale::Fr => format!(" « {text} »"),
        studio_wire::Locale::En => format!(" “{text}”"),
    }
}

/// The field's name in the interface's language, or its own name when the catalogue has none.
fn field_name(field: &str, texts: &Texts) -> String {
    let label = messages::field_label(field, texts.locale);
    if label == messages::field_label("?", texts.locale) {
        field.replace('_', " ")
    } else {
        label.to_owned()
    }
}

/// A value worded as the rest of the interface words it: an amount in the studio's currency, a rate as a
/// percentage, a day or a moment in the interface's language, a choice by its label, yes or no.
fn value(
    resource: &str,
    field: &str,
    value: Option<&Shown>,
    texts: &Texts,
    studio: &Studio,
) -> String {
    let locale = texts.locale;
    match value {
        None => texts.history.empty_value.to_owned(),
        Some(Shown::Text(text)) => {
            if let Some(label) = choices::label_of(resource, field, text, texts) {
                label.to_owned()
            } else if let Some(day) = DAY_FIELDS
                .contains(&field)
                .then(|| day::parse(text))
                .flatten()
            {
                format::date(day, locale)
            } else if let Some(at) = MOMENT_FIELDS
                .contains(&field)
                .then(|| instant::parse(text))
                .flatten()
            {
                format::date_time(at, locale)
            } else {
                text.clone()
            }
        }
        Some(Shown::Integer(n)) if MONEY_FIELDS.contains(&field) => studio.money(Money(*n), texts),
        Some(Shown::Integer(n)) => match u32::try_from(*n) {
            Ok(rate) if field.ends_with("vat_rate") => rate_text(rate, locale),
            _ => n.to_string(),
        },
        Some(Shown::Json(json)) if json == "true" => texts.yes.to_owned(),
        Some(Shown::Json(json)) if json == "false" => texts.no.to_owned(),
        Some(Shown::Json(text)) => listed(field, text, texts, studio).unwrap_or_else(|| match text
            .char_indices()
            .nth(80)
        {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text.clone(),
        }),
    }
}

/// An invoice's or a quote's lines ("Mastering × 5 — 400,00 €") and a project's tracks ("1. Intro (Mixage)"),
/// as their pages list them.
fn listed(field: &str, json: &str, texts: &Texts, studio: &Studio) -> Option<String> {
    let items: Vec<String> = match field {
        "lines" => json::from_str::<Vec<InvoiceLine>>(json)
            .ok()?
            .iter()
            .map(|l| {
                let amount = studio.money(l.amount, texts);
                format!(
                    "{} × {} — {amount}",
                    l.description,
                    l.quantity.plain(texts.locale)
                )
            })
            .collect(),
        "tracks" => json::from_str::<Vec<Track>>(json)
            .ok()?
            .iter()
            .map(|t| format!("{}. {} ({})", t.number, t.title, t.status.label(texts)))
            .collect(),
        _ => return None,
    };
    Some(if items.is_empty() {
        texts.history.empty_value.to_owned()
    } else {
        items.join(" · ")
    })
}

/// An entity's history, the section closing its page: fetched by the page's hooks (not a component of its own:
/// each costs the wasm ≈ 0.3 KB), again whenever the entity changes.
#[hook]
pub fn use_entity_history(resource: &'static str, id: &str) -> Html {
    let texts = use_texts();
    let studio = use_studio();
    let fetched = use_api::<Page<Activity>>(
        &[ResourceKey::Entity(resource, id.to_owned())],
        urls::entity_history(resource, id),
    );
    // Refused (an id that never named anything): the page already says what is wrong with the entity, once.
    if matches!(
        fetched.error,
        Some(ApiError::Http {
            status: 400..500,
            ..
        })
    ) {
        return Html::default();
    }
    html! {
        <section class="history">
            <h2>{ texts.history.history_title }</h2>
            { loaded(texts, &fetched, |page| activity_list(texts, &studio, &page.items, false)) }
        </section>
    }
}
