//! Quotes (devis). Numbered when created (`D-2026-0001`, gapless like invoices), edited and deleted only
//! while a draft; sent, then accepted or rejected while valid (a sent quote past its validity date reads as
//! expired); an accepted quote becomes a draft invoice with the same lines, once — the invoice and the
//! quote's new status are written in one transaction conditioned on the quote's version, so two racing
//! conversions make one invoice. Lines and totals are parsed and computed as an invoice's.

use async_trait::async_trait;
use jiff::{ToSpan, civil::Date};
use studio_wire::{
    FieldProblem, Invoice, InvoicePatch, NewInvoice, NewQuote, Page, Problem, Quote, QuotePatch,
    QuoteStatus,
};

use crate::{
    ChangeSet, Crud, Ctx, DomainError,
    entity::{self, Entity, ListQuery},
    invoices::{self, InvoiceFields, Series, check_client, numbering, totals::totals},
    projects,
    refs::Refs,
    settings,
    tx::{Tx, retry_contended},
};

impl Entity for Quote {
    const RESOURCE: &'static str = "quotes";
    const PREFIX: &'static str = "QUOTE#";

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

/// How long a quote holds when no date is given.
pub const VALIDITY_DAYS: i64 = 30;
/// How often a creation is retried when another one took the number it read.
const ATTEMPTS: usize = 300;

fn searchable(quote: &Quote) -> Vec<&str> {
    [Some(&quote.number), quote.notes.as_ref()]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect()
}

/// The quote as a person sees it `today`: sent and past its validity date, it has expired.
fn as_of(mut quote: Quote, today: Date) -> Quote {
    if quote.status == QuoteStatus::Sent && quote.valid_until < today {
        quote.status = QuoteStatus::Expired;
    }
    quote
}

fn refused(quote: &Quote) -> DomainError {
    Problem::QuoteState {
        number: quote.number.clone(),
        status: quote.status.name().to_owned(),
    }
    .into()
}

fn fields_of(quote: &Quote) -> InvoiceFields {
    InvoiceFields {
        client_id: quote.client_id.clone(),
        project_id: quote.project_id.clone(),
        lines: quote.lines.clone(),
        notes: quote.notes.clone(),
    }
}

/// A draft, numbered in this year's series.
pub async fn create(ctx: &Ctx, input: &NewQuote) -> Result<(Quote, ChangeSet), DomainError> {
    let settings = settings::get(ctx).await?;
    let (today, _) = invoices::today(ctx).await?;
    let as_invoice = NewInvoice {
        client_id: input.client_id.clone(),
        project_id: input.project_id.clone(),
        lines: input.lines.clone(),
        notes: input.notes.clone(),
    };
    let fields = InvoiceFields::parse(&as_invoice, &settings)?;
    check_client(ctx, &fields.client_id).await?;
    projects::check_link(ctx, fields.project_id.as_deref(), &fields.client_id).await?;
    let valid_until = match input.valid_until {
        Some(day) => day,
        None => today.checked_add(VALIDITY_DAYS.days()).unwrap_or(today),
    };
    let (id, now) = (ctx.new_id(), ctx.now());
    retry_contended!(ATTEMPTS, {
        let mut tx = Tx::default();
        let (number, take) = numbering::next(ctx, Series::Quotes, today.year()).await?;
        tx.push(take, DomainError::contended());
        let quote = Quote {
            id: id.clone(),
            number,
            status: QuoteStatus::Draft,
            client_id: fields.client_id.clone(),
            project_id: fields.project_id.clone(),
            totals: totals(&fields.lines),
            lines: fields.lines.clone(),
            valid_until,
            invoice_id: None,
            notes: fields.notes.clone(),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        Refs::client_quotes(ctx, &quote.client_id)
            .add(&mut tx, ctx, 1)
            .await?;
        let project = quote.project_id.as_deref();
        Refs::move_ref(&mut tx, ctx, Refs::project_quotes, None, project).await?;
        entity::insert(&mut tx, ctx, &quote);
        let changes = tx.commit(ctx).await?;
        Ok((quote.clone(), changes.touching_client(&quote.client_id)))
    })
}

pub async fn get(ctx: &Ctx, id: &str) -> Result<Quote, DomainError> {
    let (today, _) = invoices::today(ctx).await?;
    Ok(as_of(entity::get(ctx, id).await?, today))
}

/// Every quote of the studio as of today, oldest first (all pages).
pub async fn all(ctx: &Ctx) -> Result<Vec<Quote>, DomainError> {
    let (today, _) = invoices::today(ctx).await?;
    let found = entity::all::<Quote>(ctx, None, searchable).await?;
    Ok(found.into_iter().map(|q| as_of(q, today)).collect())
}

pub async fn list(ctx: &Ctx, query: &ListQuery) -> Result<Page<Quote>, DomainError> {
    let (today, _) = invoices::today(ctx).await?;
    let mut page: Page<Quote> = entity::list(ctx, query, searchable).await?;
    page.items = page.items.into_iter().map(|q| as_of(q, today)).collect();
    Ok(page)
}

/// The quotes a person may mean by `reference`: an id or a number (`D-2026-0003`).
pub async fn find(ctx: &Ctx, reference: &str) -> Result<Vec<Quote>, DomainError> {
    let (today, _) = invoices::today(ctx).await?;
    let found = entity::find_by_name::<Quote>(ctx, reference, |q| &q.number, searchable).await?;
    Ok(found.into_iter().map(|q| as_of(q, today)).collect())
}

/// Changes a draft, if `patch.version` is still the stored one.
pub async fn update(
    ctx: &Ctx,
    id: &str,
    patch: &QuotePatch,
) -> Result<(Quote, ChangeSet), DomainError> {
    let current = get(ctx, id).await?;
    if current.status != QuoteStatus::Draft {
        return Err(refused(&current));
    }
    let settings = settings::get(ctx).await?;
    let as_invoice = InvoicePatch {
        version: patch.version,
        client_id: patch.client_id.clone(),
        project_id: patch.project_id.clone(),
        lines: patch.lines.clone(),
        notes: patch.notes.clone(),
    };
    let after = fields_of(&current).patched(&as_invoice, &settings)?;
    if after.client_id != current.client_id {
        check_client(ctx, &after.client_id).await?;
    }
    if (&after.client_id, &after.project_id) != (&current.client_id, &current.project_id) {
        projects::check_link(ctx, after.project_id.as_deref(), &after.client_id).await?;
    }
    entity::check_version(&current, Some(patch.version))?;
    let mut quote = current.clone();
    quote.totals = totals(&after.lines);
    quote.project_id = after.project_id;
    (quote.client_id, quote.lines, quote.notes) = (after.client_id, after.lines, after.notes);
    quote.valid_until = patch.valid_until.unwrap_or(current.valid_until);
    if quote == current {
        return Ok((current, ChangeSet::default()));
    }
    quote.updated_at = ctx.now();
    let mut tx = Tx::default();
    if quote.client_id != current.client_id {
        Refs::client_quotes(ctx, &current.client_id)
            .add(&mut tx, ctx, -1)
            .await?;
        Refs::client_quotes(ctx, &quote.client_id)
            .add(&mut tx, ctx, 1)
            .await?;
    }
    let (was, is) = (current.project_id.as_deref(), quote.project_id.as_deref());
    Refs::move_ref(&mut tx, ctx, Refs::project_quotes, was, is).await?;
    entity::replace(&mut tx, ctx, &current, &mut quote);
    let changes = tx.commit(ctx).await?.touching_client(&current.client_id);
    Ok((quote.clone(), changes.touching_client(&quote.client_id)))
}

/// Deletes a draft; a quote that was sent is part of the studio's history and stays.
pub async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
    let current = get(ctx, id).await?;
    if current.status != QuoteStatus::Draft {
        return Err(refused(&current));
    }
    entity::check_version(&current, version)?;
    let mut tx = Tx::default();
    Refs::client_quotes(ctx, &current.client_id)
        .add(&mut tx, ctx, -1)
        .await?;
    let project = current.project_id.as_deref();
    Refs::move_ref(&mut tx, ctx, Refs::project_quotes, project, None).await?;
    entity::remove(&mut tx, ctx, &current);
    Ok(tx.commit(ctx).await?.touching_client(&current.client_id))
}

/// Moves a quote from one of `from` to `to`, if still at `version`.
async fn mark(
    ctx: &Ctx,
    id: &str,
    version: u64,
    from: QuoteStatus,
    to: QuoteStatus,
) -> Result<(Quote, ChangeSet), DomainError> {
    let current = get(ctx, id).await?;
    if current.status != from {
        return Err(refused(&current));
    }
    entity::check_version(&current, Some(version))?;
    if to == QuoteStatus::Sent && current.lines.is_empty() {
        return Err(DomainError::field("lines", FieldProblem::NoLines));
    }
    let mut quote = current.clone();
    quote.status = to;
    quote.updated_at = ctx.now();
    let mut tx = Tx::default();
    entity::replace(&mut tx, ctx, &current, &mut quote);
    let changes = tx.commit(ctx).await?;
    Ok((quote.clone(), changes.touching_client(&quote.client_id)))
}

/// A draft goes out to the client (it needs a line).
pub async fn send(ctx: &Ctx, id: &str, version: u64) -> Result<(Quote, ChangeSet), DomainError> {
    mark(ctx, id, version, QuoteStatus::Draft, QuoteStatus::Sent).await
}

/// The client accepted a sent quote that still holds.
pub async fn accept(ctx: &Ctx, id: &str, version: u64) -> Result<(Quote, ChangeSet), DomainError> {
    mark(ctx, id, version, QuoteStatus::Sent, QuoteStatus::Accepted).await
}

/// The client turned a sent quote down.
pub async fn reject(ctx: &Ctx, id: &str, version: u64) -> Result<(Quote, ChangeSet), DomainError> {
    mark(ctx, id, version, QuoteStatus::Sent, QuoteStatus::Rejected).await
}

/// Turns an accepted quote into a draft invoice with its lines, once. Returns the invoice.
pub async fn invoice(
    ctx: &Ctx,
    id: &str,
    version: u64,
) -> Result<(Invoice, ChangeSet), DomainError> {
    let current = get(ctx, id).await?;
    if current.status != QuoteStatus::Accepted {
        return Err(refused(&current));
    }
    entity::check_version(&current, Some(version))?;
    let mut tx = Tx::default();
    let invoice = invoices::insert_draft(&mut tx, ctx, fields_of(&current)).await?;
    let mut quote = current.clone();
    quote.status = QuoteStatus::Invoiced;
    quote.invoice_id = Some(invoice.id.clone());
    quote.updated_at = ctx.now();
    entity::replace(&mut tx, ctx, &current, &mut quote);
    let changes = tx.commit(ctx).await?.touching_client(&invoice.client_id);
    Ok((invoice, changes))
}

pub struct Quotes;

#[async_trait]
impl Crud for Quotes {
    type Entity = Quote;
    type New = NewQuote;
    type Patch = QuotePatch;
    type Query = ListQuery;

    async fn get(ctx: &Ctx, id: &str) -> Result<Quote, DomainError> {
        get(ctx, id).await
    }
    async fn create(ctx: &Ctx, input: &NewQuote) -> Result<(Quote, ChangeSet), DomainError> {
        create(ctx, input).await
    }
    async fn update(
        ctx: &Ctx,
        id: &str,
        patch: &QuotePatch,
    ) -> Result<(Quote, ChangeSet), DomainError> {
        update(ctx, id, patch).await
    }
    async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
        delete(ctx, id, version).await
    }
    async fn list(ctx: &Ctx, query: &ListQuery) -> Result<Page<Quote>, DomainError> {
        list(ctx, query).await
    }
}
