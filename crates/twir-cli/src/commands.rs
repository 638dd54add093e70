//! The subcommands. Each prints to stdout what it was asked for, and diagnostics to stderr.

use crate::archive::Archive;
use anyhow::{Context, Result};
use std::fs;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
use twir_archive::bundle::{bundle_files, MANIFEST_FILE};
use twir_archive::diagnostic::Severity;
use twir_archive::IssueKind;

/// `twir bundle`: compile and write the bundle.
pub fn bundle(archive_dir: &Path, out: &Path, strict: bool) -> Result<ExitCode> {
    let started = Instant::now();
    let archive = Archive::load(archive_dir)?;
    print_problems(&archive, false);
    let files = bundle_files(archive.metas());
    fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    remove_stale_bundle_files(out, &files)?;
    for (name, bytes) in &files {
        let path = out.join(name);
        fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let issues: Vec<u32> = archive.metas().filter_map(|m| m.number).collect();
    let posts = archive
        .metas()
        .filter(|m| m.kind == IssueKind::Post)
        .count();
    let range = match (issues.iter().min(), issues.iter().max()) {
        (Some(lo), Some(hi)) => format!(" (#{lo}–#{hi})"),
        _ => String::new(),
    };
    println!(
        "twir: compiled {} issues{range} and {posts} other posts from {} in {} ms",
        issues.len(),
        archive_dir.display(),
        started.elapsed().as_millis()
    );
    println!(
        "twir: {} errors, {} warnings, {} files skipped; wrote {} files to {}",
        archive.errors.len(),
        archive.warning_count(),
        archive.skipped.len(),
        files.len(),
        out.display()
    );
    Ok(if strict && !archive.errors.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Deletes bundle files of an earlier run (`manifest.json`, `name.<hash>.json`) that this
/// run does not write, so that a reused output folder does not grow forever.
fn remove_stale_bundle_files(out: &Path, keep: &[(String, Vec<u8>)]) -> Result<()> {
    for entry in fs::read_dir(out).with_context(|| format!("cannot list {}", out.display()))? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let is_bundle_file = name == MANIFEST_FILE || is_hashed_json(&name);
        if is_bundle_file && !keep.iter().any(|(k, _)| *k == name) {
            fs::remove_file(entry.path())
                .with_context(|| format!("cannot remove the stale {}", entry.path().display()))?;
        }
    }
    Ok(())
}

fn is_hashed_json(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".json") else {
        return false;
    };
    let Some((_, hash)) = stem.rsplit_once('.') else {
        return false;
    };
    hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
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
