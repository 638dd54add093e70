//! The terms a search matched, marked in the text of its results.

use leptos::prelude::*;
use twir_search::{highlight, Highlighter};

/// `text` with the terms the query matched in `<mark>`: text nodes and elements, never HTML.
pub fn marked(text: &str, marks: Option<&Highlighter>) -> AnyView {
    let Some(h) = marks.filter(|h| !h.is_empty()) else {
        return text.to_string().into_any();
    };
    highlight(text, h)
        .into_iter()
        .map(|(r, m)| {
            let s = text[r].to_string();
            if m {
                view! { <mark>{s}</mark> }.into_any()
            } else {
                s.into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// About `len` bytes of `text` around its first marked term, with ellipses where cut.
pub fn snippet(text: &str, marks: Option<&Highlighter>, len: usize) -> AnyView {
    if text.len() <= len {
        return marked(text, marks);
    }
    let first = marks
        .and_then(|h| highlight(text, h).into_iter().find(|p| p.1))
        .map_or(0, |p| p.0.start);
    let mut start = first.saturating_sub(len / 4);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    if start > 0 {
        start = text[..start].rfind(' ').map_or(start, |s| s + 1);
    }
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut cut = String::new();
    if start > 0 {
        cut.push('…');
    }
    cut.push_str(&text[start..end]);
    if end < text.len() {
        cut.push('…');
    }
    marked(&cut, marks)
}
