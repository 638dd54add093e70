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

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOC: cap::Cap<std::alloc::System> = cap::Cap::new(std::alloc::System, usize::MAX);

/// Bytes the app has allocated and not freed (0 outside wasm).
pub fn live_bytes() -> usize {
    #[cfg(target_arch = "wasm32")]
    return ALLOC.allocated();
    #[cfg(not(target_arch = "wasm32"))]
    0
}
