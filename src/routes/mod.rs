//! One module per view.

pub mod crates;
pub mod events;
pub mod issues;
pub mod links;
pub mod quotes;
pub mod reader;
pub mod search;
pub mod updates;

/// The reader's URL for an issue.
pub fn issue_href(number: u32) -> String {
    format!("?view=issue&issue={number}")
}
