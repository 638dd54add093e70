//! Full-text search over the whole This Week in Rust archive: every link, crate pick, quote,
//! event, issue and project update (pull request, RFC, FCP item, call, job), built from the
//! bundle's rows, with prefix matching, typo tolerance, phrases, scopes and highlighting.
//!
//! Pure Rust, no I/O: the app (wasm) and the `twir search` command (native) build the same
//! index from the same rows and rank the same way. See docs/search.md.
//!
//! ```ignore
//! let src: twir_archive::bundle::Records = /* the rows, as decoded */;
//! let mut b = IndexBuilder::new(&src.index);
//! while !b.step(&src, 4000) { /* yield to the browser */ }
//! let search = b.finish(&src);
//! let results = search.search(&parse_query("tokoi"), &Filter::default(), 50);
//! ```

#[cfg(feature = "bench")]
pub mod bench;
mod build;
mod index;
pub mod query;
mod seq;
pub mod shards;
pub mod text;

pub use build::{IndexBuilder, ShortPrefixes};
pub use index::{Hit, Keep, Results, SearchIndex};
pub use query::{parse_query, Phrase, Query, Term};
pub use text::{highlight, Highlighter};

/// What a record is. The `u8` value is the place in [`Kind::ALL`] and the bit in
/// [`kind`] masks is `1 << value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Kind {
    Link = 0,
    Crate = 1,
    Quote = 2,
    Event = 3,
    Issue = 4,
    /// A pull request, RFC, FCP item, call or job: `Record::sub` says which.
    Update = 5,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Link,
        Kind::Crate,
        Kind::Quote,
        Kind::Event,
        Kind::Issue,
        Kind::Update,
    ];

    /// `link`, `crate`, `quote`, `event`, `issue`, `update`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Link => "link",
            Kind::Crate => "crate",
            Kind::Quote => "quote",
            Kind::Event => "event",
            Kind::Issue => "issue",
            Kind::Update => "update",
        }
    }

    /// This kind's bit in a [`kind`] mask.
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// Masks of kinds, for [`Filter::kinds`].
pub mod kind {
    pub const LINK: u8 = 1;
    pub const CRATE: u8 = 2;
    pub const QUOTE: u8 = 4;
    pub const EVENT: u8 = 8;
    pub const ISSUE: u8 = 16;
    pub const UPDATE: u8 = 32;
    pub const ALL: u8 = 63;
}

/// The fields of a record, as bits of a mask ([`Term::fields`]).
pub mod field {
    /// A link's, event's, update's or issue's title.
    pub const TITLE: u8 = 1;
    /// A crate pick's name.
    pub const NAME: u8 = 2;
    /// A link's or crate's description, a quote's text.
    pub const TEXT: u8 = 4;
    /// A quote's author.
    pub const AUTHOR: u8 = 8;
    /// The rest: link tags, an event's group, location and region, an update's group, a
    /// quote's source, who suggested a crate.
    pub const META: u8 = 16;
    pub const ALL: u8 = 31;
}

/// One searchable record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    pub kind: Kind,
    /// For a link, its category's place in `Category::ALL`; for an update, its
    /// `UpdateKind`'s place in that enum; for an event, 1 when online; else 0.
    pub sub: u8,
    /// The issue that lists it (for events and updates listed by several issues, the newest).
    pub issue: u32,
    /// That issue's date, days since 1970-01-01.
    pub day: i32,
    /// Its place among the rows of its kind in [`Records`](twir_archive::bundle::Records)
    /// (`links[row]`, ...); for an issue, its place in the index's issue columns.
    pub row: u32,
}

/// What records may match, from query scopes and from the explorer's filters. Every field
/// restricts; [`Filter::default`] lets everything through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filter {
    /// A mask of [`kind`] bits.
    pub kinds: u8,
    /// For updates only: a mask of `1 << UpdateKind as u16` bits.
    pub update_kinds: u16,
    /// For links only: a mask of `1 << place in Category::ALL` bits.
    pub categories: u16,
    /// First and last day (inclusive) of the record's issue, days since 1970-01-01.
    pub from_day: i32,
    pub to_day: i32,
    /// First and last issue number (inclusive).
    pub issues: (u32, u32),
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            kinds: kind::ALL,
            update_kinds: u16::MAX,
            categories: u16::MAX,
            from_day: i32::MIN,
            to_day: i32::MAX,
            issues: (0, u32::MAX),
        }
    }
}

impl Filter {
    /// Records both filters let through.
    pub fn and(&self, o: &Filter) -> Filter {
        Filter {
            kinds: self.kinds & o.kinds,
            update_kinds: self.update_kinds & o.update_kinds,
            categories: self.categories & o.categories,
            from_day: self.from_day.max(o.from_day),
            to_day: self.to_day.min(o.to_day),
            issues: (self.issues.0.max(o.issues.0), self.issues.1.min(o.issues.1)),
        }
    }

    pub fn accepts(&self, r: &Record) -> bool {
        // A `sub` past the masks' 16 bits is in no mask (an index image is checked for
        // that when read; this keeps the filter total all the same).
        let in_mask = |mask: u16| {
            1u16.checked_shl(r.sub.into())
                .is_some_and(|b| mask & b != 0)
        };
        self.kinds & r.kind.bit() != 0
            && (r.kind != Kind::Update || in_mask(self.update_kinds))
            && (r.kind != Kind::Link || in_mask(self.categories))
            && r.day >= self.from_day
            && r.day <= self.to_day
            && r.issue >= self.issues.0
            && r.issue <= self.issues.1
    }
}

#[cfg(test)]
mod tests;
