//! `manifest.json`: the one file with a fixed name, listing the others by key.

use super::{check_schema, BundleError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The name of the manifest, the one file with a fixed name.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Keys of the files in the manifest.
pub const INDEX_KEY: &str = "index";
pub const LINKS_KEY: &str = "links";
pub const CRATES_KEY: &str = "crates";
pub const QUOTES_KEY: &str = "quotes";
pub const EVENTS_KEY: &str = "events";
pub const UPDATES_KEY: &str = "updates";
pub const OTHERS_KEY: &str = "others";

/// `manifest.json`: what the bundle holds and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema: u32,
    /// The files of the bundle by role (`index`, `links`, ...).
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
