//! From an issue's text to its records. [`parse_issue`] reads the front matter, repairs
//! mojibake, blanks HTML comments (drafts keep templates and example bullets in them), cuts
//! the body into sections by the meaning of their headings, and hands each section to the
//! parser of its role.
//!
//! Section parsers each take one top-level [`Section`] and return the records it holds.
//! Every top-level list item with a link becomes a record of its kind, or an
//! [`OtherItem`] when the parser cannot type it: nothing is dropped in silence.

pub mod crates;
pub mod events;
pub mod links;
pub mod quotes;
pub mod updates;

use crate::date::Date;
use crate::diagnostic::{Diagnostic, ParseError};
use crate::issue::{parse_file, IssueMeta};
use crate::markdown::{blank_empty_reference_definitions, blank_html_comments, Block, ListItem};
use crate::model::{CratePick, Event, Link, OtherItem, Quote, Update};
use crate::repair::repair_mojibake_lines;
use crate::sections::{Outline, Section};
use crate::taxonomy::Role;

/// What a section parser knows of the issue it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// The issue's date (events without a year are placed relative to it).
    pub date: Date,
    pub number: Option<u32>,
}

/// Everything extracted from one archive file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedIssue {
    pub meta: IssueMeta,
    pub links: Vec<Link>,
    /// Whether the issue has a Crate of the Week section at all (from 2015-09-07 on).
    pub has_crate_section: bool,
    /// The crate picks; empty with `has_crate_section` for a week without a pick.
    pub crates: Vec<CratePick>,
    pub has_quote_section: bool,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    pub updates: Vec<Update>,
    /// `N pull requests were merged in the last week`.
    pub merged_prs: Option<u32>,
    pub other_items: Vec<OtherItem>,
    /// The body for the reader: markdown with mojibake repaired and HTML comments removed.
    pub body: String,
    /// 1-based file line of the body's first line.
    pub body_line: usize,
    /// Warnings, sorted by line.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses one archive file completely.
pub fn parse_issue(text: &str) -> Result<ParsedIssue, ParseError> {
    let file = parse_file(text)?;
    let ctx = Context {
        date: file.meta.date,
        number: file.meta.number,
    };
    let (repaired, repairs) = repair_mojibake_lines(file.body);
    let mut blanked = blank_html_comments(&repaired);
    let empty_definitions = blank_empty_reference_definitions(&mut blanked);
    let outline = Outline::parse(&blanked, file.body_line);
    let (sections, unmapped) = outline.sections();

    let mut issue = ParsedIssue {
        meta: file.meta,
        links: Vec::new(),
        has_crate_section: false,
        crates: Vec::new(),
        has_quote_section: false,
        quotes: Vec::new(),
        events: Vec::new(),
        updates: Vec::new(),
        merged_prs: None,
        other_items: Vec::new(),
        body: reader_body(&repaired),
        body_line: file.body_line,
        diagnostics: file.warnings,
    };
    for r in repairs {
        issue.diagnostics.push(Diagnostic::warning(
            file.body_line + r.line - 1,
            format!(
                "mojibake repaired: this line was UTF-8 text read as {}",
                r.encoding.name()
            ),
            "save the file as UTF-8 so that the repair is not needed",
        ));
    }
    for offset in empty_definitions {
        let line = file.body_line + blanked[..offset].matches('\n').count();
        issue.diagnostics.push(Diagnostic::warning(
            line,
            "a reference definition has no URL, so the definitions below it would read as text",
            "give it its URL, or delete the line (it was ignored)",
        ));
    }
    issue.diagnostics.extend(outline.warnings.iter().cloned());
    for h in unmapped {
        issue.diagnostics.push(Diagnostic::warning(
            h.line,
            format!(
                "the section heading `{}` is not one the parser knows",
                h.text
            ),
            "map it in crates/twir-archive/src/taxonomy.rs, or use a known heading",
        ));
    }
    for section in &sections {
        dispatch(section, &ctx, &mut issue);
    }
    issue.diagnostics.sort_by_key(|d| d.line);
    Ok(issue)
}

fn dispatch(section: &Section<'_>, ctx: &Context, issue: &mut ParsedIssue) {
    match section.role {
        Some(Role::Community | Role::LinkList(_)) => {
            let s = links::parse(section, ctx);
            issue.links.extend(s.links);
            issue.other_items.extend(s.other_items);
            issue.diagnostics.extend(s.diagnostics);
        }
        Some(role @ (Role::CrateOfTheWeek | Role::CrateAndQuote | Role::QuoteOfTheWeek)) => {
            if role != Role::QuoteOfTheWeek {
                let s = crates::parse(section, ctx);
                issue.has_crate_section = true;
                issue.crates.extend(s.picks);
                issue.diagnostics.extend(s.diagnostics);
            }
            if role != Role::CrateOfTheWeek {
                let s = quotes::parse(section, ctx);
                issue.has_quote_section = true;
                issue.quotes.extend(s.quotes);
                issue.diagnostics.extend(s.diagnostics);
            }
        }
        Some(Role::Events | Role::EventRegion) => {
            let s = events::parse(section, ctx);
            issue.events.extend(s.events);
            issue.other_items.extend(s.other_items);
            issue.diagnostics.extend(s.diagnostics);
        }
        Some(
            Role::ProjectUpdates | Role::CallsForTesting | Role::CallForParticipation | Role::Jobs,
        ) => {
            let s = updates::parse(section, ctx);
            issue.updates.extend(s.updates);
            if issue.merged_prs.is_none() {
                issue.merged_prs = s.merged_prs;
            }
            issue.other_items.extend(s.other_items);
            issue.diagnostics.extend(s.diagnostics);
        }
        Some(Role::Narrative) | None => other_items(section, &mut issue.other_items),
    }
}

/// The list items of a narrative section (or the introduction), kept as other items.
fn other_items(section: &Section<'_>, out: &mut Vec<OtherItem>) {
    let mut heading = section.heading.to_string();
    for block in section.blocks {
        match block {
            Block::Heading { inline, .. } => heading = inline.text.trim().to_string(),
            Block::List { items, .. } => {
                out.extend(items.iter().filter_map(|item| other_item(item, &heading)));
            }
            _ => {}
        }
    }
}

/// A list item as an other item; `None` for an empty one.
fn other_item(item: &ListItem, heading: &str) -> Option<OtherItem> {
    let text = item
        .inline
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (!text.is_empty()).then(|| OtherItem {
        heading: heading.to_string(),
        text,
        url: item.inline.links.first().map(|l| l.url.clone()),
        line: item.line,
    })
}

/// The markdown a reader sees: HTML comments removed, and the blank lines they leave
/// squeezed to one.
fn reader_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = match rest[start..].find("-->") {
            Some(end) => &rest[start + end + 3..],
            None => "",
        };
    }
    out.push_str(rest);
    let mut squeezed = String::with_capacity(out.len());
    let mut blank_run = 0;
    for line in out.lines() {
        if line.trim().is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        squeezed.push_str(line.trim_end());
        squeezed.push('\n');
    }
    squeezed.trim().to_string() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_body_has_no_comments_and_no_runs_of_blank_lines() {
        let body = reader_body("Hello\n\n<!-- Dear contributors:\n* [x](y)\n-->\n\n\n## Next\nText <!-- inline --> here\n");
        assert_eq!(body, "Hello\n\n## Next\nText  here\n");
    }

    #[test]
    fn a_narrative_section_keeps_its_items_as_other_items() {
        let text = "Title: This Week in Rust 20\nDate: 2013-10-27\nCategory: This Week in Rust\n\n# Weekly Meeting\n\n* The [meeting](https://example.com/m) discussed things.\n";
        let issue = parse_issue(text).unwrap();
        assert_eq!(issue.other_items.len(), 1);
        assert_eq!(issue.other_items[0].heading, "Weekly Meeting");
        assert_eq!(
            issue.other_items[0].url.as_deref(),
            Some("https://example.com/m")
        );
        assert_eq!(issue.other_items[0].line, 7);
    }

    #[test]
    fn an_empty_reference_definition_of_2015_02_23_does_not_swallow_the_links_after_it() {
        let text = "Title: This Week in Rust 71\nDate: 2015-02-23\nCategory: This Week in Rust\n\n# Notable Links\n\n* [Radical statements][radical]. Servo.\n\n[mtg-reddit]:\n[radical]: http://jlongster.com/Radical\n";
        let issue = parse_issue(text).unwrap();
        assert_eq!(issue.links.len(), 1);
        assert_eq!(issue.links[0].url, "http://jlongster.com/Radical");
        assert_eq!(issue.diagnostics.len(), 1);
        assert_eq!(issue.diagnostics[0].line, 9);
    }

    #[test]
    fn an_unknown_heading_is_a_warning_naming_its_line() {
        let text = "Title: This Week in Rust 600\nNumber: 600\nDate: 2025-05-21\nCategory: This Week in Rust\n\n## A Section Nobody Knows\n\n* [x](https://example.com)\n";
        let issue = parse_issue(text).unwrap();
        assert_eq!(issue.diagnostics.len(), 1);
        assert_eq!(issue.diagnostics[0].line, 6);
        assert!(issue.diagnostics[0]
            .message
            .contains("A Section Nobody Knows"));
        assert_eq!(issue.other_items.len(), 1, "its items are kept");
    }
}
