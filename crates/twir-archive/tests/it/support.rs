//! What the integration tests share: the archives (found by `twir-testdata`), the full
//! archive's files read once, and their sections as the pipeline cuts them (front matter,
//! comments blanked, outline).

use std::fs;
use std::path::Path;
use std::sync::OnceLock;
use twir_archive::markdown::blank_html_comments;
use twir_archive::parse::Context;
use twir_archive::sections::{Outline, Section};
use twir_archive::taxonomy::Role;
use twir_archive::ParsedFile;

pub use twir_testdata::{full_archive, sample_dir};

/// One file of the archive.
pub struct ArchiveFile {
    pub name: String,
    pub text: String,
}

/// Every file of the full archive, by name, read once for the whole test binary; `None`
/// (after one line saying the test is skipped) when there is no full archive.
pub fn archive_files() -> Option<&'static [ArchiveFile]> {
    let dir = full_archive()?;
    static FILES: OnceLock<Vec<ArchiveFile>> = OnceLock::new();
    Some(FILES.get_or_init(|| read_files(dir)))
}

fn read_files(dir: &Path) -> Vec<ArchiveFile> {
    let mut names: Vec<String> = fs::read_dir(dir)
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

/// For each of `files`, in name order: its front matter, its context, and the
/// top-level sections whose role `wanted` accepts, cut as `parse_issue` cuts them.
pub fn for_each_file_sections(
    files: &[ArchiveFile],
    wanted: impl Fn(Option<Role>) -> bool,
    mut f: impl FnMut(&ArchiveFile, &ParsedFile<'_>, &Context, &[&Section<'_>]),
) {
    for file in files {
        let parsed = twir_archive::parse_file(&file.text).expect("front matter parses");
        let body = blank_html_comments(parsed.body);
        let outline = Outline::parse(&body, parsed.body_line);
        let (sections, _) = outline.sections();
        let ctx = Context {
            date: parsed.meta.date,
            number: parsed.meta.number,
        };
        let chosen: Vec<&Section<'_>> = sections.iter().filter(|s| wanted(s.role)).collect();
        f(file, &parsed, &ctx, &chosen);
    }
}

/// The text of one file of the full archive (`2024-10-16-this-week-in-rust.md`), or `None`
/// when there is no full archive.
pub fn full_archive_file(name: &str) -> Option<&'static str> {
    let files = archive_files()?;
    let file = files
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no {name} in the full archive"));
    Some(&file.text)
}
