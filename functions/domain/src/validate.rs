//! Collecting field problems, so a form can show them all at once, and the text rules every entity uses.

use std::collections::BTreeMap;

use studio_wire::{FieldProblem, Money, Problem};

use crate::{error::DomainError, text::trimmed};

#[derive(Default)]
pub(crate) struct Errors(BTreeMap<String, FieldProblem>);

impl Errors {
    /// The value, or `None` with the problem recorded against `field`.
    pub fn take<T>(&mut self, field: &str, result: Result<T, FieldProblem>) -> Option<T> {
        result
            .map_err(|problem| self.0.insert(field.to_owned(), problem))
            .ok()
    }

    pub fn add(&mut self, field: &str, problem: FieldProblem) {
        self.0.insert(field.to_owned(), problem);
    }

    pub fn finish(self) -> Result<(), DomainError> {
        if self.0.is_empty() {
            return Ok(());
        }
        Err(Problem::Validation { problems: self.0 }.into())
    }
}

/// Trimmed, non-empty, at most `max` characters.
pub(crate) fn required(raw: &str, max: usize) -> Result<String, FieldProblem> {
    let value = trimmed(raw).ok_or(FieldProblem::Required)?;
    if value.chars().count() > max {
        return Err(FieldProblem::TooLong { max });
    }
    Ok(value)
}

/// Trimmed, `None` when empty, at most `max` characters.
pub(crate) fn optional(raw: &str, max: usize) -> Result<Option<String>, FieldProblem> {
    match trimmed(raw) {
        None => Ok(None),
        Some(value) if value.chars().count() > max => Err(FieldProblem::TooLong { max }),
        Some(value) => Ok(Some(value)),
    }
}

/// 1,000,000.00 in minor units: far above any real price, low enough that totals never overflow.
pub(crate) const MONEY_MAX: Money = Money(100_000_000);

/// An amount from zero to [`MONEY_MAX`].
pub(crate) fn amount(value: Money) -> Result<Money, FieldProblem> {
    if value < Money::ZERO {
        Err(FieldProblem::NegativeAmount)
    } else if value > MONEY_MAX {
        Err(FieldProblem::AmountTooLarge { max: MONEY_MAX.0 })
    } else {
        Ok(value)
    }
}
