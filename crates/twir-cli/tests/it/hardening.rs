//! Files built to break the build step: each one compiles with a warning, or is refused with
//! an error naming its file and line, and the other issues of the archive still compile.
//! These tests assert outcomes; `twir bench-pathological` measures how long the same files
//! take.

use crate::support::{stderr, stdout, twir};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// The front matter of weekly issue `n`.
fn front_matter(n: u32) -> String {
    format!("Title: This Week in Rust {n}\nNumber: {n}\nDate: 2020-01-01\nCategory: This Week in Rust\n\n")
}

/// A good issue that every archive below holds next to its bad file.
fn write_good_issue(dir: &Path) {
    fs::write(
        dir.join("2015-10-12-good.md"),
        front_matter(100) + "Hello and welcome.\n",
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

/// An archive of the good issue and `bad.md`, issue #7 with `body`.
fn archive_with(body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_good_issue(dir.path());
    fs::write(dir.path().join("bad.md"), front_matter(7) + body).unwrap();
    dir
}

/// Bundles an archive made by [`archive_with`]: both issues compile, `twir check` prints
/// the warning `expected` for `bad.md`, and the rendered body of #7 is returned.
fn compiles_with_warning(body: &str, expected: &str) -> String {
    let dir = archive_with(body);
    let (out, bundle_dir) = bundle(dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("compiled 2 issues (#7–#100)"),
        "{}",
        stdout(&out)
    );
    let check = twir(&["check", dir.path().to_str().unwrap()]);
    let err = stderr(&check);
    assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    assert!(
        err.contains("checked 2 files: 0 errors, 1 warnings"),
        "{err}"
    );
    let body_file = fs::read_dir(bundle_dir.path().join("issues"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("7."))
        .expect("the body of #7 is in the bundle");
    fs::read_to_string(body_file).unwrap()
}

const MARKDOWN_CUT: &str = "bad.md:6: block quotes, lists or emphasis are nested more than 32 deep here; nest them less deeply; the deeper part is shown as plain text";
const HTML_CUT: &str = "bad.md:6: raw HTML is nested more than 32 elements deep here; close the elements, or nest them less deeply; the deeper tags are shown as text";

#[test]
fn block_quotes_100000_deep_compile_with_a_warning_and_the_rest_as_text() {
    let body = compiles_with_warning(&format!("{} deep\n", ">".repeat(100_000)), MARKDOWN_CUT);
    assert!(body.matches("<blockquote>").count() <= 32, "{body:.300}");
    assert!(body.contains("&gt;&gt;&gt;&gt; deep"), "{body:.300}");
}

#[test]
fn lists_100000_deep_compile_with_a_warning() {
    for marker in ["- ", "1. "] {
        let body =
            compiles_with_warning(&format!("{}deep\n", marker.repeat(100_000)), MARKDOWN_CUT);
        assert!(body.matches("<li>").count() <= 16, "{body:.300}");
        assert!(
            body.contains(&format!("{marker}{marker}deep")),
            "{body:.300}"
        );
    }
}

#[test]
fn raw_html_100000_deep_compiles_with_a_warning_and_the_deeper_tags_as_text() {
    for tag in ["div", "span", "b"] {
        let body = compiles_with_warning(&format!("<{tag}>").repeat(100_000), HTML_CUT);
        assert!(
            body.matches(&format!("<{tag}>")).count() <= 32,
            "{body:.300}"
        );
        assert!(
            body.contains(&format!("&lt;{tag}&gt;&lt;{tag}&gt;")),
            "{body:.300}"
        );
    }
}

#[test]
fn forty_thousand_equal_headings_compile_with_unique_ids() {
    let dir = archive_with(&"# a\n\n".repeat(40_000));
    let (out, bundle_dir) = bundle(dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("compiled 2 issues (#7–#100)"));
    let body_file = fs::read_dir(bundle_dir.path().join("issues"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("7."))
        .unwrap();
    let body: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(body_file).unwrap()).unwrap();
    let ids: std::collections::HashSet<&str> = body["toc"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 40_000);
}

/// Runs `twir` and fails the test if it has not finished within a minute (a walk that
/// loops would otherwise hang the test run).
#[cfg(unix)]
fn twir_finishing(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_twir"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("twir runs");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("twir {args:?} did not finish");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn symbolic_links_are_skipped_with_a_note_and_never_followed() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("2020-01-01-outside.md"),
        front_matter(200) + "Outside the archive.\n",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    write_good_issue(p);
    fs::create_dir(p.join("sub")).unwrap();
    // A loop of folder links, a loop of two links, a link to the folder itself.
    symlink(p, p.join("sub/root")).unwrap();
    symlink(p.join("b.md"), p.join("a.md")).unwrap();
    symlink(p.join("a.md"), p.join("b.md")).unwrap();
    symlink(".", p.join("self")).unwrap();
    // Links to a file and a folder outside the archive.
    symlink(
        outside.path().join("2020-01-01-outside.md"),
        p.join("outside.md"),
    )
    .unwrap();
    symlink(outside.path(), p.join("outside-folder")).unwrap();
    // A link to an issue of the archive.
    symlink(p.join("2015-10-12-good.md"), p.join("sub/inside.md")).unwrap();

    let check = twir_finishing(&["check", p.to_str().unwrap()]);
    let err = stderr(&check);
    assert!(check.status.success(), "{err}");
    assert!(
        err.contains("checked 1 files: 0 errors, 0 warnings, 7 skipped"),
        "{err}"
    );
    let root = p.to_str().unwrap();
    for (name, reason) in [
        ("a.md", "a symbolic link that leads nowhere (its target is missing, or the links form a loop)"),
        ("b.md", "a symbolic link that leads nowhere"),
        ("self", "a symbolic link within the archive folder: links are not followed, and its target is read under its own name"),
        ("sub/root", "a symbolic link within the archive folder"),
        ("sub/inside.md", "a symbolic link within the archive folder"),
        ("outside.md", "a symbolic link to outside the archive folder: not compiled; copy the file into the folder if it belongs to the archive"),
        ("outside-folder", "a symbolic link to outside the archive folder"),
    ] {
        let line = format!("twir: skipped {root}/{name}: {reason}");
        assert!(err.contains(&line), "missing {line:?} in:\n{err}");
    }

    let (out, _bundle) = bundle(p);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("compiled 1 issues (#100–#100)"),
        "the issue outside (#200) is not compiled, and the linked one only once: {}",
        stdout(&out)
    );
}

/// Every literal `id="…"` in the app's sources and pages.
fn app_element_ids() -> Vec<String> {
    fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path
                .extension()
                .is_some_and(|e| e == "rs" || e == "html" || e == "js")
            {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = vec![
        root.join("index.html"),
        root.join("crates/twir-site/src/shell/mod.rs"),
    ];
    walk(&root.join("src"), &mut files);
    walk(&root.join("public"), &mut files);
    let mut ids = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap_or_default();
        for part in text.split("id=\"").skip(1) {
            let part = part.strip_prefix("\\\"").unwrap_or(part);
            if let Some(end) = part.find(['"', '\\']) {
                ids.push(part[..end].to_string());
            }
        }
    }
    ids
}

#[test]
fn body_heading_ids_never_take_an_id_of_the_app() {
    let prefix = twir_site::render::HEADING_ID_PREFIX;
    let ids = app_element_ids();
    for expected in ["main", "search-box", "prerender", "reader-title"] {
        assert!(ids.iter().any(|id| id == expected), "{expected} in {ids:?}");
    }
    for id in &ids {
        assert!(
            !id.starts_with(prefix),
            "the app's id {id} starts with {prefix}"
        );
    }
    let headings: String = ids.iter().map(|id| format!("## {id}\n\n")).collect();
    let rendered = twir_site::render::render_body(&headings);
    assert_eq!(rendered.toc.len(), ids.len());
    for entry in &rendered.toc {
        assert!(entry.id.starts_with(prefix), "{entry:?}");
        assert!(!ids.contains(&entry.id), "{entry:?}");
    }
}

/// What each file of `twir bench-pathological` must become.
#[derive(Debug)]
enum Expected {
    /// Compiled with this one warning on this line.
    Warning(usize, &'static str),
    /// Compiled with this many warnings, none about nesting.
    Warnings(usize),
    /// Refused with an error on this line, starting so.
    Refused(usize, &'static str),
}

#[test]
fn every_pathological_file_of_the_benchmark_compiles_or_is_refused_and_the_rest_compiles() {
    use twir_cli::archive::Archive;
    const MARKDOWN: &str = "block quotes, lists or emphasis are nested more than 32 deep here";
    const HTML: &str = "raw HTML is nested more than 32 elements deep here";
    const TAGS: &str =
        "raw HTML has more than 4096 start tags in this file; the tags from here on are left out";
    let cases = twir_site::pathological::cases();
    assert!(cases.len() >= 12);
    for (name, text) in cases {
        let expected = match name {
            // One `<p>x</p>` a line from line 6: the first tag left out is the `</p>` of line
            // 6 + 4095.
            "a 1 MB HTML block of <p> tags" => Expected::Warning(6 + 4095, TAGS),
            n if n.ends_with(" tags") => Expected::Warning(6, TAGS),
            n if n.starts_with("raw HTML") || n.starts_with("inline HTML") => {
                Expected::Warning(6, HTML)
            }
            n if n.contains("deep") => Expected::Warning(6, MARKDOWN),
            "40,000 headings" => Expected::Warnings(40_000),
            n if n.contains("front-matter keys") || n.starts_with("a 1 MB line") => {
                Expected::Warnings(0)
            }
            "Number: 4294967295" => {
                Expected::Refused(2, "`Number: 4294967295` is not an issue number")
            }
            other => panic!("no expected outcome for the case {other:?}"),
        };
        let dir = tempfile::tempdir().unwrap();
        write_good_issue(dir.path());
        fs::write(dir.path().join("case.md"), &text).unwrap();
        let archive = Archive::load_with(dir.path(), true, &mut |_, _| {}).unwrap();
        let good = archive
            .compiled
            .iter()
            .find(|c| c.path == "2015-10-12-good.md")
            .unwrap_or_else(|| panic!("{name}: the good issue compiles"));
        assert!(good.rendered_body.is_some());
        let case = archive.compiled.iter().find(|c| c.path == "case.md");
        match (expected, case, archive.errors.as_slice()) {
            (Expected::Warning(line, message), Some(case), []) => {
                let warnings: Vec<_> = case
                    .warnings()
                    .iter()
                    .map(|w| (w.line, &*w.message))
                    .collect();
                assert_eq!(warnings, [(line, message)], "{name}");
                assert!(case.rendered_body.is_some(), "{name}");
            }
            (Expected::Warnings(count), Some(case), []) => {
                assert_eq!(case.warnings().len(), count, "{name}");
                assert!(
                    !case.warnings().iter().any(|w| w.message.contains("nested")),
                    "{name}"
                );
                assert!(case.rendered_body.is_some(), "{name}");
            }
            (Expected::Refused(line, message), None, [error]) => {
                assert_eq!(
                    (error.path.as_str(), error.line),
                    ("case.md", line),
                    "{name}"
                );
                assert!(error.message.starts_with(message), "{name}: {error}");
            }
            (expected, case, errors) => panic!(
                "{name}: expected {expected:?}, got {:?} and errors {errors:?}",
                case.map(|c| c.warnings())
            ),
        }
    }
}
