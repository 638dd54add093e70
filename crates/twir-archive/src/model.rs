//! The records extracted from an issue. One name per concept, the same in code, bundle and UI:
//! a *link* is one item of a community list; a *crate pick*, a *quote*, an *event*, an
//! *update* (pull request, RFC, final comment period item, call for testing or participation,
//! job) and an *other item* (a list item of a section kept as narrative) are records of their
//! own kinds.
//!
//! Each serialises as `twir show` prints it.

use crate::date::Date;
use crate::taxonomy::Category;
use serde::{Deserialize, Serialize, Serializer};

/// One item of a community link list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The heading it was listed under, as written (`News & Blog Posts`, `Rust Walkthroughs`).
    pub heading: String,
    /// The canonical category the heading maps to (serialised by the name readers see).
    #[serde(serialize_with = "category_label")]
    pub category: Category,
    pub title: String,
    pub url: String,
    /// Lower-case tags from prefixes: `video`, `audio`, `podcast`, `series`, `slides`, `pdf`,
    /// and language codes such as `zh`, `de`.
    pub tags: Vec<String>,
    /// Text after the link (`. A description`), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// 1-based line in the file.
    pub line: usize,
}

/// One crate of the week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CratePick {
    /// The crate's name with markdown escapes undone (`derive_more`, not `derive\_more`).
    pub name: String,
    pub url: String,
    /// What the issue says the crate is (`a crate that …`), if it says.
    pub description: Option<String>,
    /// Who suggested it, if the issue says.
    pub suggested_by: Option<String>,
    pub suggested_by_url: Option<String>,
    /// The author suggested their own crate (`for the self-suggestion`).
    pub self_suggested: bool,
    pub line: usize,
}

/// One quote of the week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quote as markdown (blockquote markers removed), paragraphs separated by blank lines.
    pub text: String,
    pub author: Option<String>,
    /// Where it was said: the "on …" part (`rust-users`, `/r/rust`).
    pub source: Option<String>,
    pub url: Option<String>,
    pub suggested_by: Option<String>,
    pub line: usize,
}

/// One upcoming event. Serialised without the date as written and the group's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    /// The (first) day of the event, if its date could be read.
    pub date: Option<Date>,
    /// The last day of a multi-day event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<Date>,
    /// The date as written (`Jun  7.`, `2022-06-08`, `December 16, 2021`).
    #[serde(skip_serializing)]
    pub date_text: String,
    /// City, region and country as written (`Boulder, CO, US`), or `Virtual`.
    pub location: Option<String>,
    /// The organising group (`Rust Berlin`).
    pub group: Option<String>,
    /// The group's own page, when the event links it apart from the event.
    #[serde(skip_serializing)]
    pub group_url: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The region heading it was listed under (`Europe`, `Virtual`), if any.
    pub region: Option<String>,
    /// Online (virtual) rather than in person; hybrid events count as online.
    pub online: bool,
    pub line: usize,
}

fn category_label<S: Serializer>(c: &Category, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.label())
}

/// What kind of project update a record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UpdateKind {
    /// A merged pull request (or other change) listed by the issue.
    PullRequest,
    ApprovedRfc,
    /// An item entering (or in) final comment period.
    FinalCommentPeriod,
    /// A new or updated RFC.
    NewRfc,
    CallForTesting,
    /// A task a project asks contributors to take (CFP - Projects).
    CallForParticipation,
    /// An event asking for speakers (CFP - Speakers / Events).
    CallForSpeakers,
    Job,
}

impl UpdateKind {
    /// All kinds, in the order of the enum (and of readers' kind filter).
    pub const ALL: [UpdateKind; 8] = [
        UpdateKind::PullRequest,
        UpdateKind::ApprovedRfc,
        UpdateKind::FinalCommentPeriod,
        UpdateKind::NewRfc,
        UpdateKind::CallForTesting,
        UpdateKind::CallForParticipation,
        UpdateKind::CallForSpeakers,
        UpdateKind::Job,
    ];

    /// The stable identifier used in URLs (`?kind=pull_request`), the same as its serde name.
    pub fn slug(self) -> &'static str {
        match self {
            UpdateKind::PullRequest => "pull_request",
            UpdateKind::ApprovedRfc => "approved_rfc",
            UpdateKind::FinalCommentPeriod => "final_comment_period",
            UpdateKind::NewRfc => "new_rfc",
            UpdateKind::CallForTesting => "call_for_testing",
            UpdateKind::CallForParticipation => "call_for_participation",
            UpdateKind::CallForSpeakers => "call_for_speakers",
            UpdateKind::Job => "job",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// The name readers see for one item of the kind (`Pull request`).
    pub fn label(self) -> &'static str {
        match self {
            UpdateKind::PullRequest => "Pull request",
            UpdateKind::ApprovedRfc => "Approved RFC",
            UpdateKind::FinalCommentPeriod => "Final comment period",
            UpdateKind::NewRfc => "New RFC",
            UpdateKind::CallForTesting => "Call for testing",
            UpdateKind::CallForParticipation => "Call for participation",
            UpdateKind::CallForSpeakers => "Call for speakers",
            UpdateKind::Job => "Job",
        }
    }

    /// The name readers see for the kind as a list or filter choice (`Pull requests`).
    pub fn plural_label(self) -> &'static str {
        match self {
            UpdateKind::PullRequest => "Pull requests",
            UpdateKind::ApprovedRfc => "Approved RFCs",
            UpdateKind::FinalCommentPeriod => "Final comment period",
            UpdateKind::NewRfc => "New RFCs",
            UpdateKind::CallForTesting => "Calls for testing",
            UpdateKind::CallForParticipation => "Calls for participation",
            UpdateKind::CallForSpeakers => "Calls for speakers",
            UpdateKind::Job => "Jobs",
        }
    }
}

/// One item of the project's updates: a PR, an RFC, an FCP item, a call, a job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Update {
    pub kind: UpdateKind,
    pub title: String,
    pub url: Option<String>,
    /// Where it belongs: the repository or team sub-heading (`Rust`, `Cargo`,
    /// `Compiler Team`), the area (`Compiler`, `Clippy`), or the sub-list (`RFCs`,
    /// `Tracking Issues & PRs`).
    pub group: Option<String>,
    /// For final comment period items: the proposed disposition (`merge`, `close`,
    /// `postpone`), when the item states one.
    pub disposition: Option<String>,
    pub line: usize,
}

/// A list item of a section kept as narrative (meetings, This Week in Servo, ...): not a
/// record of a richer kind, but not lost either.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherItem {
    pub heading: String,
    pub text: String,
    pub url: Option<String>,
    pub line: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_kinds_are_listed_in_enum_order() {
        for (i, k) in UpdateKind::ALL.into_iter().enumerate() {
            assert_eq!(k as usize, i, "{k:?}");
        }
    }

    #[test]
    fn update_kind_slugs_are_the_serde_names_and_round_trip() {
        for k in UpdateKind::ALL {
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.slug())
            );
            assert_eq!(UpdateKind::from_slug(k.slug()), Some(k));
        }
        assert_eq!(UpdateKind::from_slug("Pull request"), None);
        assert_eq!(UpdateKind::from_slug(""), None);
    }

    #[test]
    fn update_kind_labels_are_distinct_and_named() {
        let mut seen = std::collections::BTreeSet::new();
        for k in UpdateKind::ALL {
            assert!(!k.label().is_empty() && !k.plural_label().is_empty());
            assert!(seen.insert(k.label()), "{k:?}");
            assert!(
                seen.insert(k.plural_label()) || k.label() == k.plural_label(),
                "{k:?}"
            );
        }
        assert_eq!(UpdateKind::Job.label(), "Job");
        assert_eq!(UpdateKind::Job.plural_label(), "Jobs");
    }
}
