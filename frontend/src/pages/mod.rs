//! One module per route.

mod calendar;
mod client_detail;
mod clients;
mod equipment;
mod home;
mod rooms;
mod sessions;
mod settings;

pub use calendar::CalendarPage;
pub use client_detail::ClientDetailPage;
pub use clients::ClientsPage;
pub use equipment::{EquipmentDetailPage, EquipmentPage};
pub use home::{HomePage, NotFoundPage};
pub use rooms::{RoomDetailPage, RoomsPage};
pub use sessions::{SessionDetailPage, SessionTable, SessionsPage};
pub use settings::SettingsPage;
