//! The archive as the views see it: the index, loaded first, and each record kind loaded
//! when a view first needs it, with its own progress and error.

use crate::api::{self, LoadError, Progress};
use leptos::prelude::*;
use leptos::task::spawn_local;
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

/// Where one download stands.
#[derive(Clone, Debug)]
pub enum Load<T> {
    Idle,
    Loading(Progress),
    Ready(T),
    Failed(LoadError),
}

/// The loaded archive, shared by every view through the context.
#[derive(Clone, Copy)]
pub struct Store {
    pub manifest: StoredValue<Arc<Manifest>>,
    pub index: StoredValue<Arc<Index>>,
    dates: StoredValue<IssueDates>,
    pub links: RwSignal<Load<Arc<Vec<LinkRow>>>>,
    pub crates: RwSignal<Load<Arc<Vec<CrateRow>>>>,
    pub quotes: RwSignal<Load<Arc<Vec<QuoteRow>>>>,
    pub events: RwSignal<Load<Arc<Vec<EventRow>>>>,
    pub updates: RwSignal<Load<Arc<Vec<UpdateRow>>>>,
}

impl Store {
    pub fn new(manifest: Manifest, index: Index) -> Self {
        Self {
            manifest: StoredValue::new(Arc::new(manifest)),
            dates: StoredValue::new(IssueDates::new(&index)),
            index: StoredValue::new(Arc::new(index)),
            links: RwSignal::new(Load::Idle),
            crates: RwSignal::new(Load::Idle),
            quotes: RwSignal::new(Load::Idle),
            events: RwSignal::new(Load::Idle),
            updates: RwSignal::new(Load::Idle),
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

    /// The community links, loading them on first use.
    pub fn links(&self) -> RwSignal<Load<Arc<Vec<LinkRow>>>> {
        self.ensure(self.links, LINKS_KEY, LinkColumns::from_json, |c| {
            c.into_rows()
        });
        self.links
    }

    pub fn crates(&self) -> RwSignal<Load<Arc<Vec<CrateRow>>>> {
        self.ensure(self.crates, CRATES_KEY, CrateColumns::from_json, |c| {
            Ok(c.into_rows())
        });
        self.crates
    }

    pub fn quotes(&self) -> RwSignal<Load<Arc<Vec<QuoteRow>>>> {
        self.ensure(self.quotes, QUOTES_KEY, QuoteColumns::from_json, |c| {
            Ok(c.into_rows())
        });
        self.quotes
    }

    pub fn events(&self) -> RwSignal<Load<Arc<Vec<EventRow>>>> {
        self.ensure(self.events, EVENTS_KEY, EventColumns::from_json, |c| {
            c.into_rows()
        });
        self.events
    }

    pub fn updates(&self) -> RwSignal<Load<Arc<Vec<UpdateRow>>>> {
        self.ensure(self.updates, UPDATES_KEY, UpdateColumns::from_json, |c| {
            c.into_rows()
        });
        self.updates
    }

    /// Starts the download of every record file that is not loading or loaded.
    pub fn load_all(&self) {
        self.links();
        self.crates();
        self.quotes();
        self.events();
        self.updates();
    }

    /// Forgets the record files whose download failed, so that [`Store::load_all`] (or a
    /// view) starts them again.
    pub fn reset_failed(&self) {
        fn reset<T: Send + Sync + 'static>(s: RwSignal<Load<T>>) {
            if s.with_untracked(|l| matches!(l, Load::Failed(_))) {
                s.set(Load::Idle);
            }
        }
        reset(self.links);
        reset(self.crates);
        reset(self.quotes);
        reset(self.events);
        reset(self.updates);
    }

    /// Starts the download of `key` into `signal` unless it is loading or loaded. Parsing
    /// the columns, building the rows and rendering them run as three tasks of the event
    /// loop, so that the page stays responsive while a large file arrives.
    fn ensure<C: 'static, T: Send + Sync + 'static>(
        &self,
        signal: RwSignal<Load<Arc<Vec<T>>>>,
        key: &'static str,
        parse: fn(&[u8]) -> Result<C, BundleError>,
        rows: fn(C) -> Result<Vec<T>, BundleError>,
    ) {
        if !matches!(signal.get_untracked(), Load::Idle) {
            return;
        }
        signal.set(Load::Loading(Progress::default()));
        let manifest = self.manifest.get_value();
        let url = manifest
            .file(key)
            .map(|f| api::data_url(&f.path))
            .unwrap_or_default();
        spawn_local(async move {
            let on_progress = move |p: Progress| signal.set(Load::Loading(p));
            let columns = api::load_file(&manifest, key, on_progress, parse).await;
            api::next_task().await;
            let rows = columns.and_then(|c| {
                rows(c).map_err(|e| LoadError::Corrupt {
                    url,
                    reason: e.to_string(),
                })
            });
            api::mark(&format!("twir:{key}:rows"));
            api::next_task().await;
            match rows {
                Ok(rows) => signal.set(Load::Ready(Arc::new(rows))),
                Err(e) => signal.set(Load::Failed(e)),
            }
        });
    }
}

/// The store of the loaded archive.
pub fn use_store() -> Store {
    expect_context::<Store>()
}
