//! The bundle: the files the explorer app loads, written by `twir bundle`. Field by field:
//! `docs/bundle.md`.
//!
//! Every file is JSON. `manifest.json` has a fixed name and points to the others, whose names
//! carry a hash of their content so that they can be cached forever. The first screen needs
//! only the manifest and the index; each record kind has a file of its own, and each issue's
//! body is a markdown file of its own, loaded when someone opens the issue.
//!
//! Lists are stored as columns (one array per field, all of the same length), repeated
//! strings (headings, regions, groups) as indices into a table, dates as days since
//! 1970-01-01, and records point to their issue by number. This is smaller and faster to
//! decode than an array of objects.

mod codec;
mod rows;
pub mod widget;

use codec::event_url;
pub use codec::{full_event_url, full_url, short_url, CodedUrls, Repeats};
pub use rows::{CrateRow, EventRow, LinkRow, OtherRow, QuoteRow, Shared, UpdateRow};

use crate::date::Date;
use crate::issue::IssueKind;
use crate::model::UpdateKind;
use crate::parse::ParsedIssue;
use crate::taxonomy::Category;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

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

/// How issue bodies are written: as their markdown (`md`), or turned by a renderer into
/// another format (the `twir` command renders them to sanitised HTML in JSON, `json`).
pub struct BodyFormat<'a> {
    pub ext: &'a str,
    pub render: &'a dyn Fn(&str) -> Vec<u8>,
}

impl BodyFormat<'_> {
    /// The markdown as it is.
    pub fn markdown() -> BodyFormat<'static> {
        BodyFormat {
            ext: "md",
            render: &|md: &str| md.as_bytes().to_vec(),
        }
    }
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
    /// ...and the category each maps to, as an index into [`Category::ALL`] (a heading of
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

/// Interns strings into a table, in order of first use.
#[derive(Default)]
struct Table {
    index: HashMap<String, u32>,
    items: Vec<String>,
}

impl Table {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.items.len() as u32;
        self.index.insert(s.to_string(), i);
        self.items.push(s.to_string());
        i
    }
}

/// A short, stable hash of a file's content for its name (64-bit FNV-1a, in hex). Not
/// cryptographic: it only has to change when the content changes.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// The bundle's files as (path, bytes), ready to be written into one folder. Issues are taken
/// in number order and posts in date order, whatever the input order, so that the same
/// archive always gives byte-identical files.
pub fn bundle_files(parsed: &[&ParsedIssue]) -> Vec<(String, Vec<u8>)> {
    bundle_files_with(parsed, &BodyFormat::markdown())
}

/// [`bundle_files`], with bodies written in the given format.
pub fn bundle_files_with(
    parsed: &[&ParsedIssue],
    bodies: &BodyFormat<'_>,
) -> Vec<(String, Vec<u8>)> {
    let mut issues: Vec<&ParsedIssue> = parsed
        .iter()
        .copied()
        .filter(|p| p.meta.kind == IssueKind::Weekly && p.meta.number.is_some())
        .collect();
    issues.sort_by_key(|p| p.meta.number);
    let mut posts: Vec<&ParsedIssue> = parsed
        .iter()
        .copied()
        .filter(|p| p.meta.number.is_none())
        .collect();
    posts.sort_by(|a, b| (a.meta.date, &a.meta.title).cmp(&(b.meta.date, &b.meta.title)));

    let mut out: Vec<(String, Vec<u8>)> = Vec::new();
    let mut files = BTreeMap::new();
    let mut add = |out: &mut Vec<(String, Vec<u8>)>, key: &str, bytes: Vec<u8>| {
        let path = format!("{key}.{}.json", content_hash(&bytes));
        files.insert(
            key.to_string(),
            FileEntry {
                path: path.clone(),
                bytes: bytes.len() as u64,
            },
        );
        out.push((path, bytes));
    };

    let mut index = Index {
        schema: SCHEMA_VERSION,
        body_format: bodies.ext.to_string(),
        ..Default::default()
    };
    let mut links = LinkColumns {
        schema: SCHEMA_VERSION,
        ..Default::default()
    };
    let mut crates = CrateColumns {
        schema: SCHEMA_VERSION,
        ..Default::default()
    };
    let mut quotes = QuoteColumns {
        schema: SCHEMA_VERSION,
        ..Default::default()
    };
    let mut events = EventColumns {
        schema: SCHEMA_VERSION,
        ..Default::default()
    };
    let mut updates = UpdateColumns {
        schema: SCHEMA_VERSION,
        ..Default::default()
    };
    let mut others = OtherColumns {
        schema: SCHEMA_VERSION,
        ..Default::default()
    };
    let (mut headings, mut tag_sets, mut other_headings) =
        (Table::default(), Table::default(), Table::default());
    tag_sets.id("");
    let (mut groups, mut regions, mut update_groups) =
        (Table::default(), Table::default(), Table::default());
    let (mut group_urls, mut locations) = (Table::default(), Table::default());
    let (mut event_repeats, mut update_repeats) = (
        codec::RepeatFinder::default(),
        codec::RepeatFinder::default(),
    );
    let mut update_urls: Vec<Option<String>> = Vec::new();
    let mut category_counts = [0u32; Category::ALL.len()];

    for p in &issues {
        let n = p.meta.number.unwrap_or_default();
        let body = (bodies.render)(&p.body);
        let body_hash = content_hash(&body)[..10].to_string();
        out.push((issue_body_path(n, &body_hash, bodies.ext), body));
        let c = &mut index.issues;
        c.number.push(n);
        c.date.push(p.meta.date.to_days());
        c.title.push(p.meta.title.clone());
        c.merged_prs.push(p.merged_prs);
        c.crate_section.push(u8::from(p.has_crate_section));
        c.quote_section.push(u8::from(p.has_quote_section));
        c.links.push(p.links.len() as u32);
        c.body.push(body_hash);

        for l in &p.links {
            let cat = Category::ALL
                .iter()
                .position(|c| *c == l.category)
                .unwrap_or(0);
            category_counts[cat] += 1;
            if let Some(d) = &l.description {
                links
                    .descriptions
                    .push((links.issue.len() as u32, d.clone()));
            }
            links.issue.push(n);
            let heading = headings.id(&format!("{cat}\u{0}{}", l.heading));
            links.heading.push(heading);
            links.title.push(l.title.clone());
            links.url.push(short_url(&l.url));
            links.tags.push(tag_sets.id(&l.tags.join(" ")));
        }
        for c in &p.crates {
            crates.issue.push(n);
            crates.name.push(c.name.clone());
            crates.url.push(short_url(&c.url));
            crates.description.push(c.description.clone());
            crates.suggested_by.push(c.suggested_by.clone());
            crates
                .suggested_by_url
                .push(c.suggested_by_url.as_deref().map(short_url));
            crates.self_suggested.push(u8::from(c.self_suggested));
        }
        for q in &p.quotes {
            quotes.issue.push(n);
            quotes.text.push(q.text.clone());
            quotes.author.push(q.author.clone());
            quotes.source.push(q.source.clone());
            quotes.url.push(q.url.as_deref().map(short_url));
            quotes.suggested_by.push(q.suggested_by.clone());
        }
        for e in &p.events {
            events.issue.push(n);
            let key = format!(
                "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{}",
                e.date,
                e.end_date,
                e.location,
                e.group,
                e.group_url,
                e.title,
                e.url,
                e.region,
                e.online
            );
            if !event_repeats.store(key) {
                continue;
            }
            events.date.push(e.date.map(Date::to_days));
            let days = match (e.date, e.end_date) {
                (Some(a), Some(b)) => (b.to_days() - a.to_days()).clamp(0, i32::from(u16::MAX)),
                _ => 0,
            };
            events.days.push(days as u16);
            events
                .location
                .push(e.location.as_deref().map(|l| locations.id(l)));
            events.group.push(e.group.as_deref().map(|g| groups.id(g)));
            events
                .group_url
                .push(e.group_url.as_deref().map(|g| group_urls.id(&short_url(g))));
            events.title.push(e.title.as_deref().map(Shared::from));
            events.url.push(
                e.url
                    .as_deref()
                    .map(|u| event_url(u, e.group_url.as_deref())),
            );
            events
                .region
                .push(e.region.as_deref().map(|r| regions.id(r)));
            events.online.push(u8::from(e.online));
        }
        for u in &p.updates {
            let kind = match updates.kinds.iter().position(|k| *k == u.kind) {
                Some(i) => i,
                None => {
                    updates.kinds.push(u.kind);
                    updates.kinds.len() - 1
                }
            };
            updates.issue.push(n);
            let key = format!(
                "{:?}|{}|{:?}|{:?}|{:?}",
                u.kind, u.title, u.url, u.group, u.disposition
            );
            if !update_repeats.store(key) {
                continue;
            }
            updates.kind.push(kind as u8);
            updates.title.push(u.title.as_str().into());
            update_urls.push(u.url.clone());
            updates
                .group
                .push(u.group.as_deref().map(|g| update_groups.id(g)));
            updates
                .disposition
                .push(u.disposition.as_deref().map(Shared::from));
        }
        for o in &p.other_items {
            others.issue.push(n);
            others.heading.push(other_headings.id(&o.heading));
            others.text.push(o.text.clone());
            others.url.push(o.url.as_deref().map(short_url));
        }
    }
    for p in &posts {
        let body = (bodies.render)(&p.body);
        let body_hash = content_hash(&body)[..10].to_string();
        out.push((
            format!("posts/{}.{body_hash}.{}", p.meta.date, bodies.ext),
            body,
        ));
        index.posts.date.push(p.meta.date.to_days());
        index.posts.title.push(p.meta.title.clone());
        index.posts.body.push(body_hash);
    }

    for key in headings.items {
        let (cat, heading) = key.split_once('\u{0}').unwrap_or(("0", &key));
        links.heading_category.push(cat.parse().unwrap_or(0));
        links.headings.push(heading.to_string());
    }
    links.tag_sets = tag_sets
        .items
        .iter()
        .map(|s| {
            s.split(' ')
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect();
    events.repeats = event_repeats.repeats;
    updates.repeats = update_repeats.repeats;
    updates.url = CodedUrls::encode(update_urls.iter().map(Option::as_deref));
    let shared = |items: Vec<String>| items.into_iter().map(Shared::from).collect();
    events.groups = shared(groups.items);
    events.group_urls = group_urls.items;
    events.locations = shared(locations.items);
    events.regions = shared(regions.items);
    updates.groups = shared(update_groups.items);
    others.headings = other_headings.items;
    index.categories = Category::ALL
        .iter()
        .zip(category_counts)
        .map(|(c, n)| CategoryCount {
            slug: c.slug().into(),
            label: c.label().into(),
            links: n,
        })
        .collect();
    for (key, n) in [
        (LINKS_KEY, links.issue.len()),
        (CRATES_KEY, crates.issue.len()),
        (QUOTES_KEY, quotes.issue.len()),
        (EVENTS_KEY, events.issue.len()),
        (UPDATES_KEY, updates.issue.len()),
        (OTHERS_KEY, others.issue.len()),
    ] {
        index.totals.insert(key.to_string(), n as u32);
    }

    add(&mut out, INDEX_KEY, json(&index));
    add(&mut out, LINKS_KEY, json(&links));
    add(&mut out, CRATES_KEY, json(&crates));
    add(&mut out, QUOTES_KEY, json(&quotes));
    add(&mut out, EVENTS_KEY, json(&events));
    add(&mut out, UPDATES_KEY, json(&updates));
    add(&mut out, OTHERS_KEY, json(&others));
    let manifest = Manifest {
        schema: SCHEMA_VERSION,
        files,
    };
    let manifest_bytes = serde_json::to_vec_pretty(&manifest).expect("the manifest serialises");
    out.insert(0, (MANIFEST_FILE.to_string(), manifest_bytes));
    out
}

/// A bundle file as JSON (all plain data, so serialising cannot fail).
fn json<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("bundle types serialise")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::parse_issue;

    const ISSUE_2: &str = "Title: This Week in Rust 2\nDate: 2013-06-15\nCategory: This Week in Rust\n\n# Notable Links\n\n* [video] [A talk](https://example.com/talk)\n";
    const ISSUE_1: &str = "Title: This Week In Rust 1\nDate: 2013-06-07 18:46\nCategory: This Week in Rust\n\nHello <!-- hidden -->\n";
    const POST: &str = "Title: The State of Rust 0.7\nDate: 2013-07-05 09:51\nCategory: Rust\n\nGiven the influx\n";

    fn files() -> Vec<(String, Vec<u8>)> {
        let parsed: Vec<_> = [ISSUE_2, POST, ISSUE_1]
            .iter()
            .map(|t| parse_issue(t).unwrap())
            .collect();
        bundle_files(&parsed.iter().collect::<Vec<_>>())
    }

    fn file<'a>(files: &'a [(String, Vec<u8>)], key: &str) -> &'a [u8] {
        let manifest = Manifest::from_json(&files[0].1).unwrap();
        let path = &manifest.file(key).unwrap().path;
        &files.iter().find(|(p, _)| p == path).unwrap().1
    }

    #[test]
    fn the_bundle_round_trips_and_is_deterministic_whatever_the_input_order() {
        let files = files();
        let parsed: Vec<_> = [ISSUE_1, ISSUE_2, POST]
            .iter()
            .map(|t| parse_issue(t).unwrap())
            .collect();
        assert_eq!(files, bundle_files(&parsed.iter().collect::<Vec<_>>()));
        let index = Index::from_json(file(&files, INDEX_KEY)).unwrap();
        let rows: Vec<_> = index
            .issues()
            .map(|r| (r.number, r.date.to_string(), r.links))
            .collect();
        assert_eq!(
            rows,
            [
                (1, "2013-06-07".to_string(), 0),
                (2, "2013-06-15".to_string(), 1)
            ]
        );
        assert_eq!(index.posts.title, ["The State of Rust 0.7"]);
        assert_eq!(index.totals[LINKS_KEY], 1);
        let links = LinkColumns::from_json(file(&files, LINKS_KEY)).unwrap();
        assert_eq!(links.title, ["A talk"]);
        assert_eq!(links.tag_sets[links.tags[0] as usize], ["video"]);
        assert_eq!(links.headings[links.heading[0] as usize], "Notable Links");
        let h = links.heading[0] as usize;
        assert_eq!(
            Category::ALL[links.heading_category[h] as usize],
            Category::NewsAndBlogPosts
        );
    }

    #[test]
    fn every_file_in_the_manifest_exists_with_its_size_and_bodies_load_by_issue() {
        let files = files();
        let manifest = Manifest::from_json(&files[0].1).unwrap();
        for entry in manifest.files.values() {
            let (_, bytes) = files.iter().find(|(p, _)| *p == entry.path).unwrap();
            assert_eq!(bytes.len() as u64, entry.bytes);
        }
        let index = Index::from_json(file(&files, INDEX_KEY)).unwrap();
        let row = index.issues().next().unwrap();
        let path = issue_body_path(row.number, row.body, &index.body_format);
        let (_, body) = files.iter().find(|(p, _)| *p == path).unwrap();
        assert_eq!(
            std::str::from_utf8(body).unwrap(),
            "Hello\n",
            "comments removed"
        );
    }

    #[test]
    fn a_bundle_of_another_schema_or_shape_is_refused_with_a_reason() {
        let err = Manifest::from_json(br#"{"schema":99,"files":{}}"#).unwrap_err();
        assert!(err.to_string().contains("schema version 99"), "{err}");
        assert!(matches!(
            Index::from_json(b"{\"schema\":2,"),
            Err(BundleError::Json(_))
        ));
        let files = files();
        let mut links = LinkColumns::from_json(file(&files, LINKS_KEY)).unwrap();
        links.heading[0] = 7;
        let bad = serde_json::to_vec(&links).unwrap();
        assert!(matches!(
            LinkColumns::from_json(&bad),
            Err(BundleError::Inconsistent(_))
        ));
        links.heading[0] = 0;
        links.url.pop();
        let bad = serde_json::to_vec(&links).unwrap();
        assert!(matches!(
            LinkColumns::from_json(&bad),
            Err(BundleError::Inconsistent(_))
        ));
    }

    #[test]
    fn content_hashes_differ_when_content_does() {
        assert_eq!(content_hash(b"abc"), content_hash(b"abc"));
        assert_ne!(content_hash(b"abc"), content_hash(b"abd"));
        assert_eq!(content_hash(b"").len(), 16);
    }
}
