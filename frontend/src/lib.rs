//! The Studio SPA. `store` holds the resource store (generation counters, shared in-flight requests, the
//! stale-response guard); `hooks` are the fetch hooks that depend on it; `pages` and `components` render.

pub mod api;
pub mod app;
pub mod auth;
pub mod components;
pub mod format;
pub mod hooks;
pub mod i18n;
pub mod pages;
pub mod routes;
pub mod store;
pub mod time;
