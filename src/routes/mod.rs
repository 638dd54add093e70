//! One module per view.

pub mod crates;
pub mod events;
pub mod issues;
pub mod links;
pub mod quotes;
pub mod reader;
pub mod search_results;
pub mod updates;

use crate::filters::DateRange;
use crate::router::{use_on_change, use_param};
use leptos::prelude::*;

/// The reader's URL for an issue.
pub fn issue_href(number: u32) -> String {
    format!("?view=issue&issue={number}")
}

/// The date range of the `year`, `from` and `to` parameters (the issues and links views).
fn use_date_range() -> Memo<DateRange> {
    let (year, from, to) = (use_param("year"), use_param("from"), use_param("to"));
    Memo::new(move |_| {
        DateRange::from_params(
            year.get().as_deref(),
            from.get().as_deref(),
            to.get().as_deref(),
        )
    })
}

/// The "From" and "To" day inputs of a date range, bound to the `from` and `to` parameters.
#[component]
fn DateInputs() -> impl IntoView {
    let (from, to) = (use_param("from"), use_param("to"));
    let on = use_on_change();
    view! {
        <label>
            "From "
            <input type="date" on:change=on("from") prop:value=move || from.get().unwrap_or_default() />
        </label>
        <label>
            "To "
            <input type="date" on:change=on("to") prop:value=move || to.get().unwrap_or_default() />
        </label>
    }
}
