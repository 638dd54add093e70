//! `twir search` and `twir bench-search`: the app's search engine (twir-search) on the
//! command line, over the rows decoded from the bundle files exactly as the app decodes them,
//! so that results are ranked exactly as in the app.

use crate::archive::Archive;
use anyhow::{Context, Result};
use serde_json::{json, Map, Value};
use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};
use twir_archive::bundle::{
    CrateColumns, CrateRow, EventColumns, EventRow, Index, LinkColumns, LinkRow, Manifest,
    QuoteColumns, QuoteRow, Shared, UpdateColumns, UpdateRow, CRATES_KEY, EVENTS_KEY, INDEX_KEY,
    LINKS_KEY, MANIFEST_FILE, QUOTES_KEY, UPDATES_KEY,
};
use twir_search::{parse_query, Filter, IndexBuilder, Kind, Results, SearchIndex, Source};

/// The rows the app searches, decoded from bundle files.
pub struct SearchData {
    pub index: Index,
    pub links: Vec<LinkRow>,
    pub crates: Vec<CrateRow>,
    pub quotes: Vec<QuoteRow>,
    pub events: Vec<EventRow>,
    pub updates: Vec<UpdateRow>,
}

impl SearchData {
    /// Decodes the bundle's files (as `bundle_files` returns them) the way the app does.
    pub fn from_files(files: &[(String, Vec<u8>)]) -> Result<Self> {
        let get = |name: &str| -> Result<&[u8]> {
            files
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, b)| b.as_slice())
                .with_context(|| format!("the bundle has no {name}"))
        };
        let manifest = Manifest::from_json(get(MANIFEST_FILE)?)?;
        let file = |key: &str| -> Result<&[u8]> { get(&manifest.file(key)?.path) };
        Ok(SearchData {
            index: Index::from_json(file(INDEX_KEY)?)?,
            links: LinkColumns::from_json(file(LINKS_KEY)?)?.into_rows()?,
            crates: CrateColumns::from_json(file(CRATES_KEY)?)?.into_rows(),
            quotes: QuoteColumns::from_json(file(QUOTES_KEY)?)?.into_rows(),
            events: EventColumns::from_json(file(EVENTS_KEY)?)?.into_rows()?,
            updates: UpdateColumns::from_json(file(UPDATES_KEY)?)?.into_rows()?,
        })
    }

    /// Compiles a loaded archive into bundle files in memory and decodes them.
    pub fn from_archive(archive: &Archive) -> Result<Self> {
        let parsed: Vec<_> = archive.issues().collect();
        Self::from_files(&twir_archive::bundle::bundle_files(&parsed))
    }

    pub fn source(&self) -> Source<'_> {
        Source {
            index: &self.index,
            links: &self.links,
            crates: &self.crates,
            quotes: &self.quotes,
            events: &self.events,
            updates: &self.updates,
        }
    }

    pub fn build(&self) -> SearchIndex {
        IndexBuilder::build(&self.source())
    }

    /// Bytes the decoded rows hold (string capacities included; a text that rows share, and
    /// a shared tag set, counted once), for the memory figure.
    pub fn heap_bytes(&self) -> usize {
        use std::cell::RefCell;
        use std::collections::HashSet;
        use std::mem::size_of;
        let seen = RefCell::new(HashSet::new());
        let s = |s: &String| s.capacity();
        let o = |s: &Option<String>| s.as_ref().map_or(0, String::capacity);
        // An Arc's allocation: two counts and the text, once however many rows point to it.
        let a = |t: &Shared| {
            if seen.borrow_mut().insert(t.as_ptr() as usize) {
                2 * size_of::<usize>() + t.len()
            } else {
                0
            }
        };
        let ao = |t: &Option<Shared>| t.as_ref().map_or(0, a);
        let links: usize = self
            .links
            .iter()
            .map(|l| {
                let tags = if seen.borrow_mut().insert(l.tags.as_ptr() as usize) {
                    2 * size_of::<usize>()
                        + l.tags.len() * size_of::<String>()
                        + l.tags.iter().map(s).sum::<usize>()
                } else {
                    0
                };
                a(&l.heading) + s(&l.title) + s(&l.url) + o(&l.description) + tags
            })
            .sum();
        let crates: usize = self
            .crates
            .iter()
            .map(|c| {
                s(&c.name)
                    + s(&c.url)
                    + o(&c.description)
                    + o(&c.suggested_by)
                    + o(&c.suggested_by_url)
            })
            .sum();
        let quotes: usize = self
            .quotes
            .iter()
            .map(|q| s(&q.text) + o(&q.author) + o(&q.source) + o(&q.url) + o(&q.suggested_by))
            .sum();
        let events: usize = self
            .events
            .iter()
            .map(|e| {
                ao(&e.location)
                    + ao(&e.group)
                    + ao(&e.group_url)
                    + ao(&e.title)
                    + ao(&e.url)
                    + ao(&e.region)
            })
            .sum();
        let updates: usize = self
            .updates
            .iter()
            .map(|u| a(&u.title) + ao(&u.url) + ao(&u.group) + ao(&u.disposition))
            .sum();
        links
            + crates
            + quotes
            + events
            + updates
            + self.links.capacity() * size_of::<LinkRow>()
            + self.crates.capacity() * size_of::<CrateRow>()
            + self.quotes.capacity() * size_of::<QuoteRow>()
            + self.events.capacity() * size_of::<EventRow>()
            + self.updates.capacity() * size_of::<UpdateRow>()
    }

    /// One hit as a JSON object: `kind`, `issue`, `date`, `title`, `url`, `score`, then
    /// fields of its kind, and the terms it matched.
    pub fn hit_json(&self, search: &SearchIndex, results: &Results, at: usize) -> Value {
        let hit = results.hits[at];
        let r = search.record(hit.record);
        let row = r.row as usize;
        let mut m = Map::new();
        m.insert("kind".into(), json!(r.kind.name()));
        m.insert("issue".into(), json!(r.issue));
        let date = twir_archive::Date::from_days(r.day).to_string();
        m.insert("date".into(), json!(date));
        let issue_url;
        let (title, url): (&str, Option<&str>) = match r.kind {
            Kind::Link => {
                let l = &self.links[row];
                m.insert("category".into(), json!(l.category.slug()));
                if let Some(d) = &l.description {
                    m.insert("description".into(), json!(d));
                }
                (&l.title, Some(&l.url))
            }
            Kind::Crate => {
                let c = &self.crates[row];
                m.insert("description".into(), json!(c.description));
                (&c.name, Some(&c.url))
            }
            Kind::Quote => {
                let q = &self.quotes[row];
                m.insert("author".into(), json!(q.author));
                (&q.text, q.url.as_deref())
            }
            Kind::Event => {
                let e = &self.events[row];
                m.insert("group".into(), json!(e.group.as_deref()));
                m.insert("location".into(), json!(e.location.as_deref()));
                m.insert("event_date".into(), json!(e.date.map(|d| d.to_string())));
                let title = e
                    .title
                    .as_deref()
                    .or(e.group.as_deref())
                    .unwrap_or_default();
                (title, e.url.as_deref())
            }
            Kind::Update => {
                let u = &self.updates[row];
                m.insert("update_kind".into(), json!(u.kind));
                m.insert("group".into(), json!(u.group.as_deref()));
                (&u.title, u.url.as_deref())
            }
            Kind::Issue => {
                issue_url = format!("?view=issue&issue={}", r.issue);
                (&self.index.issues.title[row], Some(issue_url.as_str()))
            }
        };
        m.insert("title".into(), json!(title));
        m.insert("url".into(), json!(url));
        m.insert("score".into(), json!(hit.score));
        m.insert(
            "matched".into(),
            json!(search.hit_terms(hit.record, &results.highlighter)),
        );
        Value::Object(m)
    }
}

/// `twir search`: the top results as JSON lines, then the counts on stderr.
pub fn search(archive_dir: &Path, query: &str, limit: usize) -> Result<ExitCode> {
    let archive = Archive::load(archive_dir)?;
    for e in &archive.errors {
        eprintln!("{}/{e}", archive.root.display());
    }
    let data = SearchData::from_archive(&archive)?;
    let index = data.build();
    let results = index.search(&parse_query(query), &Filter::default(), limit);
    let mut out = String::new();
    for i in 0..results.hits.len() {
        out.push_str(&data.hit_json(&index, &results, i).to_string());
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

/// The fixed query set of `twir bench-search`: one-letter and short prefixes, typos,
/// phrases, scopes, common and rare words.
pub const BENCH_QUERIES: &[&str] = &[
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

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    e.write_all(bytes).expect("writing to memory");
    e.finish().expect("writing to memory").len()
}

/// `twir bench-search`: build time, memory, prebuilt size and load time, query latency.
pub fn bench(archive_dir: &Path, runs: usize) -> Result<()> {
    let runs = runs.max(1);
    let archive = Archive::load(archive_dir)?;
    let data = SearchData::from_archive(&archive)?;
    let mut builds = Vec::with_capacity(runs);
    let mut index = data.build();
    for _ in 0..runs {
        let started = Instant::now();
        index = data.build();
        builds.push(started.elapsed());
    }
    builds.sort();
    // The longest step of a chunked build, as the app runs it.
    const STEP: usize = 4000;
    let mut b = IndexBuilder::new(&data.index);
    let (mut longest, mut steps) = (Duration::ZERO, 0);
    loop {
        let started = Instant::now();
        let done = b.step(&data.source(), STEP);
        longest = longest.max(started.elapsed());
        steps += 1;
        if done {
            break;
        }
    }
    let kinds: Vec<String> = Kind::ALL
        .iter()
        .map(|k| {
            let n = index.records().iter().filter(|r| r.kind == *k).count();
            format!("{n} {}", k.name())
        })
        .collect();
    println!(
        "records: {} ({}); {} terms; {} postings",
        index.records().len(),
        kinds.join(", "),
        index.vocabulary_len(),
        index.postings_len()
    );
    println!(
        "build ({runs} runs): median {:.1} ms, min {:.1} ms, max {:.1} ms; chunked by {STEP} records: {steps} steps, longest {:.1} ms",
        ms(builds[runs / 2]),
        ms(builds[0]),
        ms(builds[runs - 1]),
        ms(longest)
    );
    let _ = index.search(&parse_query("warm up"), &Filter::default(), 50);
    let index_bytes = index.heap_bytes();
    let data_bytes = data.heap_bytes();
    println!(
        "rows: {} link, {} crate, {} quote, {} event listings, {} update listings",
        data.links.len(),
        data.crates.len(),
        data.quotes.len(),
        data.events.len(),
        data.updates.len()
    );
    println!(
        "memory: index {:.2} MB, decoded rows {:.2} MB, together {:.2} MB (sum of capacities)",
        index_bytes as f64 / 1e6,
        data_bytes as f64 / 1e6,
        (index_bytes + data_bytes) as f64 / 1e6
    );
    let bytes = index.to_bytes();
    let mut loads = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = Instant::now();
        let back = SearchIndex::from_bytes(&bytes).context("the index reads back")?;
        loads.push(started.elapsed());
        drop(back);
    }
    loads.sort();
    let started = Instant::now();
    let _ = index.to_bytes();
    let write = started.elapsed();
    println!(
        "prebuilt: {:.0} KB raw, {:.0} KB gzip -6; write {:.1} ms, read median {:.1} ms",
        bytes.len() as f64 / 1e3,
        gzip_len(&bytes) as f64 / 1e3,
        ms(write),
        ms(loads[runs / 2])
    );
    // Latency: every query `rounds` times, warm.
    let rounds = 20;
    let mut all = Vec::new();
    let mut worst: Vec<(Duration, &str, u32)> = Vec::new();
    for q in BENCH_QUERIES {
        let mut times = Vec::with_capacity(rounds);
        let mut total = 0;
        for _ in 0..rounds {
            let started = Instant::now();
            let query = parse_query(q);
            let r = index.search(&query, &Filter::default(), 50);
            times.push(started.elapsed());
            total = r.total;
        }
        times.sort();
        worst.push((times[rounds / 2], q, total));
        all.extend(times);
    }
    all.sort();
    let pct = |p: usize| all[(all.len() * p / 100).min(all.len() - 1)];
    println!(
        "queries: {} × {rounds}, limit 50: p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms",
        BENCH_QUERIES.len(),
        ms(pct(50)),
        ms(pct(95)),
        ms(all[all.len() - 1])
    );
    worst.sort_by_key(|w| std::cmp::Reverse(w.0));
    for (t, q, total) in worst.iter().take(8) {
        println!(
            "  slowest: {q:<24} median {:.3} ms, {total} results",
            ms(*t)
        );
    }
    Ok(())
}
