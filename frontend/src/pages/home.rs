//! The landing page and the not-found page.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::{i18n::use_texts, routes::Route};

#[function_component]
pub fn HomePage() -> Html {
    let texts = use_texts();
    html! {
        <section>
            <h1>{ texts.home_title }</h1>
            <p>{ texts.home_intro }</p>
            <Link<Route> to={Route::Clients}>{ texts.nav_clients }</Link<Route>>
        </section>
    }
}

#[function_component]
pub fn NotFoundPage() -> Html {
    let texts = use_texts();
    html! { <section><h1>{ texts.not_found }</h1></section> }
}
