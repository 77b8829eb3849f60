//! A list past its first page. Its first page is the same request as every other view's of that list; "Show
//! more" asks for one more page with the API's cursor. Whenever what the list shows changes (a write here, in
//! another tab, by someone else), every page it shows is fetched again, in order, and they replace the old ones
//! together — so the items past the first page stay as fresh as the first page's, and a list never mixes pages
//! read before a write with pages read after it. Fetching and paging are untyped (one copy in the wasm); only the
//! decoding of the pages shown is per type.

use std::rc::Rc;

use studio_wire::{
    Page,
    decode::{Decode, Ignored},
};
use yew::prelude::*;

use super::{Decoded, Fetched, decoded_once, use_text};
use crate::{
    api::{
        self, ApiError,
        urls::{Order, Resource},
    },
    i18n::Texts,
    store::{Latest, ResourceKey, use_resource_store},
};

/// What a paged list view shows, and how to show more.
pub struct Paged<T> {
    /// Every item shown (the first page's, then the next pages'); `next_cursor` is set while there is more.
    pub list: Fetched<Page<T>>,
    /// "Show more", while there is more and no page is on its way.
    show_more: Option<Callback<MouseEvent>>,
}

impl<T: 'static> Paged<T> {
    /// How many are shown, "+" while more can be ("200+"); nothing while the first page loads.
    pub fn count(&self) -> Option<String> {
        self.list.data().map(shown_count)
    }

    /// The "Show more" button (`id`), while there is more.
    pub fn more_button(&self, texts: &Texts, id: &'static str) -> Html {
        more_button(self.show_more.as_ref(), texts, id)
    }
}

/// How many items a page shows, "+" when the list goes on ("200+").
pub fn shown_count<T>(page: &Page<T>) -> String {
    let plus = if page.next_cursor.is_some() { "+" } else { "" };
    format!("{}{plus}", page.items.len())
}

/// Not generic: one copy in the wasm for every list.
#[inline(never)]
fn more_button(show_more: Option<&Callback<MouseEvent>>, texts: &Texts, id: &'static str) -> Html {
    match show_more {
        Some(onclick) => html! {
            <button type="button" {id} class="show-more" onclick={onclick.clone()}>{ texts.load_more }</button>
        },
        None => html! {},
    }
}

/// The list of `resource` (searched by `q`) in `order`, page after page on demand.
#[hook]
pub fn use_paged_list<T: Decode + 'static>(
    resource: Resource,
    q: String,
    order: Order,
) -> Paged<T> {
    let pages = use_pages(resource, q, order);
    let last = use_mut_ref(|| None);
    let list = decoded_once(&last, pages.shown, decode_pages::<T>);
    Paged {
        list: Fetched::of(list, pages.error, pages.loading),
        show_more: pages.show_more,
    }
}

/// The items of every page shown, in order (a plain loop: iterator adapters here weighed ≈ 1.5 KB of wasm per
/// type).
fn decode_pages<T: Decode + 'static>(shown: &Shown) -> Decoded {
    let mut items = Vec::new();
    for text in &shown.texts {
        items.append(&mut api::decode::<Page<T>>(text)?.items);
    }
    Ok(Rc::new(Page {
        items,
        next_cursor: shown.next.clone(),
    }))
}

/// The texts of the pages shown, read together, and the cursor after the last.
#[derive(PartialEq)]
struct Shown {
    url: String,
    texts: Vec<Rc<str>>,
    next: Option<String>,
}

struct Pages {
    shown: Option<Rc<Shown>>,
    error: Option<ApiError>,
    loading: bool,
    show_more: Option<Callback<MouseEvent>>,
}

/// The untyped part of `use_paged_list`.
#[hook]
fn use_pages(resource: Resource, q: String, order: Order) -> Pages {
    let url = resource.list_in(&q, order);
    let shows = [ResourceKey::List(resource.name())];
    let store = use_resource_store();
    let generation = store.generation(&shows);
    let first = use_text(&shows, url.clone());
    let first_alone = use_memo((url.clone(), first.text.clone()), |(url, first)| {
        first.as_ref().map(|text| {
            Rc::new(Shown {
                url: url.clone(),
                next: next_cursor(text),
                texts: vec![text.clone()],
            })
        })
    });
    // How many pages past the first were asked for (for this search), and the pages read for them.
    let wanted = use_state(|| (url.clone(), 0usize));
    let wanted_now = if wanted.0 == url { wanted.1 } else { 0 };
    let more = use_state(|| None::<Rc<Shown>>);
    let fetching = use_state(|| false);
    let latest = use_memo((), |_| Latest::default());
    {
        let (more, fetching, store) = (more.clone(), fetching.clone(), store.clone());
        let deps = (
            url.clone(),
            first.text.clone(),
            first.loading,
            wanted_now,
            generation,
        );
        use_effect_with(deps, move |(url, first, loading, wanted, generation)| {
            let ticket = latest.begin();
            // Once the first page is read again, the pages after it are read again from it.
            if let (Some(first), false, true) = (first.clone(), *loading, *wanted > 0) {
                let (url, wanted, generation) = (url.clone(), *wanted, *generation);
                let guard = latest.clone();
                fetching.set(true);
                wasm_bindgen_futures::spawn_local(async move {
                    let read = read_pages(&store, url, first, wanted, generation).await;
                    if guard.is_current(ticket) {
                        more.set(Some(Rc::new(read)));
                        fetching.set(false);
                    }
                });
            }
            move || latest.cancel()
        });
    }
    // Until the pages past the first are read (again), the ones read before stay on screen.
    let shown = match &*more {
        Some(more) if wanted_now > 0 && more.url == url => Some(more.clone()),
        _ => (*first_alone).clone(),
    };
    let show_more = (shown.as_ref().is_some_and(|s| s.next.is_some()) && !*fetching).then(|| {
        let wanted = wanted.clone();
        Callback::from(move |_| wanted.set((url.clone(), wanted_now + 1)))
    });
    Pages {
        shown,
        error: first.error,
        loading: first.loading || *fetching,
        show_more,
    }
}

/// The first page and up to `wanted` pages after it, each from the cursor of the one before; stops early at the
/// end of the list or at a page that could not be read (which "Show more" asks for again).
async fn read_pages(
    store: &crate::store::ResourceStore,
    url: String,
    first: Rc<str>,
    wanted: usize,
    generation: u64,
) -> Shown {
    let mut next = next_cursor(&first);
    let mut texts = vec![first];
    while texts.len() <= wanted {
        let Some(cursor) = next.clone() else { break };
        let page_url = format!("{url}&cursor={}", api::encode(&cursor));
        match store.fetch(&page_url, generation).await {
            Ok(text) => {
                next = next_cursor(&text);
                texts.push(Rc::from(text));
            }
            Err(_) => break,
        }
    }
    Shown { url, texts, next }
}

fn next_cursor(text: &str) -> Option<String> {
    api::decode::<Page<Ignored>>(text)
        .ok()
        .and_then(|page| page.next_cursor)
}
