//! twir-explorer: the This Week in Rust archive in the browser (Leptos, client-side rendered).
//!
//! `api` loads the bundle; `routes` holds one file per view; `components` the shared pieces;
//! `search` builds the search index in the browser and shares it.

pub mod api;
mod app;
pub mod components;
pub mod filters;
pub mod query;
pub mod routes;
pub mod search;
pub mod store;

pub use app::App;
