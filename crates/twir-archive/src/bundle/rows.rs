//! Records read back from the bundle's columns, one struct per record, as views use them.
//!
//! Building rows consumes the columns: unique texts move into the rows, and texts that many
//! rows share (a heading, a tag set, the fields of an event or update listed by several
//! issues, a group or region) are one `Arc<str>` that the rows point to. The app keeps every
//! row of the archive in memory, and the wasm memory never shrinks, so neither a second copy
//! of every text nor a copy per listing is affordable (docs/search.md, memory).

use super::{
    full_event_url, full_url, BundleError, CrateColumns, EventColumns, LinkColumns, OtherColumns,
    QuoteColumns, UpdateColumns,
};
use crate::date::Date;
use crate::model::UpdateKind;
use crate::taxonomy::Category;
use std::sync::Arc;

/// A text many rows share.
pub type Shared = Arc<str>;

fn shared_table(t: Vec<String>) -> Vec<Shared> {
    t.into_iter().map(Shared::from).collect()
}

fn shared_opt(table: &[Shared], i: Option<u32>, what: &str) -> Result<Option<Shared>, BundleError> {
    i.map(|i| lookup(table, i, what).cloned()).transpose()
}

/// The row of every listing (`positions[i]` is the stored record of listing `i`, as
/// [`super::Repeats::expand`] gives them: each stored record first listed in order). A stored
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
    /// The rows, one per quote (as for [`CrateColumns::into_rows`], the columns are checked
    /// by [`QuoteColumns::from_json`]; otherwise the rows stop at the shortest).
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

/// An event, as listed by one issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    pub issue: u32,
    pub date: Option<Date>,
    pub end_date: Option<Date>,
    pub location: Option<Shared>,
    pub group: Option<Shared>,
    pub group_url: Option<Shared>,
    pub title: Option<Shared>,
    pub url: Option<Shared>,
    pub region: Option<Shared>,
    pub online: bool,
}

impl EventColumns {
    pub fn into_rows(self) -> Result<Vec<EventRow>, BundleError> {
        self.check()?;
        let positions = self.repeats.expand(self.issue.len(), self.date.len())?;
        let group_urls: Vec<Shared> = self.group_urls.iter().map(|u| full_url(u).into()).collect();
        let mut texts = self.title.into_iter().zip(self.url);
        listings(
            &positions,
            &self.issue,
            "event",
            |r| {
                let (title, url) = texts.next().ok_or_else(|| bad("event"))?;
                let date = self.date[r].map(Date::from_days);
                let group_url = shared_opt(&group_urls, self.group_url[r], "group url")?;
                let end_date = match date {
                    Some(d) if self.days[r] > 0 => Some(
                        d.checked_add_days(i32::from(self.days[r]))
                            .ok_or_else(|| bad("an event's `days` run past the last date"))?,
                    ),
                    _ => None,
                };
                Ok(EventRow {
                    issue: 0,
                    date,
                    end_date,
                    location: shared_opt(&self.locations, self.location[r], "location")?,
                    group: shared_opt(&self.groups, self.group[r], "group")?,
                    url: url.map(|u| full_event_url(&u, group_url.as_deref()).into()),
                    group_url,
                    title,
                    region: shared_opt(&self.regions, self.region[r], "region")?,
                    online: self.online[r] != 0,
                })
            },
            |e, issue| e.issue = issue,
        )
    }
}

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

impl UpdateColumns {
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

/// A list item of a narrative section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherRow {
    pub issue: u32,
    pub heading: String,
    pub text: String,
    pub url: Option<String>,
}

impl OtherColumns {
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
