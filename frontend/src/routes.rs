//! The SPA's routes.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::pages::{
    ActivityPage, CalendarPage, ClientDetailPage, ClientsPage, EquipmentDetailPage, EquipmentPage,
    HomePage, InvoiceDetailPage, InvoicesPage, NotFoundPage, ProjectDetailPage, ProjectsPage,
    QuotesPage, RoomDetailPage, RoomsPage, SessionDetailPage, SessionsPage, SettingsPage,
};

#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/clients")]
    Clients,
    #[at("/clients/:id")]
    Client { id: String },
    #[at("/calendar")]
    Calendar,
    #[at("/sessions")]
    Sessions,
    #[at("/sessions/:id")]
    Session { id: String },
    #[at("/rooms")]
    Rooms,
    #[at("/rooms/:id")]
    Room { id: String },
    #[at("/equipment")]
    Equipment,
    #[at("/equipment/:id")]
    EquipmentItem { id: String },
    #[at("/projects")]
    Projects,
    #[at("/projects/:id")]
    Project { id: String },
    #[at("/quotes")]
    Quotes,
    #[at("/invoices")]
    Invoices,
    #[at("/invoices/:id")]
    Invoice { id: String },
    #[at("/settings")]
    Settings,
    #[at("/activity")]
    Activity,
    #[not_found]
    #[at("/404")]
    NotFound,
}

pub fn switch(route: Route) -> Html {
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
        Route::Invoices => html! { <InvoicesPage /> },
        Route::Invoice { id } => html! { <InvoiceDetailPage {id} /> },
        Route::Settings => html! { <SettingsPage /> },
        Route::Activity => html! { <ActivityPage /> },
        Route::NotFound => html! { <NotFoundPage /> },
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
            _ => return None,
        })
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
