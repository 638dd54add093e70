//! The body files: one per issue and post, loaded when someone opens it.

use serde::{Deserialize, Serialize};

/// The path of an issue's body file, relative to the manifest: `issues/665.<hash>.<ext>`,
/// `ext` being the index's `body_format` (`md`, or `json` for a rendered body).
pub fn issue_body_path(number: u32, hash: &str, ext: &str) -> String {
    format!("issues/{number}.{hash}.{ext}")
}

/// The path of a post's body file, relative to the manifest: `posts/2013-07-05.<hash>.<ext>`.
pub fn post_body_path(date: crate::Date, hash: &str, ext: &str) -> String {
    format!("posts/{date}.{hash}.{ext}")
}

/// One heading of an issue's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    pub level: u8,
    /// The heading's `id` in the HTML.
    pub id: String,
    pub text: String,
}

/// A body file in the `json` format: HTML, sanitised at build time, and its headings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedBody {
    pub html: String,
    pub toc: Vec<TocEntry>,
}
