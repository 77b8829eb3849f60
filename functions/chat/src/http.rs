//! `POST /api/chat`.

use std::sync::Arc;

use axum::{
    Json, Router,
    extract::{FromRef, State},
    routing::post,
};
use studio_api::{ApiError, AppState, Caller, JsonBody};
use studio_domain::settings::{self, Settings};
use studio_wire::{ChatRequest, ChatResponse, FieldProblem, Problem};

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
        .layer(axum::middleware::from_fn(studio_api::edge::edge))
        .with_state(state)
}

/// Today's date and time in the studio's zone, from the same clock as every write.
fn system_prompt(settings: &Settings, now: jiff::Timestamp) -> String {
    let now = now.to_zoned_datetime(settings.zone.clone());
    let (studio, zone) = (&settings.values.display_name, &settings.values.time_zone);
    format!(
        "You are the assistant of {studio}, a recording studio, in its management app. Today is {} ({}), time \
         zone {zone}; amounts are in {}. \
         Use the tools to read and change data; never invent ids — refer to clients by name or email and let the \
         tools resolve them. If a tool reports an error or several matches, say so and ask; never claim a change \
         that a tool did not confirm. Answer in the user's language, briefly.",
        now.strftime("%A %Y-%m-%d %H:%M"),
        now.offset(),
        settings.values.currency,
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
    let locale = i18n::reply_language(message, request.locale);
    if message.is_empty() {
        return Err(ApiError::new(Problem::field(
            "message",
            FieldProblem::Required,
        )));
    }
    if message.chars().count() > MESSAGE_MAX {
        let too_long = FieldProblem::TooLong { max: MESSAGE_MAX };
        return Err(ApiError::new(Problem::field("message", too_long)));
    }
    let (conversation_id, mut conversation) = match &request.conversation_id {
        Some(id) => (id.clone(), conversation::load(&ctx, id).await?),
        None => (ctx.new_id(), Conversation::default()),
    };
    let settings = settings::load(&ctx).await?;
    let mut messages = vec![Message::System {
        content: system_prompt(&settings, ctx.now()),
    }];
    messages.append(&mut conversation.messages);
    messages.push(Message::User {
        content: message.to_owned(),
    });

    let env = ToolEnv {
        ctx: ctx.clone(),
        locale,
        settings,
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
