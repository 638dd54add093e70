//! Damaged bundles: the sample archive's bundle (built in memory from `archive/`), edited as
//! a broken build, a bad disk or a hostile host would edit it. Every decoder refuses it with
//! a `BundleError` that says what is wrong, or decodes it: never a panic (debug builds check
//! overflows) and never a table sized by a number from the file.
//!
//! Runs natively (`cargo test -p twir-site --test it damaged_bundle`, a debug build) and on
//! wasm32, where `usize` is 32 bits, in node (`cargo test --target wasm32-unknown-unknown
//! -p twir-site --test it`, with `wasm-bindgen-test-runner` as the runner set in
//! `.cargo/config.toml`).

#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use serde_json::{json, Value};
use twir_archive::bundle::{
    BundleError, CrateColumns, EventColumns, Index, IssueDays, LinkColumns, Manifest, OtherColumns,
    QuoteColumns, UpdateColumns, EVENTS_KEY, INDEX_KEY, LINKS_KEY, OTHERS_KEY, UPDATES_KEY,
};
use twir_archive::parse::parse_issue;
use twir_archive::Date;
use twir_site::bundle::Bundle;

/// The sample archive, as `twir bundle` reads it from `archive/`.
const SAMPLE: [&str; 5] = [
    include_str!("../../../../archive/000_549cfd427d09cf91.txt"),
    include_str!("../../../../archive/001_4617adc33c20daef.txt"),
    include_str!("../../../../archive/002_d4bedbdc5aaa2816.txt"),
    include_str!("../../../../archive/003_a7224cf5cd8a9145.txt"),
    include_str!("../../../../archive/004_6512093a7a3bdcd2.txt"),
];

/// One file of the sample's bundle, as JSON to edit.
fn sample(key: &str) -> Value {
    let parsed: Vec<_> = SAMPLE.iter().map(|t| parse_issue(t).unwrap()).collect();
    let files = Bundle::markdown(&parsed.iter().collect::<Vec<_>>());
    let manifest = Manifest::from_json(&files.manifest_json()).unwrap();
    let path = &manifest.file(key).unwrap().path;
    let bytes = files.file(path).unwrap();
    serde_json::from_slice(bytes).unwrap()
}

fn bytes(v: &Value) -> Vec<u8> {
    serde_json::to_vec(v).unwrap()
}

/// The message of an `Inconsistent` error (any other outcome fails the test).
fn inconsistent<T>(r: Result<T, BundleError>) -> String {
    match r {
        Err(BundleError::Inconsistent(why)) => why,
        Err(e) => panic!("expected Inconsistent, got: {e}"),
        Ok(_) => panic!("expected Inconsistent, the damaged file was accepted"),
    }
}

/// The message of a `Json` error: the file is not of the bundle's shape (serde's message,
/// which for a column decoded on the way names the column).
fn json_error<T>(r: Result<T, BundleError>) -> String {
    match r {
        Err(BundleError::Json(e)) => e.to_string(),
        Err(e) => panic!("expected Json, got: {e}"),
        Ok(_) => panic!("expected Json, the damaged file was accepted"),
    }
}

fn events_rows(v: &Value) -> Result<Vec<twir_archive::bundle::EventRow>, BundleError> {
    EventColumns::from_json(&bytes(v))?.into_rows()
}

fn updates_rows(v: &Value) -> Result<Vec<twir_archive::bundle::UpdateRow>, BundleError> {
    UpdateColumns::from_json(&bytes(v))?.into_rows()
}

#[test]
fn the_sample_bundle_decodes_whole() {
    let index = Index::from_json(&bytes(&sample(INDEX_KEY))).unwrap();
    let numbers: Vec<u32> = index.issues().map(|r| r.number).collect();
    assert_eq!(numbers, [520, 532, 569, 572, 576]);
    let links = LinkColumns::from_json(&bytes(&sample(LINKS_KEY)))
        .unwrap()
        .into_rows()
        .unwrap();
    assert!(!links.is_empty());
    assert!(!events_rows(&sample(EVENTS_KEY)).unwrap().is_empty());
    assert!(!updates_rows(&sample(UPDATES_KEY)).unwrap().is_empty());
    // The sample has no other items; the file decodes to none.
    let others = OtherColumns::from_json(&bytes(&sample(OTHERS_KEY))).unwrap();
    assert_eq!(others.rows().unwrap().len(), others.issue.len());
}

#[test]
fn the_largest_issue_numbers_decode_and_are_found_without_a_table_of_their_size() {
    for huge in [u32::MAX, 665_000_000] {
        let mut v = sample(INDEX_KEY);
        // The newest issue (576, last) renumbered: the numbers still ascend.
        v["issues"]["number"][4] = json!(huge);
        let index = Index::from_json(&bytes(&v)).unwrap();
        let days = IssueDays::new(&index);
        assert_eq!(days.len(), 5);
        let date = |n| days.get(n).map(|d| Date::from_days(d).to_string());
        assert_eq!(date(huge).as_deref(), Some("2024-12-04"), "{huge}");
        assert_eq!(date(576), None);
        assert_eq!(date(520).as_deref(), Some("2023-11-08"));
        assert_eq!(date(huge - 1), None);
        assert_eq!(date(0), None);
        assert_eq!(date(u32::MAX - 1), None);

        // Records of that issue keep its number.
        let mut links = sample(LINKS_KEY);
        let runs = links["issue"].as_array_mut().unwrap();
        let last = runs.len() - 1;
        runs[last][0] = json!(huge);
        let rows = LinkColumns::from_json(&bytes(&links))
            .unwrap()
            .into_rows()
            .unwrap();
        assert_eq!(rows.last().unwrap().issue, huge);
    }
}

#[test]
fn an_index_with_numbers_out_of_order_or_out_of_range_is_refused() {
    let mut v = sample(INDEX_KEY);
    v["issues"]["number"][4] = json!(569);
    assert_eq!(
        inconsistent(Index::from_json(&bytes(&v))),
        "the issue numbers do not ascend (572 before 569)"
    );
    for beyond in [json!(4_294_967_296u64), json!(-1), json!(1.5)] {
        let mut v = sample(INDEX_KEY);
        v["issues"]["number"][4] = beyond.clone();
        json_error(Index::from_json(&bytes(&v)));
    }
}

#[test]
fn any_i32_day_is_a_date() {
    let mut v = sample(INDEX_KEY);
    v["issues"]["date"][0] = json!(i32::MIN);
    v["issues"]["date"][4] = json!(i32::MAX);
    let index = Index::from_json(&bytes(&v)).unwrap();
    let dates: Vec<Date> = index.issues().map(|r| r.date).collect();
    assert_eq!(dates[0], Date::MIN);
    assert_eq!(dates[4], Date::MAX);
    assert_eq!(dates[4].to_string(), "5881580-07-11");
    v["issues"]["date"][4] = json!(i64::from(i32::MAX) + 1);
    json_error(Index::from_json(&bytes(&v)));
}

#[test]
fn truncated_files_and_columns_of_different_lengths_are_refused() {
    for key in [INDEX_KEY, LINKS_KEY, EVENTS_KEY, UPDATES_KEY, OTHERS_KEY] {
        let b = bytes(&sample(key));
        for cut in [0, 1, b.len() / 2, b.len() - 1] {
            let part = &b[..cut];
            let e = match key {
                INDEX_KEY => Index::from_json(part).map(drop),
                LINKS_KEY => LinkColumns::from_json(part).map(drop),
                EVENTS_KEY => EventColumns::from_json(part).map(drop),
                UPDATES_KEY => UpdateColumns::from_json(part).map(drop),
                _ => OtherColumns::from_json(part).map(drop),
            };
            json_error(e);
        }
    }
    let mut v = sample(INDEX_KEY);
    v["issues"]["title"].as_array_mut().unwrap().pop();
    assert_eq!(
        inconsistent(Index::from_json(&bytes(&v))),
        "the issue columns differ in length: [5, 5, 4, 5, 5, 5, 5, 5]"
    );
    let mut v = sample(EVENTS_KEY);
    v["online"].as_array_mut().unwrap().pop();
    assert!(inconsistent(events_rows(&v)).starts_with("the event columns differ in length"));
    let mut v = sample(UPDATES_KEY);
    v["url"]["shape"].as_array_mut().unwrap().pop();
    assert!(inconsistent(updates_rows(&v)).starts_with("the update columns differ in length"));
    for (key, column) in [("crates", "name"), ("quotes", "author")] {
        let mut v = sample(key);
        let col = v[column].as_array_mut().unwrap();
        if col.is_empty() {
            col.push(Value::Null);
        } else {
            col.pop();
        }
        let e = if key == "crates" {
            CrateColumns::from_json(&bytes(&v)).map(drop)
        } else {
            QuoteColumns::from_json(&bytes(&v)).map(drop)
        };
        assert!(
            inconsistent(e).contains("columns differ in length"),
            "{key}"
        );
    }
}

#[test]
fn indices_past_their_tables_are_refused() {
    let mut v = sample(LINKS_KEY);
    v["tags"][0] = json!(u32::MAX);
    assert!(inconsistent(LinkColumns::from_json(&bytes(&v)))
        .starts_with("an index in the link columns (4294967295) points past its table"));
    let mut v = sample(OTHERS_KEY);
    v["issue"] = json!([[520, 1]]);
    v["heading"] = json!([u32::MAX]);
    v["headings"] = json!(["Rust Jobs"]);
    v["text"] = json!(["a job"]);
    v["url"] = json!([null]);
    assert_eq!(
        inconsistent(OtherColumns::from_json(&bytes(&v))),
        "an index in the other item columns (4294967295) points past its table (1 entries)"
    );
    v["heading"] = json!([0]);
    assert_eq!(
        OtherColumns::from_json(&bytes(&v)).unwrap().rows().unwrap()[0].heading,
        "Rust Jobs"
    );
    let mut v = sample(EVENTS_KEY);
    let row = v["region"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| !r.is_null())
        .expect("a sample event with a region");
    v["region"][row] = json!(u32::MAX);
    assert!(inconsistent(events_rows(&v)).starts_with("a region index (4294967295)"));
    let mut v = sample(UPDATES_KEY);
    v["kind"][0] = json!(200);
    assert!(inconsistent(updates_rows(&v)).starts_with("a kind index (200)"));
}

#[test]
fn overflowing_day_deltas_are_refused() {
    // Day deltas whose running sum leaves i64 (a debug build panicked, a release build
    // wrapped), then i32.
    for deltas in [
        json!([1, i64::MAX]),
        json!([-1, i64::MIN]),
        json!([i32::MAX, 1]),
        json!([i32::MIN, -1]),
    ] {
        let mut v = sample(EVENTS_KEY);
        let date = v["date"].as_array_mut().unwrap();
        date[0] = deltas[0].clone();
        date[1] = deltas[1].clone();
        let e = json_error(EventColumns::from_json(&bytes(&v)));
        assert!(e.contains("date: a day out of range"), "{deltas}: {e}");
    }
    // The last day an i32 holds decodes; an event running past it is refused.
    let mut v = sample(EVENTS_KEY);
    let date = v["date"].as_array_mut().unwrap();
    for d in date.iter_mut() {
        *d = Value::Null;
    }
    date[0] = json!(i32::MAX);
    v["days"][0] = json!(0);
    let rows = events_rows(&v).unwrap();
    assert_eq!(rows[0].date, Some(Date::MAX));
    v["days"][0] = json!(3);
    assert_eq!(
        inconsistent(events_rows(&v)),
        "an event's `days` run past the last date"
    );
}

#[test]
fn overflowing_repeat_deltas_and_gaps_are_refused() {
    let v = sample(EVENTS_KEY);
    assert!(
        !v["repeats"]["gap"].as_array().unwrap().is_empty(),
        "the sample repeats events"
    );
    for back in [
        json!([1, i64::MAX]),
        json!([-1]),
        json!([i64::from(u32::MAX) + 1]),
    ] {
        let mut v = sample(EVENTS_KEY);
        let col = v["repeats"]["back"].as_array_mut().unwrap();
        for (i, b) in back.as_array().unwrap().iter().enumerate() {
            col[i] = b.clone();
        }
        let e = json_error(EventColumns::from_json(&bytes(&v)));
        assert!(
            e.contains("repeats: a `back` points outside"),
            "{back}: {e}"
        );
    }
    // A gap past the records, and one that overflows a 32-bit position (wasm32's usize)
    // when added to the position of the repeat before it.
    for at in [0, 1] {
        let mut v = sample(EVENTS_KEY);
        v["repeats"]["gap"][at] = json!(u32::MAX);
        assert_eq!(
            inconsistent(events_rows(&v)),
            "the repeats do not fit the records"
        );
    }
    let mut v = sample(EVENTS_KEY);
    v["repeats"]["gap"].as_array_mut().unwrap().pop();
    let e = json_error(EventColumns::from_json(&bytes(&v)));
    assert!(e.contains("the repeat columns differ in length"), "{e}");
}

#[test]
fn issue_runs_of_more_records_than_the_cap_are_refused_before_allocating() {
    for count in [u32::MAX, 10_000_001] {
        let mut v = sample(UPDATES_KEY);
        v["issue"][0][1] = json!(count);
        let e = json_error(UpdateColumns::from_json(&bytes(&v)));
        assert!(e.contains("more than 10 million records"), "{count}: {e}");
    }
    // Many runs whose counts overflow a u32 sum.
    let mut v = sample(LINKS_KEY);
    v["issue"] = json!([[1, u32::MAX], [2, u32::MAX], [3, 2]]);
    json_error(LinkColumns::from_json(&bytes(&v)));
}

/// The positions, in the URL column's `delta`, of two GitHub URLs of one shape.
fn two_of_one_shape(urls: &Value) -> (usize, usize) {
    let shapes: Vec<u64> = urls["shape"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_u64().unwrap())
        .filter(|&s| s != 0)
        .collect();
    (0..shapes.len())
        .find_map(|i| {
            let j = (i + 1..shapes.len()).find(|&j| shapes[j] == shapes[i])?;
            Some((i, j))
        })
        .expect("the sample has two pull requests of one repository")
}

#[test]
fn overflowing_url_numbers_and_bad_shapes_are_refused() {
    let v = sample(UPDATES_KEY);
    let (i, j) = two_of_one_shape(&v["url"]);
    for (a, b) in [(i64::MAX, 1), (i64::MIN, -1)] {
        let mut v = v.clone();
        v["url"]["delta"][i] = json!(a);
        v["url"]["delta"][j] = json!(b);
        assert_eq!(inconsistent(updates_rows(&v)), "URL column: number");
    }
    let mut v = v.clone();
    let repos = v["url"]["repos"].as_array().unwrap().len() as u64;
    let first = v["url"]["shape"]
        .as_array()
        .unwrap()
        .iter()
        .position(|s| s.as_u64() != Some(0))
        .unwrap();
    v["url"]["shape"][first] = json!(2 * repos + 1);
    assert_eq!(inconsistent(updates_rows(&v)), "URL column: repo");
    v["url"]["shape"][first] = json!(u32::MAX);
    assert_eq!(inconsistent(updates_rows(&v)), "URL column: repo");
    let mut v = sample(UPDATES_KEY);
    v["url"]["delta"].as_array_mut().unwrap().pop();
    assert_eq!(
        inconsistent(updates_rows(&v)),
        "URL column: too few numbers"
    );
    let mut v = sample(UPDATES_KEY);
    v["url"]["delta"].as_array_mut().unwrap().push(json!(1));
    assert_eq!(
        inconsistent(updates_rows(&v)),
        "URL column: values left over"
    );
}
