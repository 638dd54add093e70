//! Mojibake repair. (Being written.)

use std::borrow::Cow;

/// Repairs text that was UTF-8, decoded as Windows-1252 or Mac Roman and saved again.
pub fn repair_mojibake(text: &str) -> Cow<'_, str> {
    Cow::Borrowed(text)
}
