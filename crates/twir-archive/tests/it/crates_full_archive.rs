//! Crate of the Week over the whole real archive (the full archive).
//!
//! The expectations come from a scan of the files independent of the parser (python over the
//! raw markdown, then grep to confirm): 571 issues from 2015-09-07 on have a CotW section
//! (two of them `Crate & Quote of the Week`), 21 of them say there is no pick, 8 weeks name
//! several crates, and 457 files write `This week's crate is [name](url)` inline.

use crate::support;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use twir_archive::model::CratePick;
use twir_archive::parse::crates::{self, CrateSection};
use twir_archive::taxonomy::Role;
use twir_archive::{Date, IssueKind};

/// One weekly issue: its date, number, raw text, and the parsed CotW sections.
struct Issue {
    number: Option<u32>,
    raw: String,
    sections: Vec<CrateSection>,
}

/// The archive, parsed once for all tests (`None` without the full archive).
fn load() -> Option<&'static BTreeMap<Date, Issue>> {
    let files = support::archive_files()?;
    static ISSUES: OnceLock<BTreeMap<Date, Issue>> = OnceLock::new();
    Some(ISSUES.get_or_init(|| load_all(files)))
}

fn load_all(files: &[support::ArchiveFile]) -> BTreeMap<Date, Issue> {
    let mut issues = BTreeMap::new();
    let wanted = |r| matches!(r, Some(Role::CrateOfTheWeek | Role::CrateAndQuote));
    support::for_each_file_sections(files, wanted, |f, file, ctx, sections| {
        if file.meta.kind != IssueKind::Weekly {
            return;
        }
        let parsed: Vec<CrateSection> = sections.iter().map(|s| crates::parse(s, ctx)).collect();
        let previous = issues.insert(
            file.meta.date,
            Issue {
                number: file.meta.number,
                raw: f.text.clone(),
                sections: parsed,
            },
        );
        assert!(previous.is_none(), "two issues dated {}", file.meta.date);
    });
    issues
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn picks(issue: &Issue) -> Vec<&CratePick> {
    issue.sections.iter().flat_map(|s| &s.picks).collect()
}

/// The weeks without a pick, found by the independent scan.
const NO_PICK: [&str; 21] = [
    "2016-05-30",
    "2016-07-12",
    "2016-08-23",
    "2016-10-04",
    "2016-10-11",
    "2016-10-25",
    "2016-11-08",
    "2016-11-15",
    "2016-11-29",
    "2016-12-13",
    "2017-01-24",
    "2017-03-21",
    "2017-04-18",
    "2017-05-23",
    "2017-05-30",
    "2017-07-11",
    "2017-08-29",
    "2017-10-03",
    "2017-12-05",
    "2018-02-13",
    "2019-10-29",
];

/// The weeks with several crates, and how many.
const MANY: [(&str, usize); 8] = [
    ("2019-05-21", 2),
    ("2019-10-15", 3),
    ("2019-11-12", 3),
    ("2020-02-18", 2),
    ("2020-02-25", 2),
    ("2021-06-16", 2),
    ("2022-02-02", 2),
    ("2024-07-31", 2),
];

#[test]
fn every_issue_from_2015_09_07_has_one_cotw_section_and_none_before() {
    let Some(issues) = load() else { return };
    let first = date("2015-09-07");
    let with: Vec<_> = issues
        .iter()
        .filter(|(_, i)| !i.sections.is_empty())
        .collect();
    assert_eq!(with.len(), 571);
    assert!(with
        .iter()
        .all(|(d, i)| **d >= first && i.sections.len() == 1));
    let after = issues.range(first..).count();
    assert_eq!(after, 571, "issues dated 2015-09-07 or later");
}

#[test]
fn picks_550_weeks_and_reports_21_without_a_pick_and_no_warnings() {
    let Some(issues) = load() else { return };
    let cotw: Vec<_> = issues
        .iter()
        .filter(|(_, i)| !i.sections.is_empty())
        .collect();
    let none: Vec<String> = cotw
        .iter()
        .filter(|(_, i)| picks(i).is_empty())
        .map(|(d, _)| d.to_string())
        .collect();
    assert_eq!(none, NO_PICK);
    assert_eq!(cotw.len() - none.len(), 550);
    let warnings: Vec<_> = cotw
        .iter()
        .flat_map(|(d, i)| {
            i.sections
                .iter()
                .flat_map(move |s| s.diagnostics.iter().map(move |w| (d.to_string(), w)))
        })
        .collect();
    assert!(warnings.is_empty(), "{warnings:#?}");
}

#[test]
fn multi_crate_weeks_have_their_number_of_picks_and_others_one() {
    let Some(issues) = load() else { return };
    let many: BTreeMap<Date, usize> = MANY.iter().map(|(d, n)| (date(d), *n)).collect();
    let mut total = 0;
    for (d, issue) in issues {
        let n = picks(issue).len();
        total += n;
        if issue.sections.is_empty() || NO_PICK.contains(&d.to_string().as_str()) {
            assert_eq!(n, 0, "{d}");
        } else {
            assert_eq!(n, many.get(d).copied().unwrap_or(1), "{d}");
        }
    }
    assert_eq!(total, 550 + 10);
}

/// `This week's crate is [name](url)` read straight from the raw file.
fn scan_inline_pick(raw: &str) -> Option<(String, String)> {
    let at = raw.find("This week's crate is [")? + "This week's crate is [".len();
    let rest = &raw[at..];
    let close = rest.find("](")?;
    let url_end = rest[close + 2..].find(')')?;
    let name = rest[..close].replace('\\', "");
    let url = rest[close + 2..close + 2 + url_end].to_string();
    Some((name, url))
}

#[test]
fn the_457_inline_picks_match_the_raw_text() {
    let Some(issues) = load() else { return };
    let mut checked = 0;
    for (d, issue) in issues {
        let Some((name, url)) = scan_inline_pick(&issue.raw) else {
            continue;
        };
        let p = picks(issue);
        assert_eq!(p.len(), 1, "{d}");
        assert_eq!(
            (p[0].name.as_str(), p[0].url.as_str()),
            (&*name, &*url),
            "{d}"
        );
        assert!(!p[0].name.contains('\\'), "{d}");
        checked += 1;
    }
    assert_eq!(checked, 457);
}

fn pick_of<'a>(issues: &'a BTreeMap<Date, Issue>, day: &str, i: usize) -> &'a CratePick {
    let issue = &issues[&date(day)];
    picks(issue)[i]
}

#[test]
fn spot_checks_across_eras() {
    let Some(issues) = load() else { return };

    let bacon = pick_of(issues, "2024-10-16", 0);
    assert_eq!(issues[&date("2024-10-16")].number, Some(569));
    assert_eq!(bacon.name, "bacon");
    assert_eq!(bacon.url, "https://dystroy.org/bacon");
    assert_eq!(bacon.suggested_by.as_deref(), Some("Denys Séguret"));
    assert!(bacon.self_suggested);
    assert_eq!(bacon.line, 66);

    let serde = pick_of(issues, "2015-09-07", 0);
    assert_eq!(serde.name, "Serde");
    assert_eq!(serde.url, "https://github.com/serde-rs/serde");
    assert_eq!(serde.suggested_by.as_deref(), Some("bstrie"));
    assert_eq!(
        serde.suggested_by_url.as_deref(),
        Some("https://users.rust-lang.org/users/bstrie")
    );

    let alias = pick_of(issues, "2015-11-02", 0);
    assert_eq!(
        (alias.name.as_str(), alias.suggested_by.as_deref()),
        ("alias", Some("notriddle"))
    );

    let bins = pick_of(issues, "2016-06-27", 0);
    assert_eq!(bins.name, "bins");
    assert_eq!(bins.suggested_by.as_deref(), Some("jkcclemens"));
    assert!(bins.self_suggested);

    let array_tool = pick_of(issues, "2017-06-06", 0);
    assert_eq!(array_tool.name, "array_tool");
    assert_eq!(array_tool.url, "https://crates.io/crates/array_tool");
    assert_eq!(
        array_tool.description.as_deref(),
        Some("a crate with some nice extra functionality for Vecs and Strings")
    );
    assert_eq!(array_tool.suggested_by.as_deref(), Some("danielpclark"));
    assert_eq!(
        array_tool.suggested_by_url.as_deref(),
        Some("https://users.rust-lang.org/u/danielpclark")
    );

    let spotify = pick_of(issues, "2019-10-15", 2);
    assert_eq!(spotify.name, "spotify-tui");
    assert_eq!(spotify.suggested_by.as_deref(), Some("Vikrant"));

    let gitoxide = pick_of(issues, "2020-09-16", 0);
    assert_eq!(gitoxide.name, "gitoxide");
    assert_eq!(gitoxide.suggested_by.as_deref(), Some("Vlad Frolov"));

    let frb = pick_of(issues, "2021-10-13", 0);
    assert_eq!(frb.name, "flutter_rust_bridge");
    assert_eq!(frb.url, "https://github.com/fzyzcjy/flutter_rust_bridge");
    assert_eq!(frb.suggested_by.as_deref(), Some("fzyzcjy"));
    assert!(!frb.self_suggested);

    let aimdb = pick_of(issues, "2026-04-08", 0);
    assert_eq!(aimdb.name, "aimdb-core");
    assert_eq!(aimdb.suggested_by.as_deref(), Some("sounds.like.lx"));
    assert!(aimdb.self_suggested);
}
