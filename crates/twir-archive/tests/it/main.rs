//! The integration tests of `twir-archive`, one test binary: the full archive is read once
//! for all of them (`support`). A test that needs the full archive and finds none says so in
//! one line and passes, unless `TWIR_REQUIRE_FULL_ARCHIVE=1` (`skipping`).
//!
//! On wasm32 (`cargo test --target wasm32-unknown-unknown -p twir-archive --test it`, in
//! node) only `damaged_bundle` runs: the others read files.

mod damaged_bundle;

#[cfg(not(target_arch = "wasm32"))]
mod crates_full_archive;
#[cfg(not(target_arch = "wasm32"))]
mod events_full_archive;
#[cfg(not(target_arch = "wasm32"))]
mod nesting_full_archive;
#[cfg(not(target_arch = "wasm32"))]
mod no_panic;
#[cfg(not(target_arch = "wasm32"))]
mod quotes_full_archive;
#[cfg(not(target_arch = "wasm32"))]
mod repair_seeds;
#[cfg(not(target_arch = "wasm32"))]
mod seeds;
#[cfg(not(target_arch = "wasm32"))]
mod skipping;
#[cfg(not(target_arch = "wasm32"))]
mod support;
#[cfg(not(target_arch = "wasm32"))]
mod updates_full_archive;
