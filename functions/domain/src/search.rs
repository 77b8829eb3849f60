//! A word index, so that searching an entity type never reads all of it.
//!
//! Every word of an entity's searchable text is kept as `TERM#<KIND>#<word>#<id>`, holding a copy of the entity,
//! written in the entity's own transactions (so the index is as consistent as the entity). A search reads the
//! items of its longest word by prefix and keeps the entities every other word also starts a word of: its cost
//! follows the matches, not the size of the studio. Words are folded (case, accents) and split at anything that
//! is not a letter or a digit; a phone number is also kept as its digits run together.

use std::collections::BTreeSet;

use studio_wire::{FieldProblem, Page};

use crate::{
    context::Ctx,
    entity::{self, Entity, MAX_LIMIT},
    error::DomainError,
    store::{Condition, Item, Key, WriteOp},
    text::fold,
    tx::Tx,
};

/// Longer words are cut (a search word as long matches them by prefix).
const MAX_WORD_CHARS: usize = 32;
/// Terms kept per entity, so that its transactions stay bounded (the alphabetically first ones).
const MAX_TERMS: usize = 24;

/// The folded words of `text`, in order.
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(MAX_WORD_CHARS).collect())
        .collect()
}

/// The terms an entity is found by: the words of its texts, and each text's digits run together when it has
/// several groups of them (`+33 6 12 34 56 78` is also `33612345678`).
pub fn terms(texts: &[&str]) -> BTreeSet<String> {
    let mut terms = BTreeSet::new();
    for text in texts {
        let words = words(text);
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        if words.len() > 1 && words.iter().all(|w| w.chars().all(|c| c.is_ascii_digit())) {
            terms.insert(digits.chars().take(MAX_WORD_CHARS).collect());
        }
        terms.extend(words);
    }
    terms.into_iter().take(MAX_TERMS).collect()
}

/// Whether `terms` holds, for each search word, a term it starts.
fn matches(terms: &BTreeSet<String>, search: &[String]) -> bool {
    search
        .iter()
        .all(|word| terms.iter().any(|term| term.starts_with(word.as_str())))
}

/// The index of one entity type.
pub(crate) struct Index<E> {
    pub kind: &'static str,
    /// The texts an entity is found by.
    pub text: fn(&E) -> Vec<&str>,
}

impl<E: Entity> Index<E> {
    fn prefix(&self) -> String {
        format!("TERM#{}#", self.kind)
    }

    fn key(&self, ctx: &Ctx, term: &str, id: &str) -> Key {
        Key::new(
            ctx.studio.partition(),
            format!("{}{term}#{id}", self.prefix()),
        )
    }

    pub fn terms(&self, entity: &E) -> BTreeSet<String> {
        terms(&(self.text)(entity))
    }

    /// Adds to `tx` the index items of `after` (as it will be stored) in place of those of `before`.
    pub fn write(&self, tx: &mut Tx, ctx: &Ctx, before: Option<&E>, after: Option<&E>) {
        let old = before.map(|e| self.terms(e)).unwrap_or_default();
        let new = after.map(|e| self.terms(e)).unwrap_or_default();
        let id = before
            .or(after)
            .map(|e| e.id().to_owned())
            .unwrap_or_default();
        for term in old.difference(&new) {
            let key = self.key(ctx, term, &id);
            let op = WriteOp::Delete {
                key,
                condition: Condition::None,
            };
            tx.push(op, DomainError::contended());
        }
        if let Some(entity) = after {
            for term in &new {
                let item = Item::new(
                    self.key(ctx, term, &id),
                    entity.version(),
                    entity::encode_value(entity),
                );
                let op = WriteOp::Put {
                    item,
                    condition: Condition::None,
                };
                tx.push(op, DomainError::contended());
            }
        }
    }

    /// One page of the entities `q` finds, by the word they were found by, then id. `None` when `q` has no word
    /// (the caller lists everything). The cursor is `<word>#<id>` of the last entity given.
    pub async fn search(
        &self,
        ctx: &Ctx,
        q: &str,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<Option<Page<E>>, DomainError> {
        let search = words(q);
        let Some(probe) = search.iter().max_by_key(|w| w.chars().count()) else {
            return Ok(None);
        };
        let prefix = format!("{}{probe}", self.prefix());
        let mut after = match cursor.map(|c| from_cursor(c, probe)) {
            None => None,
            Some(Some(position)) => Some(format!("{}{position}", self.prefix())),
            Some(None) => return Err(DomainError::field("cursor", FieldProblem::BadCursor)),
        };
        let partition = ctx.studio.partition();
        let mut items = Vec::new();
        loop {
            let batch = (limit - items.len() + 1).min(MAX_LIMIT);
            let page = ctx
                .store()
                .query(&partition, &prefix, after.as_deref(), batch)
                .await?;
            let read = page.items.len();
            for (index, item) in page.items.iter().enumerate() {
                let found: E = entity::decode(item)?;
                let terms = self.terms(&found);
                let term = item.key.sk[self.prefix().len()..]
                    .rsplit_once('#')
                    .map_or("", |(term, _)| term);
                // An entity is kept once: under the first of its terms the probe starts.
                let first = terms.iter().find(|t| t.starts_with(probe.as_str()));
                if first.map(String::as_str) != Some(term) || !matches(&terms, &search) {
                    continue;
                }
                items.push(found);
                if items.len() == limit {
                    let more = page.last_key.is_some() || index + 1 < read;
                    let next = to_cursor(term, items[limit - 1].id());
                    return Ok(Some(Page {
                        items,
                        next_cursor: more.then_some(next),
                    }));
                }
            }
            match page.last_key {
                Some(last) => after = Some(last),
                None => {
                    return Ok(Some(Page {
                        items,
                        next_cursor: None,
                    }));
                }
            }
        }
    }

    /// Every entity `q` finds, at most `cap` of them (`None` when `q` has no word).
    pub async fn find_all(
        &self,
        ctx: &Ctx,
        q: &str,
        cap: usize,
    ) -> Result<Option<Vec<E>>, DomainError> {
        let mut found = Vec::new();
        let mut cursor = None;
        loop {
            let limit = (cap - found.len()).min(MAX_LIMIT);
            let Some(page) = self.search(ctx, q, cursor.as_deref(), limit).await? else {
                return Ok(None);
            };
            found.extend(page.items);
            match page.next_cursor {
                Some(next) if found.len() < cap => cursor = Some(next),
                _ => return Ok(Some(found)),
            }
        }
    }
}

/// The cursor after the entity `id` found by `term`: the term in hexadecimal (so that the cursor needs no
/// escaping in a URL), `-`, the id.
fn to_cursor(term: &str, id: &str) -> String {
    let hex: String = term.bytes().map(|b| format!("{b:02x}")).collect();
    format!("{hex}-{id}")
}

/// The index position (`<term>#<id>`) a cursor of this search stands for; `None` for any other text.
fn from_cursor(cursor: &str, probe: &str) -> Option<String> {
    let (hex, id) = cursor.split_once('-')?;
    if !hex.len().is_multiple_of(2) || !entity::is_id(id) {
        return None;
    }
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    let term = String::from_utf8(bytes).ok()?;
    (term.starts_with(probe) && term.chars().all(char::is_alphanumeric))
        .then(|| format!("{term}#{id}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_and_split_at_anything_else() {
        assert_eq!(
            words("Élodie O'Brien-Martin <elo@ex.fr>"),
            ["elodie", "o", "brien", "martin", "elo", "ex", "fr"]
        );
        assert!(words(" -@. ").is_empty());
    }

    #[test]
    fn a_phone_is_also_its_digits_together() {
        let found = terms(&["+33 6 12 34", "Bob"]);
        assert!(found.contains("3361234"), "{found:?}");
        assert!(found.contains("6") && found.contains("bob"));
        assert_eq!(
            terms(&["Room 12"]),
            BTreeSet::from(["12".to_owned(), "room".to_owned()])
        );
    }

    #[test]
    fn every_search_word_must_start_a_term() {
        let found = terms(&["Léa Martin", "lea@example.com"]);
        let search = |q: &str| matches(&found, &words(q));
        assert!(search("mar"));
        assert!(search("LEA m"));
        assert!(search("lea@example"));
        assert!(!search("artin"));
        assert!(!search("lea z"));
    }

    #[test]
    fn terms_are_bounded() {
        let long = "w ".repeat(10)
            + &"x".repeat(100)
            + &(0..50).map(|i| format!(" a{i}")).collect::<String>();
        let kept = terms(&[&long]);
        assert_eq!(kept.len(), MAX_TERMS);
        assert!(kept.iter().all(|t| t.chars().count() <= MAX_WORD_CHARS));
    }

    #[test]
    fn a_cursor_must_be_one_this_search_gave() {
        let id = "01KB0000000000000000000000";
        let cursor = to_cursor("løkke", id);
        assert!(
            cursor
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-'),
            "{cursor}"
        );
        assert_eq!(from_cursor(&cursor, "lø"), Some(format!("løkke#{id}")));
        assert_eq!(from_cursor(&cursor, "ma"), None, "another search's");
        assert_eq!(from_cursor(&to_cursor("martin", "nonsense"), "mar"), None);
        assert_eq!(from_cursor(&to_cursor("mar#tin", id), "mar"), None);
        assert_eq!(from_cursor("6d6-01KB0000000000000000000000", "m"), None);
        assert_eq!(from_cursor("zz-01KB0000000000000000000000", "m"), None);
    }
}
