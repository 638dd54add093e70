//! The subcommands. Each prints to stdout what it was asked for, and diagnostics to stderr.

use crate::archive::Archive;
use anyhow::{Context, Result};
use std::fs;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;
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
    let site = site_url.map(twir_site::feeds::SiteUrl::parse).transpose()?;
    let started = Instant::now();
    let mut archive = Archive::load_with(archive_dir, true, &mut progress_bar())?;
    print_problems(&archive, false);
    let mut bundle = archive.take_bundle();
    let parsed = archive.parsed();
    twir_site::widget::add_widget_files(&mut bundle, &parsed);
    let bytes = bundle.write_into(out)?;
    if let Some(page) = prerender {
        let html = fs::read_to_string(page)
            .with_context(|| format!("cannot read the page {}", page.display()))?;
        let html = twir_site::shell::prerender(&html, &parsed, &bundle.manifest)
            .with_context(|| format!("cannot write the first screen into {}", page.display()))?;
        fs::write(page, html).with_context(|| format!("cannot write {}", page.display()))?;
    }
    // The feeds are files of their own, outside the bundle and its manifest.
    let feeds = match &site {
        Some(site) => {
            let dir =
                feeds_out.map_or_else(|| out.join(twir_site::feeds::FEEDS_DIR), Path::to_path_buf);
            let n = twir_site::feeds::write_feeds(&parsed, site, &dir)?;
            Some((n, dir))
        }
        None => None,
    };
    let elapsed = started.elapsed();
    print!("{}", crate::summary::Summary::new(&archive, bytes, elapsed));
    println!("twir: wrote {} files to {}", bundle.len(), out.display());
    if let Some((n, dir)) = feeds {
        println!("twir: wrote {n} Atom feeds to {}", dir.display());
    }
    let failed = strict && !archive.errors.is_empty();
    drop(parsed);
    // Freeing the archive and the bundle (hundreds of thousands of allocations) takes tens
    // of milliseconds, and the command ends here: a thread frees them, which the end of the
    // process may cut short.
    std::thread::spawn(move || drop((archive, bundle)));
    Ok(if failed {
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
    println!("{}", serde_json::to_string_pretty(compiled)?);
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
