//! The offline planner: a `ChatModel` without an LLM. It turns common requests about clients, in French or
//! English, into the same tool calls an LLM would make, and words its reply from the tools' results. It is the
//! default when no LLM is configured, and what deterministic tests use.

mod parse;
mod schedule;

use async_trait::async_trait;
use serde_json::Value;

pub use parse::{Intent, parse};

use crate::{
    i18n::pick,
    model::{ChatModel, Message, ModelReply, ProviderError, Round, ToolCall},
};

pub struct Planner;

fn help(locale: studio_wire::Locale) -> String {
    pick(
        locale,
        "Je n'ai pas compris. Je sais créer un client (« Crée un client nommé Léa Martin avec l'email lea@example.com »), \
         le renommer (« Renomme Léa Martin en Léa Dupont »), changer son email (« Change l'email de Léa Martin en lea@studio.fr »), \
         chercher (« Cherche Martin »), lister (« Liste les clients ») et compter (« Combien de clients ? »).",
        "I did not understand. I can create a client (\"Add a client named Lea Martin with email lea@example.com\"), \
         rename one (\"Rename Lea Martin to Lea Dupont\"), change an email (\"Change the email of Lea Martin to lea@studio.fr\"), \
         search (\"Find Martin\"), list (\"List clients\") and count (\"How many clients?\").",
    )
    .to_owned()
}

#[async_trait]
impl ChatModel for Planner {
    async fn respond(&self, round: Round<'_>) -> Result<ModelReply, ProviderError> {
        match round.messages.last() {
            Some(Message::User { content }) => Ok(match parse(content, round.today) {
                Some(intent) => {
                    let (name, arguments) = intent.tool_call();
                    ModelReply::ToolCalls {
                        content: None,
                        calls: vec![ToolCall {
                            id: "call_1".into(),
                            name: name.into(),
                            arguments,
                        }],
                    }
                }
                None => ModelReply::Text(help(round.locale)),
            }),
            // After the tools ran: the reply is what they said, in order.
            Some(Message::Tool { .. }) => {
                let summaries: Vec<String> = round
                    .messages
                    .iter()
                    .rev()
                    .take_while(|m| matches!(m, Message::Tool { .. }))
                    .filter_map(|m| match m {
                        Message::Tool { content, .. } => {
                            serde_json::from_str::<Value>(content).ok().and_then(|v| {
                                v.get("summary").and_then(Value::as_str).map(str::to_owned)
                            })
                        }
                        _ => None,
                    })
                    .collect();
                Ok(ModelReply::Text(
                    summaries.into_iter().rev().collect::<Vec<_>>().join(" "),
                ))
            }
            _ => Ok(ModelReply::Text(help(round.locale))),
        }
    }
}
