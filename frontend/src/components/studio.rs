//! The studio's settings for every page: its name, currency and time zone. The zone's rules come from the API
//! as TZif (`/api/tz/<zone>`), so the SPA carries no time-zone database. Pages render once both are here, and
//! render anew (remounted) when the studio moves to another zone.

use std::rc::Rc;

use jiff::tz::TimeZone;
use studio_wire::{Money, StudioSettings};
use yew::prelude::*;

use crate::{
    api::{self, ApiError, urls},
    hooks::use_settings,
    i18n::{Texts, error_message, use_texts},
    time,
};

/// The context every page reads the studio's settings from.
#[derive(Debug, Clone, PartialEq)]
pub struct Studio {
    pub settings: Rc<StudioSettings>,
}

impl Studio {
    /// An amount in the studio's currency, in the interface's language.
    pub fn money(&self, amount: Money, texts: &Texts) -> String {
        amount.display(&self.settings.currency, texts.locale)
    }
}

#[hook]
pub fn use_studio() -> Studio {
    use_context::<Studio>().unwrap_or_else(|| Studio {
        settings: Rc::new(StudioSettings::default()),
    })
}

async fn zone_rules(name: &str) -> Result<TimeZone, ApiError> {
    let bytes = api::get_bytes(&urls::zone_rules(name)).await?;
    TimeZone::tzif(name, &bytes).map_err(|e| ApiError::Decode(e.to_string()))
}

#[derive(Properties, PartialEq)]
pub struct StudioProviderProps {
    pub children: Html,
}

#[function_component]
pub fn StudioProvider(props: &StudioProviderProps) -> Html {
    let texts = use_texts();
    let settings = use_settings();
    // The zone whose rules `time` uses now.
    let installed = use_state(|| None::<String>);
    let failed = use_state(|| None::<ApiError>);
    {
        let (installed, failed) = (installed.clone(), failed.clone());
        let wanted = settings.data.as_ref().map(|s| s.time_zone.clone());
        use_effect_with(wanted, move |wanted| {
            if let Some(name) = wanted.clone()
                && installed.as_deref() != Some(name.as_str())
            {
                wasm_bindgen_futures::spawn_local(async move {
                    match zone_rules(&name).await {
                        Ok(zone) => {
                            time::set_zone(zone);
                            installed.set(Some(name));
                        }
                        Err(e) => failed.set(Some(e)),
                    }
                });
            }
        });
    }
    let error = settings.error.as_ref().or(failed.as_ref());
    match (&settings.data, installed.as_deref(), error) {
        (Some(values), Some(zone), _) if values.time_zone == zone => {
            let studio = Studio {
                settings: Rc::new(values.clone()),
            };
            html! {
                <ContextProvider<Studio> context={studio}>
                    <div class="studio" key={zone.to_owned()}>{ props.children.clone() }</div>
                </ContextProvider<Studio>>
            }
        }
        (_, _, Some(error)) => html! { <p class="error page">{ error_message(texts, error) }</p> },
        _ => html! { <p class="page">{ texts.loading }</p> },
    }
}
