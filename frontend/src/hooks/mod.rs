//! Fetch hooks over the resource store. A hook depends on (url, generation of what it shows): it re-fetches
//! when either changes, shares the request with other views of the same key, and ignores stale responses.

use serde::de::DeserializeOwned;
use studio_wire::{Client, Equipment, Page, Room, Session, StudioSettings};
use yew::prelude::*;

use crate::{
    api::{
        self, ApiError,
        urls::{self, Resource},
    },
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

/// The first page of a resource's list, optionally searched.
#[hook]
pub fn use_list<T>(resource: Resource, q: String) -> Fetched<Page<T>>
where
    T: DeserializeOwned + Clone + PartialEq + 'static,
{
    use_api(ResourceKey::List(resource.name()), resource.list(&q))
}

/// One entity of a resource.
#[hook]
pub fn use_entity<T>(resource: Resource, id: String) -> Fetched<T>
where
    T: DeserializeOwned + Clone + PartialEq + 'static,
{
    let url = resource.one(&id);
    use_api(ResourceKey::Entity(resource.name(), id), url)
}

#[hook]
pub fn use_clients(q: String) -> Fetched<Page<Client>> {
    use_list(urls::CLIENTS, q)
}

#[hook]
pub fn use_rooms() -> Fetched<Page<Room>> {
    use_list(urls::ROOMS, String::new())
}

#[hook]
pub fn use_equipment() -> Fetched<Page<Equipment>> {
    use_list(urls::EQUIPMENT, String::new())
}

/// Sessions at `url` (see `urls::sessions_between`, `urls::client_sessions`).
#[hook]
pub fn use_sessions(url: String) -> Fetched<Page<Session>> {
    use_api(ResourceKey::List(urls::SESSIONS.name()), url)
}

/// The studio's settings.
#[hook]
pub fn use_settings() -> Fetched<StudioSettings> {
    use_api(
        ResourceKey::Entity(SETTINGS_RESOURCE, SETTINGS_ID.to_owned()),
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
