use crate::components::{page_items, page_number, ExternalLink, KeyedRows, LoadGate, Pager, Row};
use crate::router::{use_param, use_set_query};
use crate::routes::issue_href;
use crate::search::{marked, use_matching};
use crate::store::{use_store, Store};
use leptos::prelude::*;
use std::sync::Arc;
use twir_archive::bundle::QuoteRow;
use twir_search::{Highlighter, Kind};

const PER_PAGE: usize = 30;

/// Every quote, filterable by author, with a random pick and a permalink for each:
/// `?view=quotes&quote=<issue>-<n>` (the n-th quote of the issue, from 1).
#[component]
pub fn QuotesView() -> impl IntoView {
    view! {
        <section class="quotes" aria-labelledby="quotes-heading">
            <h1 id="quotes-heading">"Quotes of the Week"</h1>
            <LoadGate file={|s: &Store| s.quotes} render={move |quotes: Arc<Vec<QuoteRow>>| view! { <QuoteList quotes /> }}
            />
        </section>
    }
}

/// Permalink ids: `<issue>-<n>`, n counting the issue's quotes from 1.
fn permalink_ids(quotes: &[QuoteRow]) -> Vec<String> {
    let mut ids = Vec::with_capacity(quotes.len());
    for (i, q) in quotes.iter().enumerate() {
        let n = quotes[..i]
            .iter()
            .rev()
            .take_while(|p| p.issue == q.issue)
            .count()
            + 1;
        ids.push(format!("{}-{n}", q.issue));
    }
    ids
}

#[component]
fn QuoteList(quotes: Arc<Vec<QuoteRow>>) -> impl IntoView {
    let store = use_store();
    let (author, selected, page) = (use_param("author"), use_param("quote"), use_param("page"));
    let set_query = use_set_query();
    let ids = Arc::new(permalink_ids(&quotes));
    let mut authors: Vec<String> = quotes.iter().filter_map(|q| q.author.clone()).collect();
    authors.sort_by_key(|a| a.to_lowercase());
    authors.dedup();
    let random = {
        let set_query = set_query.clone();
        let ids = ids.clone();
        move |_| {
            let i = (js_sys::Math::random() * ids.len() as f64) as usize;
            if let Some(id) = ids.get(i.min(ids.len().saturating_sub(1))) {
                set_query(&[("quote", Some(id.clone())), ("author", None)]);
            }
        }
    };
    let on_author = {
        let set_query = set_query.clone();
        move |ev| set_query(&[("author", Some(event_target_value(&ev))), ("quote", None)])
    };
    // With `q`, only the matching quotes.
    let matching = use_matching(Kind::Quote, quotes.len());
    let list = {
        let (quotes, ids) = (quotes.clone(), ids.clone());
        move || {
            let m = matching.get();
            let a = author.get();
            let sel = selected.get();
            let mut shown: Vec<usize> = (0..quotes.len())
                .rev()
                .filter(|&i| {
                    m.keeps(i)
                        && a.as_deref()
                            .is_none_or(|a| quotes[i].author.as_deref() == Some(a))
                })
                .collect();
            // The selected quote comes first.
            if let Some(pos) = sel
                .as_deref()
                .and_then(|s| shown.iter().position(|&i| ids[i] == s))
            {
                let i = shown.remove(pos);
                shown.insert(0, i);
            }
            shown
        }
    };
    let shown = Memo::new(move |_| list());
    let page = Memo::new(move |_| page_number(page.get()));
    let total = move || shown.with(Vec::len);
    let rows = Signal::derive(move || {
        let m = matching.get();
        let marks_key = m.marks_key();
        let sel = selected.get();
        shown.with(|shown| {
            page_items(shown.iter().copied(), page.get(), PER_PAGE)
                .map(|i| {
                    let is_selected = sel.as_deref() == Some(ids[i].as_str());
                    let key = (i, [if is_selected { "*" } else { "" }, &marks_key].concat());
                    let (quotes, ids, marks) = (quotes.clone(), ids.clone(), m.marks().cloned());
                    let date = store.issue_date(quotes[i].issue).map(|d| d.to_string());
                    Row::new(key, move || {
                        quote_card(
                            &quotes[i],
                            &ids[i],
                            is_selected,
                            date.clone(),
                            marks.as_ref(),
                        )
                    })
                })
                .collect()
        })
    });
    view! {
        <div class="filters">
            <label>
                "Author "
                <select data-slash-target on:change=on_author prop:value=move || author.get().unwrap_or_default()>
                    <option value="">"Anyone"</option>
                    {authors.into_iter().map(|a| view! { <option value=a.clone()>{a.clone()}</option> }).collect_view()}
                </select>
            </label>
            <button type="button" class="random" on:click=random>"Random quote"</button>
        </div>
        <p class="count" role="status">{move || matching.with(|m| m.count_line(total(), "quotes"))}</p>
        <ol class="quote-list"><KeyedRows rows /></ol>
        {move || view! { <Pager page=page.get() total=total() per_page=PER_PAGE /> }}
    }
}

fn quote_card(
    q: &QuoteRow,
    id: &str,
    selected: bool,
    date: Option<String>,
    marks: Option<&Highlighter>,
) -> impl IntoView {
    let paragraphs: Vec<String> = q
        .text
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let attribution = match (&q.author, &q.source) {
        (Some(a), Some(s)) => format!("{a} on {s}"),
        (Some(a), None) => a.clone(),
        (None, Some(s)) => s.clone(),
        (None, None) => "Unattributed".to_string(),
    };
    view! {
        <li class="quote-card" class:selected=selected id=format!("quote-{id}") data-quote=id.to_string()>
            <blockquote>{paragraphs.into_iter().map(|p| view! { <p>{marked(&p, marks)}</p> }).collect_view()}</blockquote>
            <p class="quote-attribution">
                "– "
                <ExternalLink url=q.url.clone() text=attribution marks=marks.cloned().unwrap_or_default() />
            </p>
            <p class="quote-meta">
                <a href=issue_href(q.issue)>{format!("Issue #{}", q.issue)}</a>
                {date.map(|d| format!(" · {d}"))}
                " · "
                <a class="permalink" href=format!("?view=quotes&quote={id}")>"Permalink"</a>
                {q.suggested_by.clone().map(|s| format!(" · suggested by {s}"))}
            </p>
        </li>
    }
}
