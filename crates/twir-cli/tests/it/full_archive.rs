//! The whole real archive (the full archive): every weekly issue is found, with
//! the number and date its front matter gives. Expectations come from a plain scan of the
//! files, independent of the parser.

use crate::support::{archive, dir};
use std::collections::BTreeMap;
use std::fs;
use twir_archive::IssueKind;

/// `Key: value` of the first lines of a file, scanned without the parser.
fn scan_field(text: &str, key: &str) -> Option<String> {
    text.lines().take(8).find_map(|l| {
        l.strip_prefix(&format!("{key}: "))
            .map(|v| v.trim().to_string())
    })
}

#[test]
fn all_664_weekly_issues_compile_with_their_front_matter_dates() {
    let Some(archive) = archive() else {
        return;
    };
    assert!(archive.errors.is_empty(), "errors: {:#?}", archive.errors);
    assert!(archive.skipped.is_empty(), "skipped: {:?}", archive.skipped);

    let weekly: BTreeMap<u32, _> = archive
        .compiled
        .iter()
        .filter(|c| c.meta().kind == IssueKind::Weekly)
        .map(|c| (c.meta().number.unwrap(), c))
        .collect();
    let expected: Vec<u32> = (1..=665).filter(|&n| n != 28).collect();
    assert_eq!(weekly.keys().copied().collect::<Vec<_>>(), expected);
    assert_eq!(
        archive.compiled.len(),
        667,
        "664 issues and 3 State of Rust posts"
    );

    let mut differs_from_name = Vec::new();
    for (number, c) in &weekly {
        let text = fs::read_to_string(dir().join(&c.path)).unwrap();
        // The scanned Date:, zero-padded by hand: `2020-12-2` → 2020-12-02.
        let raw = scan_field(&text, "Date").unwrap();
        let ymd: Vec<u32> = raw
            .split_whitespace()
            .next()
            .unwrap()
            .split('-')
            .map(|p| p.parse().unwrap())
            .collect();
        let scanned = format!("{:04}-{:02}-{:02}", ymd[0], ymd[1], ymd[2]);
        assert_eq!(
            c.meta().date.to_string(),
            scanned,
            "#{number} in {}",
            c.path
        );
        if let Some(n) = scan_field(&text, "Number") {
            assert_eq!(n.parse::<u32>().unwrap(), *number, "{}", c.path);
        }
        let name_date: Vec<u32> = c
            .path
            .split('-')
            .take(3)
            .map(|p| p.parse().unwrap())
            .collect();
        if name_date != ymd {
            differs_from_name.push(*number);
        }
    }
    assert_eq!(differs_from_name, [40, 42, 45, 64, 82, 299, 346, 353, 354]);
}

#[test]
fn state_of_rust_posts_are_posts_not_duplicates_of_7_8_and_9() {
    let Some(archive) = archive() else {
        return;
    };
    let posts: Vec<_> = archive
        .compiled
        .iter()
        .filter(|c| c.meta().kind == IssueKind::Post)
        .map(|c| (c.meta().title.as_str(), c.meta().date.to_string()))
        .collect();
    assert_eq!(
        posts,
        [
            ("The State of Rust 0.7", "2013-07-05".to_string()),
            ("The State of Rust 0.8", "2013-10-06".to_string()),
            ("The State of Rust 0.9", "2014-01-12".to_string()),
        ]
    );
    for n in [7, 8, 9] {
        assert!(
            archive.issue(n).unwrap().meta().title.contains("Week"),
            "#{n}"
        );
    }
}

#[test]
fn the_blank_line_in_604s_front_matter_is_a_warning_not_a_loss() {
    let Some(archive) = archive() else {
        return;
    };
    let c = archive.issue(604).unwrap();
    assert_eq!(c.meta().kind, IssueKind::Weekly);
    assert_eq!(c.meta().date.to_string(), "2025-06-18");
    let blank: Vec<_> = c
        .warnings()
        .iter()
        .filter(|w| w.message.contains("blank line"))
        .collect();
    assert_eq!(blank.len(), 1);
    assert_eq!(blank[0].line, 4);
}
