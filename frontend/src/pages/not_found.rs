//! The page for an address that names nothing, with the way home. (A function, not a component: it keeps
//! nothing, and a component costs the wasm ≈ 0.5 KB gzip of Yew's machinery.)

use yew::prelude::*;

use crate::{
    i18n::Texts,
    routes::{Route, link},
};

pub fn not_found(texts: &Texts) -> Html {
    html! {
        <section>
            <h1>{ texts.not_found }</h1>
            <p>{ link(Route::Home, texts.nav_home) }</p>
        </section>
    }
}
