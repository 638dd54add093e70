//! No input makes the parser panic: real issues of every era cut at many points, shuffled
//! lines, and deliberately hostile text. An error is fine; a panic is not.

use crate::support::archive_files;
use std::panic::catch_unwind;
use twir_archive::parse::parse_issue;

/// A small deterministic pseudo-random sequence (no dependency, same cases every run).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

fn must_not_panic(label: &str, text: &str) {
    if catch_unwind(|| {
        let _ = parse_issue(text);
    })
    .is_err()
    {
        panic!("parse_issue panicked on {label}");
    }
}

#[test]
fn real_issues_cut_anywhere_do_not_panic() {
    let Some(files) = archive_files() else {
        return;
    };
    let mut rng = Lcg(7);
    // Every 17th file: all eras are covered.
    for file in files.iter().step_by(17) {
        let (path, text) = (&file.name, &file.text);
        for _ in 0..60 {
            let mut cut = rng.next(text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            must_not_panic(&format!("{} cut at {cut}", path), &text[..cut]);
            // The front matter kept, the body cut from the other side.
            let from = text.find("\n\n").unwrap_or(0);
            let mut start = from + rng.next(text.len() - from);
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let spliced = format!("{}{}", &text[..from + 1], &text[start..]);
            must_not_panic(&format!("{} spliced at {start}", path), &spliced);
        }
    }
}

#[test]
fn real_issues_with_shuffled_lines_do_not_panic() {
    let Some(files) = archive_files() else {
        return;
    };
    let mut rng = Lcg(11);
    for file in files.iter().step_by(23) {
        let (path, text) = (&file.name, &file.text);
        let mut lines: Vec<&str> = text.lines().collect();
        let head = lines.iter().position(|l| l.is_empty()).unwrap_or(0) + 1;
        for i in (head..lines.len()).rev() {
            let j = head + rng.next(i - head + 1);
            lines.swap(i, j);
        }
        must_not_panic(&format!("{} shuffled", path), &lines.join("\n"));
    }
}

#[test]
fn hostile_text_does_not_panic() {
    let front = "Title: This Week in Rust 999\nNumber: 999\nDate: 2026-01-01\nCategory: This Week in Rust\n\n";
    let bodies = [
        "<!-- never closed",
        "## Updates from Rust Community\n### Official\n* [](\n* [[[[[[x](y)](z)\n* [ ](  )\n",
        "## Crate of the Week\nThis week's crate is [](). Thanks to [](x) for the suggestion!\n",
        "# Quote of the Week\n>\n> >\n–\n– [ on ]()\n",
        "## Upcoming Events\n### Europe\n* 9999-99-99 | | [](x)\n    * [****]()\n* 2024-02-30 |\n# 2025-13-01 |\n",
        "## Updates from the Rust Project\n9999999999999999999999 pull requests were [merged in the last week][merged]\n#### Tracking Issues & PRs\n##### [Rust]\n* [disposition: ] [x]\n",
        "* é\u{301}\u{200d}\u{feff}[ü](ü)\u{0}\n\t\t* [x](y)\n| a | b |\n|---|\n| é | [x](y) |\n",
        "[a]:\n[b]:\n[a]: x\n* [a] [b][a] [c][]\n",
        &"#".repeat(300),
        &"* [".repeat(2000),
        &"> ".repeat(500),
        &"    * x\n".repeat(300),
    ];
    for (i, body) in bodies.iter().enumerate() {
        must_not_panic(&format!("hostile body {i}"), &format!("{front}{body}"));
    }
    let mut rng = Lcg(3);
    let alphabet: Vec<char> = "#*[]()<>!-–—|`_\\ \n\téü🦀0123456789:;.,~"
        .chars()
        .collect();
    for i in 0..300 {
        let len = rng.next(400);
        let body: String = (0..len)
            .map(|_| alphabet[rng.next(alphabet.len())])
            .collect();
        must_not_panic(&format!("random body {i}"), &format!("{front}{body}"));
    }
}
