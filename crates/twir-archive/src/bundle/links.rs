//! `links.<hash>.json`: every community link, in issue order.

use super::codec;
use super::urls::{full_url, short_url};
use super::{bad, from_json_checked, issue_number, lookup, shared_table, BundleError, Shared};
use super::{Table, SCHEMA_VERSION};
use crate::parse::ParsedIssue;
use crate::taxonomy::Category;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

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

from_json_checked!(LinkColumns, "link", |c| [c.issue.len(), c.heading.len(), c.title.len(), c.url.len(), c.tags.len()],
    tables [(c.heading, c.headings.len().min(c.heading_category.len())), (c.tags, c.tag_sets.len())]);

/// A community link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRow {
    pub issue: u32,
    pub category: Category,
    /// The heading it was listed under, as written.
    pub heading: Shared,
    pub title: String,
    pub url: String,
    pub tags: Arc<[String]>,
    pub description: Option<String>,
}

impl LinkColumns {
    /// The links of weekly issues given in number order.
    pub fn from_issues(issues: &[&ParsedIssue]) -> Self {
        let mut c = LinkColumns {
            schema: SCHEMA_VERSION,
            ..Default::default()
        };
        // A heading with the category it maps to, and a set of tags, each stored once.
        let mut headings: Table<(Category, &str)> = Table::default();
        let mut tag_sets: Table<&[String]> = Table::default();
        tag_sets.id(&[]);
        for p in issues {
            let n = issue_number(p);
            for l in &p.links {
                if let Some(d) = &l.description {
                    c.descriptions.push((c.issue.len() as u32, d.clone()));
                }
                c.issue.push(n);
                c.heading.push(headings.id((l.category, &l.heading)));
                c.title.push(l.title.clone());
                c.url.push(short_url(&l.url));
                c.tags.push(tag_sets.id(&l.tags));
            }
        }
        for (category, heading) in headings.items {
            c.heading_category.push(category.index() as u8);
            c.headings.push(heading.to_string());
        }
        c.tag_sets = tag_sets.items.into_iter().map(<[String]>::to_vec).collect();
        c
    }

    pub fn into_rows(self) -> Result<Vec<LinkRow>, BundleError> {
        let headings = shared_table(self.headings);
        let tag_sets: Vec<Arc<[String]>> = self.tag_sets.into_iter().map(Arc::from).collect();
        let mut descriptions = self.descriptions.into_iter().peekable();
        let mut out = Vec::with_capacity(self.issue.len());
        let columns = self.issue.iter().zip(&self.heading).zip(&self.tags);
        for (i, (((&issue, &heading), &tags), (title, url))) in columns
            .zip(self.title.into_iter().zip(self.url))
            .enumerate()
        {
            let description = match descriptions.peek() {
                Some((at, _)) if *at as usize == i => descriptions.next().map(|(_, d)| d),
                _ => None,
            };
            out.push(LinkRow {
                issue,
                category: *self
                    .heading_category
                    .get(heading as usize)
                    .and_then(|c| Category::ALL.get(*c as usize))
                    .ok_or_else(|| bad("category"))?,
                heading: lookup(&headings, heading, "heading")?.clone(),
                title,
                url: full_url(&url),
                tags: lookup(&tag_sets, tags, "tags")?.clone(),
                description,
            });
        }
        if out.len() != self.issue.len() {
            return Err(bad("the link columns differ in length"));
        }
        if descriptions.next().is_some() {
            return Err(bad("a description points past the links"));
        }
        Ok(out)
    }
}
