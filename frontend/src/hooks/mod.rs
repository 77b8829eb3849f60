//! Fetch hooks over the resource store. A hook depends on (url, generation of what it shows): it re-fetches
//! when either changes, shares the request with other views of the same key, and ignores stale responses.

use jiff::Timestamp;
use serde::de::DeserializeOwned;
use studio_wire::{Client, Equipment, Page, Room, Session};
use yew::prelude::*;

use crate::{
    api::{self, ApiError},
    store::{Latest, ResourceKey, use_resource_store},
};

/// The state of a fetched value. While re-fetching, the previous value stays on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Fetched<T> {
    pub data: Option<T>,
    pub error: Option<ApiError>,
    pub loading: bool,
}

#[hook]
pub fn use_api<T>(key: ResourceKey, url: String) -> Fetched<T>
where
    T: DeserializeOwned + Clone + PartialEq + 'static,
{
    let store = use_resource_store();
    let generation = store.generation(&key);
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
            if !state.loading {
                state.set(Fetched {
                    loading: true,
                    ..(*state).clone()
                });
            }
            let request = store.fetch(url, *generation);
            let guard = latest.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = request.await.and_then(|text| api::decode::<T>(&text));
                // A response that started before a newer request (or after unmount) never lands.
                if guard.is_current(ticket) {
                    state.set(match result {
                        Ok(data) => Fetched {
                            data: Some(data),
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
            move || latest.cancel()
        });
    }
    (*state).clone()
}

/// The clients list URL; the same parameters give the same URL, so views share requests.
pub fn clients_url(q: &str) -> String {
    let q = q.trim();
    if q.is_empty() {
        "/api/clients?limit=200".to_owned()
    } else {
        format!("/api/clients?limit=200&q={}", api::encode(q))
    }
}

#[hook]
pub fn use_clients(q: String) -> Fetched<Page<Client>> {
    use_api(ResourceKey::List("clients"), clients_url(&q))
}

#[hook]
pub fn use_client(id: String) -> Fetched<Client> {
    let url = format!("/api/clients/{}", api::encode(&id));
    use_api(ResourceKey::Entity("clients", id), url)
}

#[hook]
pub fn use_rooms() -> Fetched<Page<Room>> {
    use_api(
        ResourceKey::List("rooms"),
        "/api/rooms?limit=200".to_owned(),
    )
}

#[hook]
pub fn use_room(id: String) -> Fetched<Room> {
    let url = format!("/api/rooms/{}", api::encode(&id));
    use_api(ResourceKey::Entity("rooms", id), url)
}

#[hook]
pub fn use_equipment() -> Fetched<Page<Equipment>> {
    use_api(
        ResourceKey::List("equipment"),
        "/api/equipment?limit=200".to_owned(),
    )
}

/// Sessions in `[from, to)`, optionally of one room or client.
pub fn sessions_url(
    from: Timestamp,
    to: Timestamp,
    room: Option<&str>,
    client: Option<&str>,
) -> String {
    let mut url = format!(
        "/api/sessions?from={}&to={}",
        api::encode(&from.to_string()),
        api::encode(&to.to_string())
    );
    if let Some(room) = room {
        url.push_str(&format!("&room={}", api::encode(room)));
    }
    if let Some(client) = client {
        url.push_str(&format!("&client={}", api::encode(client)));
    }
    url
}

#[hook]
pub fn use_sessions(url: String) -> Fetched<Page<Session>> {
    use_api(ResourceKey::List("sessions"), url)
}

#[hook]
pub fn use_session(id: String) -> Fetched<Session> {
    let url = format!("/api/sessions/{}", api::encode(&id));
    use_api(ResourceKey::Entity("sessions", id), url)
}

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
