//! `scripts/fetch-archive` and `scripts/full-archive`, run as a user runs them, against a
//! local git repository in a temporary folder (`TWIR_ARCHIVE_REPO`) instead of GitHub, and
//! with copies of the scripts placed where `../shared` does not resolve.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use twir_testdata::project_root;

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

/// A repository shaped like this-week-in-rust: `content/` and other folders. Returns it and
/// its first commit, which is not its last: `content/` gained a file after it.
fn upstream(dir: &Path) -> (PathBuf, String) {
    let repo = dir.join("upstream");
    fs::create_dir_all(repo.join("content")).unwrap();
    fs::create_dir_all(repo.join("themes")).unwrap();
    fs::write(
        repo.join("content/2013-06-07-this-week-in-rust.md"),
        "one\n",
    )
    .unwrap();
    fs::write(
        repo.join("content/2026-08-19-this-week-in-rust.md"),
        "two\n",
    )
    .unwrap();
    fs::write(repo.join("themes/page.html"), "<html>\n").unwrap();
    git(&repo, &["init", "-q"]);
    // Serve partial clones and any commit, as GitHub does.
    git(&repo, &["config", "uploadpack.allowFilter", "true"]);
    git(&repo, &["config", "uploadpack.allowAnySHA1InWant", "true"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-qm", "first"]);
    let first = git(&repo, &["rev-parse", "HEAD"]);
    fs::write(
        repo.join("content/2026-08-26-this-week-in-rust.md"),
        "three\n",
    )
    .unwrap();
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-qm", "second"]);
    (repo, first)
}

/// Runs a script of the repository (or of `root`) with `env` set and the variables the
/// scripts read otherwise removed.
fn run(root: &Path, script: &str, env: &[(&str, &Path)], commit: &str) -> Output {
    let mut command = Command::new("bash");
    command
        .arg(root.join("scripts").join(script))
        .env_remove("TWIR_FULL_ARCHIVE")
        .env_remove("TWIR_ARCHIVE_REPO")
        .env_remove("TWIR_ARCHIVE_CACHE")
        .env("TWIR_ARCHIVE_COMMIT", commit);
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the script runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn fetch_archive_clones_only_content_at_the_pinned_commit_once_then_full_archive_finds_it() {
    let work = tempfile::tempdir().unwrap();
    let (repo, first) = upstream(work.path());
    let url = format!("file://{}", repo.display());
    let cache = work.path().join("cache");
    let env = [
        ("TWIR_ARCHIVE_REPO", Path::new(&url)),
        ("TWIR_ARCHIVE_CACHE", cache.as_path()),
    ];

    let out = run(&project_root(), "fetch-archive", &env, &first);
    assert!(out.status.success(), "{}", stderr(&out));
    let fetched = cache.join(format!("this-week-in-rust-{first}/content"));
    assert_eq!(stdout(&out), fetched.to_str().unwrap());
    // content/ at the pinned commit: its two files, not the later third, nothing else.
    assert_eq!(
        names(&fetched),
        [
            "2013-06-07-this-week-in-rust.md",
            "2026-08-19-this-week-in-rust.md"
        ]
    );
    assert_eq!(
        fs::read_to_string(fetched.join("2026-08-19-this-week-in-rust.md")).unwrap(),
        "two\n"
    );
    assert_eq!(names(&cache), [format!("this-week-in-rust-{first}")]);

    // A second run finds the copy and fetches nothing: the upstream is gone.
    fs::rename(&repo, work.path().join("gone")).unwrap();
    let again = run(&project_root(), "fetch-archive", &env, &first);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(stdout(&again), fetched.to_str().unwrap());

    // The scripts, in a clone with no ../shared beside it: the fetched copy is found.
    let plain = work.path().join("plain/clone");
    fs::create_dir_all(plain.join("scripts")).unwrap();
    for script in ["full-archive", "archive-pin.sh"] {
        fs::copy(
            project_root().join("scripts").join(script),
            plain.join("scripts").join(script),
        )
        .unwrap();
    }
    let cache_only = [("TWIR_ARCHIVE_CACHE", cache.as_path())];
    let found = run(&plain, "full-archive", &cache_only, &first);
    assert!(found.status.success(), "{}", stderr(&found));
    assert_eq!(stdout(&found), fetched.to_str().unwrap());

    // ../shared/twir-archive/content comes before the fetched copy...
    let shared = work.path().join("plain/shared/twir-archive/content");
    fs::create_dir_all(&shared).unwrap();
    let found = run(&plain, "full-archive", &cache_only, &first);
    assert_eq!(stdout(&found), shared.to_str().unwrap());
    // ... and TWIR_FULL_ARCHIVE before both.
    let own = work.path().join("own");
    fs::create_dir_all(&own).unwrap();
    let with_own = [
        ("TWIR_ARCHIVE_CACHE", cache.as_path()),
        ("TWIR_FULL_ARCHIVE", own.as_path()),
    ];
    let found = run(&plain, "full-archive", &with_own, &first);
    assert_eq!(stdout(&found), own.to_str().unwrap());
    // A TWIR_FULL_ARCHIVE that does not exist is not replaced by another archive.
    let missing = work.path().join("missing");
    let with_missing = [
        ("TWIR_ARCHIVE_CACHE", cache.as_path()),
        ("TWIR_FULL_ARCHIVE", missing.as_path()),
    ];
    let none = run(&plain, "full-archive", &with_missing, &first);
    assert!(!none.status.success());
    assert_eq!(stdout(&none), "");
    assert!(
        stderr(&none).contains(&format!(
            "no full archive at TWIR_FULL_ARCHIVE={}",
            missing.display()
        )),
        "{}",
        stderr(&none)
    );
}

#[test]
fn without_any_archive_full_archive_says_in_one_line_how_to_get_one() {
    let work = tempfile::tempdir().unwrap();
    let plain = work.path().join("plain/clone");
    fs::create_dir_all(plain.join("scripts")).unwrap();
    for script in ["full-archive", "archive-pin.sh"] {
        fs::copy(
            project_root().join("scripts").join(script),
            plain.join("scripts").join(script),
        )
        .unwrap();
    }
    let cache = work.path().join("cache");
    let out = run(
        &plain,
        "full-archive",
        &[("TWIR_ARCHIVE_CACHE", cache.as_path())],
        "d592478f2b2fe16fd2767ff2fdd692cf858f9059",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out), "");
    let message = stderr(&out);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.contains("run scripts/fetch-archive") && message.contains("TWIR_FULL_ARCHIVE"),
        "{message}"
    );
}

#[test]
fn a_commit_the_repository_lacks_fails_and_leaves_no_archive_to_find() {
    let work = tempfile::tempdir().unwrap();
    let (repo, _) = upstream(work.path());
    let url = format!("file://{}", repo.display());
    let cache = work.path().join("cache");
    let env = [
        ("TWIR_ARCHIVE_REPO", Path::new(&url)),
        ("TWIR_ARCHIVE_CACHE", cache.as_path()),
    ];
    let absent = "0123456789abcdef0123456789abcdef01234567";
    let out = run(&project_root(), "fetch-archive", &env, absent);
    assert!(!out.status.success(), "{}", stdout(&out));
    assert!(
        !cache.join(format!("this-week-in-rust-{absent}")).exists(),
        "{:?}",
        names(&cache)
    );
    // Only the empty cache folder is left: the work folder is removed.
    assert_eq!(names(&cache), Vec::<String>::new());
}
