//! Studio's business rules. No I/O here: storage, clock and id generation are ports (`store`, `context`).

pub mod balances;
pub mod changes;
pub mod clients;
pub mod context;
pub mod crud;
pub mod dashboard;
pub mod entity;
pub mod equipment;
pub mod error;
pub mod feed;
pub mod history;
mod index;
pub mod invoices;
pub mod keys;
pub mod payments;
pub mod projects;
pub mod quotes;
mod refs;
pub mod revenue;
pub mod rooms;
mod search;
pub mod sessions;
pub mod settings;
pub mod store;
#[cfg(test)]
mod testing;
pub mod text;
mod tx;
pub mod undo;
mod validate;

pub use changes::{Change, ChangeSet, Op};
pub use context::{Actor, Clock, Ctx, IdGen, Services, StudioId, SystemClock, UlidGen};
pub use crud::Crud;
pub use entity::{Entity, ListQuery};
pub use error::DomainError;
pub use store::{Condition, Direction, Item, Key, QueryPage, Store, StoreError, WriteOp};
