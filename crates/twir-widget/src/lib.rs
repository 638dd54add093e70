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

    /// Reads the `kind` attribute (and, for quotes, `pick="random"`); an unknown or missing
    /// kind shows the crate pick.
    pub fn parse(kind: &str, pick: &str) -> Self {
        match kind.trim().to_ascii_lowercase().as_str() {
            "quote" => Kind::Quote {
                random: pick.trim().eq_ignore_ascii_case("random"),
            },
            "issue" => Kind::Issue,
            "search" => Kind::Search,
            _ => Kind::Crate,
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
    /// The explorer, an absolute URL ending in `/` or naming its page.
    pub explorer: String,
}

impl Site {
    /// A link into the explorer with the given query (`view=crates`).
    pub fn explorer_href(&self, query: &str) -> String {
        let base = self.explorer.split(['?', '#']).next().unwrap_or_default();
        format!("{base}?{query}")
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

/// Renders the widget into `container` (an element inside the custom element's shadow
/// root). `explorer` and `data` are absolute URLs: the explorer, and its `data/` folder.
/// `record` is the kind's record as `widget.js` fetched it (`crate_pick`, `issue`, a
/// quote; null when the archive has none), or `failure` says why it could not.
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
    let kind = Kind::parse(kind, pick);
    let theme = self::theme(theme);
    let site = Site {
        explorer: explorer.to_string(),
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
        assert_eq!(Kind::parse("crate", ""), Kind::Crate);
        assert_eq!(
            Kind::parse(" Quote ", "RANDOM"),
            Kind::Quote { random: true }
        );
        assert_eq!(
            Kind::parse("quote", "latest"),
            Kind::Quote { random: false }
        );
        assert_eq!(Kind::parse("issue", ""), Kind::Issue);
        assert_eq!(Kind::parse("search", ""), Kind::Search);
        assert_eq!(Kind::parse("nonsense", ""), Kind::Crate);
        assert_eq!(theme("dark"), "dark");
        assert_eq!(theme("Light"), "light");
        assert_eq!(theme(""), "auto");
        assert_eq!(theme("system"), "auto");
    }

    #[test]
    fn explorer_links_replace_any_query_of_the_explorer_url() {
        let site = Site {
            explorer: "https://a.github.io/twir-explorer/?view=links#x".into(),
        };
        assert_eq!(
            site.explorer_href("view=issue&issue=665"),
            "https://a.github.io/twir-explorer/?view=issue&issue=665"
        );
    }
}
