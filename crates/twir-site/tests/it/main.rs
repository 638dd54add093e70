//! The integration tests of `twir-site`, one test binary.
//!
//! `damaged_bundle` builds the sample's bundle with this crate's writer and damages it for
//! the decoders of `twir_archive::bundle`. It runs natively and on wasm32
//! (`cargo test --target wasm32-unknown-unknown -p twir-site --test it`, in node), where
//! `usize` is 32 bits, as in the app.

mod damaged_bundle;
