//! The studio's settings: identity, billing, hours and time zone (version-checked like every entity).

use yew::prelude::*;

use crate::{
    api::{Method, urls},
    components::{
        forms::{SettingsForm, SettingsFormValues, use_submit},
        loaded,
    },
    hooks::use_settings,
    i18n::use_texts,
};

#[function_component]
pub fn SettingsPage() -> Html {
    let texts = use_texts();
    let fetched = use_settings();
    // The page's, not the form's: the form is made again for each version of the settings, and "Saved" is said
    // after the save has brought the next one.
    let submit = use_submit();
    html! {
        <section class="settings">
            <header class="page-header"><h1>{ texts.settings_title }</h1></header>
            { submit.notice() }
            { loaded(texts, &fetched, |settings| {
                let on_save = {
                    let (submit, settings) = (submit.clone(), settings.clone());
                    Callback::from(move |values: SettingsFormValues| {
                        let said = submit.clone();
                        submit.send(
                            Method::Put,
                            urls::SETTINGS.to_owned(),
                            values.to_patch(&settings),
                            move |_| said.say(texts.saved),
                        );
                    })
                };
                html! {
                    <SettingsForm key={settings.version} initial={SettingsFormValues::of(&settings, texts.locale)}
                        submit_label={texts.save} busy={*submit.busy} error={(*submit.error).clone()} on_submit={on_save} />
                }
            }) }
        </section>
    }
}
