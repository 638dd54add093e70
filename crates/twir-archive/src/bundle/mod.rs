//! The bundle: the files the explorer app loads, their types and their decoders. Field by
//! field: `docs/bundle.md`. The writer is `twir_site::bundle` (run by `twir bundle`).
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

mod codec;
mod rows;
pub mod widget;

pub use codec::{event_url, full_event_url, full_url, short_url, CodedUrls, RepeatFinder, Repeats};
pub use rows::{CrateRow, EventRow, LinkRow, OtherRow, QuoteRow, Shared, UpdateRow};

use crate::date::Date;
use crate::model::UpdateKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version of the bundle's format. The app refuses a bundle of another version.
pub const SCHEMA_VERSION: u32 = 2;

/// The name of the manifest, the one file with a fixed name.
pub const MANIFEST_FILE: &str = "manifest.json";

/// The folder of the site that holds the bundle, relative to the page.
pub const DATA_DIR: &str = "data";

/// The URL of a file of the bundle, relative to the page: what the app fetches, and the key
/// under which the page's early downloads wait for it (`twir bundle --prerender`).
pub fn data_url(name: &str) -> String {
    format!("{DATA_DIR}/{name}")
}

/// Keys of the files in the manifest.
pub const INDEX_KEY: &str = "index";
pub const LINKS_KEY: &str = "links";
pub const CRATES_KEY: &str = "crates";
pub const QUOTES_KEY: &str = "quotes";
pub const EVENTS_KEY: &str = "events";
pub const UPDATES_KEY: &str = "updates";
pub const OTHERS_KEY: &str = "others";

/// `manifest.json`: what the bundle holds and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema: u32,
    /// The files of the bundle by role (`index`, `links`, ...).
    pub files: BTreeMap<String, FileEntry>,
}

/// One file of the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// File name relative to the manifest, with a content hash: `index.0123456789abcdef.json`.
    pub path: String,
    /// Size in bytes, uncompressed: the app shows download progress against it.
    pub bytes: u64,
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

impl Manifest {
    /// Decodes and checks `manifest.json`.
    pub fn from_json(bytes: &[u8]) -> Result<Self, BundleError> {
        let m: Self = serde_json::from_slice(bytes)?;
        check_schema(m.schema)?;
        Ok(m)
    }

    pub fn file(&self, key: &str) -> Result<&FileEntry, BundleError> {
        self.files
            .get(key)
            .ok_or_else(|| BundleError::Missing(key.to_string()))
    }
}

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

// ---------------------------------------------------------------------------------------
// The index: the first screen.

/// The first screen's data: every issue and post with its counts, and the categories.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Index {
    pub schema: u32,
    pub issues: IssueColumns,
    pub posts: PostColumns,
    /// Categories in reader order, with their link counts over the whole archive.
    pub categories: Vec<CategoryCount>,
    /// Record counts by kind over the whole archive.
    pub totals: BTreeMap<String, u32>,
    /// The extension of the body files: `md` (markdown) or `json` (rendered HTML and table
    /// of contents).
    pub body_format: String,
}

/// Weekly issues, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IssueColumns {
    pub number: Vec<u32>,
    /// Days since 1970-01-01.
    pub date: Vec<i32>,
    pub title: Vec<String>,
    /// Merged pull requests that week, if the issue says.
    pub merged_prs: Vec<Option<u32>>,
    /// 1 if the issue has a Crate of the Week section (with or without a pick), else 0.
    pub crate_section: Vec<u8>,
    /// 1 if the issue has a Quote of the Week section (with or without a quote), else 0.
    pub quote_section: Vec<u8>,
    /// Number of community links.
    pub links: Vec<u32>,
    /// The body file: `issues/<number>.<body>.md`.
    pub body: Vec<String>,
}

/// Other posts (State of Rust), oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PostColumns {
    pub date: Vec<i32>,
    pub title: Vec<String>,
    /// The body file: `posts/<date>.<body>.md`.
    pub body: Vec<String>,
}

/// A category and how many links it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryCount {
    pub slug: String,
    pub label: String,
    pub links: u32,
}

/// One issue as a row, for views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssueRow<'a> {
    pub number: u32,
    pub date: Date,
    pub title: &'a str,
    pub merged_prs: Option<u32>,
    pub links: u32,
    /// Hash of the body file: see [`issue_body_path`].
    pub body: &'a str,
}

impl Index {
    /// Decodes and checks an index file.
    pub fn from_json(bytes: &[u8]) -> Result<Self, BundleError> {
        let index: Self = serde_json::from_slice(bytes)?;
        check_schema(index.schema)?;
        let c = &index.issues;
        check_columns(
            "issue",
            &[
                c.number.len(),
                c.date.len(),
                c.title.len(),
                c.merged_prs.len(),
                c.crate_section.len(),
                c.quote_section.len(),
                c.links.len(),
                c.body.len(),
            ],
        )?;
        if let Some(w) = c.number.windows(2).find(|w| w[0] >= w[1]) {
            return Err(BundleError::Inconsistent(format!(
                "the issue numbers do not ascend ({} before {})",
                w[0], w[1]
            )));
        }
        let p = &index.posts;
        check_columns("post", &[p.date.len(), p.title.len(), p.body.len()])?;
        Ok(index)
    }

    /// The issues, oldest first.
    pub fn issues(&self) -> impl DoubleEndedIterator<Item = IssueRow<'_>> + ExactSizeIterator {
        let c = &self.issues;
        (0..c.number.len()).map(move |i| IssueRow {
            number: c.number[i],
            date: Date::from_days(c.date[i]),
            title: &c.title[i],
            merged_prs: c.merged_prs[i],
            links: c.links[i],
            body: &c.body[i],
        })
    }
}

/// Each issue's date (days since 1970-01-01) by its number, over the issues that exist. An
/// issue number is any `u32` a bundle holds, so nothing is sized by the largest: the numbers
/// are sorted and searched, with a first guess at `number - first number` that finds every
/// issue of an archive numbered without gaps in one step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueDays {
    numbers: Vec<u32>,
    days: Vec<i32>,
}

impl IssueDays {
    pub fn new(index: &Index) -> Self {
        let c = &index.issues;
        let mut pairs: Vec<(u32, i32)> = c
            .number
            .iter()
            .copied()
            .zip(c.date.iter().copied())
            .collect();
        // A checked index ascends already; any other is sorted, the first of a number kept.
        if !pairs.windows(2).all(|w| w[0].0 < w[1].0) {
            pairs.sort_by_key(|&(n, _)| n);
            pairs.dedup_by_key(|&mut (n, _)| n);
        }
        let (numbers, days) = pairs.into_iter().unzip();
        IssueDays { numbers, days }
    }

    /// The day of issue `number`, if the index has it.
    pub fn get(&self, number: u32) -> Option<i32> {
        let first = *self.numbers.first()?;
        let guess = number.checked_sub(first).map_or(usize::MAX, |g| g as usize);
        let at = match self.numbers.get(guess) {
            Some(&n) if n == number => guess,
            _ => self.numbers.binary_search(&number).ok()?,
        };
        self.days.get(at).copied()
    }

    /// How many issues it holds.
    pub fn len(&self) -> usize {
        self.numbers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty()
    }
}

/// The path of an issue's body file, relative to the manifest: `issues/665.<hash>.<ext>`,
/// `ext` being the index's `body_format` (`md`, or `json` for a rendered body).
pub fn issue_body_path(number: u32, hash: &str, ext: &str) -> String {
    format!("issues/{number}.{hash}.{ext}")
}

/// One heading of an issue's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    pub level: u8,
    /// The heading's `id` in the HTML.
    pub id: String,
    pub text: String,
}

/// A body file in the `json` format: HTML, sanitised at build time, and its headings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedBody {
    pub html: String,
    pub toc: Vec<TocEntry>,
}

// ---------------------------------------------------------------------------------------
// Record files.

/// `links.<hash>.json`: every community link, in issue order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LinkColumns {
    pub schema: u32,
    /// The issue number of each link.
    #[serde(with = "codec::issue_runs")]
    pub issue: Vec<u32>,
    /// Index into `headings` (and `heading_category`).
    pub heading: Vec<u32>,
    /// The headings links were listed under, as written...
    pub headings: Vec<String>,
    /// ...and the category each maps to, as an index into [`Category::ALL`](crate::taxonomy::Category::ALL) (a heading of
    /// the community umbrella maps to the catch-all of its era, so one heading can appear
    /// twice, with two categories).
    pub heading_category: Vec<u8>,
    pub title: Vec<String>,
    pub url: Vec<String>,
    /// Index into `tag_sets`; set 0 is the empty set.
    pub tags: Vec<u32>,
    pub tag_sets: Vec<Vec<String>>,
    /// Descriptions are rare: `(link position, text)` pairs, in order.
    pub descriptions: Vec<(u32, String)>,
}

/// `crates.<hash>.json`: every crate pick.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CrateColumns {
    pub schema: u32,
    pub issue: Vec<u32>,
    pub name: Vec<String>,
    pub url: Vec<String>,
    pub description: Vec<Option<String>>,
    pub suggested_by: Vec<Option<String>>,
    pub suggested_by_url: Vec<Option<String>>,
    /// 1 for a self-suggestion.
    pub self_suggested: Vec<u8>,
}

/// `quotes.<hash>.json`: every quote.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct QuoteColumns {
    pub schema: u32,
    pub issue: Vec<u32>,
    /// Markdown.
    pub text: Vec<String>,
    pub author: Vec<Option<String>>,
    pub source: Vec<Option<String>>,
    pub url: Vec<Option<String>>,
    pub suggested_by: Vec<Option<String>>,
}

/// `events.<hash>.json`: every event. An event listed again in later weeks is stored once
/// (`repeats`); `issue` has one entry per listing, the other columns one per stored event.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EventColumns {
    pub schema: u32,
    #[serde(with = "codec::issue_runs")]
    pub issue: Vec<u32>,
    pub repeats: Repeats,
    /// Days since 1970-01-01.
    #[serde(with = "codec::delta_days")]
    pub date: Vec<Option<i32>>,
    /// Days after `date` the event ends (0 for one day).
    pub days: Vec<u16>,
    /// Index into `locations`, or none.
    pub location: Vec<Option<u32>>,
    #[serde(deserialize_with = "codec::shared::texts")]
    pub locations: Vec<Shared>,
    /// Index into `groups`, or none.
    pub group: Vec<Option<u32>>,
    #[serde(deserialize_with = "codec::shared::texts")]
    pub groups: Vec<Shared>,
    /// The group's page, when linked apart from the event: index into `group_urls`.
    pub group_url: Vec<Option<u32>>,
    pub group_urls: Vec<String>,
    #[serde(deserialize_with = "codec::shared::optional_texts")]
    pub title: Vec<Option<Shared>>,
    pub url: Vec<Option<String>>,
    /// Index into `regions`, or none.
    pub region: Vec<Option<u32>>,
    #[serde(deserialize_with = "codec::shared::texts")]
    pub regions: Vec<Shared>,
    pub online: Vec<u8>,
}

/// `updates.<hash>.json`: pull requests, RFCs, FCP items, calls and jobs. Items listed
/// again in later weeks are stored once (`repeats`), as for events.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct UpdateColumns {
    pub schema: u32,
    #[serde(with = "codec::issue_runs")]
    pub issue: Vec<u32>,
    pub repeats: Repeats,
    /// Index into `kinds`.
    pub kind: Vec<u8>,
    pub kinds: Vec<UpdateKind>,
    #[serde(deserialize_with = "codec::shared::texts")]
    pub title: Vec<Shared>,
    pub url: CodedUrls,
    /// Index into `groups`, or none.
    pub group: Vec<Option<u32>>,
    #[serde(deserialize_with = "codec::shared::texts")]
    pub groups: Vec<Shared>,
    #[serde(deserialize_with = "codec::shared::optional_texts")]
    pub disposition: Vec<Option<Shared>>,
}

/// `others.<hash>.json`: list items of narrative sections.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OtherColumns {
    pub schema: u32,
    #[serde(with = "codec::issue_runs")]
    pub issue: Vec<u32>,
    /// Index into `headings`.
    pub heading: Vec<u32>,
    pub headings: Vec<String>,
    pub text: Vec<String>,
    pub url: Vec<Option<String>>,
}

macro_rules! from_json_checked {
    ($ty:ty, $what:literal, |$c:ident| [$($len:expr),* $(,)?] $(, tables [$(($idx:expr, $tab:expr)),*])?) => {
        impl $ty {
            /// Decodes and checks the file.
            pub fn from_json(bytes: &[u8]) -> Result<Self, BundleError> {
                let c: Self = serde_json::from_slice(bytes)?;
                check_schema(c.schema)?;
                c.check()?;
                Ok(c)
            }

            /// Checks that the columns have one length and that indices stay in their
            /// tables (rows are built by position from checked columns only).
            pub(crate) fn check(&self) -> Result<(), BundleError> {
                let $c = self;
                check_columns($what, &[$($len),*])?;
                $($(check_table($what, &$idx, $tab)?;)*)?
                Ok(())
            }
        }
    };
}

from_json_checked!(LinkColumns, "link", |c| [c.issue.len(), c.heading.len(), c.title.len(), c.url.len(), c.tags.len()],
    tables [(c.heading, c.headings.len().min(c.heading_category.len())), (c.tags, c.tag_sets.len())]);
from_json_checked!(CrateColumns, "crate pick", |c| [
    c.issue.len(),
    c.name.len(),
    c.url.len(),
    c.description.len(),
    c.suggested_by.len(),
    c.suggested_by_url.len(),
    c.self_suggested.len()
]);
from_json_checked!(QuoteColumns, "quote", |c| [
    c.issue.len(),
    c.text.len(),
    c.author.len(),
    c.source.len(),
    c.url.len(),
    c.suggested_by.len()
]);
from_json_checked!(EventColumns, "event", |c| [
    c.date.len(),
    c.days.len(),
    c.location.len(),
    c.group.len(),
    c.group_url.len(),
    c.title.len(),
    c.url.len(),
    c.region.len(),
    c.online.len()
]);
from_json_checked!(UpdateColumns, "update", |c| [
    c.kind.len(),
    c.title.len(),
    c.url.len(),
    c.group.len(),
    c.disposition.len()
]);
from_json_checked!(
    OtherColumns,
    "other item",
    |c| [c.issue.len(), c.heading.len(), c.text.len(), c.url.len()],
    tables[(c.heading, c.headings.len())]
);
