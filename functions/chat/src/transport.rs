//! The HTTP side every provider shares: the key (given, or read once from Secrets Manager), one POST per
//! attempt with a per-call timeout, and retries of 429, 5xx and 529 with backoff that honours `retry-after` —
//! all within the turn's deadline, so a turn always answers before API Gateway gives up.

use std::time::Duration;

use serde_json::Value;
use tokio::time::Instant;

use crate::model::ProviderError;

/// One call to the model may take this long (less when the turn's deadline is nearer).
pub const PER_CALL: Duration = Duration::from_secs(20);
/// Attempts of one call, the first included.
const ATTEMPTS: u32 = 4;
/// The longest wait between attempts, whatever `retry-after` asks.
const MAX_WAIT: Duration = Duration::from_secs(8);

/// Where the key comes from.
#[derive(Clone, PartialEq, Eq)]
pub enum ApiKey {
    None,
    /// Given directly (local runs: `STUDIO_LLM_API_KEY`).
    Plain(String),
    /// A Secrets Manager secret, read once on first use through the AWS Parameters and Secrets Lambda
    /// Extension (`STUDIO_LLM_API_KEY_SECRET`, on Lambda): the key is never in the template or the environment.
    Secret(String),
}

pub struct Transport {
    http: reqwest::Client,
    api_key: ApiKey,
    key: tokio::sync::OnceCell<Option<String>>,
}

/// Whether an HTTP status is worth another attempt: rate limits, server faults, Anthropic's "overloaded".
fn retryable(status: reqwest::StatusCode) -> bool {
    status == reqwest::StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
}

/// Seconds in a `retry-after` header (the HTTP-date form is not used by model providers).
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let text = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|s| *s >= 0.0)
        .map(Duration::from_secs_f64)
}

impl Transport {
    pub fn new(api_key: ApiKey) -> Self {
        let http = reqwest::Client::builder()
            .timeout(PER_CALL)
            .build()
            .expect("an HTTP client with a timeout builds");
        Self {
            http,
            api_key,
            key: tokio::sync::OnceCell::new(),
        }
    }

    /// The key, fetched from the secret on first use (not at cold start: a function that never reaches the
    /// model never pays for it).
    pub async fn key(&self) -> Result<Option<&String>, ProviderError> {
        let key = self
            .key
            .get_or_try_init(|| async {
                match &self.api_key {
                    ApiKey::None => Ok(None),
                    ApiKey::Plain(key) => Ok(Some(key.clone())),
                    ApiKey::Secret(arn) => secret(&self.http, arn).await.map(Some),
                }
            })
            .await?;
        Ok(key.as_ref())
    }

    /// POSTs `body` as JSON and reads the JSON answer, retrying what may pass on a second try, until
    /// `deadline`.
    pub async fn post(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        body: &Value,
        deadline: Instant,
    ) -> Result<Value, ProviderError> {
        let mut attempt = 1;
        loop {
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                return Err(ProviderError::Timeout);
            }
            let mut request = self
                .http
                .post(url)
                .json(body)
                .timeout(remaining.min(PER_CALL));
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            let (status, wait, text) = match request.send().await {
                Err(e) if e.is_timeout() => return Err(ProviderError::Timeout),
                Err(e) => (None, None, e.without_url().to_string()),
                Ok(response) => {
                    let status = response.status();
                    let wait = retry_after(response.headers());
                    match response.text().await {
                        Ok(text) => (Some(status), wait, text),
                        Err(e) if e.is_timeout() => return Err(ProviderError::Timeout),
                        Err(e) => (None, None, e.without_url().to_string()),
                    }
                }
            };
            match status {
                Some(status) if status.is_success() => {
                    return serde_json::from_str(&text)
                        .map_err(|e| ProviderError::Malformed(e.to_string()));
                }
                Some(status) if !retryable(status) => {
                    let excerpt: String = text.chars().take(300).collect();
                    return Err(ProviderError::Refused(format!("HTTP {status}: {excerpt}")));
                }
                _ => {}
            }
            let backoff = Duration::from_millis(250 * 2u64.pow(attempt - 1));
            let wait = wait.unwrap_or(backoff).min(MAX_WAIT);
            let failure = match status {
                Some(status) => {
                    ProviderError::Refused(format!("HTTP {status} after {attempt} attempts"))
                }
                None => ProviderError::Unreachable(text),
            };
            if attempt >= ATTEMPTS || Instant::now() + wait >= deadline {
                return Err(failure);
            }
            tracing::warn!(attempt, ?wait, error = %failure, "model call failed; trying again");
            tokio::time::sleep(wait).await;
            attempt += 1;
        }
    }
}

/// Reads a secret through the Parameters and Secrets Lambda Extension on localhost:2773.
async fn secret(http: &reqwest::Client, arn: &str) -> Result<String, ProviderError> {
    let token = std::env::var("AWS_SESSION_TOKEN").unwrap_or_default();
    let url = reqwest::Url::parse_with_params(
        "http://localhost:2773/secretsmanager/get",
        [("secretId", arn)],
    )
    .map_err(|e| ProviderError::Malformed(e.to_string()))?;
    let response = http
        .get(url)
        .header("X-Aws-Parameters-Secrets-Token", token)
        .send()
        .await
        .map_err(|e| {
            ProviderError::Unreachable(format!("secrets extension: {}", e.without_url()))
        })?;
    if !response.status().is_success() {
        return Err(ProviderError::Refused(format!(
            "secrets extension answered {}",
            response.status()
        )));
    }
    let body: Value = response
        .json()
        .await
        .map_err(|e| ProviderError::Malformed(e.to_string()))?;
    body.get("SecretString")
        .and_then(Value::as_str)
        .map(|s| s.trim().to_owned())
        .ok_or_else(|| ProviderError::Malformed("the secret has no SecretString".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limits_server_faults_and_overload_are_tried_again_and_refusals_are_not() {
        for code in [429, 500, 502, 503, 529] {
            assert!(
                retryable(reqwest::StatusCode::from_u16(code).unwrap()),
                "{code}"
            );
        }
        for code in [400, 401, 404, 422] {
            assert!(
                !retryable(reqwest::StatusCode::from_u16(code).unwrap()),
                "{code}"
            );
        }
    }

    #[test]
    fn retry_after_is_read_in_seconds() {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(reqwest::header::RETRY_AFTER, "2".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(2)));
        headers.insert(reqwest::header::RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&headers), None);
    }
}
