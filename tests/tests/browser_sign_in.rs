//! Signing in with Cognito's hosted UI, as the deployed SPA does (`/config.json` says `cognito`): the sign-in
//! button goes to the hosted UI with the S256 challenge of the PKCE verifier the page keeps for the way back,
//! hashed by the browser.

mod common;

use base64::Engine;
use common::browser::{WAIT, browser, start_stack_with_config};
use fantoccini::Locator;
use serde_json::json;
use sha2::{Digest, Sha256};

/// A hosted UI nobody answers (`.invalid` never resolves): the browser stays on the address it was sent to.
const DOMAIN: &str = "studio.auth.invalid";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_in_goes_to_the_hosted_ui_with_the_challenge_of_the_kept_verifier() {
    let config = json!({"auth": {
        "kind": "cognito",
        "domain": DOMAIN,
        "client_id": "studio-spa",
        "redirect_uri": "https://studio.example/",
    }});
    let Some(stack) = start_stack_with_config(Some(config)).await else {
        return;
    };
    let browser = browser().await;
    browser.goto(&stack.url).await.unwrap();
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Id("sign-in"))
        .await
        .expect("the sign-in page, since nobody is signed in")
        .click()
        .await
        .unwrap();
    let authorize = format!("https://{DOMAIN}/oauth2/authorize?");
    let sent_to = common::within(WAIT, || async {
        let url = browser.current_url().await.ok()?;
        url.as_str().starts_with(&authorize).then_some(url)
    })
    .await
    .expect("the browser goes to the hosted UI");
    let query: Vec<(String, String)> = sent_to.query_pairs().into_owned().collect();
    let param = |name: &str| {
        query
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
            .unwrap_or_else(|| panic!("{name} in {sent_to}"))
    };
    assert_eq!(
        (
            param("client_id"),
            param("redirect_uri"),
            param("code_challenge_method")
        ),
        (
            "studio-spa".to_owned(),
            "https://studio.example/".to_owned(),
            "S256".to_owned()
        )
    );

    // Back on the app, the verifier and state it kept for the hosted UI's answer.
    browser.back().await.unwrap();
    let kept = common::within(WAIT, || async {
        let kept = browser
            .execute(
                "return [sessionStorage.getItem('pkce_verifier'), sessionStorage.getItem('pkce_state')];",
                vec![],
            )
            .await
            .ok()?;
        let kept: Vec<Option<String>> = serde_json::from_value(kept).ok()?;
        match kept.as_slice() {
            [Some(verifier), Some(state)] => Some((verifier.clone(), state.clone())),
            _ => None,
        }
    })
    .await
    .expect("the page keeps the verifier and the state");
    let (verifier, state) = kept;
    assert!(
        verifier.len() >= 43,
        "a verifier of 43 characters or more (RFC 7636 §4.1): {verifier}"
    );
    assert_eq!(param("state"), state);
    let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(Sha256::digest(verifier.as_bytes()));
    assert_eq!(
        param("code_challenge"),
        challenge,
        "the S256 challenge of the kept verifier"
    );
    browser.close().await.unwrap();
}
