//! The Studio SPA. `store` holds the resource store (generation counters, shared in-flight requests, the
//! stale-response guard); `hooks` are the fetch hooks that depend on it; `pages` and `components` render.
//!
//! A class computed at run time is written `CLASS={..}`, not `class={..}`: `html!` turns a `class` that is not a
//! literal into Yew's `Classes` (an ordered set of strings, hashed), while any other name is set as it is, and an
//! HTML document lowercases attribute names (`setAttribute`, `removeAttribute`). The same `class` attribute, for
//! 1.6 KB less gzipped wasm (measured 2026-11-28: `Classes` and its hashing left the SPA). Literal classes stay
//! `class="..."`.

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
