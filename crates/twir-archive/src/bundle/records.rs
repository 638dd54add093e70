//! [`Records`]: the decoded rows the app's views and its search read, in one value.

use super::manifest::{
    Manifest, CRATES_KEY, EVENTS_KEY, INDEX_KEY, LINKS_KEY, QUOTES_KEY, UPDATES_KEY,
};
use super::{
    BundleError, CrateColumns, CrateRow, EventColumns, EventRow, Index, LinkColumns, LinkRow,
    QuoteColumns, QuoteRow, UpdateColumns, UpdateRow,
};
use std::sync::Arc;

/// The index and the rows of every kind the app searches, as decoded from the bundle. Each
/// part is shared: the app loads the kinds one by one for its views and hands the same rows
/// to the search index, which records its hits as positions in them (`links[row]`, ...;
/// for an issue, its position in `index.issues`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Records {
    pub index: Arc<Index>,
    pub links: Arc<Vec<LinkRow>>,
    pub crates: Arc<Vec<CrateRow>>,
    pub quotes: Arc<Vec<QuoteRow>>,
    pub events: Arc<Vec<EventRow>>,
    pub updates: Arc<Vec<UpdateRow>>,
}

impl Records {
    /// Decodes and checks the files `manifest` lists, each read by `file` from its path
    /// (relative to the manifest), as the app decodes them.
    pub fn decode<'a, E: From<BundleError>>(
        manifest: &Manifest,
        file: impl Fn(&str) -> Result<&'a [u8], E>,
    ) -> Result<Self, E> {
        let file = |key: &str| file(&manifest.file(key)?.path);
        Ok(Records {
            index: Arc::new(Index::from_json(file(INDEX_KEY)?)?),
            links: Arc::new(LinkColumns::from_json(file(LINKS_KEY)?)?.into_rows()?),
            crates: Arc::new(CrateColumns::from_json(file(CRATES_KEY)?)?.into_rows()),
            quotes: Arc::new(QuoteColumns::from_json(file(QUOTES_KEY)?)?.into_rows()),
            events: Arc::new(EventColumns::from_json(file(EVENTS_KEY)?)?.into_rows()?),
            updates: Arc::new(UpdateColumns::from_json(file(UPDATES_KEY)?)?.into_rows()?),
        })
    }

    /// How many records of all kinds, issues included.
    pub fn len(&self) -> usize {
        self.index.issues.number.len()
            + self.links.len()
            + self.crates.len()
            + self.quotes.len()
            + self.events.len()
            + self.updates.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
