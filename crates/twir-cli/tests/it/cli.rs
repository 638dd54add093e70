//! The `twir` binary as a maintainer runs it: on the real archive, on the built-in sample,
//! and on a folder of deliberately broken files.

use crate::support::{archive_dir, sample_dir, stderr, stdout, twir};
use std::fs;
use std::path::Path;

#[test]
fn show_665_prints_its_record_as_pretty_json() {
    let Some(dir) = archive_dir() else {
        return;
    };
    let out = twir(&["show", dir.to_str().unwrap(), "--issue", "665"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["number"], 665);
    assert_eq!(v["date"], "2026-08-19");
    assert_eq!(v["title"], "This Week in Rust 665");
    assert!(stdout(&out).contains("\n  \"date\""), "pretty-printed");
    assert_eq!(v["merged_prs"], 613);
    assert_eq!(v["crates"][0]["name"], "tokio_with_wasm");
    assert_eq!(v["quotes"][0]["author"], "Clar Fon");
    assert_eq!(v["links"][0]["category"], "Official");
    assert_eq!(
        v["links"].as_array().unwrap().len(),
        17,
        "1+1+3+8+2+1+1 under the seven headings"
    );
    let event = &v["events"][0];
    assert_eq!(
        (
            &event["date"],
            &event["location"],
            &event["group"],
            &event["region"]
        ),
        (
            &serde_json::json!("2026-08-19"),
            &serde_json::json!("Hybrid (Vancouver, CA)"),
            &serde_json::json!("Vancouver Rust"),
            &serde_json::json!("Virtual")
        )
    );
}

#[test]
fn show_of_a_missing_issue_says_what_the_archive_has() {
    let Some(dir) = archive_dir() else {
        return;
    };
    let out = twir(&["show", dir.to_str().unwrap(), "--issue", "28"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no issue #28"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("664 issues, #1 to #665"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_sample_archive_compiles_its_five_txt_issues() {
    let out_dir = tempfile::tempdir().unwrap();
    let archive = sample_dir();
    let out = twir(&[
        "bundle",
        archive.to_str().unwrap(),
        "--out",
        out_dir.path().to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("compiled 5 issues (#520–#576)"),
        "{}",
        stdout(&out)
    );
    let manifest = fs::read(out_dir.path().join("manifest.json")).unwrap();
    let manifest = twir_archive::bundle::Manifest::from_json(&manifest).unwrap();
    let index_file = &manifest.files["index"];
    let index = fs::read(out_dir.path().join(&index_file.path)).unwrap();
    let index = twir_archive::bundle::Index::from_json(&index).unwrap();
    assert_eq!(index.issues.number, [520, 532, 569, 572, 576]);
}

#[test]
fn bundling_twice_gives_byte_identical_files_and_removes_stale_ones() {
    let archive = sample_dir();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    fs::write(b.path().join("index.00000000deadbeef.json"), "{}").unwrap();
    fs::create_dir(b.path().join("issues")).unwrap();
    fs::write(b.path().join("issues/520.0000000000.md"), "stale").unwrap();
    fs::write(b.path().join("keep-me.txt"), "not ours").unwrap();
    for d in [&a, &b] {
        let o = twir(&[
            "bundle",
            archive.to_str().unwrap(),
            "--out",
            d.path().to_str().unwrap(),
        ]);
        assert!(o.status.success());
    }
    let mut expected = listing(a.path());
    assert!(
        expected.iter().any(|n| n.starts_with("issues/520.")),
        "{expected:?}"
    );
    expected.push("keep-me.txt".into());
    expected.sort();
    assert_eq!(listing(b.path()), expected);
    for name in listing(a.path()) {
        assert_eq!(
            fs::read(a.path().join(&name)).unwrap(),
            fs::read(b.path().join(&name)).unwrap(),
            "{name}"
        );
    }
}

/// Every file below `dir`, as sorted `/`-separated relative paths.
fn listing(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push(
                    p.strip_prefix(root)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, dir, &mut v);
    v.sort();
    v
}

/// A folder with one good issue and one of each kind of bad file.
fn broken_archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let good = "Title: This Week in Rust 100\nNumber: 100\nDate: 2015-10-12\nCategory: This Week in Rust\n\nHello\n";
    fs::write(p.join("2015-10-12-good.md"), good).unwrap();
    fs::write(p.join("2015-10-13-duplicate.md"), good).unwrap();
    fs::write(p.join("empty.md"), "").unwrap();
    fs::write(p.join("binary.md"), b"Title: x\n\0\0\x01\x02").unwrap();
    fs::write(
        p.join("latin1.md"),
        b"Title: This Week in Rust 5\nDate: 2013-07-06\n\nCaf\xe9\n",
    )
    .unwrap();
    fs::write(
        p.join("no-front-matter.md"),
        "# This Week in Rust\n\nJust text.\n",
    )
    .unwrap();
    fs::write(p.join("bad-date.md"), "Title: This Week in Rust 101\nNumber: 101\nDate: 2015-19-40\nCategory: This Week in Rust\n\nx").unwrap();
    fs::write(p.join("bad-number.md"), "Title: This Week in Rust 102\nNumber: 10two\nDate: 2015-10-26\nCategory: This Week in Rust\n\nx").unwrap();
    fs::write(p.join("huge.md"), vec![b'a'; 5 * 1024 * 1024]).unwrap();
    fs::create_dir(p.join("pages")).unwrap();
    fs::write(p.join("pages/about.md"), "Title: About\n\nabout").unwrap();
    fs::write(p.join("logo.png"), b"\x89PNG\r\n").unwrap();
    fs::write(p.join("state-of-rust-0-11-0.rst"), ":date: 2014-07-07\n").unwrap();
    dir
}

#[test]
fn each_bad_file_gets_one_clear_error_and_the_good_issue_still_compiles() {
    let archive = broken_archive();
    let out_dir = tempfile::tempdir().unwrap();
    let root = archive.path().to_str().unwrap();
    let out = twir(&["bundle", root, "--out", out_dir.path().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "errors do not stop the bundle: {}",
        stderr(&out)
    );
    assert!(
        stdout(&out).contains("compiled 1 issues (#100–#100)"),
        "{}",
        stdout(&out)
    );
    let err = stderr(&out);
    for expected in [
        "2015-10-13-duplicate.md:1: issue #100 is already compiled from 2015-10-12-good.md; remove one",
        "empty.md:1: the file is empty; ",
        "binary.md:2: the file holds binary data (a NUL byte), not text; ",
        "latin1.md:4: the text is not valid UTF-8 (byte 48); save the file as UTF-8",
        "no-front-matter.md:1: no front matter; an issue starts with `Title: This Week in Rust N`",
        "bad-date.md:3: `Date:` `2015-19-40` names a day that does not exist; write the date as YYYY-MM-DD",
        "bad-number.md:2: `Number: 10two` is not a whole number; ",
        "huge.md:1: the file is 5120 KiB, larger than an issue can be",
        "skipped ",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    for skipped in [
        "pages/about.md: a static page",
        "logo.png: an image",
        "state-of-rust-0-11-0.rst: a reStructuredText post",
    ] {
        assert!(err.contains(skipped), "missing {skipped:?} in:\n{err}");
    }
    assert_eq!(
        err.lines().filter(|l| !l.starts_with("twir:")).count(),
        8,
        "one line per bad file:\n{err}"
    );

    let strict = twir(&[
        "bundle",
        root,
        "--out",
        out_dir.path().to_str().unwrap(),
        "--strict",
    ]);
    assert_eq!(strict.status.code(), Some(1));
    let check = twir(&["check", root]);
    assert_eq!(check.status.code(), Some(1), "check fails on errors");
}

#[test]
fn check_of_the_real_archive_reports_604s_blank_line_and_strict_fails_on_it() {
    let Some(dir) = archive_dir() else {
        return;
    };
    let out = twir(&["check", dir.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "2025-06-18-this-week-in-rust.md:4: blank line inside the front matter; remove it"
        ),
        "{}",
        stderr(&out)
    );
    let strict = twir(&["check", dir.to_str().unwrap(), "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    // Every heading of the archive is mapped by the taxonomy table.
    assert!(
        !stderr(&out).contains("is not one the parser knows"),
        "{}",
        stderr(&out)
    );
    // Every diagnostic has the form `file:line: what is wrong; what to do`.
    for line in stderr(&out).lines().filter(|l| !l.starts_with("twir:")) {
        let mut parts = line.splitn(3, ':');
        let (file, number, rest) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        assert!(
            file.ends_with(".md") || file.ends_with(".markdown"),
            "{line}"
        );
        assert!(number.parse::<usize>().is_ok(), "{line}");
        assert!(rest.contains("; "), "{line}");
    }
}

#[test]
fn a_missing_archive_folder_is_an_error_naming_it() {
    let out = twir(&["bundle", "/nonexistent/archive", "--out", "/tmp/unused"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read the archive folder /nonexistent/archive"),
        "{}",
        stderr(&out)
    );
}
