//! The project updates parser on the full real archive.
//!
//! The figures below were established independently of the parser, with a line-based Python
//! scan of the files (HTML comments blanked, fenced code skipped; bullet-start lines with at
//! most one space of indentation counted under the innermost heading that names a kind;
//! "No … this week" bullets skipped; `[…Who's Hiring…](…)` lines counted as jobs):
//!
//! | kind | scan | parser | why they differ |
//! |---|---|---|---|
//! | pull requests | 25378 | 25378 | |
//! | approved RFCs | 577 | 577 | |
//! | final comment period | 3869 | 3869 | |
//! | new RFCs | 1777 | 1777 | |
//! | calls for testing | 34 | 33 | the scan counts 2025-07-30's `- _No calls for testing were issued this week…_` bullet, a none-note written with underscores |
//! | calls for participation | 2401 | 2401 | |
//! | calls for speakers | 145 | 145 | |
//! | jobs | 1499 | 1499 | |
//! | other items | 2042 | 2044 | the two `Training opportunities` paragraphs (2017-01-24, 2017-01-31) are not bullets |
//!
//! The merged-PR sentence is found by a plain text search written here, independent of the
//! parser's word scan.

use crate::support;
use std::collections::{BTreeMap, BTreeSet};
use twir_archive::model::UpdateKind;
use twir_archive::parse::updates::{self, UpdateSection};
use twir_archive::taxonomy::Role;

struct Issue {
    file: String,
    text: String,
    number: Option<u32>,
    result: UpdateSection,
}

/// The archive, parsed once for all tests (`None` without the full archive).
fn archive() -> Option<&'static [Issue]> {
    let files = support::archive_files()?;
    static ISSUES: std::sync::OnceLock<Vec<Issue>> = std::sync::OnceLock::new();
    Some(ISSUES.get_or_init(|| parse_archive(files)))
}

fn parse_archive(files: &[support::ArchiveFile]) -> Vec<Issue> {
    let mut issues = Vec::new();
    let wanted = |r| {
        matches!(
            r,
            Some(
                Role::ProjectUpdates
                    | Role::CallsForTesting
                    | Role::CallForParticipation
                    | Role::Jobs
            )
        )
    };
    support::for_each_file_sections(files, wanted, |f, file, ctx, sections| {
        let mut result = UpdateSection::default();
        for s in sections {
            let r = updates::parse(s, ctx);
            assert!(
                result.merged_prs.is_none() || r.merged_prs.is_none(),
                "{}: two merged-PR counts",
                f.name
            );
            result.merged_prs = result.merged_prs.or(r.merged_prs);
            result.updates.extend(r.updates);
            result.other_items.extend(r.other_items);
            result.diagnostics.extend(r.diagnostics);
        }
        issues.push(Issue {
            file: f.name.clone(),
            text: blank_comments(&f.text),
            number: file.meta.number,
            result,
        });
    });
    assert_eq!(issues.len(), 667, "the archive holds 667 files");
    issues
}

fn blank_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        let (comment, tail) = match rest[start..].find("-->") {
            Some(end) => (&rest[start..start + end + 3], &rest[start + end + 3..]),
            None => (&rest[start..], ""),
        };
        // Keep the comment's line breaks, so that line numbers stay those of the file.
        out.extend(comment.chars().filter(|&c| c == '\n'));
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// The count of the merged-PR sentence, by a plain search: markdown link syntax removed,
/// white space folded, then `<digits>[(!)] (pull requests|PRs) [were] [only] merged`.
fn sentence_count(text: &str) -> Option<u32> {
    // Drop `](url)` and `][ref]` link tails and the brackets, fold white space.
    let mut plain = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ']' && matches!(chars.peek(), Some('(') | Some('[')) {
            let close = if chars.next() == Some('(') { ')' } else { ']' };
            for d in chars.by_ref() {
                if d == close {
                    break;
                }
            }
        } else if c != '[' && c != ']' {
            plain.push(c);
        }
    }
    let plain = plain
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    for phrase in [" pull requests ", " prs "] {
        for (at, _) in plain.match_indices(phrase) {
            let after = &plain[at + phrase.len()..];
            let after = after.strip_prefix("were ").unwrap_or(after);
            let after = after.strip_prefix("only ").unwrap_or(after);
            if !after.starts_with("merged") {
                continue;
            }
            let before = plain[..at].trim_end_matches("(!)").trim_end();
            let digits: String = before
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if !digits.is_empty() {
                return digits.parse().ok();
            }
        }
    }
    None
}

#[test]
fn full_archive_updates() {
    let Some(issues) = archive() else { return };

    // Merged-PR counts: every issue with the sentence has the count, and the same count.
    let with_sentence: BTreeMap<&str, u32> = issues
        .iter()
        .filter_map(|i| sentence_count(&i.text).map(|n| (i.file.as_str(), n)))
        .collect();
    assert_eq!(with_sentence.len(), 659, "issues with a merged-PR sentence");
    let missing: Vec<_> = issues
        .iter()
        .filter(|i| with_sentence.contains_key(i.file.as_str()) && i.result.merged_prs.is_none())
        .map(|i| i.file.as_str())
        .collect();
    assert!(missing.is_empty(), "sentence but no count: {missing:?}");
    let wrong: Vec<_> = issues
        .iter()
        .filter_map(|i| {
            let found = i.result.merged_prs?;
            let expected = with_sentence.get(i.file.as_str()).copied();
            (expected != Some(found)).then_some((i.file.as_str(), expected, found))
        })
        .collect();
    assert!(wrong.is_empty(), "counts differ from the scan: {wrong:?}");

    // Per-kind totals (see the table at the top for how they were established).
    let mut totals: BTreeMap<UpdateKind, usize> = BTreeMap::new();
    for u in issues.iter().flat_map(|i| &i.result.updates) {
        *totals.entry(u.kind).or_default() += 1;
    }
    let expected = [
        (UpdateKind::PullRequest, 25378),
        (UpdateKind::ApprovedRfc, 577),
        (UpdateKind::FinalCommentPeriod, 3869),
        (UpdateKind::NewRfc, 1777),
        (UpdateKind::CallForTesting, 33),
        (UpdateKind::CallForParticipation, 2401),
        (UpdateKind::CallForSpeakers, 145),
        (UpdateKind::Job, 1499),
    ];
    assert_eq!(totals, expected.into_iter().collect::<BTreeMap<_, _>>());
    let others: usize = issues.iter().map(|i| i.result.other_items.len()).sum();
    assert_eq!(others, 2044);

    // Dispositions, against a scan of `[disposition: …]` bullet prefixes outside comments:
    // merge 2231, close 182, postpone 109; the other 13 are unspecified forms (none) or the
    // three typos reported below.
    let mut dispositions: BTreeMap<&str, usize> = BTreeMap::new();
    for u in issues.iter().flat_map(|i| &i.result.updates) {
        if let Some(d) = &u.disposition {
            *dispositions.entry(d.as_str()).or_default() += 1;
        }
    }
    assert_eq!(
        dispositions,
        [("close", 182), ("merge", 2231), ("postpone", 109)]
            .into_iter()
            .collect()
    );

    // Diagnostics: exactly these, each a thing a maintainer can fix in the markdown.
    let diagnostics: BTreeSet<(&str, usize, &str)> = issues
        .iter()
        .flat_map(|i| {
            i.result.diagnostics.iter().map(move |d| {
                let kind = if d.message.contains("disposition") {
                    "disposition"
                } else if d.message.contains("not a heading") {
                    "heading"
                } else {
                    "link"
                };
                (i.file.as_str(), d.line, kind)
            })
        })
        .collect();
    let expected: BTreeSet<(&str, usize, &str)> = [
        ("2018-03-06-this-week-in-rust.md", 124, "disposition"), // closed
        ("2020-05-12-this-week-in-rust.md", 133, "disposition"), // clone
        ("2021-10-06-this-week-in-rust.md", 133, "link"),        // `cases](…)` on its own line
        ("2022-01-19-this-week-in-rust.md", 200, "link"),        // U+0002 in the URL
        ("2022-07-13-this-week-in-rust.md", 211, "disposition"), // merge?
        ("2025-10-01-this-week-in-rust.md", 94, "heading"),      // `[Rust](…)`
        ("2025-10-22-this-week-in-rust.md", 103, "heading"),     // `[Cargo](…)`
    ]
    .into_iter()
    .collect();
    assert_eq!(diagnostics, expected);
}

fn issue(issues: &[Issue], number: u32) -> &Issue {
    issues
        .iter()
        .find(|i| i.number == Some(number))
        .unwrap_or_else(|| panic!("#{number} is in the archive"))
}

#[test]
fn spot_checks_per_era() {
    let Some(issues) = archive() else { return };
    let find = |n: u32, kind: UpdateKind, title: &str| {
        issue(issues, n)
            .result
            .updates
            .iter()
            .find(|u| u.kind == kind && u.title == title)
            .cloned()
            .unwrap_or_else(|| panic!("#{n}: no {kind:?} titled {title:?}"))
    };

    // #665 (2026-08-19): 613 merged PRs, FCP items under `##### [Rust]`, per-area PRs.
    let i665 = issue(issues, 665);
    assert_eq!(i665.result.merged_prs, Some(613));
    let rust_fcp = i665
        .result
        .updates
        .iter()
        .filter(|u| u.kind == UpdateKind::FinalCommentPeriod && u.group.as_deref() == Some("Rust"))
        .count();
    assert_eq!(rust_fcp, 11, "`##### [Rust]` of #665 lists 11 items");
    let u = find(
        665,
        UpdateKind::FinalCommentPeriod,
        "Always escape grapheme extenders in str::escape_debug",
    );
    assert_eq!(u.group.as_deref(), Some("Rust"));
    assert_eq!(u.line, 235);
    let u = find(665, UpdateKind::PullRequest, "add core::num::Complex");
    assert_eq!(u.group.as_deref(), Some("Library"));
    assert_eq!(
        u.url.as_deref(),
        Some("https://github.com/rust-lang/rust/pull/158885")
    );
    assert_eq!(
        find(665, UpdateKind::Job, "Who's Hiring thread on r/rust").line,
        issue(issues, 665)
            .text
            .lines()
            .position(|l| l.contains("Who's Hiring thread"))
            .map_or(0, |p| p + 1)
    );

    // Era D (#238, 2018-06-12): an FCP item with its disposition.
    let u = find(
        238,
        UpdateKind::FinalCommentPeriod,
        "Exhaustive integer matching",
    );
    assert_eq!(u.disposition.as_deref(), Some("merge"));
    assert_eq!(u.group.as_deref(), Some("Tracking Issues & PRs"));
    assert_eq!(
        u.url.as_deref(),
        Some("https://github.com/rust-lang/rust/pull/50912")
    );

    // Era C (#88, 2015-07-20): an approved RFC under `# Approved RFCs`.
    let u = find(
        88,
        UpdateKind::ApprovedRfc,
        "RFC for creation of IntoRaw{Fd, Socket, Handle} trait to complement AsRaw*",
    );
    assert_eq!(
        u.url.as_deref(),
        Some("https://github.com/rust-lang/rfcs/pull/1174")
    );

    // 2025 (#589, 2025-03-05): a per-area PR, and the FCP `Other Areas` group.
    let i589 = issue(issues, 589);
    let areas: BTreeSet<_> = i589
        .result
        .updates
        .iter()
        .filter(|u| u.kind == UpdateKind::PullRequest)
        .filter_map(|u| u.group.as_deref())
        .collect();
    assert_eq!(
        areas,
        [
            "Cargo",
            "Clippy",
            "Compiler",
            "Library",
            "Rust-Analyzer",
            "Rustdoc",
            "Rustfmt"
        ]
        .into_iter()
        .collect()
    );

    // Era A (#26, 2013-12-09): `52 PRs were merged this week`, and a breaking change.
    let i26 = issue(issues, 26);
    assert_eq!(i26.result.merged_prs, Some(52));
    let u = find(
        26,
        UpdateKind::PullRequest,
        "The JIT support has been removed, due to lack of maintenance and upstream changes (this came with the LLVM upgrade).",
    );
    assert_eq!(u.group.as_deref(), Some("Breaking Changes"));
}
