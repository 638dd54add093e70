use crate::components::{plain_options, FilterSelect, KeyedRows, Row};
use crate::router::use_set_query;
use crate::routes::{issue_href, use_date_range, DateInputs};
use crate::store::use_store;
use leptos::prelude::*;

/// Every issue, newest first, filterable by year, with a "go to issue #N" box.
#[component]
pub fn IssuesView() -> impl IntoView {
    let store = use_store();
    let dates = use_date_range();
    let set_query = use_set_query();
    let years = store.years();
    let rows = Memo::new(move |_| {
        let dates = dates.get();
        store.index.with_value(|i| {
            i.issues()
                .rev()
                .filter(|r| dates.contains(r.date))
                .map(|r| (r.number, r.date.to_string(), r.title.to_string(), r.links))
                .collect::<Vec<_>>()
        })
    });
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
                <DateInputs />
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
            <p class="count">{move || format!("{} issues, newest first", rows.with(Vec::len))}</p>
            <ol class="issue-list">
                <KeyedRows rows=Signal::derive(move || {
                    rows.get()
                        .into_iter()
                        .map(|(number, date, title, links)| {
                            Row::new((number as usize, String::new()), move || {
                                view! {
                                    <li class="issue-row" data-number=number>
                                        <a class="issue-number" href=issue_href(number)>{format!("#{number}")}</a>
                                        <time class="issue-date" datetime=date.clone()>{date.clone()}</time>
                                        <span class="issue-title">{title.clone()}</span>
                                        <span class="issue-links">{format!("{links} links")}</span>
                                    </li>
                                }
                            })
                        })
                        .collect()
                }) />
            </ol>
        </section>
    }
}
