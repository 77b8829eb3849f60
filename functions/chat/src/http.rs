//! `POST /api/chat`.

use std::sync::Arc;

use axum::{
    Json, Router,
    extract::{FromRef, State},
    routing::post,
};
use jiff::{ZonedDateTime, tz::TimeZone};
use studio_api::{ApiError, AppState, Caller, JsonBody};
use studio_wire::{ChatRequest, ChatResponse};

use crate::{
    conversation::{self, Conversation},
    i18n,
    model::{ChatModel, Message},
    tools::ToolEnv,
    turn,
};

/// Longest message accepted, in characters.
pub const MESSAGE_MAX: usize = 4000;

#[derive(Clone)]
pub struct ChatState {
    pub app: AppState,
    pub model: Arc<dyn ChatModel>,
    /// The studio's IANA time zone, for "today" in the system prompt.
    pub time_zone: String,
}

impl FromRef<ChatState> for AppState {
    fn from_ref(state: &ChatState) -> AppState {
        state.app.clone()
    }
}

pub fn app(state: ChatState) -> Router {
    Router::new()
        .route("/api/chat", post(chat))
        .layer(axum::extract::DefaultBodyLimit::max(studio_api::BODY_LIMIT))
        .with_state(state)
}

fn system_prompt(time_zone: &str) -> String {
    let zone = TimeZone::get(time_zone).unwrap_or(TimeZone::UTC);
    let now = ZonedDateTime::now().with_time_zone(zone);
    format!(
        "You are the assistant of a recording studio's management app. Today is {} ({}), time zone {time_zone}. \
         Use the tools to read and change data; never invent ids — refer to clients by name or email and let the \
         tools resolve them. If a tool reports an error or several matches, say so and ask; never claim a change \
         that a tool did not confirm. Answer in the user's language, briefly.",
        now.strftime("%A %Y-%m-%d %H:%M"),
        now.offset(),
    )
}

#[tracing::instrument(skip_all, fields(studio))]
async fn chat(
    State(state): State<ChatState>,
    Caller(ctx): Caller,
    JsonBody(request): JsonBody<ChatRequest>,
) -> Result<Json<ChatResponse>, ApiError> {
    tracing::Span::current().record("studio", ctx.studio.as_str());
    let message = request.message.trim();
    if message.is_empty() || message.chars().count() > MESSAGE_MAX {
        return Err(ApiError::new(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            "validation",
            format!("The message must be 1 to {MESSAGE_MAX} characters."),
        ));
    }
    let locale = request.locale.unwrap_or_else(|| i18n::detect(message));
    let (conversation_id, mut conversation) = match &request.conversation_id {
        Some(id) => (id.clone(), conversation::load(&ctx, id).await?),
        None => (ctx.new_id(), Conversation::default()),
    };
    let mut messages = vec![Message::System {
        content: system_prompt(&state.time_zone),
    }];
    messages.append(&mut conversation.messages);
    messages.push(Message::User {
        content: message.to_owned(),
    });

    let zone = TimeZone::get(&state.time_zone).unwrap_or(TimeZone::UTC);
    let env = ToolEnv {
        ctx: ctx.clone(),
        locale,
        zone,
    };
    let outcome = turn::run(&env, state.model.as_ref(), &mut messages).await;

    conversation.messages = messages
        .into_iter()
        .filter(|m| !matches!(m, Message::System { .. }))
        .collect();
    if let Err(error) = conversation::save(&ctx, &conversation_id, conversation).await {
        // The turn's writes happened; the reply must still reach the SPA with their invalidations.
        tracing::error!(%error, "could not save the conversation");
    }
    Ok(Json(ChatResponse {
        conversation_id,
        reply: outcome.reply,
        actions: outcome.actions,
        invalidations: outcome.changes.invalidations(),
    }))
}
