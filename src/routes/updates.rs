use crate::components::{
    page_items, page_number, plain_options, ExternalLink, FilterSelect, KeyedRows, LoadGate, Pager,
    Row,
};
use crate::router::use_param;
use crate::routes::issue_href;
use crate::search::use_matching;
use crate::store::{use_store, Store};
use leptos::prelude::*;
use std::sync::Arc;
use twir_archive::bundle::UpdateRow;
use twir_archive::model::UpdateKind;
use twir_search::{Highlighter, Kind};

const PER_PAGE: usize = 50;

/// Pull requests, RFCs, final comment period items, calls and jobs, by kind, group and year.
#[component]
pub fn UpdatesView() -> impl IntoView {
    view! {
        <section class="updates" aria-labelledby="updates-heading">
            <h1 id="updates-heading">"Project updates"</h1>
            <LoadGate file={|s: &Store| s.updates} render={move |updates: Arc<Vec<UpdateRow>>| view! { <UpdateList updates /> }} />
        </section>
    }
}

#[component]
fn UpdateList(updates: Arc<Vec<UpdateRow>>) -> impl IntoView {
    let store = use_store();
    let (kind, group, year, page) = (
        use_param("kind"),
        use_param("group"),
        use_param("year"),
        use_param("page"),
    );
    let mut groups: Vec<String> = updates
        .iter()
        .filter_map(|u| u.group.as_deref().map(str::to_string))
        .collect();
    groups.sort_by_key(|g| g.to_lowercase());
    groups.dedup();
    let years = store.years();
    // With `q`, only the matching items: an item listed in several issues is found once,
    // at its newest listing.
    let matching = use_matching(Kind::Update, updates.len());
    let hits = {
        let updates = updates.clone();
        Memo::new(move |_| {
            let m = matching.get();
            let k = kind.get().and_then(|k| UpdateKind::from_slug(&k));
            let g = group.get();
            let y: Option<i32> = year.get().and_then(|y| y.parse().ok());
            let dates = store.issue_dates();
            (0..updates.len())
                .rev()
                .filter(|&i| {
                    let u = &updates[i];
                    m.keeps(i)
                        && k.is_none_or(|k| u.kind == k)
                        && g.as_deref().is_none_or(|g| u.group.as_deref() == Some(g))
                        && y.is_none_or(|y| dates.get(u.issue).is_some_and(|d| d.year() == y))
                })
                .collect::<Vec<usize>>()
        })
    };
    let page = Memo::new(move |_| page_number(page.get()));
    let total = move || hits.with(Vec::len);
    let rows = Signal::derive(move || {
        let m = matching.get();
        let marks_key = m.marks_key();
        hits.with(|hits| {
            page_items(hits.iter().copied(), page.get(), PER_PAGE)
                .map(|i| {
                    let (updates, marks) = (updates.clone(), m.marks().cloned());
                    let date = store.issue_date(updates[i].issue).map(|d| d.to_string());
                    Row::new((i, marks_key.clone()), move || {
                        update_item(&updates[i], date.clone(), marks.as_ref())
                    })
                })
                .collect()
        })
    });
    view! {
        <div class="filters">
            <FilterSelect
                label="Kind"
                key="kind"
                any="All kinds"
                options=UpdateKind::ALL.iter().map(|k| (k.slug().to_string(), k.plural_label().to_string())).collect()
                slash_target=true
            />
            <FilterSelect label="Repository or team" key="group" any="Any" options=plain_options(groups) />
            <FilterSelect label="Year" key="year" any="All years" options=plain_options(years) />
        </div>
        <p class="count" role="status">{move || matching.with(|m| m.count_line(total(), "items"))}</p>
        <ol class="update-list"><KeyedRows rows /></ol>
        {move || view! { <Pager page=page.get() total=total() per_page=PER_PAGE /> }}
    }
}

fn update_item(u: &UpdateRow, date: Option<String>, marks: Option<&Highlighter>) -> impl IntoView {
    view! {
        <li class="update-row" data-kind=u.kind.slug()>
            <span class="kind">{u.kind.plural_label()}</span>
            {u.disposition.clone().map(|d| view! { <span class="tag">{d}</span> })}
            " "
            <ExternalLink url=u.url.as_deref().map(str::to_string) text=u.title.to_string() class="update-title" marks=marks.cloned().unwrap_or_default() result=true />
            <span class="update-meta">
                {u.group.clone().map(|g| format!("{g} · "))}
                <a href=issue_href(u.issue)>{format!("#{}", u.issue)}</a>
                {date.map(|d| format!(" · {d}"))}
            </span>
        </li>
    }
}
