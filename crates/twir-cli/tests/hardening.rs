//! Files built to break the build step: each one compiles with a warning, or is refused with
//! an error naming its file and line, and the other issues of the archive still compile.
//! These tests assert outcomes; `twir bench-pathological` measures how long the same files
//! take.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn twir(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twir"))
        .args(args)
        .output()
        .expect("twir runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The front matter of weekly issue `n`.
fn front_matter(n: u32) -> String {
    format!("Title: This Week in Rust {n}\nNumber: {n}\nDate: 2020-01-01\nCategory: This Week in Rust\n\n")
}

/// A good issue that every archive below holds next to its bad file.
fn write_good_issue(dir: &Path) {
    fs::write(
        dir.join("2015-10-12-good.md"),
        front_matter(100) + "## Quote of the Week\n\n> Good.\n",
    )
    .unwrap();
}

/// `twir bundle --strict` of `dir` into a fresh folder.
fn bundle(dir: &Path) -> (Output, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let o = twir(&[
        "bundle",
        dir.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
        "--strict",
    ]);
    (o, out)
}

#[test]
fn an_issue_number_outside_1_to_100000_is_refused_and_the_rest_compiles() {
    for number in ["4294967295", "665000000", "0"] {
        let dir = tempfile::tempdir().unwrap();
        write_good_issue(dir.path());
        fs::write(
            dir.path().join("typo.md"),
            format!("Title: This Week in Rust 665\nDate: 2026-08-19\nNumber: {number}\nCategory: This Week in Rust\n\nbody\n"),
        )
        .unwrap();
        let (out, _bundle) = bundle(dir.path());
        assert_eq!(out.status.code(), Some(1), "--strict fails on {number}");
        let err = stderr(&out);
        assert!(
            err.contains(&format!(
                "typo.md:3: `Number: {number}` is not an issue number: issues are numbered from 1 to 100000; "
            )),
            "{err}"
        );
        assert!(
            stdout(&out).contains("compiled 1 issues (#100–#100)"),
            "{}",
            stdout(&out)
        );
    }
}
