//! Index items (`IDX#…`): an entity's id listed under another one — a client's sessions and invoices, an
//! invoice's payments — written in the transaction that writes the entity, read by prefix (never a scan).

use crate::{
    Ctx, DomainError,
    store::{Condition, Item, Key, WriteOp},
    tx::Tx,
};

/// Lists the id that ends `key` under its prefix.
pub fn add(tx: &mut Tx, key: Key) {
    let item = Item::new(key, 1, "{}".into());
    tx.push(
        WriteOp::Put {
            item,
            condition: Condition::None,
        },
        DomainError::contended(),
    );
}

/// Takes it off again.
pub fn remove(tx: &mut Tx, key: Key) {
    tx.push(
        WriteOp::Delete {
            key,
            condition: Condition::None,
        },
        DomainError::contended(),
    );
}

/// The ids listed under `prefix`, in id order (so by creation), every page of them.
pub async fn ids(ctx: &Ctx, prefix: &str) -> Result<Vec<String>, DomainError> {
    let mut ids = Vec::new();
    let mut after: Option<String> = None;
    loop {
        let page = ctx
            .store()
            .query(&ctx.studio.partition(), prefix, after.as_deref(), 200)
            .await?;
        ids.extend(
            page.items
                .iter()
                .filter_map(|i| i.key.sk.strip_prefix(prefix).map(str::to_owned)),
        );
        match page.last_key {
            Some(last) => after = Some(last),
            None => return Ok(ids),
        }
    }
}
