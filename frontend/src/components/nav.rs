//! The top navigation, with the live number of clients and the language switch; the link of the section on
//! screen is marked as the current page (`aria-current`) and names the tab.

use yew::prelude::*;
use yew_router::prelude::*;

use super::{Identity, use_studio};
use crate::{
    hooks::{shown_count, use_clients},
    i18n::{EN, FR, Language, Texts, use_texts},
    routes::Route,
};

#[function_component]
pub fn Nav() -> Html {
    let texts = use_texts();
    let studio = use_studio();
    let language = use_context::<Language>();
    let identity = use_context::<Identity>();
    // Same URL as the unfiltered Clients page: the two views share one request.
    let clients = use_clients(String::new());
    let count = clients.data().map(shown_count).unwrap_or_default();
    let path = use_location()
        .map(|l| l.path().to_owned())
        .unwrap_or_default();
    let is_here = |to: &Route| {
        let href = to.to_path();
        if href == "/" {
            path == "/"
        } else {
            path == href || path.starts_with(&format!("{href}/"))
        }
    };
    let item = |to: Route, text: Html| {
        let here = is_here(&to);
        html! { <a href={to.to_path()} aria-current={here.then_some("page")}>{ text }</a> }
    };
    let sections = [
        (Route::Calendar, texts.nav_calendar),
        (Route::Sessions, texts.nav_sessions),
        (Route::Rooms, texts.nav_rooms),
        (Route::Equipment, texts.nav_equipment),
        (Route::Projects, texts.billing.nav_projects),
        (Route::Quotes, texts.billing.nav_quotes),
        (Route::Invoices, texts.billing.nav_invoices),
        (Route::Activity, texts.history.nav_activity),
        (Route::Settings, texts.nav_settings),
    ];
    // The tab's title names the section on screen, then the studio (several tabs, the history, a screen reader).
    let section = [
        (Route::Home, texts.nav_home),
        (Route::Clients, texts.nav_clients),
    ]
    .iter()
    .chain(&sections)
    .find(|(to, _)| is_here(to))
    .map(|(_, name)| *name);
    let title = match section {
        Some(section) => format!("{section} — {}", studio.settings.display_name),
        None => studio.settings.display_name.clone(),
    };
    // On a phone the sections are one row that scrolls sideways: it is scrolled to centre the current one —
    // again once the clients' count, which widens the row, is known. (One effect with the title's: each effect
    // weighs ≈ 0.1 KB of gzipped wasm, and both are idempotent.)
    let links = use_node_ref();
    {
        let links = links.clone();
        use_effect_with((title, path.clone(), count.clone()), move |(title, ..)| {
            if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                document.set_title(title);
            }
            let row = links.cast::<web_sys::Element>();
            let current = row
                .as_ref()
                .and_then(|row| row.query_selector("a[aria-current=page]").ok().flatten());
            if let (Some(row), Some(current)) = (row, current) {
                let offset = |element: &web_sys::Element, name: &str| {
                    js_sys::Reflect::get(element, &name.into())
                        .ok()
                        .and_then(|v| v.as_f64())
                        .unwrap_or_default()
                };
                let left = offset(&current, "offsetLeft") - offset(&row, "offsetLeft");
                let slack = f64::from(row.client_width()) - offset(&current, "offsetWidth");
                row.set_scroll_left((left - slack / 2.0) as i32);
            }
        });
    }
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
            <span class="brand">{ studio.settings.display_name.clone() }</span>
            <div class="nav-links" ref={links}>
                { item(Route::Home, html! { texts.nav_home }) }
                { item(Route::Clients, html! { <>{ texts.nav_clients }{" "}<span id="nav-client-count" class="badge">{ count }</span></> }) }
                { for sections.into_iter().map(|(to, text)| item(to, html! { text })) }
            </div>
            <span class="spacer"></span>
            { identity_controls(texts, identity) }
            <button class="link" onclick={toggle}>{ texts.switch_language }</button>
        </nav>
    }
}

/// The studio switch (local demo studios) or the sign-out button (production).
fn identity_controls(texts: &Texts, identity: Option<Identity>) -> Html {
    let Some(identity) = identity else {
        return html! {};
    };
    let switch = identity.switch_studio.clone();
    let studios = if identity.studios.len() > 1 {
        html! {
            <select id="studio-switch" title={texts.studio} aria-label={texts.studio} onchange={Callback::from(move |e: Event| {
                switch.emit(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value())
            })}>
                { for identity.studios.iter().map(|s| html! { <option value={s.clone()} selected={*s == identity.label}>{ s }</option> }) }
            </select>
        }
    } else {
        html! {}
    };
    let sign_out = identity.sign_out.clone().map(|cb| {
        html! {
            <button class="link" onclick={move |_| cb.emit(())}>{ texts.sign_out }</button>
        }
    });
    html! { <>{ studios }{ sign_out }</> }
}
