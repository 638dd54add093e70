use crate::components::{
    page_items, page_number, plain_options, ExternalLink, FilterSelect, KeyedRows, LoadGate, Pager,
    Row,
};
use crate::filters::LinkFilter;
use crate::router::{use_on_change, use_param, use_set_query};
use crate::routes::{issue_href, use_date_range, DateInputs};
use crate::search::{marked, rove, use_matching, Matching};
use crate::store::{use_store, Store};
use leptos::prelude::*;
use std::sync::Arc;
use twir_archive::bundle::LinkRow;
use twir_archive::taxonomy::Category;
use twir_archive::web::host;
use twir_archive::Date;
use twir_search::{Highlighter, Kind};

const PER_PAGE: usize = 50;
const TAGS: &[(&str, &str)] = &[
    ("video", "Video"),
    ("audio", "Audio"),
    ("podcast", "Podcast"),
    ("series", "Series"),
    ("slides", "Slides"),
    ("zh", "Chinese"),
    ("de", "German"),
    ("es", "Spanish"),
    ("pt", "Portuguese"),
    ("fr", "French"),
    ("ja", "Japanese"),
    ("pl", "Polish"),
    ("ru", "Russian"),
];

/// Every community link of the archive, filterable by category, date, issue, tag and site.
#[component]
pub fn LinksView() -> impl IntoView {
    view! {
        <section class="links" aria-labelledby="links-heading">
            <h1 id="links-heading">"Community links"</h1>
            <LoadGate file={|s: &Store| s.links} render={move |links: Arc<Vec<LinkRow>>| view! { <LinkList links /> }}
            />
        </section>
    }
}

#[component]
fn LinkList(links: Arc<Vec<LinkRow>>) -> impl IntoView {
    let store = use_store();
    let set_query = use_set_query();
    let cat = use_param("cat");
    let dates = use_date_range();
    let (min, max, tag, site) = (
        use_param("min"),
        use_param("max"),
        use_param("tag"),
        use_param("site"),
    );
    let (sort, page) = (use_param("sort"), use_param("page"));
    let filter = Memo::new(move |_| LinkFilter {
        category: cat.get().as_deref().and_then(Category::from_slug),
        dates: dates.get(),
        min_issue: min.get().and_then(|m| m.parse().ok()),
        max_issue: max.get().and_then(|m| m.parse().ok()),
        tag: tag.get(),
        site: site.get(),
        oldest_first: sort.get().as_deref() == Some("oldest"),
    });
    // With `q`, the search narrows the filtered links (and the category counts follow).
    let matching = use_matching(Kind::Link, links.len());
    let result = {
        let links = links.clone();
        Memo::new(move |_| {
            let m = matching.get();
            let dates = store.issue_dates();
            filter.with(|f| {
                if !matches!(m, Matching::On(_)) {
                    return f.apply(&links, |n| dates.get(n));
                }
                let any_category = LinkFilter {
                    category: None,
                    ..f.clone()
                };
                let (all, _) = any_category.apply(&links, |n| dates.get(n));
                let mut counts = [0usize; Category::ALL.len()];
                let mut hits = Vec::new();
                for i in all.into_iter().filter(|&i| m.keeps(i)) {
                    let c = links[i].category;
                    counts[c.index()] += 1;
                    if f.category.is_none_or(|x| x == c) {
                        hits.push(i);
                    }
                }
                (hits, counts)
            })
        })
    };
    let page = Memo::new(move |_| page_number(page.get()));
    let total = move || result.with(|r| r.0.len());
    let rows = Signal::derive(move || {
        let m = matching.get();
        let marks_key = m.marks_key();
        result.with(|(hits, _)| {
            page_items(hits.iter().copied(), page.get(), PER_PAGE)
                .map(|i| {
                    let (links, marks) = (links.clone(), m.marks().cloned());
                    let date = store.issue_date(links[i].issue);
                    Row::new((i, marks_key.clone()), move || {
                        link_item(&links[i], date, marks.as_ref())
                    })
                })
                .collect()
        })
    });
    let years = store.years();
    let on = use_on_change();
    let site_draft = RwSignal::new(site.get_untracked().unwrap_or_default());
    let on_site = {
        let set_query = set_query.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let v = site_draft
                .get_untracked()
                .trim()
                .trim_start_matches("www.")
                .to_string();
            set_query(&[("site", Some(v))]);
        }
    };
    let clear = {
        let set_query = set_query.clone();
        move |_| {
            site_draft.set(String::new());
            set_query(&[
                ("cat", None),
                ("year", None),
                ("from", None),
                ("to", None),
                ("min", None),
                ("max", None),
                ("tag", None),
                ("site", None),
                ("sort", None),
            ])
        }
    };
    view! {
        <div class="filters" role="group" aria-label="Filters">
            <label>
                "Category "
                <select on:change=on("cat") prop:value=move || cat.get().unwrap_or_default()>
                    {move || {
                        let counts = result.with(|r| r.1);
                        let all: usize = counts.iter().sum();
                        let mut opts = vec![view! { <option value="">{format!("All categories ({all})")}</option> }];
                        for (i, c) in Category::ALL.iter().enumerate() {
                            opts.push(view! {
                                <option value=c.slug()>{format!("{} ({})", c.label(), counts[i])}</option>
                            });
                        }
                        opts
                    }}
                </select>
            </label>
            <FilterSelect label="Year" key="year" any="All years" options=plain_options(years) />
            <FilterSelect
                label="Tag"
                key="tag"
                any="Any"
                options=TAGS.iter().map(|(v, l)| (v.to_string(), l.to_string())).collect()
            />
            <form class="site" on:submit=on_site>
                <label>
                    "Site "
                    <input type="text" placeholder="blog.rust-lang.org" data-slash-target bind:value=site_draft />
                </label>
                <button type="submit">"Filter"</button>
            </form>
            <DateInputs />
            <label>
                "Issues from #"
                <input type="number" min="1" class="num" on:change=on("min") prop:value=move || min.get().unwrap_or_default() />
            </label>
            <label>
                "to #"
                <input type="number" min="1" class="num" on:change=on("max") prop:value=move || max.get().unwrap_or_default() />
            </label>
            <FilterSelect
                label="Order"
                key="sort"
                any="Newest first"
                options=vec![("oldest".to_string(), "Oldest first".to_string())]
            />
            <button type="button" class="clear" on:click=clear>"Clear filters"</button>
        </div>
        <p class="count" role="status">{move || matching.with(|m| m.count_line(total(), "links"))}</p>
        <ol class="link-list" on:keydown=rove>
            <KeyedRows rows />
        </ol>
        {move || view! { <Pager page=page.get() total=total() per_page=PER_PAGE /> }}
    }
}

fn link_item(l: &LinkRow, date: Option<Date>, marks: Option<&Highlighter>) -> impl IntoView {
    let date = date.map(|d| d.to_string()).unwrap_or_default();
    view! {
        <li class="link-row" data-category=l.category.slug()>
            <ExternalLink url=Some(l.url.clone()) text=l.title.clone() class="link-title" marks=marks.cloned().unwrap_or_default() result=true />
            <span class="link-meta">
                <span class="host">{host(&l.url).to_string()}</span>
                " · "
                <span class="category">{l.category.label()}</span>
                {l.tags.iter().map(|t| view! { <span class="tag">{t.clone()}</span> }).collect_view()}
                " · "
                <a href=issue_href(l.issue)>{format!("#{}", l.issue)}</a>
                " "
                <time datetime=date.clone()>{date.clone()}</time>
            </span>
            {l.description.as_deref().map(|d| view! { <p class="link-description">{marked(d, marks)}</p> })}
        </li>
    }
}
