//! The bundle of the full real archive decodes back to exactly the records the parser
//! extracted, kind by kind: its compact codings (columns, string tables, URLs by shape,
//! repeated records stored once) lose nothing.

use crate::support;
use twir_archive::bundle::*;
use twir_site::bundle::Bundle;

/// Equal lists, or a panic naming the first record that differs (not both whole lists).
fn assert_same<T: PartialEq + std::fmt::Debug>(what: &str, decoded: &[T], parsed: &[T]) {
    assert_eq!(decoded.len(), parsed.len(), "{what}: count");
    if let Some(i) = (0..parsed.len()).find(|&i| decoded[i] != parsed[i]) {
        panic!(
            "{what} #{i} differs:\n decoded {:?}\n  parsed {:?}",
            decoded[i], parsed[i]
        );
    }
}

#[test]
fn every_record_of_the_full_archive_survives_the_bundle() {
    let Some(archive) = support::archive() else {
        return;
    };
    let mut parsed: Vec<_> = archive
        .issues()
        .filter(|p| p.meta.number.is_some())
        .collect();
    parsed.sort_by_key(|p| p.meta.number);
    let files = Bundle::markdown(&parsed);
    let manifest = Manifest::from_json(&files.manifest_json()).unwrap();
    let get = |key: &str| {
        let path = &manifest.file(key).unwrap().path;
        files.file(path).unwrap().to_vec()
    };

    let links: Vec<LinkRow> = parsed
        .iter()
        .flat_map(|p| {
            p.links.iter().map(|l| LinkRow {
                issue: p.meta.number.unwrap(),
                category: l.category,
                heading: l.heading.as_str().into(),
                title: l.title.clone(),
                url: l.url.clone(),
                tags: l.tags.clone().into(),
                description: l.description.clone(),
            })
        })
        .collect();
    assert_eq!(
        LinkColumns::from_json(&get(LINKS_KEY))
            .unwrap()
            .into_rows()
            .unwrap(),
        links
    );

    let events: Vec<EventRow> = parsed
        .iter()
        .flat_map(|p| {
            p.events.iter().map(|e| EventRow {
                issue: p.meta.number.unwrap(),
                date: e.date,
                end_date: e.end_date.filter(|end| Some(*end) > e.date),
                location: e.location.as_deref().map(Into::into),
                group: e.group.as_deref().map(Into::into),
                group_url: e.group_url.as_deref().map(Into::into),
                title: e.title.as_deref().map(Into::into),
                url: e.url.as_deref().map(Into::into),
                region: e.region.as_deref().map(Into::into),
                online: e.online,
            })
        })
        .collect();
    let decoded = EventColumns::from_json(&get(EVENTS_KEY)).unwrap();
    assert!(
        decoded.date.len() < events.len() / 2,
        "repeated events are stored once"
    );
    let stored = decoded.date.len();
    let rows = decoded.into_rows().unwrap();
    assert_same("event", &rows, &events);
    // The listings of one stored event share its texts instead of copying them: no more
    // title allocations than stored events.
    let titled: Vec<&Shared> = rows.iter().filter_map(|e| e.title.as_ref()).collect();
    let allocations: std::collections::HashSet<*const u8> =
        titled.iter().map(|t| t.as_ptr()).collect();
    assert!(
        allocations.len() <= stored && allocations.len() < titled.len() / 2,
        "{} title allocations for {} titled listings of {stored} stored events",
        allocations.len(),
        titled.len()
    );

    let updates: Vec<UpdateRow> = parsed
        .iter()
        .flat_map(|p| {
            p.updates.iter().map(|u| UpdateRow {
                issue: p.meta.number.unwrap(),
                kind: u.kind,
                title: u.title.as_str().into(),
                url: u.url.as_deref().map(Into::into),
                group: u.group.as_deref().map(Into::into),
                disposition: u.disposition.as_deref().map(Into::into),
            })
        })
        .collect();
    assert_eq!(
        UpdateColumns::from_json(&get(UPDATES_KEY))
            .unwrap()
            .into_rows()
            .unwrap(),
        updates
    );

    let crates: Vec<CrateRow> = parsed
        .iter()
        .flat_map(|p| {
            p.crates.iter().map(|c| CrateRow {
                issue: p.meta.number.unwrap(),
                name: c.name.clone(),
                url: c.url.clone(),
                description: c.description.clone(),
                suggested_by: c.suggested_by.clone(),
                suggested_by_url: c.suggested_by_url.clone(),
                self_suggested: c.self_suggested,
            })
        })
        .collect();
    let decoded = CrateColumns::from_json(&get(CRATES_KEY))
        .unwrap()
        .into_rows();
    assert_same("crate pick", &decoded, &crates);

    let quotes: Vec<_> = parsed
        .iter()
        .flat_map(|p| {
            p.quotes.iter().map(|q| {
                (
                    p.meta.number.unwrap(),
                    q.text.clone(),
                    q.author.clone(),
                    q.url.clone(),
                )
            })
        })
        .collect();
    let decoded: Vec<_> = QuoteColumns::from_json(&get(QUOTES_KEY))
        .unwrap()
        .into_rows()
        .into_iter()
        .map(|q| (q.issue, q.text, q.author, q.url))
        .collect();
    assert_same("quote", &decoded, &quotes);

    let others: Vec<_> = parsed
        .iter()
        .flat_map(|p| {
            p.other_items
                .iter()
                .map(|o| (p.meta.number.unwrap(), o.text.clone(), o.url.clone()))
        })
        .collect();
    let decoded: Vec<_> = OtherColumns::from_json(&get(OTHERS_KEY))
        .unwrap()
        .rows()
        .unwrap()
        .into_iter()
        .map(|o| (o.issue, o.text, o.url))
        .collect();
    assert_same("other item", &decoded, &others);
}
