//! The widget's data files over the whole real archive: the newest crate pick, quote and
//! issue, found by a plain scan of the files (independent of the parser), and every quote
//! in exactly one small chunk.

use crate::support::{dir, has_full_archive, loaded};
use std::fs;
use std::sync::OnceLock;
use twir_archive::bundle::widget::*;
use twir_archive::bundle::*;
use twir_site::bundle::Bundle;

/// The bundle (markdown bodies: faster, and the same records) with the widget's files.
fn files() -> &'static Bundle {
    static FILES: OnceLock<Bundle> = OnceLock::new();
    FILES.get_or_init(|| {
        let mut files = Bundle::markdown(&loaded().parsed());
        twir_site::widget::add_widget_files(&mut files, &loaded().parsed());
        files
    })
}

fn file(path: &str) -> &'static [u8] {
    files()
        .file(path)
        .unwrap_or_else(|| panic!("no file {path} in the bundle"))
}

fn keyed(key: &str) -> &'static [u8] {
    let manifest = Manifest::from_json(&files().manifest_json()).unwrap();
    file(&manifest.file(key).unwrap().path)
}

/// Weekly issue files as (number, text), newest first, read without the parser.
fn scanned_issues() -> Vec<(u32, String)> {
    let mut issues: Vec<(u32, String)> = fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| {
            let text = fs::read_to_string(e.unwrap().path()).ok()?;
            let number = text
                .lines()
                .take(8)
                .find_map(|l| l.strip_prefix("Number: "))?
                .trim()
                .parse()
                .ok()?;
            Some((number, text))
        })
        .collect();
    issues.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    issues
}

#[test]
fn the_crate_pick_is_the_first_of_the_newest_issue_that_has_one() {
    if !has_full_archive() {
        return;
    }
    const PHRASE: &str = "This week's crate is [";
    let (number, name) = scanned_issues()
        .into_iter()
        .find_map(|(n, text)| {
            let at = text.find(PHRASE)? + PHRASE.len();
            let name = text[at..].split(']').next()?.replace("\\_", "_");
            Some((n, name))
        })
        .expect("some issue has a crate pick");
    let pick = WidgetCrate::from_json(keyed(WIDGET_CRATE_KEY))
        .unwrap()
        .crate_pick
        .expect("a pick");
    assert_eq!((pick.issue, pick.name.as_str()), (number, name.as_str()));
    assert!(pick.url.starts_with("https://"), "{}", pick.url);
    assert!(pick.description.is_some_and(|d| !d.contains('[')));
}

#[test]
fn the_latest_quote_is_the_first_of_the_newest_issue_that_has_one() {
    if !has_full_archive() {
        return;
    }
    let (number, first_line) = scanned_issues()
        .into_iter()
        .find_map(|(n, text)| {
            let section = text.split_once("Quote of the Week")?.1;
            let line = section.lines().find(|l| l.starts_with("> "))?;
            Some((n, line[2..].trim().to_string()))
        })
        .expect("some issue has a quote");
    let quotes = WidgetQuotes::from_json(keyed(WIDGET_QUOTE_KEY)).unwrap();
    let latest = quotes.latest.expect("a latest quote");
    assert_eq!(latest.issue, number);
    assert_eq!(latest.id, format!("{number}-1"));
    assert!(
        latest.paragraphs[0].starts_with(&first_line),
        "{:?} should start with {first_line:?}",
        latest.paragraphs
    );
}

#[test]
fn quote_chunks_hold_every_quote_exactly_once_in_issue_order() {
    if !has_full_archive() {
        return;
    }
    let quotes = WidgetQuotes::from_json(keyed(WIDGET_QUOTE_KEY)).unwrap();
    let mut chunked = Vec::new();
    for entry in &quotes.chunks {
        let chunk = QuoteChunk::from_json(file(&entry.path)).unwrap();
        assert_eq!(chunk.quotes.len(), entry.quotes as usize, "{}", entry.path);
        assert!(chunk.quotes.len() <= QUOTES_PER_CHUNK);
        assert!(
            file(&entry.path).len() < 40_000,
            "{} is not small",
            entry.path
        );
        chunked.extend(chunk.quotes);
    }
    let all = QuoteColumns::from_json(keyed(QUOTES_KEY))
        .unwrap()
        .into_rows();
    assert_eq!(chunked.len(), all.len());
    for (c, q) in chunked.iter().zip(&all) {
        assert_eq!((c.issue, &c.author, &c.url), (q.issue, &q.author, &q.url));
    }
    let mut ids: Vec<&str> = chunked.iter().map(|q| q.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "permalink ids are unique");
}

#[test]
fn the_issue_is_the_newest_with_its_first_links() {
    if !has_full_archive() {
        return;
    }
    let (number, text) = scanned_issues().remove(0);
    let issue = WidgetIssue::from_json(keyed(WIDGET_ISSUE_KEY))
        .unwrap()
        .issue
        .expect("an issue");
    assert_eq!(issue.number, number);
    assert!(text.contains(&format!("Title: {}", issue.title)));
    assert!(issue.url.starts_with("https://this-week-in-rust.org/blog/"));
    assert!(issue
        .url
        .ends_with(&format!("/this-week-in-rust-{number}/")));
    let index = Index::from_json(keyed(INDEX_KEY)).unwrap();
    let row = index.issues().last().unwrap();
    assert_eq!((row.number, row.links), (number, issue.links_total));
    assert_eq!(issue.links.len(), TOP_LINKS.min(row.links as usize));
    let links = LinkColumns::from_json(keyed(LINKS_KEY))
        .unwrap()
        .into_rows()
        .unwrap();
    let first: Vec<_> = links
        .iter()
        .filter(|l| l.issue == number)
        .take(TOP_LINKS)
        .collect();
    for (w, l) in issue.links.iter().zip(first) {
        assert_eq!((&w.url, w.category.as_str()), (&l.url, l.category.label()));
    }
}

#[test]
fn the_manifest_lists_each_kind_with_its_size_and_the_files_are_small() {
    if !has_full_archive() {
        return;
    }
    let manifest = Manifest::from_json(&files().manifest_json()).unwrap();
    for (key, limit) in [
        (WIDGET_CRATE_KEY, 2_000),
        (WIDGET_QUOTE_KEY, 4_000),
        (WIDGET_ISSUE_KEY, 4_000),
    ] {
        let entry = manifest.file(key).unwrap();
        assert_eq!(file(&entry.path).len() as u64, entry.bytes, "{key}");
        assert!(entry.bytes < limit, "{key}: {} bytes", entry.bytes);
    }
    let again = {
        let mut files = Bundle::markdown(&loaded().parsed());
        twir_site::widget::add_widget_files(&mut files, &loaded().parsed());
        files
    };
    assert_eq!(files(), &again, "deterministic");
}
