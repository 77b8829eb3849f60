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
use serde::{
    Serialize,
    de::{DeserializeOwned, IgnoredAny},
};
use studio_wire::{Invalidation, Mutation};
use yew::prelude::*;

use crate::api::{self, ApiError, Method};

pub type FetchResult = Result<String, ApiError>;

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

    /// Sends a write and, once it succeeded, applies the invalidations of its response — the path every form
    /// takes. `done` gets the written entity (if any) or the error to show.
    pub fn mutate<B, T>(
        &self,
        method: Method,
        url: String,
        body: Option<B>,
        done: impl FnOnce(Result<Option<T>, ApiError>) + 'static,
    ) where
        B: Serialize + 'static,
        T: DeserializeOwned + 'static,
    {
        let body = match body.as_ref().map(api::json::to_string).transpose() {
            Ok(body) => body,
            Err(e) => return done(Err(ApiError::Decode(e))),
        };
        self.mutate_text(
            method,
            url,
            body,
            Box::new(move |answer| {
                done(answer.and_then(|text| api::decode::<Mutation<T>>(&text).map(|m| m.data)))
            }),
        );
    }

    /// The untyped part of `mutate` (one copy in the wasm for every entity type): send, apply what the
    /// response says became stale, hand its text on.
    fn mutate_text(
        &self,
        method: Method,
        url: String,
        body: Option<String>,
        done: Box<dyn FnOnce(Result<String, ApiError>)>,
    ) {
        let store = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let answer = api::send_text(method, &url, body).await;
            if let Ok(written) = answer.as_deref().map(api::decode::<Mutation<IgnoredAny>>) {
                match written {
                    Ok(written) => store.apply(written.invalidations),
                    Err(e) => return done(Err(e)),
                }
            }
            done(answer);
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
        Generations::new(search.is_some_and(|s| s.contains("invalidate=all")))
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
