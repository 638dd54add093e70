//! `events.<hash>.json`: every event, in issue order. An event listed again in later weeks
//! is stored once.

use super::codec;
use super::repeats::{RepeatFinder, Repeats};
use super::urls::{event_url, full_event_url, full_url, short_url};
use super::{bad, from_json_checked, issue_number, listings, shared_opt, BundleError, Shared};
use super::{Table, SCHEMA_VERSION};
use crate::date::Date;
use crate::parse::ParsedIssue;
use serde::{Deserialize, Serialize};

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

/// What makes two listings one event: every field the file stores (the issue, the line and
/// the date as written are not stored).
#[derive(PartialEq, Eq, Hash)]
struct SameEvent<'a> {
    date: Option<Date>,
    end_date: Option<Date>,
    online: bool,
    location: Option<&'a str>,
    group: Option<&'a str>,
    group_url: Option<&'a str>,
    title: Option<&'a str>,
    url: Option<&'a str>,
    region: Option<&'a str>,
}

impl EventColumns {
    /// The events of weekly issues given in number order, each stored once.
    pub fn from_issues(issues: &[&ParsedIssue]) -> Self {
        let mut c = EventColumns {
            schema: SCHEMA_VERSION,
            ..Default::default()
        };
        let (mut groups, mut regions) = (Table::<&str>::default(), Table::<&str>::default());
        let (mut group_urls, mut locations) = (Table::<String>::default(), Table::default());
        let mut repeats = RepeatFinder::with_capacity(issues.iter().map(|p| p.events.len()).sum());
        for p in issues {
            for e in &p.events {
                c.issue.push(issue_number(p));
                let same = SameEvent {
                    date: e.date,
                    end_date: e.end_date,
                    online: e.online,
                    location: e.location.as_deref(),
                    group: e.group.as_deref(),
                    group_url: e.group_url.as_deref(),
                    title: e.title.as_deref(),
                    url: e.url.as_deref(),
                    region: e.region.as_deref(),
                };
                if !repeats.store(same) {
                    continue;
                }
                c.date.push(e.date.map(Date::to_days));
                let days = match (e.date, e.end_date) {
                    (Some(a), Some(b)) => (b.to_days() - a.to_days()).clamp(0, i32::from(u16::MAX)),
                    _ => 0,
                };
                c.days.push(days as u16);
                c.location
                    .push(e.location.as_deref().map(|l| locations.id(l)));
                c.group.push(e.group.as_deref().map(|g| groups.id(g)));
                c.group_url
                    .push(e.group_url.as_deref().map(|g| group_urls.id(short_url(g))));
                c.title.push(e.title.as_deref().map(Shared::from));
                c.url.push(
                    e.url
                        .as_deref()
                        .map(|u| event_url(u, e.group_url.as_deref())),
                );
                c.region.push(e.region.as_deref().map(|r| regions.id(r)));
                c.online.push(u8::from(e.online));
            }
        }
        c.repeats = repeats.repeats;
        let shared = |items: Vec<&str>| items.into_iter().map(Shared::from).collect();
        c.groups = shared(groups.items);
        c.group_urls = group_urls.items;
        c.locations = shared(locations.items);
        c.regions = shared(regions.items);
        c
    }

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
