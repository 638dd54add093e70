//! The This Week in Rust archive as data.
//!
//! This crate is the domain of twir-explorer: it turns the text of one archive file into
//! typed records, and defines the bundle the explorer app loads. It does no file, network
//! or browser I/O (paths appear only in messages), so the same code runs natively in the
//! `twir` command and in the browser, and is tested natively.

pub mod bundle;
pub mod date;
pub mod diagnostic;
pub mod front_matter;
pub mod issue;
pub mod markdown;
pub mod model;
pub mod parse;
pub mod repair;
pub mod sections;
pub mod source;
pub mod taxonomy;
pub mod web;

pub use date::Date;
pub use diagnostic::{Diagnostic, ParseError};
pub use issue::{parse_file, IssueKind, IssueMeta, ParsedFile};
pub use source::{classify_path, SourceKind};
