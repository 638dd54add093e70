//! `twir bench`: how long compiling an archive takes (median of several runs), and how big
//! the bundle is, raw and gzipped, file by file.

use crate::archive::Archive;
use anyhow::{Context, Result};
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};
use twir_site::bundle::Bundle;
use twir_site::pathological;

/// The length of `bytes` gzipped at `level`.
pub(crate) fn gzip_len(bytes: &[u8], level: u32) -> usize {
    let mut e = GzEncoder::new(Vec::new(), Compression::new(level));
    e.write_all(bytes).expect("writing to memory");
    e.finish().expect("writing to memory").len()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Compiles the archive `runs` times (reading every file, parsing, rendering the bodies,
/// encoding the bundle; not writing it) and prints the median; then times the whole
/// `twir bundle` command (this executable, into an empty folder, without feeds) over
/// [`BUNDLE_RUNS`] runs; then prints the bundle's sizes.
pub fn bench(archive_dir: &Path, runs: usize, out_dir: Option<&Path>) -> Result<()> {
    let runs = runs.max(1);
    let mut times = Vec::with_capacity(runs);
    let mut plain_times = Vec::with_capacity(runs);
    let mut bundle = Bundle::new();
    for _ in 0..runs {
        // Without rendering: read, parse, encode the records with markdown bodies.
        let started = Instant::now();
        let archive = Archive::load(archive_dir)?;
        let _ = Bundle::markdown(&archive.parsed());
        plain_times.push(started.elapsed());
        // As `twir bundle` does it: bodies rendered to HTML in the same pass as the parse.
        let started = Instant::now();
        let mut archive = Archive::load_with(archive_dir, true, &mut |_, _| {})?;
        bundle = archive.take_bundle();
        times.push(started.elapsed());
    }
    times.sort();
    plain_times.sort();
    println!(
        "compile with markdown bodies: median {}, min {}",
        ms(plain_times[runs / 2]),
        ms(plain_times[0])
    );
    println!(
        "compile {} with bodies rendered to HTML ({} runs, {} threads): median {}, min {}, max {}",
        archive_dir.display(),
        runs,
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        ms(times[runs / 2]),
        ms(times[0]),
        ms(times[runs - 1])
    );
    let (whole, cpu) = time_bundle_command(archive_dir, BUNDLE_RUNS, out_dir)?;
    println!(
        "twir bundle, the whole command (into an empty folder, no feeds, {BUNDLE_RUNS} runs): \
         median {}, min {}, max {}; CPU {} a run (target < 500 ms in the cli profile); {}",
        ms(whole[BUNDLE_RUNS / 2]),
        ms(whole[0]),
        ms(whole[BUNDLE_RUNS - 1]),
        cpu.map_or_else(|| "-".to_string(), ms),
        load_average()
    );
    print!("{}", bundle.sizes(gzip_len));
    Ok(())
}

/// How many times `twir bench` runs the whole `twir bundle` command.
pub const BUNDLE_RUNS: usize = 5;

/// Wall times of `runs` runs of `twir bundle <archive> --out <empty folder>` (this same
/// executable, so the same build profile), sorted. Each run writes into a new folder in
/// `out_dir` (by default the system's temporary folder); they are removed after the last
/// run, not between runs: on
/// ext4, creating files soon after as many were deleted costs several times as much (the
/// allocator skips recently freed inodes), which would time the file system's bookkeeping
/// of the previous run rather than this one. Files deleted shortly before, by anything, slow
/// it down the same way: `--out-dir` on a tmpfs (`/dev/shm`) times the command alone.
/// Also returns the CPU time (user and system) of one run, the mean, if the system says.
pub fn time_bundle_command(
    archive_dir: &Path,
    runs: usize,
    out_dir: Option<&Path>,
) -> Result<(Vec<Duration>, Option<Duration>)> {
    let exe = std::env::current_exe().context("cannot find the twir executable")?;
    let base = out_dir
        .map_or_else(std::env::temp_dir, Path::to_path_buf)
        .join(format!("twir-bench-{}", std::process::id()));
    let mut times = Vec::with_capacity(runs);
    let cpu_before = children_cpu_time();
    let result = (|| {
        for i in 0..runs {
            let out = base.join(i.to_string());
            let started = Instant::now();
            let status = std::process::Command::new(&exe)
                .arg("bundle")
                .arg(archive_dir)
                .arg("--out")
                .arg(&out)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .with_context(|| format!("cannot run {}", exe.display()))?;
            times.push(started.elapsed());
            anyhow::ensure!(status.success(), "twir bundle failed ({status})");
        }
        Ok(())
    })();
    let cpu = match (cpu_before, children_cpu_time()) {
        (Some(before), Some(after)) => Some(after.saturating_sub(before) / runs.max(1) as u32),
        _ => None,
    };
    let _ = std::fs::remove_dir_all(&base);
    result?;
    times.sort();
    Ok((times, cpu))
}

/// `twir bench-pathological`: compiles each generated pathological file `runs` times as
/// `twir bundle --site-url` does (parse, render, bundle, widget data, feeds; nothing written
/// but the feeds, into a scratch folder), and prints the median wall time, the mean CPU
/// time, and what became of the file.
/// Returns whether every case stayed within [`pathological::LIMIT`].
pub fn bench_pathological(runs: usize, keep: Option<&Path>) -> Result<bool> {
    let runs = runs.max(1);
    let scratch =
        std::env::temp_dir().join(format!("twir-bench-pathological-{}", std::process::id()));
    let base = keep.unwrap_or(&scratch).to_path_buf();
    let site = twir_site::feeds::SiteUrl::parse("https://example.org/twir-explorer/")?;
    println!(
        "{} (wall times grow with it; CPU times hardly)",
        load_average()
    );
    println!(
        "{:<34} {:>9} {:>10} {:>10}  outcome ({runs} runs each, limit {} median wall)",
        "case",
        "bytes",
        "median",
        "cpu",
        ms(pathological::LIMIT)
    );
    let mut all_within = true;
    for (i, (name, text)) in pathological::cases().into_iter().enumerate() {
        let dir = base.join(format!("case-{i:02}"));
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("2020-01-01-pathological.md"), &text)?;
        let feeds = dir.join("feeds-out");
        let mut times = Vec::with_capacity(runs);
        let mut outcome = String::new();
        let cpu_before = process_cpu_time();
        for _ in 0..runs {
            let started = Instant::now();
            let mut archive = Archive::load_with(&dir, true, &mut |_, _| {})?;
            let mut bundle = archive.take_bundle();
            twir_site::widget::add_widget_files(&mut bundle, &archive.parsed());
            twir_site::feeds::write_feeds(&archive.parsed(), &site, &feeds)?;
            times.push(started.elapsed());
            outcome = match (archive.errors.first(), archive.compiled.first()) {
                (Some(e), _) => format!("refused: {}", short(&e.to_string())),
                (None, Some(c)) => match c.warnings() {
                    [] => "compiled".into(),
                    [w, ..] => format!(
                        "compiled, {} warning(s): line {}: {}",
                        c.warnings().len(),
                        w.line,
                        short(&w.message)
                    ),
                },
                (None, None) => "nothing compiled".into(),
            };
        }
        let cpu = match (cpu_before, process_cpu_time()) {
            (Some(before), Some(after)) => ms(after.saturating_sub(before) / runs as u32),
            _ => "-".into(),
        };
        std::fs::remove_dir_all(&feeds)?;
        times.sort();
        let median = times[runs / 2];
        let within = median <= pathological::LIMIT;
        all_within &= within;
        println!(
            "{name:<34} {:>9} {:>10} {cpu:>10}  {}{outcome}",
            text.len(),
            ms(median),
            if within { "" } else { "OVER THE LIMIT; " }
        );
    }
    if keep.is_none() {
        std::fs::remove_dir_all(&scratch)?;
    }
    Ok(all_within)
}

/// `load average 1.02 0.98 0.90 on 2 cores` (Linux: `/proc/loadavg`), or `load average -`.
fn load_average() -> String {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load: Vec<&str> = load.split_whitespace().take(3).collect();
    format!(
        "load average {} on {} cores",
        if load.is_empty() {
            "-".to_string()
        } else {
            load.join(" ")
        },
        std::thread::available_parallelism().map_or(1, |n| n.get())
    )
}

/// The CPU time this process has used, all threads counted (Linux: `/proc/self/stat`, in
/// clock ticks of 10 ms, so the mean over several runs is what means something).
fn process_cpu_time() -> Option<Duration> {
    cpu_times(11)
}

/// CPU time (user and system) of the waited-for child processes, from `/proc/self/stat`.
fn children_cpu_time() -> Option<Duration> {
    cpu_times(13)
}

/// The sum of the two tick counts from field `at` (after the command name) of
/// `/proc/self/stat`: utime and stime at 11, cutime and cstime at 13.
fn cpu_times(at: usize) -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat
        .get(stat.rfind(')')? + 1..)?
        .split_whitespace()
        .collect();
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; cutime
    // and cstime follow.
    let ticks: u64 =
        fields.get(at)?.parse::<u64>().ok()? + fields.get(at + 1)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The first 90 characters of a message.
fn short(text: &str) -> String {
    match text.char_indices().nth(90) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_string(),
    }
}
