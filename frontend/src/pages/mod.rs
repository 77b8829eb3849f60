//! One module per route.

mod client_detail;
mod clients;
mod home;

pub use client_detail::ClientDetailPage;
pub use clients::ClientsPage;
pub use home::{HomePage, NotFoundPage};
