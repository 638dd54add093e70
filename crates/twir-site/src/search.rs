//! The search's export: the rows the app searches, decoded from the bundle's files exactly as
//! the app decodes them, so that the app's search engine (twir-search) ranks them exactly as
//! in the app (`twir search`, `twir bench-search`, the relevance tests), and each hit as JSON.

use crate::bundle::Bundle;
use anyhow::{Context, Result};
use serde_json::{json, Map, Value};
use twir_archive::bundle::{
    CrateRow, EventRow, LinkRow, Manifest, QuoteRow, Records, Shared, UpdateRow,
};
use twir_archive::parse::ParsedIssue;
use twir_search::{Kind, Results, SearchIndex};

/// The records the app searches, decoded from the bundle's files the way the app decodes
/// them (the manifest read back from its JSON).
pub fn decode(bundle: &Bundle) -> Result<Records> {
    let manifest = Manifest::from_json(&bundle.manifest_json())?;
    Records::decode(&manifest, |path| {
        bundle
            .file(path)
            .with_context(|| format!("the bundle has no {path}"))
    })
}

/// Compiles parsed issues into a bundle in memory (markdown bodies) and decodes it.
pub fn from_issues(parsed: &[&ParsedIssue]) -> Result<Records> {
    decode(&Bundle::markdown(parsed))
}

/// Bytes the decoded rows hold (string capacities included; a text that rows share, and
/// a shared tag set, counted once), for the memory figure.
pub fn heap_bytes(records: &Records) -> usize {
    use std::cell::RefCell;
    use std::collections::HashSet;
    use std::mem::size_of;
    let seen = RefCell::new(HashSet::new());
    let s = |s: &String| s.capacity();
    let o = |s: &Option<String>| s.as_ref().map_or(0, String::capacity);
    // An Arc's allocation: two counts and the text, once however many rows point to it.
    let a = |t: &Shared| {
        if seen.borrow_mut().insert(t.as_ptr() as usize) {
            2 * size_of::<usize>() + t.len()
        } else {
            0
        }
    };
    let ao = |t: &Option<Shared>| t.as_ref().map_or(0, a);
    let links: usize = records
        .links
        .iter()
        .map(|l| {
            let tags = if seen.borrow_mut().insert(l.tags.as_ptr() as usize) {
                2 * size_of::<usize>()
                    + l.tags.len() * size_of::<String>()
                    + l.tags.iter().map(s).sum::<usize>()
            } else {
                0
            };
            a(&l.heading) + s(&l.title) + s(&l.url) + o(&l.description) + tags
        })
        .sum();
    let crates: usize = records
        .crates
        .iter()
        .map(|c| {
            s(&c.name) + s(&c.url) + o(&c.description) + o(&c.suggested_by) + o(&c.suggested_by_url)
        })
        .sum();
    let quotes: usize = records
        .quotes
        .iter()
        .map(|q| s(&q.text) + o(&q.author) + o(&q.source) + o(&q.url) + o(&q.suggested_by))
        .sum();
    let events: usize = records
        .events
        .iter()
        .map(|e| {
            ao(&e.location)
                + ao(&e.group)
                + ao(&e.group_url)
                + ao(&e.title)
                + ao(&e.url)
                + ao(&e.region)
        })
        .sum();
    let updates: usize = records
        .updates
        .iter()
        .map(|u| a(&u.title) + ao(&u.url) + ao(&u.group) + ao(&u.disposition))
        .sum();
    links
        + crates
        + quotes
        + events
        + updates
        + records.links.capacity() * size_of::<LinkRow>()
        + records.crates.capacity() * size_of::<CrateRow>()
        + records.quotes.capacity() * size_of::<QuoteRow>()
        + records.events.capacity() * size_of::<EventRow>()
        + records.updates.capacity() * size_of::<UpdateRow>()
}

/// One hit as a JSON object: `kind`, `issue`, `date`, `title`, `url`, `score`, then
/// fields of its kind, and the terms it matched.
pub fn hit_json(records: &Records, search: &SearchIndex, results: &Results, at: usize) -> Value {
    let hit = results.hits[at];
    let r = search.record(hit.record);
    let row = r.row as usize;
    let mut m = Map::new();
    m.insert("kind".into(), json!(r.kind.name()));
    m.insert("issue".into(), json!(r.issue));
    let date = twir_archive::Date::from_days(r.day).to_string();
    m.insert("date".into(), json!(date));
    let issue_url;
    let (title, url): (&str, Option<&str>) = match r.kind {
        Kind::Link => {
            let l = &records.links[row];
            m.insert("category".into(), json!(l.category.slug()));
            if let Some(d) = &l.description {
                m.insert("description".into(), json!(d));
            }
            (&l.title, Some(&l.url))
        }
        Kind::Crate => {
            let c = &records.crates[row];
            m.insert("description".into(), json!(c.description));
            (&c.name, Some(&c.url))
        }
        Kind::Quote => {
            let q = &records.quotes[row];
            m.insert("author".into(), json!(q.author));
            (&q.text, q.url.as_deref())
        }
        Kind::Event => {
            let e = &records.events[row];
            m.insert("group".into(), json!(e.group.as_deref()));
            m.insert("location".into(), json!(e.location.as_deref()));
            m.insert("event_date".into(), json!(e.date.map(|d| d.to_string())));
            let title = e
                .title
                .as_deref()
                .or(e.group.as_deref())
                .unwrap_or_default();
            (title, e.url.as_deref())
        }
        Kind::Update => {
            let u = &records.updates[row];
            m.insert("update_kind".into(), json!(u.kind));
            m.insert("group".into(), json!(u.group.as_deref()));
            (&u.title, u.url.as_deref())
        }
        Kind::Issue => {
            issue_url = format!("?view=issue&issue={}", r.issue);
            (&records.index.issues.title[row], Some(issue_url.as_str()))
        }
    };
    m.insert("title".into(), json!(title));
    m.insert("url".into(), json!(url));
    m.insert("score".into(), json!(hit.score));
    m.insert(
        "matched".into(),
        json!(search.hit_terms(hit.record, &results.highlighter)),
    );
    Value::Object(m)
}
