//! Reading an archive folder: every file, recursively, each compiled on its own so that one
//! bad file never stops the others.

use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use twir_archive::parse::{parse_issue, ParsedIssue};
use twir_archive::{classify_path, Diagnostic, IssueMeta, SourceKind};
use twir_site::bundle::{Body, BodyFormat, Bundle};

/// Files larger than this are not issues (the largest real issue is about 60 KB).
const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// An archive file that compiled.
#[derive(Debug)]
pub struct Compiled {
    /// Path relative to the archive folder, with `/` separators.
    pub path: String,
    pub issue: ParsedIssue,
    /// The body file for the reader (rendered HTML and table of contents), when asked for:
    /// rendered in the same pass as the parse, under the same panic guard.
    pub rendered_body: Option<Body>,
}

impl Compiled {
    pub fn meta(&self) -> &IssueMeta {
        &self.issue.meta
    }

    pub fn warnings(&self) -> &[Diagnostic] {
        &self.issue.diagnostics
    }
}

/// A file that could not be compiled: the message names the line and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: String,
    pub line: usize,
    pub message: String,
    pub hint: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}; {}",
            self.path, self.line, self.message, self.hint
        )
    }
}

/// Everything read from an archive folder.
#[derive(Debug, Default)]
pub struct Archive {
    /// The folder as given on the command line, for messages.
    pub root: PathBuf,
    /// Compiled files, in path order.
    pub compiled: Vec<Compiled>,
    /// Files that are not issues, with the reason.
    pub skipped: Vec<(String, &'static str)>,
    pub errors: Vec<FileError>,
}

impl Archive {
    /// Reads and compiles every file below `root`.
    pub fn load(root: &Path) -> Result<Self> {
        Self::load_with_progress(root, &mut |_, _| {})
    }

    /// Like [`Archive::load`], calling `progress(done, total)` after each file.
    pub fn load_with_progress(root: &Path, progress: &mut dyn FnMut(usize, usize)) -> Result<Self> {
        Self::load_with(root, false, progress)
    }

    /// Reads and compiles every file, also rendering each body for the reader if `render`:
    /// each file is read, parsed and rendered in one go by one worker thread.
    pub fn load_with(
        root: &Path,
        render: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Self> {
        let meta = fs::metadata(root)
            .with_context(|| format!("cannot read the archive folder {}", root.display()))?;
        anyhow::ensure!(
            meta.is_dir(),
            "{} is not a folder; give the archive's content folder",
            root.display()
        );
        let mut relative: Vec<(String, PathBuf, Option<&'static str>)> = walk(root)?
            .into_iter()
            .map(|(p, skip)| (relative_name(root, &p), p, skip))
            .collect();
        relative.sort();

        let mut archive = Archive {
            root: root.to_path_buf(),
            ..Default::default()
        };
        let mut todo = Vec::new();
        for (name, path, skip) in relative {
            match skip.map_or_else(|| classify_path(&name), SourceKind::Skip) {
                SourceKind::Skip(reason) => archive.skipped.push((name, reason)),
                SourceKind::Markdown => todo.push((name, path)),
            }
        }
        for result in compile_all(&todo, render, progress) {
            match result {
                Ok(c) => archive.compiled.push(c),
                Err(e) => archive.errors.push(e),
            }
        }
        archive.reject_duplicate_numbers();
        Ok(archive)
    }

    /// Two files claiming one issue number: the first (in path order) is kept.
    fn reject_duplicate_numbers(&mut self) {
        let mut first: BTreeMap<u32, String> = BTreeMap::new();
        let mut kept = Vec::with_capacity(self.compiled.len());
        for c in std::mem::take(&mut self.compiled) {
            if let Some(n) = c.issue.meta.number {
                if let Some(other) = first.get(&n) {
                    self.errors.push(FileError {
                        path: c.path.clone(),
                        line: 1,
                        message: format!("issue #{n} is already compiled from {other}"),
                        hint: "remove one of the two files, or correct this one's number".into(),
                    });
                    continue;
                }
                first.insert(n, c.path.clone());
            }
            kept.push(c);
        }
        self.compiled = kept;
        self.errors
            .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    }

    /// The parsed issues and posts, in path order, as the site's builders take them.
    pub fn parsed(&self) -> Vec<&ParsedIssue> {
        self.issues().collect()
    }

    /// The bundle, its bodies those rendered while loading (taken out of the archive), any
    /// other rendered here.
    pub fn take_bundle(&mut self) -> Bundle {
        Bundle::build(
            BodyFormat::Html,
            self.compiled.iter_mut().map(|c| {
                let Compiled {
                    issue,
                    rendered_body,
                    ..
                } = c;
                let body = rendered_body
                    .take()
                    .unwrap_or_else(|| Body::of(BodyFormat::Html, &issue.body));
                (&*issue, body)
            }),
        )
    }

    pub fn metas(&self) -> impl Iterator<Item = &IssueMeta> {
        self.compiled.iter().map(|c| &c.issue.meta)
    }

    pub fn issues(&self) -> impl Iterator<Item = &ParsedIssue> {
        self.compiled.iter().map(|c| &c.issue)
    }

    /// The compiled weekly issue with this number.
    pub fn issue(&self, number: u32) -> Option<&Compiled> {
        self.compiled
            .iter()
            .find(|c| c.issue.meta.number == Some(number))
    }

    pub fn warning_count(&self) -> usize {
        self.compiled
            .iter()
            .map(|c| c.issue.diagnostics.len())
            .sum()
    }
}

/// Compiles files on every core, returning results in input order.
fn compile_all(
    files: &[(String, PathBuf)],
    render: bool,
    progress: &mut dyn FnMut(usize, usize),
) -> Vec<Result<Compiled, FileError>> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<Result<Compiled, FileError>>> = Vec::new();
    results.resize_with(files.len(), || None);
    let results = Mutex::new(results);
    // Each finished file is a message, so that the last one ends the wait at once.
    let (finished, finishing) = std::sync::mpsc::channel::<()>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let finished = finished.clone();
            let (next, results) = (&next, &results);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some((name, path)) = files.get(i) else {
                    break;
                };
                let r = compile_file(name, path, render);
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
                let _ = finished.send(());
            });
        }
        drop(finished);
        let mut done = 0;
        loop {
            progress(done, files.len());
            if done >= files.len() {
                break;
            }
            match finishing.recv_timeout(std::time::Duration::from_millis(50)) {
                Ok(()) => done += 1 + finishing.try_iter().count(),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {}
                // Every worker has stopped.
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .flatten()
        .collect()
}

/// Every file below `root` (hidden folders such as `.git` are not entered), each with the
/// reason to skip it, if there is one.
///
/// Symbolic links are never followed, so that a link cannot make the walk loop, nor bring
/// in a file from outside the archive folder. Each is skipped with a note that says where it
/// leads; a link within the folder adds nothing, since its target is read under its own
/// name. Anything that is neither a file nor a folder (a FIFO would block the read) is
/// skipped too.
fn walk(root: &Path) -> Result<Vec<(PathBuf, Option<&'static str>)>> {
    let canonical_root = fs::canonicalize(root)
        .with_context(|| format!("cannot read the archive folder {}", root.display()))?;
    let mut out = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(dir) = folders.pop() {
        let entries =
            fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))?;
        for entry in entries {
            let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
            let path = entry.path();
            let kind = entry
                .file_type()
                .with_context(|| format!("cannot read {}", path.display()))?;
            if kind.is_dir() {
                if !entry.file_name().to_string_lossy().starts_with('.') {
                    folders.push(path);
                }
            } else if kind.is_symlink() {
                let reason = match fs::canonicalize(&path) {
                    Ok(target) if target.starts_with(&canonical_root) => {
                        "a symbolic link within the archive folder: links are not followed, \
                         and its target is read under its own name"
                    }
                    Ok(_) => {
                        "a symbolic link to outside the archive folder: not compiled; copy \
                         the file into the folder if it belongs to the archive"
                    }
                    Err(_) => {
                        "a symbolic link that leads nowhere (its target is missing, or the \
                         links form a loop)"
                    }
                };
                out.push((path, Some(reason)));
            } else if kind.is_file() {
                out.push((path, None));
            } else {
                out.push((path, Some("not a regular file")));
            }
        }
    }
    Ok(out)
}

fn relative_name(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Reads one file and compiles it, rendering its body if `render`; every failure becomes a
/// message about this file alone.
fn compile_file(name: &str, path: &Path, render: bool) -> Result<Compiled, FileError> {
    let error = |line: usize, message: String, hint: &str| FileError {
        path: name.to_string(),
        line,
        message,
        hint: hint.to_string(),
    };
    let size = fs::metadata(path)
        .map_err(|e| {
            error(
                1,
                format!("cannot read the file: {e}"),
                "check that it exists and is readable",
            )
        })?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(error(
            1,
            format!(
                "the file is {} KiB, larger than an issue can be ({} KiB)",
                size / 1024,
                MAX_FILE_BYTES / 1024
            ),
            "remove it from the archive folder if it is not an issue",
        ));
    }
    let bytes = fs::read(path).map_err(|e| {
        error(
            1,
            format!("cannot read the file: {e}"),
            "check that it is readable",
        )
    })?;
    let text = decode(&bytes).map_err(|(line, message, hint)| error(line, message, hint))?;
    // The parser must never panic; should it, only this file is lost, and the message says so.
    let parsed = catch_unwind(AssertUnwindSafe(|| parse_issue(&text))).map_err(|_| {
        error(
            1,
            "the compiler crashed on this file".into(),
            "please report it with the file attached",
        )
    })?;
    let issue = parsed.map_err(|e| error(e.line, e.message, &e.hint))?;
    // The renderer runs under the same guard: a file it cannot render is not compiled.
    let rendered_body = if render {
        let rendered = catch_unwind(AssertUnwindSafe(|| Body::of(BodyFormat::Html, &issue.body)))
            .map_err(|_| {
            error(
                issue.body_line,
                "the renderer crashed on this file's body".into(),
                "please report it with the file attached",
            )
        })?;
        Some(rendered)
    } else {
        None
    };
    Ok(Compiled {
        path: name.to_string(),
        issue,
        rendered_body,
    })
}

/// The file's bytes as text, or (line, message, hint) saying why they are not.
fn decode(bytes: &[u8]) -> Result<String, (usize, String, &'static str)> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err((
            1,
            "the file is empty".into(),
            "write the issue, or remove the file",
        ));
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let line = 1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count();
        return Err((
            line,
            "the file holds binary data (a NUL byte), not text".into(),
            "remove it from the archive folder, or save it as UTF-8 text",
        ));
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let pos = e.utf8_error().valid_up_to();
        let line = 1 + bytes[..pos].iter().filter(|&&b| b == b'\n').count();
        (
            line,
            format!("the text is not valid UTF-8 (byte {pos})"),
            "save the file as UTF-8",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_the_renderer_loses_only_its_file() {
        let dir = tempfile::tempdir().unwrap();
        let issue = |n: u32, body: &str| {
            format!("Title: This Week in Rust {n}\nNumber: {n}\nDate: 2020-01-01\nCategory: This Week in Rust\n\n{body}\n")
        };
        fs::write(dir.path().join("good.md"), issue(1, "Hello.")).unwrap();
        fs::write(
            dir.path().join("crash.md"),
            issue(
                2,
                &format!("Line one.\n\n{}", twir_site::render::PANIC_FOR_TESTS),
            ),
        )
        .unwrap();
        let archive = Archive::load_with(dir.path(), true, &mut |_, _| {}).unwrap();
        assert_eq!(archive.compiled.len(), 1);
        assert_eq!(archive.compiled[0].path, "good.md");
        assert!(archive.compiled[0].rendered_body.is_some());
        assert_eq!(
            archive.errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
            ["crash.md:6: the renderer crashed on this file's body; please report it with the file attached"]
        );
        // Without rendering, the same file compiles.
        let archive = Archive::load_with(dir.path(), false, &mut |_, _| {}).unwrap();
        assert_eq!(archive.compiled.len(), 2);
    }

    #[test]
    fn bodies_rendered_while_loading_make_the_same_bundle_as_rendering_afterwards() {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../archive");
        let mut one_pass = Archive::load_with(&sample, true, &mut |_, _| {}).unwrap();
        assert!(one_pass.compiled.iter().all(|c| c.rendered_body.is_some()));
        let bundle = one_pass.take_bundle();
        let parsed_only = Archive::load(&sample).unwrap();
        let afterwards = Bundle::with_bodies(BodyFormat::Html, &parsed_only.parsed());
        assert_eq!(bundle, afterwards);
        // The seven keyed files, and one body file each.
        assert_eq!(bundle.files.len(), 7 + parsed_only.compiled.len());
    }
}
