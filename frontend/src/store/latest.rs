//! The stale-response guard: of the requests one view started, only the latest may update it.

use std::cell::Cell;

/// Issued when a view starts a request; only the newest ticket is current.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket(u64);

#[derive(Debug, Default)]
pub struct Latest {
    issued: Cell<u64>,
}

impl Latest {
    pub fn begin(&self) -> Ticket {
        self.issued.set(self.issued.get() + 1);
        Ticket(self.issued.get())
    }

    /// False once a newer request has begun (or the view went away): its response must be dropped.
    pub fn is_current(&self, ticket: Ticket) -> bool {
        self.issued.get() == ticket.0
    }

    /// Makes every outstanding ticket stale.
    pub fn cancel(&self) {
        self.issued.set(self.issued.get() + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_response_that_started_before_a_newer_request_is_dropped() {
        let latest = Latest::default();
        let old = latest.begin();
        let new = latest.begin();
        // The old response arrives last: it must not overwrite the newer data.
        assert!(latest.is_current(new));
        assert!(!latest.is_current(old));
    }

    #[test]
    fn cancelling_drops_every_outstanding_response() {
        let latest = Latest::default();
        let ticket = latest.begin();
        latest.cancel();
        assert!(!latest.is_current(ticket));
    }
}
