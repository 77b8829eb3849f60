//! The studio's settings: identity, billing, hours and time zone (version-checked like every entity).

use studio_wire::StudioSettings;
use yew::prelude::*;

use crate::{
    api::{Method, urls},
    components::{
        forms::{SettingsForm, SettingsFormValues, use_submit},
        loaded,
    },
    hooks::{Shared, use_settings},
    i18n::use_texts,
};

#[function_component]
pub fn SettingsPage() -> Html {
    let texts = use_texts();
    let fetched = use_settings();
    html! {
        <section class="settings">
            <header class="page-header"><h1>{ texts.settings_title }</h1></header>
            { loaded(texts, &fetched, |settings| html! { <SettingsEditor key={settings.version} settings={settings.clone()} /> }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SettingsEditorProps {
    settings: Shared<StudioSettings>,
}

#[function_component]
fn SettingsEditor(props: &SettingsEditorProps) -> Html {
    let texts = use_texts();
    let submit = use_submit();
    let on_save = {
        let (submit, settings) = (submit.clone(), props.settings.clone());
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
        <>
            { submit.notice() }
            <SettingsForm initial={SettingsFormValues::of(&props.settings, texts.locale)} submit_label={texts.save}
                busy={*submit.busy} error={(*submit.error).clone()} on_submit={on_save} />
        </>
    }
}
