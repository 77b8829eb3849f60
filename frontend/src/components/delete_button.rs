//! Delete with a confirmation: the one delete control of every page.

use yew::prelude::*;

use super::ActionButton;
use crate::{api::Method, i18n::Texts};

/// The delete button of the entity at `url` (with the version the page showed: `urls::X.delete(id, version)`),
/// asking `question` first ("Supprimer cette salle ?"); `on_deleted` runs once the delete went through (its invalidations applied). A function, not a component: it
/// has no state of its own (`ActionButton` has), and each component weighs ≈ 1 KB of wasm.
pub fn delete_button(
    texts: &Texts,
    question: &'static str,
    url: String,
    on_deleted: Option<Callback<()>>,
) -> Html {
    html! {
        <ActionButton label={texts.delete} confirm={question} confirm_label={texts.yes_delete}
            class="delete" method={Method::Delete} {url} on_done={on_deleted} />
    }
}
