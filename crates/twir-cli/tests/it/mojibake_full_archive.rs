//! The whole real archive garbled as the seeds were (every file's UTF-8 bytes read as
//! Windows-1252 or as Mac Roman, and saved again as UTF-8) compiles to the very bundle of the
//! clean archive: every file `twir bundle` writes (data, issue bodies, the first screen, the
//! feeds) is byte-identical. This covers what the clean archive holds beside plain accents:
//! decomposed accents (`Kåre` as `a` + U+030A, in 4 files), Zalgo text (one file), a literal
//! U+FFFD (one file), emoji with variation selectors.
//!
//! The archive is the full archive, wherever `scripts/full-archive` finds it.

use crate::support;
use encoding_rs::{Encoding, MACINTOSH, WINDOWS_1252};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::ExitCode;

/// Every file below `dir`, by path relative to it, with its bytes.
fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// `bytes` read as `encoding` (WHATWG's decoder: Windows-1252's five undefined bytes become
/// the C1 controls of the same value) and saved as UTF-8.
fn garble(bytes: &[u8], encoding: &'static Encoding) -> Vec<u8> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    assert!(!had_errors, "{} maps every byte", encoding.name());
    text.into_owned().into_bytes()
}

/// Writes `files` into `dir`, garbled as `encoding` when one is given.
fn write_archive(
    dir: &Path,
    files: &BTreeMap<String, Vec<u8>>,
    encoding: Option<&'static Encoding>,
) {
    for (name, bytes) in files {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let bytes = encoding.map_or_else(|| bytes.clone(), |e| garble(bytes, e));
        fs::write(path, bytes).unwrap();
    }
}

/// Everything `twir bundle --prerender --site-url` writes for the archive in `archive`.
fn compile(archive: &Path, work: &Path) -> BTreeMap<String, Vec<u8>> {
    let out = work.join("out");
    let page = work.join("index.html");
    fs::copy(support::project_root().join("index.html"), &page).unwrap();
    let code = twir_cli::commands::bundle(
        archive,
        &out.join("data"),
        true,
        Some(&page),
        Some("https://example.org/twir/"),
        Some(&out.join("feeds")),
    )
    .unwrap();
    assert_eq!(
        code,
        ExitCode::SUCCESS,
        "{} compiles strictly",
        archive.display()
    );
    fs::rename(&page, out.join("index.html")).unwrap();
    read_tree(&out)
}

/// The names of the files that differ (or are only in one of the two bundles).
fn differing(clean: &BTreeMap<String, Vec<u8>>, other: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut names: Vec<String> = clean
        .iter()
        .filter(|(name, bytes)| other.get(*name) != Some(*bytes))
        .map(|(name, _)| name.clone())
        .collect();
    names.extend(other.keys().filter(|n| !clean.contains_key(*n)).cloned());
    names
}

#[test]
fn the_full_archive_read_as_windows_1252_or_mac_roman_compiles_to_the_clean_bundle() {
    let Some(source) = support::archive_dir() else {
        return;
    };
    let files = read_tree(source);
    assert!(files.len() >= 667, "the full archive has its 667 files");

    // What the garbling must survive, counted in the clean files: 5 files with combining
    // marks (4 decomposed accents, 1 Zalgo line), 1 with a literal U+FFFD.
    let texts: Vec<&str> = files
        .values()
        .map(|b| std::str::from_utf8(b).unwrap())
        .collect();
    let with_marks = texts
        .iter()
        .filter(|t| t.chars().any(|c| ('\u{300}'..='\u{36F}').contains(&c)))
        .count();
    let with_replacement = texts.iter().filter(|t| t.contains('\u{FFFD}')).count();
    assert_eq!((with_marks, with_replacement), (5, 1));

    let work = tempfile::tempdir().unwrap();
    let clean_dir = work.path().join("clean");
    write_archive(&clean_dir.join("archive"), &files, None);
    let clean = compile(&clean_dir.join("archive"), &clean_dir);
    assert!(clean.keys().any(|n| n.starts_with("data/issues/")));
    assert!(clean.keys().any(|n| n.starts_with("feeds/")));

    for encoding in [WINDOWS_1252, MACINTOSH] {
        let dir = work.path().join(encoding.name());
        let archive = dir.join("archive");
        write_archive(&archive, &files, Some(encoding));
        // The garbling changed every file that is not pure ASCII.
        let garbled = read_tree(&archive);
        let changed = files.iter().filter(|(n, b)| garbled[*n] != **b).count();
        assert_eq!(changed, texts.iter().filter(|t| !t.is_ascii()).count());

        let bundle = compile(&archive, &dir);
        assert_eq!(
            differing(&clean, &bundle),
            Vec::<String>::new(),
            "the archive read as {} compiles to a different bundle",
            encoding.name()
        );
        assert_eq!(bundle.len(), clean.len());
    }
}
