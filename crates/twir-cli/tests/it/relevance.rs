//! Relevance over the real archive: the queries and expected results of relevance.txt, run
//! through the same rows and engine as the app and `twir search`.

use crate::support;
use std::sync::OnceLock;
use twir_archive::bundle::Records;
use twir_search::{parse_query, Filter, IndexBuilder, Kind, SearchIndex};
use twir_site::search;

fn data() -> &'static (Records, SearchIndex) {
    static DATA: OnceLock<(Records, SearchIndex)> = OnceLock::new();
    DATA.get_or_init(|| {
        let data = search::from_issues(&support::loaded().parsed()).expect("the bundle decodes");
        let index = IndexBuilder::build(&data);
        (data, index)
    })
}

/// A hit as the test sees it.
struct Seen {
    kind: String,
    issue: u32,
    date: String,
    title: String,
}

fn run(query: &str) -> (Vec<Seen>, u32) {
    let (data, index) = data();
    let results = index.search(&parse_query(query), &Filter::default(), 20);
    let seen = (0..results.hits.len())
        .map(|i| {
            let v = search::hit_json(data, index, &results, i);
            Seen {
                kind: v["kind"].as_str().unwrap().to_string(),
                issue: v["issue"].as_u64().unwrap() as u32,
                date: v["date"].as_str().unwrap().to_string(),
                // The title, and a link's or crate's description (phrases may be there).
                title: format!(
                    "{} {}",
                    v["title"].as_str().unwrap(),
                    v["description"].as_str().unwrap_or("")
                )
                .to_lowercase(),
            }
        })
        .collect();
    (seen, results.total)
}

fn describe(seen: &[Seen]) -> String {
    seen.iter()
        .take(8)
        .map(|s| {
            let t: String = s.title.chars().take(50).collect();
            format!("\n    {} {} {} {t}", s.kind, s.issue, s.date)
        })
        .collect()
}

/// Checks one expectation; `Err` says what went wrong.
fn check(query: &str, expect: &str, seen: &[Seen], total: u32) -> Result<(), String> {
    let words: Vec<&str> = expect.split_whitespace().collect();
    let hit_is = |s: &Seen, w: &[&str]| {
        let title = w[2..].join(" ").to_lowercase();
        (w[0] == "*" || s.kind == w[0])
            && (w[1] == "*" || s.issue.to_string() == w[1])
            && s.title.contains(&title)
    };
    let ok = match words.as_slice() {
        ["first", rest @ ..] if rest.len() >= 2 => seen.first().is_some_and(|s| hit_is(s, rest)),
        ["top", n, rest @ ..] if rest.len() >= 2 => {
            let n: usize = n.parse().map_err(|_| format!("bad count in `{expect}`"))?;
            seen.iter().take(n).any(|s| hit_is(s, rest))
        }
        ["all", kind] => {
            assert!(Kind::ALL.iter().any(|k| k.name() == *kind), "kind {kind}");
            !seen.is_empty() && seen.iter().all(|s| s.kind == *kind)
        }
        ["year", y] => !seen.is_empty() && seen.iter().all(|s| s.date.starts_with(y)),
        ["before", d] => !seen.is_empty() && seen.iter().all(|s| s.date.as_str() <= *d),
        ["after", d] => !seen.is_empty() && seen.iter().all(|s| s.date.as_str() >= *d),
        ["phrase", ws @ ..] => {
            let phrase = ws.join(" ").to_lowercase();
            !seen.is_empty()
                && seen.iter().all(|s| {
                    twir_search::text::terms(&s.title)
                        .join(" ")
                        .contains(&phrase)
                })
        }
        ["min", n] => total >= n.parse::<u32>().unwrap(),
        ["max", n] => total <= n.parse::<u32>().unwrap(),
        ["none"] => total == 0 && seen.is_empty(),
        _ => return Err(format!("`{expect}` is not an expectation")),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{query}` => `{expect}` failed ({total} results):{}",
            describe(seen)
        ))
    }
}

#[test]
fn relevance_of_the_real_archive() {
    if !support::has_full_archive() {
        return;
    }
    let text = include_str!("../relevance.txt");
    let (mut queries, mut failures) = (0, Vec::new());
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (query, expects) = line.split_once(" => ").expect("query => expectation");
        queries += 1;
        let (seen, total) = run(query.trim());
        for expect in expects.split(" ; ") {
            if let Err(e) = check(query, expect.trim(), &seen, total) {
                failures.push(e);
            }
        }
    }
    assert!(queries >= 30, "only {queries} queries");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The checker itself must be able to fail.
#[test]
fn expectations_can_fail() {
    if !support::has_full_archive() {
        return;
    }
    let (seen, total) = run("bacon");
    assert!(check("bacon", "first crate 569 bacon", &seen, total).is_ok());
    assert!(check("bacon", "first crate 570 bacon", &seen, total).is_err());
    assert!(check("bacon", "first link * bacon", &seen, total).is_err());
    assert!(check("bacon", "all crate", &seen, total).is_err());
    assert!(check("bacon", "none", &seen, total).is_err());
    assert!(check("bacon", "max 1", &seen, total).is_err());
    assert!(check("bacon", "nonsense", &seen, total).is_err());
}

/// The chunked build the app runs gives the same index as a build at once.
#[test]
fn the_chunked_build_of_the_archive_is_the_same_index() {
    if !support::has_full_archive() {
        return;
    }
    let (data, index) = data();
    let mut b = IndexBuilder::new(&data.index);
    let mut steps = 0;
    while !b.step(data, 4000) {
        steps += 1;
    }
    assert!(steps > 10);
    assert_eq!(b.finish(data).to_bytes(), index.to_bytes());
    // Every distinct record once: events and updates repeated across issues are not.
    let events = index
        .records()
        .iter()
        .filter(|r| r.kind == Kind::Event)
        .count();
    assert!(
        events < data.events.len() / 2,
        "{events} of {}",
        data.events.len()
    );
    let issues = index
        .records()
        .iter()
        .filter(|r| r.kind == Kind::Issue)
        .count();
    assert_eq!(issues, data.index.issues.number.len());
}

/// `twir search` prints JSON lines with the fields maintainers and tests rely on, ranked
/// as the engine ranks them.
#[test]
fn the_command_prints_json_lines() {
    if !support::has_full_archive() {
        return;
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_twir"))
        .arg("search")
        .arg(support::dir())
        .args(["bacon", "--limit", "3"])
        .output()
        .expect("twir runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON object"))
        .collect();
    assert_eq!(lines.len(), 3);
    for v in &lines {
        for key in ["kind", "issue", "date", "title", "url", "score", "matched"] {
            assert!(v.get(key).is_some(), "no {key} in {v}");
        }
        assert!(v["issue"].is_u64() && v["score"].is_f64());
    }
    assert_eq!(lines[0]["kind"], "crate");
    assert_eq!(lines[0]["issue"], 569);
    assert_eq!(lines[0]["title"], "bacon");
    assert_eq!(lines[0]["url"], "https://dystroy.org/bacon");
    let (expected, _) = run("bacon");
    let issues: Vec<u64> = lines.iter().map(|v| v["issue"].as_u64().unwrap()).collect();
    let engine: Vec<u64> = expected
        .iter()
        .take(3)
        .map(|s| u64::from(s.issue))
        .collect();
    assert_eq!(issues, engine);
    assert!(String::from_utf8_lossy(&out.stderr).contains("results"));
}
