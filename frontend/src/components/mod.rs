//! Reusable pieces of the UI.

mod assistant;
mod client_form;
mod nav;

pub use assistant::AssistantPanel;
pub use client_form::{ClientForm, ClientFormValues};
pub use nav::Nav;
