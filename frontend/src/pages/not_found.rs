//! The page for an address that names nothing, with the way home.

use yew::prelude::*;

use crate::{
    i18n::use_texts,
    routes::{Route, link},
};

#[function_component]
pub fn NotFoundPage() -> Html {
    let texts = use_texts();
    html! {
        <section>
            <h1>{ texts.not_found }</h1>
            <p>{ link(Route::Home, texts.nav_home) }</p>
        </section>
    }
}
