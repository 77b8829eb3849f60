//! Reusable pieces of the UI.

mod assistant;
mod auth_gate;
mod client_form;
pub mod inputs;
mod nav;
mod session_form;

pub use assistant::AssistantPanel;
pub use auth_gate::{AuthGate, Identity};
pub use client_form::{ClientForm, ClientFormValues};
pub use nav::Nav;
pub use session_form::SessionForm;
