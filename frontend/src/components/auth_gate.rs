//! Signs the user in before the app shows anything: reads `/config.json`, then either takes the dev identity
//! (local stack) or runs the Cognito hosted-UI flow (authorization code + PKCE) and keeps the tokens fresh.

use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::{
    auth::{self, AuthConfig, Credentials, RuntimeConfig, Tokens},
    i18n::use_texts,
};

/// What the navigation needs to show who is signed in and offer a switch or a sign-out.
#[derive(Clone, PartialEq)]
pub struct Identity {
    pub label: String,
    /// Local demo studios to switch between (empty in production).
    pub studios: Vec<String>,
    pub switch_studio: Callback<String>,
    pub sign_out: Option<Callback<()>>,
}

#[derive(Clone, PartialEq)]
enum Phase {
    Loading,
    SignIn(AuthConfig),
    Ready(Identity),
    Failed(String),
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn random_token() -> String {
    let mut bytes = [0u8; 32];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    auth::base64url(&bytes)
}

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

fn query_param(name: &str) -> Option<String> {
    let search = location()?.search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

async fn token_request(domain: &str, body: String) -> Result<Tokens, String> {
    let response = Request::post(&format!("https://{domain}/oauth2/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .map_err(|e| e.to_string())?
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if !response.ok() {
        return Err(format!("sign-in failed ({})", response.status()));
    }
    let text = response.text().await.map_err(|e| e.to_string())?;
    crate::api::json::from_str::<Tokens>(&text)
}

/// Renews the tokens a minute before they expire, for as long as the page lives.
fn keep_fresh(domain: String, client_id: String, tokens: Tokens) {
    let Some(refresh) = tokens.refresh_token.clone() else {
        return;
    };
    let delay = tokens.expires_in.saturating_sub(60).max(30) as u32 * 1000;
    Timeout::new(delay, move || {
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(mut fresh) =
                token_request(&domain, auth::refresh_body(&client_id, &refresh)).await
            {
                auth::set_credentials(Credentials::Bearer(fresh.id_token.clone()));
                fresh.refresh_token.get_or_insert(refresh);
                keep_fresh(domain, client_id, fresh);
            }
        });
    })
    .forget();
}

async fn start() -> Phase {
    let config = match Request::get("/config.json").send().await {
        Ok(response) if response.ok() => response
            .text()
            .await
            .ok()
            .and_then(|text| crate::api::json::from_str::<RuntimeConfig>(&text).ok()),
        _ => None,
    };
    let auth = config.map(|c| c.auth).unwrap_or(AuthConfig::Dev {
        studios: vec!["demo".into()],
    });
    match auth {
        AuthConfig::Dev { studios } => {
            let saved = session_storage().and_then(|s| s.get_item("studio").ok().flatten());
            let current = saved
                .filter(|s| studios.contains(s))
                .or_else(|| studios.first().cloned())
                .unwrap_or_default();
            auth::set_credentials(Credentials::DevStudio(current.clone()));
            let switch_studio = Callback::from(|studio: String| {
                if let Some(storage) = session_storage() {
                    let _ = storage.set_item("studio", &studio);
                }
                // Everything on screen belonged to the other studio: start afresh.
                if let Some(location) = location() {
                    let _ = location.reload();
                }
            });
            Phase::Ready(Identity {
                label: current,
                studios,
                switch_studio,
                sign_out: None,
            })
        }
        AuthConfig::Cognito {
            domain,
            client_id,
            redirect_uri,
        } => {
            let storage = session_storage();
            let expected_state = storage
                .as_ref()
                .and_then(|s| s.get_item("pkce_state").ok().flatten());
            let verifier = storage
                .as_ref()
                .and_then(|s| s.get_item("pkce_verifier").ok().flatten());
            let (Some(code), Some(verifier)) = (query_param("code"), verifier) else {
                return Phase::SignIn(AuthConfig::Cognito {
                    domain,
                    client_id,
                    redirect_uri,
                });
            };
            if query_param("state") != expected_state {
                return Phase::SignIn(AuthConfig::Cognito {
                    domain,
                    client_id,
                    redirect_uri,
                });
            }
            match token_request(
                &domain,
                auth::code_exchange_body(&client_id, &redirect_uri, &code, &verifier),
            )
            .await
            {
                Ok(tokens) => {
                    if let Some(s) = &storage {
                        let _ = s.remove_item("pkce_verifier");
                        let _ = s.remove_item("pkce_state");
                    }
                    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                        let _ = history.replace_state_with_url(
                            &wasm_bindgen::JsValue::NULL,
                            "",
                            Some("/"),
                        );
                    }
                    auth::set_credentials(Credentials::Bearer(tokens.id_token.clone()));
                    keep_fresh(domain.clone(), client_id.clone(), tokens);
                    let sign_out = Callback::from(move |_| {
                        auth::set_credentials(Credentials::None);
                        if let Some(location) = location() {
                            let _ = location.set_href(&auth::logout_url(
                                &domain,
                                &client_id,
                                &redirect_uri,
                            ));
                        }
                    });
                    Phase::Ready(Identity {
                        label: String::new(),
                        studios: vec![],
                        switch_studio: Callback::noop(),
                        sign_out: Some(sign_out),
                    })
                }
                Err(message) => Phase::Failed(message),
            }
        }
    }
}

/// Goes to the hosted UI, the PKCE verifier and the state kept for the way back; `failed` says why not.
fn sign_in(config: &AuthConfig, failed: Callback<String>) {
    let AuthConfig::Cognito {
        domain,
        client_id,
        redirect_uri,
    } = config.clone()
    else {
        return;
    };
    let (verifier, state) = (random_token(), random_token());
    if let Some(storage) = session_storage() {
        let _ = storage.set_item("pkce_verifier", &verifier);
        let _ = storage.set_item("pkce_state", &state);
    }
    wasm_bindgen_futures::spawn_local(async move {
        match auth::challenge(&verifier).await {
            Ok(challenge) => {
                if let Some(location) = location() {
                    let _ = location.set_href(&auth::authorize_url(
                        &domain,
                        &client_id,
                        &redirect_uri,
                        &challenge,
                        &state,
                    ));
                }
            }
            Err(message) => failed.emit(message),
        }
    });
}

#[derive(Properties, PartialEq)]
pub struct AuthGateProps {
    pub children: Html,
}

#[function_component]
pub fn AuthGate(props: &AuthGateProps) -> Html {
    let texts = use_texts();
    let phase = use_state(|| Phase::Loading);
    {
        let phase = phase.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move { phase.set(start().await) });
        });
    }
    match &*phase {
        Phase::Loading => html! { <main class="page"><p>{ texts.loading }</p></main> },
        Phase::Failed(message) => {
            html! { <main class="page"><p class="error">{ message }</p></main> }
        }
        Phase::SignIn(config) => {
            let config = config.clone();
            let failed = {
                let phase = phase.clone();
                Callback::from(move |message| phase.set(Phase::Failed(message)))
            };
            html! {
                <main class="page sign-in">
                    <h1>{ texts.app_name }</h1>
                    <button id="sign-in" class="primary" onclick={move |_| sign_in(&config, failed.clone())}>{ texts.sign_in }</button>
                </main>
            }
        }
        Phase::Ready(identity) => html! {
            <ContextProvider<Identity> context={identity.clone()}>{ props.children.clone() }</ContextProvider<Identity>>
        },
    }
}
