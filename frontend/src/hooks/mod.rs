//! Fetch hooks over the resource store. A hook depends on (url, generation of what it shows — one resource, or
//! several for a view that combines them): it re-fetches when either changes, shares the request with other
//! views of the same key, and ignores stale responses.

use std::rc::Rc;

use serde::de::DeserializeOwned;
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
pub use paged::{Paged, use_paged_list};

/// The state of a fetched value. While re-fetching, the previous value stays on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched<T> {
    pub data: Option<T>,
    pub error: Option<ApiError>,
    pub loading: bool,
}

/// The value at `url`, decoded as `T`, re-fetched when what it shows changes.
#[hook]
pub fn use_api<T>(shows: &[ResourceKey], url: String) -> Fetched<T>
where
    T: DeserializeOwned + Clone + PartialEq + 'static,
{
    let text = use_text(shows, url);
    // Decoded once per response, here; the fetching above is the same code for every type (one copy in the
    // wasm instead of one per type).
    let decoded = use_memo(text.data.clone(), |text| {
        text.as_deref().map(api::decode::<T>)
    });
    Fetched::of(&decoded, text.error, text.loading)
}

impl<T: Clone> Fetched<T> {
    /// What a view shows from its decoded response (if any), else from the fetch's own error and state.
    fn of(decoded: &Option<Result<T, ApiError>>, error: Option<ApiError>, loading: bool) -> Self {
        match decoded {
            Some(Ok(data)) => Fetched {
                data: Some(data.clone()),
                error: None,
                loading,
            },
            Some(Err(error)) => Fetched {
                data: None,
                error: Some(error.clone()),
                loading,
            },
            None => Fetched {
                data: None,
                error,
                loading,
            },
        }
    }
}

/// The body at `url`: fetched through the store (shared with other views asking the same), again when the
/// generation of what it shows moves; a response that started before a newer request never lands. An empty
/// `url` asks for nothing (a view with nothing to look up yet).
#[hook]
pub(super) fn use_text(shows: &[ResourceKey], url: String) -> Fetched<Rc<str>> {
    let store = use_resource_store();
    let generation = store.generation(shows);
    let state = use_state(|| Fetched {
        data: None,
        error: None,
        loading: true,
    });
    let latest = use_memo((), |_| Latest::default());
    {
        let state = state.clone();
        use_effect_with((url, generation), move |(url, generation)| {
            let ticket = latest.begin();
            if url.is_empty() {
                state.set(Fetched {
                    data: None,
                    error: None,
                    loading: false,
                });
            } else {
                if !state.loading {
                    state.set(Fetched {
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
                            Ok(text) => Fetched {
                                data: Some(Rc::from(text)),
                                error: None,
                                loading: false,
                            },
                            Err(error) => Fetched {
                                data: None,
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
pub fn use_list<T>(resource: Resource, q: String) -> Fetched<Page<T>>
where
    T: DeserializeOwned + Clone + PartialEq + 'static,
{
    use_api(&[ResourceKey::List(resource.name())], resource.list(&q))
}

/// One entity of a resource.
#[hook]
pub fn use_entity<T>(resource: Resource, id: String) -> Fetched<T>
where
    T: DeserializeOwned + Clone + PartialEq + 'static,
{
    let url = resource.one(&id);
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
    let asked = |page: &Option<Page<Client>>| {
        let all = pairs(page, |c| Some((&c.id, &c.name)));
        let asked = all
            .into_iter()
            .filter(|(id, _)| ids.binary_search(&id.as_str()).is_ok());
        asked.collect::<Vec<_>>()
    };
    let mut known = asked(&first.data);
    let mut missing: Vec<&str> = match &first.data {
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
    known.extend(asked(&more.data));
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

#[hook]
pub fn use_invoices() -> Fetched<Page<Invoice>> {
    use_list(urls::INVOICES, String::new())
}

/// One invoice's payments and reversals.
#[hook]
pub fn use_payments(invoice: &str) -> Fetched<Page<Payment>> {
    use_api(
        &[ResourceKey::List(urls::PAYMENTS.name())],
        urls::invoice_payments(invoice),
    )
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
    page: &Option<Page<T>>,
    pick: impl Fn(&T) -> Option<(&str, &str)>,
) -> Vec<(String, String)> {
    page.iter()
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
