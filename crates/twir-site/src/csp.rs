//! The Content-Security-Policy of the site's pages, written into each page as a
//! `<meta http-equiv="Content-Security-Policy">` at build time (`twir csp`, run by
//! `scripts/bundle-hook` on `index.html` and by `scripts/build-widget` on `widget.html`).
//!
//! Each page's policy starts from `default-src 'none'` and opens only what that page needs;
//! every inline script and style of the page is allowed by its SHA-256 hash, computed here
//! from the page as built, so no `'unsafe-inline'` is needed. GitHub Pages cannot send
//! headers, so the policy lives in the page: `frame-ancestors`, `report-uri`/`report-to` and
//! `sandbox` have no effect in a `<meta>` and are left out.
//!
//! Later work that needs more (a service worker, a web manifest, charts) adds the source to
//! the page's policy here, with its reason; the e2e tests fail on any violation.

use anyhow::{bail, Context, Result};
use base64::Engine;
use sha2::{Digest, Sha256};

/// A page of the site, by what it loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// `index.html`: the explorer app.
    App,
    /// `widget.html`: the iframe embed of the widget (docs/widget.md).
    Widget,
}

impl Page {
    /// The page a built file is, by its name.
    pub fn of_file(name: &str) -> Result<Page> {
        match name {
            "index.html" => Ok(Page::App),
            "widget.html" => Ok(Page::Widget),
            _ => bail!(
                "{name} is not a page with a known policy: index.html (the app) or widget.html \
                 (the widget's iframe embed); a new page needs its own policy in csp.rs"
            ),
        }
    }

    /// The page's directives, each with the sources it needs beyond `default-src 'none'`.
    /// `scripts` and `styles` are the hashes of its inline scripts and styles.
    fn directives(self, scripts: &[String], styles: &[String]) -> Vec<(&'static str, Vec<String>)> {
        let own = |sources: &[&str], hashes: &[String]| -> Vec<String> {
            sources
                .iter()
                .map(|s| s.to_string())
                .chain(hashes.iter().cloned())
                .collect()
        };
        let mut d = vec![("default-src", own(&["'none'"], &[]))];
        match self {
            Page::App => {
                // 'self': the app's module (its wasm-bindgen glue); 'wasm-unsafe-eval': compiling
                // its wasm; the hashes: the theme line, trunk's start-up module, and the first
                // screen's view switch and downloads (shell.rs).
                d.push((
                    "script-src",
                    own(&["'self'", "'wasm-unsafe-eval'"], scripts),
                ));
                // The stylesheet is inlined into the page (index.html), so only its hash. The
                // views set no style attributes, so no style-src-attr.
                d.push(("style-src", own(&[], styles)));
                // 'self': the favicon; https:: images of the issues in the reader, on
                // this-week-in-rust.org and the other sites the archive links (the sanitiser
                // lets only http(s) sources through, and the archive has no http: image).
                d.push(("img-src", own(&["'self'", "https:"], &[])));
                // The bundle (data/) and the wasm, fetched by the app and the first screen.
                d.push(("connect-src", own(&["'self'"], &[])));
                // The page's <base href> is the site's own folder.
                d.push(("base-uri", own(&["'self'"], &[])));
                // The app's one form, the search box, is handled by the app and never submitted.
                d.push(("form-action", own(&["'none'"], &[])));
            }
            Page::Widget => {
                // 'self': widget.js, the widget's glue module; 'wasm-unsafe-eval': compiling its
                // wasm; the hash: the script that makes the widget of the query string.
                d.push((
                    "script-src",
                    own(&["'self'", "'wasm-unsafe-eval'"], scripts),
                ));
                // The page's own <style>. The widget's styles are constructed style sheets
                // (widget.js), which no policy governs.
                d.push(("style-src", own(&[], styles)));
                // The widget's data (data/) and its wasm.
                d.push(("connect-src", own(&["'self'"], &[])));
                // The search widget's form opens the explorer: this site, or the https address
                // of a custom domain given as `explorer`.
                d.push(("form-action", own(&["'self'", "https:"], &[])));
                // No <base> on this page.
                d.push(("base-uri", own(&["'none'"], &[])));
            }
        }
        // Implied by default-src 'none', and named because plugins are the classic hole.
        d.push(("object-src", own(&["'none'"], &[])));
        d
    }
}

/// What runs or styles a page from inside its HTML.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Inline {
    /// The text of each `<script>` without a `src`.
    pub scripts: Vec<String>,
    /// The text of each `<style>`.
    pub styles: Vec<String>,
    /// The elements with a `style` attribute, by tag name.
    pub style_attributes: Vec<String>,
}

/// The inline scripts and styles of a page. A small scanner for the pages this project
/// writes (trunk's output and `public/widget.html`), which follows the HTML rules that
/// matter here: comments, quoted attribute values that contain `>`, and raw text that runs
/// to the first `</script` or `</style`, case-insensitively.
pub fn inline(html: &str) -> Result<Inline> {
    let mut found = Inline::default();
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while let Some(i) = lower[at..].find('<').map(|i| at + i) {
        if lower[i..].starts_with("<!--") {
            let end = lower[i + 4..]
                .find("-->")
                .context("a comment of the page is not closed")?;
            at = i + 4 + end + 3;
            continue;
        }
        let name_end = lower[i + 1..]
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .map_or(lower.len(), |n| i + 1 + n);
        let name = &lower[i + 1..name_end];
        if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            at = i + 1;
            continue;
        }
        let (attributes, tag_end) = attributes(html, name_end)?;
        at = tag_end;
        if attributes.iter().any(|(a, _)| a == "style") {
            found.style_attributes.push(name.to_string());
        }
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            let end = lower[tag_end..]
                .find(&close)
                .map(|n| tag_end + n)
                .with_context(|| format!("a <{name}> of the page is not closed"))?;
            let text = &html[tag_end..end];
            if name == "style" {
                found.styles.push(text.to_string());
            } else if !attributes.iter().any(|(a, _)| a == "src") {
                found.scripts.push(text.to_string());
            }
            at = end;
        }
    }
    Ok(found)
}

/// The attributes of the tag whose name ends at `from`, and where the tag ends.
fn attributes(html: &str, from: usize) -> Result<(Vec<(String, String)>, usize)> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut i = from;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        match bytes.get(i) {
            None => bail!("a tag of the page is not closed"),
            Some(b'>') => return Ok((out, i + 1)),
            _ => {}
        }
        let start = i;
        while i < bytes.len() && !b" \t\n\r\x0c/>=".contains(&bytes[i]) {
            i += 1;
        }
        let name = html[start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = html[i + 1..]
                        .find(q as char)
                        .context("an attribute value of the page is not closed")?;
                    value = html[i + 1..i + 1 + end].to_string();
                    i += end + 2;
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = html[start..i].to_string();
                }
            }
        }
        out.push((name, value));
    }
}

/// The CSP source for an inline script's or style's text: `'sha256-<base64>'` of its UTF-8
/// bytes, with line breaks normalised as the HTML parser does before a browser hashes it.
pub fn hash_source(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The policy of `page` as built (`html`).
pub fn policy(page: Page, html: &str) -> Result<String> {
    let found = inline(html)?;
    if let Some(tag) = found.style_attributes.first() {
        bail!(
            "a <{tag}> of the page has a style attribute, which the policy does not allow; \
             give it a class in the stylesheet instead"
        );
    }
    let hashes = |texts: &[String]| {
        let mut h: Vec<String> = texts.iter().map(|t| hash_source(t)).collect();
        h.sort();
        h.dedup();
        h
    };
    let directives = page.directives(&hashes(&found.scripts), &hashes(&found.styles));
    Ok(directives
        .into_iter()
        .map(|(name, sources)| match sources.is_empty() {
            true => format!("{name} 'none'"),
            false => format!("{name} {}", sources.join(" ")),
        })
        .collect::<Vec<_>>()
        .join("; "))
}

const META: &str = r#"<meta http-equiv="Content-Security-Policy" content=""#;

/// `trunk serve`'s live-reload script, as trunk 0.21 writes it into the page, has two
/// placeholders that the server fills in each response (the host of the request, and its
/// own base path), so its text as served cannot be hashed at build time. They are filled
/// here with what the script then computes itself: the page's host, and the path of the
/// page's `<base href>`, which is trunk's base path.
fn settle_trunk_reload(html: &str) -> String {
    html.replace("'{{__TRUNK_ADDRESS__}}'", "window.location.host")
        .replace("`{{__TRUNK_ADDRESS__}}`", "window.location.host")
        .replace(
            "'{{__TRUNK_WS_BASE__}}'",
            "new URL(document.baseURI).pathname",
        )
}

/// The page with its policy in a `<meta>` right after `<meta charset>` (a policy applies
/// only to what follows it), replacing the policy an earlier build wrote.
pub fn write_policy(page: Page, html: &str) -> Result<String> {
    let html = settle_trunk_reload(&without_policy(html));
    let policy = policy(page, &html)?;
    let lower = html.to_ascii_lowercase();
    let at = match lower.find("<meta charset") {
        Some(i) => {
            i + lower[i..]
                .find('>')
                .context("<meta charset> is not closed")?
                + 1
        }
        None => {
            let head = lower
                .find("<head>")
                .context("the page has no <head> to write its policy into")?;
            head + "<head>".len()
        }
    };
    if lower[..at].contains("<script") || lower[..at].contains("<style") {
        bail!("the page has a script or style before <meta charset>, where no policy covers it");
    }
    // The policy's text: keywords, hashes in base64 and scheme names, never a quote.
    let policy = policy.replace('"', "&quot;");
    Ok(format!("{}{META}{policy}\">{}", &html[..at], &html[at..]))
}

fn without_policy(html: &str) -> String {
    match html.find(META) {
        Some(start) => match html[start..].find("\">") {
            Some(end) => format!("{}{}", &html[..start], &html[start + end + 2..]),
            None => html.to_string(),
        },
        None => html.to_string(),
    }
}

/// `twir csp <page>…`: writes each page's policy into it, the page known by its file name.
pub fn write_policies(pages: &[std::path::PathBuf]) -> Result<()> {
    for path in pages {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .with_context(|| format!("{} names no page", path.display()))?;
        let page = Page::of_file(name)?;
        let html = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the page {}", path.display()))?;
        let html = write_policy(page, &html)
            .with_context(|| format!("cannot write the policy of {}", path.display()))?;
        std::fs::write(path, html).with_context(|| format!("cannot write {}", path.display()))?;
        println!(
            "twir: wrote the Content-Security-Policy of {}",
            path.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE html>\n<html><head>\n<meta charset=\"utf-8\" />\n\
        <title>t</title>\n<script>var a = 1;</script>\n<style>p{color:red}</style>\n\
        <!-- <script>not a script</script> -->\n\
        <script type=\"module\" data-x=\"a>b\">import('./x.js');</script>\n\
        <script src=\"widget.js\"></script>\n<SCRIPT>b()</SCRIPT>\n</head><body></body></html>";

    #[test]
    fn inline_scripts_and_styles_are_found_but_not_comments_or_src_scripts() {
        let found = inline(PAGE).unwrap();
        assert_eq!(found.scripts, ["var a = 1;", "import('./x.js');", "b()"]);
        assert_eq!(found.styles, ["p{color:red}"]);
        assert!(found.style_attributes.is_empty());
    }

    #[test]
    fn hashes_are_the_browsers_sha256_in_base64() {
        // `echo -n 'var a = 1;' | openssl dgst -sha256 -binary | base64`
        assert_eq!(
            hash_source("var a = 1;"),
            "'sha256-+dZ6udsWxNVoGfScAq7t5IIF5UJb4F6RhjbN6oe1p4w='"
        );
        assert_eq!(hash_source("a\r\nb"), hash_source("a\nb"));
    }

    #[test]
    fn the_policy_goes_after_the_charset_and_replaces_an_earlier_one() {
        let once = write_policy(Page::App, PAGE).unwrap();
        let meta_at = once.find(META).unwrap();
        assert!(meta_at > once.find("<meta charset").unwrap());
        assert!(meta_at < once.find("<script").unwrap());
        for s in ["var a = 1;", "import('./x.js');", "b()"] {
            assert!(once.contains(&hash_source(s)), "{s}");
        }
        assert!(once.contains(&format!("style-src {};", hash_source("p{color:red}"))));
        assert!(!once.contains(&hash_source("not a script")));
        assert!(!once.contains("unsafe-inline"));
        let twice = write_policy(Page::App, &once).unwrap();
        assert_eq!(once, twice);
        assert_eq!(twice.matches(META).count(), 1);
    }

    #[test]
    fn trunk_serves_its_reload_script_as_it_was_hashed() {
        let reload = "<script>const address = '{{__TRUNK_ADDRESS__}}';\n\
            const base = '{{__TRUNK_WS_BASE__}}';</script>";
        let page = PAGE.replace("</head>", &format!("{reload}</head>"));
        let html = write_policy(Page::App, &page).unwrap();
        assert!(
            !html.contains("{{__TRUNK"),
            "nothing left for the server to fill in"
        );
        let served = "const address = window.location.host;\n\
            const base = new URL(document.baseURI).pathname;";
        assert!(html.contains(served));
        assert!(html.contains(&hash_source(served)));
    }

    #[test]
    fn a_style_attribute_is_refused_with_what_to_do() {
        let page = PAGE.replace("<body>", "<body><p style=\"color:red\">x</p>");
        let err = write_policy(Page::App, &page).unwrap_err().to_string();
        assert!(
            err.contains("<p> of the page has a style attribute"),
            "{err}"
        );
    }

    #[test]
    fn each_page_opens_only_what_it_needs() {
        let app = policy(Page::App, "<head></head>").unwrap();
        assert_eq!(
            app,
            "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'none'; \
             img-src 'self' https:; connect-src 'self'; base-uri 'self'; form-action 'none'; \
             object-src 'none'"
        );
        let widget = policy(Page::Widget, "<head></head>").unwrap();
        assert!(widget.contains("form-action 'self' https:"), "{widget}");
        assert!(!widget.contains("img-src"), "{widget}");
        assert!(Page::of_file("other.html").is_err());
    }

    #[test]
    fn the_built_widget_page_gets_a_policy() {
        let page = include_str!("../../../public/widget.html");
        let html = write_policy(Page::Widget, page).unwrap();
        let found = inline(page).unwrap();
        assert_eq!((found.scripts.len(), found.styles.len()), (1, 1));
        assert!(html.contains(&hash_source(&found.scripts[0])));
        assert!(html.contains(&hash_source(&found.styles[0])));
    }
}
