//! Crate of the Week. (Being written.)

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::model::CratePick;
use crate::sections::Section;

/// The crate picks of a `Crate of the Week` section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CrateSection {
    /// The picks; empty for a week without a pick.
    pub picks: Vec<CratePick>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn parse(_section: &Section<'_>, _ctx: &Context) -> CrateSection {
    CrateSection::default()
}
