//! The integration tests of `twir-cli`, one test binary: the full archive is compiled once
//! for all of them (`support`). A test that needs the full archive and finds none says so in
//! one line and passes, unless `TWIR_REQUIRE_FULL_ARCHIVE=1` (`skipping`).

mod bundle_round_trip;
mod cli;
mod feeds;
mod full_archive;
mod hardening;
mod mojibake_full_archive;
mod nothing_lost;
mod relevance;
mod render_hostile;
mod search_shards;
mod search_short_prefixes;
mod skipping;
mod snapshots;
mod support;
mod widget_data;
mod workflows;
