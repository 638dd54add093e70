//! The JSON `twir show` prints for one issue: the compiled file as the model's own records.

use crate::archive::Compiled;
use serde::ser::{Serialize, SerializeStruct, Serializer};

/// One issue, as `twir show` prints it: identity and file, then every record kind in the
/// model's own serialisation ([`twir_archive::model`]).
impl Serialize for Compiled {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (meta, issue) = (&self.issue.meta, &self.issue);
        let mut out = s.serialize_struct("Issue", 14)?;
        out.serialize_field("number", &meta.number)?;
        out.serialize_field("date", &meta.date)?;
        out.serialize_field("title", &meta.title)?;
        out.serialize_field("kind", &meta.kind)?;
        out.serialize_field("file", &self.path)?;
        out.serialize_field("merged_prs", &issue.merged_prs)?;
        out.serialize_field("links", &issue.links)?;
        // With the section, an empty `crates` is a week without a pick (sections exist from
        // 2015-09-07 on); the same for quotes.
        out.serialize_field("crate_section", &issue.has_crate_section)?;
        out.serialize_field("crates", &issue.crates)?;
        out.serialize_field("quote_section", &issue.has_quote_section)?;
        out.serialize_field("quotes", &issue.quotes)?;
        out.serialize_field("events", &issue.events)?;
        out.serialize_field("updates", &issue.updates)?;
        out.serialize_field("other_items", &issue.other_items)?;
        out.end()
    }
}
