//! What the studio invoiced and collected over a period: issued invoices less credit notes by their issue
//! date (the turnover, excl. and incl. VAT), and payments by the day they were received. Computed from the
//! documents themselves, so it always agrees with them.

use jiff::civil::Date;
use studio_wire::{FieldProblem, Invoice, InvoiceStatus, Money, Payment, Revenue};

use crate::{Ctx, DomainError, entity, invoices};

/// Between `from` and `to`, both days included; without `from`, from the first of this month (in the
/// studio's zone); without `to`, to the end of `from`'s month.
pub async fn of_period(
    ctx: &Ctx,
    from: Option<Date>,
    to: Option<Date>,
) -> Result<Revenue, DomainError> {
    let from = match from {
        Some(day) => day,
        None => invoices::today(ctx).await?.0.first_of_month(),
    };
    let to = to.unwrap_or_else(|| from.last_of_month());
    if to < from {
        return Err(DomainError::field("to", FieldProblem::EndBeforeStart));
    }
    let invoices = invoices::all(ctx).await?;
    let payments = entity::all::<Payment>(ctx, None, |_| Vec::new()).await?;
    Ok(of_documents(&invoices, &payments, from, to))
}

/// The revenue between `from` and `to` (both included) of documents already read.
pub fn of_documents(invoices: &[Invoice], payments: &[Payment], from: Date, to: Date) -> Revenue {
    let within = |day: Option<Date>| day.is_some_and(|d| from <= d && d <= to);
    let issued: Vec<&Invoice> = invoices
        .iter()
        .filter(|i| i.status != InvoiceStatus::Draft && within(i.issued_on))
        .collect();
    let total = |of: fn(&Invoice) -> Money| Money(issued.iter().map(|i| of(i).cents()).sum());
    let received = payments.iter().filter(|p| within(Some(p.paid_on)));
    Revenue {
        from,
        to,
        invoiced_net: total(|i| i.totals.net),
        invoiced_gross: total(|i| i.totals.gross),
        collected: Money(received.map(|p| p.amount.cents()).sum()),
        documents: u32::try_from(issued.len()).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests {
    use jiff::ToSpan;
    use studio_wire::{Money, NewClient, NewInvoice, NewLine, NewPayment, Quantity};

    use super::*;
    use crate::{clients, payments, testing::ctx};

    #[tokio::test]
    async fn turnover_counts_issued_invoices_less_credit_notes_and_cash_counts_payments_by_day() {
        let ctx = ctx();
        let (client, _) = clients::create(
            &ctx,
            &NewClient {
                name: "Léa".into(),
                ..NewClient::default()
            },
        )
        .await
        .unwrap();
        let draft = |euros: i64| NewInvoice {
            client_id: client.id.clone(),
            lines: vec![NewLine {
                description: "Mix".into(),
                quantity: Quantity::parse("1").unwrap(),
                unit_price: Money(euros * 100),
                vat_rate: Some(2000),
            }],
            ..NewInvoice::default()
        };
        let mut issued = Vec::new();
        for euros in [100, 250, 40] {
            let (invoice, _) = invoices::create(&ctx, &draft(euros)).await.unwrap();
            issued.push(invoices::issue(&ctx, &invoice.id, 1).await.unwrap().0);
        }
        invoices::create(&ctx, &draft(999)).await.unwrap(); // a draft counts for nothing
        invoices::credit_note(&ctx, &issued[2].id, issued[2].version)
            .await
            .unwrap();
        let today = issued[0].issued_on.unwrap();
        let pay = |invoice: &Invoice, euros: i64, day: Date| NewPayment {
            invoice_id: invoice.id.clone(),
            amount: Money(euros * 100),
            method: Default::default(),
            paid_on: Some(day),
            reference: None,
        };
        payments::record(&ctx, &pay(&issued[0], 120, today))
            .await
            .unwrap();
        let yesterday = today.checked_sub(1.day()).unwrap();
        payments::record(&ctx, &pay(&issued[1], 50, yesterday))
            .await
            .unwrap();

        let day = of_period(&ctx, Some(today), Some(today)).await.unwrap();
        // 100 + 250 + 40 − 40 excl. VAT; 120 + 300 + 48 − 48 incl. VAT at 20 %.
        assert_eq!(
            (day.invoiced_net, day.invoiced_gross),
            (Money(35_000), Money(42_000))
        );
        assert_eq!((day.collected, day.documents), (Money(12_000), 4));
        let before = of_period(&ctx, Some(yesterday), Some(yesterday))
            .await
            .unwrap();
        assert_eq!(
            (before.invoiced_net, before.collected, before.documents),
            (Money::ZERO, Money(5_000), 0)
        );
        let month = of_period(&ctx, None, None).await.unwrap();
        assert_eq!(
            (month.from, month.to),
            (today.first_of_month(), today.last_of_month())
        );
        assert_eq!((month.invoiced_net, month.documents), (Money(35_000), 4));
        let refused = of_period(&ctx, Some(today), Some(yesterday))
            .await
            .unwrap_err();
        assert!(
            format!("{refused:?}").contains("EndBeforeStart"),
            "{refused:?}"
        );
    }
}
