//! The page for an address that names nothing.

use yew::prelude::*;

use crate::i18n::use_texts;

#[function_component]
pub fn NotFoundPage() -> Html {
    let texts = use_texts();
    html! { <section><h1>{ texts.not_found }</h1></section> }
}
