//! `?view=search&q=…`: results over every kind of record, grouped by kind with exact counts;
//! `kind=link` (…) shows one kind, a page at a time.

use crate::components::{page_number, prerender_done, ErrorPanel, ExternalLink, Pager};
use crate::router::{merged, use_param};
use crate::routes::issue_href;
use crate::search::{marked, rove, snippet, status_text, use_search, Data, Status};
use leptos::prelude::*;
use twir_archive::model::UpdateKind;
use twir_archive::web::{host, is_web_url};
use twir_archive::Date;
use twir_search::{Filter, Highlighter, Kind};

const PER_PAGE: usize = 20;
const PER_GROUP: usize = 5;
/// Hits looked at to fill the groups of "All" (a kind short of them gets its own search).
const TOP: usize = 200;

fn plural(k: Kind) -> &'static str {
    match k {
        Kind::Link => "Links",
        Kind::Crate => "Crates",
        Kind::Quote => "Quotes",
        Kind::Event => "Events",
        Kind::Issue => "Issues",
        Kind::Update => "Project updates",
    }
}

/// One page of results: the counts of every kind, and the hits (record ids) by kind.
#[derive(Debug, Clone, PartialEq)]
struct Page {
    counts: [u32; 6],
    total: u32,
    groups: Vec<(Kind, Vec<u32>)>,
    marks: Highlighter,
}

fn search_page(data: &Data, text: &str, kind: Option<Kind>, page: usize) -> Page {
    let all = Filter::default();
    match kind {
        Some(k) => {
            let counts = data.search(text, &all, 0, 1);
            let only = Filter {
                kinds: k.bit(),
                ..all
            };
            let r = data.search(text, &only, (page - 1) * PER_PAGE, PER_PAGE);
            Page {
                counts: counts.counts,
                total: counts.total,
                groups: vec![(k, r.hits.iter().map(|h| h.record).collect())],
                marks: r.highlighter,
            }
        }
        None => {
            let r = data.search(text, &all, 0, TOP);
            let mut groups: Vec<(Kind, Vec<u32>)> = Vec::new();
            for h in &r.hits {
                let k = data.index.record(h.record).kind;
                match groups.iter_mut().find(|g| g.0 == k) {
                    Some(g) if g.1.len() < PER_GROUP => g.1.push(h.record),
                    Some(_) => {}
                    None => groups.push((k, vec![h.record])),
                }
            }
            // A kind with matches but none among the best: its own best few, last.
            for k in Kind::ALL {
                let wanted = (r.counts[k as usize] as usize).min(PER_GROUP);
                let have = groups.iter().find(|g| g.0 == k).map_or(0, |g| g.1.len());
                if have < wanted {
                    let only = Filter {
                        kinds: k.bit(),
                        ..all
                    };
                    let hits = data.search(text, &only, 0, PER_GROUP).hits;
                    let ids = hits.iter().map(|h| h.record).collect();
                    match groups.iter_mut().find(|g| g.0 == k) {
                        Some(g) => g.1 = ids,
                        None => groups.push((k, ids)),
                    }
                }
            }
            Page {
                counts: r.counts,
                total: r.total,
                groups,
                marks: r.highlighter,
            }
        }
    }
}

/// The search view.
#[component]
pub fn SearchView() -> impl IntoView {
    prerender_done();
    let search = use_search();
    let (q, kind, page) = (use_param("q"), use_param("kind"), use_param("page"));
    let kind = Memo::new(move |_| {
        let k = kind.get()?;
        Kind::ALL.into_iter().find(|x| x.name() == k)
    });
    let page = Memo::new(move |_| page_number(page.get()));
    let text = Memo::new(move |_| q.get().filter(|t| !t.trim().is_empty()));
    let results = Memo::new(move |_| {
        let text = text.get()?;
        let data = search.data.get()?;
        Some(search_page(&data, &text, kind.get(), page.get()))
    });
    let status = move || {
        let Some(t) = text.get() else {
            return String::new();
        };
        match (results.get(), search.status.get()) {
            (Some(r), _) => {
                let n = kind.get().map_or(r.total, |k| r.counts[k as usize]);
                let mut s = if n == 0 {
                    "No results".to_string()
                } else {
                    let mut s = n.to_string();
                    s.push_str(if n == 1 { " result" } else { " results" });
                    s
                };
                s.push_str(" for “");
                s.push_str(t.trim());
                s.push('”');
                s
            }
            (None, s) => status_text(&s),
        }
    };
    let body = move || {
        if text.get().is_none() {
            return help().into_any();
        }
        if let Status::Failed(error) = search.status.get() {
            return view! { <ErrorPanel message=error.to_string() on_retry=Callback::new(move |_| search.retry()) /> }
                .into_any();
        }
        let (Some(r), Some(data)) = (results.get(), search.data.get_untracked()) else {
            return view! { <progress class="search-progress" aria-label="Preparing search" max="100"
                value=move || match search.status.get() { Status::Preparing(p) => p.to_string(), _ => "0".to_string() }></progress> }
            .into_any();
        };
        let chosen = kind.get();
        let tabs = kind_tabs(&r, chosen);
        let groups = r
            .groups
            .iter()
            .filter(|g| !g.1.is_empty())
            .map(|(k, ids)| {
                let count = r.counts[*k as usize];
                let heading_id = ["results-", k.name()].concat();
                let labelled_by = heading_id.clone();
                let more = (chosen.is_none() && count as usize > ids.len()).then(|| {
                    let href = crate::router::current_query(|c| {
                        merged(c, &[("kind", Some(k.name().to_string()))])
                    });
                    view! { <a class="more" href=href>{["All ", &count.to_string(), " ", &plural(*k).to_lowercase(), " ›"].concat()}</a> }
                });
                view! {
                    <section class="result-group" aria-labelledby=labelled_by data-kind=k.name()>
                        <h2 id=heading_id>{plural(*k)}" "<span class="group-count">{count.to_string()}</span></h2>
                        <ol class="hits" on:keydown=rove>
                            {ids.iter().map(|&id| hit(&data, id, &r.marks)).collect_view()}
                        </ol>
                        {more}
                    </section>
                }
            })
            .collect_view();
        let pager = chosen.map(|k| {
            view! { <Pager page=page.get() total=r.counts[k as usize] as usize per_page=PER_PAGE /> }
        });
        view! { {tabs} {groups} {pager} }.into_any()
    };
    view! {
        <section class="search-view" aria-labelledby="search-heading">
            <h1 id="search-heading">"Search"</h1>
            <p class="count" role="status">{status}</p>
            {body}
        </section>
    }
}

/// All / Links 12 / Crates 1 / …: the kinds with their exact counts, as links.
fn kind_tabs(r: &Page, chosen: Option<Kind>) -> impl IntoView {
    let tab = |k: Option<Kind>, label: &'static str, n: u32| {
        let href = crate::router::current_query(|c| {
            merged(c, &[("kind", k.map(|k| k.name().to_string()))])
        });
        view! {
            <a href=href aria-current=(chosen == k).then_some("page") class:empty=n == 0>
                {label}" "<span class="group-count">{n.to_string()}</span>
            </a>
        }
    };
    let mut tabs = vec![tab(None, "All", r.total)];
    for k in Kind::ALL {
        tabs.push(tab(Some(k), plural(k), r.counts[k as usize]));
    }
    view! { <nav class="kind-tabs" aria-label="Kinds of results">{tabs}</nav> }
}

fn day(d: i32) -> String {
    Date::from_days(d).to_string()
}

/// A hit's kind label, title, source URL, internal link instead of a source, snippet and
/// more meta.
type HitParts = (
    &'static str,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// One result: its kind, its title (a link to its source), a snippet, its issue and date.
fn hit(data: &Data, id: u32, marks: &Highlighter) -> AnyView {
    let rec = *data.index.record(id);
    let row = rec.row as usize;
    let m = Some(marks);
    let (label, title, url, internal, text, meta): HitParts = match rec.kind {
        Kind::Link => {
            let l = &data.records.links[row];
            (
                "Link",
                l.title.clone(),
                Some(l.url.clone()),
                None,
                l.description.clone(),
                Some([host(&l.url), " · ", l.category.label()].concat()),
            )
        }
        Kind::Crate => {
            let c = &data.records.crates[row];
            (
                "Crate pick",
                c.name.clone(),
                Some(c.url.clone()),
                None,
                c.description.clone(),
                c.suggested_by
                    .as_ref()
                    .map(|s| ["suggested by ", s].concat()),
            )
        }
        Kind::Quote => {
            let q = &data.records.quotes[row];
            let n = data.records.quotes[..row]
                .iter()
                .rev()
                .take_while(|p| p.issue == q.issue)
                .count()
                + 1;
            let permalink = [
                "?view=quotes&quote=",
                &q.issue.to_string(),
                "-",
                &n.to_string(),
            ]
            .concat();
            (
                "Quote",
                q.author.clone().unwrap_or_else(|| "Unattributed".into()),
                None,
                Some(permalink),
                Some(q.text.clone()),
                q.source.clone(),
            )
        }
        Kind::Event => {
            let e = &data.records.events[row];
            let mut meta = e.date.map(|d| d.to_string()).unwrap_or_default();
            for part in [&e.group, &e.location].into_iter().flatten() {
                if e.title.is_some() || Some(part) != e.group.as_ref() {
                    meta.push_str(" · ");
                    meta.push_str(part);
                }
            }
            (
                "Event",
                e.title
                    .as_deref()
                    .or(e.group.as_deref())
                    .unwrap_or("Event")
                    .to_string(),
                e.url.as_deref().map(str::to_string),
                None,
                None,
                Some(meta),
            )
        }
        Kind::Issue => (
            "Issue",
            data.records.index.issues.title[row].clone(),
            None,
            Some(issue_href(rec.issue)),
            None,
            None,
        ),
        Kind::Update => {
            let u = &data.records.updates[row];
            (
                UpdateKind::ALL
                    .get(rec.sub as usize)
                    .map_or("Update", |k| k.label()),
                u.title.to_string(),
                u.url.as_deref().map(str::to_string),
                None,
                None,
                u.group.as_deref().map(str::to_string),
            )
        }
    };
    let web = url.as_deref().is_some_and(is_web_url);
    // The arrow keys move between each hit's first link: its source, else the explorer's.
    let internal = internal.filter(|_| !web);
    let title_view = match internal {
        Some(href) => view! { <a class="hit-title" href=href data-result>{marked(&title, m)}</a> }.into_any(),
        None => view! { <ExternalLink url class="hit-title" text=title marks=marks.clone() result=web /> }.into_any(),
    };
    let date = day(rec.day);
    let reader_is_result = !web && rec.kind != Kind::Issue && rec.kind != Kind::Quote;
    view! {
        <li class="hit" data-kind=rec.kind.name() data-issue=rec.issue>
            <span class="hit-kind">{label}</span>
            {title_view}
            {text.map(|t| view! { <p class="hit-text">{snippet(&t, m, 240)}</p> })}
            <span class="hit-meta">
                <a href=issue_href(rec.issue) data-result=reader_is_result.then_some("")>{["#", &rec.issue.to_string()].concat()}</a>
                " · "
                <time datetime=date.clone()>{date.clone()}</time>
                {meta.map(|t| view! { " · " {marked(&t, m)} })}
            </span>
        </li>
    }
    .into_any()
}

/// What the search box understands, for an empty query.
fn help() -> impl IntoView {
    let rows: [(&str, &str); 10] = [
        (
            "async trait",
            "every word, anywhere; the last one is a prefix while you type",
        ),
        (
            "tokoi",
            "typos are tolerated (one from 4 letters, two from 8)",
        ),
        ("\"zero cost\"", "an exact phrase"),
        (
            "crate:serde",
            "crate picks by name (crate: alone lists them all)",
        ),
        ("quote:unsafe", "quotes by their text or author"),
        ("author:kornel", "quotes by author"),
        ("cat:walkthroughs", "links of a category"),
        ("year:2023", "issues of a year, or years: year:2019..2021"),
        (
            "before:2016 after:2022-06",
            "before or after a year, month or day",
        ),
        ("issue:569", "one issue, or a range: issue:500-510"),
    ];
    view! {
        <section class="search-help" aria-labelledby="search-help-heading">
            <h2 id="search-help-heading">"How to search"</h2>
            <p>"Type in the search box above (press " <kbd>"/"</kbd> " to go there). Arrow keys move through the results, Enter opens one."</p>
            <dl>
                {rows
                    .into_iter()
                    .map(|(code, what)| view! { <dt><code>{code}</code></dt><dd>{what}</dd> })
                    .collect_view()}
            </dl>
        </section>
    }
}
