//! `twir bench`: how long compiling an archive takes (median of several runs), and how big
//! the bundle is, raw and gzipped, file by file.

use crate::archive::Archive;
use anyhow::Result;
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};
use twir_archive::bundle::MANIFEST_FILE;

fn gzip_len(bytes: &[u8], level: u32) -> usize {
    let mut e = GzEncoder::new(Vec::new(), Compression::new(level));
    e.write_all(bytes).expect("writing to memory");
    e.finish().expect("writing to memory").len()
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Compiles the archive `runs` times (reading every file, parsing, rendering the bodies,
/// encoding the bundle; not writing it) and prints the median, then the bundle's sizes.
pub fn bench(archive_dir: &Path, runs: usize) -> Result<()> {
    let runs = runs.max(1);
    let mut times = Vec::with_capacity(runs);
    let mut plain_times = Vec::with_capacity(runs);
    let mut files = Vec::new();
    for _ in 0..runs {
        // Without rendering: read, parse, encode the records with markdown bodies.
        let started = Instant::now();
        let archive = Archive::load(archive_dir)?;
        let parsed: Vec<_> = archive.issues().collect();
        let _ = twir_archive::bundle::bundle_files(&parsed);
        plain_times.push(started.elapsed());
        // As `twir bundle` does it: bodies rendered to HTML as well.
        let started = Instant::now();
        let archive = Archive::load_with(archive_dir, true, &mut |_, _| {})?;
        files = crate::render::bundle_with_rendered_bodies(&archive);
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
    println!(
        "{:<34} {:>10} {:>10} {:>10}",
        "bundle file", "bytes", "gzip -6", "gzip -9"
    );
    let (mut records6, mut records9, mut bodies6, mut body_count) = (0, 0, 0, 0);
    for (name, bytes) in &files {
        if name.starts_with("issues/") || name.starts_with("posts/") {
            bodies6 += gzip_len(bytes, 6);
            body_count += 1;
            continue;
        }
        let (g6, g9) = (gzip_len(bytes, 6), gzip_len(bytes, 9));
        if name != MANIFEST_FILE {
            records6 += g6;
            records9 += g9;
        }
        println!("{name:<34} {:>10} {g6:>10} {g9:>10}", bytes.len());
    }
    println!(
        "records (every file but the manifest and bodies), gzipped: {} KB at -6, {} KB at -9 (target < 1600 KB)",
        records6 / 1000,
        records9 / 1000
    );
    println!(
        "issue bodies: {body_count} files, {} KB gzipped at -6 in all",
        bodies6 / 1000
    );
    Ok(())
}
