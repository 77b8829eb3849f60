//! What each client owes, kept rather than computed: `BALANCE#CLIENT#<id>` holds the outstanding amount, and
//! every write that changes it (issuing an invoice or a credit note, a payment, a reversal) adds its delta in
//! its own transaction, conditioned on the version read — so the balance is never off, even under races.

use serde::{Deserialize, Serialize};
use studio_wire::{ClientBalance, Money};

use crate::{
    Ctx, DomainError,
    entity::{decode_value, encode_value},
    keys,
    store::{Condition, Item, WriteOp},
    tx::Tx,
};

#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    outstanding: i64,
}

async fn read(ctx: &Ctx, client_id: &str) -> Result<(i64, Option<u64>), DomainError> {
    match ctx
        .store()
        .get(&keys::client_balance(ctx, client_id))
        .await?
    {
        None => Ok((0, None)),
        Some(item) => Ok((
            decode_value::<Stored>(&item)?.outstanding,
            Some(item.version),
        )),
    }
}

/// The client's outstanding amount (zero before any invoice).
pub async fn of_client(ctx: &Ctx, client_id: &str) -> Result<ClientBalance, DomainError> {
    Ok(ClientBalance {
        outstanding: Money(read(ctx, client_id).await?.0),
    })
}

/// Adds `delta` to the client's balance in `tx`; a racing write of it makes `tx` fail as contended.
pub(crate) async fn add(
    tx: &mut Tx,
    ctx: &Ctx,
    client_id: &str,
    delta: Money,
) -> Result<(), DomainError> {
    let (outstanding, version) = read(ctx, client_id).await?;
    let condition = version.map_or(Condition::NotExists, Condition::Version);
    let stored = Stored {
        outstanding: outstanding + delta.cents(),
    };
    let item = Item::new(
        keys::client_balance(ctx, client_id),
        version.unwrap_or(0) + 1,
        encode_value(&stored),
    );
    tx.push(WriteOp::Put { item, condition }, DomainError::contended());
    Ok(())
}
