//! The sharded index (`twir_search::shards`): a cold client that fetches only the files a
//! query needs gets the complete engine's first 10 results, record for record and score for
//! score (bits), over the real archive and a large query set of every kind.

use crate::support;
use std::collections::{BTreeMap, HashMap};
use twir_search::shards::{
    run_search, sample_queries, write_shards, FileId, ShardParams, ShardedSearch,
};
use twir_search::{parse_query, Filter, IndexBuilder};

/// The queries of `relevance.txt` (before `=>`).
fn relevance_queries() -> Vec<String> {
    let text = include_str!("../relevance.txt");
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .filter_map(|l| l.split_once("=>").map(|(q, _)| q.trim().to_string()))
        .filter(|q| !q.is_empty())
        .collect()
}

#[test]
fn sharded_search_gives_the_complete_engine_first_results() {
    let Some(archive) = support::archive() else {
        return;
    };
    let data = twir_site::search::from_issues(&archive.parsed()).expect("the bundle decodes");
    let index = IndexBuilder::build(&data);
    let files: HashMap<FileId, Vec<u8>> = write_shards(&index, &data, &ShardParams::default())
        .into_iter()
        .collect();
    // Deterministic: written twice, the same files.
    let again = write_shards(&index, &data, &ShardParams::default());
    assert_eq!(again.len(), files.len());
    assert!(again.iter().all(|(f, b)| files.get(f) == Some(b)));

    let mut queries: Vec<(&str, String)> = twir_cli::search::BENCH_QUERIES
        .iter()
        .map(|q| ("bench", q.to_string()))
        .collect();
    queries.extend(relevance_queries().into_iter().map(|q| ("relevance", q)));
    queries.extend(sample_queries(&index, &data, 400));
    let mut by_kind: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for (kind, text) in &queries {
        let q = parse_query(text);
        let want = index.search(&q, &Filter::default(), 10);
        let mut s = ShardedSearch::new();
        let (got, trips) = run_search(
            &mut s,
            &|f| files.get(&f).cloned(),
            &q,
            &Filter::default(),
            10,
        )
        .unwrap_or_else(|e| panic!("{text:?}: {e}"));
        let w: Vec<(u32, u32)> = want
            .hits
            .iter()
            .map(|h| (h.record, h.score.to_bits()))
            .collect();
        let g: Vec<(u32, u32)> = got
            .hits
            .iter()
            .map(|h| (h.record, h.score.to_bits()))
            .collect();
        if w != g {
            failures.push(format!("{kind} {text:?}: want {w:?}\n  got {g:?}"));
        }
        if got.exact_counts && (got.counts, got.total) != (want.counts, want.total) {
            failures.push(format!(
                "{kind} {text:?}: counts {:?} {} vs {:?} {}",
                got.counts, got.total, want.counts, want.total
            ));
        }
        for h in &got.hits {
            let r = index.record(h.record);
            assert_eq!(
                (h.shown.kind, h.shown.issue, h.shown.day),
                (r.kind, r.issue, r.day),
                "{text:?}"
            );
        }
        let e = by_kind.entry(kind).or_default();
        e.0 += 1;
        e.1 = e.1.max(trips.len());
        e.2 += usize::from(got.exact_counts);
    }
    for (kind, (n, trips, exact)) in &by_kind {
        eprintln!("{kind}: {n} queries, at most {trips} round trips, exact counts {exact}");
    }
    assert!(
        failures.is_empty(),
        "{} of {} queries differ:\n{}",
        failures.len(),
        queries.len(),
        failures[..failures.len().min(20)].join("\n")
    );
    assert!(queries.len() > 2000, "{}", queries.len());
}
