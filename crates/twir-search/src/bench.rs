//! The search benchmark that `twir bench-search` prints: how long the index takes to build,
//! whole and in the app's chunks, its size and memory, how fast its prebuilt bytes read back,
//! and how long the fixed [`QUERIES`] take. Measurement only: the caller loads the records
//! and prints the [`Report`].

use crate::{parse_query, Filter, IndexBuilder, Kind, SearchIndex};
use std::fmt;
use std::time::{Duration, Instant};
use twir_archive::bundle::Records;

/// The fixed query set: one-letter and short prefixes, typos, phrases, scopes, common and
/// rare words.
pub const QUERIES: &[&str] = &[
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

/// Records per step of the chunked build, as the app runs it.
pub const STEP: usize = 4000;

/// How many times each query runs (warm) for the latency figures.
pub const ROUNDS: usize = 20;

/// Limit of results per query, as the app asks.
const LIMIT: usize = 50;

/// What [`run`] measured.
pub struct Report {
    pub runs: usize,
    /// Records of each kind, in [`Kind::ALL`] order, and in all.
    pub records: [usize; 6],
    pub total_records: usize,
    pub terms: usize,
    pub postings: usize,
    /// Whole builds, sorted.
    pub builds: Vec<Duration>,
    /// The chunked build: how many steps of [`STEP`] records, and the longest.
    pub steps: usize,
    pub longest_step: Duration,
    /// Rows of each listing: links, crates, quotes, events, updates.
    pub rows: [usize; 5],
    pub index_bytes: usize,
    pub rows_bytes: usize,
    /// The prebuilt index: its length, gzipped at -6, the time to write it, and the median
    /// time to read it back.
    pub prebuilt: usize,
    pub prebuilt_gzip: usize,
    pub write: Duration,
    pub read: Duration,
    /// Every query's [`ROUNDS`] times, sorted.
    pub latencies: Vec<Duration>,
    /// Each query's median, its text and how many results it has, slowest first.
    pub slowest: Vec<(Duration, &'static str, u32)>,
}

/// Measures the index of `src`: `runs` whole builds, one chunked build, the prebuilt bytes
/// (`rows_bytes` is the caller's figure for the decoded records' memory; `gzip` the length of bytes
/// gzipped at level 6), and every query of [`QUERIES`] [`ROUNDS`] times.
pub fn run(
    src: &Records,
    rows_bytes: usize,
    runs: usize,
    gzip: impl Fn(&[u8]) -> usize,
) -> Option<Report> {
    let runs = runs.max(1);
    let mut builds = Vec::with_capacity(runs);
    let mut index = IndexBuilder::build(src);
    for _ in 0..runs {
        let started = Instant::now();
        index = IndexBuilder::build(src);
        builds.push(started.elapsed());
    }
    builds.sort();
    let mut b = IndexBuilder::new(&src.index);
    let (mut longest_step, mut steps) = (Duration::ZERO, 0);
    loop {
        let started = Instant::now();
        let done = b.step(src, STEP);
        longest_step = longest_step.max(started.elapsed());
        steps += 1;
        if done {
            break;
        }
    }
    let records = Kind::ALL.map(|k| index.records().iter().filter(|r| r.kind == k).count());
    let _ = index.search(&parse_query("warm up"), &Filter::default(), LIMIT);
    let index_bytes = index.heap_bytes();
    let bytes = index.to_bytes();
    let mut reads = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let back = SearchIndex::from_bytes(&bytes)?;
        reads.push(started.elapsed());
        drop(back);
    }
    reads.sort();
    let started = Instant::now();
    let _ = index.to_bytes();
    let write = started.elapsed();
    let mut latencies = Vec::new();
    let mut slowest = Vec::new();
    for q in QUERIES {
        let mut times = Vec::with_capacity(ROUNDS);
        let mut total = 0;
        for _ in 0..ROUNDS {
            let started = Instant::now();
            let r = index.search(&parse_query(q), &Filter::default(), LIMIT);
            times.push(started.elapsed());
            total = r.total;
        }
        times.sort();
        slowest.push((times[ROUNDS / 2], *q, total));
        latencies.extend(times);
    }
    latencies.sort();
    slowest.sort_by_key(|w| std::cmp::Reverse(w.0));
    Some(Report {
        runs,
        records,
        total_records: index.records().len(),
        terms: index.vocabulary_len(),
        postings: index.postings_len(),
        builds,
        steps,
        longest_step,
        rows: [
            src.links.len(),
            src.crates.len(),
            src.quotes.len(),
            src.events.len(),
            src.updates.len(),
        ],
        index_bytes,
        rows_bytes,
        prebuilt: bytes.len(),
        prebuilt_gzip: gzip(&bytes),
        write,
        read: reads[runs / 2],
        latencies,
        slowest,
    })
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kinds: Vec<String> = Kind::ALL
            .iter()
            .map(|k| format!("{} {}", self.records[*k as usize], k.name()))
            .collect();
        writeln!(
            f,
            "records: {} ({}); {} terms; {} postings",
            self.total_records,
            kinds.join(", "),
            self.terms,
            self.postings
        )?;
        let (runs, builds) = (self.runs, &self.builds);
        writeln!(
            f,
            "build ({runs} runs): median {:.1} ms, min {:.1} ms, max {:.1} ms; chunked by {STEP} records: {} steps, longest {:.1} ms",
            ms(builds[runs / 2]),
            ms(builds[0]),
            ms(builds[runs - 1]),
            self.steps,
            ms(self.longest_step)
        )?;
        let [links, crates, quotes, events, updates] = self.rows;
        writeln!(
            f,
            "rows: {links} link, {crates} crate, {quotes} quote, {events} event listings, {updates} update listings"
        )?;
        writeln!(
            f,
            "memory: index {:.2} MB, decoded rows {:.2} MB, together {:.2} MB (sum of capacities)",
            self.index_bytes as f64 / 1e6,
            self.rows_bytes as f64 / 1e6,
            (self.index_bytes + self.rows_bytes) as f64 / 1e6
        )?;
        writeln!(
            f,
            "prebuilt: {:.0} KB raw, {:.0} KB gzip -6; write {:.1} ms, read median {:.1} ms",
            self.prebuilt as f64 / 1e3,
            self.prebuilt_gzip as f64 / 1e3,
            ms(self.write),
            ms(self.read)
        )?;
        let all = &self.latencies;
        let pct = |p: usize| all[(all.len() * p / 100).min(all.len() - 1)];
        writeln!(
            f,
            "queries: {} × {ROUNDS}, limit {LIMIT}: p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms",
            QUERIES.len(),
            ms(pct(50)),
            ms(pct(95)),
            ms(all[all.len() - 1])
        )?;
        for (t, q, total) in self.slowest.iter().take(8) {
            writeln!(
                f,
                "  slowest: {q:<24} median {:.3} ms, {total} results",
                ms(*t)
            )?;
        }
        Ok(())
    }
}
