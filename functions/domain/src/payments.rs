//! Payments against issued invoices. Recording one adds it, raises its invoice's paid amount (and moves the
//! invoice to partially paid or paid) and lowers its client's balance — one transaction, conditioned on the
//! invoice's version, so two payments that together overpay cannot both commit. A payment is never deleted:
//! its reversal (same amount, negative) undoes it the same way.

use studio_wire::{
    FieldProblem, Invoice, InvoiceKind, InvoiceStatus, Money, NewPayment, Page, Payment, Problem,
};

use crate::{
    ChangeSet, Ctx, DomainError, balances,
    entity::{self, Entity},
    index, invoices, keys,
    tx::{Tx, retry_contended},
    validate::{Errors, amount, optional},
};

impl Entity for Payment {
    const RESOURCE: &'static str = "payments";
    const PREFIX: &'static str = "PAYMENT#";

    fn id(&self) -> &str {
        &self.id
    }
    fn version(&self) -> u64 {
        self.version
    }
    fn set_version(&mut self, version: u64) {
        self.version = version;
    }
}

pub const REFERENCE_MAX: usize = 200;
/// How often a payment is retried when another write changed its invoice meanwhile.
const ATTEMPTS: usize = 20;

/// The status an invoice's paid amount gives it.
fn status(invoice: &Invoice) -> InvoiceStatus {
    match invoice.paid.cents() {
        0 => InvoiceStatus::Issued,
        paid if paid < invoice.totals.gross.cents() => InvoiceStatus::PartiallyPaid,
        _ => InvoiceStatus::Paid,
    }
}

/// The invoice a payment goes to, if it can take one, and what it still owes.
fn payable(invoice: &Invoice) -> Result<Money, DomainError> {
    match (invoice.kind, invoice.status) {
        (_, InvoiceStatus::Draft) => Err(Problem::NotIssued.into()),
        (InvoiceKind::CreditNote, _) | (_, InvoiceStatus::Cancelled) => {
            Err(Problem::AlreadyCancelled {
                number: invoice.number.clone().unwrap_or_default(),
            }
            .into())
        }
        _ => Ok(Money(invoice.totals.gross.cents() - invoice.paid.cents())),
    }
}

async fn invoice_of(ctx: &Ctx, id: &str) -> Result<Invoice, DomainError> {
    match entity::get::<Invoice>(ctx, id).await {
        Err(e) if e.is_not_found() => Err(DomainError::field(
            "invoice_id",
            FieldProblem::NoSuch {
                resource: Invoice::RESOURCE.to_owned(),
                value: id.to_owned(),
            },
        )),
        other => other,
    }
}

/// Writes `payment` with its effects on its invoice and client balance; `Contended` if the invoice changed.
async fn commit(
    ctx: &Ctx,
    mut tx: Tx,
    payment: &Payment,
    invoice: &Invoice,
) -> Result<(Invoice, ChangeSet), DomainError> {
    let mut next = invoice.clone();
    next.paid = Money(invoice.paid.cents() + payment.amount.cents());
    next.status = status(&next);
    next.updated_at = ctx.now();
    entity::insert(&mut tx, ctx, payment);
    index::add(
        &mut tx,
        keys::invoice_payment(ctx, &invoice.id, &payment.id),
    );
    balances::add(
        &mut tx,
        ctx,
        &invoice.client_id,
        Money(-payment.amount.cents()),
    )
    .await?;
    entity::replace(&mut tx, ctx, invoice, &mut next);
    let mut changes = tx.commit(ctx).await?;
    changes.touch(studio_wire::Client::RESOURCE, &invoice.client_id);
    Ok((next, changes))
}

/// Records a payment on an issued invoice; more than it still owes is refused.
pub async fn record(ctx: &Ctx, input: &NewPayment) -> Result<(Payment, ChangeSet), DomainError> {
    let mut errors = Errors::default();
    let paid = errors.take(
        "amount",
        amount(input.amount).and_then(|a| {
            if a == Money::ZERO {
                Err(FieldProblem::NotPositive)
            } else {
                Ok(a)
            }
        }),
    );
    let reference = input
        .reference
        .as_deref()
        .and_then(|r| errors.take("reference", optional(r, REFERENCE_MAX)))
        .flatten();
    errors.finish()?;
    let Some(paid) = paid else {
        unreachable!("a refused amount always records a problem")
    };
    let paid_on = match input.paid_on {
        Some(day) => day,
        None => invoices::today(ctx).await?.0,
    };
    let id = ctx.new_id();
    retry_contended!(ATTEMPTS, {
        let invoice = invoice_of(ctx, &input.invoice_id).await?;
        let owed = payable(&invoice)?;
        if paid > owed {
            // Said with its currency: "638,24 € au plus", not a bare number.
            let currency = crate::settings::get(ctx).await?.currency;
            return Err(Problem::Overpayment {
                balance: owed.cents(),
                currency,
            }
            .into());
        }
        let payment = Payment {
            id: id.clone(),
            invoice_id: invoice.id.clone(),
            client_id: invoice.client_id.clone(),
            amount: paid,
            method: input.method,
            paid_on,
            reference: reference.clone(),
            reverses: None,
            reversed_by: None,
            created_at: ctx.now(),
            version: 1,
        };
        let (_, changes) = commit(ctx, Tx::default(), &payment, &invoice).await?;
        Ok((payment, changes))
    })
}

/// Reverses a payment: a negative entry of the same amount, the invoice's paid amount and status and the
/// client's balance restored. A payment is reversed once.
pub async fn reverse(
    ctx: &Ctx,
    id: &str,
    version: u64,
) -> Result<(Payment, ChangeSet), DomainError> {
    let reversal_id = ctx.new_id();
    retry_contended!(ATTEMPTS, {
        let original: Payment = entity::get(ctx, id).await?;
        if original.reverses.is_some() || original.reversed_by.is_some() {
            return Err(Problem::AlreadyReversed.into());
        }
        entity::check_version(&original, Some(version))?;
        let invoice: Invoice = entity::get(ctx, &original.invoice_id).await?;
        let reversal = Payment {
            id: reversal_id.clone(),
            amount: Money(-original.amount.cents()),
            paid_on: invoices::today(ctx).await?.0,
            reverses: Some(original.id.clone()),
            reversed_by: None,
            created_at: ctx.now(),
            version: 1,
            ..original.clone()
        };
        let mut reversed = original.clone();
        reversed.reversed_by = Some(reversal.id.clone());
        let mut tx = Tx::default();
        entity::replace(&mut tx, ctx, &original, &mut reversed);
        let (_, changes) = commit(ctx, tx, &reversal, &invoice).await?;
        Ok((reversal, changes))
    })
}

pub async fn get(ctx: &Ctx, id: &str) -> Result<Payment, DomainError> {
    entity::get(ctx, id).await
}

/// An invoice's payments (reversals included), oldest first, read from its index.
pub async fn of_invoice(ctx: &Ctx, invoice_id: &str) -> Result<Page<Payment>, DomainError> {
    let ids = index::ids(ctx, &keys::invoice_payments_prefix(invoice_id)).await?;
    let payments = futures::future::try_join_all(ids.iter().map(|id| get(ctx, id))).await?;
    Ok(Page {
        items: payments,
        next_cursor: None,
    })
}
