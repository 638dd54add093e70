//! Section parsers: each takes one top-level [`Section`] and returns the records it holds.
//! Every top-level list item with a link becomes a record of its kind, or an
//! [`OtherItem`](crate::model::OtherItem) when the parser cannot type it: nothing is dropped
//! in silence.

pub mod crates;
pub mod events;
pub mod quotes;
pub mod updates;

use crate::date::Date;

/// What a section parser knows of the issue it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    /// The date (events without a year are placed relative to it).
    pub date: Date,
    pub number: Option<u32>,
}
