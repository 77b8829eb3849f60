//! Other people's writes: the studio's change feed, pulled every few seconds while the page is visible and
//! whenever the window regains focus; each change not seen yet is applied like a local write (without being
//! posted to the other tabs, which pull the feed themselves). The browser's own writes are left out by the API.
//! The first pull, made as the page opens, brings the writes of the feed's overlap before "now": the views about
//! to be fetched already show them, so they only count as seen — but for those of the last `FRESH_MS`, which a
//! view's request may have just missed, and which are applied.

use std::{cell::RefCell, collections::VecDeque, rc::Rc};

use gloo_timers::callback::Interval;
use studio_wire::{ChangeFeed, Invalidation};
use wasm_bindgen::{JsCast, closure::Closure};

use crate::api;

/// How often the feed is pulled while the page is visible.
pub const EVERY_MS: u32 = 10_000;
/// Change ids remembered to drop the repeats that the feed's overlap brings.
const REMEMBER: usize = 1_000;
/// On the first pull, the changes this close to its cursor are applied (see the module's note).
const FRESH_MS: u64 = 2_000;

/// The millisecond a ULID (a change's id, a cursor) was made at: its first ten characters, in base 32.
fn made_at(ulid: &str) -> Option<u64> {
    const DIGITS: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    ulid.get(..10)?.bytes().try_fold(0u64, |ms, c| {
        let digit = DIGITS.iter().position(|d| *d == c.to_ascii_uppercase())?;
        Some(ms * 32 + digit as u64)
    })
}

#[derive(Default)]
struct State {
    cursor: Option<String>,
    /// The last `REMEMBER` changes seen, oldest first (looked through: a set's code weighed more wasm than the
    /// search costs a pull).
    seen: VecDeque<String>,
    busy: bool,
}

impl State {
    /// The invalidations of the changes not seen before (on the first pull, of its fresh ones only).
    fn fresh(&mut self, feed: ChangeFeed) -> Vec<Invalidation> {
        let first = self.cursor.is_none();
        let opened = made_at(&feed.cursor);
        let shown_already = |id: &str| {
            first
                && matches!((made_at(id), opened), (Some(at), Some(opened)) if at + FRESH_MS < opened)
        };
        let mut invalidations = Vec::new();
        for change in feed.changes {
            if !self.seen.contains(&change.id) {
                if !shown_already(&change.id) {
                    invalidations.extend(change.invalidations);
                }
                self.seen.push_back(change.id);
            }
        }
        self.cursor = Some(feed.cursor);
        while self.seen.len() > REMEMBER {
            self.seen.pop_front();
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

    /// A ULID made `ms` after the epoch (the rest of its characters: zeros).
    fn at(ms: u64) -> String {
        const DIGITS: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        let time: String = (0..10)
            .rev()
            .map(|i| DIGITS[((ms >> (5 * i)) & 31) as usize] as char)
            .collect();
        format!("{time}0000000000000000")
    }

    #[test]
    fn a_ulid_says_when_it_was_made() {
        // The ULID specification's example.
        assert_eq!(
            made_at("01ARZ3NDEKTSV4RRFFQ69G5FAV"),
            Some(1_469_922_850_259)
        );
        assert_eq!(made_at(&at(1_800_000_000_123)), Some(1_800_000_000_123));
        assert_eq!(made_at("not a ulid"), None);
    }

    #[test]
    fn a_change_the_overlap_brings_again_is_applied_once() {
        let mut state = State::default();
        state.fresh(feed(&[]));
        let (a, b, c) = (at(1_000_000), at(1_000_001), at(1_000_002));
        assert_eq!(state.fresh(feed(&[&a, &b])).len(), 2);
        assert_eq!(state.fresh(feed(&[&b, &c])).len(), 1);
        assert_eq!(state.cursor.as_deref(), Some(c.as_str()));
    }

    #[test]
    fn the_first_pull_applies_only_the_changes_of_its_last_two_seconds_and_counts_all_as_seen() {
        let mut state = State::default();
        let now = 1_800_000_000_000;
        let (old, recent) = (at(now - 5_000), at(now - 1_000));
        let first = ChangeFeed {
            cursor: at(now),
            ..feed(&[&old, &recent])
        };
        assert_eq!(
            state.fresh(first).len(),
            1,
            "only the recent change is applied"
        );
        assert!(
            state.fresh(feed(&[&old, &recent])).is_empty(),
            "both are seen"
        );
    }
}
