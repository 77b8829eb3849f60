//! The app shell: language, resource store, router, navigation and the assistant panel.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::{
    components::{AssistantPanel, AuthGate, Nav, StudioProvider},
    i18n::{self, Language, Texts},
    routes::{Route, switch},
    store::ResourceStoreProvider,
};

fn browser_language() -> &'static Texts {
    let tag = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    i18n::for_language(&tag)
}

#[function_component]
pub fn App() -> Html {
    let texts = use_state(browser_language);
    crate::api::set_language(texts.locale);
    let language = Language {
        texts: *texts,
        set: {
            let texts = texts.clone();
            Callback::from(move |next: &'static Texts| texts.set(next))
        },
    };
    html! {
        <ContextProvider<Language> context={language}>
            <AuthGate>
                <ResourceStoreProvider>
                    <StudioProvider>
                        <BrowserRouter>
                            <Nav />
                            <main class="page">
                                <Switch<Route> render={switch} />
                            </main>
                            <AssistantPanel />
                        </BrowserRouter>
                    </StudioProvider>
                </ResourceStoreProvider>
            </AuthGate>
        </ContextProvider<Language>>
    }
}
