//! Parsed invoice fields: the client, its project, the lines (each with its amount, exact — see `totals`) and the notes.
//! A line's VAT rate defaults to the studio's; a VAT-exempt studio invoices at 0 %.

use studio_wire::{
    FieldProblem, InvoiceLine, InvoicePatch, NewInvoice, NewLine, Quantity, StudioSettings,
};

use super::totals::line_amount;
use crate::{
    error::DomainError,
    validate::{Errors, amount, optional, required},
};

pub const DESCRIPTION_MAX: usize = 500;
pub const NOTES_MAX: usize = 4000;
pub const LINES_MAX: usize = 200;
/// A million units: far above any real line, low enough that amounts never overflow.
pub const QUANTITY_MAX: Quantity = Quantity(1_000_000_000);
/// 100 %, in hundredths of a percent.
pub const VAT_RATE_MAX: u32 = 10_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceFields {
    pub client_id: String,
    /// One of the client's projects (checked by the service).
    pub project_id: Option<String>,
    pub lines: Vec<InvoiceLine>,
    pub notes: Option<String>,
}

fn line(
    errors: &mut Errors,
    index: usize,
    raw: &NewLine,
    settings: &StudioSettings,
) -> Option<InvoiceLine> {
    let field = |name: &str| format!("lines.{index}.{name}");
    let description = errors.take(
        &field("description"),
        required(&raw.description, DESCRIPTION_MAX),
    );
    let quantity = errors.take(
        &field("quantity"),
        if (Quantity(0)..=QUANTITY_MAX).contains(&raw.quantity) {
            Ok(raw.quantity)
        } else {
            Err(FieldProblem::OutOfRange {
                min: 0,
                max: QUANTITY_MAX.0 / 1000,
            })
        },
    );
    let unit_price = errors.take(&field("unit_price"), amount(raw.unit_price));
    let rate = match (raw.vat_rate, settings.vat_exempt) {
        (None, true) => Ok(0),
        (None, false) => Ok(settings.default_vat_rate),
        (Some(0), _) => Ok(0),
        (Some(_), true) => Err(FieldProblem::VatWhileExempt),
        (Some(rate), false) if rate <= VAT_RATE_MAX => Ok(rate),
        (Some(_), false) => Err(FieldProblem::OutOfRange {
            min: 0,
            max: i64::from(VAT_RATE_MAX),
        }),
    };
    let vat_rate = errors.take(&field("vat_rate"), rate);
    Some(InvoiceLine {
        description: description?,
        quantity: quantity?,
        unit_price: unit_price?,
        vat_rate: vat_rate?,
        amount: line_amount(quantity?, unit_price?),
        session_id: None,
    })
}

fn lines(errors: &mut Errors, raw: &[NewLine], settings: &StudioSettings) -> Vec<InvoiceLine> {
    if raw.len() > LINES_MAX {
        errors.add(
            "lines",
            FieldProblem::OutOfRange {
                min: 0,
                max: LINES_MAX as i64,
            },
        );
        return Vec::new();
    }
    raw.iter()
        .enumerate()
        .filter_map(|(index, l)| line(errors, index, l, settings))
        .collect()
}

impl InvoiceFields {
    pub fn parse(input: &NewInvoice, settings: &StudioSettings) -> Result<Self, DomainError> {
        let blank = Self {
            client_id: String::new(),
            project_id: None,
            lines: Vec::new(),
            notes: None,
        };
        blank.patched(
            &InvoicePatch {
                version: 0,
                client_id: Some(input.client_id.clone()),
                project_id: input.project_id.clone(),
                lines: Some(input.lines.clone()),
                notes: input.notes.clone(),
            },
            settings,
        )
    }

    /// The fields after `patch`: `lines`, when given, replaces them all.
    pub fn patched(
        &self,
        patch: &InvoicePatch,
        settings: &StudioSettings,
    ) -> Result<Self, DomainError> {
        let mut errors = Errors::default();
        let mut next = self.clone();
        if let Some(client) = &patch.client_id {
            next.client_id = client.trim().to_owned();
        }
        if let Some(raw) = &patch.project_id {
            let id = raw.trim();
            next.project_id = (!id.is_empty()).then(|| id.to_owned());
        }
        if let Some(raw) = &patch.lines {
            next.lines = lines(&mut errors, raw, settings);
        }
        if let Some(raw) = &patch.notes
            && let Some(notes) = errors.take("notes", optional(raw, NOTES_MAX))
        {
            next.notes = notes;
        }
        errors.finish()?;
        Ok(next)
    }
}

/// The lines of a credit note: those of the invoice it cancels, credited.
pub fn credited(lines: &[InvoiceLine]) -> Vec<InvoiceLine> {
    lines
        .iter()
        .map(|l| {
            let quantity = Quantity(-l.quantity.0);
            InvoiceLine {
                quantity,
                amount: line_amount(quantity, l.unit_price),
                ..l.clone()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use studio_wire::{Money, Problem};

    use super::*;

    fn typed(description: &str, quantity: &str, unit_price: i64, vat_rate: Option<u32>) -> NewLine {
        NewLine {
            description: description.into(),
            quantity: Quantity::parse(quantity).unwrap(),
            unit_price: Money(unit_price),
            vat_rate,
        }
    }

    #[test]
    fn lines_take_the_studio_s_rate_and_every_bad_value_is_reported_by_its_line() {
        let input = NewInvoice {
            client_id: "C".into(),
            project_id: None,
            lines: vec![
                typed("Studio A, 3.5 h", "3.5", 4500, None),
                typed(" ", "-1", -5, Some(20_000)),
            ],
            notes: None,
        };
        let Err(DomainError::Refused(Problem::Validation { problems })) =
            InvoiceFields::parse(&input, &StudioSettings::default())
        else {
            panic!("expected a validation error");
        };
        assert_eq!(
            problems,
            BTreeMap::from([
                ("lines.1.description".to_owned(), FieldProblem::Required),
                (
                    "lines.1.quantity".to_owned(),
                    FieldProblem::OutOfRange {
                        min: 0,
                        max: 1_000_000
                    }
                ),
                (
                    "lines.1.unit_price".to_owned(),
                    FieldProblem::NegativeAmount
                ),
                (
                    "lines.1.vat_rate".to_owned(),
                    FieldProblem::OutOfRange {
                        min: 0,
                        max: 10_000
                    }
                ),
            ])
        );
        let good = NewInvoice {
            lines: vec![typed("Studio A, 3.5 h", "3.5", 4500, None)],
            ..input
        };
        let fields = InvoiceFields::parse(&good, &StudioSettings::default()).unwrap();
        assert_eq!(
            (fields.lines[0].vat_rate, fields.lines[0].amount),
            (2000, Money(15_750))
        );
    }

    #[test]
    fn a_vat_exempt_studio_invoices_at_zero() {
        let exempt = StudioSettings {
            vat_exempt: true,
            ..StudioSettings::default()
        };
        let input = |rate| NewInvoice {
            client_id: "C".into(),
            project_id: None,
            lines: vec![typed("Mix", "1", 30_000, rate)],
            notes: None,
        };
        assert_eq!(
            InvoiceFields::parse(&input(None), &exempt).unwrap().lines[0].vat_rate,
            0
        );
        assert_eq!(
            InvoiceFields::parse(&input(Some(2000)), &exempt).unwrap_err(),
            DomainError::field("lines.0.vat_rate", FieldProblem::VatWhileExempt)
        );
    }
}
