//! Other people's writes: the studio's change feed, pulled every few seconds while the page is visible and
//! whenever the window regains focus; each change not seen yet is applied like a local write (without being
//! posted to the other tabs, which pull the feed themselves). The browser's own writes are left out by the API.

use std::{
    cell::RefCell,
    collections::{HashSet, VecDeque},
    rc::Rc,
};

use gloo_timers::callback::Interval;
use studio_wire::{ChangeFeed, Invalidation};
use wasm_bindgen::{JsCast, closure::Closure};

use crate::api;

/// How often the feed is pulled while the page is visible.
pub const EVERY_MS: u32 = 10_000;
/// Change ids remembered to drop the repeats that the feed's overlap brings.
const REMEMBER: usize = 1_000;

#[derive(Default)]
struct State {
    cursor: Option<String>,
    seen: HashSet<String>,
    order: VecDeque<String>,
    busy: bool,
}

impl State {
    /// The invalidations of the changes not seen before.
    fn fresh(&mut self, feed: ChangeFeed) -> Vec<Invalidation> {
        self.cursor = Some(feed.cursor);
        let mut invalidations = Vec::new();
        for change in feed.changes {
            if self.seen.insert(change.id.clone()) {
                self.order.push_back(change.id);
                invalidations.extend(change.invalidations);
            }
        }
        while self.order.len() > REMEMBER {
            if let Some(old) = self.order.pop_front() {
                self.seen.remove(&old);
            }
        }
        invalidations
    }
}

fn visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
}

/// Pulls the feed until dropped.
pub struct Feed {
    _interval: Interval,
    _focus: Option<Closure<dyn FnMut()>>,
}

impl Feed {
    pub fn start(apply: impl Fn(Vec<Invalidation>) + 'static) -> Self {
        let state = Rc::new(RefCell::new(State::default()));
        let apply = Rc::new(apply);
        let pull = Rc::new(move || {
            if state.borrow().busy || !visible() {
                return;
            }
            state.borrow_mut().busy = true;
            let (state, apply) = (state.clone(), apply.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let url =
                    api::urls::changes(state.borrow().cursor.as_deref(), &api::browser_origin());
                let feed = api::get_text(&url)
                    .await
                    .and_then(|text| api::decode::<ChangeFeed>(&text));
                let mut current = state.borrow_mut();
                current.busy = false;
                if let Ok(feed) = feed {
                    let invalidations = current.fresh(feed);
                    drop(current);
                    if !invalidations.is_empty() {
                        apply(invalidations);
                    }
                }
            });
        });
        pull();
        let every = pull.clone();
        let interval = Interval::new(EVERY_MS, move || every());
        let focus = web_sys::window().map(|window| {
            let on_focus = Closure::<dyn FnMut()>::new(move || pull());
            let _ =
                window.add_event_listener_with_callback("focus", on_focus.as_ref().unchecked_ref());
            on_focus
        });
        Self {
            _interval: interval,
            _focus: focus,
        }
    }
}

#[cfg(test)]
mod tests {
    use studio_wire::FeedChange;

    use super::*;

    fn feed(ids: &[&str]) -> ChangeFeed {
        ChangeFeed {
            changes: ids
                .iter()
                .map(|id| FeedChange {
                    id: (*id).into(),
                    invalidations: vec![Invalidation::list("clients")],
                })
                .collect(),
            cursor: ids.last().copied().unwrap_or("0").into(),
        }
    }

    #[test]
    fn a_change_the_overlap_brings_again_is_applied_once() {
        let mut state = State::default();
        assert_eq!(state.fresh(feed(&["a", "b"])).len(), 2);
        assert_eq!(state.fresh(feed(&["b", "c"])).len(), 1);
        assert_eq!(state.cursor.as_deref(), Some("c"));
    }
}
