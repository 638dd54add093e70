//! Quote of the Week. (Being written.)

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::model::Quote;
use crate::sections::Section;

/// The quotes of a `Quote of the Week` section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteSection {
    /// The quotes; empty for a week without one.
    pub quotes: Vec<Quote>,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn parse(_section: &Section<'_>, _ctx: &Context) -> QuoteSection {
    QuoteSection::default()
}
