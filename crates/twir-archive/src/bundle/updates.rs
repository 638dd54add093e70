//! `updates.<hash>.json`: pull requests, RFCs, FCP items, calls and jobs, in issue order.
//! An item listed again in later weeks is stored once, as for events.

use super::codec;
use super::repeats::{RepeatFinder, Repeats};
use super::urls::CodedUrls;
use super::{bad, from_json_checked, issue_number, listings, lookup, shared_opt, BundleError};
use super::{Shared, Table, SCHEMA_VERSION};
use crate::model::UpdateKind;
use crate::parse::ParsedIssue;
use serde::{Deserialize, Serialize};

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

from_json_checked!(UpdateColumns, "update", |c| [
    c.kind.len(),
    c.title.len(),
    c.url.len(),
    c.group.len(),
    c.disposition.len()
]);

/// A pull request, RFC, FCP item, call or job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateRow {
    pub issue: u32,
    pub kind: UpdateKind,
    pub title: Shared,
    pub url: Option<Shared>,
    pub group: Option<Shared>,
    pub disposition: Option<Shared>,
}

/// What makes two listings one update: every field the file stores (the issue and the line
/// are not stored).
#[derive(PartialEq, Eq, Hash)]
struct SameUpdate<'a> {
    kind: UpdateKind,
    title: &'a str,
    url: Option<&'a str>,
    group: Option<&'a str>,
    disposition: Option<&'a str>,
}

impl UpdateColumns {
    /// The updates of weekly issues given in number order, each stored once.
    pub fn from_issues(issues: &[&ParsedIssue]) -> Self {
        let mut c = UpdateColumns {
            schema: SCHEMA_VERSION,
            ..Default::default()
        };
        let (mut kinds, mut groups) = (Table::<UpdateKind>::default(), Table::<&str>::default());
        let mut repeats = RepeatFinder::with_capacity(issues.iter().map(|p| p.updates.len()).sum());
        let mut urls: Vec<Option<&str>> = Vec::new();
        for p in issues {
            for u in &p.updates {
                // Every listing's kind is in the table, stored or not.
                let kind = kinds.id(u.kind);
                c.issue.push(issue_number(p));
                let same = SameUpdate {
                    kind: u.kind,
                    title: &u.title,
                    url: u.url.as_deref(),
                    group: u.group.as_deref(),
                    disposition: u.disposition.as_deref(),
                };
                if !repeats.store(same) {
                    continue;
                }
                c.kind.push(kind as u8);
                c.title.push(u.title.as_str().into());
                urls.push(u.url.as_deref());
                c.group.push(u.group.as_deref().map(|g| groups.id(g)));
                c.disposition
                    .push(u.disposition.as_deref().map(Shared::from));
            }
        }
        c.repeats = repeats.repeats;
        c.kinds = kinds.items;
        c.url = CodedUrls::encode(urls);
        c.groups = groups.items.into_iter().map(Shared::from).collect();
        c
    }

    pub fn into_rows(self) -> Result<Vec<UpdateRow>, BundleError> {
        self.check()?;
        let positions = self.repeats.expand(self.issue.len(), self.kind.len())?;
        let mut texts = self
            .title
            .into_iter()
            .zip(self.disposition)
            .zip(self.url.decode()?);
        listings(
            &positions,
            &self.issue,
            "update",
            |r| {
                let ((title, disposition), url) = texts.next().ok_or_else(|| bad("update"))?;
                Ok(UpdateRow {
                    issue: 0,
                    kind: *lookup(&self.kinds, u32::from(self.kind[r]), "kind")?,
                    title,
                    url,
                    group: shared_opt(&self.groups, self.group[r], "group")?,
                    disposition,
                })
            },
            |u, issue| u.issue = issue,
        )
    }
}
