//! Which files of an archive folder are issues to compile, and which are something else.
//! Decided from the path alone (a `/`-separated path relative to the archive folder).

/// What a path in the archive folder holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// Markdown to compile: `.md`, `.markdown`, `.txt` (as the seeds are named), or no extension.
    Markdown,
    /// Not an issue; the reason is a short phrase for the one-line note.
    Skip(&'static str),
}

const MARKDOWN: &[&str] = &["md", "markdown", "mdown", "mkd", "txt", "text"];
const MEDIA: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp", "pdf", "mp3", "mp4", "webm",
    "zip", "gz", "tar",
];

/// Classifies a path relative to the archive folder, such as `2013-06-07-x.markdown`,
/// `pages/about.md` or `images/logo.png`.
pub fn classify_path(relative: &str) -> SourceKind {
    let parts: Vec<&str> = relative
        .split(['/', '\\'])
        .filter(|p| !p.is_empty())
        .collect();
    let Some(name) = parts.last() else {
        return SourceKind::Skip("not a file name");
    };
    if parts.iter().any(|p| p.starts_with('.')) {
        return SourceKind::Skip("a hidden file");
    }
    if parts[..parts.len() - 1]
        .iter()
        .any(|p| p.eq_ignore_ascii_case("pages"))
    {
        return SourceKind::Skip("a static page of the site (pages/), not an issue");
    }
    let ext = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => return SourceKind::Markdown,
    };
    if MARKDOWN.contains(&ext.as_str()) {
        SourceKind::Markdown
    } else if ext == "rst" {
        SourceKind::Skip("a reStructuredText post; only markdown issues are compiled")
    } else if MEDIA.contains(&ext.as_str()) {
        SourceKind::Skip("an image or other media file")
    } else {
        SourceKind::Skip("not a markdown file")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issues_are_markdown_whatever_their_extension() {
        for p in [
            "2013-06-07-this-week-in-rust.markdown",
            "2026-08-19-this-week-in-rust.md",
            "000_549cfd427d09cf91.txt",
            "sub/dir/2020-12-2-this-week-in-rust.MD",
            "README",
        ] {
            assert_eq!(classify_path(p), SourceKind::Markdown, "{p}");
        }
    }

    #[test]
    fn pages_images_and_restructured_text_are_skipped_with_a_reason() {
        assert!(
            matches!(classify_path("pages/about.md"), SourceKind::Skip(r) if r.contains("pages/"))
        );
        assert!(
            matches!(classify_path("images/logo.png"), SourceKind::Skip(r) if r.contains("image"))
        );
        assert!(
            matches!(classify_path("state-of-rust-0-11-0.rst"), SourceKind::Skip(r) if r.contains("reStructuredText"))
        );
        assert!(matches!(classify_path(".DS_Store"), SourceKind::Skip(_)));
        assert!(matches!(classify_path("notes.json"), SourceKind::Skip(_)));
    }
}
