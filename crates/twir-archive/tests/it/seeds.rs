//! The five issues of the sample archive (`archive/`), as the user has them (drafts, mojibake, `.txt` names),
//! against the real issues of the archive.

use crate::support::{full_archive_file, sample_dir};
use std::fs;
use twir_archive::parse::{parse_issue, ParsedIssue};

fn seed(name: &str) -> ParsedIssue {
    let path = sample_dir().join(name);
    parse_issue(&fs::read_to_string(path).unwrap()).unwrap()
}

/// The issue of the full archive, or `None` (the test is skipped) without it.
fn real(name: &str) -> Option<ParsedIssue> {
    Some(parse_issue(full_archive_file(name)?).unwrap())
}

/// The records of an issue: everything but the diagnostics about its text.
fn records(mut p: ParsedIssue) -> ParsedIssue {
    p.diagnostics.clear();
    p
}

#[test]
fn the_seed_copy_of_569_with_cp1252_mojibake_yields_exactly_the_record_of_the_real_569() {
    let s = seed("000_549cfd427d09cf91.txt");
    let repaired: Vec<_> = s
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("mojibake"))
        .collect();
    assert_eq!(repaired.len(), 12, "each repaired line is reported");
    assert!(
        repaired[0].message.contains("Windows-1252"),
        "{:?}",
        repaired[0]
    );
    let Some(r) = real("2024-10-16-this-week-in-rust.md") else {
        return;
    };
    let (s, r) = (records(s), records(r));
    assert_eq!(s, r);
    assert_eq!(s.crates[0].name, "bacon");
    assert_eq!(s.crates[0].suggested_by.as_deref(), Some("Denys Séguret"));
}

#[test]
fn the_seed_copy_of_520_yields_exactly_the_record_of_the_real_520() {
    let s = seed("004_6512093a7a3bdcd2.txt");
    assert!(s.diagnostics.is_empty(), "{:?}", s.diagnostics);
    let Some(r) = real("2023-11-08-this-week-in-rust.md") else {
        return;
    };
    assert_eq!(s, r);
}

#[test]
fn the_draft_of_576_with_mac_roman_mojibake_has_its_own_61_events_and_no_empty_records() {
    let s = seed("001_4617adc33c20daef.txt");
    assert!(s
        .diagnostics
        .iter()
        .any(|d| d.message.contains("Mac Roman")));
    let Some(r) = real("2024-12-04-this-week-in-rust.md") else {
        return;
    };
    assert_eq!((s.events.len(), r.events.len()), (61, 45));
    assert!(s.events.iter().all(|e| e.date.is_some()));
    // Empty categories of the draft hold no records, and no record keeps a placeholder.
    assert!(s
        .links
        .iter()
        .all(|l| !l.title.is_empty() && !l.url.is_empty()));
    for text in all_text(&s) {
        assert!(
            !text.contains("REDDIT_LINK_HERE") && !text.contains("goes here"),
            "{text}"
        );
        assert!(
            !text.contains("‚Äì") && !text.contains("ü¶Ä"),
            "mojibake left: {text}"
        );
    }
    // The links the draft shares with the published issue are the same records.
    let shared = s
        .links
        .iter()
        .filter(|l| r.links.iter().any(|m| m.url == l.url))
        .count();
    assert!(
        shared * 10 >= s.links.len() * 9,
        "{shared} of {}",
        s.links.len()
    );
}

#[test]
fn the_draft_of_572_has_no_pick_no_quote_and_no_merged_count_yet() {
    let s = seed("002_d4bedbdc5aaa2816.txt");
    assert!(
        s.has_crate_section && s.crates.is_empty(),
        "`<!-- COTW goes here -->` is no pick"
    );
    assert!(
        s.has_quote_section && s.quotes.is_empty(),
        "`<!-- QOTW goes here -->` is no quote"
    );
    assert_eq!(s.merged_prs, None);
    assert_eq!(s.meta.number, Some(572));
    for text in all_text(&s) {
        assert!(
            !text.contains("goes here") && !text.contains("REDDIT_LINK_HERE"),
            "{text}"
        );
    }
    assert!(
        !s.body.contains("COTW goes here"),
        "comments are not in the reader's body"
    );
}

#[test]
fn the_draft_of_532_with_mac_roman_mojibake_is_repaired_and_keeps_its_number_and_date() {
    let s = seed("003_a7224cf5cd8a9145.txt");
    assert_eq!(
        (s.meta.number, s.meta.date.to_string().as_str()),
        (Some(532), "2024-01-31")
    );
    let Some(r) = real("2024-01-31-this-week-in-rust.md") else {
        return;
    };
    // The draft's lines are not the published issue's lines; everything else is the same.
    let unlined = |p: &ParsedIssue| {
        let mut c = p.crates.clone();
        c.iter_mut().for_each(|x| x.line = 0);
        let mut q = p.quotes.clone();
        q.iter_mut().for_each(|x| x.line = 0);
        (c, q)
    };
    assert_eq!(unlined(&s), unlined(&r));
    assert_eq!(s.crates.len(), 1);
    for text in all_text(&s) {
        assert!(
            !text.contains("‚Äô") && !text.contains("√"),
            "mojibake left: {text}"
        );
    }
}

/// Every string of every record.
fn all_text(p: &ParsedIssue) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    v.extend(
        p.links
            .iter()
            .flat_map(|l| [l.title.clone(), l.url.clone(), l.heading.clone()]),
    );
    v.extend(
        p.crates
            .iter()
            .flat_map(|c| [c.name.clone(), c.url.clone()]),
    );
    v.extend(p.quotes.iter().map(|q| q.text.clone()));
    v.extend(p.events.iter().filter_map(|e| e.title.clone()));
    v.extend(p.updates.iter().map(|u| u.title.clone()));
    v.extend(p.other_items.iter().map(|o| o.text.clone()));
    v
}
