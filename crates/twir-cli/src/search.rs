//! `twir search` and `twir bench-search`: the app's search engine (twir-search) on the
//! command line, over the records the app searches
//! ([`Records`](twir_archive::bundle::Records), decoded by [`twir_site::search`]).

use crate::archive::Archive;
use anyhow::{Context, Result};
use std::path::Path;
use std::process::ExitCode;
use twir_search::{parse_query, Filter, IndexBuilder, Kind};
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

/// `twir bench-search`: build time, memory, prebuilt size and load time, query latency
/// ([`twir_search::bench`]).
pub fn bench(archive_dir: &Path, runs: usize) -> Result<()> {
    let archive = Archive::load(archive_dir)?;
    let data = search::from_issues(&archive.parsed())?;
    let gzip = |bytes: &[u8]| crate::bench::gzip_len(bytes, 6);
    let report = twir_search::bench::run(&data, search::heap_bytes(&data), runs, gzip)
        .context("the prebuilt index does not read back")?;
    print!("{report}");
    Ok(())
}
