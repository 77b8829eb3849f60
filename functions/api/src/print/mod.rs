//! `GET /api/invoices/{id}/print`: the invoice (or credit note) as one A4 HTML page that the browser's "print
//! to PDF" turns into the document the client receives, with every mention French law asks of it. Worded in
//! `?lang=fr|en` when given, else the request's language (Accept-Language); amounts in the studio's currency.

mod html;

use axum::{
    extract::Path,
    http::{HeaderMap, header},
    response::{Html, IntoResponse},
};
use studio_domain::{entity, invoices, settings};
use studio_wire::{Client, Locale};

use crate::{ApiError, Caller, crud::QueryParams};

#[derive(serde::Deserialize)]
pub struct Print {
    lang: Option<String>,
}

pub use html::{Document, render};

pub async fn invoice(
    Caller(ctx): Caller,
    Path(id): Path<String>,
    QueryParams(print): QueryParams<Print>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, ApiError> {
    let asked = print.lang.as_deref().or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
    });
    let locale = Locale::from_accept_language(asked);
    let invoice = invoices::get(&ctx, &id).await?;
    let client: Client = entity::get(&ctx, &invoice.client_id).await?;
    let counterpart = match &invoice.credit {
        Some(other) => invoices::get(&ctx, other).await?.number,
        None => None,
    };
    let studio = settings::get(&ctx).await?;
    let document = Document {
        invoice: &invoice,
        client: &client,
        studio: &studio,
        counterpart: counterpart.as_deref(),
        locale,
    };
    Ok(Html(render(&document)))
}
