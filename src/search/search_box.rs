//! The search box of the header, and the arrow keys that move between it and the results.

use super::use_search;
use crate::router::{current_query, merged, query_string, use_go, use_param, View};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Views whose own rows the `q` parameter narrows; elsewhere the search box opens the
/// search view.
pub fn searches_in_place(v: View) -> bool {
    matches!(
        v,
        View::Search | View::Links | View::Crates | View::Quotes | View::Updates
    )
}

/// The search box of the header, bound to `q`: typing replaces the history entry (the first
/// keystroke after focusing or Enter adds one), ArrowDown moves into the results.
#[component]
pub fn SearchBox() -> impl IntoView {
    let q = use_param("q");
    let view = use_param("view");
    let search = use_search();
    // A query in the URL, or the search view, asks for search at once.
    Effect::new(move |_| {
        let has_query = q.with(|q| q.as_deref().is_some_and(|q| !q.trim().is_empty()));
        if has_query || View::from_param(view.get().as_deref()) == View::Search {
            search.want();
        }
    });
    let go = use_go();
    let typing = StoredValue::new(false);
    let on_input = {
        let go = go.clone();
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            let v = View::from_param(view.get_untracked().as_deref());
            let qs = if searches_in_place(v) {
                current_query(|cur| merged(cur, &[("q", Some(text))]))
            } else {
                query_string([("view", "search".to_string()), ("q", text)])
            };
            go(&qs, typing.get_value());
            typing.set_value(true);
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        typing.set_value(false);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "ArrowDown" && focus_result(0) {
            ev.prevent_default();
        }
    };
    view! {
        <form class="search" role="search" aria-label="Search the archive" on:submit=on_submit>
            <label for="search-box" class="visually-hidden">"Search the archive"</label>
            <input
                id="search-box"
                type="search"
                placeholder="Search ( / )"
                autocomplete="off"
                spellcheck="false"
                data-slash-target
                prop:value=move || q.get().unwrap_or_default()
                on:input=on_input
                on:focus=move |_| {
                    typing.set_value(false);
                    search.want();
                }
                on:pointerdown=move |_| search.want()
                on:keydown=on_keydown
            />
        </form>
    }
}

/// The result links of the page (`[data-result]` in `main`), in order.
fn results() -> Option<web_sys::NodeList> {
    web_sys::window()?
        .document()?
        .query_selector_all("#main [data-result]")
        .ok()
}

fn focus_result(i: u32) -> bool {
    results()
        .and_then(|l| l.item(i))
        .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .is_some_and(|el| el.focus().is_ok())
}

/// Keydown handler for a list of results: ArrowDown and ArrowUp move between them, ArrowUp
/// from the first goes back to the search box; Enter follows the focused link.
pub fn rove(ev: leptos::ev::KeyboardEvent) {
    let step: i32 = match ev.key().as_str() {
        "ArrowDown" => 1,
        "ArrowUp" => -1,
        _ => return,
    };
    let Some(list) = results() else { return };
    let active = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element());
    let Some(at) = (0..list.length()).find(|&i| {
        list.item(i)
            .zip(active.as_ref())
            .is_some_and(|(n, a)| n.is_same_node(Some(a)))
    }) else {
        return;
    };
    ev.prevent_default();
    let next = at as i32 + step;
    if next < 0 {
        if let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("search-box"))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    } else if (next as u32) < list.length() {
        focus_result(next as u32);
    }
}
