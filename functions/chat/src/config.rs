//! Which model the assistant talks to, from the environment: `STUDIO_LLM_PROVIDER` (`openai`, the default, for
//! any OpenAI-compatible server; or `anthropic`), `STUDIO_LLM_BASE_URL`, `STUDIO_LLM_MODEL`, and
//! `STUDIO_LLM_API_KEY` or `STUDIO_LLM_API_KEY_SECRET`. Nothing set: the offline planner.

pub use crate::transport::ApiKey;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    OpenAi,
    Anthropic,
}

#[derive(Clone)]
pub struct LlmConfig {
    /// Up to and including `/v1`, e.g. `https://api.openai.com/v1`, `http://127.0.0.1:11434/v1`,
    /// `https://api.anthropic.com/v1`.
    pub base_url: String,
    pub model: String,
    pub api_key: ApiKey,
}

impl std::fmt::Debug for LlmConfig {
    // The key never reaches a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LlmConfig")
            .field("base_url", &self.base_url)
            .field("model", &self.model)
            .finish()
    }
}

/// The provider and its configuration; `None` when neither a URL nor a key is set.
pub fn from_env() -> Option<(Provider, LlmConfig)> {
    let var = |name| {
        std::env::var(name)
            .ok()
            .filter(|v: &String| !v.trim().is_empty())
    };
    let base_url = var("STUDIO_LLM_BASE_URL");
    let api_key = match (var("STUDIO_LLM_API_KEY"), var("STUDIO_LLM_API_KEY_SECRET")) {
        (Some(key), _) => ApiKey::Plain(key),
        (None, Some(secret)) => ApiKey::Secret(secret),
        (None, None) => ApiKey::None,
    };
    if base_url.is_none() && api_key == ApiKey::None {
        return None;
    }
    let provider = match var("STUDIO_LLM_PROVIDER").as_deref() {
        Some("anthropic") => Provider::Anthropic,
        _ => Provider::OpenAi,
    };
    let (url, model) = match provider {
        Provider::OpenAi => ("https://api.openai.com/v1", "gpt-4o-mini"),
        Provider::Anthropic => ("https://api.anthropic.com/v1", "claude-3-5-haiku-latest"),
    };
    let config = LlmConfig {
        base_url: base_url.unwrap_or_else(|| url.into()),
        model: var("STUDIO_LLM_MODEL").unwrap_or_else(|| model.into()),
        api_key,
    };
    Some((provider, config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_never_reaches_a_log() {
        let config = LlmConfig {
            base_url: "https://api.anthropic.com/v1".into(),
            model: "m".into(),
            api_key: ApiKey::Plain("sk-very-secret".into()),
        };
        assert!(!format!("{config:?}").contains("sk-very-secret"));
    }
}
