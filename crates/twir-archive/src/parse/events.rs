//! Upcoming Events. (Being written.)

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::model::{Event, OtherItem};
use crate::sections::Section;

/// The events of an `Upcoming Events` (or `Meetups`) section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventSection {
    pub events: Vec<Event>,
    /// List items that are not events and could not be typed.
    pub other_items: Vec<OtherItem>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn parse(_section: &Section<'_>, _ctx: &Context) -> EventSection {
    EventSection::default()
}
