//! The sharded index (`twir_search::shards`): a cold client that fetches only the files a
//! query needs gets the complete engine's first 10 results, record for record and score for
//! score (bits), over the real archive and a large query set of every kind.

use crate::support;
use std::collections::{BTreeMap, HashMap};
use twir_search::shards::{run_search, write_shards, FileId, ShardParams, ShardedSearch};
use twir_search::{parse_query, Filter, IndexBuilder};

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

    // twir_search::bench::QUERIES, relevance.txt's, and every kind of sampled query (twir bench-shards').
    let queries = twir_cli::shards::query_set(&index, &data, 400);
    // And one engine kept across every query, as a reader typing one query after another
    // (files accumulate).
    let mut warm = ShardedSearch::new();
    let mut by_kind: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for (i, (kind, text)) in queries.iter().enumerate() {
        let q = parse_query(text);
        let want = index.search(&q, &Filter::default(), 10);
        let mut s = ShardedSearch::new();
        // Both ways of asking for a typo's vocabulary.
        s.typos_early = i % 2 == 0;
        let fetch = |f: FileId| files.get(&f).cloned();
        let (got, trips) = run_search(&mut s, &fetch, &q, &Filter::default(), 10)
            .unwrap_or_else(|e| panic!("{text:?}: {e}"));
        let (again, _) = run_search(&mut warm, &fetch, &q, &Filter::default(), 10)
            .unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(
            again.hits, got.hits,
            "{text:?} with the files of earlier queries"
        );
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
