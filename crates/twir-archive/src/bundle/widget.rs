//! The embeddable widget's data (`docs/widget.md`): one small file per kind of widget, so
//! that a widget on another site downloads only what its kind shows, not the explorer's
//! record files. Written by `twir bundle` next to the rest of the bundle and listed in the
//! manifest under [`WIDGET_CRATE_KEY`], [`WIDGET_QUOTE_KEY`] and [`WIDGET_ISSUE_KEY`].
//!
//! Unlike the record files these are objects, not columns: each holds a handful of records,
//! and the widget's wasm stays smaller reading them as they are. Text is plain text (the
//! build step strips the markdown), every URL is a full URL, dates are `YYYY-MM-DD`.

use super::{check_schema, BundleError};
use serde::{Deserialize, Serialize};

/// Manifest key of [`WidgetCrate`].
pub const WIDGET_CRATE_KEY: &str = "widget-crate";
/// Manifest key of [`WidgetQuotes`].
pub const WIDGET_QUOTE_KEY: &str = "widget-quote";
/// Manifest key of [`WidgetIssue`].
pub const WIDGET_ISSUE_KEY: &str = "widget-issue";

/// Quotes per chunk file: a random quote downloads one chunk of this many.
pub const QUOTES_PER_CHUNK: usize = 32;
/// Links the issue widget shows.
pub const TOP_LINKS: usize = 5;

/// `widget-crate.<hash>.json`: the newest crate pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WidgetCrate {
    pub schema: u32,
    /// The first pick of the newest issue that has one; none for an archive without picks.
    pub crate_pick: Option<WidgetCratePick>,
}

/// A crate pick, as the widget shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WidgetCratePick {
    pub issue: u32,
    /// The issue's date, `YYYY-MM-DD`.
    pub date: String,
    pub name: String,
    pub url: String,
    /// Plain text.
    pub description: Option<String>,
    pub suggested_by: Option<String>,
    pub suggested_by_url: Option<String>,
}

/// `widget-quote.<hash>.json`: the newest quote, and where every quote is, for a random one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WidgetQuotes {
    pub schema: u32,
    /// The first quote of the newest issue that has one.
    pub latest: Option<WidgetQuote>,
    /// Every quote in issue order, in chunks of [`QUOTES_PER_CHUNK`].
    pub chunks: Vec<QuoteChunkEntry>,
}

/// One chunk file of quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteChunkEntry {
    /// `quotes-widget-<i>.<hash>.json`, relative to the manifest.
    pub path: String,
    /// How many quotes it holds.
    pub quotes: u32,
}

/// `quotes-widget-<i>.<hash>.json`: a chunk of quotes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteChunk {
    pub schema: u32,
    pub quotes: Vec<WidgetQuote>,
}

/// A quote, as the widget shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WidgetQuote {
    /// The explorer's permalink id, `<issue>-<n>` (`?view=quotes&quote=665-1`).
    pub id: String,
    pub issue: u32,
    pub date: String,
    /// Plain-text paragraphs.
    pub paragraphs: Vec<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
}

/// `widget-issue.<hash>.json`: the newest issue and its first links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WidgetIssue {
    pub schema: u32,
    pub issue: Option<WidgetIssueSummary>,
}

/// An issue, as the widget shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WidgetIssueSummary {
    pub number: u32,
    pub date: String,
    pub title: String,
    /// The issue on this-week-in-rust.org.
    pub url: String,
    /// How many community links the issue has...
    pub links_total: u32,
    /// ...and the first [`TOP_LINKS`] of them, in the issue's order.
    pub links: Vec<WidgetLink>,
}

/// A community link, as the widget shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WidgetLink {
    /// Plain text.
    pub title: String,
    pub url: String,
    /// The category's label (`Official`, `Rust Walkthroughs`).
    pub category: String,
}

macro_rules! widget_from_json {
    ($($ty:ty),*) => {$(
        impl $ty {
            /// Decodes the file and checks its schema.
            pub fn from_json(bytes: &[u8]) -> Result<Self, BundleError> {
                let file: Self = serde_json::from_slice(bytes)?;
                check_schema(file.schema)?;
                Ok(file)
            }
        }
    )*};
}

widget_from_json!(WidgetCrate, WidgetQuotes, QuoteChunk, WidgetIssue);
