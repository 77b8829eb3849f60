//! The assistant panel (bottom right): history, input, sending and error states. What the assistant changed
//! reaches the screens through the resource store's `apply`, like any form's write. Destructive requests come
//! back as proposals: a card with the preview and Confirm / Don't (the server runs a confirmed one exactly
//! once); the person's open proposals are fetched again when the app loads. Each write has Undo.

use std::rc::Rc;

use studio_wire::{
    ActionSummary, ChatRequest, PendingStatus,
    decode::{Decode, DecodeError, Object, Value},
};
use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{ActionButton, Studio, forms::toggle, history, use_studio};
use crate::{
    api::{
        self, ApiError, Method,
        shown::{ChatResponse, Decision, PendingAction},
        urls,
    },
    i18n::{Texts, error_message, use_texts},
    routes::{Route, link},
    store::{ResourceStore, use_resource_store},
};

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub enum Entry {
    User(String),
    Assistant {
        reply: String,
        actions: Vec<ActionSummary>,
        /// The proposals of this answer, by id (their state lives in `Log::proposals`).
        proposals: Vec<String>,
    },
    Failed(String),
}

/// Read back as serde wrote it: `{"User": ".."}`, `{"Assistant": {"reply": .., ..}}`, `{"Failed": ".."}`.
impl Decode for Entry {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        let entry = Object::new(value)?;
        if let Some(text) = entry.field("User") {
            return entry.finish(Entry::User(text));
        }
        if let Some(text) = entry.field("Failed") {
            return entry.finish(Entry::Failed(text));
        }
        let said: Value = entry.field("Assistant");
        entry.finish(())?;
        let said = Object::new(&said)?;
        let assistant = Entry::Assistant {
            reply: said.field("reply"),
            actions: said.field("actions"),
            proposals: said.field("proposals"),
        };
        said.finish(assistant)
    }

    fn placeholder() -> Self {
        Entry::Failed(String::new())
    }
}

/// The conversation as shown: appended to from async tasks, so it is a reducer (no lost updates).
#[derive(Debug, Default, PartialEq)]
pub struct Log {
    pub entries: Vec<Entry>,
    pub conversation_id: Option<String>,
    /// Every proposal shown, as it stands now.
    pub proposals: Vec<PendingAction>,
    /// The proposal being confirmed or cancelled (its buttons are disabled meanwhile).
    pub deciding: Option<String>,
}

pub enum LogAction {
    Push(Entry),
    Conversation(String),
    /// A proposal's new state (added when new).
    Proposal(PendingAction),
    Deciding(Option<String>),
}

/// Where the conversation is kept across reloads of this tab.
const SAVED: &str = "studio-assistant";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

impl Log {
    /// The conversation this tab had before a reload (its proposals are asked of the server again).
    fn restored() -> Self {
        let saved = session_storage().and_then(|s| s.get_item(SAVED).ok().flatten());
        let parsed =
            saved.and_then(|text| api::json::from_str::<(Option<String>, Vec<Entry>)>(&text).ok());
        let (conversation_id, entries) = parsed.unwrap_or_default();
        Log {
            entries,
            conversation_id,
            ..Log::default()
        }
    }

    fn save(&self) {
        let saved = (&self.conversation_id, &self.entries);
        if let (Some(storage), Ok(text)) = (session_storage(), api::json::to_string(&saved)) {
            let _ = storage.set_item(SAVED, &text);
        }
    }

    /// The proposals the shown entries refer to.
    fn referenced(&self) -> Vec<String> {
        self.entries
            .iter()
            .flat_map(|e| match e {
                Entry::Assistant { proposals, .. } => proposals.clone(),
                _ => vec![],
            })
            .collect()
    }
}

impl Reducible for Log {
    type Action = LogAction;

    fn reduce(self: Rc<Self>, action: LogAction) -> Rc<Self> {
        let mut log = Log {
            entries: self.entries.clone(),
            conversation_id: self.conversation_id.clone(),
            proposals: self.proposals.clone(),
            deciding: self.deciding.clone(),
        };
        match action {
            LogAction::Push(entry) => log.entries.push(entry),
            LogAction::Conversation(id) => log.conversation_id = Some(id),
            LogAction::Proposal(proposal) => {
                match log.proposals.iter_mut().find(|p| p.id == proposal.id) {
                    Some(known) => *known = proposal,
                    None => log.proposals.push(proposal),
                }
            }
            LogAction::Deciding(id) => log.deciding = id,
        }
        Rc::new(log)
    }
}

/// Confirms or cancels a proposal, applies what it wrote, and says what happened.
fn decide(
    store: ResourceStore,
    log: UseReducerHandle<Log>,
    texts: &'static Texts,
    id: String,
    decision: &'static str,
) {
    log.dispatch(LogAction::Deciding(Some(id.clone())));
    wasm_bindgen_futures::spawn_local(async move {
        let url = urls::decide(&id, decision);
        match api::send::<(), Decision>(Method::Post, &url, None).await {
            Ok(decided) => {
                store.apply(decided.invalidations);
                if let Some(proposal) = decided.pending {
                    log.dispatch(LogAction::Proposal(proposal));
                }
                log.dispatch(LogAction::Push(Entry::Assistant {
                    reply: decided.summary,
                    actions: decided.action.into_iter().collect(),
                    proposals: vec![],
                }));
            }
            Err(error) => {
                log.dispatch(LogAction::Push(Entry::Failed(error_message(texts, &error))));
                reload_proposals(&log).await;
            }
        }
        log.dispatch(LogAction::Deciding(None));
    });
}

/// The person's proposals as the server has them; the open ones not shown yet get an entry of their own.
async fn reload_proposals(log: &UseReducerHandle<Log>) {
    let fetched = api::get_text(urls::PENDING).await;
    let Ok(proposals) = fetched.and_then(|text| api::decode::<Vec<PendingAction>>(&text)) else {
        return;
    };
    let shown = log.referenced();
    let new: Vec<String> = proposals
        .iter()
        .filter(|p| p.status == PendingStatus::Pending && !shown.contains(&p.id))
        .map(|p| p.id.clone())
        .collect();
    for proposal in proposals {
        if shown.contains(&proposal.id) || new.contains(&proposal.id) {
            log.dispatch(LogAction::Proposal(proposal));
        }
    }
    if !new.is_empty() {
        log.dispatch(LogAction::Push(Entry::Assistant {
            reply: String::new(),
            actions: vec![],
            proposals: new,
        }));
    }
}

#[function_component]
pub fn AssistantPanel() -> Html {
    let texts = use_texts();
    let store = use_resource_store();
    let open = use_state(|| false);
    let sending = use_state(|| false);
    let input = use_state(String::new);
    let log = use_reducer(Log::restored);
    let studio = use_studio();
    {
        // Kept for this tab: a reload shows the same conversation, continued on the server.
        let log = log.clone();
        use_effect_with(
            (log.entries.len(), log.conversation_id.clone()),
            move |_| log.save(),
        );
    }
    let on_decide = {
        let (store, log) = (store.clone(), log.clone());
        Callback::from(move |(id, decision): (String, &'static str)| {
            decide(store.clone(), log.clone(), texts, id, decision)
        })
    };

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
            let mut request = ChatRequest {
                conversation_id: log.conversation_id.clone(),
                message,
                locale: Some(texts.locale),
                // A retry of this very request gets its answer back instead of running the turn again.
                request_id: Some(format!(
                    "{}-{}",
                    api::browser_origin(),
                    js_sys::Date::now() as u64
                )),
            };
            let (sending, log, store) = (sending.clone(), log.clone(), store.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let mut answer =
                    api::send::<_, ChatResponse>(Method::Post, api::urls::CHAT, Some(&request))
                        .await;
                // The kept conversation is gone (expired, or kept from another studio): start a new one.
                let gone = matches!(&answer, Err(ApiError::Http { status: 404, .. }));
                if gone && request.conversation_id.take().is_some() {
                    answer =
                        api::send::<_, ChatResponse>(Method::Post, api::urls::CHAT, Some(&request))
                            .await;
                }
                match answer {
                    Ok(response) => {
                        store.apply(response.invalidations);
                        log.dispatch(LogAction::Conversation(response.conversation_id));
                        let proposals = response.pending.iter().map(|p| p.id.clone()).collect();
                        for proposal in response.pending {
                            log.dispatch(LogAction::Proposal(proposal));
                        }
                        log.dispatch(LogAction::Push(Entry::Assistant {
                            reply: response.reply,
                            actions: response.actions,
                            proposals,
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
    let toggle = toggle(&open);
    // Once, when the app starts (one effect for both: each effect weighs ≈ 0.1 KB of gzipped wasm): proposals
    // survive a reload, the server keeps them, so they are asked for; and Ctrl+K (⌘K) opens the panel from
    // anywhere, Escape closes it (opening it puts the cursor in its input, below).
    {
        let (open, log) = (open.clone(), log.clone());
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move { reload_proposals(&log).await });
            let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
                if e.key().eq_ignore_ascii_case("k") && (e.ctrl_key() || e.meta_key()) {
                    e.prevent_default();
                    open.set(true);
                } else if e.key() == "Escape" {
                    open.set(false);
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

    let panel = Panel {
        texts,
        studio: &studio,
        log: &log,
        decide: &on_decide,
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
                { for log.entries.iter().map(|e| render_entry(e, &panel)) }
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

/// What rendering the log needs.
struct Panel<'a> {
    texts: &'static Texts,
    studio: &'a Studio,
    log: &'a Log,
    decide: &'a Callback<(String, &'static str)>,
}

fn render_entry(entry: &Entry, panel: &Panel) -> Html {
    let texts = panel.texts;
    match entry {
        Entry::User(text) => html! { <li class="assistant-entry from-user">{ text }</li> },
        Entry::Assistant {
            reply,
            actions,
            proposals,
        } => html! {
            <li class="assistant-entry from-assistant assistant-reply">
                if !reply.is_empty() {
                    <p>{ reply }</p>
                }
                if actions.iter().any(|a| a.wrote) {
                    <ul class="assistant-actions">
                        { for actions.iter().filter(|a| a.wrote).map(|a| html! {
                            <li class="ok">{ "✓ " }
                                if let Some(route) = a.shows.as_ref().and_then(Route::showing) {
                                    { link(route, &a.summary) }
                                } else {
                                    { &a.summary }
                                }
                                if let Some(activity) = &a.activity {
                                    { " " }<ActionButton label={texts.history.undo} url={urls::undo(activity)} class="link undo" said={texts.history.undone} />
                                }
                            </li>
                        }) }
                    </ul>
                }
                { for proposals.iter().filter_map(|id| panel.log.proposals.iter().find(|p| &p.id == id)).map(|p| proposal(p, panel)) }
            </li>
        },
        Entry::Failed(text) => {
            html! { <li class="assistant-entry failed assistant-error">{ text }</li> }
        }
    }
}

/// A proposal's card: what confirming will do, entity by entity, and the buttons while it is open.
fn proposal(proposal: &PendingAction, panel: &Panel) -> Html {
    let h = panel.texts.history;
    let busy = panel.log.deciding.as_deref() == Some(proposal.id.as_str());
    let button = |label: &'static str, decision: &'static str, class: &'static str| {
        let (decide, id) = (panel.decide.clone(), proposal.id.clone());
        html! {
            <button type="button" CLASS={class} disabled={busy}
                onclick={move |_| decide.emit((id.clone(), decision))}>{ label }</button>
        }
    };
    let state = match proposal.status {
        PendingStatus::Pending => None,
        PendingStatus::Confirmed => Some(h.confirmed),
        PendingStatus::Cancelled => Some(h.cancelled),
        PendingStatus::Expired => Some(h.expired),
    };
    html! {
        <div class="proposal" data-proposal={proposal.id.clone()}>
            <p><strong>{ h.to_confirm }</strong>{ " " }{ &proposal.summary }</p>
            { for proposal.preview.iter().map(|e| history::entry(e, panel.texts, panel.studio)) }
            if let Some(state) = state {
                <p class="proposal-state">{ state }</p>
            } else {
                <p class="proposal-buttons">
                    { button(h.confirm, "confirm", "danger") }
                    { button(h.cancel, "cancel", "") }
                </p>
            }
        </div>
    }
}
