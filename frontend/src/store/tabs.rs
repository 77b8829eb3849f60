//! Other tabs of the same browser: what one tab's writes made stale is posted on a `BroadcastChannel`, and every
//! other tab signed in as the same identity applies it as if the write were its own.

use serde::Serialize;
use studio_wire::{Invalidation, decode::Decode};
use wasm_bindgen::{JsCast, closure::Closure};
use web_sys::{BroadcastChannel, MessageEvent};

const CHANNEL: &str = "studio-invalidations";

#[derive(Debug, Serialize, Decode)]
struct Message {
    /// Whose data changed (the credentials' header value): another studio's tab ignores it.
    who: String,
    invalidations: Vec<Invalidation>,
}

fn who() -> String {
    crate::auth::header()
        .map(|(_, value)| value)
        .unwrap_or_default()
}

/// The channel, listening for other tabs' invalidations; dropping it stops listening.
pub struct Tabs {
    channel: Option<BroadcastChannel>,
    _listener: Option<Closure<dyn FnMut(MessageEvent)>>,
}

impl Tabs {
    pub fn listen(on_invalidations: impl Fn(Vec<Invalidation>) + 'static) -> Self {
        let Ok(channel) = BroadcastChannel::new(CHANNEL) else {
            return Self {
                channel: None,
                _listener: None,
            };
        };
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let message = event
                .data()
                .as_string()
                .and_then(|text| crate::api::json::from_str::<Message>(&text).ok());
            if let Some(message) = message.filter(|m| m.who == who()) {
                on_invalidations(message.invalidations);
            }
        });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Self {
            channel: Some(channel),
            _listener: Some(listener),
        }
    }

    /// Tells the other tabs (a tab does not receive its own messages).
    pub fn post(&self, invalidations: &[Invalidation]) {
        let Some(channel) = &self.channel else { return };
        if invalidations.is_empty() {
            return;
        }
        let message = Message {
            who: who(),
            invalidations: invalidations.to_vec(),
        };
        let _ = channel.post_message(
            &crate::api::json::to_string(&message)
                .expect("serialises")
                .into(),
        );
    }
}

impl Drop for Tabs {
    fn drop(&mut self) {
        if let Some(channel) = &self.channel {
            channel.set_onmessage(None);
            channel.close();
        }
    }
}
