//! Who the SPA is: locally a dev identity (switchable between the demo studios with the `x-studio` header); in
//! production a Cognito user, signed in with the hosted UI (authorization code + PKCE), whose ID token — kept in
//! memory only, refreshed before it expires — goes with every API call. The mode comes from `/config.json`.

use std::cell::RefCell;

use studio_wire::decode::Decode;

/// `{"kind": "dev", "studios": […]}` or `{"kind": "cognito", "domain", "client_id", "redirect_uri"}`.
#[derive(Debug, Clone, PartialEq, Decode)]
#[serde(try_from = "RawAuth")]
pub enum AuthConfig {
    Dev {
        studios: Vec<String>,
    },
    Cognito {
        domain: String,
        client_id: String,
        redirect_uri: String,
    },
}

/// What a config that could not be read stands for until its error is reported (`studio_wire::decode`).
impl Default for AuthConfig {
    fn default() -> Self {
        AuthConfig::Dev {
            studios: Vec::new(),
        }
    }
}

/// `AuthConfig` as it comes, flat: a tagged enum's decoder would weigh several KB of wasm more.
#[derive(Decode)]
struct RawAuth {
    kind: String,
    #[serde(default)]
    studios: Vec<String>,
    domain: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
}

impl TryFrom<RawAuth> for AuthConfig {
    type Error = String;

    fn try_from(raw: RawAuth) -> Result<Self, String> {
        match (
            raw.kind.as_str(),
            raw.domain,
            raw.client_id,
            raw.redirect_uri,
        ) {
            ("dev", ..) => Ok(AuthConfig::Dev {
                studios: raw.studios,
            }),
            ("cognito", Some(domain), Some(client_id), Some(redirect_uri)) => {
                Ok(AuthConfig::Cognito {
                    domain,
                    client_id,
                    redirect_uri,
                })
            }
            (kind, ..) => Err(format!("unknown or incomplete auth config `{kind}`")),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Decode)]
pub struct RuntimeConfig {
    pub auth: AuthConfig,
}

/// Tokens from Cognito's token endpoint.
#[derive(Debug, Clone, PartialEq, Decode)]
pub struct Tokens {
    pub id_token: String,
    #[serde(default)]
    pub refresh_token: Option<String>,
    pub expires_in: u64,
}

/// What every API call carries: the bearer token, or the dev studio.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Credentials {
    #[default]
    None,
    Bearer(String),
    DevStudio(String),
}

thread_local! {
    static CREDENTIALS: RefCell<Credentials> = const { RefCell::new(Credentials::None) };
}

pub fn set_credentials(credentials: Credentials) {
    CREDENTIALS.with(|c| *c.borrow_mut() = credentials);
}

/// The header to add to an API request, if any.
pub fn header() -> Option<(&'static str, String)> {
    CREDENTIALS.with(|c| match &*c.borrow() {
        Credentials::None => None,
        Credentials::Bearer(token) => Some(("authorization", format!("Bearer {token}"))),
        Credentials::DevStudio(studio) => Some(("x-studio", studio.clone())),
    })
}

/// Base64url without padding (RFC 4648 §5), as PKCE wants.
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 3);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The S256 code challenge of a PKCE verifier (RFC 7636 §4.2): its SHA-256 in base64url, hashed by the browser's
/// SubtleCrypto (a SHA-256 of the wasm's own weighed 1.4 KB of it gzipped, 2026-11-28). `browser_sign_in` checks it
/// against the verifier the page kept.
pub async fn challenge(verifier: &str) -> Result<String, String> {
    let refused = |_| "the browser could not prepare the sign-in (SHA-256)".to_owned();
    let crypto = web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(refused)?;
    let digest = crypto
        .subtle()
        .digest_with_str_and_u8_array("SHA-256", verifier.as_bytes())
        .map_err(refused)?;
    let digest = wasm_bindgen_futures::JsFuture::from(digest)
        .await
        .map_err(refused)?;
    Ok(base64url(&js_sys::Uint8Array::new(&digest).to_vec()))
}

fn encode(value: &str) -> String {
    crate::api::encode(value)
}

/// The hosted UI's sign-in URL.
pub fn authorize_url(
    domain: &str,
    client_id: &str,
    redirect_uri: &str,
    challenge: &str,
    state: &str,
) -> String {
    format!(
        "https://{domain}/oauth2/authorize?response_type=code&client_id={}&redirect_uri={}&scope=openid%20email&code_challenge_method=S256&code_challenge={}&state={}",
        encode(client_id),
        encode(redirect_uri),
        challenge,
        encode(state)
    )
}

/// The form body exchanging an authorization code for tokens.
pub fn code_exchange_body(
    client_id: &str,
    redirect_uri: &str,
    code: &str,
    verifier: &str,
) -> String {
    format!(
        "grant_type=authorization_code&client_id={}&redirect_uri={}&code={}&code_verifier={}",
        encode(client_id),
        encode(redirect_uri),
        encode(code),
        encode(verifier)
    )
}

/// The form body renewing tokens with the refresh token.
pub fn refresh_body(client_id: &str, refresh_token: &str) -> String {
    format!(
        "grant_type=refresh_token&client_id={}&refresh_token={}",
        encode(client_id),
        encode(refresh_token)
    )
}

pub fn logout_url(domain: &str, client_id: &str, redirect_uri: &str) -> String {
    format!(
        "https://{domain}/logout?client_id={}&logout_uri={}",
        encode(client_id),
        encode(redirect_uri)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_has_no_padding() {
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn the_sign_in_url_carries_the_challenge_and_the_callback() {
        let url = authorize_url(
            "auth.example.com",
            "client",
            "https://site.example/",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            "s1",
        );
        assert!(url.starts_with(
            "https://auth.example.com/oauth2/authorize?response_type=code&client_id=client"
        ));
        assert!(url.contains("redirect_uri=https%3A%2F%2Fsite.example%2F"));
        assert!(url.contains(
            "code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&state=s1"
        ));
    }

    #[test]
    fn the_runtime_config_reads_both_modes() {
        let dev: RuntimeConfig =
            studio_wire::decode::from_str(r#"{"auth":{"kind":"dev","studios":["demo","demo-2"]}}"#)
                .unwrap();
        assert_eq!(
            dev.auth,
            AuthConfig::Dev {
                studios: vec!["demo".into(), "demo-2".into()]
            }
        );
        let cognito: RuntimeConfig = studio_wire::decode::from_str(
            r#"{"auth":{"kind":"cognito","domain":"d","client_id":"c","redirect_uri":"https://s/"}}"#,
        )
        .unwrap();
        assert!(matches!(cognito.auth, AuthConfig::Cognito { .. }));
    }
}
