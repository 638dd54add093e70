use crate::router::use_set_query;
use leptos::prelude::*;

/// Previous/next page links for a list of `total` items shown `per_page` at a time.
#[component]
pub fn Pager(page: usize, total: usize, per_page: usize) -> impl IntoView {
    let pages = total.div_ceil(per_page).max(1);
    let set_query = use_set_query();
    let go = move |p: usize| {
        let set_query = set_query.clone();
        move |_| set_query(&[("page", (p > 1).then(|| p.to_string()))])
    };
    view! {
        <nav class="pager" aria-label="Pages">
            <button type="button" disabled=page <= 1 on:click=go(page.saturating_sub(1))>
                "‹ Newer"
            </button>
            <span aria-live="polite">{format!("Page {page} of {pages}")}</span>
            <button type="button" disabled=page >= pages on:click=go(page + 1)>
                "Older ›"
            </button>
        </nav>
    }
}

/// The page number a `page` query parameter asks for (1 when absent or invalid).
pub fn page_number(param: Option<String>) -> usize {
    param.and_then(|p| p.parse().ok()).unwrap_or(1usize).max(1)
}

/// The items of page `page` (from 1), `per_page` at a time.
pub fn page_items<T>(
    items: impl IntoIterator<Item = T>,
    page: usize,
    per_page: usize,
) -> impl Iterator<Item = T> {
    items
        .into_iter()
        .skip((page.max(1) - 1) * per_page)
        .take(per_page)
}
