//! `others.<hash>.json`: list items of narrative sections, in issue order.

use super::codec;
use super::urls::{full_url, short_url};
use super::{from_json_checked, issue_number, lookup, BundleError, Table, SCHEMA_VERSION};
use crate::parse::ParsedIssue;
use serde::{Deserialize, Serialize};

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

from_json_checked!(
    OtherColumns,
    "other item",
    |c| [c.issue.len(), c.heading.len(), c.text.len(), c.url.len()],
    tables[(c.heading, c.headings.len())]
);

/// A list item of a narrative section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherRow {
    pub issue: u32,
    pub heading: String,
    pub text: String,
    pub url: Option<String>,
}

impl OtherColumns {
    /// The other items of weekly issues given in number order.
    pub fn from_issues(issues: &[&ParsedIssue]) -> Self {
        let mut c = OtherColumns {
            schema: SCHEMA_VERSION,
            ..Default::default()
        };
        let mut headings: Table<&str> = Table::default();
        for p in issues {
            for o in &p.other_items {
                c.issue.push(issue_number(p));
                c.heading.push(headings.id(&o.heading));
                c.text.push(o.text.clone());
                c.url.push(o.url.as_deref().map(short_url));
            }
        }
        c.headings = headings.items.into_iter().map(str::to_string).collect();
        c
    }

    pub fn rows(&self) -> Result<Vec<OtherRow>, BundleError> {
        self.check()?;
        (0..self.issue.len())
            .map(|i| {
                Ok(OtherRow {
                    issue: self.issue[i],
                    heading: lookup(&self.headings, self.heading[i], "heading")?.clone(),
                    text: self.text[i].clone(),
                    url: self.url[i].as_deref().map(full_url),
                })
            })
            .collect()
    }
}
