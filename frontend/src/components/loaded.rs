//! The one way a page shows fetched data: a loading line, the error in the interface's language, or the data.

use yew::prelude::*;

use crate::{
    hooks::Fetched,
    i18n::{Texts, error_message},
};

/// Renders `fetched`: its data with `render` once here (kept on screen while it re-fetches), else the error,
/// else "loading".
pub fn loaded<T>(texts: &Texts, fetched: &Fetched<T>, render: impl FnOnce(&T) -> Html) -> Html {
    match (&fetched.data, &fetched.error) {
        (Some(data), _) => render(data),
        (None, Some(e)) => html! { <p class="error">{ error_message(texts, e) }</p> },
        (None, None) => html! { <p class="loading">{ texts.loading }</p> },
    }
}
