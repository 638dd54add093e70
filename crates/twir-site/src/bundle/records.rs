//! The index and the record files of the bundle, and the body files, from parsed issues.

use super::{json, Body, BodyFormat, Bundle};
use std::collections::HashMap;
use twir_archive::bundle::{
    event_url, issue_body_path, short_url, CategoryCount, CodedUrls, CrateColumns, EventColumns,
    Index, LinkColumns, OtherColumns, QuoteColumns, RepeatFinder, Shared, UpdateColumns,
    CRATES_KEY, EVENTS_KEY, INDEX_KEY, LINKS_KEY, OTHERS_KEY, QUOTES_KEY, SCHEMA_VERSION,
    UPDATES_KEY,
};
use twir_archive::issue::IssueKind;
use twir_archive::parse::ParsedIssue;
use twir_archive::taxonomy::Category;
use twir_archive::Date;

/// The bundle of these issues, each with its body file: the index and the record files,
/// listed in the manifest, and the body files. Issues are taken in number order and posts in
/// date order, whatever the input order, so that the same archive always gives
/// byte-identical files.
pub(super) fn build<'a>(
    format: BodyFormat,
    entries: impl IntoIterator<Item = (&'a ParsedIssue, Body)>,
) -> Bundle {
    let (mut issues, mut posts): (Vec<_>, Vec<_>) = (Vec::new(), Vec::new());
    for (p, body) in entries {
        if p.meta.number.is_none() {
            posts.push((p, body));
        } else if p.meta.kind == IssueKind::Weekly {
            issues.push((p, body));
        }
    }
    issues.sort_by_key(|(p, _)| p.meta.number);
    posts.sort_by(|(a, _), (b, _)| (a.meta.date, &a.meta.title).cmp(&(b.meta.date, &b.meta.title)));
    let ext = format.ext();
    let weekly: Vec<&ParsedIssue> = issues.iter().map(|(p, _)| *p).collect();
    // Events and updates, the two kinds with repeats, are the largest files: each is built
    // and encoded on a thread of its own while this one builds the others (or here, after
    // them, where there are no threads, as in wasm).
    std::thread::scope(|scope| {
        let spawn = |build: fn(&[&'a ParsedIssue]) -> (Vec<u8>, usize)| {
            let weekly = &weekly;
            let thread = std::thread::Builder::new().spawn_scoped(scope, move || build(weekly));
            move || match thread {
                Ok(thread) => thread.join().expect("the record file encodes"),
                Err(_) => build(weekly),
            }
        };
        let events = spawn(event_file);
        let updates = spawn(update_file);
        let (mut out, mut index, files) = the_rest(ext, issues, posts);
        let (events, event_count) = events();
        let (updates, update_count) = updates();
        for (key, n) in [(EVENTS_KEY, event_count), (UPDATES_KEY, update_count)] {
            index.totals.insert(key.to_string(), n as u32);
        }
        out.add_keyed(INDEX_KEY, json(&index));
        let [links, crates, quotes, others] = files;
        out.add_keyed(LINKS_KEY, links);
        out.add_keyed(CRATES_KEY, crates);
        out.add_keyed(QUOTES_KEY, quotes);
        out.add_keyed(EVENTS_KEY, events);
        out.add_keyed(UPDATES_KEY, updates);
        out.add_keyed(OTHERS_KEY, others);
        out
    })
}

/// The bundle with the body files; the index without the totals of events and updates;
/// the files of links, crates, quotes and other items.
fn the_rest<'a>(
    ext: &str,
    issues: Vec<(&'a ParsedIssue, Body)>,
    posts: Vec<(&'a ParsedIssue, Body)>,
) -> (Bundle, Index, [Vec<u8>; 4]) {
    let mut out = Bundle::new();
    let mut index = Index {
        schema: SCHEMA_VERSION,
        body_format: ext.to_string(),
        ..Default::default()
    };
    let mut links = LinkColumns {
        schema: SCHEMA_VERSION,
        ..Default::default()
    };
    let mut crates = CrateColumns {
        schema: SCHEMA_VERSION,
        ..Default::default()
    };
    let mut quotes = QuoteColumns {
        schema: SCHEMA_VERSION,
        ..Default::default()
    };
    let mut others = OtherColumns {
        schema: SCHEMA_VERSION,
        ..Default::default()
    };
    let (mut headings, mut tag_sets, mut other_headings) =
        (Table::default(), Table::default(), Table::default());
    tag_sets.id("");
    let mut category_counts = [0u32; Category::ALL.len()];

    for (p, body) in issues {
        let n = p.meta.number.unwrap_or_default();
        let Body {
            bytes,
            hash: body_hash,
        } = body;
        out.add(issue_body_path(n, &body_hash, ext), bytes);
        let c = &mut index.issues;
        c.number.push(n);
        c.date.push(p.meta.date.to_days());
        c.title.push(p.meta.title.clone());
        c.merged_prs.push(p.merged_prs);
        c.crate_section.push(u8::from(p.has_crate_section));
        c.quote_section.push(u8::from(p.has_quote_section));
        c.links.push(p.links.len() as u32);
        c.body.push(body_hash);

        for l in &p.links {
            let cat = l.category.index();
            category_counts[cat] += 1;
            if let Some(d) = &l.description {
                links
                    .descriptions
                    .push((links.issue.len() as u32, d.clone()));
            }
            links.issue.push(n);
            let heading = headings.id(&format!("{cat}\u{0}{}", l.heading));
            links.heading.push(heading);
            links.title.push(l.title.clone());
            links.url.push(short_url(&l.url));
            links.tags.push(tag_sets.id(&l.tags.join(" ")));
        }
        for c in &p.crates {
            crates.issue.push(n);
            crates.name.push(c.name.clone());
            crates.url.push(short_url(&c.url));
            crates.description.push(c.description.clone());
            crates.suggested_by.push(c.suggested_by.clone());
            crates
                .suggested_by_url
                .push(c.suggested_by_url.as_deref().map(short_url));
            crates.self_suggested.push(u8::from(c.self_suggested));
        }
        for q in &p.quotes {
            quotes.issue.push(n);
            quotes.text.push(q.text.clone());
            quotes.author.push(q.author.clone());
            quotes.source.push(q.source.clone());
            quotes.url.push(q.url.as_deref().map(short_url));
            quotes.suggested_by.push(q.suggested_by.clone());
        }
        for o in &p.other_items {
            others.issue.push(n);
            others.heading.push(other_headings.id(&o.heading));
            others.text.push(o.text.clone());
            others.url.push(o.url.as_deref().map(short_url));
        }
    }
    for (p, body) in posts {
        let Body {
            bytes,
            hash: body_hash,
        } = body;
        out.add(format!("posts/{}.{body_hash}.{ext}", p.meta.date), bytes);
        index.posts.date.push(p.meta.date.to_days());
        index.posts.title.push(p.meta.title.clone());
        index.posts.body.push(body_hash);
    }

    for key in headings.items {
        let (cat, heading) = key.split_once('\u{0}').unwrap_or(("0", &key));
        links.heading_category.push(cat.parse().unwrap_or(0));
        links.headings.push(heading.to_string());
    }
    links.tag_sets = tag_sets
        .items
        .iter()
        .map(|s| {
            s.split(' ')
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect();
    others.headings = other_headings.items;
    index.categories = Category::ALL
        .iter()
        .zip(category_counts)
        .map(|(c, n)| CategoryCount {
            slug: c.slug().into(),
            label: c.label().into(),
            links: n,
        })
        .collect();
    for (key, n) in [
        (LINKS_KEY, links.issue.len()),
        (CRATES_KEY, crates.issue.len()),
        (QUOTES_KEY, quotes.issue.len()),
        (OTHERS_KEY, others.issue.len()),
    ] {
        index.totals.insert(key.to_string(), n as u32);
    }

    let files = [json(&links), json(&crates), json(&quotes), json(&others)];
    (out, index, files)
}

/// `events.<hash>.json` and how many listings it holds.
fn event_file(issues: &[&ParsedIssue]) -> (Vec<u8>, usize) {
    let mut events = EventColumns {
        schema: SCHEMA_VERSION,
        ..Default::default()
    };
    let (mut groups, mut regions) = (Table::default(), Table::default());
    let (mut group_urls, mut locations) = (Table::default(), Table::default());
    let mut repeats = RepeatFinder::with_capacity(issues.iter().map(|p| p.events.len()).sum());
    for p in issues {
        let n = p.meta.number.unwrap_or_default();
        for e in &p.events {
            events.issue.push(n);
            let key = (
                (e.date, e.end_date, e.online),
                e.location.as_deref(),
                e.group.as_deref(),
                e.group_url.as_deref(),
                e.title.as_deref(),
                e.url.as_deref(),
                e.region.as_deref(),
            );
            if !repeats.store(key) {
                continue;
            }
            events.date.push(e.date.map(Date::to_days));
            let days = match (e.date, e.end_date) {
                (Some(a), Some(b)) => (b.to_days() - a.to_days()).clamp(0, i32::from(u16::MAX)),
                _ => 0,
            };
            events.days.push(days as u16);
            events
                .location
                .push(e.location.as_deref().map(|l| locations.id(l)));
            events.group.push(e.group.as_deref().map(|g| groups.id(g)));
            events
                .group_url
                .push(e.group_url.as_deref().map(|g| group_urls.id(&short_url(g))));
            events.title.push(e.title.as_deref().map(Shared::from));
            events.url.push(
                e.url
                    .as_deref()
                    .map(|u| event_url(u, e.group_url.as_deref())),
            );
            events
                .region
                .push(e.region.as_deref().map(|r| regions.id(r)));
            events.online.push(u8::from(e.online));
        }
    }
    events.repeats = repeats.repeats;
    let shared = |items: Vec<String>| items.into_iter().map(Shared::from).collect();
    events.groups = shared(groups.items);
    events.group_urls = group_urls.items;
    events.locations = shared(locations.items);
    events.regions = shared(regions.items);
    (json(&events), events.issue.len())
}

/// `updates.<hash>.json` and how many listings it holds.
fn update_file(issues: &[&ParsedIssue]) -> (Vec<u8>, usize) {
    let mut updates = UpdateColumns {
        schema: SCHEMA_VERSION,
        ..Default::default()
    };
    let mut groups = Table::default();
    let mut repeats = RepeatFinder::with_capacity(issues.iter().map(|p| p.updates.len()).sum());
    let mut urls: Vec<Option<String>> = Vec::new();
    for p in issues {
        let n = p.meta.number.unwrap_or_default();
        for u in &p.updates {
            let kind = match updates.kinds.iter().position(|k| *k == u.kind) {
                Some(i) => i,
                None => {
                    updates.kinds.push(u.kind);
                    updates.kinds.len() - 1
                }
            };
            updates.issue.push(n);
            let key = (
                u.kind,
                u.title.as_str(),
                u.url.as_deref(),
                u.group.as_deref(),
                u.disposition.as_deref(),
            );
            if !repeats.store(key) {
                continue;
            }
            updates.kind.push(kind as u8);
            updates.title.push(u.title.as_str().into());
            urls.push(u.url.clone());
            updates.group.push(u.group.as_deref().map(|g| groups.id(g)));
            updates
                .disposition
                .push(u.disposition.as_deref().map(Shared::from));
        }
    }
    updates.repeats = repeats.repeats;
    updates.url = CodedUrls::encode(urls.iter().map(Option::as_deref));
    updates.groups = groups.items.into_iter().map(Shared::from).collect();
    (json(&updates), updates.issue.len())
}

/// Interns strings into a table, in order of first use.
#[derive(Default)]
struct Table {
    index: HashMap<String, u32>,
    items: Vec<String>,
}

impl Table {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.items.len() as u32;
        self.index.insert(s.to_string(), i);
        self.items.push(s.to_string());
        i
    }
}
