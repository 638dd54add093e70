//! Search in the app (the engine itself is the twir-search crate):
//!
//! - `service`: the search service in the context, which downloads the record files, builds
//!   the index and says where it stands;
//! - `stepper`: the build's steps of a few milliseconds, one per task of the event loop;
//! - `matching`: a view's rows narrowed by the `q` parameter;
//! - `marks`: the matched terms marked in the results' text;
//! - `search_box`: the header's search box, and the arrow keys through the results;
//! - `bench`: the search benchmark's hook, in benchmark builds only.
//!
//! The search view itself is `routes/search_results.rs`.

mod bench;
mod marks;
mod matching;
mod search_box;
mod service;
mod stepper;

pub use marks::{marked, snippet};
pub use matching::{use_matching, Matches, Matching};
pub use search_box::{rove, searches_in_place, SearchBox};
pub use service::{status_text, use_search, Data, Search, Status};
