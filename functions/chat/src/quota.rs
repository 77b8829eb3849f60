//! A studio's daily allowance of assistant turns: one counter item per studio and day (in the studio's zone),
//! taken conditionally before a turn runs, so parallel turns cannot overshoot it. `STUDIO_ASSISTANT_DAILY_TURNS`
//! sets it (500 by default).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use studio_domain::{Condition, Ctx, DomainError, Item, Key, StoreError, WriteOp};
use studio_wire::Problem;

pub const DEFAULT_DAILY_TURNS: u32 = 500;
/// Attempts when parallel turns take the same counter.
const ATTEMPTS: usize = 8;

/// The allowance from the environment.
pub fn daily_turns_from_env() -> u32 {
    std::env::var("STUDIO_ASSISTANT_DAILY_TURNS")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_DAILY_TURNS)
}

#[derive(Default, Serialize, Deserialize)]
struct Count {
    turns: u32,
}

fn key(ctx: &Ctx, day: Date) -> Key {
    Key::new(ctx.studio.partition(), format!("QUOTA#ASSISTANT#{day}"))
}

/// Takes one turn of `day`'s allowance, or refuses with `AssistantCap` once `limit` were taken.
pub async fn take(ctx: &Ctx, day: Date, limit: u32) -> Result<(), DomainError> {
    for _ in 0..ATTEMPTS {
        let current = ctx.store().get(&key(ctx, day)).await?;
        let (count, condition) = match &current {
            Some(item) => {
                let count: Count = serde_json::from_str(&item.data)
                    .map_err(|e| StoreError::Unavailable(format!("corrupt quota: {e}")))?;
                (count.turns, Condition::Version(item.version))
            }
            None => (0, Condition::NotExists),
        };
        if count >= limit {
            return Err(Problem::AssistantCap { limit }.into());
        }
        let data = serde_json::to_string(&Count { turns: count + 1 }).expect("a count serialises");
        let mut item = Item::new(key(ctx, day), current.map_or(1, |i| i.version + 1), data);
        item.expires_at = Some(ctx.now().as_second() + 3 * 24 * 3600);
        match ctx
            .store()
            .transact(vec![WriteOp::Put { item, condition }])
            .await
        {
            Ok(()) => return Ok(()),
            Err(StoreError::ConditionFailed { .. }) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(Problem::Contended.into())
}
