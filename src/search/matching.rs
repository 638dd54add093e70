//! A view's rows narrowed by the `q` parameter: the links, crates, quotes and updates views
//! search in place.

use super::{use_search, Status};
use crate::router::use_param;
use leptos::prelude::*;
use std::sync::Arc;
use twir_search::{Filter, Highlighter, Kind};

/// What a view's `q` parameter does to its rows.
#[derive(Debug, Clone, PartialEq)]
pub enum Matching {
    /// No query: every row.
    Off,
    /// A query, but the index is not ready yet: every row for now.
    Pending(String, u8),
    /// `keep[row]` for the rows of the view's kind that match.
    On(Arc<Matches>),
}

#[derive(Debug, PartialEq)]
pub struct Matches {
    pub query: String,
    pub keep: Vec<bool>,
    pub marks: Highlighter,
}

impl Matching {
    pub fn keeps(&self, row: usize) -> bool {
        match self {
            Matching::On(m) => m.keep.get(row).copied().unwrap_or(false),
            _ => true,
        }
    }

    /// What a row's drawing takes from the search: the query whose terms it marks, if any
    /// (part of the row's key in a keyed list).
    pub fn marks_key(&self) -> String {
        match self {
            Matching::On(m) => m.query.clone(),
            _ => String::new(),
        }
    }

    pub fn marks(&self) -> Option<&Highlighter> {
        match self {
            Matching::On(m) => Some(&m.marks),
            _ => None,
        }
    }

    /// "123 links" with the query: `123 links matching “tokio”`, or that it is pending.
    pub fn count_line(&self, count: usize, noun: &str) -> String {
        let mut s = count.to_string();
        s.push(' ');
        s.push_str(noun);
        match self {
            Matching::Off => {}
            Matching::Pending(q, p) => {
                s.push_str("; preparing search for “");
                s.push_str(q);
                s.push_str("”… ");
                s.push_str(&p.to_string());
                s.push('%');
            }
            Matching::On(m) => {
                s.push_str(" matching “");
                s.push_str(m.query.trim());
                s.push('”');
            }
        }
        s
    }
}

/// The rows of `kind` (a view with `rows` rows) that the `q` parameter matches.
pub fn use_matching(kind: Kind, rows: usize) -> Memo<Matching> {
    let search = use_search();
    let q = use_param("q");
    Memo::new(move |_| {
        let Some(text) = q.get().filter(|t| !t.trim().is_empty()) else {
            return Matching::Off;
        };
        let Some(data) = search.data.get() else {
            let p = match search.status.get() {
                Status::Preparing(p) => p,
                _ => 0,
            };
            return Matching::Pending(text, p);
        };
        let filter = Filter {
            kinds: kind.bit(),
            ..Filter::default()
        };
        let r = data.search(&text, &filter, 0, rows);
        let mut keep = vec![false; rows];
        for h in &r.hits {
            if let Some(k) = keep.get_mut(data.index.record(h.record).row as usize) {
                *k = true;
            }
        }
        Matching::On(Arc::new(Matches {
            query: text,
            keep,
            marks: r.highlighter,
        }))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pending_or_active_query_is_said_in_the_count_line() {
        assert_eq!(Matching::Off.count_line(3, "links"), "3 links");
        assert_eq!(
            Matching::Pending("tokio".into(), 40).count_line(3, "links"),
            "3 links; preparing search for “tokio”… 40%"
        );
        let on = Matching::On(Arc::new(Matches {
            query: "tokio ".into(),
            keep: vec![true, false],
            marks: Highlighter::default(),
        }));
        assert_eq!(on.count_line(1, "links"), "1 links matching “tokio”");
        assert!(on.keeps(0) && !on.keeps(1) && !on.keeps(5));
    }
}
