//! A step in an entity's life (`issue`, `credit-note`, `send`, `accept`…, or a delete): a button that sends the
//! version the page showed, after a confirmation when the step cannot be undone. The one control behind every
//! such step, `DeleteButton` included.

use studio_wire::VersionOnly;
use yew::prelude::*;

use super::forms::{set_flag, use_submit};
use crate::{
    api::Method,
    i18n::{error_message, use_texts},
};

#[derive(Properties, PartialEq)]
pub struct ActionButtonProps {
    pub label: &'static str,
    /// The question asked before sending; without one the first click sends.
    #[prop_or_default]
    pub confirm: Option<&'static str>,
    /// The confirming button's text (the label by default).
    #[prop_or_default]
    pub confirm_label: Option<&'static str>,
    /// `urls::X.action(id, step)`, or `urls::X.delete(id, version)` with `Method::Delete`.
    pub url: String,
    #[prop_or(Method::Post)]
    pub method: Method,
    /// The version the page showed, sent as `{"version": …}`: the server refuses the step if the entity
    /// changed since. (A delete carries it in its URL.)
    #[prop_or_default]
    pub version: Option<u64>,
    #[prop_or_default]
    pub class: &'static str,
    /// After the step went through (its invalidations applied).
    #[prop_or_default]
    pub on_done: Option<Callback<()>>,
    /// Said in the button's place once the step went through, for a step taken once (an undo).
    #[prop_or_default]
    pub said: Option<&'static str>,
}

#[function_component]
pub fn ActionButton(props: &ActionButtonProps) -> Html {
    let texts = use_texts();
    let submit = use_submit();
    let confirming = use_state(|| false);
    let went_through = use_state(|| false);
    let send = {
        let (submit, url, method, version, done, confirming, went_through) = (
            submit.clone(),
            props.url.clone(),
            props.method,
            props.version,
            props.on_done.clone(),
            confirming.clone(),
            went_through.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let (done, confirming, went_through) =
                (done.clone(), confirming.clone(), went_through.clone());
            let finished = move || {
                confirming.set(false);
                went_through.set(true);
                if let Some(done) = done {
                    done.emit(());
                }
            };
            match version {
                Some(version) => submit.send(
                    method,
                    url.clone(),
                    Ok(VersionOnly { version }),
                    move |_| finished(),
                ),
                None => submit.send_empty(method, url.clone(), finished),
            }
        })
    };
    let ask = set_flag(&confirming, true);
    let class = props.class;
    if let (true, Some(said)) = (*went_through, props.said) {
        return html! { <span class="action-control done" role="status">{ said }</span> };
    }
    html! {
        <span class="action-control">
            if let (true, Some(question)) = (*confirming, props.confirm) {
                <span>{ question }{" "}</span>
                // A confirmed issue stays the primary action; anything else asked first is destructive.
                <button type="button" CLASS={if props.class.split(' ').any(|c| c == "primary") { "primary" } else { "danger" }}
                    disabled={*submit.busy} onclick={send}>
                    { props.confirm_label.unwrap_or(props.label) }
                </button>
                <button type="button" onclick={set_flag(&confirming, false)}>{ texts.cancel }</button>
            } else {
                <button type="button" CLASS={class} disabled={*submit.busy}
                    onclick={if props.confirm.is_some() { ask } else { send }}>{ props.label }</button>
            }
            if let Some(e) = &*submit.error {
                <span class="error">{ error_message(texts, e) }</span>
            }
        </span>
    }
}
