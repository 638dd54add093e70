use crate::components::{plain_options, ExternalLink, FilterSelect, KeyedRows, LoadGate, Row};
use crate::router::use_param;
use crate::routes::issue_href;
use crate::search::{marked, use_matching, Matching};
use crate::store::{use_store, Store};
use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use twir_archive::bundle::CrateRow;
use twir_search::{Highlighter, Kind};

/// A card per crate pick, and a card for each week that had none; filterable by year.
#[component]
pub fn CratesView() -> impl IntoView {
    view! {
        <section class="crates" aria-labelledby="crates-heading">
            <h1 id="crates-heading">"Crates of the Week"</h1>
            <LoadGate file={|s: &Store| s.crates} render={move |crates: Arc<Vec<CrateRow>>| view! { <Gallery crates /> }}
            />
        </section>
    }
}

#[component]
fn Gallery(crates: Arc<Vec<CrateRow>>) -> impl IntoView {
    let store = use_store();
    let year = use_param("year");
    // Weeks with a Crate of the Week section, newest first: (number, date).
    let weeks: Vec<(u32, twir_archive::Date)> = store.index.with_value(|i| {
        i.issues()
            .rev()
            .zip(i.issues.crate_section.iter().rev())
            .filter(|(_, s)| **s == 1)
            .map(|(r, _)| (r.number, r.date))
            .collect()
    });
    let mut years: Vec<i32> = weeks.iter().map(|(_, d)| d.year()).collect();
    years.dedup();
    // The picks of each week, found once (not once per week and per render).
    let mut by_issue: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (i, c) in crates.iter().enumerate() {
        by_issue.entry(c.issue).or_default().push(i);
    }
    // With `q`, only the matching picks, and no empty weeks.
    let matching = use_matching(Kind::Crate, crates.len());
    let picks_of = move |n: u32, m: &Matching| -> Vec<usize> {
        let all = by_issue.get(&n).map_or(&[][..], Vec::as_slice);
        all.iter().copied().filter(|&i| m.keeps(i)).collect()
    };
    // The weeks shown and the line that counts them; each card is (week, date, pick), a week
    // without a pick being one card with none.
    let shown = Memo::new(move |_| {
        let m = matching.get();
        let searching = matches!(m, Matching::On(_));
        let y: Option<i32> = year.get().and_then(|y| y.parse().ok());
        let shown: Vec<_> = weeks
            .iter()
            .filter(|(_, d)| y.is_none_or(|y| d.year() == y))
            .filter(|(n, _)| !searching || !picks_of(*n, &m).is_empty())
            .collect();
        let picks = shown
            .iter()
            .map(|(n, _)| picks_of(*n, &m).len())
            .sum::<usize>();
        let empty = shown
            .iter()
            .filter(|(n, _)| picks_of(*n, &m).is_empty())
            .count();
        let cards: Vec<(u32, String, Option<usize>)> = shown
            .iter()
            .flat_map(|(n, d)| {
                let picks = picks_of(*n, &m);
                let date = d.to_string();
                if picks.is_empty() {
                    vec![(*n, date, None)]
                } else {
                    picks
                        .into_iter()
                        .map(|i| (*n, date.clone(), Some(i)))
                        .collect()
                }
            })
            .collect();
        let count = if searching {
            m.count_line(picks, "picks")
        } else {
            format!(
                "{picks} picks in {} weeks; {empty} weeks without a pick",
                shown.len()
            )
        };
        (count, cards)
    });
    let rows = Signal::derive(move || {
        let m = matching.get();
        let marks_key = ["=", &m.marks_key()].concat();
        shown.with(|(_, cards)| {
            cards
                .iter()
                .map(|(n, date, pick)| {
                    let (n, date) = (*n, date.clone());
                    match *pick {
                        Some(i) => {
                            let (crates, marks) = (crates.clone(), m.marks().cloned());
                            Row::new((i, marks_key.clone()), move || {
                                crate_card(&crates[i], &date, marks.as_ref())
                            })
                        }
                        None => Row::new((n as usize, "none".to_string()), move || {
                            view! {
                                <li class="crate-card none">
                                    <h2>"No pick this week"</h2>
                                    <p class="crate-issue"><a href=issue_href(n)>{format!("Issue #{n}")}</a>" · "{date.clone()}</p>
                                </li>
                            }
                        }),
                    }
                })
                .collect()
        })
    });
    view! {
        <div class="filters">
            <FilterSelect label="Year" key="year" any="All years" options=plain_options(years) slash_target=true />
        </div>
        <p class="count" role="status">{move || shown.with(|s| s.0.clone())}</p>
        <ol class="crate-grid"><KeyedRows rows /></ol>
    }
}

fn crate_card(c: &CrateRow, date: &str, marks: Option<&Highlighter>) -> impl IntoView {
    view! {
        <li class="crate-card" data-issue=c.issue>
            <h2>
                <ExternalLink url=Some(c.url.clone()) text=c.name.clone() marks=marks.cloned().unwrap_or_default() result=true />
            </h2>
            {c.description.as_deref().map(|d| view! { <p class="crate-description">{marked(d, marks)}</p> })}
            <p class="crate-issue">
                <a href=issue_href(c.issue)>{format!("Issue #{}", c.issue)}</a>
                " · "
                {date.to_string()}
            </p>
            {c.suggested_by.clone().map(|who| {
                view! {
                    <p class="crate-suggested">
                        "Suggested by " <ExternalLink url=c.suggested_by_url.clone() text=who />
                        {c.self_suggested.then_some(" (self-suggestion)")}
                    </p>
                }
            })}
        </li>
    }
}
