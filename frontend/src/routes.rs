//! The SPA's routes.

use std::collections::HashMap;

use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::i18n::Texts;
use crate::pages::{
    ActivityPage, CalendarPage, ClientDetailPage, ClientsPage, EquipmentDetailPage, EquipmentPage,
    HomePage, InvoiceDetailPage, InvoicesPage, ProjectDetailPage, ProjectsPage, QuoteDetailPage,
    QuotesPage, RoomDetailPage, RoomsPage, SessionDetailPage, SessionsPage, SettingsPage,
    not_found,
};

/// The pages: a collection (`/clients`) or one of its entities (`/clients/:id`); anything else is `NotFound`.
#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    Home,
    Clients,
    Client { id: String },
    Calendar,
    Sessions,
    Session { id: String },
    Rooms,
    Room { id: String },
    Equipment,
    EquipmentItem { id: String },
    Projects,
    Project { id: String },
    Quotes,
    Quote { id: String },
    Invoices,
    Invoice { id: String },
    Settings,
    Activity,
    NotFound,
}

/// Paths to routes and back, written out: `#[derive(Routable)]` builds a route-recognising automaton at run time,
/// which cost the wasm 13 KB (measured 2026-11-27) for these 19 paths of at most two segments. Ids are the API's
/// (ULIDs): a path segment is one as it stands.
impl Routable for Route {
    fn recognize(pathname: &str) -> Option<Self> {
        let mut segments = pathname.split('/').filter(|s| !s.is_empty());
        let (first, id) = (
            segments.next().unwrap_or(""),
            segments.next().map(str::to_owned),
        );
        if segments.next().is_some() {
            return Some(Route::NotFound);
        }
        Some(match (first, id) {
            ("", None) => Route::Home,
            ("clients", None) => Route::Clients,
            ("clients", Some(id)) => Route::Client { id },
            ("calendar", None) => Route::Calendar,
            ("sessions", None) => Route::Sessions,
            ("sessions", Some(id)) => Route::Session { id },
            ("rooms", None) => Route::Rooms,
            ("rooms", Some(id)) => Route::Room { id },
            ("equipment", None) => Route::Equipment,
            ("equipment", Some(id)) => Route::EquipmentItem { id },
            ("projects", None) => Route::Projects,
            ("projects", Some(id)) => Route::Project { id },
            ("quotes", None) => Route::Quotes,
            ("quotes", Some(id)) => Route::Quote { id },
            ("invoices", None) => Route::Invoices,
            ("invoices", Some(id)) => Route::Invoice { id },
            ("settings", None) => Route::Settings,
            ("activity", None) => Route::Activity,
            _ => Route::NotFound,
        })
    }

    fn to_path(&self) -> String {
        let (collection, id) = match self {
            Route::Home => ("", None),
            Route::Clients => ("clients", None),
            Route::Client { id } => ("clients", Some(id)),
            Route::Calendar => ("calendar", None),
            Route::Sessions => ("sessions", None),
            Route::Session { id } => ("sessions", Some(id)),
            Route::Rooms => ("rooms", None),
            Route::Room { id } => ("rooms", Some(id)),
            Route::Equipment => ("equipment", None),
            Route::EquipmentItem { id } => ("equipment", Some(id)),
            Route::Projects => ("projects", None),
            Route::Project { id } => ("projects", Some(id)),
            Route::Quotes => ("quotes", None),
            Route::Quote { id } => ("quotes", Some(id)),
            Route::Invoices => ("invoices", None),
            Route::Invoice { id } => ("invoices", Some(id)),
            Route::Settings => ("settings", None),
            Route::Activity => ("activity", None),
            Route::NotFound => ("404", None),
        };
        match id {
            Some(id) => format!("/{collection}/{id}"),
            None => format!("/{collection}"),
        }
    }

    /// A pattern of `routes()` with its `:id` captured in `params`.
    fn from_path(pattern: &str, params: &HashMap<&str, &str>) -> Option<Self> {
        match params.get("id") {
            Some(id) => Self::recognize(&pattern.replace(":id", id)),
            None => Self::recognize(pattern),
        }
    }

    fn routes() -> Vec<&'static str> {
        vec![
            "/",
            "/clients",
            "/clients/:id",
            "/calendar",
            "/sessions",
            "/sessions/:id",
            "/rooms",
            "/rooms/:id",
            "/equipment",
            "/equipment/:id",
            "/projects",
            "/projects/:id",
            "/quotes",
            "/quotes/:id",
            "/invoices",
            "/invoices/:id",
            "/settings",
            "/activity",
            "/404",
        ]
    }

    fn not_found_route() -> Option<Self> {
        Some(Route::NotFound)
    }
}

/// The page of `route` (the one that names nothing is a few words: `texts` gives them).
pub fn switch(route: Route, texts: &'static Texts) -> Html {
    match route {
        Route::Home => html! { <HomePage /> },
        Route::Clients => html! { <ClientsPage /> },
        Route::Client { id } => html! { <ClientDetailPage {id} /> },
        Route::Calendar => html! { <CalendarPage /> },
        Route::Sessions => html! { <SessionsPage /> },
        Route::Session { id } => html! { <SessionDetailPage {id} /> },
        Route::Rooms => html! { <RoomsPage /> },
        Route::Room { id } => html! { <RoomDetailPage {id} /> },
        Route::Equipment => html! { <EquipmentPage /> },
        Route::EquipmentItem { id } => html! { <EquipmentDetailPage {id} /> },
        Route::Projects => html! { <ProjectsPage /> },
        Route::Project { id } => html! { <ProjectDetailPage {id} /> },
        Route::Quotes => html! { <QuotesPage /> },
        Route::Quote { id } => html! { <QuoteDetailPage {id} /> },
        Route::Invoices => html! { <InvoicesPage /> },
        Route::Invoice { id } => html! { <InvoiceDetailPage {id} /> },
        Route::Settings => html! { <SettingsPage /> },
        Route::Activity => html! { <ActivityPage /> },
        Route::NotFound => not_found(texts),
    }
}

impl Route {
    /// The page showing the entity an invalidation names (`{resource, id}`), if it has one.
    pub fn showing(invalidation: &studio_wire::Invalidation) -> Option<Route> {
        let id = invalidation.id.clone()?;
        Some(match invalidation.resource.as_str() {
            "clients" => Route::Client { id },
            "sessions" => Route::Session { id },
            "rooms" => Route::Room { id },
            "equipment" => Route::EquipmentItem { id },
            "projects" => Route::Project { id },
            "invoices" => Route::Invoice { id },
            "quotes" => Route::Quote { id },
            _ => return None,
        })
    }
}

/// A link to `to` reading `text`: a plain `<a href>`, whose click the shell routes (`use_follow_links`).
#[inline(never)]
pub fn link(to: Route, text: &str) -> Html {
    html! { <a href={to.to_path()}>{ text.to_owned() }</a> }
}

/// The shell's `onclick`: a plain click on a link into the app opens its page without a reload — what
/// yew-router's `Link` does, done once for the whole page rather than by a component in every link (measured
/// 2026-11-27: −2 KB of gzipped wasm). A click with a modifier (a new tab, a new window), on a link to
/// elsewhere or with a `target` or `download` is left to the browser.
#[hook]
pub fn use_follow_links() -> Callback<MouseEvent> {
    let navigator = use_navigator();
    Callback::from(move |e: MouseEvent| {
        if e.default_prevented()
            || e.button() != 0
            || e.ctrl_key()
            || e.meta_key()
            || e.shift_key()
            || e.alt_key()
        {
            return;
        }
        let anchor = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href^='/']:not([href^='//'])").ok().flatten());
        let Some(anchor) = anchor else { return };
        if anchor.has_attribute("target") || anchor.has_attribute("download") {
            return;
        }
        let route = anchor
            .get_attribute("href")
            .and_then(|href| Route::recognize(&href));
        if let (Some(route), Some(navigator)) = (route, &navigator) {
            e.prevent_default();
            navigator.push(&route);
        }
    })
}

/// What a create form does once its entity is made: it closes (`creating` unset) and the new entity's page
/// (`page` of its id) opens.
pub fn close_and_open(
    creating: UseStateHandle<bool>,
    navigator: Option<Navigator>,
    page: fn(String) -> Route,
) -> impl FnOnce(Option<String>) + 'static {
    move |made| {
        creating.set(false);
        if let (Some(id), Some(navigator)) = (made, navigator) {
            navigator.push(&page(id));
        }
    }
}

/// A callback that opens `route` (e.g. after a delete).
#[hook]
pub fn use_go_to(route: Route) -> Callback<()> {
    let navigator = use_navigator();
    Callback::from(move |()| {
        if let Some(navigator) = &navigator {
            navigator.push(&route);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_read_back_from_its_path_and_its_pattern() {
        let mut seen = Vec::new();
        for pattern in Route::routes() {
            let route = Route::from_path(
                pattern,
                &HashMap::from([("id", "01KAZ0000000000000000000AB")]),
            )
            .expect("a route");
            assert!(!seen.contains(&route), "{pattern} is another's route");
            seen.push(route.clone());
            let path = route.to_path();
            assert_eq!(path, pattern.replace(":id", "01KAZ0000000000000000000AB"));
            assert_eq!(Route::recognize(&path), Some(route.clone()), "{path}");
            assert_eq!(
                Route::recognize(&format!("{path}/")),
                Some(route),
                "{path}/"
            );
        }
    }

    #[test]
    fn unknown_paths_are_not_found() {
        for path in [
            "/nope",
            "/clients/a/b",
            "/calendar/x",
            "/404",
            "/settings/1",
        ] {
            assert_eq!(Route::recognize(path), Some(Route::NotFound), "{path}");
        }
        assert_eq!(Route::recognize("/"), Some(Route::Home));
        assert_eq!(Route::recognize(""), Some(Route::Home));
    }
}
