//! What the integration tests share: where the real archive is, its files, and its sections
//! as the pipeline cuts them (front matter, comments blanked, outline).

#![allow(dead_code)] // each test binary uses its own part

use std::fs;
use std::path::PathBuf;
use twir_archive::markdown::blank_html_comments;
use twir_archive::parse::Context;
use twir_archive::sections::{Outline, Section};
use twir_archive::taxonomy::Role;
use twir_archive::ParsedFile;

/// `../shared` beside the project.
pub fn shared_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// The real archive, `../shared/twir-archive/content`.
pub fn archive_dir() -> PathBuf {
    let dir = shared_dir().join("twir-archive/content");
    assert!(
        dir.is_dir(),
        "the real archive is expected at {}",
        dir.display()
    );
    dir
}

/// One file of the archive.
pub struct ArchiveFile {
    pub name: String,
    pub text: String,
}

/// Every file of the archive, by name.
pub fn archive_files() -> Vec<ArchiveFile> {
    let dir = archive_dir();
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = fs::read_to_string(dir.join(&name)).unwrap();
            ArchiveFile { name, text }
        })
        .collect()
}

/// For each file of the archive, in name order: its front matter, its context, and the
/// top-level sections whose role `wanted` accepts, cut as `parse_issue` cuts them.
pub fn for_each_file_sections(
    wanted: impl Fn(Option<Role>) -> bool,
    mut f: impl FnMut(&ArchiveFile, &ParsedFile<'_>, &Context, &[&Section<'_>]),
) {
    for file in archive_files() {
        let parsed = twir_archive::parse_file(&file.text).expect("front matter parses");
        let body = blank_html_comments(parsed.body);
        let outline = Outline::parse(&body, parsed.body_line);
        let (sections, _) = outline.sections();
        let ctx = Context {
            date: parsed.meta.date,
            number: parsed.meta.number,
        };
        let chosen: Vec<&Section<'_>> = sections.iter().filter(|s| wanted(s.role)).collect();
        f(&file, &parsed, &ctx, &chosen);
    }
}
