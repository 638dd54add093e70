//! The router: the explorer's state lives in the query string (which view is open, and its
//! filters), and the page is always the one `index.html`, so every state is a link GitHub
//! Pages can answer.
//!
//! - `codec`: the query string parsed and built, with its percent codec both ways;
//! - `history`: the query as reactive state, and navigation through the history API.
//!
//! Hand-written rather than leptos_router: the app is one page whose state is all in the
//! query, and leptos_router brings the `url` crate with its IDNA tables (about 100 KB of wasm)
//! for nothing this app needs.

mod codec;
mod history;

pub use codec::{merged, parse_query, query_string};
pub use history::{
    current_query, provide_query_state, use_go, use_on_change, use_param, use_set_query,
};

/// The views of the explorer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Links,
    Issues,
    Issue,
    Crates,
    Quotes,
    Events,
    Updates,
    /// Results of the `q` parameter over every kind of record.
    Search,
}

impl View {
    pub const TABS: [View; 6] = [
        View::Links,
        View::Issues,
        View::Crates,
        View::Quotes,
        View::Events,
        View::Updates,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            View::Links => "links",
            View::Issues => "issues",
            View::Issue => "issue",
            View::Crates => "crates",
            View::Quotes => "quotes",
            View::Events => "events",
            View::Updates => "updates",
            View::Search => "search",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            View::Links => "Links",
            View::Issues => "Issues",
            View::Issue => "Reader",
            View::Crates => "Crates of the Week",
            View::Quotes => "Quotes",
            View::Events => "Events",
            View::Updates => "Project updates",
            View::Search => "Search",
        }
    }

    /// The view named by `?view=`; the issue list when absent or unknown.
    pub fn from_param(p: Option<&str>) -> Self {
        match p {
            Some("links") => View::Links,
            Some("issue") => View::Issue,
            Some("crates") => View::Crates,
            Some("quotes") => View::Quotes,
            Some("events") => View::Events,
            Some("updates") => View::Updates,
            Some("search") => View::Search,
            _ => View::Issues,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_or_missing_views_open_the_issue_list() {
        assert_eq!(View::from_param(None), View::Issues);
        assert_eq!(View::from_param(Some("nonsense")), View::Issues);
        assert_eq!(View::from_param(Some("crates")), View::Crates);
    }
}
