//! The first screen, written into the page's HTML at build time, so that a reader sees the
//! newest issues (or the newest links) before the wasm and the bundle have loaded. The app
//! removes it once its own view is ready. Archive text is escaped: it is data, never markup.

use anyhow::{bail, Result};
use std::fmt::Write;
use twir_archive::bundle::{
    data_url, Manifest, CRATES_KEY, EVENTS_KEY, INDEX_KEY, LINKS_KEY, MANIFEST_FILE, QUOTES_KEY,
    UPDATES_KEY,
};
use twir_archive::parse::ParsedIssue;
use twir_archive::web::{host, is_web_url};

/// How many rows the first screen shows.
const ISSUES: usize = 60;
const LINKS: usize = 50;

/// Escapes text for HTML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The script of [`prefetch_script`], with two slots for the files it fetches.
const PREFETCH_JS: &str = include_str!("prefetch.js");
const FILES_SLOT: &str = "/*files*/{}";
const ALWAYS_SLOT: &str = "/*always*/[]";

/// The script that shows the first screen's section of the view in the URL, or hides the
/// first screen when the URL asks for anything else.
const SHOW_VIEW_JS: &str = include_str!("show-view.js");

/// The record files a view shows, by the `view` parameter; search reads them all.
const VIEW_FILES: [&str; 5] = [LINKS_KEY, CRATES_KEY, QUOTES_KEY, EVENTS_KEY, UPDATES_KEY];

/// A script that starts, while the page is still loading, the downloads that the view in the
/// URL needs: the manifest and the index always, the record file of a records view, all of
/// them for a search (a `q`, or the search view). The app starts only after the page has
/// loaded, and its wasm is the largest file of the first screen: without this, every file it
/// needs would wait for the wasm, then for the manifest, then for the index. The responses
/// wait in `window.__twirPrefetch`, keyed by URL, until the app takes them (src/api.rs).
/// They start at `DOMContentLoaded`, after the module script that starts the app where the
/// app draws the first screen (Trunk.toml): over HTTP/1.1's six connections, seven data files
/// asked for first would hold the app's own code back.
pub fn prefetch_script(manifest: &Manifest) -> Result<String> {
    let path = |key: &str| -> Result<String> { Ok(data_url(&manifest.file(key)?.path)) };
    let mut files = serde_json::Map::new();
    for key in VIEW_FILES {
        files.insert(key.to_string(), path(key)?.into());
    }
    let always = serde_json::json!([data_url(MANIFEST_FILE), path(INDEX_KEY)?]);
    // JSON in a script: serde_json does not escape `</`, so this is safe only because the
    // paths are the bundle's own names (a key and a hex hash), never archive text.
    let script = PREFETCH_JS
        .trim_end()
        .replacen(FILES_SLOT, &serde_json::Value::Object(files).to_string(), 1)
        .replacen(ALWAYS_SLOT, &always.to_string(), 1);
    Ok(format!("<script>{script}</script>"))
}

/// The page with the first screen, and the script that starts its downloads, inserted at the
/// start of its `<body>`.
pub fn prerender(page: &str, parsed: &[&ParsedIssue], manifest: &Manifest) -> Result<String> {
    let Some(body_at) = page.find("<body>").map(|i| i + "<body>".len()) else {
        bail!("the page has no <body> to write the first screen into");
    };
    let mut issues: Vec<&ParsedIssue> = parsed
        .iter()
        .copied()
        .filter(|p| p.meta.number.is_some())
        .collect();
    issues.sort_by_key(|p| std::cmp::Reverse(p.meta.number));
    let mut h = String::new();
    h.push_str(r#"<div id="prerender"><header class="site-header"><a class="brand" href="?">This Week in Rust <span>Explorer</span></a><nav class="tabs" aria-label="Views">"#);
    for (slug, label) in [
        ("links", "Links"),
        ("issues", "Issues"),
        ("crates", "Crates of the Week"),
        ("quotes", "Quotes"),
        ("events", "Events"),
        ("updates", "Project updates"),
    ] {
        let _ = write!(h, r#"<a href="?view={slug}">{label}</a>"#);
    }
    h.push_str(r#"</nav></header><main class="content">"#);
    // The issue list (the default view).
    let _ = write!(
        h,
        r#"<section id="prerender-issues" class="issues"><h1>Issues</h1><p class="count">{} issues, newest first</p><ol class="issue-list">"#,
        issues.len()
    );
    for p in issues.iter().take(ISSUES) {
        let n = p.meta.number.unwrap_or_default();
        let date = p.meta.date.to_string();
        let _ = write!(
            h,
            r#"<li class="issue-row"><a class="issue-number" href="?view=issue&amp;issue={n}">#{n}</a><time class="issue-date" datetime="{date}">{date}</time><span class="issue-title">{}</span><span class="issue-links">{} links</span></li>"#,
            escape(&p.meta.title),
            p.links.len()
        );
    }
    h.push_str("</ol></section>");
    // The newest links (the links view without filters).
    let total: usize = issues.iter().map(|p| p.links.len()).sum();
    let _ = write!(
        h,
        r#"<section id="prerender-links" class="links" hidden><h1>Community links</h1><p class="count">{total} links</p><ol class="link-list">"#
    );
    let newest_links = issues
        .iter()
        .flat_map(|p| p.links.iter().map(move |l| (p, l)));
    for (p, l) in newest_links.take(LINKS) {
        let n = p.meta.number.unwrap_or_default();
        let title = escape(&l.title);
        let link = if is_web_url(&l.url) {
            format!(
                r#"<a class="link-title" href="{}" rel="noopener noreferrer">{title}</a>"#,
                escape(&l.url)
            )
        } else {
            format!(r#"<span class="link-title">{title}</span>"#)
        };
        let tags: String = l
            .tags
            .iter()
            .map(|t| format!(r#"<span class="tag">{}</span>"#, escape(t)))
            .collect();
        let _ = write!(
            h,
            r#"<li class="link-row">{link}<span class="link-meta"><span class="host">{}</span> · <span class="category">{}</span>{tags} · <a href="?view=issue&amp;issue={n}">#{n}</a> <time>{}</time></span></li>"#,
            escape(host(&l.url)),
            l.category.label(),
            p.meta.date
        );
    }
    h.push_str("</ol></section></main></div>");
    // Show the section of the view the URL asks for; any other view waits for the app.
    h.push_str("<script>");
    h.push_str(SHOW_VIEW_JS.trim_end());
    h.push_str("</script>");
    h.push_str(&prefetch_script(manifest)?);
    let mut out = String::with_capacity(page.len() + h.len());
    out.push_str(&page[..body_at]);
    out.push_str(&h);
    out.push_str(&page[body_at..]);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use twir_archive::bundle::FileEntry;

    fn manifest(keys: &[&str]) -> Manifest {
        Manifest {
            schema: twir_archive::bundle::SCHEMA_VERSION,
            files: keys
                .iter()
                .map(|k| {
                    let entry = FileEntry {
                        path: format!("{k}.0123456789abcdef.json"),
                        bytes: 1,
                    };
                    (k.to_string(), entry)
                })
                .collect(),
        }
    }

    #[test]
    fn the_prefetch_script_names_the_manifest_the_index_and_each_record_file() {
        let all = [
            INDEX_KEY,
            LINKS_KEY,
            CRATES_KEY,
            QUOTES_KEY,
            EVENTS_KEY,
            UPDATES_KEY,
        ];
        let script = prefetch_script(&manifest(&all)).unwrap();
        assert!(script.contains(r#"a=["data/manifest.json","data/index.0123456789abcdef.json"]"#));
        for key in VIEW_FILES {
            assert!(
                script.contains(&format!(r#""{key}":"data/{key}.0123456789abcdef.json""#)),
                "{key} in {script}"
            );
        }
        assert_eq!(script.matches("</script>").count(), 1);
    }

    #[test]
    fn a_manifest_without_a_record_file_is_an_error() {
        let err = prefetch_script(&manifest(&[INDEX_KEY, LINKS_KEY])).unwrap_err();
        assert!(err.to_string().contains("crates"), "{err}");
    }

    #[test]
    fn archive_text_is_escaped() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }
}
