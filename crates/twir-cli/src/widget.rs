//! The embeddable widget's data files (`twir_archive::bundle::widget`, `docs/widget.md`):
//! the newest crate pick, the newest quote with every quote in small chunks for a random
//! one, and the newest issue with its first links. Written with the bundle and listed in
//! its manifest, so that a widget finds them the way the explorer finds its files.

use crate::archive::Archive;
use pulldown_cmark::{Event, Parser, TagEnd};
use twir_archive::bundle::widget::{
    QuoteChunk, QuoteChunkEntry, WidgetCrate, WidgetCratePick, WidgetIssue, WidgetIssueSummary,
    WidgetLink, WidgetQuote, WidgetQuotes, QUOTES_PER_CHUNK, TOP_LINKS, WIDGET_CRATE_KEY,
    WIDGET_ISSUE_KEY, WIDGET_QUOTE_KEY,
};
use twir_archive::bundle::{content_hash, FileEntry, Manifest, MANIFEST_FILE, SCHEMA_VERSION};
use twir_archive::issue::IssueKind;
use twir_archive::parse::ParsedIssue;

/// The widget's files as (path, bytes), in a fixed order, and their manifest entries.
pub fn widget_files(archive: &Archive) -> Vec<(String, Vec<u8>)> {
    let mut issues: Vec<&ParsedIssue> = archive
        .issues()
        .filter(|p| p.meta.kind == IssueKind::Weekly && p.meta.number.is_some())
        .collect();
    issues.sort_by_key(|p| p.meta.number);
    let newest_first = || issues.iter().rev().copied();

    let crate_pick = newest_first().find_map(|p| {
        p.crates.first().map(|c| WidgetCratePick {
            issue: number(p),
            date: p.meta.date.to_string(),
            name: c.name.clone(),
            url: c.url.clone(),
            description: c.description.as_deref().map(plain_text),
            suggested_by: c.suggested_by.clone(),
            suggested_by_url: c.suggested_by_url.clone(),
        })
    });

    let quotes: Vec<WidgetQuote> = issues
        .iter()
        .flat_map(|p| {
            p.quotes.iter().enumerate().map(move |(i, q)| WidgetQuote {
                id: format!("{}-{}", number(p), i + 1),
                issue: number(p),
                date: p.meta.date.to_string(),
                paragraphs: plain_paragraphs(&q.text),
                author: q.author.clone(),
                source: q.source.clone(),
                url: q.url.clone(),
            })
        })
        .collect();
    let latest = newest_first()
        .find(|p| !p.quotes.is_empty())
        .and_then(|p| quotes.iter().find(|q| q.issue == number(p)).cloned());

    let issue = newest_first().next().map(|p| WidgetIssueSummary {
        number: number(p),
        date: p.meta.date.to_string(),
        title: p.meta.title.clone(),
        url: crate::feeds::twir_org_url(number(p), p.meta.date),
        links_total: p.links.len() as u32,
        links: p
            .links
            .iter()
            .take(TOP_LINKS)
            .map(|l| WidgetLink {
                title: plain_text(&l.title),
                url: l.url.clone(),
                category: l.category.label().to_string(),
            })
            .collect(),
    });

    let mut out = Vec::new();
    let mut chunks = Vec::new();
    for (i, chunk) in quotes.chunks(QUOTES_PER_CHUNK).enumerate() {
        let bytes = json(&QuoteChunk {
            schema: SCHEMA_VERSION,
            quotes: chunk.to_vec(),
        });
        let path = hashed(&format!("quotes-widget-{i}"), &bytes);
        chunks.push(QuoteChunkEntry {
            path: path.clone(),
            quotes: chunk.len() as u32,
        });
        out.push((path, bytes));
    }
    let keyed = [
        (
            WIDGET_CRATE_KEY,
            json(&WidgetCrate {
                schema: SCHEMA_VERSION,
                crate_pick,
            }),
        ),
        (
            WIDGET_QUOTE_KEY,
            json(&WidgetQuotes {
                schema: SCHEMA_VERSION,
                latest,
                chunks,
            }),
        ),
        (
            WIDGET_ISSUE_KEY,
            json(&WidgetIssue {
                schema: SCHEMA_VERSION,
                issue,
            }),
        ),
    ];
    for (key, bytes) in keyed {
        out.push((hashed(key, &bytes), bytes));
    }
    out
}

/// Adds the widget's files to a bundle (`files`, the manifest first, as
/// [`bundle_files`](twir_archive::bundle::bundle_files) writes it) and lists the three
/// files of each kind in its manifest.
pub fn add_widget_files(archive: &Archive, files: &mut Vec<(String, Vec<u8>)>) {
    let widget = widget_files(archive);
    let (name, manifest_bytes) = &mut files[0];
    assert_eq!(name, MANIFEST_FILE, "the bundle starts with its manifest");
    let mut manifest = Manifest::from_json(manifest_bytes).expect("the bundle's own manifest");
    for key in [WIDGET_CRATE_KEY, WIDGET_QUOTE_KEY, WIDGET_ISSUE_KEY] {
        let (path, bytes) = widget
            .iter()
            .find(|(p, _)| p.starts_with(&format!("{key}.")))
            .expect("a file for each kind");
        manifest.files.insert(
            key.to_string(),
            FileEntry {
                path: path.clone(),
                bytes: bytes.len() as u64,
            },
        );
    }
    *manifest_bytes = serde_json::to_vec_pretty(&manifest).expect("the manifest serialises");
    files.extend(widget);
}

fn number(p: &ParsedIssue) -> u32 {
    p.meta.number.unwrap_or_default()
}

fn hashed(stem: &str, bytes: &[u8]) -> String {
    format!("{stem}.{}.json", content_hash(bytes))
}

fn json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("widget files serialise")
}

/// Markdown as plain-text paragraphs: the text of emphasis, code and links is kept, the
/// markup dropped; each paragraph, heading or list item is one paragraph.
pub fn plain_paragraphs(markdown: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut flush = |current: &mut String| {
        let p = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !p.is_empty() {
            out.push(p);
        }
        current.clear();
    };
    for event in Parser::new_ext(markdown, twir_archive::markdown::options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                current.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock,
            ) => flush(&mut current),
            _ => {}
        }
    }
    flush(&mut current);
    out
}

/// Markdown as one line of plain text.
pub fn plain_text(markdown: &str) -> String {
    plain_paragraphs(markdown).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_becomes_plain_paragraphs() {
        assert_eq!(
            plain_paragraphs(
                "A *very* `Pin`ned [link](https://x.org)\nwrapped.\n\n> Second <b>bold</b>"
            ),
            ["A very Pinned link wrapped.", "Second bold"]
        );
        assert_eq!(plain_text("derive\\_more"), "derive_more");
        assert!(plain_paragraphs("").is_empty());
    }
}
