//! twir-explorer: the This Week in Rust archive in the browser (Leptos, client-side rendered).
//!
//! `api` loads the bundle's files; `download` makes a download a Leptos `LocalResource`;
//! `store` holds the index and the record files; `router` the query string as state;
//! `routes` holds one file per view; `components` the shared pieces; `search` builds the search
//! index in the browser and shares it.

pub mod api;
mod app;
pub mod components;
pub mod download;
pub mod filters;
pub mod router;
pub mod routes;
pub mod search;
pub mod stopped;
pub mod store;

pub use app::App;

#[cfg(all(target_arch = "wasm32", feature = "bench"))]
#[global_allocator]
static ALLOC: cap::Cap<std::alloc::System> = cap::Cap::new(std::alloc::System, usize::MAX);

/// Bytes the app has allocated and not freed: counted in benchmark builds on wasm (the
/// `bench` feature), 0 elsewhere.
pub fn live_bytes() -> usize {
    #[cfg(all(target_arch = "wasm32", feature = "bench"))]
    return ALLOC.allocated();
    #[cfg(not(all(target_arch = "wasm32", feature = "bench")))]
    0
}
