//! One- and two-letter prefixes typed alone are answered from results precomputed by the
//! index builder: they must be the general search's, hit for hit, over the real archive.

use crate::support;
use std::time::Instant;
use twir_search::{kind, parse_query, Filter, IndexBuilder};

#[test]
fn short_prefixes_give_the_general_search_results() {
    let Some(archive) = support::archive() else {
        return;
    };
    let data = twir_site::search::from_issues(&archive.parsed()).expect("the bundle decodes");
    // Built in small steps, as the app does: searchable first, then the short prefixes.
    let mut b = IndexBuilder::new(&data.index);
    while !b.is_searchable() {
        assert!(!b.step(&data, 1000), "searchable before done");
    }
    let (index, mut short_prefixes) = b.take_searchable().expect("searchable gives the index");
    // Before the short prefixes are in, they take the general search: the same results.
    assert!(index.short_prefixes().is_empty() && short_prefixes.left() > 20);
    let early: Vec<_> = ["a", "r", "ru", "x"]
        .iter()
        .map(|t| index.search(&parse_query(t), &Filter::default(), 50))
        .collect();
    let mut steps = 0;
    while !short_prefixes.step(&index, 1000) {
        steps += 1;
    }
    assert!(steps > 3, "in several steps: {steps}");
    assert_eq!(short_prefixes.left(), 0);
    for (t, before) in ["a", "r", "ru", "x"].iter().zip(&early) {
        assert_eq!(
            &index.search(&parse_query(t), &Filter::default(), 50),
            before,
            "{t}"
        );
    }
    let shorts = index.short_prefixes();
    let (bytes, n) = index.short_bytes();
    eprintln!("{n} short prefixes, {bytes} bytes: {shorts:?}");
    assert!(shorts.contains(&"a") && shorts.contains(&"r") && shorts.contains(&"ru"));

    // Every one- and two-letter prefix, typed alone: the same results either way.
    let alnum: Vec<char> = ('a'..='z').chain('0'..='9').collect();
    let mut queries: Vec<String> = Vec::new();
    for &c in &alnum {
        queries.push(c.to_ascii_uppercase().to_string());
        for &d in &alnum {
            queries.push(format!("{c}{d}"));
        }
    }
    queries.extend(shorts.iter().map(|s| s.to_string()));
    let all = Filter::default();
    for text in &queries {
        let q = parse_query(text);
        let fast = index.search(&q, &all, 50);
        assert_eq!(
            fast,
            index.search_general(&q, &all, 0, 50, None),
            "{text:?}"
        );
    }
    // Those with precomputed results, also with kinds (a view's or scoped), other filters
    // and fields (the general path), and pages up to the precomputed depth and beyond.
    let started = Instant::now();
    let mut general_time = std::time::Duration::ZERO;
    let filters = [
        all,
        Filter {
            kinds: kind::LINK,
            ..all
        },
        Filter {
            kinds: kind::CRATE | kind::QUOTE | kind::UPDATE,
            ..all
        },
        Filter {
            categories: 1 << 5,
            ..all
        },
    ];
    let pages = [(0, 5), (20, 20), (40, 24), (60, 20), (0, 0)];
    let mut compared = 0;
    for text in &shorts {
        for q in [
            parse_query(text),
            parse_query(&format!("kind:issue,link {text}")),
            parse_query(&format!("title:{text}")),
        ] {
            for f in &filters {
                for &(offset, limit) in &pages {
                    let fast = index.search_with(&q, f, offset, limit, None);
                    let t = Instant::now();
                    let general = index.search_general(&q, f, offset, limit, None);
                    general_time += t.elapsed();
                    assert_eq!(fast, general, "{text:?} {f:?} {offset}+{limit}");
                    compared += 1;
                }
            }
        }
        let t = Instant::now();
        index.search_general(&parse_query(text), &all, 0, 50, None);
        general_time += t.elapsed();
    }
    eprintln!(
        "{compared} searches compared in {:?} ({general_time:?} in the general path)",
        started.elapsed()
    );
}
