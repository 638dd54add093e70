//! `quotes.<hash>.json`: every quote of the week, in issue order.

use super::urls::{full_url, short_url};
use super::{from_json_checked, issue_number, SCHEMA_VERSION};
use crate::parse::ParsedIssue;
use serde::{Deserialize, Serialize};

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

from_json_checked!(QuoteColumns, "quote", |c| [
    c.issue.len(),
    c.text.len(),
    c.author.len(),
    c.source.len(),
    c.url.len(),
    c.suggested_by.len()
]);

/// A quote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteRow {
    pub issue: u32,
    pub text: String,
    pub author: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub suggested_by: Option<String>,
}

impl QuoteColumns {
    /// The quotes of weekly issues given in number order.
    pub fn from_issues(issues: &[&ParsedIssue]) -> Self {
        let mut c = QuoteColumns {
            schema: SCHEMA_VERSION,
            ..Default::default()
        };
        for p in issues {
            for q in &p.quotes {
                c.issue.push(issue_number(p));
                c.text.push(q.text.clone());
                c.author.push(q.author.clone());
                c.source.push(q.source.clone());
                c.url.push(q.url.as_deref().map(short_url));
                c.suggested_by.push(q.suggested_by.clone());
            }
        }
        c
    }

    /// The rows, one per quote (as for [`CrateColumns::into_rows`](super::CrateColumns::into_rows),
    /// the columns are checked by [`QuoteColumns::from_json`]; otherwise the rows stop at the
    /// shortest).
    pub fn into_rows(self) -> Vec<QuoteRow> {
        let mut text = self.text.into_iter();
        let mut author = self.author.into_iter();
        let mut source = self.source.into_iter();
        let mut suggested_by = self.suggested_by.into_iter();
        let mut out = Vec::with_capacity(self.issue.len());
        for (&issue, url) in self.issue.iter().zip(&self.url) {
            let (Some(text), Some(author), Some(source), Some(suggested_by)) = (
                text.next(),
                author.next(),
                source.next(),
                suggested_by.next(),
            ) else {
                break;
            };
            out.push(QuoteRow {
                issue,
                text,
                author,
                source,
                url: url.as_deref().map(full_url),
                suggested_by,
            });
        }
        out
    }
}
