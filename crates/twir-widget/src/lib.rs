//! The embeddable widget: one kind of This Week in Rust content (the newest crate pick, a
//! quote, the newest issue, or a search box) for a community site's page.
//!
//! Usage: `public/widget.js` defines the `<twir-widget>` element; when an element comes near
//! the viewport it loads this module once for the page, attaches a shadow root to the
//! element, and calls [`mount`] with a container inside that root and the element's
//! attributes. Everything the widget draws, its `<style>` included, lives in that shadow
//! root: the host page's CSS does not reach in and the widget does not reach out.
//! Each kind fetches only its own small data file (`twir_archive::bundle::widget`).

mod data;
mod views;

use twir_archive::web::is_web_url;
use views::Content;
use wasm_bindgen::prelude::*;

/// What a widget shows: its `kind` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The newest crate pick.
    Crate,
    /// The newest quote, or a random one.
    Quote { random: bool },
    /// The newest issue with its first links.
    Issue,
    /// A search box that opens the explorer's results.
    Search,
}

impl Kind {
    /// The `kind` attribute's value.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Crate => "crate",
            Kind::Quote { .. } => "quote",
            Kind::Issue => "issue",
            Kind::Search => "search",
        }
    }

    /// The kinds, by their attribute values.
    pub const NAMES: [&'static str; 4] = ["crate", "quote", "issue", "search"];

    /// Reads the `kind` attribute (and, for quotes, `pick="random"`); a missing or empty
    /// kind is the crate pick, any other value is none of the kinds.
    pub fn parse(kind: &str, pick: &str) -> Option<Self> {
        match kind.trim().to_ascii_lowercase().as_str() {
            "" | "crate" => Some(Kind::Crate),
            "quote" => Some(Kind::Quote {
                random: pick.trim().eq_ignore_ascii_case("random"),
            }),
            "issue" => Some(Kind::Issue),
            "search" => Some(Kind::Search),
            _ => None,
        }
    }
}

/// Light, dark, or following the system (`auto`, the default): the `theme` attribute.
pub fn theme(attribute: &str) -> &'static str {
    match attribute.trim().to_ascii_lowercase().as_str() {
        "light" => "light",
        "dark" => "dark",
        _ => "auto",
    }
}

/// Where the widget's links go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The explorer, an absolute http(s) URL ending in `/` or naming its page; none when
    /// the widget was given something else, and then nothing links to it.
    explorer: Option<String>,
}

impl Site {
    /// The explorer at `url`, which is used only when it is an http(s) URL: no other
    /// scheme (`javascript:`, `data:`) ever becomes a link or a form's action.
    pub fn new(url: &str) -> Result<Self, String> {
        let url = url.trim();
        if is_web_url(url) && !url.contains(char::is_whitespace) {
            Ok(Site {
                explorer: Some(url.to_string()),
            })
        } else {
            Err(format!(
                "the explorer address {url:?} is not an http(s) URL"
            ))
        }
    }

    /// A site with no explorer to link to.
    pub fn none() -> Self {
        Site { explorer: None }
    }

    /// A link into the explorer with the given query (`view=crates`; empty for the
    /// explorer's first page), if there is an explorer.
    pub fn explorer_href(&self, query: &str) -> Option<String> {
        let explorer = self.explorer.as_deref()?;
        let base = explorer.split(['?', '#']).next().unwrap_or_default();
        Some(if query.is_empty() {
            base.to_string()
        } else {
            format!("{base}?{query}")
        })
    }
}

/// The widget on a page, until it is freed (`free()` from JavaScript unmounts it).
#[wasm_bindgen]
pub struct Mounted {
    _view: Box<dyn std::any::Any>,
}

/// The bundle schema this widget reads: `widget.js` compares it with the manifest's.
#[wasm_bindgen]
pub fn schema() -> u32 {
    twir_archive::bundle::SCHEMA_VERSION
}

/// The widget's style sheet: `widget.js` adopts it into each widget's shadow root as a
/// constructed style sheet, which a page's Content-Security-Policy does not govern, so a host
/// page with its own policy need not allow the widget's styles (docs/widget.md).
#[wasm_bindgen]
pub fn style() -> String {
    views::CSS.to_string()
}

/// Renders the widget into `container` (an element inside the custom element's shadow
/// root). `explorer` is the explorer's absolute http(s) URL, where links and searches go.
/// `record` is the kind's record as `widget.js` fetched it (`crate_pick`, `issue`, a
/// quote; null when the archive has none), or `failure` says why it could not.
/// `widget.js` checks the kind and the explorer before it calls this; a value that is
/// still wrong here shows why instead of the widget.
#[wasm_bindgen]
pub fn mount(
    container: web_sys::HtmlElement,
    kind: &str,
    pick: &str,
    theme: &str,
    explorer: &str,
    record: JsValue,
    failure: Option<String>,
) -> Mounted {
    let theme = self::theme(theme);
    let (site, failure) = match Site::new(explorer) {
        Ok(site) => (site, failure),
        Err(why) => (Site::none(), Some(why)),
    };
    let (kind, failure) = match Kind::parse(kind, pick) {
        Some(kind) => (kind, failure),
        None => (
            Kind::Crate,
            Some(format!(
                "there is no widget of kind {kind:?}; the kinds are {}",
                Kind::NAMES.join(", ")
            )),
        ),
    };
    let content = match (failure, kind) {
        (Some(why), _) => Content::Failed(why),
        (None, Kind::Search) => Content::Search,
        (None, Kind::Crate) => data::crate_pick(record).map_or(Content::Nothing, Content::Crate),
        (None, Kind::Quote { .. }) => data::quote(record).map_or(Content::Nothing, Content::Quote),
        (None, Kind::Issue) => data::issue(record).map_or(Content::Nothing, Content::Issue),
    };
    let handle =
        leptos::mount::mount_to(container, move || views::widget(kind, theme, site, content));
    Mounted {
        _view: Box::new(handle),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_themes_are_read_leniently_with_defaults() {
        assert_eq!(Kind::parse("crate", ""), Some(Kind::Crate));
        assert_eq!(Kind::parse("", ""), Some(Kind::Crate));
        assert_eq!(
            Kind::parse(" Quote ", "RANDOM"),
            Some(Kind::Quote { random: true })
        );
        assert_eq!(
            Kind::parse("quote", "latest"),
            Some(Kind::Quote { random: false })
        );
        assert_eq!(Kind::parse("issue", ""), Some(Kind::Issue));
        assert_eq!(Kind::parse("search", ""), Some(Kind::Search));
        assert_eq!(theme("dark"), "dark");
        assert_eq!(theme("Light"), "light");
        assert_eq!(theme(""), "auto");
        assert_eq!(theme("system"), "auto");
    }

    #[test]
    fn an_unknown_kind_is_none_of_the_kinds() {
        for bad in ["crates", "nonsense", "constructor", "__proto__", "search!"] {
            assert_eq!(Kind::parse(bad, ""), None, "{bad}");
        }
        for name in Kind::NAMES {
            assert_eq!(Kind::parse(name, "").map(Kind::name), Some(name));
        }
    }

    #[test]
    fn explorer_links_replace_any_query_of_the_explorer_url() {
        let site = Site::new("https://a.github.io/twir-explorer/?view=links#x").unwrap();
        assert_eq!(
            site.explorer_href("view=issue&issue=665").as_deref(),
            Some("https://a.github.io/twir-explorer/?view=issue&issue=665")
        );
        assert_eq!(
            site.explorer_href("").as_deref(),
            Some("https://a.github.io/twir-explorer/")
        );
    }

    #[test]
    fn only_an_http_url_is_an_explorer() {
        assert!(Site::new("http://127.0.0.1:8080/twir-explorer/").is_ok());
        for bad in [
            "javascript:alert(1)",
            "JavaScript://%0aalert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:x",
            "//evil.example/",
            "/twir-explorer/",
            "",
            "http://a.org/ onmouseover=x",
        ] {
            let err = Site::new(bad).unwrap_err();
            assert!(err.contains("not an http(s) URL"), "{bad}: {err}");
        }
        assert_eq!(Site::none().explorer_href("view=crates"), None);
    }
}
