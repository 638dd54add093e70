//! Generated pathological archive files, for `twir bench-pathological` and the hardening
//! tests: each once stalled or crashed the build step, and each must now compile or be
//! refused within [`LIMIT`].

use std::time::Duration;

/// The most one pathological file may take to compile or be refused (median, `cli` profile).
pub const LIMIT: Duration = Duration::from_millis(200);

/// The generated pathological files: (name, file text). Each is a file that once stalled or
/// crashed the build step; twir-cli's `tests/it/hardening.rs` asserts what each compiles to.
pub fn cases() -> Vec<(&'static str, String)> {
    let front = |n: u32| {
        format!(
            "Title: This Week in Rust {n}\nNumber: {n}\nDate: 2020-01-01\nCategory: This Week in Rust\n\n"
        )
    };
    let keys = |count: usize| {
        let mut text = front(8).trim_end().to_string() + "\n";
        for i in 0..count {
            text.push_str(&format!("key{i}: value\n"));
        }
        text + "\nBody.\n"
    };
    let megabyte = 1 << 20;
    vec![
        ("block quotes 100,000 deep", front(1) + &">".repeat(100_000) + " x\n"),
        ("lists 100,000 deep", front(2) + &"- ".repeat(100_000) + "x\n"),
        ("ordered lists 100,000 deep", front(3) + &"1. ".repeat(100_000) + "x\n"),
        ("raw HTML 100,000 <div> deep", front(4) + &"<div>".repeat(100_000) + "x\n"),
        ("raw HTML 50,000 <div> deep", front(5) + &"<div>".repeat(50_000) + "x\n"),
        ("inline HTML 100,000 <span> deep", front(6) + "a " + &"<span>".repeat(100_000) + "x\n"),
        ("emphasis 100,000 deep", front(7) + &"*".repeat(100_000) + "x" + &"*".repeat(100_000) + "\n"),
        ("40,000 headings", front(9) + &"# a\n\n".repeat(40_000)),
        ("100,000 front-matter keys", keys(100_000)),
        ("200,000 front-matter keys", keys(200_000)),
        ("a 1 MB line of words", front(10) + &"word ".repeat(megabyte / 5) + "\n"),
        ("a 1 MB line of links", front(11) + &"[a](https://example.com/) ".repeat(megabyte / 26) + "\n"),
        ("a 1 MB line of <b> tags", front(12) + "a " + &"<b>x</b>".repeat(megabyte / 8) + "\n"),
        ("a 1 MB line of <br> tags", front(13) + "a " + &"<br>".repeat(megabyte / 4) + "\n"),
        ("a 1 MB HTML block of <p> tags", front(14) + &"<p>x</p>\n".repeat(megabyte / 9)),
        (
            "Number: 4294967295",
            "Title: This Week in Rust 13\nNumber: 4294967295\nDate: 2020-01-01\nCategory: This Week in Rust\n\nBody.\n".into(),
        ),
    ]
}
