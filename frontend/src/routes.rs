//! The SPA's routes.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::pages::{ClientDetailPage, ClientsPage, HomePage, NotFoundPage};

#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/clients")]
    Clients,
    #[at("/clients/:id")]
    Client { id: String },
    #[not_found]
    #[at("/404")]
    NotFound,
}

pub fn switch(route: Route) -> Html {
    match route {
        Route::Home => html! { <HomePage /> },
        Route::Clients => html! { <ClientsPage /> },
        Route::Client { id } => html! { <ClientDetailPage {id} /> },
        Route::NotFound => html! { <NotFoundPage /> },
    }
}
