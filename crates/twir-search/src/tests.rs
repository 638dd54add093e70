//! Ranking and matching on small synthetic data.

use crate::*;
use std::sync::Arc;
use twir_archive::bundle::{CrateRow, EventRow, Index, LinkRow, QuoteRow, Records, UpdateRow};
use twir_archive::model::UpdateKind;
use twir_archive::taxonomy::Category;

fn link(issue: u32, title: &str, category: Category) -> LinkRow {
    LinkRow {
        issue,
        category,
        heading: "".into(),
        title: title.into(),
        url: format!("https://example.com/{issue}/{}", title.len()),
        tags: Vec::new().into(),
        description: None,
    }
}

fn data() -> Records {
    let mut index = Index::default();
    for n in 1..=10u32 {
        index.issues.number.push(n);
        // Weekly from 2020-01-01 (18262).
        index.issues.date.push(18262 + 7 * n as i32);
        index.issues.title.push(format!("This Week in Rust {n}"));
    }
    let links = vec![
        link(1, "Tokio: an async runtime", Category::Official),
        link(2, "Why async Rust is hard", Category::Observations),
        link(
            3,
            "Zero cost abstractions explained",
            Category::Walkthroughs,
        ),
        link(4, "The cost of zero", Category::Observations),
        link(9, "Tokio", Category::ProjectUpdates),
        link(10, "Tokei counts lines", Category::ProjectUpdates),
        link(5, "Async closures, finally", Category::Official),
    ];
    let crates = vec![CrateRow {
        issue: 6,
        name: "bacon".into(),
        url: "https://crates.io/crates/bacon".into(),
        description: Some("a background code checker".into()),
        suggested_by: None,
        suggested_by_url: None,
        self_suggested: false,
    }];
    let quotes = vec![QuoteRow {
        issue: 7,
        text: "Bacon is tasty, and so is async Rust".into(),
        author: Some("Ferris Crab".into()),
        source: None,
        url: None,
        suggested_by: None,
    }];
    let event = |issue| EventRow {
        issue,
        date: twir_archive::Date::new(2020, 3, 1),
        end_date: None,
        location: Some("Berlin, DE".into()),
        group: Some("Rust Berlin".into()),
        group_url: None,
        title: Some("Rust Hack and Learn".into()),
        url: Some("https://meetup.com/1".into()),
        region: Some("Europe".into()),
        online: false,
    };
    let events = vec![event(7), event(8), event(9)];
    let update = |issue, kind, title: &str| UpdateRow {
        issue,
        kind,
        title: title.into(),
        url: Some(format!("https://github.com/rust-lang/rust/pull/{}", title.len()).into()),
        group: Some("Rust".into()),
        disposition: None,
    };
    let updates = vec![
        update(8, UpdateKind::PullRequest, "make async drop work"),
        update(9, UpdateKind::PullRequest, "make async drop work"),
        update(9, UpdateKind::NewRfc, "RFC: async closures"),
    ];
    Records {
        index: Arc::new(index),
        links: Arc::new(links),
        crates: Arc::new(crates),
        quotes: Arc::new(quotes),
        events: Arc::new(events),
        updates: Arc::new(updates),
    }
}

fn index(d: &Records) -> SearchIndex {
    IndexBuilder::build(d)
}

/// (kind, row) of each hit.
fn find(ix: &SearchIndex, q: &str) -> Vec<(Kind, u32)> {
    ix.search(&parse_query(q), &Filter::default(), 50)
        .hits
        .iter()
        .map(|h| {
            let r = ix.record(h.record);
            (r.kind, r.row)
        })
        .collect()
}

#[test]
fn repeated_events_and_updates_are_indexed_once_with_their_newest_issue() {
    let d = data();
    let ix = index(&d);
    let events: Vec<&Record> = ix
        .records()
        .iter()
        .filter(|r| r.kind == Kind::Event)
        .collect();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].issue, 9);
    let updates = ix
        .records()
        .iter()
        .filter(|r| r.kind == Kind::Update)
        .count();
    assert_eq!(updates, 2);
    assert_eq!(ix.records().len(), 10 + 7 + 1 + 1 + 1 + 2);
    let r = ix.search(&parse_query("hack learn"), &Filter::default(), 10);
    assert_eq!(r.total, 1);
}

#[test]
fn a_chunked_build_is_the_same_index() {
    let d = data();
    let whole = index(&d);
    for budget in [1, 2, 5, 1000] {
        let mut b = IndexBuilder::new(&d.index);
        let mut steps = 0;
        while !b.step(&d, budget) {
            steps += 1;
            assert!(steps < 10_000);
        }
        let ix = b.finish(&d);
        assert_eq!(ix.to_bytes(), whole.to_bytes(), "budget {budget}");
        if budget == 1 {
            assert!(steps > 20);
        }
    }
}

#[test]
fn a_step_reports_its_work_and_starts_whole_index_phases_on_its_own() {
    let d = data();
    let mut b = IndexBuilder::new(&d.index);
    let mut phases = Vec::new();
    // A budget far larger than the data: without the phase rule, one step would do it all.
    while !b.step(&d, 1_000_000) {
        assert!(b.last_work() <= 1_000_000);
        phases.push(b.phase());
        assert!(phases.len() < 100);
    }
    // The record phases go in one step; each whole-index phase begins a step of its own.
    assert_eq!(phases.first(), Some(&"updates"), "{phases:?}");
    for p in ["vocabulary", "postings"] {
        assert!(phases.contains(&p), "{p} starts a step: {phases:?}");
    }
    // The last step took the index and listed the short prefixes, on its own.
    assert_eq!(b.phase(), "done");
    assert!(b.last_work() < 1_000_000);
}

#[test]
fn only_the_postings_and_short_prefix_phases_are_costlier() {
    let d = data();
    let mut b = IndexBuilder::new(&d.index);
    let mut seen = vec![(b.phase(), b.in_costlier_phase())];
    while !b.step(&d, 1) {
        seen.push((b.phase(), b.in_costlier_phase()));
    }
    seen.dedup();
    for (phase, costlier) in &seen {
        let expected = matches!(*phase, "postings" | "shorts");
        assert_eq!(*costlier, expected, "{phase}: {seen:?}");
    }
    assert!(seen.iter().any(|p| p.1) && seen.iter().any(|p| !p.1));
}

#[test]
fn the_serialised_index_reads_back_the_same() {
    let d = data();
    let ix = index(&d);
    let bytes = ix.to_bytes();
    let back = SearchIndex::from_bytes(&bytes).expect("reads back");
    assert_eq!(back.to_bytes(), bytes);
    assert_eq!(find(&back, "tokio"), find(&ix, "tokio"));
    assert!(SearchIndex::from_bytes(&bytes[..bytes.len() - 1]).is_none());
    assert!(SearchIndex::from_bytes(b"").is_none());
}

/// The reason `read_bytes` gives for `bytes`.
fn refusal(bytes: &[u8]) -> String {
    match SearchIndex::read_bytes(bytes) {
        Err(twir_archive::bundle::BundleError::Inconsistent(why)) => why,
        Err(e) => panic!("another error: {e}"),
        Ok(_) => panic!("a damaged image was accepted"),
    }
}

/// The record count of an index image.
fn records_in(bytes: &[u8]) -> usize {
    u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize
}

#[test]
fn a_record_past_the_masks_is_in_no_filter_and_no_panic() {
    let filter = Filter::default();
    for kind in [Kind::Link, Kind::Update] {
        for sub in [15, 16, 200, u8::MAX] {
            let r = Record {
                kind,
                sub,
                issue: 1,
                day: 0,
                row: 0,
            };
            assert_eq!(filter.accepts(&r), sub == 15, "{kind:?} {sub}");
        }
    }
}

#[test]
fn a_damaged_index_image_is_refused_with_the_reason() {
    let bytes = index(&data()).to_bytes();
    let put = |b: &mut Vec<u8>, at: usize, v: u32| b[at..at + 4].copy_from_slice(&v.to_le_bytes());
    assert!(refusal(&bytes[..bytes.len() - 1]).contains("idf runs past the end"));
    assert!(refusal(b"").contains("the newest day runs past the end"));
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(refusal(&longer).contains("1 bytes left over"));
    // A record count no image of this size can hold: refused before anything is allocated.
    for n in [u32::MAX, 665_000_000] {
        let mut b = bytes.clone();
        put(&mut b, 4, n);
        assert!(refusal(&b).contains(&format!("{n} records in")), "{n}");
    }
    // The first record: kind 9 is no kind.
    let mut b = bytes.clone();
    b[8] = 9;
    assert!(refusal(&b).contains("record 0 has kind 9"));
    // A link's category and an update's kind past the filter masks' 16 bits (found by the
    // `search` fuzz target: `Filter::accepts` shifted 1 by them and overflowed).
    for kind in [Kind::Link, Kind::Update] {
        let i = (0..records_in(&bytes))
            .find(|i| bytes[8 + 14 * i] == kind as u8)
            .expect("a record of the kind");
        let mut b = bytes.clone();
        b[8 + 14 * i + 1] = 16;
        assert!(
            refusal(&b).contains(&format!("record {i} has sub-kind 16, past 15")),
            "{kind:?}"
        );
    }
    // The vocabulary's length, then the next array's count, beyond the bytes (a count times 4
    // that overflows 32 bits included).
    let records = u32::from_le_bytes(bytes[4..8].try_into().unwrap()) as usize;
    let vocab_at = 8 + 14 * records;
    let mut b = bytes.clone();
    put(&mut b, vocab_at, u32::MAX);
    assert!(refusal(&b).contains("the vocabulary runs past the end"));
    let vocab_len = u32::from_le_bytes(bytes[vocab_at..vocab_at + 4].try_into().unwrap()) as usize;
    let ends_at = vocab_at + 4 + vocab_len;
    for n in [u32::MAX, 0x4000_0001] {
        let mut b = bytes.clone();
        put(&mut b, ends_at, n);
        assert!(refusal(&b).contains("vocab_ends runs past the end"), "{n}");
    }
    // Vocabulary bytes that are not UTF-8.
    let mut b = bytes.clone();
    b[vocab_at + 4] = 0xff;
    assert!(refusal(&b).contains("not UTF-8"));
    // The first vocabulary end past the vocabulary: every array is checked against the others.
    let mut b = bytes.clone();
    put(&mut b, ends_at + 4, u32::MAX);
    assert!(refusal(&b).contains("vocab_ends do not ascend"));
}

#[test]
fn records_of_any_day_score_without_overflow() {
    // An image whose newest day is i32::MAX (issue 9) and whose other issues lie at i32::MIN:
    // the recency of every hit is computed in a debug build without overflowing.
    let mut d = data();
    let dates = &mut Arc::make_mut(&mut d.index).issues.date;
    for day in dates.iter_mut() {
        *day = i32::MIN;
    }
    dates[8] = i32::MAX;
    let ix = index(&d);
    assert_eq!(ix.newest_day(), i32::MAX);
    let back = SearchIndex::read_bytes(&ix.to_bytes()).expect("reads back");
    let hits = back
        .search(&parse_query("tokio"), &Filter::default(), 50)
        .hits;
    let issues: Vec<u32> = hits.iter().map(|h| back.record(h.record).issue).collect();
    assert_eq!(issues, [9, 1]);
    assert!(hits.iter().all(|h| h.score.is_finite() && h.score > 0.0));
}

#[test]
fn issue_numbers_up_to_u32_max_index_without_a_table_of_that_size() {
    let mut d = data();
    // The newest issue renumbered to the largest u32, and one to a typo's 665000000; the
    // rows of those issues follow them.
    let numbers = &mut Arc::make_mut(&mut d.index).issues.number;
    numbers[8] = 665_000_000;
    numbers[9] = u32::MAX;
    for l in Arc::make_mut(&mut d.links) {
        l.issue = match l.issue {
            9 => 665_000_000,
            10 => u32::MAX,
            n => n,
        };
    }
    let ix = index(&d);
    let day_of = |issue: u32| {
        ix.records()
            .iter()
            .find(|r| r.kind == Kind::Link && r.issue == issue)
            .map(|r| r.day)
    };
    assert_eq!(day_of(u32::MAX), Some(d.index.issues.date[9]));
    assert_eq!(day_of(665_000_000), Some(d.index.issues.date[8]));
    assert_eq!(day_of(1), Some(d.index.issues.date[0]));
    let filter = Filter {
        issues: (u32::MAX, u32::MAX),
        ..Filter::default()
    };
    let hits = ix.search(&parse_query("tokei"), &filter, 10).hits;
    assert_eq!(hits.len(), 1);
    assert_eq!(ix.record(hits[0].record).issue, u32::MAX);
}

#[test]
fn every_term_must_match() {
    let d = data();
    let ix = index(&d);
    assert_eq!(find(&ix, "async runtime "), [(Kind::Link, 0)]);
    assert!(find(&ix, "async nonexistentword ").is_empty());
}

#[test]
fn a_crate_name_outranks_mentions_and_whole_titles_outrank_longer_ones() {
    let d = data();
    let ix = index(&d);
    let hits = find(&ix, "bacon");
    assert_eq!(hits[0], (Kind::Crate, 0));
    assert_eq!(hits[1], (Kind::Quote, 0));
    // "Tokio" alone (issue 9) before "Tokio: an async runtime" (issue 1).
    assert_eq!(find(&ix, "tokio "), [(Kind::Link, 4), (Kind::Link, 0)]);
}

#[test]
fn typos_find_the_word_but_never_outrank_it() {
    let d = data();
    let ix = index(&d);
    // tokoi is one edit from tokio (a transposition) and from tokei (a substitution):
    // both are found, the more frequent tokio first.
    let hits = find(&ix, "tokoi ");
    assert_eq!(hits, [(Kind::Link, 4), (Kind::Link, 0), (Kind::Link, 5)]);
    // An exact word is not "corrected": tokei finds Tokei only (tokio is two edits
    // from tokei, beyond a 5-letter word's one typo).
    assert_eq!(find(&ix, "tokei "), [(Kind::Link, 5)]);
    let r = ix.search(&parse_query("asnyc "), &Filter::default(), 50);
    assert!(r.total >= 5, "{r:?}");
    assert!(r.highlighter.terms.contains(&"async".to_string()));
    // Short words get no typo: "rsut" is four letters and finds rust, "rst" finds nothing.
    assert!(find(&ix, "rst ").is_empty());
    assert!(!find(&ix, "rsut ").is_empty());
}

#[test]
fn the_last_word_is_a_prefix_and_exact_words_rank_first() {
    let d = data();
    let ix = index(&d);
    let r = ix.search(&parse_query("a"), &Filter::default(), 3);
    assert_eq!(r.hits.len(), 3);
    assert!(r.total > 8);
    assert_eq!(r.counts.iter().sum::<u32>(), r.total);
    // "asy" finds async everywhere.
    let r = ix.search(&parse_query("asy"), &Filter::default(), 50);
    assert_eq!(r.total, 6, "{r:?}");
}

#[test]
fn phrases_need_their_words_in_a_row() {
    let d = data();
    let ix = index(&d);
    assert_eq!(find(&ix, "\"zero cost\""), [(Kind::Link, 2)]);
    assert_eq!(find(&ix, "zero cost "), [(Kind::Link, 3), (Kind::Link, 2)]);
    assert!(find(&ix, "\"cost zero\"").is_empty());
    assert!(find(&ix, "\"zero nothing\"").is_empty());
}

#[test]
fn scopes_and_filters_combine() {
    let d = data();
    let ix = index(&d);
    assert_eq!(find(&ix, "crate:bacon"), [(Kind::Crate, 0)]);
    assert_eq!(find(&ix, "quote:bacon"), [(Kind::Quote, 0)]);
    assert_eq!(find(&ix, "author:ferris"), [(Kind::Quote, 0)]);
    assert!(find(&ix, "author:tokio").is_empty());
    assert_eq!(
        find(&ix, "cat:official async "),
        [(Kind::Link, 6), (Kind::Link, 0)]
    );
    assert_eq!(find(&ix, "kind:rfc"), [(Kind::Update, 2)]);
    assert_eq!(find(&ix, "kind:crate"), [(Kind::Crate, 0)]);
    // Scopes alone list newest first.
    let issues = find(&ix, "kind:issue issue:3-5");
    assert_eq!(
        issues,
        [(Kind::Issue, 4), (Kind::Issue, 3), (Kind::Issue, 2)]
    );
    // Dates: issue 1 is 2020-01-08, issue 10 is 2020-03-11.
    assert_eq!(find(&ix, "tokio before:2020-01-09 "), [(Kind::Link, 0)]);
    assert_eq!(find(&ix, "tokio after:2020-02 "), [(Kind::Link, 4)]);
    assert_eq!(find(&ix, "tokio year:2020 ").len(), 2);
    assert!(find(&ix, "tokio year:2021 ").is_empty());
    // A view's filter, and a predicate.
    let q = parse_query("async ");
    let f = Filter {
        kinds: kind::LINK,
        ..Filter::default()
    };
    let r = ix.search(&q, &f, 50);
    assert_eq!(r.total, 3);
    assert_eq!(r.counts[Kind::Link as usize], 3);
    let odd = |_: u32, r: &Record| r.issue % 2 == 1;
    let r = ix.search_with(&q, &f, 0, 50, Some(&odd));
    assert_eq!(r.total, 2);
    let page2 = ix.search_with(&q, &f, 1, 1, Some(&odd));
    assert_eq!(page2.hits.len(), 1);
    assert_eq!(page2.hits[0], r.hits[1]);
}

#[test]
fn recency_breaks_ties_towards_the_newest_issue() {
    let d = data();
    let ix = index(&d);
    let r = ix.search(&parse_query("this week "), &Filter::default(), 50);
    let issues: Vec<u32> = r.hits.iter().map(|h| ix.record(h.record).issue).collect();
    assert_eq!(issues, (1..=10).rev().collect::<Vec<_>>());
    assert!(r.hits[0].score > r.hits[9].score);
}

#[test]
fn hostile_queries_return_nothing_or_something_sane() {
    let d = data();
    let ix = index(&d);
    for q in ["", "   ", "\"", "!!!", "::", "\"\"", "cat:", "é", "日本"] {
        let r = ix.search(&parse_query(q), &Filter::default(), 50);
        assert!(r.total as usize >= r.hits.len(), "{q}");
    }
    let huge = "tokio ".repeat(50_000);
    assert_eq!(find(&ix, &huge).len(), 2);
    assert!(ix
        .search(&parse_query("async"), &Filter::default(), 0)
        .hits
        .is_empty());
}

#[test]
fn highlighting_marks_what_matched() {
    let d = data();
    let ix = index(&d);
    let r = ix.search(&parse_query("tokoi asy"), &Filter::default(), 50);
    let text = "Tokio: an async runtime";
    let marked: Vec<&str> = highlight(text, &r.highlighter)
        .into_iter()
        .filter(|(_, m)| *m)
        .map(|(range, _)| &text[range])
        .collect();
    assert_eq!(marked, ["Tokio", "async"]);
    let hit = r.hits[0].record;
    assert_eq!(ix.hit_terms(hit, &r.highlighter), ["async", "tokio"]);
}

#[test]
fn memory_is_counted() {
    let d = data();
    let ix = index(&d);
    assert!(ix.heap_bytes() > ix.postings_len() * 5);
}

#[test]
fn a_vocabulary_too_large_for_16_bit_terms_searches_the_same() {
    // 70,000 distinct words (beyond the 65,471 that 16-bit term ids hold), in the same
    // phrases as the small data's, so that the widened sequence is checked by phrases,
    // WHOLE bits and highlighting.
    let mut d = data();
    for n in 0..7000u32 {
        let words: Vec<String> = (0..10).map(|k| format!("w{}x", n * 10 + k)).collect();
        Arc::make_mut(&mut d.links).push(link(1 + n % 10, &words.join(" "), Category::Research));
    }
    let ix = index(&d);
    assert!(ix.vocabulary_len() > 70_000);
    assert!(!ix.seq.is_narrow());
    assert_eq!(find(&ix, "\"zero cost\""), [(Kind::Link, 2)]);
    assert!(find(&ix, "\"cost zero\"").is_empty());
    assert_eq!(find(&ix, "tokio "), [(Kind::Link, 4), (Kind::Link, 0)]);
    assert_eq!(find(&ix, "\"w69998x w69999x\""), [(Kind::Link, 7 + 6999)]);
    assert!(find(&ix, "\"w69999x w69998x\"").is_empty());
    let bytes = ix.to_bytes();
    let back = SearchIndex::from_bytes(&bytes).expect("reads back");
    assert!(!back.seq.is_narrow());
    assert_eq!(back.to_bytes(), bytes);
    // The small data alone stays narrow.
    assert!(index(&data()).seq.is_narrow());
}

#[test]
fn rows_whose_hashes_collide_are_still_told_apart() {
    let d = data();
    let mut b = IndexBuilder::new(&d.index);
    // Rows 0 and 1 are the same record, 2 differs from both, all under one hash.
    let same = |a: usize, b: usize| (a < 2) == (b < 2);
    assert!(!b.repeated(7, 0, &|r| same(r, 0)));
    assert!(b.repeated(7, 1, &|r| same(r, 1)));
    assert!(
        !b.repeated(7, 2, &|r| same(r, 2)),
        "a collision is a record"
    );
    assert!(
        b.repeated(7, 3, &|r| r == 2),
        "a repeat of the collided row"
    );
    assert!(!b.repeated(8, 4, &|_| true), "another hash");
}

#[test]
fn a_builder_gives_its_index_only_once_searchable() {
    let d = data();
    let mut b = IndexBuilder::new(&d.index);
    b.step(&d, 3);
    assert!(!b.is_searchable());
    assert!(b.take_searchable().is_none(), "not after three records");
    while !b.is_searchable() {
        b.step(&d, 3);
    }
    let (ix, mut shorts) = b.take_searchable().expect("searchable");
    assert!(b.take_searchable().is_none(), "once");
    while !shorts.step(&ix, 3) {}
    assert_eq!(ix.to_bytes(), index(&d).to_bytes());
    assert_eq!(find(&ix, "tokio "), [(Kind::Link, 4), (Kind::Link, 0)]);
}
