//! Where the integration tests of every crate find their archives.
//!
//! - The sample archive is the repository's own `archive/` (five issues as a user had them).
//! - The full archive is wherever `scripts/full-archive` says: `TWIR_FULL_ARCHIVE`, else
//!   `../shared/twir-archive/content`, else the copy `scripts/fetch-archive` keeps. The
//!   scripts, the end-to-end tests and these tests all ask that one script.
//!
//! Without a full archive, a test that needs it calls [`full_archive`], which writes one line
//! saying that the test was skipped and how to get the archive, and returns `None`: the test
//! returns and passes. With `TWIR_REQUIRE_FULL_ARCHIVE=1` (CI sets it) it panics instead.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The variable that turns a missing full archive from a skip into a failure.
pub const REQUIRE: &str = "TWIR_REQUIRE_FULL_ARCHIVE";

/// The repository's root folder.
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository's root")
}

/// The sample archive, `archive/`.
pub fn sample_dir() -> PathBuf {
    project_root().join("archive")
}

/// What `scripts/full-archive` answers, asked once per test binary: the folder, or why there
/// is none.
pub fn locate_full_archive() -> &'static Result<PathBuf, String> {
    static FOUND: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    FOUND.get_or_init(|| {
        let script = project_root().join("scripts/full-archive");
        let out = Command::new("bash")
            .arg(&script)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
        if out.status.success() {
            let dir = String::from_utf8(out.stdout).expect("a UTF-8 path");
            Ok(PathBuf::from(dir.trim_end_matches('\n')))
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    })
}

/// Whether a missing full archive fails the tests (`TWIR_REQUIRE_FULL_ARCHIVE=1`).
pub fn full_archive_required() -> bool {
    std::env::var_os(REQUIRE).is_some_and(|v| v == "1")
}

/// The full archive's folder, for a test that needs it. Without one, writes
/// `skipped <test>: <how to get it>` to stderr (past the test harness's capture, so that
/// `cargo test` shows it) and returns `None`, or panics when the archive is required.
pub fn full_archive() -> Option<&'static Path> {
    match locate_full_archive() {
        Ok(dir) => Some(dir),
        Err(why) if full_archive_required() => panic!("{REQUIRE}=1, and {why}"),
        Err(why) => {
            let thread = std::thread::current();
            let test = thread.name().unwrap_or("a test");
            // One write of the whole line, so that lines of tests on other threads do not mix.
            let line = format!("skipped {test}: {why}\n");
            let _ = std::io::stderr().write_all(line.as_bytes());
            None
        }
    }
}

/// What a run of some tests of this test binary, in a child process, shows when there is no
/// full archive: the tests are named exactly, `TWIR_FULL_ARCHIVE` names a folder that does not
/// exist, and `TWIR_REQUIRE_FULL_ARCHIVE` is `1` when `require` is set, else unset.
pub struct Rerun {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `tests` of the current test binary again without a full archive (see [`Rerun`]).
pub fn rerun_without_full_archive(tests: &[&str], require: bool) -> Rerun {
    let missing = std::env::temp_dir().join(format!("twir-no-archive-{}", std::process::id()));
    assert!(!missing.exists(), "{} exists", missing.display());
    let mut command = Command::new(std::env::current_exe().expect("the test binary"));
    command
        .args(tests)
        .args(["--exact", "--test-threads=2"])
        .env("TWIR_FULL_ARCHIVE", &missing)
        .env_remove(REQUIRE);
    if require {
        command.env(REQUIRE, "1");
    }
    let out = command.output().expect("the test binary runs again");
    Rerun {
        success: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Checks what [`rerun_without_full_archive`] shows for `tests`: without `require`, each test
/// passes after one line saying it was skipped and how to get the archive; with it, each fails.
pub fn assert_skips_or_fails_without_full_archive(tests: &[&str]) {
    let skipped = rerun_without_full_archive(tests, false);
    assert!(skipped.success, "{}\n{}", skipped.stdout, skipped.stderr);
    let n = tests.len();
    assert!(
        skipped
            .stdout
            .contains(&format!("test result: ok. {n} passed")),
        "{}",
        skipped.stdout
    );
    for test in tests {
        let lines: Vec<&str> = skipped
            .stderr
            .lines()
            .filter(|l| l.starts_with(&format!("skipped {test}: ")))
            .collect();
        assert_eq!(lines.len(), 1, "{test}:\n{}", skipped.stderr);
        assert!(
            lines[0].contains("no full archive at TWIR_FULL_ARCHIVE=")
                && lines[0].contains("scripts/fetch-archive"),
            "{}",
            lines[0]
        );
    }
    assert_eq!(
        skipped.stderr.lines().count(),
        n,
        "one line per test, nothing else:\n{}",
        skipped.stderr
    );

    let required = rerun_without_full_archive(tests, true);
    assert!(!required.success, "{}", required.stdout);
    assert!(
        required
            .stdout
            .contains(&format!("test result: FAILED. 0 passed; {n} failed")),
        "{}",
        required.stdout
    );
    assert!(
        required
            .stdout
            .contains("TWIR_REQUIRE_FULL_ARCHIVE=1, and no full archive at"),
        "{}",
        required.stdout
    );
}
