//! Generation counters: one per resource (its lists) and one per (resource, id) (its detail view).
//! A fetch hook depends on the counter of what it shows, so bumping a counter re-runs exactly those hooks.

use std::rc::Rc;

use studio_wire::Invalidation;
use yew::Reducible;

/// What a view shows, and so which counter it depends on.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ResourceKey {
    List(&'static str),
    Entity(&'static str, String),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Generations {
    /// By counter name: a resource's for its lists ("clients"), "resource/id" for one entity's views. A list
    /// looked through, not a hash map: it holds the resources and the entities written while the page is open (a
    /// few hundred in a long day), and a map of this key type weighed ≈ 0.5 KB of gzipped wasm.
    counters: Vec<(String, u64)>,
    /// Only for the benchmark's reference (`?invalidate=all`): one counter under every view, bumped by every
    /// write — the "invalidate everything" design the targeted counters are measured against.
    everything: Option<u64>,
}

impl Generations {
    /// Targeted counters; or, for the benchmark's reference, one counter for everything.
    pub fn new(invalidate_everything: bool) -> Self {
        Self {
            everything: invalidate_everything.then_some(0),
            ..Self::default()
        }
    }

    pub fn of(&self, key: &ResourceKey) -> u64 {
        self.everything.unwrap_or(0) + self.targeted(key)
    }

    fn targeted(&self, key: &ResourceKey) -> u64 {
        let entity;
        let name = match key {
            ResourceKey::List(resource) => *resource,
            ResourceKey::Entity(resource, id) => {
                entity = entity_counter(resource, id);
                entity.as_str()
            }
        };
        self.counters
            .iter()
            .find(|(counter, _)| counter == name)
            .map_or(0, |&(_, count)| count)
    }

    /// The sum of several counters: it grows whenever one of them does, so a view showing several resources
    /// (the dashboard, a project page) re-fetches once per change of any — once, since an invalidation bumps
    /// every counter it names in one state update.
    pub fn of_all(&self, keys: &[ResourceKey]) -> u64 {
        keys.iter().map(|key| self.of(key)).sum()
    }

    /// Bumps each named counter once, however often it is named.
    pub fn applied(&self, invalidations: &[Invalidation]) -> Self {
        let mut next = self.clone();
        if let Some(all) = self.everything {
            next.everything = Some(all + 1);
            return next;
        }
        let mut named: Vec<String> = Vec::new();
        for inv in invalidations {
            let counter = match &inv.id {
                None => inv.resource.clone(),
                Some(id) => entity_counter(&inv.resource, id),
            };
            if !named.contains(&counter) {
                named.push(counter);
            }
        }
        for counter in named {
            match next.counters.iter_mut().find(|(name, _)| *name == counter) {
                Some((_, count)) => *count += 1,
                None => next.counters.push((counter, 1)),
            }
        }
        next
    }
}

/// The name of one entity's counter (neither resource names nor ids hold a "/").
fn entity_counter(resource: &str, id: &str) -> String {
    format!("{resource}/{id}")
}

/// Everything a response said became stale, applied as one state update.
pub struct Apply(pub Vec<Invalidation>);

impl Reducible for Generations {
    type Action = Apply;

    fn reduce(self: Rc<Self>, action: Apply) -> Rc<Self> {
        if action.0.is_empty() {
            return self;
        }
        Rc::new(self.applied(&action.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_invalidation_bumps_only_that_resources_lists() {
        let next = Generations::default().applied(&[Invalidation::list("clients")]);
        assert_eq!(next.of(&ResourceKey::List("clients")), 1);
        assert_eq!(next.of(&ResourceKey::List("rooms")), 0);
        assert_eq!(next.of(&ResourceKey::Entity("clients", "A".into())), 0);
    }

    #[test]
    fn the_benchmarks_reference_makes_every_view_stale_on_any_write() {
        let next = Generations::new(true).applied(&[Invalidation::list("clients")]);
        assert_eq!(next.of(&ResourceKey::List("rooms")), 1);
        assert_eq!(next.of(&ResourceKey::Entity("sessions", "S".into())), 1);
    }

    #[test]
    fn an_entity_invalidation_bumps_only_that_entity() {
        let next = Generations::default().applied(&[Invalidation::entity("clients", "A")]);
        assert_eq!(next.of(&ResourceKey::Entity("clients", "A".into())), 1);
        assert_eq!(next.of(&ResourceKey::Entity("clients", "B".into())), 0);
        assert_eq!(next.of(&ResourceKey::List("clients")), 0);
    }

    #[test]
    fn several_invalidations_of_one_key_bump_it_once() {
        let invalidations = [
            Invalidation::list("clients"),
            Invalidation::list("clients"),
            Invalidation::entity("clients", "A"),
        ];
        let next = Generations::default().applied(&invalidations);
        assert_eq!(next.of(&ResourceKey::List("clients")), 1);
        assert_eq!(next.of(&ResourceKey::Entity("clients", "A".into())), 1);
    }

    #[test]
    fn a_view_of_several_resources_moves_once_per_change() {
        let keys = [ResourceKey::List("invoices"), ResourceKey::List("payments")];
        let start = Generations::default();
        let payment = start.applied(&[
            Invalidation::list("payments"),
            Invalidation::list("invoices"),
            Invalidation::entity("invoices", "A"),
        ]);
        assert_eq!(payment.of_all(&keys), start.of_all(&keys) + 2);
        let unrelated = payment.applied(&[Invalidation::list("clients")]);
        assert_eq!(unrelated.of_all(&keys), payment.of_all(&keys));
    }

    #[test]
    fn an_empty_apply_keeps_the_same_state() {
        let state = Rc::new(Generations::default());
        let next = state.clone().reduce(Apply(vec![]));
        assert!(Rc::ptr_eq(&state, &next));
    }
}
