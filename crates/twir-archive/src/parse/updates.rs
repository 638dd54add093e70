//! The project's updates, calls for testing and participation, and jobs. (Being written.)

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::model::{OtherItem, Update};
use crate::sections::Section;

/// The records of a section whose role is `ProjectUpdates`, `CallsForTesting`,
/// `CallForParticipation` or `Jobs`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UpdateSection {
    pub updates: Vec<Update>,
    /// `N pull requests were merged in the last week`, if the section says.
    pub merged_prs: Option<u32>,
    pub other_items: Vec<OtherItem>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn parse(_section: &Section<'_>, _ctx: &Context) -> UpdateSection {
    UpdateSection::default()
}
