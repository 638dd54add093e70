//! The inputs on which `scripts/fuzz` found the search engine crashing, replayed as the
//! `search` target reads them (`fuzz/src/lib.rs`): a first byte, then, when it is even, a
//! query and a search-index image separated by `\n=====\n`. Each must now be refused or
//! answered, never panic.

use twir_search::{parse_query, Filter, SearchIndex};

const SEPARATOR: &[u8] = b"\n=====\n";

/// The query and the image of an even-first-byte input.
fn query_and_image(input: &[u8]) -> (&[u8], &[u8]) {
    let rest = &input[1..];
    let at = rest
        .windows(SEPARATOR.len())
        .position(|w| w == SEPARATOR)
        .expect("a query, then an image");
    (&rest[..at], &rest[at + SEPARATOR.len()..])
}

#[test]
fn an_image_with_a_link_category_past_the_filter_masks_is_refused() {
    let input = include_bytes!("fuzz-crashes/search-sub-kind-past-15.bin");
    assert_eq!(input[0] % 2, 0, "an image input");
    let (query, image) = query_and_image(input);
    assert_eq!(query, b"rust");
    let why = match SearchIndex::read_bytes(image) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("the damaged image was accepted"),
    };
    assert!(why.contains("has sub-kind"), "{why}");
    assert!(SearchIndex::from_bytes(image).is_none());
}

#[test]
fn every_saved_crash_is_refused_or_answered() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-crashes");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let input = std::fs::read(entry.unwrap().path()).unwrap();
        let (query, image) = query_and_image(&input);
        if let Some(index) = SearchIndex::from_bytes(image) {
            let q = parse_query(&String::from_utf8_lossy(query));
            let _ = index.search(&q, &Filter::default(), 20);
        }
        seen += 1;
    }
    assert!(seen >= 1);
}
