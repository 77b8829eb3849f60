//! Fetch hooks over the resource store. A hook depends on (url, generation of what it shows — one resource, or
//! several for a view that combines them): it re-fetches when either changes, shares the request with other
//! views of the same key, and ignores stale responses.

use std::{any::Any, cell::RefCell, marker::PhantomData, rc::Rc};

use studio_wire::decode::Decode;
use studio_wire::{Client, Dashboard, Invoice, Page, Payment, Room, Session, StudioSettings};
use yew::prelude::*;

use crate::{
    api::{
        self, ApiError,
        urls::{self, Resource},
    },
    store::{Latest, ResourceKey, use_resource_store},
};

mod paged;
pub use paged::{Paged, shown_count, use_paged_list};

/// The state of a fetched value. While re-fetching, the previous value stays on screen. The value is kept
/// type-erased: the fetching, the caching of its decoding and the handing out of every hook are one copy in the
/// wasm, not one per type (and a render hands out a reference, not a copy of the value).
pub struct Fetched<T> {
    value: Option<Rc<dyn Any>>,
    pub error: Option<ApiError>,
    pub loading: bool,
    kind: PhantomData<fn() -> T>,
}

impl<T: 'static> Fetched<T> {
    /// The value, once here.
    pub fn data(&self) -> Option<&T> {
        self.value.as_deref()?.downcast_ref()
    }

    /// The value, shared (for a component's props: no copy).
    pub fn shared(&self) -> Option<Shared<T>> {
        self.value.clone()?.downcast().ok().map(Shared)
    }
}

/// A fetched value shared with a component's props. Two are equal when they are the same decoding: a response
/// is decoded once, so the same text gives the same value, and a changed entity arrives as a new one. (Rc's own
/// equality compares every field of every entity on each render: 1.5 KB of wasm, measured 2026-11-27.)
#[derive(Debug)]
pub struct Shared<T>(Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> Fetched<T> {
    /// What a view shows from its decoded response (if any), else from the fetch's own error and state.
    fn of(decoded: Option<Decoded>, error: Option<ApiError>, loading: bool) -> Self {
        let (value, error) = match decoded {
            Some(Ok(value)) => (Some(value), None),
            Some(Err(error)) => (None, Some(error)),
            None => (None, error),
        };
        Fetched {
            value,
            error,
            loading,
            kind: PhantomData,
        }
    }
}

/// A response decoded as some type, or why it could not be.
type Decoded = Result<Rc<dyn Any>, ApiError>;

fn decode_any<T: Decode + 'static>(text: &str) -> Decoded {
    api::json::read(text, |value| Ok(Rc::new(T::decode(value)?) as Rc<dyn Any>))
        .map_err(ApiError::Decode)
}

/// The last input decoded and its decoding (kept by the hook with `use_mut_ref`).
type LastDecoded<K> = RefCell<Option<(Rc<K>, Decoded)>>;

/// `input` decoded by `decode`, once per input (told apart by address): `last` keeps the last input and its
/// decoding until another comes.
fn decoded_once<K: ?Sized>(
    last: &LastDecoded<K>,
    input: Option<Rc<K>>,
    decode: fn(&K) -> Decoded,
) -> Option<Decoded> {
    let input = input?;
    let mut last = last.borrow_mut();
    if let Some((seen, decoded)) = &*last
        && Rc::ptr_eq(seen, &input)
    {
        return Some(decoded.clone());
    }
    let decoded = decode(&input);
    *last = Some((input, decoded.clone()));
    Some(decoded)
}

/// The value at `url`, decoded as `T`, re-fetched when what it shows changes.
#[hook]
pub fn use_api<T: Decode + 'static>(shows: &[ResourceKey], url: String) -> Fetched<T> {
    let body = use_text(shows, url);
    let last = use_mut_ref(|| None);
    let decoded = decoded_once(&last, body.text, decode_any::<T>);
    Fetched::of(decoded, body.error, body.loading)
}

/// A response's body, as fetched.
#[derive(Clone, PartialEq)]
pub(super) struct Body {
    pub text: Option<Rc<str>>,
    pub error: Option<ApiError>,
    pub loading: bool,
}

/// The body at `url`: fetched through the store (shared with other views asking the same), again when the
/// generation of what it shows moves; a response that started before a newer request never lands. An empty
/// `url` asks for nothing (a view with nothing to look up yet).
#[hook]
pub(super) fn use_text(shows: &[ResourceKey], url: String) -> Body {
    let store = use_resource_store();
    let generation = store.generation(shows);
    let state = use_state(|| Body {
        text: None,
        error: None,
        loading: true,
    });
    let latest = use_memo((), |_| Latest::default());
    {
        let state = state.clone();
        use_effect_with((url, generation), move |(url, generation)| {
            let ticket = latest.begin();
            if url.is_empty() {
                state.set(Body {
                    text: None,
                    error: None,
                    loading: false,
                });
            } else {
                if !state.loading {
                    state.set(Body {
                        loading: true,
                        ..(*state).clone()
                    });
                }
                let request = store.fetch(url, *generation);
                let guard = latest.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let result = request.await;
                    if guard.is_current(ticket) {
                        state.set(match result {
                            Ok(text) => Body {
                                text: Some(Rc::from(text)),
                                error: None,
                                loading: false,
                            },
                            Err(error) => Body {
                                text: None,
                                error: Some(error),
                                loading: false,
                            },
                        });
                    }
                });
            }
            move || latest.cancel()
        });
    }
    (*state).clone()
}

/// The first page of a resource's list, optionally searched.
#[hook]
pub fn use_list<T: Decode + 'static>(resource: Resource, q: String) -> Fetched<Page<T>> {
    use_api(&[ResourceKey::List(resource.name())], resource.list(&q))
}

/// One entity of a resource; none for an empty `id` (a view whose entity is optional).
#[hook]
pub fn use_entity<T: Decode + 'static>(resource: Resource, id: String) -> Fetched<T> {
    let url = if id.is_empty() {
        String::new()
    } else {
        resource.one(&id)
    };
    use_api(&[ResourceKey::Entity(resource.name(), id)], url)
}

#[hook]
pub fn use_clients(q: String) -> Fetched<Page<Client>> {
    use_list(urls::CLIENTS, q)
}

/// The names of the clients `ids` name (only those), as `(id, name)` pairs, for a view showing who its items are for. They
/// come from the first page of the clients list (the request every such view shares, as the navigation's
/// count); only clients past it are asked for by id (`?ids=`, at most a page of them), a request that depends on
/// those clients alone. So a studio of any size names every client, and one of up to a page fetches nothing more.
#[hook]
pub fn use_client_names(ids: Vec<&str>) -> Vec<(String, String)> {
    // In order, once each (kept sorted as they come: no sort routine in the wasm for this alone).
    let mut sorted: Vec<&str> = Vec::with_capacity(ids.len());
    for id in ids.into_iter().filter(|id| !id.is_empty()) {
        if let Err(at) = sorted.binary_search(&id) {
            sorted.insert(at, id);
        }
    }
    let ids = sorted;
    let first = use_list::<Client>(urls::CLIENTS, String::new());
    let asked = |page: Option<&Page<Client>>| {
        let all = pairs(page, |c| Some((&c.id, &c.name)));
        let asked = all
            .into_iter()
            .filter(|(id, _)| ids.binary_search(&id.as_str()).is_ok());
        asked.collect::<Vec<_>>()
    };
    let mut known = asked(first.data());
    let mut missing: Vec<&str> = match first.data() {
        // Until the first page is here, nothing is known to be missing.
        None => Vec::new(),
        Some(_) => ids
            .iter()
            .copied()
            .filter(|id| !known.iter().any(|(k, _)| k == id))
            .collect(),
    };
    missing.truncate(urls::PAGE);
    let shows: Vec<ResourceKey> = missing
        .iter()
        .map(|id| ResourceKey::Entity(urls::CLIENTS.name(), (*id).to_owned()))
        .collect();
    let url = if missing.is_empty() {
        String::new()
    } else {
        urls::CLIENTS.named(&missing)
    };
    let more = use_api::<Page<Client>>(&shows, url);
    known.extend(asked(more.data()));
    known
}

#[hook]
pub fn use_rooms() -> Fetched<Page<Room>> {
    use_list(urls::ROOMS, String::new())
}

/// Sessions at `url` (see `urls::sessions_between`, `urls::client_sessions`).
#[hook]
pub fn use_sessions(url: String) -> Fetched<Page<Session>> {
    use_api(&[ResourceKey::List(urls::SESSIONS.name())], url)
}

/// Invoices at `url` (see `urls::client_invoices`, `urls::project_invoices`).
#[hook]
pub fn use_invoices(url: String) -> Fetched<Page<Invoice>> {
    use_api(&[ResourceKey::List(urls::INVOICES.name())], url)
}

/// One invoice's payments and reversals (nothing asked while `invoice` is empty: not known yet).
#[hook]
pub fn use_payments(invoice: &str) -> Fetched<Page<Payment>> {
    let url = if invoice.is_empty() {
        String::new()
    } else {
        urls::invoice_payments(invoice)
    };
    use_api(&[ResourceKey::List(urls::PAYMENTS.name())], url)
}

/// The dashboard: it shows sessions, rooms, invoices and payments, and the settings' time zone decides its day.
#[hook]
pub fn use_dashboard() -> Fetched<Dashboard> {
    use_api(
        &[
            ResourceKey::List(urls::SESSIONS.name()),
            ResourceKey::List(urls::ROOMS.name()),
            ResourceKey::List(urls::INVOICES.name()),
            ResourceKey::List(urls::PAYMENTS.name()),
            ResourceKey::Entity(SETTINGS_RESOURCE, SETTINGS_ID.to_owned()),
        ],
        urls::DASHBOARD.to_owned(),
    )
}

/// The studio's settings.
#[hook]
pub fn use_settings() -> Fetched<StudioSettings> {
    use_api(
        &[ResourceKey::Entity(
            SETTINGS_RESOURCE,
            SETTINGS_ID.to_owned(),
        )],
        urls::SETTINGS.to_owned(),
    )
}

/// How invalidations name the settings (one per studio).
pub const SETTINGS_RESOURCE: &str = "settings";
pub const SETTINGS_ID: &str = "studio";

/// Pairs `(id, value)` from a fetched list (empty while it loads), keeping the items `pick` answers for: for
/// `<select>` options and id → name lookups.
pub fn pairs<T>(
    page: Option<&Page<T>>,
    pick: impl Fn(&T) -> Option<(&str, &str)>,
) -> Vec<(String, String)> {
    page.into_iter()
        .flat_map(|p| p.items.iter())
        .filter_map(|item| pick(item).map(|(id, value)| (id.to_owned(), value.to_owned())))
        .collect()
}

/// The name paired with `id` in `pairs`, or nothing while the list loads.
pub fn name_of(pairs: &[(String, String)], id: &str) -> String {
    pairs
        .iter()
        .find(|(key, _)| key == id)
        .map(|(_, name)| name.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    #[test]
    fn a_shared_value_equals_itself_not_an_equal_copy() {
        let one = Shared(Rc::new(vec![7]));
        assert!(one == one.clone());
        // An equal value decoded apart is another value: props holding it render again.
        assert!(one != Shared(Rc::new(vec![7])));
        assert_eq!(*one, vec![7]);
    }

    thread_local! {
        static DECODED: Cell<usize> = const { Cell::new(0) };
    }

    /// Decodes a list of numbers, counting the decodings.
    fn counted(text: &str) -> Decoded {
        DECODED.with(|n| n.set(n.get() + 1));
        decode_any::<Vec<u32>>(text)
    }

    fn numbers(decoded: &Option<Decoded>) -> Option<&Vec<u32>> {
        decoded.as_ref()?.as_ref().ok()?.downcast_ref()
    }

    #[test]
    fn a_response_is_decoded_once_however_many_renders_read_it() {
        let last = LastDecoded::<str>::default();
        let response: Rc<str> = Rc::from("[1, 2]");
        for _ in 0..3 {
            let decoded = decoded_once(&last, Some(response.clone()), counted);
            assert_eq!(numbers(&decoded), Some(&vec![1, 2]));
        }
        assert_eq!(DECODED.get(), 1);
        // Another response with the same text is a new response (re-fetched after a change): decoded again.
        let refetched: Rc<str> = Rc::from("[1, 2]");
        decoded_once(&last, Some(refetched), counted);
        assert_eq!(DECODED.get(), 2);
        assert!(decoded_once(&last, None, counted).is_none());
        let broken: Rc<str> = Rc::from("{");
        let decoded = decoded_once(&last, Some(broken), counted);
        assert!(matches!(decoded, Some(Err(ApiError::Decode(_)))));
    }

    #[test]
    fn a_view_gets_the_decoded_value_or_why_there_is_none() {
        let value: Rc<dyn Any> = Rc::new(vec![7u32]);
        let shown = Fetched::<Vec<u32>>::of(Some(Ok(value)), None, true);
        assert_eq!(shown.data(), Some(&vec![7]));
        assert_eq!(shown.shared().as_deref(), Some(&vec![7]));
        assert!(shown.loading && shown.error.is_none());

        let undecodable = ApiError::Decode("expected a sequence".into());
        let failed = Fetched::<Vec<u32>>::of(Some(Err(undecodable.clone())), None, false);
        assert_eq!(failed.data(), None);
        assert_eq!(failed.error, Some(undecodable));

        let unreachable = ApiError::Network("offline".into());
        let waiting = Fetched::<Vec<u32>>::of(None, Some(unreachable.clone()), false);
        assert_eq!(waiting.data(), None);
        assert_eq!(waiting.error, Some(unreachable));
    }
}
