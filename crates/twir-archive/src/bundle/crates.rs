//! `crates.<hash>.json`: every crate pick, in issue order.

use super::urls::{full_url, short_url};
use super::{from_json_checked, issue_number, SCHEMA_VERSION};
use crate::parse::ParsedIssue;
use serde::{Deserialize, Serialize};

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

from_json_checked!(CrateColumns, "crate pick", |c| [
    c.issue.len(),
    c.name.len(),
    c.url.len(),
    c.description.len(),
    c.suggested_by.len(),
    c.suggested_by_url.len(),
    c.self_suggested.len()
]);

/// A crate pick.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateRow {
    pub issue: u32,
    pub name: String,
    pub url: String,
    pub description: Option<String>,
    pub suggested_by: Option<String>,
    pub suggested_by_url: Option<String>,
    pub self_suggested: bool,
}

impl CrateColumns {
    /// The crate picks of weekly issues given in number order.
    pub fn from_issues(issues: &[&ParsedIssue]) -> Self {
        let mut c = CrateColumns {
            schema: SCHEMA_VERSION,
            ..Default::default()
        };
        for p in issues {
            for pick in &p.crates {
                c.issue.push(issue_number(p));
                c.name.push(pick.name.clone());
                c.url.push(short_url(&pick.url));
                c.description.push(pick.description.clone());
                c.suggested_by.push(pick.suggested_by.clone());
                c.suggested_by_url
                    .push(pick.suggested_by_url.as_deref().map(short_url));
                c.self_suggested.push(u8::from(pick.self_suggested));
            }
        }
        c
    }

    /// The rows, one per crate pick ([`CrateColumns::from_json`] checked that the columns
    /// have one length; were they built otherwise, the rows stop at the shortest).
    pub fn into_rows(self) -> Vec<CrateRow> {
        let mut name = self.name.into_iter();
        let mut description = self.description.into_iter();
        let mut suggested_by = self.suggested_by.into_iter();
        // Sized once: the app keeps these rows for good (an iterator without an exact
        // length would grow the vector by doubling).
        let mut out = Vec::with_capacity(self.issue.len());
        let columns = self.issue.iter().zip(&self.url);
        for ((&issue, url), (suggested_by_url, &self_suggested)) in
            columns.zip(self.suggested_by_url.iter().zip(&self.self_suggested))
        {
            let (Some(name), Some(description), Some(suggested_by)) =
                (name.next(), description.next(), suggested_by.next())
            else {
                break;
            };
            out.push(CrateRow {
                issue,
                name,
                url: full_url(url),
                description,
                suggested_by,
                suggested_by_url: suggested_by_url.as_deref().map(full_url),
                self_suggested: self_suggested != 0,
            });
        }
        out
    }
}
