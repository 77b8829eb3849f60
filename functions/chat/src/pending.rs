//! Proposals. A destructive or irreversible tool call is not run by the turn: it is previewed (run on a context
//! that commits nothing) and kept server-side as a pending action — the exact tool and arguments, the person,
//! the preview — until that person confirms it, cancels it, or it expires. Confirming runs the tool on a
//! context whose first transaction also marks the proposal confirmed, on the version that was read: it runs
//! exactly once, whatever the double clicks, retries or parallel tabs.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use studio_domain::{
    Condition, Ctx, DomainError, Item, StoreError, WriteOp, keys, settings::Settings,
};
use studio_wire::{
    ActionSummary, Decision, Entry, EntryOp, Locale, PendingAction, PendingStatus, Problem, Via,
};

use crate::{
    i18n::pick,
    tools::{self, ToolEnv, ToolOutcome},
};

/// How long a proposal waits for a person.
pub const LIFETIME_SECONDS: i64 = 15 * 60;
/// How long a decided or expired proposal is kept, so the next turn can tell the model what became of it.
const KEPT_SECONDS: i64 = 24 * 3600;

/// The stored proposal: what the SPA sees, and what only the server needs to run it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    action: PendingAction,
    arguments: Value,
    person: String,
    locale: Locale,
}

/// What a proposed tool would do, in a few words: "Supprimer le client".
fn doing(tool: &str, locale: Locale) -> &'static str {
    let (fr, en) = match tool {
        "cancel_session" => ("Annuler la session", "Cancel the session"),
        "issue_invoice" => ("Émettre la facture", "Issue the invoice"),
        "record_payment" => ("Enregistrer le paiement", "Record the payment"),
        "reverse_payment" => ("Contre-passer le paiement", "Reverse the payment"),
        "credit_note" => (
            "Annuler la facture par un avoir",
            "Cancel the invoice with a credit note",
        ),
        "delete_client" => ("Supprimer le client", "Delete the client"),
        "delete_session" => ("Supprimer la session", "Delete the session"),
        "delete_room" => ("Supprimer la salle", "Delete the room"),
        "delete_equipment" => ("Supprimer l'équipement", "Delete the item"),
        "delete_project" => ("Supprimer le projet", "Delete the project"),
        "delete_invoice" => ("Supprimer le brouillon", "Delete the draft"),
        "update_room" => ("Désactiver la salle", "Deactivate the room"),
        _ => ("Exécuter", "Run"),
    };
    pick(locale, fr, en)
}

fn summary(tool: &str, preview: &[Entry], locale: Locale) -> String {
    let names: Vec<&str> = preview.iter().filter_map(|e| e.label.as_deref()).collect();
    match names.first() {
        Some(name) => match locale {
            Locale::Fr => format!("{} « {name} »", doing(tool, locale)),
            Locale::En => format!("{} \"{name}\"", doing(tool, locale)),
        },
        None => doing(tool, locale).to_owned(),
    }
}

fn corrupt(e: impl std::fmt::Display) -> DomainError {
    StoreError::Unavailable(format!("corrupt proposal: {e}")).into()
}

/// What the tool would write, by running it on a context that commits nothing; or its failure.
async fn preview(env: &ToolEnv, tool: &str, arguments: &Value) -> Result<Vec<Entry>, ToolOutcome> {
    let (ctx, sink) = env.ctx.previewing();
    let dry = ToolEnv {
        ctx,
        locale: env.locale,
        settings: env.settings.clone(),
    };
    let outcome = tools::execute(&dry, tool, arguments).await;
    if !outcome.ok {
        return Err(outcome);
    }
    let entries = std::mem::take(&mut *sink.lock().unwrap_or_else(|p| p.into_inner()));
    Ok(entries)
}

/// Whether two previews change the same entities, from the same versions, in the same way. An entity the
/// write creates gets a fresh id each time it is previewed, and so does a field naming it (the cancelled
/// invoice's `credit`, naming its new credit note): that is not a change of what will happen, so such an id is
/// compared by its place among the creations.
fn same_effect(a: &[Entry], b: &[Entry]) -> bool {
    fn keyed(entries: &[Entry]) -> Vec<impl PartialEq> {
        let created: Vec<&str> = entries
            .iter()
            .filter(|e| e.op == EntryOp::Created)
            .map(|e| e.id.as_str())
            .collect();
        let value = |v: &Option<Value>| match v {
            Some(Value::String(s)) => match created.iter().position(|id| id == s) {
                Some(nth) => Some(json!({ "created": nth })),
                None => v.clone(),
            },
            _ => v.clone(),
        };
        entries
            .iter()
            .map(|e| {
                let id = (e.op != EntryOp::Created).then(|| e.id.clone());
                let fields: Vec<_> = e
                    .fields
                    .iter()
                    .map(|f| (f.field.clone(), value(&f.before), value(&f.after)))
                    .collect();
                (e.resource.clone(), id, e.op, e.version, fields)
            })
            .collect()
    }
    keyed(a) == keyed(b)
}

/// Proposes `tool(arguments)` instead of running it: the outcome the model reads (nothing done, a person must
/// confirm) and the proposal, or the tool's own failure when it could not run at all.
pub async fn propose(
    env: &ToolEnv,
    conversation: &str,
    tool: &str,
    arguments: &Value,
) -> (ToolOutcome, Option<PendingAction>) {
    let entries = match preview(env, tool, arguments).await {
        Ok(entries) => entries,
        Err(failure) => return (failure, None),
    };
    let action = PendingAction {
        id: env.ctx.new_id(),
        conversation_id: conversation.to_owned(),
        tool: tool.to_owned(),
        summary: summary(tool, &entries, env.locale),
        preview: entries,
        status: PendingStatus::Pending,
        expires_at: env.ctx.now() + jiff::SignedDuration::from_secs(LIFETIME_SECONDS),
    };
    let stored = Stored {
        action: action.clone(),
        arguments: arguments.clone(),
        person: env.ctx.actor.person.clone(),
        locale: env.locale,
    };
    if let Err(error) = save(&env.ctx, &stored, 0).await {
        let failed = tools::failed(
            env,
            "Proposition impossible",
            "Could not propose this",
            &error,
        );
        return (failed, None);
    }
    let said = env.say(
        format!(
            "À confirmer : {}. Rien n'est fait tant que vous n'avez pas confirmé.",
            action.summary
        ),
        format!(
            "To confirm: {}. Nothing is done until you confirm.",
            action.summary
        ),
    );
    let result = json!({
        "ok": true,
        "pending": true,
        "summary": said,
        "note": "Not done yet: the app shows the user a Confirm button. Do not say it is done.",
        "preview": action.preview,
    });
    let outcome = ToolOutcome {
        ok: true,
        summary: said,
        result,
        changes: Default::default(),
    };
    (outcome, Some(action))
}

fn item(ctx: &Ctx, stored: &Stored, version: u64) -> Item {
    let mut item = Item::new(
        keys::pending(ctx, &stored.action.id),
        version,
        serde_json::to_string(stored).expect("a proposal serialises"),
    );
    item.expires_at = Some(stored.action.expires_at.as_second() + KEPT_SECONDS);
    item
}

fn condition(read: u64) -> Condition {
    if read == 0 {
        Condition::NotExists
    } else {
        Condition::Version(read)
    }
}

fn decided(status: PendingStatus) -> DomainError {
    let status = match status {
        PendingStatus::Confirmed => "confirmed",
        PendingStatus::Cancelled => "cancelled",
        PendingStatus::Pending | PendingStatus::Expired => "expired",
    };
    Problem::Decided {
        status: status.to_owned(),
    }
    .into()
}

/// Writes `stored` over the version `read` (0: a new proposal); `Decided` if someone decided it meanwhile.
async fn save(ctx: &Ctx, stored: &Stored, read: u64) -> Result<(), DomainError> {
    let op = WriteOp::Put {
        item: item(ctx, stored, read + 1),
        condition: condition(read),
    };
    match ctx.store().transact(vec![op]).await {
        Err(StoreError::ConditionFailed { .. }) => Err(decided(PendingStatus::Confirmed)),
        other => Ok(other?),
    }
}

/// The caller's proposal `id` and its version; never someone else's.
async fn load(ctx: &Ctx, id: &str) -> Result<(Stored, u64), DomainError> {
    let missing = || DomainError::not_found("pending", id);
    if !studio_domain::entity::is_id(id) {
        return Err(missing());
    }
    let item = ctx
        .store()
        .get(&keys::pending(ctx, id))
        .await?
        .ok_or_else(missing)?;
    let mut stored: Stored = serde_json::from_str(&item.data).map_err(corrupt)?;
    if stored.person != ctx.actor.person {
        return Err(missing());
    }
    if stored.action.status == PendingStatus::Pending && stored.action.expires_at < ctx.now() {
        stored.action.status = PendingStatus::Expired;
    }
    Ok((stored, item.version))
}

/// The proposal, still open: `Decided` otherwise.
async fn open(ctx: &Ctx, id: &str) -> Result<(Stored, u64), DomainError> {
    let (stored, version) = load(ctx, id).await?;
    match stored.action.status {
        PendingStatus::Pending => Ok((stored, version)),
        status => Err(decided(status)),
    }
}

/// Confirms proposal `id`: runs it once, if what it would change is still what the person saw. When the target
/// changed since, nothing runs and the answer carries the new preview, to confirm again.
pub async fn confirm(ctx: &Ctx, settings: &Settings, id: &str) -> Result<Decision, DomainError> {
    let (mut stored, read) = open(ctx, id).await?;
    let via = Via::Assistant {
        conversation: stored.action.conversation_id.clone(),
    };
    let env = ToolEnv {
        ctx: ctx.clone().acting(&stored.person, via),
        locale: stored.locale,
        settings: settings.clone(),
    };
    let (tool, arguments) = (stored.action.tool.clone(), stored.arguments.clone());
    let now = match preview(&env, &tool, &arguments).await {
        Ok(entries) => entries,
        Err(failure) => {
            // A confirmation running alongside may have done it already (its target is gone): say so.
            open(&env.ctx, id).await?;
            return Ok(refused(failure, stored.action));
        }
    };
    if !same_effect(&now, &stored.action.preview) {
        stored.action.summary = summary(&tool, &now, stored.locale);
        stored.action.preview = now;
        save(&env.ctx, &stored, read).await?;
        let said = env.say(
            "Les données ont changé depuis la proposition ; voici ce que la confirmation ferait maintenant.",
            "The data changed since the proposal; here is what confirming would do now.",
        );
        return Ok(Decision {
            summary: said.to_owned(),
            pending: Some(stored.action),
            action: None,
            invalidations: vec![],
        });
    }
    let mut done = stored.clone();
    done.action.status = PendingStatus::Confirmed;
    let claim = WriteOp::Put {
        item: item(&env.ctx, &done, read + 1),
        condition: condition(read),
    };
    let claiming = ToolEnv {
        ctx: env
            .ctx
            .claiming(claim.clone(), decided(PendingStatus::Confirmed)),
        locale: env.locale,
        settings: env.settings.clone(),
    };
    let outcome = tools::execute(&claiming, &tool, &arguments).await;
    if !outcome.ok {
        // Someone may have confirmed it meanwhile: then say so rather than the tool's own refusal.
        open(&env.ctx, id).await?;
        return Ok(refused(outcome, stored.action));
    }
    if !claiming.ctx.claim_spent() {
        // The tool wrote nothing (its effect was already there): the proposal is settled all the same.
        save(&env.ctx, &done, read).await?;
    }
    Ok(Decision {
        summary: outcome.summary.clone(),
        action: Some(ActionSummary {
            tool,
            ok: true,
            summary: outcome.summary,
            wrote: !outcome.changes.is_empty(),
            shows: outcome.changes.first_kept(),
            activity: outcome.changes.undoable_activity(),
        }),
        invalidations: outcome.changes.invalidations(),
        pending: Some(done.action),
    })
}

/// The tool refused when confirmed (the rules said no): nothing written, the proposal stays open.
fn refused(failure: ToolOutcome, action: PendingAction) -> Decision {
    Decision {
        summary: failure.summary,
        pending: Some(action),
        action: None,
        invalidations: vec![],
    }
}

/// Cancels proposal `id`: nothing runs.
pub async fn cancel(ctx: &Ctx, id: &str) -> Result<Decision, DomainError> {
    let (mut stored, read) = open(ctx, id).await?;
    stored.action.status = PendingStatus::Cancelled;
    save(ctx, &stored, read).await?;
    Ok(Decision {
        summary: pick(
            stored.locale,
            "Proposition annulée ; rien n'a été fait.",
            "Proposal cancelled; nothing was done.",
        )
        .to_owned(),
        pending: Some(stored.action),
        action: None,
        invalidations: vec![],
    })
}

/// The caller's proposals of the last day, oldest first (of one conversation when given), with expired ones
/// marked so.
pub async fn recent(
    ctx: &Ctx,
    conversation: Option<&str>,
) -> Result<Vec<PendingAction>, DomainError> {
    let since = ctx.now().as_millisecond() - (LIFETIME_SECONDS + KEPT_SECONDS) * 1000;
    let from = ulid::Ulid::from_parts(since.max(0) as u64, 0).to_string();
    let mut after = Some(format!("{}{from}", keys::PENDING_PREFIX));
    let mut found = Vec::new();
    loop {
        let page = ctx
            .store()
            .query(
                &ctx.studio.partition(),
                keys::PENDING_PREFIX,
                after.as_deref(),
                100,
            )
            .await?;
        for item in &page.items {
            let mut stored: Stored = serde_json::from_str(&item.data).map_err(corrupt)?;
            let mine = stored.person == ctx.actor.person
                && conversation.is_none_or(|c| c == stored.action.conversation_id);
            if mine {
                if stored.action.status == PendingStatus::Pending
                    && stored.action.expires_at < ctx.now()
                {
                    stored.action.status = PendingStatus::Expired;
                }
                found.push(stored.action);
            }
        }
        match page.last_key {
            Some(key) if found.len() < 200 => after = Some(key),
            _ => return Ok(found),
        }
    }
}

#[cfg(test)]
mod tests {
    use studio_wire::FieldChange;

    use super::*;

    /// A credit note's preview: the note created, and the invoice it cancels naming it.
    fn credit_note(note: &str, status: &str) -> Vec<Entry> {
        let field = |field: &str, before: Option<Value>, after: Value| FieldChange {
            field: field.to_owned(),
            before,
            after: Some(after),
        };
        vec![
            Entry {
                resource: "invoices".into(),
                id: note.into(),
                op: EntryOp::Created,
                version: 1,
                label: None,
                fields: vec![field("credit", None, json!("01INVOICE"))],
            },
            Entry {
                resource: "invoices".into(),
                id: "01INVOICE".into(),
                op: EntryOp::Updated,
                version: 3,
                label: None,
                fields: vec![
                    field("credit", None, json!(note)),
                    field("status", Some(json!("issued")), json!(status)),
                ],
            },
        ]
    }

    #[test]
    fn previews_differing_only_by_the_ids_of_what_they_create_have_the_same_effect() {
        let proposed = credit_note("01NOTEA", "cancelled");
        assert!(same_effect(&proposed, &credit_note("01NOTEB", "cancelled")));
        assert!(!same_effect(&proposed, &credit_note("01NOTEB", "paid")));
        let mut elsewhere = credit_note("01NOTEB", "cancelled");
        elsewhere[1].fields[0].after = Some(json!("01OTHER"));
        assert!(
            !same_effect(&proposed, &elsewhere),
            "a field naming something else"
        );
    }
}
