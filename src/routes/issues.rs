use leptos::prelude::*;
use std::sync::Arc;
use twir_archive::bundle::Index;

/// Every issue, newest first.
#[component]
pub fn IssueList(index: Arc<Index>) -> impl IntoView {
    let count = index.issues.number.len();
    let rows = index
        .issues()
        .rev()
        .map(|row| {
            let date = row.date.to_string();
            view! {
                <li class="issue-row" data-number=row.number>
                    <span class="issue-number">{format!("#{}", row.number)}</span>
                    <time class="issue-date" datetime=date.clone()>{date.clone()}</time>
                    <span class="issue-title">{row.title.to_string()}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="issues" aria-labelledby="issues-heading">
            <h1 id="issues-heading">"Issues"</h1>
            <p class="count">{format!("{count} issues, newest first")}</p>
            <ol class="issue-list" reversed>{rows}</ol>
        </section>
    }
}
