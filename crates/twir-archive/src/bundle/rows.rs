//! Records read back from the bundle's columns, one struct per record, as views use them.

use super::{
    full_event_url, full_url, BundleError, CrateColumns, EventColumns, LinkColumns, OtherColumns,
    QuoteColumns, UpdateColumns,
};
use crate::date::Date;
use crate::model::UpdateKind;
use crate::taxonomy::Category;

fn bad(what: &str) -> BundleError {
    BundleError::Inconsistent(what.to_string())
}

fn lookup<'a, T>(table: &'a [T], i: u32, what: &str) -> Result<&'a T, BundleError> {
    table.get(i as usize).ok_or_else(|| bad(what))
}

/// A community link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRow {
    pub issue: u32,
    pub category: Category,
    pub heading: String,
    pub title: String,
    pub url: String,
    pub tags: Vec<String>,
    pub description: Option<String>,
}

impl LinkColumns {
    pub fn rows(&self) -> Result<Vec<LinkRow>, BundleError> {
        let mut descriptions = self.descriptions.iter().peekable();
        let mut out = Vec::with_capacity(self.issue.len());
        for i in 0..self.issue.len() {
            let description = match descriptions.peek() {
                Some((at, _)) if *at as usize == i => descriptions.next().map(|(_, d)| d.clone()),
                _ => None,
            };
            out.push(LinkRow {
                issue: self.issue[i],
                category: *self
                    .heading_category
                    .get(self.heading[i] as usize)
                    .and_then(|c| Category::ALL.get(*c as usize))
                    .ok_or_else(|| bad("category"))?,
                heading: lookup(&self.headings, self.heading[i], "heading")?.clone(),
                title: self.title[i].clone(),
                url: full_url(&self.url[i]),
                tags: lookup(&self.tag_sets, self.tags[i], "tags")?.clone(),
                description,
            });
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
    pub fn rows(&self) -> Vec<CrateRow> {
        (0..self.issue.len())
            .map(|i| CrateRow {
                issue: self.issue[i],
                name: self.name[i].clone(),
                url: full_url(&self.url[i]),
                description: self.description[i].clone(),
                suggested_by: self.suggested_by[i].clone(),
                suggested_by_url: self.suggested_by_url[i].as_deref().map(full_url),
                self_suggested: self.self_suggested[i] != 0,
            })
            .collect()
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
    pub fn rows(&self) -> Vec<QuoteRow> {
        (0..self.issue.len())
            .map(|i| QuoteRow {
                issue: self.issue[i],
                text: self.text[i].clone(),
                author: self.author[i].clone(),
                source: self.source[i].clone(),
                url: self.url[i].as_deref().map(full_url),
                suggested_by: self.suggested_by[i].clone(),
            })
            .collect()
    }
}

/// An event, as listed by one issue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    pub issue: u32,
    pub date: Option<Date>,
    pub end_date: Option<Date>,
    pub location: Option<String>,
    pub group: Option<String>,
    pub group_url: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub region: Option<String>,
    pub online: bool,
}

impl EventColumns {
    pub fn rows(&self) -> Result<Vec<EventRow>, BundleError> {
        let stored = self.repeats.expand(self.issue.len(), self.date.len())?;
        let opt =
            |table: &[String], i: Option<u32>, what: &str| -> Result<Option<String>, BundleError> {
                i.map(|i| lookup(table, i, what).cloned()).transpose()
            };
        let mut out = Vec::with_capacity(self.issue.len());
        for (pos, &r) in stored.iter().enumerate() {
            let date = self.date[r].map(Date::from_days);
            let group_url =
                opt(&self.group_urls, self.group_url[r], "group url")?.map(|g| full_url(&g));
            out.push(EventRow {
                issue: self.issue[pos],
                date,
                end_date: date
                    .filter(|_| self.days[r] > 0)
                    .map(|d| Date::from_days(d.to_days() + i32::from(self.days[r]))),
                location: opt(&self.locations, self.location[r], "location")?,
                group: opt(&self.groups, self.group[r], "group")?,
                url: self.url[r]
                    .as_deref()
                    .map(|u| full_event_url(u, group_url.as_deref())),
                group_url,
                title: self.title[r].clone(),
                region: opt(&self.regions, self.region[r], "region")?,
                online: self.online[r] != 0,
            });
        }
        Ok(out)
    }
}

/// A pull request, RFC, FCP item, call or job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateRow {
    pub issue: u32,
    pub kind: UpdateKind,
    pub title: String,
    pub url: Option<String>,
    pub group: Option<String>,
    pub disposition: Option<String>,
}

impl UpdateColumns {
    pub fn rows(&self) -> Result<Vec<UpdateRow>, BundleError> {
        let stored = self.repeats.expand(self.issue.len(), self.kind.len())?;
        let urls = self.url.decode()?;
        let mut out = Vec::with_capacity(self.issue.len());
        for (pos, &r) in stored.iter().enumerate() {
            out.push(UpdateRow {
                issue: self.issue[pos],
                kind: *lookup(&self.kinds, u32::from(self.kind[r]), "kind")?,
                title: self.title[r].clone(),
                url: urls[r].clone(),
                group: self.group[r]
                    .map(|g| lookup(&self.groups, g, "group").cloned())
                    .transpose()?,
                disposition: self.disposition[r].clone(),
            });
        }
        Ok(out)
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
