//! The bundle: the files the explorer app loads, written by `twir bundle`.
//!
//! Every file is JSON. `manifest.json` has a fixed name and points to the others, whose names
//! carry a hash of their content so that they can be cached forever. Lists are stored as
//! columns (one array per field) and dates as days since 1970-01-01, which is smaller and
//! faster to decode than an array of objects. Field by field: `docs/bundle.md`.

use crate::date::Date;
use crate::issue::{IssueKind, IssueMeta};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The version of the bundle's format. The app refuses a bundle of another version.
pub const SCHEMA_VERSION: u32 = 1;

/// The name of the manifest, the one file with a fixed name.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Key of the index file in the manifest.
pub const INDEX_KEY: &str = "index";

/// `manifest.json`: what the bundle holds and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema: u32,
    /// The files of the bundle by role (`index`, ...).
    pub files: BTreeMap<String, FileEntry>,
}

/// One file of the bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// File name relative to the manifest, with a content hash: `index.0123456789abcdef.json`.
    pub path: String,
    /// Size in bytes, uncompressed: the app shows download progress against it.
    pub bytes: u64,
}

/// The first screen's data: every issue and post, without bodies.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Index {
    pub schema: u32,
    pub issues: IssueColumns,
    pub posts: PostColumns,
}

/// Weekly issues, oldest first, one array per field; all arrays have the same length.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IssueColumns {
    pub number: Vec<u32>,
    /// Days since 1970-01-01.
    pub date: Vec<i32>,
    pub title: Vec<String>,
}

/// Other posts (State of Rust), oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PostColumns {
    pub date: Vec<i32>,
    pub title: Vec<String>,
}

/// One issue as a row, for views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssueRow<'a> {
    pub number: u32,
    pub date: Date,
    pub title: &'a str,
}

/// Why a bundle file was not accepted.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    #[error("the bundle is not valid JSON of the expected shape: {0}")]
    Json(#[from] serde_json::Error),
    #[error("the bundle has schema version {found}, this app reads version {expected}; rebuild the bundle with the matching `twir`")]
    Schema { found: u32, expected: u32 },
    #[error("the bundle is inconsistent: {0}")]
    Inconsistent(String),
    #[error("the manifest lists no `{0}` file")]
    Missing(String),
}

impl Manifest {
    /// Decodes and checks `manifest.json`.
    pub fn from_json(bytes: &[u8]) -> Result<Self, BundleError> {
        let m: Self = serde_json::from_slice(bytes)?;
        check_schema(m.schema)?;
        Ok(m)
    }

    pub fn file(&self, key: &str) -> Result<&FileEntry, BundleError> {
        self.files
            .get(key)
            .ok_or_else(|| BundleError::Missing(key.to_string()))
    }
}

fn check_schema(found: u32) -> Result<(), BundleError> {
    if found == SCHEMA_VERSION {
        Ok(())
    } else {
        Err(BundleError::Schema {
            found,
            expected: SCHEMA_VERSION,
        })
    }
}

impl Index {
    /// Builds the index from parsed issues and posts, in a deterministic order.
    pub fn build<'a>(metas: impl IntoIterator<Item = &'a IssueMeta>) -> Self {
        let mut weekly: Vec<&IssueMeta> = Vec::new();
        let mut posts: Vec<&IssueMeta> = Vec::new();
        for m in metas {
            match m.kind {
                IssueKind::Weekly if m.number.is_some() => weekly.push(m),
                _ => posts.push(m),
            }
        }
        weekly.sort_by_key(|m| (m.number, m.date));
        posts.sort_by(|a, b| (a.date, &a.title).cmp(&(b.date, &b.title)));
        let mut index = Index {
            schema: SCHEMA_VERSION,
            ..Default::default()
        };
        for m in weekly {
            index.issues.number.push(m.number.unwrap_or_default());
            index.issues.date.push(m.date.to_days());
            index.issues.title.push(m.title.clone());
        }
        for m in posts {
            index.posts.date.push(m.date.to_days());
            index.posts.title.push(m.title.clone());
        }
        index
    }

    /// Decodes and checks an index file.
    pub fn from_json(bytes: &[u8]) -> Result<Self, BundleError> {
        let index: Self = serde_json::from_slice(bytes)?;
        check_schema(index.schema)?;
        let n = index.issues.number.len();
        if index.issues.date.len() != n || index.issues.title.len() != n {
            return Err(BundleError::Inconsistent(
                "the issue columns differ in length".into(),
            ));
        }
        if index.posts.date.len() != index.posts.title.len() {
            return Err(BundleError::Inconsistent(
                "the post columns differ in length".into(),
            ));
        }
        Ok(index)
    }

    /// The issues, oldest first.
    pub fn issues(&self) -> impl DoubleEndedIterator<Item = IssueRow<'_>> + ExactSizeIterator {
        let c = &self.issues;
        (0..c.number.len()).map(move |i| IssueRow {
            number: c.number[i],
            date: Date::from_days(c.date[i]),
            title: &c.title[i],
        })
    }
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

/// The bundle's files as (name, bytes), ready to be written into one folder.
pub fn bundle_files<'a>(metas: impl IntoIterator<Item = &'a IssueMeta>) -> Vec<(String, Vec<u8>)> {
    let index = Index::build(metas);
    let index_bytes = serde_json::to_vec(&index).expect("the index serialises");
    let index_name = format!("{INDEX_KEY}.{}.json", content_hash(&index_bytes));
    let mut files = BTreeMap::new();
    files.insert(
        INDEX_KEY.to_string(),
        FileEntry {
            path: index_name.clone(),
            bytes: index_bytes.len() as u64,
        },
    );
    let manifest = Manifest {
        schema: SCHEMA_VERSION,
        files,
    };
    let manifest_bytes = serde_json::to_vec_pretty(&manifest).expect("the manifest serialises");
    vec![
        (MANIFEST_FILE.to_string(), manifest_bytes),
        (index_name, index_bytes),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(number: Option<u32>, date: &str, title: &str) -> IssueMeta {
        IssueMeta {
            number,
            date: date.parse().unwrap(),
            title: title.into(),
            kind: if number.is_some() {
                IssueKind::Weekly
            } else {
                IssueKind::Post
            },
        }
    }

    #[test]
    fn the_bundle_round_trips_and_is_deterministic_whatever_the_input_order() {
        let a = meta(Some(2), "2013-06-15", "This Week in Rust 2");
        let b = meta(Some(1), "2013-06-07", "This Week In Rust 1");
        let p = meta(None, "2013-07-05", "The State of Rust 0.7");
        let files = bundle_files([&a, &b, &p]);
        assert_eq!(files, bundle_files([&p, &b, &a]));
        let manifest = Manifest::from_json(&files[0].1).unwrap();
        let entry = manifest.file(INDEX_KEY).unwrap();
        assert_eq!(entry.path, files[1].0);
        assert_eq!(entry.bytes, files[1].1.len() as u64);
        let index = Index::from_json(&files[1].1).unwrap();
        let rows: Vec<_> = index
            .issues()
            .map(|r| (r.number, r.date.to_string()))
            .collect();
        assert_eq!(
            rows,
            [(1, "2013-06-07".to_string()), (2, "2013-06-15".to_string())]
        );
        assert_eq!(index.posts.title, ["The State of Rust 0.7"]);
    }

    #[test]
    fn a_bundle_of_another_schema_or_shape_is_refused_with_a_reason() {
        let err = Manifest::from_json(br#"{"schema":99,"files":{}}"#).unwrap_err();
        assert!(err.to_string().contains("schema version 99"), "{err}");
        assert!(matches!(
            Index::from_json(b"{\"schema\":1,"),
            Err(BundleError::Json(_))
        ));
        let skewed = br#"{"schema":1,"issues":{"number":[1,2],"date":[0],"title":["a","b"]},"posts":{"date":[],"title":[]}}"#;
        assert!(matches!(
            Index::from_json(skewed),
            Err(BundleError::Inconsistent(_))
        ));
    }

    #[test]
    fn content_hashes_differ_when_content_does() {
        assert_eq!(content_hash(b"abc"), content_hash(b"abc"));
        assert_ne!(content_hash(b"abc"), content_hash(b"abd"));
        assert_eq!(content_hash(b"").len(), 16);
    }
}
