//! One assistant turn: ask the model, run the tools it calls, give it their results, repeat (bounded).

use serde_json::json;
use studio_domain::ChangeSet;
use studio_wire::{ActionSummary, Locale, PendingAction};

use crate::{
    i18n::pick,
    model::{ChatModel, Message, ModelReply, ProviderError, Round},
    pending,
    tools::{self, Class, ToolEnv},
};

/// Rounds of tool calls one turn may take before the assistant stops and says so.
pub const MAX_ROUNDS: usize = 8;
/// Tool calls run in one round; the model is told the others were not.
pub const MAX_CALLS_PER_ROUND: usize = 8;
/// Writes (and proposals) one turn may make; the user is told when a request needed more.
pub const MAX_WRITES_PER_TURN: usize = 10;

pub struct TurnOutcome {
    pub reply: String,
    pub actions: Vec<ActionSummary>,
    /// Every write that happened, even if a later round failed.
    pub changes: ChangeSet,
    /// What waits for a person's confirmation.
    pub pending: Vec<PendingAction>,
}

/// Runs the turn whose user message is the last of `messages`, appending what the model and the tools said.
/// A destructive call is only proposed (see `pending`), whatever the model says.
/// The turn answers by `deadline` whatever the model does: past it, it says what was done and stops.
pub async fn run(
    env: &ToolEnv,
    conversation: &str,
    model: &dyn ChatModel,
    messages: &mut Vec<Message>,
    deadline: tokio::time::Instant,
) -> TurnOutcome {
    let locale = env.locale;
    let catalogue = tools::catalogue();
    let mut actions = Vec::new();
    let mut changes = ChangeSet::default();
    let mut proposals = Vec::new();
    let mut writes = 0;
    let mut capped = false;
    for round in 0..MAX_ROUNDS {
        let asked = model.respond(Round {
            messages,
            tools: &catalogue,
            locale,
            today: env.today(),
            deadline,
        });
        // A backstop: a provider that ignores the deadline is cut off at it.
        let reply = tokio::time::timeout_at(deadline, asked)
            .await
            .unwrap_or(Err(ProviderError::Timeout));
        match reply {
            Ok(ModelReply::Text(text)) => {
                messages.push(Message::Assistant {
                    content: Some(text.clone()),
                    tool_calls: vec![],
                });
                let reply = if capped {
                    let limit = pick(
                        locale,
                        "J'ai atteint la limite de modifications d'une demande ; le reste n'a pas été fait.",
                        "I reached the limit of changes for one request; the rest was not done.",
                    );
                    format!("{text} {limit}")
                } else {
                    text
                };
                return TurnOutcome {
                    reply,
                    actions,
                    changes,
                    pending: proposals,
                };
            }
            Ok(ModelReply::ToolCalls { content, calls }) => {
                messages.push(Message::Assistant {
                    content,
                    tool_calls: calls.clone(),
                });
                for (index, call) in calls.into_iter().enumerate() {
                    let class = tools::class(&call.name, &call.arguments);
                    let writing = matches!(class, Some(Class::Write | Class::Destructive));
                    if index >= MAX_CALLS_PER_ROUND || (writing && writes >= MAX_WRITES_PER_TURN) {
                        // Every call gets a result (providers refuse a call left without one); this one says why
                        // it did not run.
                        capped |= writing;
                        messages.push(Message::Tool {
                            call_id: call.id,
                            name: call.name,
                            content: json!({"ok": false, "error": {"code": "limit", "message":
                                "not run: too many tool calls in one round or writes in one turn; tell the user what was not done"}}).to_string(),
                        });
                        continue;
                    }
                    writes += usize::from(writing);
                    let outcome = match class {
                        Some(Class::Destructive) => {
                            let (outcome, proposal) =
                                pending::propose(env, conversation, &call.name, &call.arguments)
                                    .await;
                            proposals.extend(proposal);
                            outcome
                        }
                        _ => tools::execute(env, &call.name, &call.arguments).await,
                    };
                    actions.push(ActionSummary {
                        tool: call.name.clone(),
                        ok: outcome.ok,
                        summary: outcome.summary,
                        wrote: !outcome.changes.is_empty(),
                        shows: outcome.changes.first_kept(),
                        activity: outcome.changes.undoable_activity(),
                    });
                    changes.extend(outcome.changes);
                    messages.push(Message::Tool {
                        call_id: call.id,
                        name: call.name,
                        content: outcome.result.to_string(),
                    });
                }
            }
            Err(error) => {
                tracing::warn!(%error, round, "model failed during the turn");
                let reply = match error {
                    ProviderError::Timeout => pick(
                        locale,
                        "L'assistant a mis trop de temps à répondre ; rien d'autre n'a été fait.",
                        "The assistant took too long to answer; nothing more was done.",
                    ),
                    _ => pick(
                        locale,
                        "L'assistant est indisponible pour le moment ; rien d'autre n'a été fait.",
                        "The assistant is unavailable right now; nothing more was done.",
                    ),
                };
                return TurnOutcome {
                    reply: with_actions(reply, &actions, locale),
                    actions,
                    changes,
                    pending: proposals,
                };
            }
        }
    }
    let reply = pick(
        locale,
        "Je me suis arrêté : cette demande demandait trop d'étapes.",
        "I stopped: this request took too many steps.",
    );
    TurnOutcome {
        reply: with_actions(reply, &actions, locale),
        actions,
        changes,
        pending: proposals,
    }
}

/// A turn cut short still says what it did, so nobody believes a write did or did not happen.
fn with_actions(reply: &str, actions: &[ActionSummary], locale: Locale) -> String {
    if actions.is_empty() {
        return reply.to_owned();
    }
    let done: Vec<&str> = actions.iter().map(|a| a.summary.as_str()).collect();
    format!(
        "{reply} {} {}",
        pick(locale, "Déjà fait :", "Already done:"),
        done.join(" ")
    )
}
