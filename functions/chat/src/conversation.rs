//! Conversations are kept server-side, in the studio's partition, so a turn sees the earlier ones. Each belongs
//! to the person who started it (another person of the studio cannot continue it) and expires when left alone.

use serde::{Deserialize, Serialize};
use studio_domain::{Condition, Ctx, DomainError, Item, Key, StoreError, WriteOp, keys};
use studio_wire::Problem;

use crate::model::Message;

/// Older messages are dropped past this many, to bound the item and the prompt.
const KEEP: usize = 40;
/// A conversation nobody continued for this long is gone.
const IDLE_SECONDS: i64 = 30 * 24 * 3600;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Conversation {
    /// Who started it.
    #[serde(default)]
    pub person: String,
    pub messages: Vec<Message>,
    #[serde(skip)]
    version: u64,
}

const RESOURCE: &str = "conversations";

fn key(ctx: &Ctx, id: &str) -> Key {
    keys::conversation(ctx, id)
}

fn not_found(id: &str) -> DomainError {
    DomainError::not_found(RESOURCE, id)
}

/// Loads the conversation, or `NotFound` — also for ids that are not ours (they are simply not in our
/// partition), someone else's, or expired.
pub async fn load(ctx: &Ctx, id: &str) -> Result<Conversation, DomainError> {
    let valid = id.len() == 26 && id.chars().all(|c| c.is_ascii_alphanumeric());
    if !valid {
        return Err(not_found(id));
    }
    let item = ctx
        .store()
        .get(&key(ctx, id))
        .await?
        .ok_or_else(|| not_found(id))?;
    let mut conversation: Conversation = serde_json::from_str(&item.data)
        .map_err(|e| StoreError::Unavailable(format!("corrupt conversation: {e}")))?;
    let expired = item.expires_at.is_some_and(|at| at < ctx.now().as_second());
    if expired || conversation.person != ctx.actor.person {
        return Err(not_found(id));
    }
    conversation.version = item.version;
    Ok(conversation)
}

/// Saves the conversation; fails with `Conflict` if another turn saved it meanwhile.
pub async fn save(ctx: &Ctx, id: &str, mut conversation: Conversation) -> Result<(), DomainError> {
    if conversation.messages.len() > KEEP {
        let cut = conversation.messages.len() - KEEP;
        // Never start the kept history on a tool result whose call was cut off.
        let start = (cut..conversation.messages.len())
            .find(|&i| matches!(conversation.messages[i], Message::User { .. }))
            .unwrap_or(cut);
        conversation.messages.drain(..start);
    }
    let condition = if conversation.version == 0 {
        Condition::NotExists
    } else {
        Condition::Version(conversation.version)
    };
    conversation.person = ctx.actor.person.clone();
    let mut item = Item::new(
        key(ctx, id),
        conversation.version + 1,
        serde_json::to_string(&conversation).expect("a conversation serialises"),
    );
    item.expires_at = Some(ctx.now().as_second() + IDLE_SECONDS);
    match ctx
        .store()
        .transact(vec![WriteOp::Put { item, condition }])
        .await
    {
        Ok(()) => Ok(()),
        Err(StoreError::ConditionFailed { .. }) => Err(Problem::Conflict {
            resource: RESOURCE.to_owned(),
            id: id.to_owned(),
        }
        .into()),
        Err(e) => Err(e.into()),
    }
}
