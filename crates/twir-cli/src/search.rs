//! `twir search` and `twir bench-search`: the app's search engine (twir-search) on the
//! command line, over the records the app searches
//! ([`Records`](twir_archive::bundle::Records), decoded by [`twir_site::search`]).

use crate::archive::Archive;
use anyhow::{Context, Result};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use twir_search::{parse_query, Filter, IndexBuilder, Kind, SearchIndex};
use twir_site::search;

/// `twir search`: the top results as JSON lines, then the counts on stderr.
pub fn search(archive_dir: &Path, query: &str, limit: usize) -> Result<ExitCode> {
    let archive = Archive::load(archive_dir)?;
    for e in &archive.errors {
        eprintln!("{}/{e}", archive.root.display());
    }
    let data = search::from_issues(&archive.parsed())?;
    let index = IndexBuilder::build(&data);
    let results = index.search(&parse_query(query), &Filter::default(), limit);
    let mut out = String::new();
    for i in 0..results.hits.len() {
        out.push_str(&search::hit_json(&data, &index, &results, i).to_string());
        out.push('\n');
    }
    print!("{out}");
    let counts: Vec<String> = Kind::ALL
        .iter()
        .map(|k| format!("{} {}", results.counts[*k as usize], k.name()))
        .collect();
    eprintln!(
        "twir: {} results ({}), {} shown",
        results.total,
        counts.join(", "),
        results.hits.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// The fixed query set of `twir bench-search`: one-letter and short prefixes, typos,
/// phrases, scopes, common and rare words.
pub const BENCH_QUERIES: &[&str] = &[
    "a",
    "s",
    "t",
    "r",
    "c",
    "e",
    "m",
    "p",
    "as",
    "ru",
    "se",
    "to",
    "asy",
    "tok",
    "ser",
    "rust",
    "the",
    "rust ",
    "the ",
    "async",
    "async ",
    "tokio ",
    "serde ",
    "bacon",
    "tokoi",
    "asnyc",
    "serde_jsno",
    "compiller",
    "\"zero cost\"",
    "\"async fn\"",
    "\"rust foundation\"",
    "crate:serde",
    "quote:unsafe",
    "author:",
    "cat:walkthroughs async",
    "year:2023 async",
    "before:2016 rust",
    "after:2022 wasm",
    "kind:pr const",
    "async trait",
    "error handling ",
    "embedded rust",
    "game engine",
    "webassembly",
    "rust 2024 edition",
];

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    e.write_all(bytes).expect("writing to memory");
    e.finish().expect("writing to memory").len()
}

/// `twir bench-search`: build time, memory, prebuilt size and load time, query latency.
pub fn bench(archive_dir: &Path, runs: usize) -> Result<()> {
    let runs = runs.max(1);
    let archive = Archive::load(archive_dir)?;
    let data = search::from_issues(&archive.parsed())?;
    let mut builds = Vec::with_capacity(runs);
    let mut index = IndexBuilder::build(&data);
    for _ in 0..runs {
        let started = Instant::now();
        index = IndexBuilder::build(&data);
        builds.push(started.elapsed());
    }
    builds.sort();
    // The longest step of a chunked build, as the app runs it.
    const STEP: usize = 4000;
    let mut b = IndexBuilder::new(&data.index);
    let (mut longest, mut steps) = (Duration::ZERO, 0);
    loop {
        let started = Instant::now();
        let done = b.step(&data, STEP);
        longest = longest.max(started.elapsed());
        steps += 1;
        if done {
            break;
        }
    }
    let kinds: Vec<String> = Kind::ALL
        .iter()
        .map(|k| {
            let n = index.records().iter().filter(|r| r.kind == *k).count();
            format!("{n} {}", k.name())
        })
        .collect();
    println!(
        "records: {} ({}); {} terms; {} postings",
        index.records().len(),
        kinds.join(", "),
        index.vocabulary_len(),
        index.postings_len()
    );
    println!(
        "build ({runs} runs): median {:.1} ms, min {:.1} ms, max {:.1} ms; chunked by {STEP} records: {steps} steps, longest {:.1} ms",
        ms(builds[runs / 2]),
        ms(builds[0]),
        ms(builds[runs - 1]),
        ms(longest)
    );
    let _ = index.search(&parse_query("warm up"), &Filter::default(), 50);
    let index_bytes = index.heap_bytes();
    let data_bytes = search::heap_bytes(&data);
    println!(
        "rows: {} link, {} crate, {} quote, {} event listings, {} update listings",
        data.links.len(),
        data.crates.len(),
        data.quotes.len(),
        data.events.len(),
        data.updates.len()
    );
    println!(
        "memory: index {:.2} MB, decoded rows {:.2} MB, together {:.2} MB (sum of capacities)",
        index_bytes as f64 / 1e6,
        data_bytes as f64 / 1e6,
        (index_bytes + data_bytes) as f64 / 1e6
    );
    let bytes = index.to_bytes();
    let mut loads = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let back = SearchIndex::from_bytes(&bytes).context("the index reads back")?;
        loads.push(started.elapsed());
        drop(back);
    }
    loads.sort();
    let started = Instant::now();
    let _ = index.to_bytes();
    let write = started.elapsed();
    println!(
        "prebuilt: {:.0} KB raw, {:.0} KB gzip -6; write {:.1} ms, read median {:.1} ms",
        bytes.len() as f64 / 1e3,
        gzip_len(&bytes) as f64 / 1e3,
        ms(write),
        ms(loads[runs / 2])
    );
    // Latency: every query `rounds` times, warm.
    let rounds = 20;
    let mut all = Vec::new();
    let mut worst: Vec<(Duration, &str, u32)> = Vec::new();
    for q in BENCH_QUERIES {
        let mut times = Vec::with_capacity(rounds);
        let mut total = 0;
        for _ in 0..rounds {
            let started = Instant::now();
            let query = parse_query(q);
            let r = index.search(&query, &Filter::default(), 50);
            times.push(started.elapsed());
            total = r.total;
        }
        times.sort();
        worst.push((times[rounds / 2], q, total));
        all.extend(times);
    }
    all.sort();
    let pct = |p: usize| all[(all.len() * p / 100).min(all.len() - 1)];
    println!(
        "queries: {} × {rounds}, limit 50: p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms",
        BENCH_QUERIES.len(),
        ms(pct(50)),
        ms(pct(95)),
        ms(all[all.len() - 1])
    );
    worst.sort_by_key(|w| std::cmp::Reverse(w.0));
    for (t, q, total) in worst.iter().take(8) {
        println!(
            "  slowest: {q:<24} median {:.3} ms, {total} results",
            ms(*t)
        );
    }
    Ok(())
}
