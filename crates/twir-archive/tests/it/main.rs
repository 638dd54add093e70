//! The integration tests of `twir-archive`, one test binary: the full archive is read once
//! for all of them (`support`). A test that needs the full archive and finds none says so in
//! one line and passes, unless `TWIR_REQUIRE_FULL_ARCHIVE=1` (`skipping`).
//!
//! The damaged-bundle tests of the decoders in `twir_archive::bundle` are in twir-site's test
//! binary, beside the writer that builds the bundle they damage.

mod crates_full_archive;
mod events_full_archive;
mod nesting_full_archive;
mod no_panic;
mod quotes_full_archive;
mod repair_seeds;
mod seeds;
mod skipping;
mod support;
mod updates_full_archive;
