//! The JSON record `twir show` prints for one issue.

use serde::Serialize;
use twir_archive::model::{CratePick, Event, OtherItem, Quote, Update};
use twir_archive::parse::ParsedIssue;
use twir_archive::IssueKind;

/// One issue, as `twir show` prints it: identity, then every record kind.
#[derive(Serialize)]
pub struct ShownIssue<'a> {
    pub number: Option<u32>,
    pub date: String,
    pub title: &'a str,
    pub kind: IssueKind,
    pub file: &'a str,
    pub merged_prs: Option<u32>,
    pub links: Vec<ShownLink<'a>>,
    /// Whether the issue has a Crate of the Week section (from 2015-09-07 on): with it, an
    /// empty `crates` is a week without a pick.
    pub crate_section: bool,
    pub crates: &'a [CratePick],
    pub quote_section: bool,
    pub quotes: &'a [Quote],
    pub events: Vec<ShownEvent<'a>>,
    pub updates: &'a [Update],
    pub other_items: &'a [OtherItem],
}

/// A community link, its category by the name readers see.
#[derive(Serialize)]
pub struct ShownLink<'a> {
    pub heading: &'a str,
    pub category: &'static str,
    pub title: &'a str,
    pub url: &'a str,
    pub tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
    pub line: usize,
}

/// An event with its dates as YYYY-MM-DD.
#[derive(Serialize)]
pub struct ShownEvent<'a> {
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    pub location: Option<&'a str>,
    pub group: Option<&'a str>,
    pub title: Option<&'a str>,
    pub url: Option<&'a str>,
    pub region: Option<&'a str>,
    pub online: bool,
    pub line: usize,
}

impl<'a> ShownIssue<'a> {
    pub fn new(issue: &'a ParsedIssue, file: &'a str) -> Self {
        Self {
            number: issue.meta.number,
            date: issue.meta.date.to_string(),
            title: &issue.meta.title,
            kind: issue.meta.kind,
            file,
            merged_prs: issue.merged_prs,
            links: issue
                .links
                .iter()
                .map(|l| ShownLink {
                    heading: &l.heading,
                    category: l.category.label(),
                    title: &l.title,
                    url: &l.url,
                    tags: &l.tags,
                    description: l.description.as_deref(),
                    line: l.line,
                })
                .collect(),
            crate_section: issue.has_crate_section,
            crates: &issue.crates,
            quote_section: issue.has_quote_section,
            quotes: &issue.quotes,
            events: issue.events.iter().map(ShownEvent::new).collect(),
            updates: &issue.updates,
            other_items: &issue.other_items,
        }
    }
}

impl<'a> ShownEvent<'a> {
    fn new(e: &'a Event) -> Self {
        Self {
            date: e.date.map(|d| d.to_string()),
            end_date: e.end_date.map(|d| d.to_string()),
            location: e.location.as_deref(),
            group: e.group.as_deref(),
            title: e.title.as_deref(),
            url: e.url.as_deref(),
            region: e.region.as_deref(),
            online: e.online,
            line: e.line,
        }
    }
}
