//! What the `twir` integration tests share: the archives (found by `twir-testdata`), and the
//! full archive compiled once for the whole test binary.
//!
//! A test that needs the full archive asks for it first (`archive`, `archive_dir` or
//! `has_full_archive`) and returns when there is none: the call has written the one line
//! saying so. Its helpers then use `loaded` and `dir`.

use std::path::Path;
use std::process::{Command, Output};
use std::sync::OnceLock;
use twir_cli::archive::Archive;

pub use twir_testdata::{full_archive, project_root, sample_dir};

/// The full archive's folder; `None`, after one line saying the test is skipped, without it.
pub fn archive_dir() -> Option<&'static Path> {
    full_archive()
}

/// Whether the full archive is there; without it, after one line saying the test is skipped,
/// `false`.
pub fn has_full_archive() -> bool {
    full_archive().is_some()
}

/// The full archive, compiled once for all the tests of the binary; `None`, after one line
/// saying the test is skipped, without it.
pub fn archive() -> Option<&'static Archive> {
    let dir = full_archive()?;
    static ARCHIVE: OnceLock<Archive> = OnceLock::new();
    Some(ARCHIVE.get_or_init(|| Archive::load(dir).expect("the full archive loads")))
}

/// The full archive's folder, in a test that has checked it is there.
pub fn dir() -> &'static Path {
    match twir_testdata::locate_full_archive() {
        Ok(dir) => dir,
        Err(why) => panic!("the test did not check for the full archive first: {why}"),
    }
}

/// The full archive compiled, in a test that has checked it is there.
pub fn loaded() -> &'static Archive {
    archive().expect("the test checked for the full archive first")
}

/// The `twir` binary of this build, run with `args`.
pub fn twir(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_twir"))
        .args(args)
        .output()
        .expect("twir runs")
}

/// What a run printed on standard output.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What a run printed on standard error.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
