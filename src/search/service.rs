//! The search service: once a reader asks for search and the first screen is up, a
//! [`LocalResource`] downloads every record file, builds the index in steps of a few
//! milliseconds (one step per task of the event loop) and resolves to it. The search box, the
//! search view and the explorer views read it through [`Search::data`] and [`Search::status`];
//! a query typed before the index is ready runs as soon as it is (their memos read `data`).
//!
//! Usage: `Search::provide()` once in the app, `search.start(store)` when the index has
//! loaded, then `use_search()` anywhere below.

use super::bench::install_hook;
use super::stepper::{after_paint, now, yield_now, Stepper, PHASE_START};
use crate::api::{self, LoadError};
use crate::download::Download;
use crate::store::{RecordFile, Store};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use twir_archive::bundle::Records;
use twir_search::{highlight, parse_query, Filter, IndexBuilder, Kind, SearchIndex};
use twir_search::{Results, ShortPrefixes};
use wasm_bindgen::JsValue;

/// Where the search index stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Not asked for yet (no query, the box not touched), or waiting for the first screen.
    Waiting,
    /// Downloading the record files, then building: percent done.
    Preparing(u8),
    Ready,
    Failed(LoadError),
}

/// Everything a search reads: the index and the rows its records point into.
pub struct Data {
    pub index: SearchIndex,
    pub records: Records,
}

/// The search service in the context.
#[derive(Clone, Copy)]
pub struct Search {
    /// Where the index stands, for status lines and progress bars.
    pub status: Memo<Status>,
    /// The index, once built. A memo of the resource, made outside every view: a view reads
    /// it without suspending (it shows its own rows until the index is ready).
    pub data: Memo<Option<Arc<Data>>>,
    /// Whether a reader has asked for search: a query in the URL, the search view, or a
    /// touch of the search box. Until then nothing is downloaded for it: preparing search
    /// means 1.6 MB of record files and their decoding, which a phone opening the issue list
    /// should not pay for.
    pub wanted: RwSignal<bool>,
    store: RwSignal<Option<Store>>,
    /// Percent of the build done (from 80: the downloads are the first 80).
    built: RwSignal<u8>,
    /// The index's download and build, once search is wanted and the archive loaded.
    index: RwSignal<Option<Download<Data>>>,
    owner: StoredValue<Owner>,
}

/// The search service of the app.
pub fn use_search() -> Search {
    expect_context::<Search>()
}

/// Bytes received of one record file, of `total` (the manifest's size): a file counts whole
/// only once decoded.
fn received<T: Send + Sync>(f: RecordFile<T>, total: u64) -> u64 {
    if f.download().and_then(|d| d.ready()).is_some() {
        total
    } else {
        f.progress.with(|p| p.received.min(total.saturating_sub(1)))
    }
}

/// The error of one record file, if its download failed.
fn failure<T: Send + Sync>(f: RecordFile<T>) -> Option<LoadError> {
    f.download().and_then(|d| d.error())
}

impl Search {
    pub fn provide() -> Search {
        let wanted = RwSignal::new(false);
        let store = RwSignal::new(None::<Store>);
        let built = RwSignal::new(0);
        let index = RwSignal::new(None::<Download<Data>>);
        let data = Memo::new_with_compare(
            move |_| index.get().and_then(|d| d.ready()),
            |a, b| match (a, b) {
                (Some(Some(a)), Some(Some(b))) => !Arc::ptr_eq(a, b),
                (Some(None), Some(None)) => false,
                _ => true,
            },
        );
        let status = Memo::new(move |_| {
            let Some(store) = store.get().filter(|_| wanted.get()) else {
                return Status::Waiting;
            };
            match index.get().and_then(|d| d.get()) {
                Some(Ok(_)) => return Status::Ready,
                Some(Err(e)) => return Status::Failed(e),
                None => {}
            }
            // A failed file is said at once, not when the build would reach it.
            let failed = failure(store.links)
                .or_else(|| failure(store.crates))
                .or_else(|| failure(store.quotes))
                .or_else(|| failure(store.events))
                .or_else(|| failure(store.updates));
            if let Some(e) = failed {
                return Status::Failed(e);
            }
            let totals: [u64; 5] = store.manifest.with_value(|m| {
                [
                    twir_archive::bundle::LINKS_KEY,
                    twir_archive::bundle::CRATES_KEY,
                    twir_archive::bundle::QUOTES_KEY,
                    twir_archive::bundle::EVENTS_KEY,
                    twir_archive::bundle::UPDATES_KEY,
                ]
                .map(|k| m.file(k).map_or(1, |f| f.bytes.max(1)))
            });
            let received = received(store.links, totals[0])
                + received(store.crates, totals[1])
                + received(store.quotes, totals[2])
                + received(store.events, totals[3])
                + received(store.updates, totals[4]);
            let total: u64 = totals.iter().sum();
            Status::Preparing(((received * 80 / total) as u8).max(built.get()))
        });
        let s = Search {
            status,
            data,
            wanted,
            store,
            built,
            index,
            owner: StoredValue::new(Owner::current().unwrap_or_default()),
        };
        provide_context(s);
        s
    }

    /// Marks search as wanted (see [`Search::wanted`]); cheap to call on every keystroke.
    pub fn want(self) {
        if !self.wanted.get_untracked() {
            self.wanted.set(true);
            self.prepare();
        }
    }

    /// Gives the service the loaded archive: once search is wanted, it prepares.
    pub fn start(self, store: Store) {
        if self.store.with_untracked(Option::is_none) {
            self.store.set(Some(store));
            self.prepare();
        }
    }

    /// Once search is wanted and the archive loaded, starts the index's download and build.
    fn prepare(self) {
        let Some(store) = self.store.get_untracked() else {
            return;
        };
        if !self.wanted.get_untracked() || self.index.with_untracked(Option::is_some) {
            return;
        }
        let built = self.built;
        // The index builder's chunk downloads beside the record files (on a native target,
        // where nothing is split, this does nothing).
        spawn_local(__preload_index_records());
        let index = self
            .owner
            .with_value(|o| o.with(|| Download::new(move || prepare(store, built))));
        self.index.set(Some(index));
    }

    /// Tries the failed downloads again.
    pub fn retry(self) {
        let Some(store) = self.store.get_untracked() else {
            return;
        };
        self.built.set(0);
        store.retry_failed();
        if let Some(index) = self.index.get_untracked() {
            index.retry();
        }
    }
}

/// Downloads every record file once the first screen has painted, then builds the index.
async fn prepare(store: Store, built: RwSignal<u8>) -> Result<Arc<Data>, LoadError> {
    after_paint().await;
    let files = (
        store.links.start(),
        store.crates.start(),
        store.quotes.start(),
        store.events.start(),
        store.updates.start(),
    );
    let records = Records {
        index: store.index.get_value(),
        links: files.0.wait().await?,
        crates: files.1.wait().await?,
        quotes: files.2.wait().await?,
        events: files.3.wait().await?,
        updates: files.4.wait().await?,
    };
    Ok(index_records(records, built).await)
}

/// The index of `records`, built in steps; the short prefixes' results follow in the
/// background. The index builder is in a wasm chunk of its own (docs/development.md, "Code
/// splitting"), which [`Search::prepare`] starts fetching beside the record files.
#[lazy]
async fn index_records(records: Records, built: RwSignal<u8>) -> Arc<Data> {
    let (index, shorts, stepper, started) = build(&records, built).await;
    let data = Arc::new(Data { index, records });
    // The benchmark's hook, in benchmark builds only (the `bench` feature).
    let hook = if cfg!(feature = "bench") {
        let s = &stepper;
        install_hook(data.clone(), [started, s.busy, s.steps.into(), s.longest])
    } else {
        None
    };
    spawn_local(build_shorts(data.clone(), shorts, stepper, hook));
    data
}

/// Builds the index of `records` in small steps, reporting the percent done in `built`, until
/// it is searchable; with it, the short prefixes' builder, the stepper and when the build
/// started.
async fn build(
    records: &Records,
    built: RwSignal<u8>,
) -> (SearchIndex, ShortPrefixes, Stepper, f64) {
    // Rows read (terms counted as they are), then the vocabulary and one pass over the
    // records for the postings: about twice the records' count of budget in all.
    let work = 2 * records.len();
    let started = now();
    api::mark("twir:search:start");
    let mut builder = IndexBuilder::new(&records.index);
    let mut s = Stepper::default();
    loop {
        // Searchable means built: the builder then hands the index over.
        if let Some((index, shorts)) = builder.take_searchable() {
            api::mark("twir:search:built");
            return (index, shorts, s, started);
        }
        let phase = builder.phase();
        s.step(phase, |budget| {
            builder.step(records, budget);
            builder.last_work()
        })
        .await;
        if builder.phase() != phase {
            api::mark(&format!("twir:search:{}", builder.phase()));
            // Whole-index phases cost up to five times as much per record as the phase
            // before them: the rate just measured does not hold there, so each starts small.
            if builder.in_costlier_phase() {
                s.budget = s.budget.min(PHASE_START);
            }
        }
        built.set((80 + s.done * 19 / work.max(1)).min(99) as u8);
    }
}

/// The results of one- and two-letter prefixes typed alone, in the same small steps: until
/// they are in, such a query takes the general search (the same results, a few milliseconds
/// instead of a few microseconds).
async fn build_shorts(
    data: Arc<Data>,
    mut shorts: ShortPrefixes,
    mut s: Stepper,
    hook: Option<js_sys::Object>,
) {
    s.budget = s.budget.min(PHASE_START);
    let mut finished = false;
    while !finished {
        s.step("shorts", |budget| {
            finished = shorts.step(&data.index, budget);
            shorts.last_work()
        })
        .await;
    }
    yield_now().await;
    warm_up(&data);
    api::mark("twir:search:done");
    if let Some(hook) = hook {
        // The longest step and the step count, now over the short prefixes' steps too.
        for (k, v) in [
            ("shortsReady", now()),
            ("longestStep", s.longest),
            ("steps", s.steps.into()),
        ] {
            let _ = js_sys::Reflect::set(&hook, &JsValue::from_str(k), &JsValue::from_f64(v));
        }
    }
}

/// Runs the search path once, results discarded: the browser compiles a wasm function on its
/// first call, which made the first keystroke's results the slowest to paint (27-32 ms to the
/// first change of the page against 7-16 ms for the next ones, bench of the first keystroke).
/// A one-letter query (the short prefixes), two words with a prefix and typos (the general
/// path), a kind's page, and the highlighting of a hit, as the search view does.
fn warm_up(data: &Data) {
    let all = Filter::default();
    for text in ["t", "async tr"] {
        let r = data.search(text, &all, 0, 20);
        let only = Filter {
            kinds: Kind::Link.bit(),
            ..all
        };
        let _ = data.search(text, &only, 0, 5);
        if let Some(l) = data.records.links.first() {
            let _ = highlight(&l.title, &r.highlighter);
        }
    }
}

impl Data {
    /// A search of `text` under `filter`, from `offset`, at most `limit` hits.
    pub fn search(&self, text: &str, filter: &Filter, offset: usize, limit: usize) -> Results {
        self.index
            .search_with(&parse_query(text), filter, offset, limit, None)
    }
}

/// "Preparing search… N%" and the like, for status lines.
pub fn status_text(s: &Status) -> String {
    match s {
        Status::Waiting => "Preparing search…".to_string(),
        Status::Preparing(p) => {
            let mut t = "Preparing search… ".to_string();
            t.push_str(&p.to_string());
            t.push('%');
            t
        }
        Status::Ready => String::new(),
        Status::Failed(e) => e.to_string(),
    }
}
