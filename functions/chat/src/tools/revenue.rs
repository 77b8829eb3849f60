//! The revenue tool: what the studio invoiced (excl. VAT, credit notes deducted) and collected over a period,
//! this month unless told.

use serde::Deserialize;
use serde_json::{Value, json};
use studio_domain::{ChangeSet, revenue};

use super::{Tool, ToolEnv, ToolOutcome, ToolResult, arguments, failed};

pub fn tools() -> Vec<Tool> {
    vec![Tool::new(
        "revenue",
        "What the studio invoiced (excl. VAT, credit notes deducted) and collected between two days, both included; this month when no day is given.",
        json!({"type": "object", "properties": {
            "from": {"type": "string", "description": "The first day, e.g. 2026-11-01."},
            "to": {"type": "string", "description": "The last day, e.g. 2026-11-30."}
        }}),
        |env, args| Box::pin(of_period(env, args)),
    )]
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PeriodArgs {
    from: Option<String>,
    to: Option<String>,
}

async fn of_period(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: PeriodArgs = arguments(env, "revenue", args)?;
    let from = args.from.map(|day| env.day(&day)).transpose()?;
    let to = args.to.map(|day| env.day(&day)).transpose()?;
    let figures = revenue::of_period(&env.ctx, from, to).await.map_err(|e| {
        failed(
            env,
            "Calcul impossible",
            "Could not compute the revenue",
            &e,
        )
    })?;
    let (net, collected) = (
        env.money(figures.invoiced_net),
        env.money(figures.collected),
    );
    let (first, last) = (env.date(figures.from), env.date(figures.to));
    let summary = env.say(
        format!(
            "Du {first} au {last} : {net} HT facturés ({} document(s)), {collected} encaissés.",
            figures.documents
        ),
        format!(
            "From {first} to {last}: {net} invoiced excl. VAT ({} document(s)), {collected} collected.",
            figures.documents
        ),
    );
    Ok(ToolOutcome::success(
        summary,
        json!(figures),
        ChangeSet::default(),
    ))
}
