//! Gapless legal numbering: one counter item per series and year (`COUNTER#<series>#<year>`). Issuing reads it
//! and writes the next value in the same transaction as the numbered document, conditioned on the version read:
//! two issues racing for one number cannot both commit, and a failed issue writes nothing — so no gap, no
//! duplicate.

use serde::{Deserialize, Serialize};

use crate::{
    Ctx, DomainError,
    entity::{decode_value, encode_value},
    keys,
    store::{Condition, Item, WriteOp},
};

/// A number series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Series {
    /// `2026-0001`.
    Invoices,
    /// Credit notes (avoirs): `AV-2026-0001`.
    CreditNotes,
    /// Quotes (devis): `D-2026-0001`.
    Quotes,
}

impl Series {
    fn key_name(self) -> &'static str {
        match self {
            Series::Invoices => "INVOICE",
            Series::CreditNotes => "CREDIT",
            Series::Quotes => "QUOTE",
        }
    }

    fn format(self, year: i16, number: u32) -> String {
        match self {
            Series::Invoices => format!("{year}-{number:04}"),
            Series::CreditNotes => format!("AV-{year}-{number:04}"),
            Series::Quotes => format!("D-{year}-{number:04}"),
        }
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Counter {
    last: u32,
}

/// The next number of `series` in `year`, and the write that takes it (to go into the same transaction).
pub async fn next(ctx: &Ctx, series: Series, year: i16) -> Result<(String, WriteOp), DomainError> {
    let key = keys::counter(ctx, series.key_name(), year);
    let (counter, condition) = match ctx.store().get(&key).await? {
        None => (Counter::default(), Condition::NotExists),
        Some(item) => (
            decode_value::<Counter>(&item)?,
            Condition::Version(item.version),
        ),
    };
    let number = counter.last + 1;
    let version = match condition {
        Condition::Version(v) => v + 1,
        _ => 1,
    };
    let item = Item::new(key, version, encode_value(&Counter { last: number }));
    Ok((
        series.format(year, number),
        WriteOp::Put { item, condition },
    ))
}
