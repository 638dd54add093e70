//! Atom 1.0 feeds of the whole archive, written by `twir bundle --site-url <URL>`: every
//! issue, each category's links, the crate picks and the quotes (docs/feeds.md).
//!
//! - Full history, newest first; nothing is capped.
//! - Deterministic: an entry's `updated` is its issue's date and a feed's is its newest
//!   entry's, never the time of the build, so the same archive gives byte-identical files.
//! - Ids are `tag:` URIs (RFC 4151) minted from the site's host and path, stable for as long
//!   as the site stays where it is: `tag:owner.github.io,2026:twir-explorer/issue/665`.
//! - Archive text is data: it only ever goes into text (or, for quotes and crate
//!   descriptions, into HTML rendered and sanitised by [`crate::render`]) that the XML writer
//!   escapes; characters that XML 1.0 cannot carry at all are dropped.
//!
//! The file names are stable, not content-hashed: a feed reader subscribes to one URL.

use anyhow::{bail, Context, Result};
use atom_syndication::{
    Category as AtomCategory, Content, Entry, Feed, FixedDateTime, Link, Person, Text, WriteConfig,
};
use std::fs;
use std::path::Path;
use twir_archive::parse::ParsedIssue;
use twir_archive::taxonomy::Category;
use twir_archive::web::{is_web_url, twir_org_url};
use twir_archive::Date;

/// The folder of the feeds, relative to the site's root (and the default below `--out`).
pub const FEEDS_DIR: &str = "feeds";
/// The feed of every issue, the one the page advertises in its `<head>`.
pub const ISSUES_FEED: &str = "issues.xml";
pub const CRATES_FEED: &str = "crates.xml";
pub const QUOTES_FEED: &str = "quotes.xml";

/// The date part of the `tag:` URIs: the year these feeds were first published. Fixed, so
/// that ids never change from one build to the next.
const TAG_DATE: &str = "2026";

/// The feed of one category's links: `links-<slug>.xml`.
pub fn links_feed(category: Category) -> String {
    format!("links-{}.xml", category.slug())
}

/// The site's absolute URL, as given to `--site-url`, checked and normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteUrl {
    /// `https://owner.github.io/repo/`: always ends with `/`.
    url: String,
    /// `owner.github.io`: the host without port or user info, lower case.
    host: String,
    /// `repo/`: the path after the first `/`, ending with `/` unless empty.
    path: String,
}

impl SiteUrl {
    pub fn parse(url: &str) -> Result<Self> {
        let url = url.trim();
        let Some((scheme, rest)) = url.split_once("://") else {
            bail!("the site URL {url:?} is not absolute; give it as https://<host>/<path>/");
        };
        if !(scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")) {
            bail!("the site URL {url:?} is not an http(s) URL");
        }
        if rest.contains(['?', '#']) || rest.contains(char::is_whitespace) {
            bail!("the site URL {url:?} must have no query, fragment or spaces");
        }
        let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
        let valid_host = !host.is_empty()
            && host.split('.').all(|p| {
                !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        if !valid_host {
            bail!("the site URL {url:?} has no valid host name");
        }
        let path = path.trim_end_matches('/');
        let path = if path.is_empty() {
            String::new()
        } else {
            format!("{path}/")
        };
        Ok(SiteUrl {
            url: format!(
                "{}://{}/{path}",
                scheme.to_ascii_lowercase(),
                authority.to_ascii_lowercase()
            ),
            host,
            path,
        })
    }

    /// The site's URL, ending with `/`.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// The explorer's page with this query (`?view=issue&issue=665`).
    fn page(&self, query: &str) -> String {
        format!("{}{query}", self.url)
    }

    /// A `tag:` URI for this site: `tag:<host>,2026:<path><specific>`.
    fn tag(&self, specific: &str) -> String {
        format!("tag:{},{TAG_DATE}:{}{specific}", self.host, self.path)
    }

    /// Where a feed file is published: `<site>feeds/<file>`.
    pub fn feed_url(&self, file: &str) -> String {
        format!("{}{FEEDS_DIR}/{file}", self.url)
    }
}

/// Every feed, as (file name inside the feeds folder, bytes), in a fixed order.
pub fn feeds(parsed: &[&ParsedIssue], site: &SiteUrl) -> Vec<(String, Vec<u8>)> {
    let mut issues: Vec<&ParsedIssue> = parsed
        .iter()
        .copied()
        .filter(|p| p.meta.number.is_some())
        .collect();
    // Newest first: by date, then by number, so that dates never go up along a feed.
    issues.sort_by_key(|p| std::cmp::Reverse((p.meta.date, p.meta.number)));
    // For a feed without entries: the archive's newest date (still not the build's time).
    let newest = issues
        .first()
        .map_or_else(|| Date::from_days(0), |p| p.meta.date);
    let mut out = Vec::new();
    let mut write = |file: String, title: &str, subtitle: String, view: &str, entries| {
        let feed = feed(site, &file, title, subtitle, view, entries, newest);
        out.push((file, feed));
    };
    write(
        ISSUES_FEED.to_string(),
        "This Week in Rust: all issues",
        format!("Every issue of This Week in Rust, {} in all.", issues.len()),
        "?view=issues",
        issues.iter().map(|p| issue_entry(site, p)).collect(),
    );
    for category in Category::ALL {
        let entries: Vec<Entry> = issues
            .iter()
            .flat_map(|p| {
                p.links
                    .iter()
                    .enumerate()
                    .filter(move |(_, l)| l.category == category)
                    .map(move |(i, _)| link_entry(site, p, i))
            })
            .collect();
        write(
            links_feed(category),
            &format!("This Week in Rust: {}", category.label()),
            format!(
                "Every community link of This Week in Rust in the category {}, {} in all.",
                category.label(),
                entries.len()
            ),
            &format!("?view=links&cat={}", category.slug()),
            entries,
        );
    }
    let crates: Vec<Entry> = issues
        .iter()
        .flat_map(|p| (0..p.crates.len()).map(move |i| crate_entry(site, p, i)))
        .collect();
    write(
        CRATES_FEED.to_string(),
        "This Week in Rust: Crates of the Week",
        format!("Every Crate of the Week, {} in all.", crates.len()),
        "?view=crates",
        crates,
    );
    let quotes: Vec<Entry> = issues
        .iter()
        .flat_map(|p| (0..p.quotes.len()).map(move |i| quote_entry(site, p, i)))
        .collect();
    write(
        QUOTES_FEED.to_string(),
        "This Week in Rust: Quotes of the Week",
        format!("Every Quote of the Week, {} in all.", quotes.len()),
        "?view=quotes",
        quotes,
    );
    out
}

/// Writes every feed into `dir` (created if needed) and removes feed files of an earlier
/// run that this one does not write. Returns how many were written.
pub fn write_feeds(parsed: &[&ParsedIssue], site: &SiteUrl, dir: &Path) -> Result<usize> {
    let files = feeds(parsed, site);
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    for entry in fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = [ISSUES_FEED, CRATES_FEED, QUOTES_FEED].contains(&name.as_str())
            || (name.starts_with("links-") && name.ends_with(".xml"));
        if ours && !files.iter().any(|(f, _)| *f == name) {
            fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove the stale {}", entry.path().display()))?;
        }
    }
    for (name, bytes) in &files {
        let path = dir.join(name);
        fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(files.len())
}

fn feed(
    site: &SiteUrl,
    file: &str,
    title: &str,
    subtitle: String,
    view: &str,
    entries: Vec<Entry>,
    fallback: Date,
) -> Vec<u8> {
    let updated = entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or_else(|| datetime(fallback));
    let feed = Feed {
        title: Text::plain(title),
        id: site.tag(&format!("{FEEDS_DIR}/{}", file.trim_end_matches(".xml"))),
        updated,
        authors: vec![Person {
            name: "This Week in Rust editors and contributors".into(),
            email: None,
            uri: Some("https://this-week-in-rust.org/".into()),
            ..Default::default()
        }],
        links: vec![
            link(site.feed_url(file), "self", Some("application/atom+xml")),
            link(site.page(view), "alternate", Some("text/html")),
        ],
        rights: Some(Text::plain(
            "This Week in Rust, by its editors and contributors, under CC-BY-SA 4.0",
        )),
        subtitle: Some(Text::plain(subtitle)),
        lang: Some("en".into()),
        entries,
        ..Default::default()
    };
    let config = WriteConfig {
        write_document_declaration: true,
        indent_size: Some(1),
    };
    let mut xml = feed
        .write_with_config(Vec::new(), config)
        .expect("writing to memory cannot fail");
    xml.push(b'\n');
    xml
}

fn issue_entry(site: &SiteUrl, p: &ParsedIssue) -> Entry {
    let n = p.meta.number.unwrap_or_default();
    let date = p.meta.date;
    let mut summary = vec![format!("{} community links", p.links.len())];
    for c in &p.crates {
        summary.push(format!("Crate of the Week: {}", c.name));
    }
    for q in &p.quotes {
        if let Some(author) = &q.author {
            summary.push(format!("Quote of the Week by {author}"));
        }
    }
    if let Some(prs) = p.merged_prs {
        summary.push(format!("{prs} pull requests merged"));
    }
    entry(
        site.tag(&format!("issue/{n}")),
        &p.meta.title,
        date,
        vec![
            link(
                site.page(&format!("?view=issue&issue={n}")),
                "alternate",
                Some("text/html"),
            ),
            link(twir_org_url(n, date), "related", Some("text/html")),
        ],
        Some(summary.join(" · ")),
    )
}

/// The `i`-th link of the issue (its position among all the issue's links, so the id does
/// not depend on the category mapping).
fn link_entry(site: &SiteUrl, p: &ParsedIssue, i: usize) -> Entry {
    let n = p.meta.number.unwrap_or_default();
    let l = &p.links[i];
    let mut links = Vec::new();
    if is_web_url(&l.url) {
        links.push(link(xml_text(&l.url), "alternate", None));
    }
    links.push(link(
        site.page(&format!("?view=issue&issue={n}")),
        "related",
        Some("text/html"),
    ));
    let mut e = entry(
        site.tag(&format!("link/{n}/{}", i + 1)),
        &l.title,
        p.meta.date,
        links,
        l.description.clone(),
    );
    e.categories = std::iter::once(AtomCategory {
        term: l.category.slug().into(),
        scheme: None,
        label: Some(l.category.label().into()),
    })
    .chain(l.tags.iter().map(|t| AtomCategory {
        term: xml_text(t),
        scheme: None,
        label: None,
    }))
    .collect();
    e
}

fn crate_entry(site: &SiteUrl, p: &ParsedIssue, i: usize) -> Entry {
    let n = p.meta.number.unwrap_or_default();
    let c = &p.crates[i];
    let mut links = Vec::new();
    if is_web_url(&c.url) {
        links.push(link(xml_text(&c.url), "alternate", None));
    }
    links.push(link(
        site.page(&format!("?view=issue&issue={n}")),
        "related",
        Some("text/html"),
    ));
    let mut html = c
        .description
        .as_deref()
        .map(|d| crate::render::render_body(d).html)
        .unwrap_or_default();
    if let Some(by) = &c.suggested_by {
        let by = crate::shell::escape(by);
        html.push_str(&format!("<p>Suggested by {by}.</p>"));
    }
    let mut e = entry(
        site.tag(&format!("crate/{n}/{}", i + 1)),
        &c.name,
        p.meta.date,
        links,
        None,
    );
    e.content = html_content(html);
    e
}

fn quote_entry(site: &SiteUrl, p: &ParsedIssue, i: usize) -> Entry {
    let n = p.meta.number.unwrap_or_default();
    let q = &p.quotes[i];
    let title = match &q.author {
        Some(author) => format!("Quote of the Week by {author}"),
        None => format!("Quote of the Week, #{n}"),
    };
    // The app's permalink of a quote: `<issue>-<1-based position in the issue>`.
    let mut links = vec![link(
        site.page(&format!("?view=quotes&quote={n}-{}", i + 1)),
        "alternate",
        Some("text/html"),
    )];
    if let Some(url) = q.url.as_deref().filter(|u| is_web_url(u)) {
        links.push(link(xml_text(url), "related", None));
    }
    let mut html = crate::render::render_body(&q.text).html;
    let by: Vec<String> = [q.author.as_deref(), q.source.as_deref().map(|s| s.trim())]
        .into_iter()
        .flatten()
        .map(crate::shell::escape)
        .collect();
    if !by.is_empty() {
        html.push_str(&format!("<p>– {}</p>", by.join(", on ")));
    }
    let mut e = entry(
        site.tag(&format!("quote/{n}/{}", i + 1)),
        &title,
        p.meta.date,
        links,
        None,
    );
    e.content = html_content(html);
    e
}

fn entry(id: String, title: &str, date: Date, links: Vec<Link>, summary: Option<String>) -> Entry {
    Entry {
        id,
        title: Text::plain(xml_text(title)),
        updated: datetime(date),
        published: Some(datetime(date)),
        links,
        summary: summary.map(|s| Text::plain(xml_text(&s))),
        ..Default::default()
    }
}

fn html_content(html: String) -> Option<Content> {
    (!html.is_empty()).then(|| Content {
        value: Some(xml_text(&html)),
        content_type: Some("html".into()),
        ..Default::default()
    })
}

fn link(href: String, rel: &str, mime: Option<&str>) -> Link {
    Link {
        href,
        rel: rel.into(),
        mime_type: mime.map(Into::into),
        ..Default::default()
    }
}

/// Midnight UTC of the day: RFC 3339 `2026-08-19T00:00:00+00:00`.
fn datetime(date: Date) -> FixedDateTime {
    format!("{date}T00:00:00Z")
        .parse()
        .expect("a Date is a valid RFC 3339 date")
}

/// The text without the characters XML 1.0 cannot carry even escaped (control characters
/// other than tab, newline and carriage return; U+FFFE and U+FFFF).
fn xml_text(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_urls_are_normalised_with_a_trailing_slash() {
        let s = SiteUrl::parse("https://Owner.github.io/twir-explorer").unwrap();
        assert_eq!(s.as_str(), "https://owner.github.io/twir-explorer/");
        assert_eq!(
            s.tag("issue/665"),
            "tag:owner.github.io,2026:twir-explorer/issue/665"
        );
        assert_eq!(
            s.feed_url(ISSUES_FEED),
            "https://owner.github.io/twir-explorer/feeds/issues.xml"
        );
        let root = SiteUrl::parse("http://127.0.0.1:8080/").unwrap();
        assert_eq!(root.as_str(), "http://127.0.0.1:8080/");
        assert_eq!(root.tag("issue/1"), "tag:127.0.0.1,2026:issue/1");
    }

    #[test]
    fn a_site_url_must_be_absolute_http_without_query() {
        for bad in [
            "owner.github.io/x/",
            "/twir-explorer/",
            "ftp://example.org/",
            "https:///x",
            "https://example.org/?a=1",
            "https://exa mple.org/",
        ] {
            assert!(SiteUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn characters_xml_cannot_carry_are_dropped() {
        assert_eq!(xml_text("a\u{0}b\u{1b}c\td\u{FFFF}é"), "abc\tdé");
    }
}
