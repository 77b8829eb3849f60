//! The top navigation, with the live number of clients and the language switch.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::{
    hooks::use_clients,
    i18n::{EN, FR, Language, use_texts},
    routes::Route,
};

#[function_component]
pub fn Nav() -> Html {
    let texts = use_texts();
    let language = use_context::<Language>();
    // Same URL as the unfiltered Clients page: the two views share one request.
    let clients = use_clients(String::new());
    let count = clients
        .data
        .as_ref()
        .map(|page| page.items.len().to_string())
        .unwrap_or_default();
    let toggle = language.map(|language| {
        let next = if language.texts.lang == "fr" {
            &EN
        } else {
            &FR
        };
        Callback::from(move |_| language.set.emit(next))
    });
    html! {
        <nav class="nav">
            <span class="brand">{ texts.app_name }</span>
            <Link<Route> to={Route::Home}>{ texts.nav_home }</Link<Route>>
            <Link<Route> to={Route::Clients}>
                { texts.nav_clients }{" "}<span id="nav-client-count" class="badge">{ count }</span>
            </Link<Route>>
            <Link<Route> to={Route::Calendar}>{ texts.nav_calendar }</Link<Route>>
            <Link<Route> to={Route::Sessions}>{ texts.nav_sessions }</Link<Route>>
            <Link<Route> to={Route::Rooms}>{ texts.nav_rooms }</Link<Route>>
            <Link<Route> to={Route::Equipment}>{ texts.nav_equipment }</Link<Route>>
            <span class="spacer"></span>
            <button class="link" onclick={toggle}>{ texts.switch_language }</button>
        </nav>
    }
}
