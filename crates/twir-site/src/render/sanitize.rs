//! The sanitiser: ammonia with an allow-list of formatting tags and attributes, for every
//! block of a body that is not written directly (see [`super::render_body`]).

use super::urls::resolve_relative;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Appends the sanitised `dirty` HTML to `html`, keeping the heading ids `ids` (once each).
pub(super) fn sanitise_into(html: &mut String, dirty: &str, ids: impl Iterator<Item = String>) {
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

/// Whether a piece of inline HTML is a tag (or comment) to hand to the sanitiser, rather than
/// text like `<T>` or `<u8>`: an element name of HTML, SVG or MathML written in lower case.
/// Upper-case tags (`<A>`, `<SCRIPT>`) are shown as text, which is safe too.
pub(super) fn is_html_tag(html: &str) -> bool {
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
    /// The heading ids that [`render_body`](super::render_body) generated for the body being sanitised and that
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
pub(super) fn filter_attribute<'a>(
    element: &str,
    attribute: &str,
    value: &'a str,
) -> Option<Cow<'a, str>> {
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
