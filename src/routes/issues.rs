use crate::components::{plain_options, use_on_change, use_param, use_set_query, FilterSelect};
use crate::routes::issue_href;
use crate::store::use_store;
use leptos::prelude::*;

/// Every issue, newest first, filterable by year, with a "go to issue #N" box.
#[component]
pub fn IssuesView() -> impl IntoView {
    let store = use_store();
    let year = use_param("year");
    let (from, to) = (use_param("from"), use_param("to"));
    let set_query = use_set_query();
    let years = store.years();
    let rows = Memo::new(move |_| {
        let year: Option<i32> = year.get().and_then(|y| y.parse().ok());
        let from: Option<twir_archive::Date> = from.get().and_then(|d| d.parse().ok());
        let to: Option<twir_archive::Date> = to.get().and_then(|d| d.parse().ok());
        store.index.with_value(|i| {
            i.issues()
                .rev()
                .filter(|r| year.is_none_or(|y| r.date.year() == y))
                .filter(|r| from.is_none_or(|f| r.date >= f) && to.is_none_or(|t| r.date <= t))
                .map(|r| (r.number, r.date.to_string(), r.title.to_string(), r.links))
                .collect::<Vec<_>>()
        })
    });
    let on = use_on_change();
    let goto = RwSignal::new(String::new());
    let on_goto = {
        let set_query = set_query.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if let Ok(n) = goto
                .get_untracked()
                .trim()
                .trim_start_matches('#')
                .parse::<u32>()
            {
                set_query(&[
                    ("view", Some("issue".into())),
                    ("issue", Some(n.to_string())),
                    ("year", None),
                ]);
            }
        }
    };
    view! {
        <section class="issues" aria-labelledby="issues-heading">
            <h1 id="issues-heading">"Issues"</h1>
            <div class="filters">
                <FilterSelect label="Year" key="year" any="All years" options=plain_options(years) />
                <label>
                    "From "
                    <input type="date" on:change=on("from") prop:value=move || from.get().unwrap_or_default() />
                </label>
                <label>
                    "To "
                    <input type="date" on:change=on("to") prop:value=move || to.get().unwrap_or_default() />
                </label>
                <form class="goto" on:submit=on_goto role="search">
                    <label>
                        "Go to issue #"
                        <input
                            type="text"
                            inputmode="numeric"
                            size="5"
                            data-slash-target
                            bind:value=goto
                        />
                    </label>
                    <button type="submit">"Open"</button>
                </form>
            </div>
            {move || {
                let rows = rows.get();
                let total = rows.len();
                view! {
                    <p class="count">{format!("{total} issues, newest first")}</p>
                    <ol class="issue-list">
                        {rows
                            .into_iter()
                            .map(|(number, date, title, links)| {
                                view! {
                                    <li class="issue-row" data-number=number>
                                        <a class="issue-number" href=issue_href(number)>{format!("#{number}")}</a>
                                        <time class="issue-date" datetime=date.clone()>{date.clone()}</time>
                                        <span class="issue-title">{title}</span>
                                        <span class="issue-links">{format!("{links} links")}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                }
            }}
        </section>
    }
}
