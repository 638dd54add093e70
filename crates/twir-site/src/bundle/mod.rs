//! The bundle as a typed value: its manifest and its files, built from parsed issues and
//! their body files, then written into a folder. The manifest is serialised once, when the
//! bundle is written or read as files, after every entry is in. Each file's type, checks,
//! decoder and encoder from parsed issues are its kind's module of `twir_archive::bundle`,
//! which the app shares; their format, field by field: `docs/bundle.md`.

mod records;
mod sizes;

pub use sizes::Sizes;

use anyhow::{Context, Result};
use serde::Serialize;
use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::path::Path;
use twir_archive::bundle::{FileEntry, Manifest, MANIFEST_FILE, SCHEMA_VERSION};
use twir_archive::parse::ParsedIssue;

/// How the issue bodies are written: their markdown (`md`), or rendered to sanitised HTML
/// with a table of contents (`json`, [`RenderedBody`](twir_archive::bundle::RenderedBody)),
/// which is what the app reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    Markdown,
    Html,
}

impl BodyFormat {
    /// The extension of its files, and the index's `body_format`.
    pub fn ext(self) -> &'static str {
        match self {
            BodyFormat::Markdown => "md",
            BodyFormat::Html => "json",
        }
    }
}

/// One body file: its bytes, and the hash its name carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub bytes: Vec<u8>,
    /// The first 10 hex digits of [`content_hash`].
    pub hash: String,
}

impl Body {
    pub fn new(bytes: Vec<u8>) -> Self {
        let hash = content_hash(&bytes)[..10].to_string();
        Body { bytes, hash }
    }

    /// A body in the given format, from the issue's markdown.
    pub fn of(format: BodyFormat, markdown: &str) -> Self {
        match format {
            BodyFormat::Markdown => Body::new(markdown.as_bytes().to_vec()),
            BodyFormat::Html => Body::new(crate::render::render_json(markdown)),
        }
    }
}

/// A file of the bundle other than the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// Relative to the manifest, with `/` separators.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The bundle: the manifest, and every other file (those it lists by key, and the files they
/// point to, such as the bodies).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bundle {
    pub manifest: Manifest,
    pub files: Vec<File>,
}

impl Default for Bundle {
    fn default() -> Self {
        Self::new()
    }
}

impl Bundle {
    /// A bundle with no files.
    pub fn new() -> Self {
        Bundle {
            manifest: Manifest {
                schema: SCHEMA_VERSION,
                files: Default::default(),
            },
            files: Vec::new(),
        }
    }

    /// The bundle of these issues (in any order), each with its body file in `format`.
    pub fn build<'a>(
        format: BodyFormat,
        issues: impl IntoIterator<Item = (&'a ParsedIssue, Body)>,
    ) -> Self {
        records::build(format, issues)
    }

    /// The bundle with markdown bodies: the same records, and fast to build (tests, search).
    pub fn markdown(parsed: &[&ParsedIssue]) -> Self {
        Self::with_bodies(BodyFormat::Markdown, parsed)
    }

    /// The bundle with each body rendered here, one after another.
    pub fn with_bodies(format: BodyFormat, parsed: &[&ParsedIssue]) -> Self {
        Self::build(
            format,
            parsed.iter().map(|p| (*p, Body::of(format, &p.body))),
        )
    }

    /// Adds a file that the manifest does not list (a body, a chunk another file names).
    pub fn add(&mut self, path: String, bytes: Vec<u8>) {
        self.files.push(File { path, bytes });
    }

    /// Adds a file under a key of the manifest, named `<key>.<hash>.json`; returns its path.
    pub fn add_keyed(&mut self, key: &str, bytes: Vec<u8>) -> &str {
        let path = hashed_name(key, &bytes);
        self.manifest.files.insert(
            key.to_string(),
            FileEntry {
                path: path.clone(),
                bytes: bytes.len() as u64,
            },
        );
        self.add(path, bytes);
        &self.files[self.files.len() - 1].path
    }

    /// The bytes of the file at `path` (not the manifest: see [`Bundle::manifest_json`]).
    pub fn file(&self, path: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|f| f.path == path)
            .map(|f| f.bytes.as_slice())
    }

    /// The bytes of the file the manifest lists under `key`.
    pub fn keyed(&self, key: &str) -> Option<&[u8]> {
        self.file(&self.manifest.files.get(key)?.path)
    }

    /// `manifest.json` as written.
    pub fn manifest_json(&self) -> Vec<u8> {
        serde_json::to_vec_pretty(&self.manifest).expect("the manifest serialises")
    }

    /// How many files it writes, the manifest included.
    pub fn len(&self) -> usize {
        self.files.len() + 1
    }

    /// Never: a bundle always has its manifest.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Every file as (path, bytes), the manifest first.
    pub fn to_files(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::with_capacity(self.len());
        out.push((MANIFEST_FILE.to_string(), self.manifest_json()));
        out.extend(self.files.iter().map(|f| (f.path.clone(), f.bytes.clone())));
        out
    }

    /// Writes every file into `out` (created if needed), and deletes the bundle files of an
    /// earlier run (`manifest.json`, `name.<hash>.json`, bodies in `issues/` and `posts/`)
    /// that this one does not write, so that a reused folder does not grow forever. Other
    /// files are left alone. Returns how many bytes it wrote.
    pub fn write_into(&self, out: &Path) -> Result<usize> {
        fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
        self.remove_stale(out)?;
        let dirs: BTreeSet<&str> = self
            .files
            .iter()
            .filter_map(|f| f.path.rsplit_once('/').map(|(dir, _)| dir))
            .collect();
        for dir in dirs {
            let dir = out.join(dir);
            fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let manifest = self.manifest_json();
        let all: Vec<(&str, &[u8])> = std::iter::once((MANIFEST_FILE, manifest.as_slice()))
            .chain(
                self.files
                    .iter()
                    .map(|f| (f.path.as_str(), f.bytes.as_slice())),
            )
            .collect();
        let write = |files: &[(&str, &[u8])]| -> Result<usize> {
            let mut written = 0;
            for (name, bytes) in files {
                let path = out.join(name);
                fs::write(&path, bytes)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                written += bytes.len();
            }
            Ok(written)
        };
        // Hundreds of files: creating them is the kernel's work, which two threads share.
        let (first, second) = all.split_at(all.len() / 2);
        std::thread::scope(|scope| {
            let other = std::thread::Builder::new().spawn_scoped(scope, || write(second));
            let written = write(first)?;
            let rest = match other {
                Ok(thread) => thread.join().expect("writing files does not panic")?,
                Err(_) => write(second)?,
            };
            Ok(written + rest)
        })
    }

    fn remove_stale(&self, out: &Path) -> Result<()> {
        let keep: HashSet<&str> = self.files.iter().map(|f| f.path.as_str()).collect();
        for (dir, is_ours) in [
            (
                "",
                (|n: &str| n == MANIFEST_FILE || is_hashed(n, ".json")) as fn(&str) -> bool,
            ),
            ("issues", |n: &str| {
                is_hashed(n, ".md") || is_hashed(n, ".json")
            }),
            ("posts", |n: &str| {
                is_hashed(n, ".md") || is_hashed(n, ".json")
            }),
        ] {
            let folder = out.join(dir);
            let Ok(entries) = fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries {
                let entry = entry?;
                let name = entry.file_name().to_string_lossy().into_owned();
                let rel = if dir.is_empty() {
                    name.clone()
                } else {
                    format!("{dir}/{name}")
                };
                if is_ours(&name) && name != MANIFEST_FILE && !keep.contains(rel.as_str()) {
                    fs::remove_file(entry.path()).with_context(|| {
                        format!("cannot remove the stale {}", entry.path().display())
                    })?;
                }
            }
        }
        Ok(())
    }
}

/// `name.<hex hash>.<ext>`, as the bundle names its files.
fn is_hashed(name: &str, ext: &str) -> bool {
    let Some(stem) = name.strip_suffix(ext) else {
        return false;
    };
    let Some((_, hash)) = stem.rsplit_once('.') else {
        return false;
    };
    (10..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `<stem>.<content hash>.json`.
pub fn hashed_name(stem: &str, bytes: &[u8]) -> String {
    format!("{stem}.{}.json", content_hash(bytes))
}

/// A short, stable hash of a file's content for its name (64-bit FNV-1a, in hex). Not
/// cryptographic: it only has to change when the content changes.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// A bundle file as JSON (all plain data, so serialising cannot fail).
pub(crate) fn json<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).expect("bundle types serialise")
}

#[cfg(test)]
mod tests {
    use super::*;
    use twir_archive::bundle::{
        issue_body_path, BundleError, Index, LinkColumns, INDEX_KEY, LINKS_KEY,
    };
    use twir_archive::parse::parse_issue;
    use twir_archive::taxonomy::Category;

    const ISSUE_2: &str = "Title: This Week in Rust 2\nDate: 2013-06-15\nCategory: This Week in Rust\n\n# Notable Links\n\n* [video] [A talk](https://example.com/talk)\n";
    const ISSUE_1: &str = "Title: This Week In Rust 1\nDate: 2013-06-07 18:46\nCategory: This Week in Rust\n\nHello <!-- hidden -->\n";
    const POST: &str = "Title: The State of Rust 0.7\nDate: 2013-07-05 09:51\nCategory: Rust\n\nGiven the influx\n";

    fn files() -> Bundle {
        let parsed: Vec<_> = [ISSUE_2, POST, ISSUE_1]
            .iter()
            .map(|t| parse_issue(t).unwrap())
            .collect();
        Bundle::markdown(&parsed.iter().collect::<Vec<_>>())
    }

    fn file<'a>(files: &'a Bundle, key: &str) -> &'a [u8] {
        files.keyed(key).unwrap()
    }

    #[test]
    fn the_bundle_round_trips_and_is_deterministic_whatever_the_input_order() {
        let files = files();
        let parsed: Vec<_> = [ISSUE_1, ISSUE_2, POST]
            .iter()
            .map(|t| parse_issue(t).unwrap())
            .collect();
        assert_eq!(files, Bundle::markdown(&parsed.iter().collect::<Vec<_>>()));
        let index = Index::from_json(file(&files, INDEX_KEY)).unwrap();
        let rows: Vec<_> = index
            .issues()
            .map(|r| (r.number, r.date.to_string(), r.links))
            .collect();
        assert_eq!(
            rows,
            [
                (1, "2013-06-07".to_string(), 0),
                (2, "2013-06-15".to_string(), 1)
            ]
        );
        assert_eq!(index.posts.title, ["The State of Rust 0.7"]);
        assert_eq!(index.totals[LINKS_KEY], 1);
        let links = LinkColumns::from_json(file(&files, LINKS_KEY)).unwrap();
        assert_eq!(links.title, ["A talk"]);
        assert_eq!(links.tag_sets[links.tags[0] as usize], ["video"]);
        assert_eq!(links.headings[links.heading[0] as usize], "Notable Links");
        let h = links.heading[0] as usize;
        assert_eq!(
            Category::ALL[links.heading_category[h] as usize],
            Category::NewsAndBlogPosts
        );
    }

    #[test]
    fn every_file_in_the_manifest_exists_with_its_size_and_bodies_load_by_issue() {
        let files = files();
        let manifest = Manifest::from_json(&files.manifest_json()).unwrap();
        for entry in manifest.files.values() {
            let bytes = files.file(&entry.path).unwrap();
            assert_eq!(bytes.len() as u64, entry.bytes);
        }
        let index = Index::from_json(file(&files, INDEX_KEY)).unwrap();
        let row = index.issues().next().unwrap();
        let path = issue_body_path(row.number, row.body, &index.body_format);
        let body = files.file(&path).unwrap();
        assert_eq!(
            std::str::from_utf8(body).unwrap(),
            "Hello\n",
            "comments removed"
        );
    }

    #[test]
    fn a_bundle_of_another_schema_or_shape_is_refused_with_a_reason() {
        let err = Manifest::from_json(br#"{"schema":99,"files":{}}"#).unwrap_err();
        assert!(err.to_string().contains("schema version 99"), "{err}");
        assert!(matches!(
            Index::from_json(b"{\"schema\":2,"),
            Err(BundleError::Json(_))
        ));
        let files = files();
        let mut links = LinkColumns::from_json(file(&files, LINKS_KEY)).unwrap();
        links.heading[0] = 7;
        let bad = serde_json::to_vec(&links).unwrap();
        assert!(matches!(
            LinkColumns::from_json(&bad),
            Err(BundleError::Inconsistent(_))
        ));
        links.heading[0] = 0;
        links.url.pop();
        let bad = serde_json::to_vec(&links).unwrap();
        assert!(matches!(
            LinkColumns::from_json(&bad),
            Err(BundleError::Inconsistent(_))
        ));
    }

    #[test]
    fn content_hashes_differ_when_content_does() {
        assert_eq!(content_hash(b"abc"), content_hash(b"abc"));
        assert_ne!(content_hash(b"abc"), content_hash(b"abd"));
        assert_eq!(content_hash(b"").len(), 16);
    }

    #[test]
    fn written_files_are_the_bundle_and_a_rewrite_removes_only_stale_bundle_files() {
        let out = std::env::temp_dir().join(format!("twir-site-write-{}", std::process::id()));
        let _ = fs::remove_dir_all(&out);
        let bundle = files();
        fs::create_dir_all(out.join("issues")).unwrap();
        fs::write(out.join("issues/9.0123456789.md"), "stale").unwrap();
        fs::write(out.join("index.0123456789abcdef.json"), "stale").unwrap();
        fs::write(out.join("notes.txt"), "not ours").unwrap();
        let bytes = bundle.write_into(&out).unwrap();
        let mut on_disk = Vec::new();
        for dir in ["", "issues", "posts"] {
            for entry in fs::read_dir(out.join(dir)).unwrap() {
                let entry = entry.unwrap();
                if entry.file_type().unwrap().is_file() {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    let rel = if dir.is_empty() {
                        name
                    } else {
                        format!("{dir}/{name}")
                    };
                    on_disk.push((rel, fs::read(entry.path()).unwrap()));
                }
            }
        }
        fs::remove_dir_all(&out).unwrap();
        let mut expected = bundle.to_files();
        expected.push(("notes.txt".to_string(), b"not ours".to_vec()));
        on_disk.sort();
        expected.sort();
        assert_eq!(on_disk, expected);
        assert_eq!(
            bytes,
            bundle
                .to_files()
                .iter()
                .map(|(_, b)| b.len())
                .sum::<usize>()
        );
    }
}
