//! The archive as the views see it: the index, loaded first, and each record kind loaded
//! when a view first needs it, with its own progress and error.

use crate::api::{self, LoadError, Progress};
use crate::download::{Download, Erased};
use leptos::prelude::*;
use std::any::Any;
use std::sync::Arc;
use twir_archive::bundle::{
    BundleError, CrateColumns, CrateRow, EventColumns, EventRow, Index, IssueDays, LinkColumns,
    LinkRow, Manifest, QuoteColumns, QuoteRow, UpdateColumns, UpdateRow, CRATES_KEY, EVENTS_KEY,
    LINKS_KEY, QUOTES_KEY, UPDATES_KEY,
};
use twir_archive::Date;

/// Issue dates by issue number, over the issues the index has (shared). An issue number
/// is any `u32` a bundle holds: nothing is sized by the largest one.
#[derive(Clone, Debug, Default)]
pub struct IssueDates(Arc<IssueDays>);

impl IssueDates {
    pub fn new(index: &Index) -> Self {
        Self(Arc::new(IssueDays::new(index)))
    }

    pub fn get(&self, number: u32) -> Option<Date> {
        self.0.get(number).map(Date::from_days)
    }
}

/// One record file of the bundle, downloaded the first time a view (or search) asks for it
/// ([`RecordFile::start`]), with the bytes received so far, which the loading panel shows
/// against the manifest's size.
pub struct RecordFile<T: 'static> {
    pub progress: RwSignal<Progress>,
    download: RwSignal<Option<Download<Vec<T>>>>,
    source: StoredValue<Source>,
}

/// Where a record file comes from, and the owner its download lives under.
struct Source {
    owner: Owner,
    manifest: Arc<Manifest>,
    key: &'static str,
}

impl<T> Clone for RecordFile<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for RecordFile<T> {}

impl<T: Send + Sync + 'static> RecordFile<T> {
    /// The file the manifest names under `key` (one of [`KEYS`]).
    fn new((owner, manifest): (Owner, Arc<Manifest>), key: &'static str) -> Self {
        Self {
            progress: RwSignal::new(Progress::default()),
            download: RwSignal::new(None),
            source: StoredValue::new(Source {
                owner,
                manifest,
                key,
            }),
        }
    }

    /// The download, started now unless it has started.
    pub fn start(self) -> Download<Vec<T>> {
        if let Some(download) = self.download.get_untracked() {
            return download;
        }
        let progress = self.progress;
        let (owner, manifest, key) = self
            .source
            .with_value(|s| (s.owner.clone(), s.manifest.clone(), s.key));
        let download = owner.with(|| {
            Download::erased(Box::new(move || {
                Box::pin(load_records(manifest.clone(), key, progress))
            }))
        });
        self.download.set(Some(download));
        download
    }

    /// The download, once started (tracked).
    pub fn download(self) -> Option<Download<Vec<T>>> {
        self.download.get()
    }

    /// Downloads the file again after a failure.
    pub fn retry(self) {
        if self.download.get_untracked().is_some_and(|d| d.retry()) {
            self.progress.set(Progress::default());
        }
    }
}

/// The record files' keys in the manifest, in the order of [`decoder`]'s argument.
const KEYS: [&str; 5] = [LINKS_KEY, CRATES_KEY, QUOTES_KEY, EVENTS_KEY, UPDATES_KEY];

/// How a record file's bytes become its rows, in two steps, with their types erased: one
/// [`load_records`] serves every record kind.
struct Decode {
    parse: Box<ParseFn>,
    rows: Box<RowsFn>,
}

impl Decode {
    /// The decoder of columns `C`, parsed by `parse`, that `rows` turns into rows.
    fn new<C: 'static, T: Send + Sync + 'static>(
        parse: fn(&[u8]) -> Result<C, BundleError>,
        rows: fn(C) -> Result<Vec<T>, BundleError>,
    ) -> Self {
        Decode {
            parse: Box::new(move |bytes| Ok(Box::new(parse(bytes)?) as Columns)),
            rows: Box::new(move |columns| {
                let columns = columns
                    .downcast::<C>()
                    .unwrap_or_else(|_| unreachable!("the columns that parse made"));
                Ok(Arc::new(rows(*columns)?) as Rows)
            }),
        }
    }
}

/// The decoder of the record file `KEYS[file]`. The record files' decoders are in a wasm
/// chunk of their own (docs/development.md, "Code splitting"): the first screen reads the
/// index only.
#[lazy]
fn decoder(file: usize) -> Arc<Decode> {
    Arc::new(match file {
        0 => Decode::new(LinkColumns::from_json, |c| c.into_rows()),
        1 => Decode::new(CrateColumns::from_json, |c| Ok(c.into_rows())),
        2 => Decode::new(QuoteColumns::from_json, |c| Ok(c.into_rows())),
        3 => Decode::new(EventColumns::from_json, |c| c.into_rows()),
        _ => Decode::new(UpdateColumns::from_json, |c| c.into_rows()),
    })
}

/// A record file's columns, of their kind's type.
type Columns = Box<dyn Any>;
/// A record file's rows, of their kind's type.
type Rows = Arc<dyn Any + Send + Sync>;
type ParseFn = dyn Fn(&[u8]) -> Result<Columns, BundleError> + Send + Sync;
type RowsFn = dyn Fn(Columns) -> Result<Rows, BundleError> + Send + Sync;

/// Downloads the record file `key`, reporting its `progress`. Parsing the
/// columns, building the rows and rendering them run as three tasks of the event loop, so
/// that the page stays responsive while a large file arrives.
async fn load_records(
    manifest: Arc<Manifest>,
    key: &'static str,
    progress: RwSignal<Progress>,
) -> Erased {
    let url = manifest
        .file(key)
        .map(|f| api::data_url(&f.path))
        .unwrap_or_default();
    // The decoders' chunk downloads beside the file (on a native target this does nothing).
    leptos::task::spawn_local(__preload_decoder());
    let file = KEYS.iter().position(|k| *k == key).unwrap_or(KEYS.len());
    let mut decode = None;
    let columns = api::load_file(
        &manifest,
        key,
        |p| progress.set(p),
        decoder(file),
        |d, b| {
            let columns = (d.parse)(b);
            decode = Some(d);
            columns
        },
    )
    .await;
    api::next_task().await;
    let rows = columns.and_then(|c| {
        let decode = decode.unwrap_or_else(|| unreachable!("the columns came from a decoder"));
        (decode.rows)(c).map_err(|e| LoadError::Corrupt {
            url,
            reason: e.to_string(),
        })
    });
    api::mark(&format!("twir:{key}:rows"));
    api::next_task().await;
    rows
}

/// The loaded archive, shared by every view through the context.
#[derive(Clone, Copy)]
pub struct Store {
    pub manifest: StoredValue<Arc<Manifest>>,
    pub index: StoredValue<Arc<Index>>,
    dates: StoredValue<IssueDates>,
    pub links: RecordFile<LinkRow>,
    pub crates: RecordFile<CrateRow>,
    pub quotes: RecordFile<QuoteRow>,
    pub events: RecordFile<EventRow>,
    pub updates: RecordFile<UpdateRow>,
}

impl Store {
    pub fn new(manifest: Manifest, index: Index) -> Self {
        let manifest = Arc::new(manifest);
        // The record files' downloads live as long as the store.
        let owner = Owner::current().unwrap_or_default();
        let m = || (owner.clone(), manifest.clone());
        Self {
            links: RecordFile::new(m(), LINKS_KEY),
            crates: RecordFile::new(m(), CRATES_KEY),
            quotes: RecordFile::new(m(), QUOTES_KEY),
            events: RecordFile::new(m(), EVENTS_KEY),
            updates: RecordFile::new(m(), UPDATES_KEY),
            manifest: StoredValue::new(manifest),
            dates: StoredValue::new(IssueDates::new(&index)),
            index: StoredValue::new(Arc::new(index)),
        }
    }

    /// The years the archive's issues span, newest first.
    pub fn years(&self) -> Vec<i32> {
        self.index.with_value(|i| {
            let mut y: Vec<i32> = i.issues().map(|r| r.date.year()).collect();
            y.dedup();
            y.reverse();
            y
        })
    }

    /// The date of an issue, by number.
    pub fn issue_date(&self, number: u32) -> Option<Date> {
        self.dates.with_value(|d| d.get(number))
    }

    /// Every issue's date, for loops over thousands of records: one look-up in the
    /// reactive arena per loop instead of one per record.
    pub fn issue_dates(&self) -> IssueDates {
        self.dates.get_value()
    }

    /// Downloads again the record files whose download failed.
    pub fn retry_failed(&self) {
        self.links.retry();
        self.crates.retry();
        self.quotes.retry();
        self.events.retry();
        self.updates.retry();
    }
}

/// The store of the loaded archive.
pub fn use_store() -> Store {
    expect_context::<Store>()
}
