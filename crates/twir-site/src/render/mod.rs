//! An issue's body as safe HTML for the explorer's reader, with its table of contents.
//!
//! The build step renders every body once, natively, so that the wasm app needs neither a
//! markdown parser nor a sanitiser: it inserts the finished HTML. Archive text is data, so
//! everything goes through [ammonia](https://docs.rs/ammonia), the maintained HTML
//! sanitiser (built on html5ever, the browser-grade HTML parser): the HTML that
//! pulldown-cmark writes for the markdown and the raw HTML the archive contains (`<small>`,
//! `<img>`, `<pre>`, `<br />`) alike. Only an allow-list of formatting tags and attributes
//! survives; see [`sanitizer`].
//!
//! Links:
//! - `http:`, `https:` and `mailto:` URLs are kept, and `#fragment` links within the page.
//! - Root-relative paths (`/2023/01/01/this-week-in-rust-478/`) point to the live site,
//!   [`SITE`]; protocol-relative ones (`//host/path`) get `https:`; a scheme-less
//!   `www.host/path` (2015-03-02 has `[sd]: www.meetup.com/…`) gets `https://`.
//! - Every other link loses its `href` and its text stays, as plain text: other schemes
//!   (`javascript:`, `data:`, `ftp:`, `irc:`, typos like `ttps:`) and path-relative links
//!   (`../foo`, `foo.html`), which resolve against the post's own address on the old site,
//!   which a body does not know.
//!
//! Text in angle brackets that is not an HTML tag written in lower case (`Option<T>`,
//! `Vec<u8>`, `<Self>` outside code spans, which markdown reads as inline HTML) is shown as
//! the text it is, rather than dropped as an unknown tag.

mod html;
mod ids;
mod sanitize;
mod urls;

pub use ids::{slug, HEADING_ID_PREFIX};
pub use sanitize::{sanitizer, ALLOWED_TAGS};
pub use urls::SITE;

/// The types live in the bundle's module: the app reads them.
pub use twir_archive::bundle::{RenderedBody, TocEntry};

use html::{is_plain, Writer};
use pulldown_cmark::Event;
use sanitize::sanitise_into;

/// Renders a body's markdown to sanitised HTML: every heading gets a unique `id`
/// ([`HEADING_ID_PREFIX`] and the slug of its text) and a self-link; the table of contents
/// lists the headings of level 1 to 3 with the same ids.
///
/// The body is rendered one top-level block at a time. A block that contains raw HTML (or
/// any markdown construct outside the plain set below) is written by pulldown-cmark and
/// then cleaned by [`sanitizer`]. A block made only of text, emphasis, code, lists, quotes,
/// tables, links and images is written directly: the markdown writer escapes all its text,
/// and its only attributes are the ones this module writes under the same policy as the
/// sanitiser (same URL check, same relative-link rule, no class, no style). That keeps
/// html5ever off nearly all of the archive's bytes (a full sanitiser pass costs seven times
/// the markdown parse); `render_hostile.rs` checks on every archive file that the direct
/// output is exactly what the sanitiser would make of it ([`render_body_reference`]).
pub fn render_body(markdown: &str) -> RenderedBody {
    render(markdown, false)
}

/// [`render_body`] with every block through the sanitiser: the reference that the fast path
/// must equal, for tests and benchmarks.
#[doc(hidden)]
pub fn render_body_reference(markdown: &str) -> RenderedBody {
    render(markdown, true)
}

/// In unit tests, a body containing this text makes the renderer panic, so that the panic
/// guard around it can be tested: no real input is known to make it panic.
#[cfg(any(test, feature = "panic-for-tests"))]
pub const PANIC_FOR_TESTS: &str = "twir: panic in the renderer for tests";

fn render(markdown: &str, sanitise_all: bool) -> RenderedBody {
    #[cfg(any(test, feature = "panic-for-tests"))]
    assert!(
        !markdown.contains(PANIC_FOR_TESTS),
        "the test's panic in the renderer"
    );
    let mut writer = Writer::default();
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    // One top-level block: the parser's events, then the events to write.
    let mut block: Vec<Event> = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    // The HTML waiting for the sanitiser, and whether it is complete.
    let mut unsafe_html = String::new();
    let mut depth = 0usize;
    // Nesting capped as for the records: deeper content is text (`parse_issue` warns).
    let mut parser = twir_archive::markdown::CappedEvents::new(markdown).map(|(event, _)| event);
    loop {
        let event = parser.next();
        let end = event.is_none();
        if let Some(event) = event {
            match &event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth = depth.saturating_sub(1),
                _ => {}
            }
            block.push(event);
            if depth > 0 {
                continue;
            }
        }
        let plain = !sanitise_all && !end && block.iter().all(is_plain);
        writer.transform(&mut block, &mut events);
        if plain {
            pulldown_cmark::html::push_html(&mut html, events.drain(..));
            writer.new_ids.clear();
        } else {
            pulldown_cmark::html::push_html(&mut unsafe_html, events.drain(..));
            if !sanitise_all || end {
                // A block's heading ids are claimed in that block or not at all.
                sanitise_into(&mut html, &unsafe_html, writer.new_ids.drain(..));
                unsafe_html.clear();
            }
        }
        if end {
            break;
        }
    }
    RenderedBody {
        html,
        toc: writer.toc,
    }
}
/// A body rendered, as the JSON of a body file.
pub fn render_json(markdown: &str) -> Vec<u8> {
    let body = render_body(markdown);
    // Room for the HTML with some escapes and the table of contents, so that the JSON is
    // written without growing its buffer again and again (the same bytes as `to_vec`).
    let toc: usize = body
        .toc
        .iter()
        .map(|e| e.id.len() + e.text.len() + 32)
        .sum();
    let mut json = Vec::with_capacity(body.html.len() + body.html.len() / 8 + toc + 32);
    serde_json::to_writer(&mut json, &body).expect("a rendered body serialises");
    json
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn entry(level: u8, id: &str, text: &str) -> TocEntry {
        TocEntry {
            level,
            id: id.to_string(),
            text: text.to_string(),
        }
    }

    #[test]
    fn headings_of_2025_06_04_get_ids_anchors_and_a_toc_of_levels_1_to_3() {
        let body = "## Updates from Rust Community\n\n### Project/Tooling Updates\n\n\
                    * [x](https://example.com)\n\n\
                    ## Call for Participation; projects and speakers\n\n\
                    #### Compiler\n\n\
                    ### [Approved RFCs](https://github.com/rust-lang/rfcs/commits/master)\n\n\
                    # Quote of the Week\n";
        let rendered = render_body(body);
        assert_eq!(
            rendered.toc,
            vec![
                entry(
                    2,
                    "s-updates-from-rust-community",
                    "Updates from Rust Community"
                ),
                entry(3, "s-project-tooling-updates", "Project/Tooling Updates"),
                entry(
                    2,
                    "s-call-for-participation-projects-and-speakers",
                    "Call for Participation; projects and speakers"
                ),
                entry(3, "s-approved-rfcs", "Approved RFCs"),
                entry(1, "s-quote-of-the-week", "Quote of the Week"),
            ]
        );
        assert!(rendered.html.contains(
            "<h2 id=\"s-updates-from-rust-community\">Updates from Rust Community \
             <a class=\"anchor\" href=\"#s-updates-from-rust-community\" \
             aria-label=\"Link to this section\" rel=\"noopener noreferrer\">#</a></h2>"
        ));
        assert!(rendered.html.contains("<h4 id=\"s-compiler\">"));
    }

    #[test]
    fn repeated_tracking_issues_heading_of_2025_12_31_gets_a_numbered_id() {
        let body = "### Final Comment Period\n\n#### Tracking Issues & PRs\n\n* a\n\n\
                    ### New RFCs\n\n#### Tracking Issues & PRs\n\n* b\n";
        let html = render_body(body).html;
        assert!(html.contains("<h4 id=\"s-tracking-issues-prs\">"));
        assert!(html.contains("<h4 id=\"s-tracking-issues-prs-2\">"));
        assert!(html.contains("href=\"#s-tracking-issues-prs-2\""));
    }

    #[test]
    fn a_heading_written_like_a_numbered_id_does_not_collide() {
        let toc = render_body("# a\n\n# a-2\n\n# a\n\n# a\n\n# a-3\n\n# a-2\n").toc;
        let ids: Vec<&str> = toc.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            ["s-a", "s-a-2", "s-a-3", "s-a-4", "s-a-3-2", "s-a-2-2"]
        );
    }

    #[test]
    fn many_equal_headings_get_consecutive_ids() {
        let toc = render_body(&"## Same\n\n".repeat(1000)).toc;
        assert_eq!(toc.len(), 1000);
        assert_eq!(toc[0].id, "s-same");
        assert_eq!(toc[999].id, "s-same-1000");
        let unique: HashSet<&str> = toc.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(unique.len(), 1000);
    }

    #[test]
    fn headings_without_letters_are_sections() {
        let toc = render_body("# ***\n\n## ?\n\n## 🦀\n").toc;
        let ids: Vec<&str> = toc.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["s-section", "s-section-2", "s-section-3"]);
    }

    #[test]
    fn perf_triage_table_of_2024_01_03_renders_as_a_table_with_its_line_breaks() {
        let body = "\
| (instructions:u)                   | mean  | range           | count |
|:----------------------------------:|:-----:|:---------------:|:-----:|
| Regressions ❌ <br /> (primary)    | 0.7%  | [0.3%, 1.5%]    | 8     |
| All ❌✅ (primary)                 | -0.5% | [-2.6%, 1.5%]   | 129   |
";
        let html = render_body(body).html;
        assert!(html.starts_with("<table>"), "{html}");
        assert!(html.contains("<th>(instructions:u)</th>"), "{html}");
        assert!(
            html.contains("<td>Regressions ❌ <br> (primary)</td>"),
            "{html}"
        );
        assert!(html.contains("<td>129</td>"), "{html}");
        assert!(!html.contains("style"), "{html}");
    }

    #[test]
    fn comic_quote_of_2016_12_13_keeps_its_image_lazily_loaded() {
        let body = "# Quote of the Week\n\n<img src=\"https://this-week-in-rust.org/images/\
                    programming-people-rust.png\" alt=\"A lady warrior in heavy armour wielding \
                    three shields\">\n\nThanks to [llogiq](https://users.rust-lang.org/u/llogiq) \
                    for the suggestion.\n";
        let html = render_body(body).html;
        assert!(
            html.contains(
                "<img src=\"https://this-week-in-rust.org/images/programming-people-rust.png\" \
                 alt=\"A lady warrior in heavy armour wielding three shields\" loading=\"lazy\">"
            ),
            "{html}"
        );
        assert!(html.contains(
            "<a href=\"https://users.rust-lang.org/u/llogiq\" rel=\"noopener noreferrer\">llogiq</a>"
        ));
    }

    #[test]
    fn discuss_footer_of_2024_01_03_stays_small_with_its_link() {
        let body = "<small>[Discuss on r/rust](https://www.reddit.com/r/rust/comments/18y3z3m/\
                    this_week_in_rust_528)</small>\n";
        let html = render_body(body).html;
        assert_eq!(
            html,
            "<p><small><a href=\"https://www.reddit.com/r/rust/comments/18y3z3m/\
             this_week_in_rust_528\" rel=\"noopener noreferrer\">Discuss on r/rust</a>\
             </small></p>\n"
        );
    }

    #[test]
    fn generic_types_outside_code_spans_of_2014_11_24_stay_visible() {
        // 2014-11-24: "by `get` to `Option<T>`" is in code; prose like this is not.
        let html = render_body("Returns an Option<T> or a Vec<u8>, not <A>.\n").html;
        assert_eq!(
            html,
            "<p>Returns an Option&lt;T&gt; or a Vec&lt;u8&gt;, not &lt;A&gt;.</p>\n"
        );
    }

    #[test]
    fn root_relative_links_point_to_the_live_site() {
        let html = render_body("[478](/2023/01/01/this-week-in-rust-478/)\n").html;
        assert!(html
            .contains("href=\"https://this-week-in-rust.org/2023/01/01/this-week-in-rust-478/\""));
    }

    #[test]
    fn scheme_less_meetup_link_of_2015_03_02_gets_https() {
        let html = render_body("[San Diego][sd]\n\n[sd]: www.meetup.com/San-Diego-Rust/\n").html;
        assert!(
            html.contains("href=\"https://www.meetup.com/San-Diego-Rust/\""),
            "{html}"
        );
    }

    #[test]
    fn path_relative_irc_and_typo_links_keep_only_their_text() {
        for url in [
            "../foo",
            "foo.html",
            "irc://irc.mozilla.org/rust",
            "ttps://github.com/x",
        ] {
            let html = render_body(&format!("[text]({url})\n")).html;
            assert_eq!(
                html, "<p><a rel=\"noopener noreferrer\">text</a></p>\n",
                "{url}"
            );
        }
    }

    #[test]
    fn fragment_and_mailto_links_stay() {
        let html = render_body("[a](#events) [b](mailto:erick.tryzelaar@gmail.com)\n").html;
        assert!(html.contains("href=\"#s-events\""));
        assert!(html.contains("href=\"mailto:erick.tryzelaar@gmail.com\""));
    }

    #[test]
    fn code_blocks_lose_their_language_class() {
        let html = render_body("```rust\nfn main() {}\n```\n").html;
        assert_eq!(html, "<pre><code>fn main() {}\n</code></pre>\n");
    }

    #[test]
    fn raw_heading_ids_cannot_duplicate_generated_ones() {
        let html = render_body("## Events\n\n<h2 id=\"s-events\">Again</h2>\n").html;
        assert_eq!(html.matches("id=\"s-events\"").count(), 1, "{html}");
    }

    #[test]
    fn headings_named_like_the_apps_elements_get_prefixed_ids() {
        let rendered = render_body("# Main\n\n## Search box\n\n### Prerender\n\n## Reader title\n");
        let ids: Vec<&str> = rendered.toc.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            ["s-main", "s-search-box", "s-prerender", "s-reader-title"]
        );
        assert!(!rendered.html.contains("id=\"main\""), "{}", rendered.html);
    }

    #[test]
    fn fragment_links_in_markdown_and_raw_html_go_to_the_prefixed_ids() {
        let html = render_body(
            "## Events\n\n[up](#events) [same](#s-events) [top](#)\n\n<p><a href=\"#events\">raw</a></p>\n",
        )
        .html;
        assert_eq!(html.matches("href=\"#s-events\"").count(), 4, "{html}");
        assert!(html.contains("href=\"#\""), "{html}");
        assert!(!html.contains("href=\"#events\""), "{html}");
    }
}
