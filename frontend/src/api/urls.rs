//! Every API URL the SPA asks for, per resource, in one place. The same arguments give the same URL, so views
//! showing the same thing share one request.

use jiff::Timestamp;

use super::encode;

/// How many items a list page asks for.
pub const PAGE: usize = 200;

/// The order of a list: as created, or from the latest (invoices, quotes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    Oldest,
    Newest,
}

/// A resource mounted with the API's CRUD routes: `/api/<name>` and `/api/<name>/<id>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resource(pub &'static str);

pub const CLIENTS: Resource = Resource("clients");
pub const ROOMS: Resource = Resource("rooms");
pub const EQUIPMENT: Resource = Resource("equipment");
pub const SESSIONS: Resource = Resource("sessions");
pub const PROJECTS: Resource = Resource("projects");
pub const QUOTES: Resource = Resource("quotes");
pub const INVOICES: Resource = Resource("invoices");
pub const PAYMENTS: Resource = Resource("payments");

impl Resource {
    pub fn name(self) -> &'static str {
        self.0
    }

    /// `POST` here to create.
    pub fn collection(self) -> String {
        format!("/api/{}", self.0)
    }

    /// The first page, optionally filtered by a search.
    pub fn list(self, q: &str) -> String {
        match q.trim() {
            "" => format!("/api/{}?limit={PAGE}", self.0),
            q => format!("/api/{}?limit={PAGE}&q={}", self.0, encode(q)),
        }
    }

    /// The first page in `order`.
    pub fn list_in(self, q: &str, order: Order) -> String {
        match order {
            Order::Oldest => self.list(q),
            Order::Newest => format!("{}&order=newest", self.list(q)),
        }
    }

    /// The entities `ids` name, read together.
    pub fn named(self, ids: &[&str]) -> String {
        let ids: Vec<String> = ids.iter().map(|id| encode(id)).collect();
        format!("/api/{}?ids={}", self.0, ids.join(","))
    }

    /// `GET`, `PATCH` one entity.
    pub fn one(self, id: &str) -> String {
        format!("/api/{}/{}", self.0, encode(id))
    }

    /// `POST` a step of one entity's life (`issue`, `credit-note`, `send`, `accept`, `invoice`…).
    pub fn action(self, id: &str, action: &str) -> String {
        format!("{}/{action}", self.one(id))
    }

    /// `DELETE` one entity, only if it is still at `version`.
    pub fn delete(self, id: &str, version: u64) -> String {
        format!("{}?version={version}", self.one(id))
    }
}

/// Sessions in `[from, to)`, optionally of one room or client.
pub fn sessions_between(
    from: Timestamp,
    to: Timestamp,
    room: Option<&str>,
    client: Option<&str>,
) -> String {
    let mut url = format!(
        "/api/sessions?from={}&to={}",
        encode(&studio_wire::instant::format(from)),
        encode(&studio_wire::instant::format(to))
    );
    if let Some(room) = room {
        url.push_str(&format!("&room={}", encode(room)));
    }
    if let Some(client) = client {
        url.push_str(&format!("&client={}", encode(client)));
    }
    url
}

/// Every session of one client.
pub fn client_sessions(client: &str) -> String {
    format!("/api/sessions?client={}", encode(client))
}

/// The sessions linked to one project.
pub fn project_sessions(project: &str) -> String {
    format!("/api/sessions?project={}", encode(project))
}

/// `POST` a track to a project.
pub fn project_tracks(project: &str) -> String {
    format!("{}/tracks", PROJECTS.one(project))
}

/// `PATCH` or `DELETE` one track of a project.
pub fn project_track(project: &str, track: &str) -> String {
    format!("{}/{}", project_tracks(project), encode(track))
}

/// Every invoice and credit note of one client, newest first.
pub fn client_invoices(client: &str) -> String {
    format!("/api/invoices?client={}&order=newest", encode(client))
}

/// The invoices and credit notes of one project, newest first.
pub fn project_invoices(project: &str) -> String {
    format!("/api/invoices?project={}&order=newest", encode(project))
}

/// The payments (and reversals) of one invoice.
pub fn invoice_payments(invoice: &str) -> String {
    format!("/api/payments?invoice={}", encode(invoice))
}

/// `POST` here: a draft invoice from a client's sessions of a period.
pub const INVOICE_FROM_SESSIONS: &str = "/api/invoices/from-sessions";

/// The printable invoice (an A4 HTML page), in `lang`.
pub fn invoice_print(invoice: &str, lang: &str) -> String {
    format!("{}?lang={lang}", INVOICES.action(invoice, "print"))
}

pub const DASHBOARD: &str = "/api/dashboard";

pub const SETTINGS: &str = "/api/settings";

pub const CHAT: &str = "/api/chat";

/// The change feed after `since`, leaving out this browser's own writes.
pub fn changes(since: Option<&str>, origin: &str) -> String {
    match since {
        Some(since) => format!(
            "/api/changes?since={}&origin={}",
            encode(since),
            encode(origin)
        ),
        None => "/api/changes".to_owned(),
    }
}

/// The history, newest first: all of it, or one resource's, one channel's (`assistant`, `form`), one person's.
pub fn activity(resource: &str, via: &str, person: &str) -> String {
    let mut url = "/api/activity?limit=50".to_owned();
    for (name, value) in [
        ("resource", resource),
        ("via", via),
        ("person", person.trim()),
    ] {
        if !value.is_empty() {
            url.push_str(&format!("&{name}={}", encode(value)));
        }
    }
    url
}

/// One entity's history.
pub fn entity_history(resource: &str, id: &str) -> String {
    format!(
        "/api/activity?limit=20&resource={}&id={}",
        encode(resource),
        encode(id)
    )
}

pub fn undo(activity: &str) -> String {
    format!("/api/activity/{}/undo", encode(activity))
}

pub const PENDING: &str = "/api/chat/pending";

/// `confirm` or `cancel` a proposal of the assistant.
pub fn decide(pending: &str, decision: &str) -> String {
    format!("{PENDING}/{}/{decision}", encode(pending))
}
