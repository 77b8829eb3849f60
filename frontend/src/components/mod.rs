//! Reusable pieces of the UI.

mod action_button;
mod assistant;
mod auth_gate;
pub mod choices;
mod client_picker;
mod delete_button;
pub mod forms;
pub mod history;
mod loaded;
mod nav;
mod studio;

pub use action_button::ActionButton;
pub use assistant::AssistantPanel;
pub use auth_gate::{AuthGate, Identity};
pub use client_picker::ClientPicker;
pub use delete_button::delete_button;
pub use loaded::{head, loaded};
pub use nav::Nav;
pub use studio::{Studio, StudioProvider, use_studio};
