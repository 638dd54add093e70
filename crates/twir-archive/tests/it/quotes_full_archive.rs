//! Quote of the Week over the whole real archive (the full archive). The
//! expectations come from a plain scan of the files (python over the headings and `>` lines,
//! then reading every section without a `>` line), independent of the parser.

use crate::support;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use twir_archive::model::Quote;
use twir_archive::parse::quotes::{parse, QuoteSection};
use twir_archive::taxonomy::Role;

/// Every quote section of the archive, by file name (one per file), parsed once.
/// `None` without the full archive.
fn quote_sections() -> Option<&'static BTreeMap<String, QuoteSection>> {
    let files = support::archive_files()?;
    static ALL: OnceLock<BTreeMap<String, QuoteSection>> = OnceLock::new();
    Some(ALL.get_or_init(|| scan(files)))
}

fn scan(files: &[support::ArchiveFile]) -> BTreeMap<String, QuoteSection> {
    let mut out = BTreeMap::new();
    let wanted = |r| matches!(r, Some(Role::QuoteOfTheWeek | Role::CrateAndQuote));
    support::for_each_file_sections(files, wanted, |f, _, ctx, sections| {
        for s in sections {
            let previous = out.insert(f.name.clone(), parse(s, ctx));
            assert!(previous.is_none(), "{}: two quote sections", f.name);
        }
    });
    out
}

/// The quotes of the issue whose file name starts with `date`.
fn quotes_on<'a>(all: &'a BTreeMap<String, QuoteSection>, date: &str) -> &'a [Quote] {
    let (_, s) = all
        .iter()
        .find(|(name, _)| name.starts_with(date))
        .unwrap_or_else(|| panic!("no quote section on {date}"));
    &s.quotes
}

#[test]
fn the_archive_has_591_quote_sections_539_with_a_quote_and_52_without() {
    let Some(all) = quote_sections() else { return };
    assert_eq!(all.len(), 591);
    let with = all.values().filter(|s| !s.quotes.is_empty()).count();
    assert_eq!(with, 539);
    assert_eq!(all.len() - with, 52);
}

#[test]
fn sixteen_issues_have_two_quotes_and_none_has_more() {
    let Some(all) = quote_sections() else { return };
    let two: Vec<&str> = all
        .iter()
        .filter(|(_, s)| s.quotes.len() == 2)
        .map(|(name, _)| name.get(..10).unwrap())
        .collect();
    assert_eq!(
        two,
        vec![
            "2014-01-11",
            "2014-01-18",
            "2015-05-18",
            "2015-06-08",
            "2019-02-05",
            "2019-02-12",
            "2019-03-05",
            "2019-06-25",
            "2019-11-19",
            "2019-12-17",
            "2020-02-11",
            "2020-07-14",
            "2020-11-18",
            "2021-02-03",
            "2021-09-29",
            "2025-10-15",
        ]
    );
    assert!(all.values().all(|s| s.quotes.len() <= 2));
}

#[test]
fn every_quote_has_text_and_no_attribution_or_closing_left_in_it() {
    let Some(all) = quote_sections() else { return };
    for (name, s) in all {
        for q in &s.quotes {
            assert!(!q.text.trim().is_empty(), "{name}:{}", q.line);
            let last = q.text.lines().last().unwrap_or("").trim_start();
            assert!(
                !(last.starts_with("– [") || last.starts_with("— [")),
                "{name}:{}: attribution left in the text: {last}",
                q.line
            );
            assert!(!q.text.contains("This Week in Rust is edited by"), "{name}");
        }
    }
}

#[test]
fn the_only_warnings_are_five_quotes_without_attribution() {
    let Some(all) = quote_sections() else { return };
    let mut warnings: Vec<(String, usize)> = Vec::new();
    for (name, s) in all {
        for d in &s.diagnostics {
            assert!(
                d.message.contains("no attribution"),
                "{name}: {}",
                d.message
            );
            warnings.push((name.get(..10).unwrap().to_string(), d.line));
        }
    }
    let expected: Vec<(String, usize)> = [
        ("2015-03-23", 155), // an IRC log in a code block, only thanked for
        ("2015-09-14", 127), // an IRC log in a blockquote after `On #rust IRC`
        ("2015-10-26", 134), // Crate & Quote: three `>` paragraphs, no attribution
        ("2016-06-27", 160), // an IRC log in a blockquote, only thanked for
        ("2017-05-30", 173), // the same
    ]
    .iter()
    .map(|&(d, l)| (d.to_string(), l))
    .collect();
    assert_eq!(warnings, expected);
}

#[test]
fn quote_of_2024_11_20_has_an_empty_url() {
    let Some(all) = quote_sections() else { return };
    let q = &quotes_on(all, "2024-11-20")[0];
    assert_eq!(q.author.as_deref(), Some("Simon Buchan"));
    assert_eq!(q.source.as_deref(), Some("rust-users"));
    assert_eq!(q.url, None);
    assert_eq!(q.suggested_by.as_deref(), Some("binarycat"));
    assert!(q.text.starts_with("The whole point of Rust"));
}

#[test]
fn quote_of_2024_10_30_loses_its_lazily_continued_attribution_line() {
    let Some(all) = quote_sections() else { return };
    let q = &quotes_on(all, "2024-10-30")[0];
    assert_eq!(q.author.as_deref(), Some("Sean Baxter"));
    assert_eq!(q.source.as_deref(), Some("circle-lang.org"));
    assert_eq!(
        q.url.as_deref(),
        Some("https://www.circle-lang.org/draft-profiles.html#carcinization")
    );
    assert_eq!(q.suggested_by.as_deref(), Some("Collin Richards"));
    assert!(q.text.ends_with("crab-like features."), "{}", q.text);
}

#[test]
fn spot_checks_across_eras() {
    let Some(all) = quote_sections() else { return };
    let who = |date: &str, i: usize| {
        let q = &quotes_on(all, date)[i];
        (
            q.author.clone(),
            q.source.clone(),
            q.url.clone(),
            q.suggested_by.clone(),
        )
    };
    let s = |v: &str| Some(v.to_string());
    // 2014: plain text, em dash, no link.
    assert_eq!(who("2014-01-18", 1), (s("eddyb"), None, None, None));
    // 2015: inline `*"…"* — [author](url) at [source](url)`.
    assert_eq!(
        who("2015-08-17", 0),
        (
            s("barosl"),
            s("reddit"),
            s("https://www.reddit.com/r/rust/comments/3fq3o2/embed_c_directly_inside_your_rust_code/ctqzi26"),
            s("nasa42")
        )
    );
    // 2016: a bare link line, plain-text thanks.
    assert_eq!(
        who("2016-01-04", 0),
        (
            s("jimb"),
            s("rust-internals"),
            s("https://internals.rust-lang.org/t/thoughts-on-rust-stdlib-and-c-interfacing/3036/14"),
            s("llogiq")
        )
    );
    // 2019: `– /u/bkv on [/r/rust](url)`.
    assert_eq!(who("2019-02-05", 0).0, s("/u/bkv"));
    assert_eq!(who("2019-02-05", 0).1, s("/r/rust"));
    // 2020: a hyphen attribution, which markdown reads as a list.
    assert_eq!(who("2020-08-04", 0).0, s("Mathias Lafeldt"));
    // 2025: a plain-text author, then a linked one.
    assert_eq!(who("2025-10-15", 0).0, s("Tim McNamara"));
    assert_eq!(who("2025-10-15", 1).1, s("LinkedIn"));
    // HTML quote bodies.
    assert!(quotes_on(all, "2016-12-13")[0].text.starts_with("<img "));
    assert!(quotes_on(all, "2017-06-20")[0]
        .text
        .starts_with("<pre>impl"));
    assert_eq!(who("2017-06-20", 0).0, s("@horse_rust"));
    // The limerick week has no quote.
    assert!(quotes_on(all, "2021-08-10").is_empty());
}
