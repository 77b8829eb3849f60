//! The history as a person reads it: when, who, through what, and each entity's fields before → after. The
//! Activity page lists all of it; an entity's page shows its own (`EntityHistory`), re-fetched when it changes.

use studio_wire::{EntryOp, Money, Page, Via, messages};
use yew::prelude::*;

use super::{ActionButton, Studio, loaded, use_studio};
use crate::{
    api::{
        ApiError,
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
    let undoable = undo && !matches!(activity.via, Via::Undo { .. });
    html! {
        <li class="activity">
            <p class="activity-head">
                <time>{ format::date_time(activity.at, texts.locale) }</time>
                { " · " }{ &activity.person }{ " · " }<span class="via">{ via }</span>
                if undoable {
                    { " " }<ActionButton label={h.undo} url={urls::undo(&activity.id)} class="link" />
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
    // Ids say nothing to a person; the entity's own name is in the heading.
    let fields = entry.fields.iter().filter(|f| !f.field.ends_with("_id"));
    html! {
        <div class="activity-entry">
            <p>
                <strong>{ noun }{ entry.label.as_ref().map(|l| quoted(l, texts)) }</strong>
                { " — " }{ op }
            </p>
            <table class="changes">
                { for fields.map(|f| {
                    let cell = |side: Option<&Shown>| value(&f.field, side, texts, studio);
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

fn value(field: &str, value: Option<&Shown>, texts: &Texts, studio: &Studio) -> String {
    match value {
        None => texts.history.empty_value.to_owned(),
        Some(Shown::Text(text)) => text.clone(),
        Some(Shown::Integer(n)) if MONEY_FIELDS.contains(&field) => studio.money(Money(*n), texts),
        Some(Shown::Integer(n)) => n.to_string(),
        Some(Shown::Json(text)) => match text.char_indices().nth(80) {
            Some((cut, _)) => format!("{}…", &text[..cut]),
            None => text.clone(),
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct EntityHistoryProps {
    pub resource: &'static str,
    pub id: String,
}

/// An entity's history, on its page: re-fetched whenever the entity changes.
#[function_component]
pub fn EntityHistory(props: &EntityHistoryProps) -> Html {
    let texts = use_texts();
    let studio = use_studio();
    let fetched = use_api::<Page<Activity>>(
        &[ResourceKey::Entity(props.resource, props.id.clone())],
        urls::entity_history(props.resource, &props.id),
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
