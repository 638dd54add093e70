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

/// The issue on the archive's own site.
pub fn twir_org_url(number: u32, date: twir_archive::Date) -> String {
    format!(
        "https://this-week-in-rust.org/blog/{:04}/{:02}/{:02}/this-week-in-rust-{number}/",
        date.year(),
        date.month(),
        date.day()
    )
}
