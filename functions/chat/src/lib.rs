//! The chat function: `POST /api/chat` runs one assistant turn — the model calls tools (the same domain services
//! as the API, in the caller's studio) over several rounds — and answers with the reply and the invalidations of
//! every write that happened.

pub mod conversation;
pub mod http;
pub mod i18n;
pub mod model;
pub mod openai;
pub mod pending;
pub mod planner;
pub mod tools;
pub mod turn;
pub mod when;

pub use http::{ChatState, app};
pub use model::{ChatModel, Message, ModelReply, ProviderError, ToolCall, ToolSpec};

use std::sync::Arc;

/// The model chosen by the environment: an OpenAI-compatible server when `STUDIO_LLM_BASE_URL` or
/// `STUDIO_LLM_API_KEY` is set, else the offline planner.
pub fn model_from_env() -> Arc<dyn ChatModel> {
    match openai::OpenAiConfig::from_env() {
        Some(config) => {
            tracing::info!(base_url = %config.base_url, model = %config.model, "assistant uses an OpenAI-compatible model");
            Arc::new(openai::OpenAi::new(config))
        }
        None => {
            tracing::info!("assistant uses the offline planner (no LLM configured)");
            Arc::new(planner::Planner)
        }
    }
}
