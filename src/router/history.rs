//! The query string as reactive state, and navigation between query strings: the history
//! API with a `popstate` listener, and same-page links (`href="?…"`, `href="#…"`) handled
//! without a reload.

use super::codec::{merged, parse_query};
use leptos::prelude::*;
use std::collections::BTreeMap;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// The current query parameters.
#[derive(Clone, Copy)]
pub struct QueryState(RwSignal<BTreeMap<String, String>>);

fn current_search() -> String {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
}

/// Provides the query state to the app, follows back/forward, and turns clicks on same-page
/// links (`?…` and `#…`) into history entries.
pub fn provide_query_state() {
    let state = QueryState(RwSignal::new(parse_query(&current_search())));
    provide_context(state);
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_pop = Closure::<dyn Fn()>::new(move || state.0.set(parse_query(&current_search())));
    let _ = window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    on_pop.forget();
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |e: web_sys::MouseEvent| {
        if e.default_prevented()
            || e.button() != 0
            || e.ctrl_key()
            || e.meta_key()
            || e.shift_key()
            || e.alt_key()
        {
            return;
        }
        let Some(anchor) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten())
        else {
            return;
        };
        let href = anchor.get_attribute("href").unwrap_or_default();
        if anchor.get_attribute("target").is_some() {
            return;
        }
        // `#id` (the skip link, the reader's contents and heading anchors) resolves against
        // the page's `<base href>`, which has no query: followed as it is, it would leave the
        // view for the site's first page. Set as the current URL's fragment instead, it stays
        // on the view, scrolls to the element and is one step of back/forward.
        if let Some(fragment) = href.strip_prefix('#') {
            e.prevent_default();
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash(fragment);
            }
            return;
        }
        if href.starts_with('?') {
            e.prevent_default();
            push(&href);
            state.0.set(parse_query(&href));
            scroll_to_top();
        }
    });
    if let Some(doc) = window.document() {
        let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    }
    on_click.forget();
}

fn push(qs: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(qs));
    }
}

fn replace(qs: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(qs));
    }
}

fn scroll_to_top() {
    if let Some(w) = web_sys::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// One query parameter, reactively.
pub fn use_param(key: &'static str) -> Memo<Option<String>> {
    let state = expect_context::<QueryState>();
    Memo::new(move |_| {
        state
            .0
            .with(|q| q.get(key).cloned())
            .filter(|v| !v.is_empty())
    })
}

/// A function that changes some parameters (`None` removes one) and goes there, as a new
/// history entry so that back and forward move through filter states.
pub fn use_set_query() -> impl Fn(&[(&str, Option<String>)]) + Clone + 'static {
    let state = expect_context::<QueryState>();
    move |changes: &[(&str, Option<String>)]| {
        let qs = state.0.with_untracked(|q| merged(q, changes));
        push(&qs);
        state.0.set(parse_query(&qs));
    }
}

/// A function that goes to a whole query string: as a new history entry, or replacing the
/// current one (`replace`, while the reader types in a box).
pub fn use_go() -> impl Fn(&str, bool) + Clone + 'static {
    let state = expect_context::<QueryState>();
    move |qs: &str, replacing: bool| {
        if replacing {
            replace(qs);
        } else {
            push(qs);
        }
        state.0.set(parse_query(qs));
    }
}

/// Reads the current parameters, untracked.
pub fn current_query<R>(f: impl FnOnce(&BTreeMap<String, String>) -> R) -> R {
    expect_context::<QueryState>().0.with_untracked(f)
}

/// For filter controls: `on_change("year")` is a change handler that puts the control's
/// value into the query parameter `year` (an empty value removes it).
pub fn use_on_change() -> impl Fn(&'static str) -> Box<dyn Fn(leptos::ev::Event)> + Clone {
    let set_query = use_set_query();
    move |key: &'static str| {
        let set_query = set_query.clone();
        Box::new(move |ev: leptos::ev::Event| set_query(&[(key, Some(event_target_value(&ev)))]))
    }
}
