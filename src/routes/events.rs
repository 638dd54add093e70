use crate::components::{
    page_items, page_number, plain_options, ExternalLink, FilterSelect, KeyedRows, LoadGate, Pager,
    Row,
};
use crate::router::{use_param, use_set_query};
use crate::routes::issue_href;
use crate::store::Store;
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;
use twir_archive::bundle::EventRow;

const PER_PAGE: usize = 50;

/// Every event the archive listed, once each (newest first), by region, year and online.
#[component]
pub fn EventsView() -> impl IntoView {
    view! {
        <section class="events" aria-labelledby="events-heading">
            <h1 id="events-heading">"Events"</h1>
            <LoadGate file={|s: &Store| s.events} render={move |events: Arc<Vec<EventRow>>| view! { <EventList events /> }} />
        </section>
    }
}

/// An event listed in several issues appears once: its first listing.
fn distinct(events: &[EventRow]) -> Vec<usize> {
    let mut seen = HashSet::new();
    let mut out: Vec<usize> = (0..events.len())
        .filter(|&i| {
            let e = &events[i];
            seen.insert((e.date, e.title.clone(), e.url.clone(), e.group.clone()))
        })
        .collect();
    out.sort_by_key(|&i| std::cmp::Reverse(events[i].date));
    out
}

#[component]
fn EventList(events: Arc<Vec<EventRow>>) -> impl IntoView {
    let (region, year, online, page) = (
        use_param("region"),
        use_param("year"),
        use_param("online"),
        use_param("page"),
    );
    let set_query = use_set_query();
    let all = Arc::new(distinct(&events));
    let mut regions: Vec<String> = events
        .iter()
        .filter_map(|e| e.region.as_deref().map(str::to_string))
        .collect();
    regions.sort();
    regions.dedup();
    let mut years: Vec<i32> = events
        .iter()
        .filter_map(|e| e.date.map(|d| d.year()))
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let on_online = {
        let set_query = set_query.clone();
        move |ev| set_query(&[("online", event_target_checked(&ev).then(|| "1".to_string()))])
    };
    let hits = {
        let events = events.clone();
        Memo::new(move |_| {
            let r = region.get();
            let y: Option<i32> = year.get().and_then(|y| y.parse().ok());
            let only_online = online.get().is_some();
            all.iter()
                .copied()
                .filter(|&i| {
                    let e = &events[i];
                    r.as_deref().is_none_or(|r| e.region.as_deref() == Some(r))
                        && y.is_none_or(|y| e.date.is_some_and(|d| d.year() == y))
                        && (!only_online || e.online)
                })
                .collect::<Vec<usize>>()
        })
    };
    let page = Memo::new(move |_| page_number(page.get()));
    let total = move || hits.with(Vec::len);
    let rows = Signal::derive(move || {
        hits.with(|hits| {
            page_items(hits.iter().copied(), page.get(), PER_PAGE)
                .map(|i| {
                    let events = events.clone();
                    Row::new((i, String::new()), move || event_item(&events[i]))
                })
                .collect()
        })
    });
    view! {
        <div class="filters">
            <FilterSelect label="Region" key="region" any="Everywhere" options=plain_options(regions) slash_target=true />
            <FilterSelect label="Year" key="year" any="All years" options=plain_options(years) />
            <label class="check">
                <input type="checkbox" on:change=on_online prop:checked=move || online.get().is_some() />
                " Online only"
            </label>
        </div>
        <p class="count" role="status">{move || format!("{} events", total())}</p>
        <ol class="event-list"><KeyedRows rows /></ol>
        {move || view! { <Pager page=page.get() total=total() per_page=PER_PAGE /> }}
    }
}

fn event_item(e: &EventRow) -> impl IntoView {
    let date = e.date.map(|d| match e.end_date {
        Some(end) => format!("{d} – {end}"),
        None => d.to_string(),
    });
    let title = e
        .title
        .as_deref()
        .or(e.group.as_deref())
        .unwrap_or("Event")
        .to_string();
    view! {
        <li class="event-row" data-online=e.online.then_some("1")>
            <time class="event-date">{date}</time>
            <ExternalLink url=e.url.as_deref().map(str::to_string) text=title class="event-title" />
            <span class="event-meta">
                {e.group.clone()}
                {e.location.clone().map(|l| format!(" · {l}"))}
                {e.region.clone().map(|r| format!(" · {r}"))}
                {e.online.then_some(" · online")}
                " · listed in "
                <a href=issue_href(e.issue)>{format!("#{}", e.issue)}</a>
            </span>
        </li>
    }
}
