//! One assistant turn: ask the model, run the tools it calls, give it their results, repeat (bounded).

use studio_domain::ChangeSet;
use studio_wire::{ActionSummary, Locale, PendingAction};

use crate::{
    i18n::pick,
    model::{ChatModel, Message, ModelReply, Round},
    pending,
    tools::{self, Class, ToolEnv},
};

/// Rounds of tool calls one turn may take before the assistant stops and says so.
pub const MAX_ROUNDS: usize = 8;

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
pub async fn run(
    env: &ToolEnv,
    conversation: &str,
    model: &dyn ChatModel,
    messages: &mut Vec<Message>,
) -> TurnOutcome {
    let locale = env.locale;
    let catalogue = tools::catalogue();
    let mut actions = Vec::new();
    let mut changes = ChangeSet::default();
    let mut proposals = Vec::new();
    for round in 0..MAX_ROUNDS {
        let reply = model
            .respond(Round {
                messages,
                tools: &catalogue,
                locale,
                today: env.today(),
            })
            .await;
        match reply {
            Ok(ModelReply::Text(text)) => {
                messages.push(Message::Assistant {
                    content: Some(text.clone()),
                    tool_calls: vec![],
                });
                return TurnOutcome {
                    reply: text,
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
                for call in calls {
                    let outcome = match tools::class(&call.name, &call.arguments) {
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
                        activity: outcome.changes.activities().last().cloned(),
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
                let reply = pick(
                    locale,
                    "L'assistant est indisponible pour le moment ; rien d'autre n'a été fait.",
                    "The assistant is unavailable right now; nothing more was done.",
                );
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
