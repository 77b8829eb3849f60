//! Retried chat requests. A request id names one turn: the first request claims it before the turn runs; a
//! retry after it finished gets the stored answer, and a retry while it runs gets 409 — a turn never runs twice.

use serde::{Deserialize, Serialize};
use studio_domain::{Condition, Ctx, DomainError, Item, Key, StoreError, WriteOp};
use studio_wire::{ChatResponse, FieldProblem, Problem};

/// How long an answer is kept for retries.
const KEEP_SECONDS: i64 = 24 * 3600;

#[derive(Serialize, Deserialize)]
struct Stored {
    person: String,
    #[serde(default)]
    response: Option<ChatResponse>,
}

pub enum Start {
    /// Run the turn, then `finish` with the claim's version.
    Fresh,
    /// Already answered: this is the answer.
    Done(Box<ChatResponse>),
}

fn key(ctx: &Ctx, id: &str) -> Key {
    Key::new(ctx.studio.partition(), format!("CHATREQ#{id}"))
}

fn item(ctx: &Ctx, id: &str, stored: &Stored, version: u64) -> Item {
    let mut item = Item::new(
        key(ctx, id),
        version,
        serde_json::to_string(stored).expect("a request record serialises"),
    );
    item.expires_at = Some(ctx.now().as_second() + KEEP_SECONDS);
    item
}

pub fn valid(id: &str) -> Result<(), Problem> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(Problem::field("request_id", FieldProblem::BadToken))
    }
}

/// Claims request `id` for the caller, or returns its stored answer.
pub async fn start(ctx: &Ctx, id: &str) -> Result<Start, DomainError> {
    let claim = Stored {
        person: ctx.actor.person.clone(),
        response: None,
    };
    let op = WriteOp::Put {
        item: item(ctx, id, &claim, 1),
        condition: Condition::NotExists,
    };
    match ctx.store().transact(vec![op]).await {
        Ok(()) => return Ok(Start::Fresh),
        Err(StoreError::ConditionFailed { .. }) => {}
        Err(e) => return Err(e.into()),
    }
    let known = ctx.store().get(&key(ctx, id)).await?;
    let stored: Option<Stored> = known.and_then(|item| serde_json::from_str(&item.data).ok());
    match stored {
        Some(Stored {
            person,
            response: Some(response),
        }) if person == ctx.actor.person => Ok(Start::Done(Box::new(response))),
        // Running (or someone else's id): nothing runs twice.
        _ => Err(Problem::Contended.into()),
    }
}

/// Stores the answer of the turn that claimed `id`.
pub async fn finish(ctx: &Ctx, id: &str, response: &ChatResponse) -> Result<(), DomainError> {
    let stored = Stored {
        person: ctx.actor.person.clone(),
        response: Some(response.clone()),
    };
    let op = WriteOp::Put {
        item: item(ctx, id, &stored, 2),
        condition: Condition::Version(1),
    };
    Ok(ctx.store().transact(vec![op]).await?)
}

/// Gives request `id` up when its turn did not run, so that a retry runs it.
pub async fn release(ctx: &Ctx, id: &str) -> Result<(), DomainError> {
    let op = WriteOp::Delete {
        key: key(ctx, id),
        condition: Condition::Version(1),
    };
    match ctx.store().transact(vec![op]).await {
        Ok(()) | Err(StoreError::ConditionFailed { .. }) => Ok(()),
        Err(e) => Err(e.into()),
    }
}
