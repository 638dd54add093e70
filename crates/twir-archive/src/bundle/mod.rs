//! The bundle: the files the explorer app loads, their types, their checks and decoders, and
//! the columns' encoders from parsed issues. Field by field: `docs/bundle.md`. The files are
//! put together and written by `twir_site::bundle` (run by `twir bundle`).
//!
//! Every file is JSON. `manifest.json` has a fixed name and points to the others, whose names
//! carry a hash of their content so that they can be cached forever. The first screen needs
//! only the manifest and the index; each record kind has a file of its own, and each issue's
//! body is a file of its own (rendered HTML, or its markdown), loaded when someone opens the
//! issue.
//!
//! Lists are stored as columns (one array per field, all of the same length), repeated
//! strings (headings, regions, groups) as indices into a table, dates as days since
//! 1970-01-01, and records point to their issue by number. This is smaller and faster to
//! decode than an array of objects.
//!
//! One module per file kind, each with the file's columns (its wire type), the columns'
//! checks, their rows (the records views use) and the columns' encoder from parsed issues:
//! [`manifest`], [`index`] (and the issues' [`body`] files), [`links`], [`crates`],
//! [`quotes`], [`events`], [`updates`], [`others`], and the embeddable [`widget`]'s files.
//! [`Records`] holds the decoded rows the app and the search share. The compact codings the
//! columns share: `urls` (short URLs, URLs by their shape), `repeats` (records listed again
//! in later weeks, stored once) and `codec` (serde adapters: runs of issue numbers, day
//! deltas, shared texts).

pub mod body;
mod codec;
pub mod crates;
pub mod events;
pub mod index;
pub mod links;
pub mod manifest;
pub mod others;
pub mod quotes;
mod records;
mod repeats;
pub mod updates;
mod urls;
pub mod widget;

pub use body::{issue_body_path, post_body_path, RenderedBody, TocEntry};
pub use crates::{CrateColumns, CrateRow};
pub use events::{EventColumns, EventRow};
pub use index::{CategoryCount, Index, IssueColumns, IssueDays, IssueRow, PostColumns};
pub use links::{LinkColumns, LinkRow};
pub use manifest::{
    FileEntry, Manifest, CRATES_KEY, EVENTS_KEY, INDEX_KEY, LINKS_KEY, MANIFEST_FILE, OTHERS_KEY,
    QUOTES_KEY, UPDATES_KEY,
};
pub use others::{OtherColumns, OtherRow};
pub use quotes::{QuoteColumns, QuoteRow};
pub use records::Records;
pub use repeats::{RepeatFinder, Repeats};
pub use updates::{UpdateColumns, UpdateRow};
pub use urls::{event_url, full_event_url, full_url, short_url, CodedUrls};

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

/// The version of the bundle's format. The app refuses a bundle of another version.
pub const SCHEMA_VERSION: u32 = 2;

/// The folder of the site that holds the bundle, relative to the page.
pub const DATA_DIR: &str = "data";

/// The URL of a file of the bundle, relative to the page: what the app fetches, and the key
/// under which the page's early downloads wait for it (`twir bundle --prerender`).
pub fn data_url(name: &str) -> String {
    format!("{DATA_DIR}/{name}")
}

/// Why a bundle file was not accepted.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("the bundle is not valid JSON of the expected shape: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the bundle has schema version {found}, this app reads version {expected}; rebuild the bundle with the matching `twir`")]
    Schema { found: u32, expected: u32 },
    #[error("the bundle is inconsistent: {0}")]
    Inconsistent(String),
    #[error("the manifest lists no `{0}` file")]
    Missing(String),
}

/// A text many rows share.
pub type Shared = Arc<str>;

// ---------------------------------------------------------------------------------------
// Checks, shared by the file kinds.

fn check_schema(found: u32) -> Result<(), BundleError> {
    if found == SCHEMA_VERSION {
        Ok(())
    } else {
        Err(BundleError::Schema {
            found,
            expected: SCHEMA_VERSION,
        })
    }
}

fn check_columns(what: &str, lens: &[usize]) -> Result<(), BundleError> {
    if lens.windows(2).all(|w| w[0] == w[1]) {
        Ok(())
    } else {
        Err(BundleError::Inconsistent(format!(
            "the {what} columns differ in length: {lens:?}"
        )))
    }
}

fn check_table(what: &str, indices: &[u32], table_len: usize) -> Result<(), BundleError> {
    match indices.iter().find(|&&i| i as usize >= table_len) {
        None => Ok(()),
        Some(i) => Err(BundleError::Inconsistent(format!(
            "an index in the {what} columns ({i}) points past its table ({table_len} entries)"
        ))),
    }
}

/// `from_json` and `check` of a record file's columns: the schema, one length for the
/// columns listed, and each index column within its table.
macro_rules! from_json_checked {
    ($ty:ty, $what:literal, |$c:ident| [$($len:expr),* $(,)?] $(, tables [$(($idx:expr, $tab:expr)),*])?) => {
        impl $ty {
            /// Decodes and checks the file.
            pub fn from_json(bytes: &[u8]) -> Result<Self, $crate::bundle::BundleError> {
                let c: Self = serde_json::from_slice(bytes)?;
                $crate::bundle::check_schema(c.schema)?;
                c.check()?;
                Ok(c)
            }

            /// Checks that the columns have one length and that indices stay in their
            /// tables (rows are built by position from checked columns only).
            pub(crate) fn check(&self) -> Result<(), $crate::bundle::BundleError> {
                let $c = self;
                $crate::bundle::check_columns($what, &[$($len),*])?;
                $($($crate::bundle::check_table($what, &$idx, $tab)?;)*)?
                Ok(())
            }
        }
    };
}
use from_json_checked;

// ---------------------------------------------------------------------------------------
// Rows from columns, shared by the file kinds.
//
// Building rows consumes the columns: unique texts move into the rows, and texts that many
// rows share (a heading, a tag set, the fields of an event or update listed by several
// issues, a group or region) are one `Arc<str>` that the rows point to. The app keeps every
// row of the archive in memory, and the wasm memory never shrinks, so neither a second copy
// of every text nor a copy per listing is affordable (docs/search.md, memory).

fn shared_table(t: Vec<String>) -> Vec<Shared> {
    t.into_iter().map(Shared::from).collect()
}

fn shared_opt(table: &[Shared], i: Option<u32>, what: &str) -> Result<Option<Shared>, BundleError> {
    i.map(|i| lookup(table, i, what).cloned()).transpose()
}

/// The row of every listing (`positions[i]` is the stored record of listing `i`, as
/// [`Repeats::expand`] gives them: each stored record first listed in order). A stored
/// record's first listing is made by `make` from the next stored record's columns; a later
/// listing is a copy of the first, sharing its texts, with its own issue. No row is made
/// twice, and no vector of stored records is held beside the listings.
fn listings<T: Clone>(
    positions: &[usize],
    issues: &[u32],
    what: &str,
    mut make: impl FnMut(usize) -> Result<T, BundleError>,
    set_issue: impl Fn(&mut T, u32),
) -> Result<Vec<T>, BundleError> {
    let mut out: Vec<T> = Vec::with_capacity(positions.len());
    // The listing of each stored record's first listing.
    let mut first: Vec<u32> = Vec::new();
    for (&r, &issue) in positions.iter().zip(issues) {
        let mut row = if r == first.len() {
            first.push(out.len() as u32);
            make(r)?
        } else {
            let at = *first.get(r).ok_or_else(|| bad(what))?;
            out[at as usize].clone()
        };
        set_issue(&mut row, issue);
        out.push(row);
    }
    Ok(out)
}

fn bad(what: &str) -> BundleError {
    BundleError::Inconsistent(what.to_string())
}

fn lookup<'a, T>(table: &'a [T], i: u32, what: &str) -> Result<&'a T, BundleError> {
    table.get(i as usize).ok_or_else(|| {
        BundleError::Inconsistent(format!(
            "a {what} index ({i}) points past its table ({} entries)",
            table.len()
        ))
    })
}

// ---------------------------------------------------------------------------------------
// Columns from parsed issues, shared by the file kinds.

/// Interns values into a table, in order of first use: the table of a column of indices.
struct Table<K> {
    index: HashMap<K, u32>,
    items: Vec<K>,
}

impl<K> Default for Table<K> {
    fn default() -> Self {
        Table {
            index: HashMap::new(),
            items: Vec::new(),
        }
    }
}

impl<K: Hash + Eq + Clone> Table<K> {
    /// The index of `key` in the table, added at the end if new.
    fn id(&mut self, key: K) -> u32 {
        let next = self.items.len() as u32;
        *self.index.entry(key).or_insert_with_key(|k| {
            self.items.push(k.clone());
            next
        })
    }
}

/// The issue number of a weekly issue, as its records' `issue` column holds it.
fn issue_number(p: &crate::parse::ParsedIssue) -> u32 {
    p.meta.number.unwrap_or_default()
}
