//! The mojibake repair on the sample archive's copies (`archive/`) and on the whole real archive
//! (the full archive). Expectations come from the files themselves (line by
//! line comparison with the real issues, counts from a plain scan), not from the repair.

use crate::support::{archive_files, full_archive_file, sample_dir};
use std::borrow::Cow;
use std::collections::HashSet;
use std::fs;
use std::time::Instant;
use twir_archive::repair::{repair_mojibake, repair_mojibake_lines};

/// The seed whose file name starts with `prefix` (`000_…`).
fn seed(prefix: &str) -> String {
    let dir = sample_dir();
    let entry = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no seed {prefix}_* in {}", dir.display()));
    fs::read_to_string(entry).unwrap()
}

/// The issue of the full archive dated `date`, or `None` (the test is skipped) without it.
fn real(date: &str) -> Option<&'static str> {
    full_archive_file(&format!("{date}-this-week-in-rust.md"))
}

/// Strings typical of UTF-8 read as Windows-1252 (first line) or Mac Roman (second line);
/// none occurs anywhere in the real archive.
const MARKERS: &[&str] = &[
    "â€", "Ã", "Â", "ðŸ", "Ä™", "Ä…", "Å‚", "Å„", "\u{81}", "\u{8d}", "\u{8f}", "\u{90}", "\u{9d}",
    "√", "‚Ä", "¬†", "ƒ", "≈", "◊", "ü¶", "‚ù", "‚ú", "\u{f8ff}",
];

fn markers_in(text: &str) -> Vec<&'static str> {
    MARKERS
        .iter()
        .copied()
        .filter(|m| text.contains(m))
        .collect()
}

#[test]
fn seed_000_repaired_is_the_real_569_byte_for_byte() {
    let seed = seed("000");
    let Some(real) = real("2024-10-16") else {
        return;
    };
    assert!(
        !markers_in(&seed).is_empty(),
        "the seed should hold mojibake"
    );
    // The lines that differ, found by comparing the two files line by line.
    let differing: Vec<usize> = seed
        .split('\n')
        .zip(real.split('\n'))
        .enumerate()
        .filter(|(_, (s, r))| s != r)
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(differing.len(), 12);

    let (out, lines) = repair_mojibake_lines(&seed);
    assert!(out == real, "seed 000 repaired differs from #569");
    let repaired: Vec<usize> = lines.iter().map(|l| l.line).collect();
    assert_eq!(repaired, differing);
}

#[test]
fn seed_004_is_unchanged_and_is_the_real_520() {
    let seed = seed("004");
    let Some(real) = real("2023-11-08") else {
        return;
    };
    assert_eq!(seed, real);
    let (out, lines) = repair_mojibake_lines(&seed);
    assert!(matches!(out, Cow::Borrowed(_)));
    assert!(lines.is_empty());
}

/// Repairs a draft seed and compares it with the real issue: every marker is gone, and of
/// the non-empty lines, `in_real` are lines of the real file; of the repaired lines, all but
/// `exceptions` (text the draft had and the issue changed) are lines of the real file.
fn check_draft(prefix: &str, date: &str, repaired: usize, in_real: usize, exceptions: &[usize]) {
    let seed = seed(prefix);
    let Some(real) = real(date) else {
        return;
    };
    assert!(
        !markers_in(&seed).is_empty(),
        "seed {prefix} should hold mojibake"
    );
    assert!(markers_in(real).is_empty());

    let (out, lines) = repair_mojibake_lines(&seed);
    assert_eq!(markers_in(&out), Vec::<&str>::new(), "seed {prefix}");
    assert_eq!(lines.len(), repaired, "seed {prefix}: repaired lines");

    let real_lines: HashSet<&str> = real.split('\n').collect();
    let out_lines: Vec<&str> = out.split('\n').collect();
    let non_empty: Vec<&str> = out_lines
        .iter()
        .copied()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let matched = non_empty.iter().filter(|l| real_lines.contains(*l)).count();
    println!(
        "seed {prefix}: {matched}/{} non-empty lines are lines of {date}",
        non_empty.len()
    );
    assert_eq!(
        matched, in_real,
        "seed {prefix}: lines found in the real issue"
    );

    let missing: Vec<usize> = lines
        .iter()
        .map(|l| l.line)
        .filter(|&n| {
            let line = out_lines.get(n - 1).copied().unwrap_or_default();
            !real_lines.contains(line)
        })
        .collect();
    assert_eq!(
        missing, exceptions,
        "seed {prefix}: repaired lines not in the real issue"
    );
}

#[test]
fn seed_001_draft_of_576_read_as_mac_roman_matches_the_real_lines() {
    // Line 320: a 2024-11-28 Nürnberg event of the draft, not in the published #576.
    check_draft("001", "2024-12-04", 17, 338, &[320]);
}

#[test]
fn seed_002_draft_of_572_read_as_windows_1252_matches_the_real_lines() {
    // Lines 160-161: a 2024-10-31 Nürnberg event of the draft, not in the published #572.
    check_draft("002", "2024-11-06", 4, 154, &[160, 161]);
}

#[test]
fn seed_003_draft_of_532_read_as_mac_roman_matches_the_real_lines() {
    check_draft("003", "2024-01-31", 25, 311, &[]);
}

#[test]
fn all_667_real_files_come_out_byte_identical() {
    let Some(files) = archive_files() else {
        return;
    };
    let texts: Vec<(&str, &str)> = files
        .iter()
        .map(|f| (f.name.as_str(), f.text.as_str()))
        .collect();
    assert_eq!(texts.len(), 667);
    // From a plain scan: 604 files hold non-ASCII text, 51 of them a no-break space.
    assert_eq!(texts.iter().filter(|(_, t)| !t.is_ascii()).count(), 604);
    assert_eq!(
        texts.iter().filter(|(_, t)| t.contains('\u{a0}')).count(),
        51
    );

    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let started = Instant::now();
    for (path, text) in &texts {
        let (out, lines) = repair_mojibake_lines(text);
        assert!(
            matches!(out, Cow::Borrowed(_)) && lines.is_empty(),
            "{path} changed on lines {lines:?}"
        );
    }
    let elapsed = started.elapsed();
    println!(
        "repair of {} files, {bytes} bytes: {:.1} ms",
        texts.len(),
        elapsed.as_secs_f64() * 1000.0
    );
}

#[test]
fn repair_is_idempotent_on_the_seeds() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let once = repair_mojibake(&seed(prefix)).into_owned();
        assert!(
            matches!(repair_mojibake(&once), Cow::Borrowed(_)),
            "seed {prefix}"
        );
    }
}
