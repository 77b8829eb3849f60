//! The resource store: a context holding generation counters, the shared in-flight requests, and `apply`,
//! the one path by which anything that changed data (a form, the assistant) marks views stale.

mod feed;
mod generations;
mod inflight;
mod latest;
mod tabs;

use std::rc::Rc;

pub use generations::{Apply, Generations, ResourceKey};
pub use inflight::{Inflight, SharedRequest};
pub use latest::{Latest, Ticket};
use studio_wire::{Invalidation, Mutation, decode::Decode};
use yew::prelude::*;

use crate::api::{self, ApiError, Method};

pub type FetchResult = Result<String, ApiError>;

/// Of the entity a write answers, the id (the studio's settings have none).
#[derive(Decode)]
struct Written {
    #[serde(default)]
    id: Option<String>,
}

/// The context value. It carries a snapshot of the counters taken when the provider rendered: comparing
/// snapshots is what tells the context to notify its consumers (a reducer handle reads the live state, so two
/// handles always compare equal).
#[derive(Clone)]
pub struct ResourceStore {
    generations: Rc<Generations>,
    dispatch: UseReducerDispatcher<Generations>,
    inflight: Rc<Inflight<FetchResult>>,
    tabs: Rc<tabs::Tabs>,
}

impl PartialEq for ResourceStore {
    fn eq(&self, other: &Self) -> bool {
        self.generations == other.generations && Rc::ptr_eq(&self.inflight, &other.inflight)
    }
}

impl ResourceStore {
    /// The generation of what a view shows (see `Generations::of_all`).
    pub fn generation(&self, keys: &[ResourceKey]) -> u64 {
        self.generations.of_all(keys)
    }

    /// Marks stale what a write made from this tab changed — one state update, whatever the number of
    /// invalidations — and tells the other tabs.
    pub fn apply(&self, invalidations: Vec<Invalidation>) {
        self.tabs.post(&invalidations);
        self.dispatch.dispatch(Apply(invalidations));
    }

    /// Sends a write (its JSON `body`, if any) and, once it succeeded, applies the invalidations of its
    /// response — the path every form takes. `done` gets the written entity's id (if it has one) or the error
    /// to show. Untyped: one copy in the wasm whatever the entity.
    pub fn mutate(
        &self,
        method: Method,
        url: String,
        body: Option<String>,
        done: Box<dyn FnOnce(Result<Option<String>, ApiError>)>,
    ) {
        let store = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let written = match api::send_text(method, &url, body).await {
                Ok(text) => api::decode::<Mutation<Written>>(&text),
                Err(e) => Err(e),
            };
            done(written.map(|written| {
                store.apply(written.invalidations);
                written.data.and_then(|entity| entity.id)
            }));
        });
    }

    /// GETs `url` at `generation`, sharing the request with every view asking the same at the same time.
    pub fn fetch(&self, url: &str, generation: u64) -> SharedRequest<FetchResult> {
        let owned = url.to_owned();
        self.inflight
            .join(format!("{generation}|{url}"), move || async move {
                api::get_text(&owned).await
            })
    }
}

#[derive(Properties, PartialEq)]
pub struct ResourceStoreProviderProps {
    pub children: Html,
}

#[function_component]
pub fn ResourceStoreProvider(props: &ResourceStoreProviderProps) -> Html {
    // `?invalidate=all` switches to the benchmark's reference design (see `Generations::new`).
    let generations = use_reducer(|| {
        let search = web_sys::window().and_then(|w| w.location().search().ok());
        Generations::new(search.is_some_and(|s| s.split(['?', '&']).any(|p| p == "invalidate=all")))
    });
    let inflight = use_memo((), |_| Inflight::<FetchResult>::default());
    // Other people's writes, from the studio's change feed (not posted to other tabs: they pull it too).
    {
        let dispatch = generations.dispatcher();
        use_memo((), move |_| {
            feed::Feed::start(move |invalidations| dispatch.dispatch(Apply(invalidations)))
        });
    }
    let tabs = {
        let dispatch = generations.dispatcher();
        // Another tab's writes: applied here, not posted again.
        use_memo((), move |_| {
            tabs::Tabs::listen(move |invalidations| dispatch.dispatch(Apply(invalidations)))
        })
    };
    let store = ResourceStore {
        generations: Rc::new((*generations).clone()),
        dispatch: generations.dispatcher(),
        inflight: Rc::clone(&inflight),
        tabs: Rc::clone(&tabs),
    };
    html! {
        <ContextProvider<ResourceStore> context={store}>{ props.children.clone() }</ContextProvider<ResourceStore>>
    }
}

#[hook]
pub fn use_resource_store() -> ResourceStore {
    use_context::<ResourceStore>().expect("ResourceStoreProvider is at the root of the app")
}
