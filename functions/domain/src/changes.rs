//! Change sets: what a domain write actually changed, turned into the wire's invalidations.

use std::collections::BTreeSet;

use studio_wire::Invalidation;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Created,
    Updated,
    Deleted,
    /// Not written, but shows something that was (see `ChangeSet::touch`).
    Touched,
}

/// One entity written by a committed transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub resource: &'static str,
    pub id: String,
    pub op: Op,
}

/// Everything one domain call changed, cascades included. Built only from committed writes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSet {
    changes: Vec<Change>,
    /// The history records of the committed transactions (see `history`), each with whether it can be undone.
    activities: Vec<(String, bool)>,
}

impl ChangeSet {
    pub fn push(&mut self, change: Change) {
        self.changes.push(change);
    }

    pub fn extend(&mut self, other: ChangeSet) {
        self.changes.extend(other.changes);
        self.activities.extend(other.activities);
    }

    pub(crate) fn recorded_as(&mut self, activity: String, undoable: bool) {
        self.activities.push((activity, undoable));
    }

    /// The history record of the last write, when Undo can restore what it changed (what the assistant's Undo
    /// offers).
    pub fn undoable_activity(&self) -> Option<String> {
        match self.activities.last() {
            Some((id, true)) => Some(id.clone()),
            _ => None,
        }
    }

    /// Marks an entity's detail view stale because something it shows changed (a cascade, e.g. a room's
    /// sessions), without claiming the entity itself was written.
    pub fn touch(&mut self, resource: &'static str, id: &str) {
        self.changes.push(Change {
            resource,
            id: id.to_owned(),
            op: Op::Touched,
        });
    }

    /// The same changes, with the client `client_id`'s detail view marked stale too (it shows the client's
    /// invoices, quotes and projects).
    pub fn touching_client(mut self, client_id: &str) -> Self {
        self.touch(<studio_wire::Client as crate::Entity>::RESOURCE, client_id);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The first entity created or updated (not deleted, not merely touched): the one to show for this write.
    pub fn first_kept(&self) -> Option<Invalidation> {
        self.changes
            .iter()
            .find(|c| matches!(c.op, Op::Created | Op::Updated))
            .map(|c| Invalidation::entity(c.resource, c.id.clone()))
    }

    /// Every list of a changed resource is stale, and so is each changed entity's detail view.
    /// Sorted and without duplicates, so the SPA bumps each counter once.
    pub fn invalidations(&self) -> Vec<Invalidation> {
        let mut set = BTreeSet::new();
        for change in &self.changes {
            if change.op != Op::Touched {
                set.insert(Invalidation::list(change.resource));
            }
            set.insert(Invalidation::entity(change.resource, change.id.clone()));
        }
        set.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entity_to_show_is_the_first_one_kept() {
        let mut changes = ChangeSet::default();
        changes.touch("clients", "c");
        changes.push(Change {
            resource: "sessions",
            id: "gone".into(),
            op: Op::Deleted,
        });
        assert_eq!(changes.first_kept(), None);
        changes.push(Change {
            resource: "invoices",
            id: "i".into(),
            op: Op::Updated,
        });
        assert_eq!(
            changes.first_kept(),
            Some(Invalidation::entity("invoices", "i"))
        );
    }

    #[test]
    fn invalidations_name_each_list_and_entity_once() {
        let mut set = ChangeSet::default();
        set.push(Change {
            resource: "clients",
            id: "a".into(),
            op: Op::Created,
        });
        set.push(Change {
            resource: "clients",
            id: "a".into(),
            op: Op::Updated,
        });
        set.push(Change {
            resource: "clients",
            id: "b".into(),
            op: Op::Deleted,
        });
        assert_eq!(
            set.invalidations(),
            vec![
                Invalidation::list("clients"),
                Invalidation::entity("clients", "a"),
                Invalidation::entity("clients", "b"),
            ]
        );
    }

    #[test]
    fn a_touched_entity_invalidates_its_detail_view_only() {
        let mut set = ChangeSet::default();
        set.touch("rooms", "r");
        assert_eq!(
            set.invalidations(),
            vec![Invalidation::entity("rooms", "r")]
        );
    }

    #[test]
    fn an_empty_change_set_invalidates_nothing() {
        assert!(ChangeSet::default().invalidations().is_empty());
    }
}
