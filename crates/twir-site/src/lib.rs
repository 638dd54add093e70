//! The site: everything that turns parsed issues (`twir_archive`) into the files the
//! explorer serves. It reads no archive folder; the `twir` command reads one and hands the
//! parsed issues here.
//!
//! - [`render`]: issue bodies as sanitised HTML for the reader, with the URL policy.
//! - [`bundle`]: the bundle, a typed value (manifest and files) written into `data/`.
//! - [`widget`]: the embeddable widget's data files, added to the bundle.
//! - [`feeds`]: the Atom feeds.
//! - [`shell`]: the first screen, prerendered into `index.html`.
//! - [`csp`]: each built page's Content-Security-Policy.
//! - [`search`]: the rows the app searches, decoded from a bundle, for the search engine.
//! - [`pathological`]: generated hostile archive files, for the benchmark and the tests.

pub mod bundle;
pub mod csp;
pub mod feeds;
pub mod pathological;
pub mod render;
pub mod search;
pub mod shell;
pub mod widget;
