//! The Upcoming Events parser over the whole real archive (the full archive).
//!
//! The expected counts come from a separate scan of the raw files (a Python script over the
//! lines of each events section, not the markdown parser): a top-level bullet (`* `/`- `,
//! indented by at most one space), an event heading (`# 2025-07-23 | …`) or a paragraph line
//! `[January 12 - …]` (2015-01-12) counts as an event when it starts with a date
//! (`2022-06-08`, `9/15`, `Jun 14`, `Dex  6`, optionally inside `**[`) or, in free text,
//! names a `Month day` anywhere (`… on Wednesday, June 12, at 7pm`). Excluded from the
//! count: nested title bullets, the one unindented title bullet of 2024-07-17 (the title of
//! the event above it), the paragraphs around the lists (`Rusty Events between …`, `If you
//! are running a Rust event …`), and the 10 undated bullets listed in `WARNINGS` below.

use crate::support;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use twir_archive::model::{Event, OtherItem};
use twir_archive::parse::events;
use twir_archive::taxonomy::Role;
use twir_archive::{Date, Diagnostic};

struct Parsed {
    /// File name → its events.
    events: BTreeMap<String, Vec<Event>>,
    other_items: Vec<(String, OtherItem)>,
    diagnostics: Vec<(String, Diagnostic)>,
    /// (issue date, event) for every event.
    dated: Vec<(Date, Event)>,
}

fn parse_archive(files: &[support::ArchiveFile]) -> Parsed {
    let mut out = Parsed {
        events: BTreeMap::new(),
        other_items: Vec::new(),
        diagnostics: Vec::new(),
        dated: Vec::new(),
    };
    support::for_each_file_sections(
        files,
        |r| r == Some(Role::Events),
        |f, _, ctx, sections| {
            let name = &f.name;
            for s in sections {
                let r = events::parse(s, ctx);
                for e in &r.events {
                    out.dated.push((ctx.date, e.clone()));
                }
                out.events.entry(name.clone()).or_default().extend(r.events);
                out.other_items
                    .extend(r.other_items.into_iter().map(|o| (name.clone(), o)));
                out.diagnostics
                    .extend(r.diagnostics.into_iter().map(|d| (name.clone(), d)));
            }
        },
    );
    out
}

/// The archive, parsed once for all tests (`None` without the full archive).
fn archive() -> Option<&'static Parsed> {
    let files = support::archive_files()?;
    static PARSED: OnceLock<Parsed> = OnceLock::new();
    Some(PARSED.get_or_init(|| parse_archive(files)))
}

fn d(s: &str) -> Date {
    s.parse().unwrap()
}

fn event_at<'a>(p: &'a Parsed, file: &str, line: usize) -> &'a Event {
    p.events
        .get(file)
        .and_then(|es| es.iter().find(|e| e.line == line))
        .unwrap_or_else(|| panic!("no event at {file}:{line}"))
}

/// The eras of archive-format.md section 5, by issue date, with the scan's event counts.
const ERAS: &[(&str, &str, usize)] = &[
    // Free text under `# Meetups` (2013-14).
    ("2013-01-01", "2014-11-10", 5),
    // `## Upcoming Meetups` / `## Upcoming Events` inside Community.
    ("2014-11-10", "2015-02-16", 32),
    // `[9/15. San Diego Rust Meetup #8](url).`
    ("2015-02-16", "2017-02-14", 712),
    // `[Jun 14. Columbus, US - Columbus Rust Society - Monthly Meeting](url).`
    ("2017-02-14", "2020-10-28", 2901),
    // `[December 16, Vancouver, BC, US - Title - Group](url)`, then `| **Title** |`.
    ("2020-10-28", "2022-03-02", 609),
    // `2022-06-08 | Boulder, CO, US | [Group](url)` with nested titles.
    ("2022-03-02", "2100-01-01", 9934),
];

#[test]
fn events_per_era_match_the_scan_of_the_files() {
    let Some(p) = archive() else { return };
    let mut counts = Vec::new();
    for (from, to, _) in ERAS {
        let n = p
            .dated
            .iter()
            .filter(|(issue, _)| *issue >= d(from) && *issue < d(to))
            .count();
        counts.push(n);
    }
    let expected: Vec<usize> = ERAS.iter().map(|e| e.2).collect();
    assert_eq!(counts, expected);
    assert_eq!(p.dated.len(), 14_193);
}

#[test]
fn every_event_from_2017_02_on_has_a_date() {
    let Some(p) = archive() else { return };
    let undated: Vec<_> = p
        .dated
        .iter()
        .filter(|(issue, e)| *issue >= d("2017-02-14") && e.date.is_none())
        .map(|(issue, e)| (issue.to_string(), e.line, e.date_text.clone()))
        .collect();
    assert!(undated.is_empty(), "{undated:?}");
}

/// Every warning on the archive: 10 undated items (2013-16 prose, and the typo `Oc 11` of
/// 2018-09-25) and 15 events whose written year is a year or two behind the issue.
const WARNINGS: &[(&str, usize)] = &[
    ("2013-06-15-this-week-in-rust.markdown", 93),
    ("2013-06-22-this-week-in-rust.markdown", 110),
    ("2013-06-22-this-week-in-rust.markdown", 114),
    ("2013-10-06-this-week-in-rust.markdown", 88),
    ("2013-10-06-this-week-in-rust.markdown", 89),
    ("2014-12-01-this-week-in-rust.md", 224),
    ("2014-12-15-this-week-in-rust.md", 248),
    ("2015-03-09-this-week-in-rust.md", 219),
    ("2016-10-18-this-week-in-rust.md", 143),
    ("2018-09-25-this-week-in-rust.md", 150),
    // `January 27, 2021` … in January 2022 issues.
    ("2022-01-19-this-week-in-rust.md", 176),
    ("2022-01-19-this-week-in-rust.md", 179),
    ("2022-01-19-this-week-in-rust.md", 180),
    ("2022-01-26-this-week-in-rust.md", 186),
    ("2022-01-26-this-week-in-rust.md", 188),
    ("2022-01-26-this-week-in-rust.md", 191),
    ("2022-01-26-this-week-in-rust.md", 192),
    // `2022-10-30` in October 2023 issues.
    ("2023-10-18-this-week-in-rust.md", 306),
    ("2023-10-25-this-week-in-rust.md", 293),
    // `2022-10-03` and `2022-10-31` in 2024 issues.
    ("2024-09-18-this-week-in-rust.md", 355),
    ("2024-09-25-this-week-in-rust.md", 364),
    ("2024-10-02-this-week-in-rust.md", 387),
    ("2024-10-09-this-week-in-rust.md", 315),
    ("2024-10-16-this-week-in-rust.md", 295),
    // `2024-01-02` in a December 2024 issue.
    ("2024-12-11-this-week-in-rust.md", 310),
];

#[test]
fn the_warnings_on_the_archive_are_exactly_the_known_ones() {
    let Some(p) = archive() else { return };
    let got: Vec<(&str, usize)> = p
        .diagnostics
        .iter()
        .map(|(f, d)| (f.as_str(), d.line))
        .collect();
    assert_eq!(got, WARNINGS);
    let others: Vec<(&str, usize)> = p
        .other_items
        .iter()
        .map(|(f, o)| (f.as_str(), o.line))
        .collect();
    assert_eq!(others, &WARNINGS[..10], "the undated items are other items");
}

#[test]
fn free_text_meetup_of_2013_06_07_is_on_june_12() {
    let Some(p) = archive() else { return };
    let e = event_at(p, "2013-06-07-this-week-in-rust.markdown", 80);
    assert_eq!(e.date, Some(d("2013-06-12")));
    assert_eq!(e.date_text, "June 12");
    assert_eq!(
        e.url.as_deref(),
        Some("https://mail.mozilla.org/pipermail/rust-dev/2013-June/004356.html")
    );
}

#[test]
fn sydney_meetup_of_2015_02_09_reads_feb_dot_9() {
    let Some(p) = archive() else { return };
    let e = event_at(p, "2015-02-09-this-week-in-rust.md", 220);
    assert_eq!(e.date, Some(d("2015-02-09")));
    assert_eq!(e.title.as_deref(), Some("Sydney Meetup"));
    assert_eq!(
        e.url.as_deref(),
        Some("http://www.meetup.com/Rust-Sydney/events/220100853/")
    );
}

#[test]
fn month_slash_day_event_of_2016_09_13_is_in_september() {
    let Some(p) = archive() else { return };
    let e = event_at(p, "2016-09-13-this-week-in-rust.md", 128);
    assert_eq!(e.date, Some(d("2016-09-21")));
    assert_eq!(e.date_text, "9/21.");
    assert_eq!(
        e.title.as_deref(),
        Some("Rust Boulder/Denver Monthly Meeting")
    );
    assert_eq!(e.region, None);
    assert!(!e.online);
}

#[test]
fn detroit_event_of_2019_06_04_has_location_group_title_and_region() {
    let Some(p) = archive() else { return };
    let e = event_at(p, "2019-06-04-this-week-in-rust.md", 122);
    assert_eq!(e.date, Some(d("2019-06-11")));
    assert_eq!(e.location.as_deref(), Some("Detroit, MI, US"));
    assert_eq!(e.group.as_deref(), Some("Detroit Rust"));
    assert_eq!(e.title.as_deref(), Some("June Detroit Rust at Bamboo"));
    assert_eq!(e.region.as_deref(), Some("North America"));
    assert!(!e.online);
}

#[test]
fn vancouver_event_of_2020_12_16_is_online_with_title_before_group() {
    let Some(p) = archive() else { return };
    let e = event_at(p, "2020-12-16-this-week-in-rust.md", 181);
    assert_eq!(e.date, Some(d("2020-12-16")));
    assert_eq!(e.location.as_deref(), Some("Vancouver, BC, US"));
    assert_eq!(
        e.title.as_deref(),
        Some("Are Results just Checked Exceptions?")
    );
    assert_eq!(e.group.as_deref(), Some("Vancouver Rust"));
    assert_eq!(e.region.as_deref(), Some("Online"));
    assert!(e.online);
}

#[test]
fn dallas_event_of_2021_06_09_keeps_the_year_after_a_period() {
    let Some(p) = archive() else { return };
    let e = event_at(p, "2021-06-09-this-week-in-rust.md", 170);
    assert_eq!(e.date, Some(d("2021-06-29")));
    assert_eq!(e.date_text, "June 29. 2021");
    assert_eq!(e.group.as_deref(), Some("Dallas Rust"));
}

#[test]
fn boulder_event_of_2022_03_02_has_group_link_and_nested_title() {
    let Some(p) = archive() else { return };
    let e = event_at(p, "2022-03-02-this-week-in-rust.md", 237);
    assert_eq!(e.date, Some(d("2022-03-09")));
    assert_eq!(e.location.as_deref(), Some("Boulder, CO, US"));
    assert_eq!(e.group.as_deref(), Some("Boulder Elixir and Rust"));
    assert_eq!(e.title.as_deref(), Some("Monthly Meetup"));
    assert_eq!(
        e.url.as_deref(),
        Some("https://www.meetup.com/boulder-elixir-rust/events/283985719/")
    );
    assert_eq!(e.region.as_deref(), Some("Virtual"));
    assert!(e.online);
}

#[test]
fn unpadded_day_of_2023_10_18_is_october_9() {
    let Some(p) = archive() else { return };
    let e = event_at(p, "2023-10-18-this-week-in-rust.md", 342);
    assert_eq!(e.date, Some(d("2023-10-09")));
    assert_eq!(e.date_text, "2023-10-9");
    assert_eq!(e.region.as_deref(), Some("Oceania"));
}

#[test]
fn cardiff_event_of_2024_07_17_takes_the_unindented_title_below_it() {
    let Some(p) = archive() else { return };
    let e = event_at(p, "2024-07-17-this-week-in-rust.md", 277);
    assert_eq!(e.location.as_deref(), Some("Virtual (Cardiff, UK)"));
    assert_eq!(
        e.title.as_deref(),
        Some("Rust for Rustaceans Book Club: Chapter 10: Concurrency (and Parallelism)")
    );
    assert!(e.online);
}

#[test]
fn heading_event_of_2025_07_23_is_in_africa() {
    let Some(p) = archive() else { return };
    let e = event_at(p, "2025-07-23-this-week-in-rust.md", 285);
    assert_eq!(e.date, Some(d("2025-07-23")));
    assert_eq!(e.group.as_deref(), Some("Rust Nigeria"));
    assert_eq!(e.region.as_deref(), Some("Africa"));
    assert!(e
        .title
        .as_deref()
        .is_some_and(|t| t.starts_with("Rust Developers Training")));
}
