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

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Tag, TagEnd};

/// The live site: root-relative links of the archive point there.
pub const SITE: &str = "https://this-week-in-rust.org";

/// The types live in the bundle's module: the app reads them.
pub use twir_archive::bundle::{RenderedBody, TocEntry};

/// What every heading id of a body starts with: `s-` and the slug of the heading's text.
/// The app's own elements have ids too (`main`, `search-box`, `prerender`, `reader-title`,
/// none of them starting with `s-`), and a body inserted into the page must not duplicate
/// them. In-body links to `#x` go to `#s-x` (see [`resolve_relative`]).
pub const HEADING_ID_PREFIX: &str = "s-";

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
#[cfg(test)]
pub const PANIC_FOR_TESTS: &str = "twir: panic in the renderer for tests";

fn render(markdown: &str, sanitise_all: bool) -> RenderedBody {
    #[cfg(test)]
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

/// Appends the sanitised `dirty` HTML to `html`, keeping the heading ids `ids` (once each).
fn sanitise_into(html: &mut String, dirty: &str, ids: impl Iterator<Item = String>) {
    if dirty.is_empty() {
        return;
    }
    HEADING_IDS.with(|cell| {
        if let Ok(mut unclaimed) = cell.try_borrow_mut() {
            unclaimed.clear();
            unclaimed.extend(ids);
        }
    });
    html.push_str(&sanitizer().clean(dirty).to_string());
    HEADING_IDS.with(|cell| {
        if let Ok(mut unclaimed) = cell.try_borrow_mut() {
            unclaimed.clear();
        }
    });
}

/// Whether the markdown writer's HTML for this event needs no sanitiser (once
/// [`Writer::transform`] has rewritten links, images, code blocks and tables). Anything
/// else, including constructs that future parser options could bring (footnotes, task
/// lists, math, alerts), goes through the sanitiser.
fn is_plain(event: &Event) -> bool {
    match event {
        Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak | Event::Rule => true,
        Event::InlineHtml(html) => !is_html_tag(html),
        Event::Start(tag) => matches!(
            tag,
            Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(None)
                | Tag::CodeBlock(_)
                | Tag::List(_)
                | Tag::Item
                | Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(None)
                | TagEnd::CodeBlock
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Table
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::TableCell
        ),
        _ => false,
    }
}

/// Rewrites the parser's events into the ones to write, and collects the table of contents.
#[derive(Default)]
struct Writer {
    ids: Ids,
    toc: Vec<TocEntry>,
    /// The ids given since the last block went through the sanitiser.
    new_ids: Vec<String>,
    /// The heading being read: its level, its events, its plain text.
    heading: Option<(u8, Vec<Event<'static>>, String)>,
    /// The image being read: nesting depth, the `<img` start written so far, its alt text.
    image: Option<(usize, String, String)>,
}

impl Writer {
    /// Moves the events of `events` into `out`, rewritten.
    fn transform<'a>(&mut self, events: &mut Vec<Event<'a>>, out: &mut Vec<Event<'a>>) {
        for event in events.drain(..) {
            let event = match event {
                Event::InlineHtml(html) if !is_html_tag(&html) => Event::Text(html),
                other => other,
            };
            // Image alt text: only its text is kept, as the markdown writer does.
            if let Some((depth, start, alt)) = &mut self.image {
                match &event {
                    Event::Start(Tag::Image { .. }) => *depth += 1,
                    Event::End(TagEnd::Image) => {
                        *depth = depth.saturating_sub(1);
                        if *depth == 0 {
                            let mut tag = std::mem::take(start);
                            tag.push_str(" alt=\"");
                            push_attribute(&mut tag, alt);
                            tag.push_str("\" loading=\"lazy\" />");
                            self.image = None;
                            self.emit(Event::Html(tag.into()), out);
                        }
                    }
                    Event::Text(text) | Event::Code(text) => alt.push_str(text),
                    Event::SoftBreak | Event::HardBreak => alt.push(' '),
                    _ => {}
                }
                continue;
            }
            let event = match event {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    ..
                }) => {
                    let email;
                    let url = if link_type == LinkType::Email {
                        email = format!("mailto:{dest_url}");
                        &email
                    } else {
                        &*dest_url
                    };
                    let mut tag = String::with_capacity(url.len() + 40);
                    tag.push_str("<a");
                    if let Some(href) = allowed_url(url) {
                        tag.push_str(" href=\"");
                        push_attribute(&mut tag, &href);
                        tag.push('"');
                    }
                    if !title.is_empty() {
                        tag.push_str(" title=\"");
                        push_attribute(&mut tag, &title);
                        tag.push('"');
                    }
                    tag.push_str(" rel=\"noopener noreferrer\">");
                    Event::Html(tag.into())
                }
                Event::End(TagEnd::Link) => Event::Html("</a>".into()),
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }) => {
                    let mut start = String::from("<img");
                    if let Some(src) = allowed_image_url(&dest_url) {
                        start.push_str(" src=\"");
                        push_attribute(&mut start, &src);
                        start.push('"');
                    }
                    if !title.is_empty() {
                        start.push_str(" title=\"");
                        push_attribute(&mut start, &title);
                        start.push('"');
                    }
                    self.image = Some((1, start, String::new()));
                    continue;
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                    Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced("".into())))
                }
                Event::Start(Tag::Table(alignments)) => {
                    Event::Start(Tag::Table(vec![Alignment::None; alignments.len()]))
                }
                other => other,
            };
            self.emit(event, out);
        }
    }

    /// Passes an event on, or into the heading being read; writes a heading when it ends.
    fn emit<'a>(&mut self, event: Event<'a>, out: &mut Vec<Event<'a>>) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((level as u8, Vec::new(), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, inner, text)) = self.heading.take() else {
                    return;
                };
                let text = collapse_whitespace(&text);
                let id = self.ids.allocate(&slug(&text));
                // The id is made of letters, digits and `-` only: nothing to escape.
                out.push(Event::Html(format!("<h{level} id=\"{id}\">").into()));
                out.extend(inner);
                out.push(Event::Html(
                    format!(
                        " <a class=\"anchor\" href=\"#{id}\" \
                         aria-label=\"Link to this section\" rel=\"noopener noreferrer\">#</a></h{level}>\n"
                    )
                    .into(),
                ));
                self.new_ids.push(id.clone());
                if level <= 3 {
                    self.toc.push(TocEntry { level, id, text });
                }
            }
            event => match &mut self.heading {
                Some((_, inner, text)) => {
                    match &event {
                        Event::Text(t) | Event::Code(t) => text.push_str(t),
                        Event::SoftBreak | Event::HardBreak => text.push(' '),
                        _ => {}
                    }
                    inner.push(event.into_static());
                }
                None => out.push(event),
            },
        }
    }
}

/// A link target as the sanitiser would leave it: `http:`, `https:`, `mailto:` URLs as
/// they are, relative ones through [`resolve_relative`], nothing else.
fn allowed_url(url: &str) -> Option<Cow<'_, str>> {
    if is_plain_web_url(url) {
        return Some(Cow::Borrowed(url));
    }
    match ammonia::Url::parse(url) {
        Ok(parsed) => ["http", "https", "mailto"]
            .contains(&parsed.scheme())
            .then_some(Cow::Borrowed(url)),
        Err(ammonia::url::ParseError::RelativeUrlWithoutBase) => resolve_relative(url),
        Err(_) => None,
    }
}

/// A shortcut for the common case, which `Url::parse` would accept as http(s): a lower-case
/// `http://` or `https://` and a host of ASCII letters, digits, `.` and `-` that ends in a
/// letter (so not an IPv4 address), followed by nothing, `/`, `?` or `#`.
fn is_plain_web_url(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest.get(..end).unwrap_or("");
    host.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && host.bytes().last().is_some_and(|b| b.is_ascii_alphabetic())
        && !rest.contains(|c: char| c.is_ascii_control() || c == '\\')
}

/// An image source as the sanitiser would leave it (see [`filter_attribute`]).
fn allowed_image_url(url: &str) -> Option<String> {
    let url = allowed_url(url)?;
    filter_attribute("img", "src", &url).map(Cow::into_owned)
}

/// Appends text escaped for a double-quoted attribute value.
fn push_attribute(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '"', '<', '>']) {
        out.push_str(rest.get(..i).unwrap_or(""));
        out.push_str(match rest.as_bytes().get(i) {
            Some(b'&') => "&amp;",
            Some(b'"') => "&quot;",
            Some(b'<') => "&lt;",
            _ => "&gt;",
        });
        rest = rest.get(i + 1..).unwrap_or("");
    }
    out.push_str(rest);
}

/// The slug of a heading's text: lower-case letters and digits (non-ASCII letters stay),
/// words joined by `-`; apostrophes vanish (`What's` → `whats`). Empty for a heading
/// without letters or digits.
pub fn slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            slug.extend(c.to_lowercase());
        } else if c == '\'' || c == '\u{2019}' {
            // `What's`, `What’s`: one word.
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// The heading ids of one body, each used once.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    /// For each base, the next number to try: `slug-2`, `slug-3`, ... are given in order.
    next: HashMap<String, u32>,
}

impl Ids {
    /// `s-slug`, or `s-slug-2`, `s-slug-3`, … if taken; `s-section`, `s-section-2`, … for an
    /// empty one.
    ///
    /// Constant time each (amortised): each base remembers its next number, and a number is
    /// skipped only when a heading took that id literally (`## a-2`), which happens once per
    /// id. Probing from 2 each time made 40,000 equal headings take minutes.
    fn allocate(&mut self, slug: &str) -> String {
        let base = [
            HEADING_ID_PREFIX,
            if slug.is_empty() { "section" } else { slug },
        ]
        .concat();
        if self.used.insert(base.clone()) {
            return base;
        }
        let next = self.next.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{next}");
            *next += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a piece of inline HTML is a tag (or comment) to hand to the sanitiser, rather than
/// text like `<T>` or `<u8>`: an element name of HTML, SVG or MathML written in lower case.
/// Upper-case tags (`<A>`, `<SCRIPT>`) are shown as text, which is safe too.
fn is_html_tag(html: &str) -> bool {
    let rest = html.strip_prefix('<').unwrap_or(html);
    if rest.starts_with('!') || rest.starts_with('?') {
        return true; // comment, CDATA or declaration: the sanitiser drops them
    }
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let end = rest
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .unwrap_or(rest.len());
    let name = rest.get(..end).unwrap_or("");
    KNOWN_ELEMENTS.contains(&name)
}

/// Element names that the sanitiser must see as tags (allowed or removed alike).
const KNOWN_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "image",
    "img",
    "input",
    "ins",
    "kbd",
    "keygen",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "marquee",
    "math",
    "menu",
    "meta",
    "meter",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "plaintext",
    "portal",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
    "xmp",
];

thread_local! {
    /// The heading ids that [`render_body`] generated for the body being sanitised and that
    /// no heading has claimed yet: the sanitiser keeps an `id` only if it is one of them, once.
    static HEADING_IDS: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
}

/// The tags a rendered body may contain; the sanitiser removes every other.
pub const ALLOWED_TAGS: &[&str] = &[
    "p",
    "br",
    "hr",
    "a",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "del",
    "s",
    "small",
    "sub",
    "sup",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "img",
    "details",
    "summary",
    "span",
    "div",
];

/// The one sanitiser configuration, built once.
///
/// Tags: [`ALLOWED_TAGS`]; the content of script, style, iframe, template and similar is dropped with the tag, other tags are
/// removed and their text kept. Attributes: `id` on headings (only the generated ids),
/// `class="anchor"`, `aria-label`, `href` and `title` on `a` (plus `rel="noopener
/// noreferrer"`), `src`, `alt`, `title` on `img` (src only http(s), plus
/// `loading="lazy"`), `start` on `ol`, `colspan`/`rowspan` on cells, `open` on `details`.
/// Table alignment (`style="text-align: …"` from the markdown writer) is removed, as every
/// `style` attribute.
pub fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
        let tags: HashSet<&str> = ALLOWED_TAGS.iter().copied().collect();
        let clean_content: HashSet<&str> = [
            "script",
            "style",
            "iframe",
            "template",
            "noembed",
            "noframes",
            "noscript",
            "xmp",
            "plaintext",
            "title",
            "textarea",
            "select",
            "object",
            "embed",
            "svg",
            "math",
        ]
        .into_iter()
        .collect();
        let mut attributes: HashMap<&str, HashSet<&str>> = HashMap::new();
        for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
            attributes.insert(h, ["id"].into_iter().collect());
        }
        attributes.insert("a", ["href", "title", "aria-label"].into_iter().collect());
        attributes.insert("img", ["src", "alt", "title"].into_iter().collect());
        attributes.insert("ol", ["start"].into_iter().collect());
        attributes.insert("th", ["colspan", "rowspan"].into_iter().collect());
        attributes.insert("td", ["colspan", "rowspan"].into_iter().collect());
        attributes.insert("details", ["open"].into_iter().collect());
        let mut classes: HashMap<&str, HashSet<&str>> = HashMap::new();
        classes.insert("a", ["anchor"].into_iter().collect());

        let mut builder = ammonia::Builder::empty();
        builder
            .tags(tags)
            .clean_content_tags(clean_content)
            .tag_attributes(attributes)
            .tag_attribute_values(HashMap::new())
            .generic_attributes(HashSet::new())
            .allowed_classes(classes)
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .url_relative(ammonia::UrlRelative::Custom(Box::new(resolve_relative)))
            .link_rel(Some("noopener noreferrer"))
            .strip_comments(true)
            .id_prefix(None)
            .set_tag_attribute_value("img", "loading", "lazy")
            .attribute_filter(filter_attribute);
        builder
    });
    &SANITIZER
}

/// The last word on an allowed attribute (after the scheme check, before relative URLs are
/// resolved): heading ids must be generated ones, image sources http(s).
fn filter_attribute<'a>(element: &str, attribute: &str, value: &'a str) -> Option<Cow<'a, str>> {
    match (element, attribute) {
        ("h1" | "h2" | "h3" | "h4" | "h5" | "h6", "id") => {
            let claimed = HEADING_IDS.with(|cell| {
                cell.try_borrow_mut()
                    .map(|mut unclaimed| unclaimed.remove(value))
                    .unwrap_or(false)
            });
            claimed.then_some(Cow::Borrowed(value))
        }
        ("img", "src") => {
            let trimmed = value.trim();
            let lower = trimmed.get(..8).unwrap_or(trimmed).to_ascii_lowercase();
            if lower.starts_with("http://") || lower.starts_with("https://") {
                Some(Cow::Borrowed(value))
            } else if trimmed.starts_with('#') {
                None
            } else {
                // Relative (`/images/x.png`) or another scheme (`mailto:`, dropped).
                resolve_relative(trimmed).map(|url| Cow::Owned(url.into_owned()))
            }
        }
        _ => Some(Cow::Borrowed(value)),
    }
}

/// A relative URL as a link of the reader: `#fragment` goes to the heading ids of the body
/// (`#x` becomes `#s-x`, see [`HEADING_ID_PREFIX`]; `#s-x` stays), `/path` goes to [`SITE`],
/// `//host/…` and `www.host/…` get `https:`; anything else (path-relative, or not a URL at
/// all) has no meaning outside the old site's page and is dropped.
fn resolve_relative(url: &str) -> Option<Cow<'_, str>> {
    let url = url.trim();
    if let Some(fragment) = url.strip_prefix('#') {
        if fragment.is_empty() || fragment.starts_with(HEADING_ID_PREFIX) {
            Some(Cow::Borrowed(url))
        } else {
            Some(Cow::Owned(["#", HEADING_ID_PREFIX, fragment].concat()))
        }
    } else if let Some(rest) = url.strip_prefix("//") {
        (!rest.is_empty()).then(|| Cow::Owned(format!("https://{rest}")))
    } else if url.starts_with('/') {
        Some(Cow::Owned(format!("{SITE}{url}")))
    } else if url.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www.")) {
        Some(Cow::Owned(format!("https://{url}")))
    } else {
        None
    }
}

/// The bundle with each body rendered to HTML (`json` body files). Bodies the archive
/// already rendered while loading ([`Archive::load_with`](crate::archive::Archive::load_with))
/// are reused; any other is rendered here.
pub fn bundle_with_rendered_bodies(archive: &crate::archive::Archive) -> Vec<(String, Vec<u8>)> {
    use std::collections::HashMap;
    let rendered: HashMap<&str, &Vec<u8>> = archive
        .compiled
        .iter()
        .filter_map(|c| c.rendered_body.as_ref().map(|r| (c.issue.body.as_str(), r)))
        .collect();
    let render = |md: &str| {
        rendered
            .get(md)
            .map(|r| (*r).clone())
            .unwrap_or_else(|| render_json(md))
    };
    let parsed: Vec<_> = archive.issues().collect();
    twir_archive::bundle::bundle_files_with(
        &parsed,
        &twir_archive::bundle::BodyFormat {
            ext: "json",
            render: &render,
        },
    )
}

/// A body rendered, as the JSON of a body file.
pub fn render_json(markdown: &str) -> Vec<u8> {
    encode(&render_body(markdown))
}

fn encode(body: &RenderedBody) -> Vec<u8> {
    serde_json::to_vec(body).expect("a rendered body serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(level: u8, id: &str, text: &str) -> TocEntry {
        TocEntry {
            level,
            id: id.to_string(),
            text: text.to_string(),
        }
    }

    #[test]
    fn slug_joins_words_with_dashes() {
        assert_eq!(slug("News & Blog Posts"), "news-blog-posts");
        assert_eq!(slug("Project/Tooling Updates"), "project-tooling-updates");
        assert_eq!(slug("What's cooking on master?"), "whats-cooking-on-master");
        assert_eq!(slug("Événements à Zürich"), "événements-à-zürich");
        assert_eq!(slug("!!!"), "");
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
