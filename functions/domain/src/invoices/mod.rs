//! Invoices and credit notes. A draft is edited and deleted freely; issuing numbers it (gapless, per year, in
//! the same transaction as the counter — see `numbering`) and freezes it; an issued invoice is only ever
//! cancelled by a credit note, which has its own series. Totals are computed here, exactly (see `totals`).

mod fields;
pub(crate) mod numbering;
pub mod totals;

use async_trait::async_trait;
use futures::future::try_join_all;
use jiff::{ToSpan, civil::Date};
use serde::Deserialize;
use studio_wire::{
    Client, FieldProblem, Invoice, InvoiceKind, InvoiceLine, InvoicePatch, InvoiceStatus, Money,
    NewInvoice, Page, Problem, Project, Quantity, Room, SessionsToInvoice,
};

pub use fields::InvoiceFields;
pub use numbering::Series;

use crate::{
    ChangeSet, Crud, Ctx, DomainError, balances,
    entity::{self, Entity, ListQuery, Order, encode_value},
    index, keys, projects,
    refs::Refs,
    sessions, settings,
    store::{Condition, Item, WriteOp},
    tx::{Tx, retry_contended},
};

impl Entity for Invoice {
    const RESOURCE: &'static str = "invoices";
    const PREFIX: &'static str = "INVOICE#";

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

/// The most sessions one invoice bills (a transaction holds at most 100 writes).
pub const SESSIONS_PER_INVOICE: usize = 90;

/// How often an issue is retried when another one took the number it read.
const ATTEMPTS: usize = 300;

/// `GET /api/invoices` parameters: a page of every invoice, as any list's; or, with `client` and/or `project`,
/// every invoice and credit note of that client or project, read from the client's index (never a scan).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct InvoiceQuery {
    pub cursor: Option<String>,
    pub limit: Option<usize>,
    pub q: Option<String>,
    pub ids: Option<String>,
    pub order: Option<Order>,
    pub client: Option<String>,
    pub project: Option<String>,
}

impl InvoiceQuery {
    /// The parameters of a page of every invoice.
    fn page(&self) -> ListQuery {
        ListQuery {
            cursor: self.cursor.clone(),
            limit: self.limit,
            q: self.q.clone(),
            ids: self.ids.clone(),
            order: self.order,
        }
    }
}

/// Where an invoice is listed among its client's.
fn index_key(ctx: &Ctx, invoice: &Invoice) -> crate::Key {
    keys::client_invoice(ctx, &invoice.client_id, &invoice.id)
}

fn searchable(invoice: &Invoice) -> Vec<&str> {
    [invoice.number.as_ref(), invoice.notes.as_ref()]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect()
}

/// Only a draft may change: an issued one says so, with its number.
fn draft(invoice: &Invoice) -> Result<(), DomainError> {
    match invoice.status {
        InvoiceStatus::Draft => Ok(()),
        _ => Err(Problem::Issued {
            number: invoice.number.clone().unwrap_or_default(),
        }
        .into()),
    }
}

pub(crate) async fn check_client(ctx: &Ctx, client_id: &str) -> Result<(), DomainError> {
    match entity::get::<Client>(ctx, client_id).await {
        Ok(_) => Ok(()),
        Err(e) if e.is_not_found() => Err(DomainError::field(
            "client_id",
            FieldProblem::NoSuch {
                resource: Client::RESOURCE.to_owned(),
                value: client_id.to_owned(),
            },
        )),
        Err(e) => Err(e),
    }
}

/// A draft.
pub async fn create(ctx: &Ctx, input: &NewInvoice) -> Result<(Invoice, ChangeSet), DomainError> {
    let settings = settings::get(ctx).await?;
    let fields = InvoiceFields::parse(input, &settings)?;
    check_client(ctx, &fields.client_id).await?;
    projects::check_link(ctx, fields.project_id.as_deref(), &fields.client_id).await?;
    let mut tx = Tx::default();
    let invoice = insert_draft(&mut tx, ctx, fields).await?;
    let changes = tx.commit(ctx).await?;
    Ok((invoice.clone(), changes.touching_client(&invoice.client_id)))
}

/// Adds a draft of valid `fields` (its client checked) to `tx`, counted among its client's invoices.
pub(crate) async fn insert_draft(
    tx: &mut Tx,
    ctx: &Ctx,
    fields: InvoiceFields,
) -> Result<Invoice, DomainError> {
    let now = ctx.now();
    let invoice = Invoice {
        id: ctx.new_id(),
        kind: InvoiceKind::Invoice,
        number: None,
        status: InvoiceStatus::Draft,
        totals: totals::totals(&fields.lines),
        paid: Money::ZERO,
        client_id: fields.client_id,
        project_id: fields.project_id,
        lines: fields.lines,
        issued_on: None,
        due_on: None,
        overdue: false,
        credit: None,
        notes: fields.notes,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    Refs::client_invoices(ctx, &invoice.client_id)
        .add(tx, ctx, 1)
        .await?;
    let project = invoice.project_id.as_deref();
    Refs::move_ref(tx, ctx, Refs::project_invoices, None, project).await?;
    index::add(tx, index_key(ctx, &invoice));
    entity::insert(tx, ctx, &invoice);
    Ok(invoice)
}

/// The invoice as read `today`: overdue when issued, not fully paid and past its due date.
fn as_of(mut invoice: Invoice, today: Date) -> Invoice {
    let unpaid = matches!(
        invoice.status,
        InvoiceStatus::Issued | InvoiceStatus::PartiallyPaid
    );
    invoice.overdue = invoice.kind == InvoiceKind::Invoice
        && unpaid
        && invoice.due_on.is_some_and(|due| due < today);
    invoice
}

async fn as_of_today(ctx: &Ctx, invoices: Vec<Invoice>) -> Result<Vec<Invoice>, DomainError> {
    let (today, _) = today(ctx).await?;
    Ok(invoices.into_iter().map(|i| as_of(i, today)).collect())
}

pub async fn get(ctx: &Ctx, id: &str) -> Result<Invoice, DomainError> {
    let (today, _) = today(ctx).await?;
    Ok(as_of(entity::get(ctx, id).await?, today))
}

/// Holds `session_id` for `invoice_id` in `tx`: fails (contended) if another invoice took it meanwhile.
fn bill_session(tx: &mut Tx, ctx: &Ctx, session_id: &str, invoice_id: &str) {
    let item = Item::new(
        keys::invoiced_session(ctx, session_id),
        1,
        encode_value(&invoice_id),
    );
    tx.push(
        WriteOp::Put {
            item,
            condition: Condition::NotExists,
        },
        DomainError::contended(),
    );
}

/// Frees the sessions `lines` bill, in `tx` (a deleted draft, replaced lines, a credit note).
fn release_sessions(tx: &mut Tx, ctx: &Ctx, lines: &[InvoiceLine]) {
    for session in lines.iter().filter_map(|l| l.session_id.as_deref()) {
        tx.push(
            WriteOp::Delete {
                key: keys::invoiced_session(ctx, session),
                condition: Condition::None,
            },
            DomainError::contended(),
        );
    }
}

/// A draft billing the client's sessions between two local days (included) that no invoice bills yet: one
/// line per session, at its own price, described by room, local date and times, and title.
pub async fn from_sessions(
    ctx: &Ctx,
    request: &SessionsToInvoice,
) -> Result<(Invoice, ChangeSet), DomainError> {
    let settings = settings::load(ctx).await?;
    check_client(ctx, &request.client_id).await?;
    if request.to < request.from {
        return Err(DomainError::field("to", FieldProblem::EndBeforeStart));
    }
    let midnight = |day: Date| {
        day.to_zoned_datetime(settings.zone.clone())
            .map(|z| z.timestamp())
            .map_err(|_| DomainError::field("from", FieldProblem::RangeTooWide { max_days: 366 }))
    };
    let from = midnight(request.from)?;
    let to = midnight(request.to.tomorrow().unwrap_or(request.to))?;
    let rate = if settings.values.vat_exempt {
        0
    } else {
        settings.values.default_vat_rate
    };
    let id = ctx.new_id();
    retry_contended!(8, {
        let mut open = Vec::new();
        for session in sessions::of_client(ctx, &request.client_id, Some((from, to))).await? {
            if ctx
                .store()
                .get(&keys::invoiced_session(ctx, &session.id))
                .await?
                .is_none()
            {
                open.push(session);
            }
        }
        if open.is_empty() {
            return Err(DomainError::field("from", FieldProblem::NothingToInvoice));
        }
        // One transaction holds at most 100 writes: the oldest sessions first, the rest on a next invoice.
        open.truncate(SESSIONS_PER_INVOICE);
        let mut lines = Vec::new();
        for session in &open {
            let room: Room = entity::get(ctx, &session.room_id).await?;
            let (start, end) = (
                session.start.to_zoned_datetime(settings.zone.clone()),
                session.end.to_zoned_datetime(settings.zone.clone()),
            );
            lines.push(InvoiceLine {
                description: format!(
                    "{} — {} {:02}:{:02}–{:02}:{:02} — {}",
                    room.name,
                    start.date(),
                    start.hour(),
                    start.minute(),
                    end.hour(),
                    end.minute(),
                    session.title
                ),
                quantity: Quantity::ONE,
                unit_price: session.price,
                vat_rate: rate,
                amount: session.price,
                session_id: Some(session.id.clone()),
            });
        }
        let now = ctx.now();
        let invoice = Invoice {
            id: id.clone(),
            kind: InvoiceKind::Invoice,
            number: None,
            status: InvoiceStatus::Draft,
            client_id: request.client_id.clone(),
            project_id: None,
            totals: totals::totals(&lines),
            lines,
            paid: Money::ZERO,
            issued_on: None,
            due_on: None,
            overdue: false,
            credit: None,
            notes: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let mut tx = Tx::default();
        for session in &open {
            bill_session(&mut tx, ctx, &session.id, &invoice.id);
        }
        Refs::client_invoices(ctx, &invoice.client_id)
            .add(&mut tx, ctx, 1)
            .await?;
        index::add(&mut tx, index_key(ctx, &invoice));
        entity::insert(&mut tx, ctx, &invoice);
        let changes = tx.commit(ctx).await?;
        Ok((invoice.clone(), changes.touching_client(&invoice.client_id)))
    })
}

/// Changes a draft, if `patch.version` is still the stored one.
pub async fn update(
    ctx: &Ctx,
    id: &str,
    patch: &InvoicePatch,
) -> Result<(Invoice, ChangeSet), DomainError> {
    let current: Invoice = entity::get(ctx, id).await?;
    draft(&current)?;
    let settings = settings::get(ctx).await?;
    let before = InvoiceFields {
        client_id: current.client_id.clone(),
        project_id: current.project_id.clone(),
        lines: current.lines.clone(),
        notes: current.notes.clone(),
    };
    let after = before.patched(patch, &settings)?;
    if after.client_id != before.client_id {
        check_client(ctx, &after.client_id).await?;
    }
    if (&after.client_id, &after.project_id) != (&before.client_id, &before.project_id) {
        projects::check_link(ctx, after.project_id.as_deref(), &after.client_id).await?;
    }
    entity::check_version(&current, Some(patch.version))?;
    if after == before {
        return Ok((current, ChangeSet::default()));
    }
    let mut invoice = current.clone();
    invoice.totals = totals::totals(&after.lines);
    (invoice.client_id, invoice.lines, invoice.notes) = (after.client_id, after.lines, after.notes);
    invoice.project_id = after.project_id;
    invoice.updated_at = ctx.now();
    let mut tx = Tx::default();
    if patch.lines.is_some() {
        release_sessions(&mut tx, ctx, &current.lines);
    }
    if invoice.client_id != current.client_id {
        Refs::client_invoices(ctx, &current.client_id)
            .add(&mut tx, ctx, -1)
            .await?;
        Refs::client_invoices(ctx, &invoice.client_id)
            .add(&mut tx, ctx, 1)
            .await?;
        index::remove(&mut tx, index_key(ctx, &current));
        index::add(&mut tx, index_key(ctx, &invoice));
    }
    let (was, is) = (current.project_id.as_deref(), invoice.project_id.as_deref());
    Refs::move_ref(&mut tx, ctx, Refs::project_invoices, was, is).await?;
    entity::replace(&mut tx, ctx, &current, &mut invoice);
    let changes = tx.commit(ctx).await?.touching_client(&current.client_id);
    Ok((invoice.clone(), changes.touching_client(&invoice.client_id)))
}

/// Deletes a draft. An issued invoice is never deleted: a credit note cancels it.
pub async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
    let current: Invoice = entity::get(ctx, id).await?;
    draft(&current)?;
    entity::check_version(&current, version)?;
    let mut tx = Tx::default();
    Refs::client_invoices(ctx, &current.client_id)
        .add(&mut tx, ctx, -1)
        .await?;
    let project = current.project_id.as_deref();
    Refs::move_ref(&mut tx, ctx, Refs::project_invoices, project, None).await?;
    release_sessions(&mut tx, ctx, &current.lines);
    index::remove(&mut tx, index_key(ctx, &current));
    entity::remove(&mut tx, ctx, &current);
    Ok(tx.commit(ctx).await?.touching_client(&current.client_id))
}

/// Every invoice and credit note of the studio, oldest first (all pages).
pub async fn all(ctx: &Ctx) -> Result<Vec<Invoice>, DomainError> {
    as_of_today(ctx, entity::all(ctx, None, searchable).await?).await
}

pub async fn list(ctx: &Ctx, query: &InvoiceQuery) -> Result<Page<Invoice>, DomainError> {
    let (client, project) = (query.client.as_deref(), query.project.as_deref());
    if client.is_none() && project.is_none() {
        let page: Page<Invoice> = entity::list(ctx, &query.page(), searchable).await?;
        return Ok(Page {
            items: as_of_today(ctx, page.items).await?,
            next_cursor: page.next_cursor,
        });
    }
    // A filter names an entity by its id; anything else names none (and never reaches into another key).
    for (field, resource, value) in [
        ("client", "clients", client),
        ("project", "projects", project),
    ] {
        if let Some(value) = value.filter(|v| !entity::is_id(v)) {
            return Err(DomainError::field(
                field,
                FieldProblem::NoSuch {
                    resource: resource.to_owned(),
                    value: value.to_owned(),
                },
            ));
        }
    }
    let client = match (client, project) {
        (Some(client), _) => client.to_owned(),
        (None, Some(project)) => entity::get::<Project>(ctx, project).await?.client_id,
        (None, None) => unreachable!("checked above"),
    };
    let mut items = of_client(ctx, &client).await?;
    items.retain(|i| project.is_none_or(|p| i.project_id.as_deref() == Some(p)));
    if query.order == Some(Order::Newest) {
        items.reverse();
    }
    Ok(Page {
        items,
        next_cursor: None,
    })
}

/// A client's invoices and credit notes, oldest first, read from its index.
pub async fn of_client(ctx: &Ctx, client_id: &str) -> Result<Vec<Invoice>, DomainError> {
    let ids = index::ids(ctx, &keys::client_invoices_prefix(client_id)).await?;
    let found = try_join_all(ids.iter().map(|id| entity::get::<Invoice>(ctx, id))).await?;
    as_of_today(ctx, found).await
}

/// The invoices a person may mean by `reference`: an id, or a number (`2026-0004`, `AV-2026-0001`).
pub async fn find(ctx: &Ctx, reference: &str) -> Result<Vec<Invoice>, DomainError> {
    // A number names one invoice; a partial one ("0004") may match several, which the caller reports.
    let found = entity::find_by_name::<Invoice>(ctx, reference, number_of, searchable).await?;
    as_of_today(ctx, found).await
}

fn number_of(invoice: &Invoice) -> &str {
    invoice.number.as_deref().unwrap_or_default()
}

/// A client's drafts, oldest first.
pub async fn drafts_of(ctx: &Ctx, client_id: &str) -> Result<Vec<Invoice>, DomainError> {
    let mut found = of_client(ctx, client_id).await?;
    found.retain(|i| i.status == InvoiceStatus::Draft);
    Ok(found)
}

/// Today in the studio's zone, and its payment terms.
pub(crate) async fn today(ctx: &Ctx) -> Result<(Date, i64), DomainError> {
    let settings = settings::load(ctx).await?;
    let today = ctx.now().to_zoned_datetime(settings.zone.clone()).date();
    Ok((today, i64::from(settings.values.payment_terms_days)))
}

/// Issues a draft: the next number of its year, today's date, the due date from the payment terms. Refused
/// (consuming no number) if the draft has no line or changed since `version`.
pub async fn issue(ctx: &Ctx, id: &str, version: u64) -> Result<(Invoice, ChangeSet), DomainError> {
    let (today, terms) = today(ctx).await?;
    retry_contended!(ATTEMPTS, {
        let current: Invoice = entity::get(ctx, id).await?;
        draft(&current)?;
        entity::check_version(&current, Some(version))?;
        if current.lines.is_empty() {
            return Err(DomainError::field("lines", FieldProblem::NoLines));
        }
        let mut tx = Tx::default();
        let (number, take) = numbering::next(ctx, Series::Invoices, today.year()).await?;
        tx.push(take, DomainError::contended());
        let mut invoice = current.clone();
        invoice.number = Some(number);
        invoice.status = InvoiceStatus::Issued;
        invoice.issued_on = Some(today);
        invoice.due_on = today.checked_add(terms.days()).ok();
        invoice.updated_at = ctx.now();
        balances::add(&mut tx, ctx, &invoice.client_id, invoice.totals.gross).await?;
        entity::replace(&mut tx, ctx, &current, &mut invoice);
        let changes = tx.commit(ctx).await?;
        Ok((invoice.clone(), changes.touching_client(&invoice.client_id)))
    })
}

/// Cancels an issued invoice with a credit note (its own series, issued today), in one transaction that also
/// marks the invoice cancelled. Returns the credit note.
pub async fn credit_note(
    ctx: &Ctx,
    id: &str,
    version: u64,
) -> Result<(Invoice, ChangeSet), DomainError> {
    let (today, _) = today(ctx).await?;
    let note_id = ctx.new_id();
    retry_contended!(ATTEMPTS, {
        let current: Invoice = entity::get(ctx, id).await?;
        match (current.kind, current.status) {
            (_, InvoiceStatus::Draft) => return Err(Problem::NotIssued.into()),
            (InvoiceKind::CreditNote, _) | (_, InvoiceStatus::Cancelled) => {
                return Err(Problem::AlreadyCancelled {
                    number: current.number.clone().unwrap_or_default(),
                }
                .into());
            }
            _ => {}
        }
        if current.paid != Money::ZERO {
            return Err(Problem::InUse {
                resource: Invoice::RESOURCE.to_owned(),
                dependents: "payments".to_owned(),
            }
            .into());
        }
        entity::check_version(&current, Some(version))?;
        let mut tx = Tx::default();
        let (number, take) = numbering::next(ctx, Series::CreditNotes, today.year()).await?;
        tx.push(take, DomainError::contended());
        let lines = fields::credited(&current.lines);
        let now = ctx.now();
        let note = Invoice {
            id: note_id.clone(),
            kind: InvoiceKind::CreditNote,
            number: Some(number),
            status: InvoiceStatus::Issued,
            client_id: current.client_id.clone(),
            project_id: current.project_id.clone(),
            totals: totals::totals(&lines),
            lines,
            paid: Money::ZERO,
            issued_on: Some(today),
            due_on: None,
            overdue: false,
            credit: Some(current.id.clone()),
            notes: None,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let mut cancelled = current.clone();
        cancelled.status = InvoiceStatus::Cancelled;
        cancelled.credit = Some(note.id.clone());
        cancelled.updated_at = now;
        balances::add(&mut tx, ctx, &note.client_id, note.totals.gross).await?;
        Refs::client_invoices(ctx, &note.client_id)
            .add(&mut tx, ctx, 1)
            .await?;
        let project = note.project_id.as_deref();
        Refs::move_ref(&mut tx, ctx, Refs::project_invoices, None, project).await?;
        release_sessions(&mut tx, ctx, &current.lines);
        index::add(&mut tx, index_key(ctx, &note));
        entity::insert(&mut tx, ctx, &note);
        entity::replace(&mut tx, ctx, &current, &mut cancelled);
        let changes = tx.commit(ctx).await?;
        Ok((note.clone(), changes.touching_client(&note.client_id)))
    })
}

/// The invoices service as the API mounts it.
pub struct Invoices;

#[async_trait]
impl Crud for Invoices {
    type Entity = Invoice;
    type New = NewInvoice;
    type Patch = InvoicePatch;
    type Query = InvoiceQuery;

    async fn get(ctx: &Ctx, id: &str) -> Result<Invoice, DomainError> {
        get(ctx, id).await
    }
    async fn create(ctx: &Ctx, input: &NewInvoice) -> Result<(Invoice, ChangeSet), DomainError> {
        create(ctx, input).await
    }
    async fn update(
        ctx: &Ctx,
        id: &str,
        patch: &InvoicePatch,
    ) -> Result<(Invoice, ChangeSet), DomainError> {
        update(ctx, id, patch).await
    }
    async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
        delete(ctx, id, version).await
    }
    async fn list(ctx: &Ctx, query: &InvoiceQuery) -> Result<Page<Invoice>, DomainError> {
        list(ctx, query).await
    }
}
