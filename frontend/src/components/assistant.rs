//! The assistant panel (bottom right): history, input, sending and error states. What the assistant changed
//! reaches the screens through the resource store's `apply`, like any form's write.

use std::rc::Rc;

use studio_wire::{ActionSummary, ChatRequest, ChatResponse};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::{
    api::{self, Method},
    i18n::{error_message, use_texts},
    store::use_resource_store,
};

#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    User(String),
    Assistant {
        reply: String,
        actions: Vec<ActionSummary>,
    },
    Failed(String),
}

/// The conversation as shown: appended to from async tasks, so it is a reducer (no lost updates).
#[derive(Debug, Default, PartialEq)]
pub struct Log {
    pub entries: Vec<Entry>,
    pub conversation_id: Option<String>,
}

pub enum LogAction {
    Push(Entry),
    Conversation(String),
}

impl Reducible for Log {
    type Action = LogAction;

    fn reduce(self: Rc<Self>, action: LogAction) -> Rc<Self> {
        let mut entries = self.entries.clone();
        let mut conversation_id = self.conversation_id.clone();
        match action {
            LogAction::Push(entry) => entries.push(entry),
            LogAction::Conversation(id) => conversation_id = Some(id),
        }
        Rc::new(Log {
            entries,
            conversation_id,
        })
    }
}

#[function_component]
pub fn AssistantPanel() -> Html {
    let texts = use_texts();
    let store = use_resource_store();
    let open = use_state(|| false);
    let sending = use_state(|| false);
    let input = use_state(String::new);
    let log = use_reducer(Log::default);

    let send = {
        let (sending, input, log) = (sending.clone(), input.clone(), log.clone());
        Callback::from(move |_: ()| {
            let message = input.trim().to_owned();
            if message.is_empty() || *sending {
                return;
            }
            log.dispatch(LogAction::Push(Entry::User(message.clone())));
            input.set(String::new());
            sending.set(true);
            let request = ChatRequest {
                conversation_id: log.conversation_id.clone(),
                message,
                locale: Some(texts.locale),
            };
            let (sending, log, store) = (sending.clone(), log.clone(), store.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::send::<_, ChatResponse>(Method::Post, api::urls::CHAT, Some(&request))
                    .await
                {
                    Ok(response) => {
                        store.apply(response.invalidations);
                        log.dispatch(LogAction::Conversation(response.conversation_id));
                        log.dispatch(LogAction::Push(Entry::Assistant {
                            reply: response.reply,
                            actions: response.actions,
                        }));
                    }
                    Err(error) => {
                        log.dispatch(LogAction::Push(Entry::Failed(error_message(texts, &error))))
                    }
                }
                sending.set(false);
            });
        })
    };
    let oninput = {
        let input = input.clone();
        Callback::from(move |e: InputEvent| {
            input.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let onkeydown = {
        let send = send.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && !e.shift_key() {
                e.prevent_default();
                send.emit(());
            }
        })
    };
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };

    if !*open {
        return html! {
            <button id="assistant-toggle" class="assistant-toggle" onclick={toggle}>{ texts.assistant_open }</button>
        };
    }
    html! {
        <aside class="assistant" id="assistant">
            <header>
                <strong>{ texts.assistant }</strong>
                <button class="link" onclick={toggle}>{ texts.assistant_close }</button>
            </header>
            <ol class="assistant-log">
                <li class="assistant-entry from-assistant">{ texts.assistant_hello }</li>
                { for log.entries.iter().map(render_entry) }
                if *sending {
                    <li class="assistant-entry pending">{ texts.assistant_sending }</li>
                }
            </ol>
            <div class="assistant-input">
                <input id="assistant-input" value={(*input).clone()} {oninput} {onkeydown}
                    placeholder={texts.assistant_placeholder} disabled={*sending} />
                <button id="assistant-send" class="primary" disabled={*sending} onclick={move |_| send.emit(())}>
                    { if *sending { texts.assistant_sending } else { texts.assistant_send } }
                </button>
            </div>
        </aside>
    }
}

fn render_entry(entry: &Entry) -> Html {
    match entry {
        Entry::User(text) => html! { <li class="assistant-entry from-user">{ text }</li> },
        Entry::Assistant { reply, actions } => html! {
            <li class="assistant-entry from-assistant assistant-reply">
                <p>{ reply }</p>
                if !actions.is_empty() {
                    <ul class="assistant-actions">
                        { for actions.iter().map(|a| html! {
                            <li class={if a.ok { "ok" } else { "failed" }}>{ if a.ok { "✓ " } else { "✗ " } }{ &a.summary }</li>
                        }) }
                    </ul>
                }
            </li>
        },
        Entry::Failed(text) => {
            html! { <li class="assistant-entry failed assistant-error">{ text }</li> }
        }
    }
}
