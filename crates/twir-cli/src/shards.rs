//! `twir bench-shards`: what a cold client fetches per query from the sharded search index
//! (`twir_search::shards`), by kind of query, and the index's size and build time.

use crate::archive::Archive;
use crate::bench::gzip_len;
use anyhow::{bail, Result};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::Instant;
use twir_search::shards::{
    run_search, sample_queries, write_shards, FileId, ShardParams, ShardedSearch,
};
use twir_search::{parse_query, Filter, IndexBuilder};
use twir_site::search;

/// The queries of `tests/relevance.txt` (before `=>`).
pub fn relevance_queries() -> Vec<String> {
    include_str!("../tests/relevance.txt")
        .lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once("=>").map(|(q, _)| q.trim().to_string()))
        .filter(|q| !q.is_empty())
        .collect()
}

/// The query set of the comparison test and of `twir bench-shards`, by kind: the search
/// benchmark's queries, relevance.txt's, and [`sample_queries`] (`n` vocabulary terms).
pub fn query_set(
    index: &twir_search::SearchIndex,
    data: &twir_archive::bundle::Records,
    n: usize,
) -> Vec<(&'static str, String)> {
    let mut queries: Vec<(&'static str, String)> = twir_search::bench::QUERIES
        .iter()
        .map(|q| ("bench", q.to_string()))
        .collect();
    queries.extend(relevance_queries().into_iter().map(|q| ("relevance", q)));
    queries.extend(sample_queries(index, data, n));
    queries
}

fn pct(v: &mut [usize], p: usize) -> usize {
    v.sort_unstable();
    v.get((v.len() * p / 100).min(v.len().saturating_sub(1)))
        .copied()
        .unwrap_or(0)
}

/// `twir bench-shards`: per kind of query, files, round trips and gzipped bytes a cold client
/// fetches (p50 / p95 / max) and the partial engine's time (reading the files and searching,
/// natively), checking every answer against the complete engine.
pub fn bench(
    archive_dir: &Path,
    params: &ShardParams,
    samples: usize,
    only: Option<&str>,
    typos_early: bool,
) -> Result<()> {
    let started = Instant::now();
    let archive = Archive::load(archive_dir)?;
    let data = search::from_issues(&archive.parsed())?;
    let loaded = started.elapsed();
    let index = IndexBuilder::build(&data);
    let started = Instant::now();
    let files = write_shards(&index, &data, params);
    let build = started.elapsed();
    let gz: HashMap<FileId, usize> = files.iter().map(|(f, b)| (*f, gzip_len(b, 9))).collect();
    let mut by_type: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for (f, b) in &files {
        let name = f.name();
        let t = match name.split_once('/') {
            Some((t, _)) => t,
            None => name.as_str(),
        };
        let t: &str = match t {
            "s" => "term shards (s/)",
            "t" => "tails (t/)",
            "v" => "vocabularies (v/)",
            "d" => "display (d/)",
            "q" => "term sequences (q/)",
            "p" => "short prefixes (p/)",
            "k" => "kinds (k/)",
            "b" => "term pairs (b/)",
            "root" => "root",
            _ => "issues",
        };
        let e = by_type.entry(t).or_default();
        e.0 += 1;
        e.1 += b.len();
        e.2 += gz[f];
    }
    let files: HashMap<FileId, Vec<u8>> = files.into_iter().collect();
    println!(
        "archive {}: {} records, {} terms; loaded in {:.1} s; shards written in {:.0} ms ({params:?})",
        archive_dir.display(),
        index.records().len(),
        index.vocabulary_len(),
        loaded.as_secs_f64(),
        build.as_secs_f64() * 1000.0
    );
    let (mut n, mut raw, mut gzs) = (0, 0, 0);
    for (t, (k, r, g)) in &by_type {
        println!(
            "  {t:<22} {k:>7} files {:>8.0} KB raw {:>8.0} KB gzip -9",
            *r as f64 / 1e3,
            *g as f64 / 1e3
        );
        (n, raw, gzs) = (n + k, raw + r, gzs + g);
    }
    println!(
        "  {:<22} {n:>7} files {:>8.0} KB raw {:>8.0} KB gzip -9; root {:.1} KB gzip",
        "all",
        raw as f64 / 1e3,
        gzs as f64 / 1e3,
        gz[&FileId::Root] as f64 / 1e3
    );
    let queries = match only {
        Some(q) => vec![("query", q.to_string())],
        None => query_set(&index, &data, samples),
    };
    // kind → (files, trips, bytes) per query, and the worst query by bytes.
    type Stats = (
        Vec<usize>,
        Vec<usize>,
        Vec<usize>,
        (usize, String),
        Vec<usize>,
    );
    let mut stats: BTreeMap<&str, Stats> = BTreeMap::new();
    let mut wrong = 0;
    for (kind, text) in &queries {
        let q = parse_query(text);
        let mut s = ShardedSearch::new();
        s.typos_early = typos_early;
        let started = Instant::now();
        let (got, trips) = run_search(
            &mut s,
            &|f| files.get(&f).cloned(),
            &q,
            &Filter::default(),
            10,
        )?;
        let micros = started.elapsed().as_micros() as usize;
        let want = index.search(&q, &Filter::default(), 10);
        let same = got.hits.len() == want.hits.len()
            && got
                .hits
                .iter()
                .zip(&want.hits)
                .all(|(g, w)| g.record == w.record && g.score.to_bits() == w.score.to_bits());
        if !same {
            wrong += 1;
            eprintln!("differs from the complete engine: {text:?}");
        }
        if only.is_some() {
            for (i, t) in trips.iter().enumerate() {
                let names: Vec<String> = t
                    .iter()
                    .map(|f| format!("{} ({} B)", f.name(), gz[f]))
                    .collect();
                println!("round trip {}: {}", i + 1, names.join(", "));
            }
        }
        let fetched: Vec<FileId> = trips.iter().flatten().copied().collect();
        let bytes: usize = fetched.iter().map(|f| gz[f]).sum();
        let e = stats.entry(kind).or_default();
        e.0.push(fetched.len());
        e.1.push(trips.len());
        e.2.push(bytes);
        e.4.push(micros);
        if bytes > e.3 .0 {
            e.3 = (bytes, text.clone());
        }
    }
    println!(
        "{} queries, limit 10, cold (root included, one round trip each); p50 / p95 / max:",
        queries.len()
    );
    println!(
        "  {:<11} {:>5} {:>14} {:>12} {:>20} {:>14}   worst",
        "kind", "n", "files", "round trips", "KB gzip -9", "ms (p50/max)"
    );
    for (kind, (mut f, mut t, mut b, worst, mut us)) in stats {
        let n = f.len();
        println!(
            "  {kind:<11} {n:>5} {:>4} {:>4} {:>4} {:>4} {:>3} {:>3} {:>6.1} {:>6.1} {:>6.1} {:>6.2} {:>6.2}   {:?}",
            pct(&mut f, 50),
            pct(&mut f, 95),
            pct(&mut f, 100),
            pct(&mut t, 50),
            pct(&mut t, 95),
            pct(&mut t, 100),
            pct(&mut b, 50) as f64 / 1e3,
            pct(&mut b, 95) as f64 / 1e3,
            pct(&mut b, 100) as f64 / 1e3,
            pct(&mut us, 50) as f64 / 1e3,
            pct(&mut us, 100) as f64 / 1e3,
            worst.1
        );
    }
    if wrong > 0 {
        bail!("{wrong} queries differ from the complete engine");
    }
    Ok(())
}
