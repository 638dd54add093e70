//! The subcommands. Each prints to stdout what it was asked for, and diagnostics to stderr.

use crate::archive::Archive;
use anyhow::{Context, Result};
use std::fs;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
use twir_archive::bundle::MANIFEST_FILE;
use twir_archive::diagnostic::Severity;

/// `twir bundle`: compile and write the bundle.
pub fn bundle(
    archive_dir: &Path,
    out: &Path,
    strict: bool,
    prerender: Option<&Path>,
    site_url: Option<&str>,
    feeds_out: Option<&Path>,
) -> Result<ExitCode> {
    let site = site_url.map(crate::feeds::SiteUrl::parse).transpose()?;
    let started = Instant::now();
    let archive = Archive::load_with(archive_dir, true, &mut progress_bar())?;
    print_problems(&archive, false);
    let mut files = crate::render::bundle_with_rendered_bodies(&archive);
    crate::widget::add_widget_files(&archive, &mut files);
    fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    remove_stale_bundle_files(out, &files)?;
    for (name, bytes) in &files {
        let path = out.join(name);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if let Some(page) = prerender {
        let html = fs::read_to_string(page)
            .with_context(|| format!("cannot read the page {}", page.display()))?;
        let manifest = files
            .iter()
            .find(|(name, _)| name == MANIFEST_FILE)
            .context("the bundle has no manifest")?;
        let manifest = twir_archive::bundle::Manifest::from_json(&manifest.1)?;
        let html = crate::shell::prerender(&html, &archive, &manifest)
            .with_context(|| format!("cannot write the first screen into {}", page.display()))?;
        fs::write(page, html).with_context(|| format!("cannot write {}", page.display()))?;
    }
    // The feeds are files of their own, outside the bundle and its manifest.
    let feeds = match &site {
        Some(site) => {
            let dir =
                feeds_out.map_or_else(|| out.join(crate::feeds::FEEDS_DIR), Path::to_path_buf);
            let n = crate::feeds::write_feeds(&archive, site, &dir)?;
            Some((n, dir))
        }
        None => None,
    };
    let elapsed = started.elapsed();
    print!(
        "{}",
        crate::summary::Summary::new(&archive, &files, elapsed)
    );
    println!("twir: wrote {} files to {}", files.len(), out.display());
    if let Some((n, dir)) = feeds {
        println!("twir: wrote {n} Atom feeds to {}", dir.display());
    }
    Ok(if strict && !archive.errors.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// A progress bar on stderr, drawn only on a terminal and only once loading takes longer
/// than a moment.
fn progress_bar() -> impl FnMut(usize, usize) {
    let started = Instant::now();
    let mut bar: Option<indicatif::ProgressBar> = None;
    move |done, total| {
        if bar.is_none() && started.elapsed().as_millis() > 300 && done < total {
            let b = indicatif::ProgressBar::new(total as u64);
            b.set_style(
                indicatif::ProgressStyle::with_template("{prefix} [{bar:40}] {pos}/{len} files")
                    .expect("a valid template")
                    .progress_chars("=> "),
            );
            b.set_prefix("twir: compiling");
            bar = Some(b);
        }
        if let Some(b) = &bar {
            b.set_position(done as u64);
            if done == total {
                b.finish_and_clear();
            }
        }
    }
}

/// Deletes bundle files of an earlier run (`manifest.json`, `name.<hash>.json`, bodies in
/// `issues/` and `posts/`) that this run does not write, so that a reused output folder
/// does not grow forever. Other files are left alone.
fn remove_stale_bundle_files(out: &Path, keep: &[(String, Vec<u8>)]) -> Result<()> {
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
            if is_ours(&name) && !keep.iter().any(|(k, _)| *k == rel) {
                fs::remove_file(entry.path()).with_context(|| {
                    format!("cannot remove the stale {}", entry.path().display())
                })?;
            }
        }
    }
    Ok(())
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

/// `twir show`: one issue as pretty JSON.
pub fn show(archive_dir: &Path, number: u32) -> Result<ExitCode> {
    let archive = Archive::load(archive_dir)?;
    let Some(compiled) = archive.issue(number) else {
        print_problems(&archive, false);
        let numbers: Vec<u32> = archive.metas().filter_map(|m| m.number).collect();
        let have = match (numbers.iter().min(), numbers.iter().max()) {
            (Some(lo), Some(hi)) => format!("it has {} issues, #{lo} to #{hi}", numbers.len()),
            _ => "it has no issues".to_string(),
        };
        eprintln!(
            "twir: no issue #{number} in {}; {have}",
            archive_dir.display()
        );
        return Ok(ExitCode::FAILURE);
    };
    let shown = crate::show::ShownIssue::new(&compiled.issue, &compiled.path);
    println!("{}", serde_json::to_string_pretty(&shown)?);
    Ok(ExitCode::SUCCESS)
}

/// `twir check`: every problem, one per line.
pub fn check(archive_dir: &Path, strict: bool) -> Result<ExitCode> {
    let archive = Archive::load(archive_dir)?;
    print_problems(&archive, true);
    let (errors, warnings) = (archive.errors.len(), archive.warning_count());
    eprintln!(
        "twir: checked {} files: {errors} errors, {warnings} warnings, {} skipped",
        archive.compiled.len() + archive.errors.len(),
        archive.skipped.len()
    );
    let failed = errors > 0 || (strict && warnings > 0);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Prints errors (always), skipped files (one line each) and, if asked, warnings.
fn print_problems(archive: &Archive, with_warnings: bool) {
    let root = archive.root.display();
    for (path, reason) in &archive.skipped {
        eprintln!("twir: skipped {root}/{path}: {reason}");
    }
    for e in &archive.errors {
        eprintln!("{root}/{e}");
    }
    if with_warnings {
        for c in &archive.compiled {
            for w in c
                .warnings()
                .iter()
                .filter(|w| w.severity == Severity::Warning)
            {
                let path = format!("{root}/{}", c.path);
                eprintln!("{}", w.display_with_path(&path));
            }
        }
    }
}
