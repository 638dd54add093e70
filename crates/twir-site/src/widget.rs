//! The embeddable widget's data files (`twir_archive::bundle::widget`, `docs/widget.md`):
//! the newest crate pick, the newest quote with every quote in small chunks for a random
//! one, and the newest issue with its first links. Written with the bundle and listed in
//! its manifest, so that a widget finds them the way the explorer finds its files.

use crate::bundle::{hashed_name, Bundle};
use pulldown_cmark::{Event, Parser, TagEnd};
use twir_archive::bundle::widget::{
    QuoteChunk, QuoteChunkEntry, WidgetCrate, WidgetCratePick, WidgetIssue, WidgetIssueSummary,
    WidgetLink, WidgetQuote, WidgetQuotes, QUOTES_PER_CHUNK, TOP_LINKS, WIDGET_CRATE_KEY,
    WIDGET_ISSUE_KEY, WIDGET_QUOTE_KEY,
};
use twir_archive::bundle::SCHEMA_VERSION;
use twir_archive::issue::IssueKind;
use twir_archive::parse::ParsedIssue;
use twir_archive::web::twir_org_url;

/// Adds the widget's files to the bundle, in a fixed order: the quote chunks, then the three
/// files the manifest lists by key.
pub fn add_widget_files(bundle: &mut Bundle, parsed: &[&ParsedIssue]) {
    let mut issues: Vec<&ParsedIssue> = parsed
        .iter()
        .copied()
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
        url: twir_org_url(number(p), p.meta.date),
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

    let mut chunks = Vec::new();
    for (i, chunk) in quotes.chunks(QUOTES_PER_CHUNK).enumerate() {
        let bytes = json(&QuoteChunk {
            schema: SCHEMA_VERSION,
            quotes: chunk.to_vec(),
        });
        let path = hashed_name(&format!("quotes-widget-{i}"), &bytes);
        chunks.push(QuoteChunkEntry {
            path: path.clone(),
            quotes: chunk.len() as u32,
        });
        bundle.add(path, bytes);
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
        bundle.add_keyed(key, bytes);
    }
}

fn number(p: &ParsedIssue) -> u32 {
    p.meta.number.unwrap_or_default()
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
