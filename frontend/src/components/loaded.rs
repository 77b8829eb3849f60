//! The one way a page shows fetched data (a loading line, the error in the interface's language, or the data),
//! and the header row of its tables.

use yew::prelude::*;

use crate::{
    api::ApiError,
    hooks::{Fetched, Shared},
    i18n::{Texts, error_message},
};

/// Renders `fetched`: its data with `render` once here (kept on screen while it re-fetches; shared, not copied,
/// so it can go on to a component's props), else the error, else "loading".
pub fn loaded<T: 'static>(
    texts: &Texts,
    fetched: &Fetched<T>,
    render: impl FnOnce(Shared<T>) -> Html,
) -> Html {
    match fetched.shared() {
        Some(data) => render(data),
        None => waiting(texts, fetched.error.as_ref()),
    }
}

/// The error or "loading" (not generic: `loaded` is instantiated once per call site, this once).
#[inline(never)]
fn waiting(texts: &Texts, error: Option<&ApiError>) -> Html {
    match error {
        Some(e) => html! { <p class="error">{ error_message(texts, e) }</p> },
        None => html! { <p class="loading">{ texts.loading }</p> },
    }
}

/// A table's header row: each column's title and class ("money" aligns an amount's column). One function
/// rather than the same `<th>`s written out in every table: each element written out costs the wasm ≈ 100 B.
pub fn head(columns: &[(&'static str, &'static str)]) -> Html {
    html! {
        <thead><tr>
            { for columns.iter().map(|&(title, class)| html! { <th CLASS={(!class.is_empty()).then_some(class)}>{ title }</th> }) }
        </tr></thead>
    }
}
