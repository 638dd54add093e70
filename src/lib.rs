//! twir-explorer: the This Week in Rust archive in the browser (Leptos, client-side rendered).
//!
//! `api` loads the bundle; `routes` holds one file per view; `components` the shared pieces.

pub mod api;
mod app;
pub mod components;
pub mod filters;
pub mod query;
pub mod routes;
pub mod store;

pub use app::App;
