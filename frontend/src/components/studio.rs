//! The studio's settings for every page: its name, currency and time zone. The zone's offsets come from the
//! browser's `Intl`, so the SPA carries no time-zone database. Pages render once the settings are here, and
//! render anew (remounted) when the studio moves to another zone.

use studio_wire::{Money, StudioSettings};
use yew::prelude::*;

use crate::{
    hooks::{Shared, use_settings},
    i18n::{Texts, use_texts},
    time,
};

/// The context every page reads the studio's settings from.
#[derive(Debug, Clone, PartialEq)]
pub struct Studio {
    pub settings: Shared<StudioSettings>,
}

impl Studio {
    /// An amount in the studio's currency, in the interface's language.
    pub fn money(&self, amount: Money, texts: &Texts) -> String {
        crate::format::money(amount, &self.settings.currency, texts.locale)
    }
}

#[hook]
pub fn use_studio() -> Studio {
    use_context::<Studio>().expect("StudioProvider is around every page")
}

#[derive(Properties, PartialEq)]
pub struct StudioProviderProps {
    pub children: Html,
}

#[function_component]
pub fn StudioProvider(props: &StudioProviderProps) -> Html {
    let texts = use_texts();
    let settings = use_settings();
    let zone = settings.data().map(|s| s.time_zone.clone());
    // Installed while rendering, before any child reads a local time.
    use_memo(zone, |zone| {
        if let Some(zone) = zone {
            time::install_zone(zone);
        }
    });
    crate::components::loaded(texts, &settings, |values| {
        let key = values.time_zone.clone();
        let studio = Studio { settings: values };
        html! {
            <ContextProvider<Studio> context={studio}>
                <div class="studio" {key}>{ props.children.clone() }</div>
            </ContextProvider<Studio>>
        }
    })
}
