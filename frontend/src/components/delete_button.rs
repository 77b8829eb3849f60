//! Delete with a confirmation: the one delete control of every page.

use yew::prelude::*;

use super::forms::use_submit;
use crate::i18n::{error_message, use_texts};

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
    let submit = use_submit();
    let confirming = use_state(|| false);
    let on_confirm = {
        let (submit, url, done) = (submit.clone(), props.url.clone(), props.on_deleted.clone());
        Callback::from(move |_: MouseEvent| {
            let done = done.clone();
            submit.delete(url.clone(), move || {
                if let Some(done) = done {
                    done.emit(());
                }
            });
        })
    };
    html! {
        <span class="delete-control">
            if *confirming {
                <span>{ texts.confirm_delete }{" "}</span>
                <button type="button" class="danger" onclick={on_confirm}>{ texts.yes_delete }</button>
                <button type="button" onclick={{ let c = confirming.clone(); move |_| c.set(false) }}>{ texts.cancel }</button>
            } else {
                <button type="button" class="delete" onclick={{ let c = confirming.clone(); move |_| c.set(true) }}>{ texts.delete }</button>
            }
            if let Some(e) = &*submit.error {
                <span class="error">{ error_message(texts, e) }</span>
            }
        </span>
    }
}
