//! The assistant panel (bottom right): history, input, sending and error states. What the assistant changed
//! reaches the screens through the resource store's `apply`, like any form's write.

use std::rc::Rc;

use studio_wire::{ActionSummary, ChatRequest, ChatResponse};
use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::{
    api::{self, Method},
    i18n::{error_message, use_texts},
    routes::Route,
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
    // Ctrl+K (⌘K) opens the panel from anywhere; opening it puts the cursor in its input.
    {
        let open = open.clone();
        use_effect_with((), move |()| {
            let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
                if e.key().eq_ignore_ascii_case("k") && (e.ctrl_key() || e.meta_key()) {
                    e.prevent_default();
                    open.set(true);
                }
            });
            let window = web_sys::window();
            if let Some(window) = &window {
                let _ = window
                    .add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(window) = window {
                    let _ = window.remove_event_listener_with_callback(
                        "keydown",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    let input_ref = use_node_ref();
    let log_ref = use_node_ref();
    {
        let input_ref = input_ref.clone();
        use_effect_with((*open, *sending), move |_| {
            if let Some(input) = input_ref.cast::<HtmlInputElement>() {
                let _ = input.focus();
            }
        });
    }
    {
        // The newest message stays in view.
        let log_ref = log_ref.clone();
        use_effect_with((log.entries.len(), *sending, *open), move |_| {
            if let Some(log) = log_ref.cast::<web_sys::Element>() {
                log.set_scroll_top(log.scroll_height());
            }
        });
    }
    let example = |text: &'static str| {
        let input = input.clone();
        Callback::from(move |_: MouseEvent| input.set(text.to_owned()))
    };

    if !*open {
        return html! {
            <button id="assistant-toggle" class="assistant-toggle" onclick={toggle}
                title={format!("{} ({})", texts.assistant_open, texts.assistant_shortcut)}
                aria-keyshortcuts="Control+K">{ texts.assistant_open }</button>
        };
    }
    html! {
        <aside class="assistant" id="assistant">
            <header>
                <strong>{ texts.assistant }</strong>
                <button class="link" onclick={toggle}>{ texts.assistant_close }</button>
            </header>
            <ol class="assistant-log" ref={log_ref} aria-live="polite">
                <li class="assistant-entry from-assistant">
                    <p>{ texts.assistant_hello }</p>
                    <ul class="assistant-examples">
                        { for texts.assistant_examples.iter().map(|e| html! {
                            <li><button type="button" class="link" onclick={example(e)}>{ *e }</button></li>
                        }) }
                    </ul>
                </li>
                { for log.entries.iter().map(render_entry) }
                if *sending {
                    <li class="assistant-entry pending">{ texts.assistant_sending }</li>
                }
            </ol>
            <div class="assistant-input">
                <input id="assistant-input" ref={input_ref} aria-label={texts.assistant} value={(*input).clone()} {oninput} {onkeydown}
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
                if actions.iter().any(|a| a.wrote) {
                    <ul class="assistant-actions">
                        { for actions.iter().filter(|a| a.wrote).map(|a| html! {
                            <li class="ok">{ "✓ " }
                                if let Some(route) = a.shows.as_ref().and_then(Route::showing) {
                                    <Link<Route> to={route}>{ &a.summary }</Link<Route>>
                                } else {
                                    { &a.summary }
                                }
                            </li>
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
