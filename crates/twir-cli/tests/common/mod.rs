//! What the `twir` integration tests share: the real archive, found once and compiled once
//! per test binary.

#![allow(dead_code)] // each test binary uses its own part

use std::path::PathBuf;
use std::sync::OnceLock;
use twir_cli::archive::Archive;

/// The project's root folder.
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The real archive, `../shared/twir-archive/content`.
pub fn archive_dir() -> PathBuf {
    let dir = project_root().join("../shared/twir-archive/content");
    assert!(
        dir.is_dir(),
        "the real archive is expected at {}",
        dir.display()
    );
    dir
}

/// The real archive, compiled once for all the tests of a binary.
pub fn archive() -> &'static Archive {
    static ARCHIVE: OnceLock<Archive> = OnceLock::new();
    ARCHIVE.get_or_init(|| Archive::load(&archive_dir()).expect("the real archive loads"))
}
