//! Delete with a confirmation: the one delete control of every page.

use yew::prelude::*;

use super::ActionButton;
use crate::{api::Method, i18n::use_texts};

#[derive(Properties, PartialEq)]
pub struct DeleteButtonProps {
    /// The entity's URL with the version the page showed (`urls::X.delete(id, version)`).
    pub url: String,
    /// After the delete went through (its invalidations applied).
    #[prop_or_default]
    pub on_deleted: Option<Callback<()>>,
}

#[function_component]
pub fn DeleteButton(props: &DeleteButtonProps) -> Html {
    let texts = use_texts();
    html! {
        <ActionButton label={texts.delete} confirm={texts.confirm_delete} confirm_label={texts.yes_delete}
            class="delete" method={Method::Delete} url={props.url.clone()} on_done={props.on_deleted.clone()} />
    }
}
