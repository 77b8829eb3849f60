//! Payments: `POST /api/payments`, `GET /api/payments?invoice=`, `GET /api/payments/{id}`,
//! `POST /api/payments/{id}/reverse` (`{version}`), what a client owes: `GET /api/clients/{id}/balance`, and
//! what the studio invoiced and collected: `GET /api/revenue?from=2026-11-01&to=2026-11-30` (this month
//! without them).

use axum::{Json, extract::Path, http::StatusCode};
use jiff::civil::Date;
use serde::Deserialize;
use studio_domain::{balances, entity, payments, revenue};
use studio_wire::{
    Client, ClientBalance, FieldProblem, Mutation, NewPayment, Page, Payment, Problem, Revenue,
    VersionOnly,
};

use crate::{ApiError, Caller, JsonBody, crud::QueryParams};

pub async fn record(
    Caller(ctx): Caller,
    JsonBody(input): JsonBody<NewPayment>,
) -> Result<(StatusCode, Json<Mutation<Payment>>), ApiError> {
    let (payment, changes) = payments::record(&ctx, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(Mutation {
            data: Some(payment),
            invalidations: changes.invalidations(),
        }),
    ))
}

#[derive(Deserialize)]
pub struct OfInvoice {
    invoice: Option<String>,
}

pub async fn list(
    Caller(ctx): Caller,
    QueryParams(query): QueryParams<OfInvoice>,
) -> Result<Json<Page<Payment>>, ApiError> {
    let Some(invoice) = query.invoice.filter(|i| entity::is_id(i)) else {
        return Err(ApiError::new(Problem::field(
            "invoice",
            FieldProblem::Required,
        )));
    };
    Ok(Json(payments::of_invoice(&ctx, &invoice).await?))
}

pub async fn read(Caller(ctx): Caller, Path(id): Path<String>) -> Result<Json<Payment>, ApiError> {
    Ok(Json(payments::get(&ctx, &id).await?))
}

/// Answers with the reversal entry.
pub async fn reverse(
    Caller(ctx): Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<VersionOnly>,
) -> Result<Json<Mutation<Payment>>, ApiError> {
    let (reversal, changes) = payments::reverse(&ctx, &id, body.version).await?;
    Ok(Json(Mutation {
        data: Some(reversal),
        invalidations: changes.invalidations(),
    }))
}

pub async fn client_balance(
    Caller(ctx): Caller,
    Path(id): Path<String>,
) -> Result<Json<ClientBalance>, ApiError> {
    let client: Client = entity::get(&ctx, &id).await?;
    Ok(Json(balances::of_client(&ctx, &client.id).await?))
}

#[derive(Deserialize)]
pub struct Period {
    from: Option<Date>,
    to: Option<Date>,
}

pub async fn revenue(
    Caller(ctx): Caller,
    QueryParams(period): QueryParams<Period>,
) -> Result<Json<Revenue>, ApiError> {
    Ok(Json(
        revenue::of_period(&ctx, period.from, period.to).await?,
    ))
}
