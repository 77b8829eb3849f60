//! One module per route.

mod activity;
mod calendar;
mod client_detail;
mod clients;
mod dashboard;
mod equipment;
mod invoice_detail;
mod invoices;
mod not_found;
mod projects;
mod quotes;
mod rooms;
mod sessions;
mod settings;

pub use activity::ActivityPage;
pub use calendar::CalendarPage;
pub use client_detail::ClientDetailPage;
pub use clients::ClientsPage;
pub use dashboard::HomePage;
pub use equipment::{EquipmentDetailPage, EquipmentPage};
pub use invoice_detail::InvoiceDetailPage;
pub use invoices::{InvoicesPage, invoice_table};
pub use not_found::not_found;
pub use projects::{ProjectDetailPage, ProjectsPage};
pub use quotes::{QuoteDetailPage, QuotesPage};
pub use rooms::{RoomDetailPage, RoomsPage};
pub use sessions::{SessionDetailPage, SessionTable, SessionsPage};
pub use settings::SettingsPage;
