//! The app shell: language, resource store, router, navigation and the assistant panel.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::{
    components::{AssistantPanel, AuthGate, Nav, StudioProvider},
    i18n::{self, Language, Texts},
    routes::{Route, switch, use_follow_links},
    store::ResourceStoreProvider,
};

const LANGUAGE_KEY: &str = "studio-language";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// `?lang=fr|en` (a link into the app in a given language), else the language chosen last time, else the
/// browser's.
fn initial_language() -> &'static Texts {
    let window = web_sys::window();
    let asked = window
        .as_ref()
        .and_then(|w| w.location().search().ok())
        .and_then(|search| {
            search
                .trim_start_matches('?')
                .split('&')
                .find_map(|p| p.strip_prefix("lang=").map(str::to_owned))
        });
    let saved = || local_storage().and_then(|s| s.get_item(LANGUAGE_KEY).ok().flatten());
    let browser = || window.as_ref().and_then(|w| w.navigator().language());
    let tag = asked.or_else(saved).or_else(browser).unwrap_or_default();
    i18n::for_language(&tag)
}

#[function_component]
pub fn App() -> Html {
    let texts = use_state(initial_language);
    crate::api::set_language(texts.locale);
    let language = Language {
        texts: *texts,
        set: {
            let texts = texts.clone();
            Callback::from(move |next: &'static Texts| {
                if let Some(storage) = local_storage() {
                    let _ = storage.set_item(LANGUAGE_KEY, next.lang);
                }
                texts.set(next)
            })
        },
    };
    let language_texts = *texts;
    html! {
        <ContextProvider<Language> context={language}>
            <AuthGate>
                <ResourceStoreProvider>
                    <StudioProvider>
                        <BrowserRouter>
                            <Shell texts={language_texts} />
                        </BrowserRouter>
                    </StudioProvider>
                </ResourceStoreProvider>
            </AuthGate>
        </ContextProvider<Language>>
    }
}

#[derive(Properties)]
struct ShellProps {
    texts: &'static Texts,
}

// The catalogues are two constants: the same language is the same address (a derived `PartialEq` would compare
// every sentence, 2 KB of wasm).
impl PartialEq for ShellProps {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.texts, other.texts)
    }
}

/// What is inside the router: the navigation, the page, the assistant — and the routing of their links' clicks.
#[function_component]
fn Shell(props: &ShellProps) -> Html {
    let texts = props.texts;
    let onclick = use_follow_links();
    // The page of the current route (what yew-router's `Switch` does, without a component of its own).
    let page = use_route::<Route>().map(|route| switch(route, texts));
    html! {
        <div class="shell" {onclick}>
            <Nav />
            <main class="page">{ page }</main>
            <AssistantPanel />
        </div>
    }
}
