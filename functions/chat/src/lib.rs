//! The chat function: `POST /api/chat` runs one assistant turn — the model calls tools (the same domain services
//! as the API, in the caller's studio) over several rounds — and answers with the reply and the invalidations of
//! every write that happened.

pub mod anthropic;
pub mod config;
pub mod conversation;
pub mod http;
pub mod i18n;
pub mod model;
pub mod openai;
pub mod pending;
pub mod planner;
pub mod quota;
pub mod replay;
pub mod tools;
pub mod transport;
pub mod turn;
pub mod when;

pub use http::{ChatState, app};
pub use model::{ChatModel, Message, ModelReply, ProviderError, ToolCall, ToolSpec};

use std::sync::Arc;

/// The model chosen by the environment (see `config`): an OpenAI-compatible server or Anthropic when an LLM
/// is configured, else the offline planner.
pub fn model_from_env() -> Arc<dyn ChatModel> {
    match config::from_env() {
        Some((provider, config)) => {
            tracing::info!(?provider, base_url = %config.base_url, model = %config.model, "assistant uses an LLM");
            match provider {
                config::Provider::OpenAi => Arc::new(openai::OpenAi::new(config)),
                config::Provider::Anthropic => Arc::new(anthropic::Anthropic::new(config)),
            }
        }
        None => {
            tracing::info!("assistant uses the offline planner (no LLM configured)");
            Arc::new(planner::Planner)
        }
    }
}
