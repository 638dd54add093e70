//! The project's updates, calls for testing and participation, and jobs.
//!
//! One parser for the four roles, because their sections nest into each other across the
//! eras: `What's cooking on master?` (2013-2015) with `Breaking Changes` / `Other Changes` /
//! `New Contributors`, the stand-alone `# Approved RFCs` / `# New RFCs` / `# Final Comment
//! Period` of 2015, `Updates from Rust Core` (2015-2021) and `Updates from the Rust Project`
//! (2021-) with their sub-lists, per-area PR lists (`#### Compiler`, 2025-) and repository
//! groups of FCP items (`##### [Rust]`, 2024-), `Call for Testing` inside the project updates
//! (2022-2024), the calls for participation, and the jobs.
//!
//! Every list item is read in the light of the headings above it (the section's own heading
//! included): the innermost heading that *decides* a kind gives the item's kind, the
//! innermost heading at or below it that *names a group* gives its group. An item the kind
//! of which no heading decides falls back on the section's role.
//!
//! Decisions:
//! - The perf triage's lists (links to triage reports, and since 2026 a few highlighted PRs
//!   already listed among the merged PRs) are other items, not pull requests: counting them
//!   would count PRs twice.
//! - `New Contributors` (names of people), `Closed RFCs` (2017) and `Training opportunities`
//!   (2017) are other items.
//! - "None this week" notes, boilerplate paragraphs and reference definitions are not items.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::markdown::{Block, Inline, LinkSpan, ListItem};
use crate::model::{OtherItem, Update, UpdateKind};
use crate::sections::Section;
use crate::taxonomy::{normalize_heading, Role};

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

/// What a heading decides for the items below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decides {
    Kind(UpdateKind),
    /// Kept as other items (new contributors, perf triage, closed RFCs).
    Other,
}

/// A heading of the section (its own included), as the items below it see it.
#[derive(Debug, Clone)]
struct Level {
    level: u8,
    /// The heading as a reader sees it, trailing `,`/`:` removed.
    text: String,
    decides: Option<Decides>,
    /// Whether the heading names a group (`Breaking Changes`, `RFCs`, `[Rust]`, `Compiler`).
    names_group: bool,
}

pub fn parse(section: &Section<'_>, ctx: &Context) -> UpdateSection {
    let mut parser = Parser {
        out: UpdateSection::default(),
        stack: Vec::new(),
        company: None,
        fallback: fallback_kind(section.role),
        recent: None,
    };
    let (decides, names_group) = classify(section.heading, true, &[], ctx);
    parser.stack.push(Level {
        level: section.level,
        text: clean_heading(section.heading),
        decides,
        names_group,
    });
    for block in section.blocks {
        parser.block(block, ctx);
    }
    parser.out
}

/// The kind of items in a section whose headings decide nothing.
fn fallback_kind(role: Option<Role>) -> Decides {
    match role {
        Some(Role::CallsForTesting) => Decides::Kind(UpdateKind::CallForTesting),
        Some(Role::CallForParticipation) => Decides::Kind(UpdateKind::CallForParticipation),
        Some(Role::Jobs) => Decides::Kind(UpdateKind::Job),
        Some(Role::ProjectUpdates) => Decides::Kind(UpdateKind::PullRequest),
        _ => Decides::Other,
    }
}

/// What a heading decides, and whether it names a group. `root` is the section's own
/// heading; `above` the headings above this one.
fn classify(text: &str, root: bool, above: &[Level], ctx: &Context) -> (Option<Decides>, bool) {
    use UpdateKind as K;
    let h = normalize_heading(text);
    let kind = |k| Some(Decides::Kind(k));
    let starts = |p: &str| h.starts_with(p);
    if starts("what's cooking")
        || starts("updates from rust core")
        || starts("updates from the rust project")
    {
        (kind(K::PullRequest), false)
    } else if starts("approved rfc") {
        (kind(K::ApprovedRfc), false)
    } else if starts("final comment period") {
        (kind(K::FinalCommentPeriod), false)
    } else if starts("tracking issues") {
        // Also where the `Final Comment Period` heading above it is missing (2025-02-26).
        (kind(K::FinalCommentPeriod), true)
    } else if starts("new rfc") || starts("new and updated rfc") {
        (kind(K::NewRfc), false)
    } else if h == "style rfcs" {
        (kind(K::NewRfc), true)
    } else if h == "closed rfcs" || h == "training opportunities" {
        (Some(Decides::Other), false)
    } else if h == "rfcs" {
        let under_testing = above.iter().any(|l| l.decides == kind(K::CallForTesting));
        if root {
            // `# RFCs` of 2014 lists new RFCs; `### [RFCs]` of 2024-2025 is a group of the
            // calls for testing that the outline cuts off its `## Call for Testing`.
            if ctx.date.year() >= 2022 {
                (kind(K::CallForTesting), true)
            } else {
                (kind(K::NewRfc), false)
            }
        } else if under_testing {
            (None, true)
        } else {
            // Under `Final Comment Period`, or next to it at the same level (2021).
            (kind(K::FinalCommentPeriod), true)
        }
    } else if starts("call for testing") || starts("calls for testing") {
        (kind(K::CallForTesting), false)
    } else if h == "cfp - speakers" || h == "cfp - events" {
        (kind(K::CallForSpeakers), false)
    } else if h == "cfp - projects" || starts("call for participation") {
        (kind(K::CallForParticipation), false)
    } else if h == "jobs" || h == "rust jobs" || starts("fn work") {
        (kind(K::Job), false)
    } else if starts("new contributor")
        || h == "rust compiler performance triage"
        || h.ends_with("triage log")
    {
        (Some(Decides::Other), false)
    } else {
        (None, true)
    }
}

/// A heading's text for a group or an other item's heading: trailing `,` and `:` removed.
fn clean_heading(text: &str) -> String {
    text.trim().trim_end_matches([',', ':', ' ']).to_string()
}

struct Parser {
    out: UpdateSection,
    stack: Vec<Level>,
    /// The company of the jobs below a bold company line (2021-2022).
    company: Option<String>,
    fallback: Decides,
    /// What the latest sub-heading that decided a kind decided.
    recent: Option<Decides>,
}

const FCP: Decides = Decides::Kind(UpdateKind::FinalCommentPeriod);

/// Where an item belongs: its kind, group and the heading other items are filed under.
struct Place {
    decides: Decides,
    group: Option<String>,
    heading: String,
}

impl Parser {
    fn block(&mut self, block: &Block, ctx: &Context) {
        match block {
            Block::Heading { level, inline, .. } => {
                while self.stack.len() > 1 && self.stack.last().is_some_and(|l| l.level >= *level) {
                    self.stack.pop();
                }
                let (mut decides, names_group) = classify(&inline.text, false, &self.stack, ctx);
                let under_root_only = self.stack.iter().skip(1).all(|l| l.decides.is_none());
                if decides.is_none() && under_root_only && self.recent == Some(FCP) {
                    // `### [Language Reference]` beside `### Final Comment Period` instead of
                    // under it (2023-11-01): still a group of FCP items.
                    decides = Some(FCP);
                }
                if decides.is_some() {
                    self.recent = decides;
                }
                self.stack.push(Level {
                    level: *level,
                    text: clean_heading(&inline.text),
                    decides,
                    names_group,
                });
                self.company = None;
            }
            Block::Paragraph { inline, line, .. } => self.paragraph(inline, *line),
            Block::List { items, .. } => {
                for item in items {
                    self.item(item);
                }
            }
            Block::Quote { blocks, .. } => {
                for b in blocks {
                    self.block(b, ctx);
                }
            }
            _ => {}
        }
    }

    fn place(&self) -> Place {
        let found = self
            .stack
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, l)| l.decides.map(|d| (i, d)));
        let (index, decides) = found.unwrap_or((0, self.fallback));
        let group = self
            .stack
            .iter()
            .skip(index)
            .rev()
            .find(|l| l.names_group)
            .map(|l| l.text.clone())
            .filter(|g| !g.is_empty());
        let heading = self
            .stack
            .last()
            .map(|l| l.text.clone())
            .unwrap_or_default();
        Place {
            decides,
            group,
            heading,
        }
    }

    fn paragraph(&mut self, inline: &Inline, line: usize) {
        if self.out.merged_prs.is_none() {
            self.out.merged_prs = merged_count(&inline.text);
        }
        let place = self.place();
        let text = inline.text.trim();
        match place.decides {
            Decides::Kind(UpdateKind::CallForTesting | UpdateKind::FinalCommentPeriod)
                if is_lone_link(inline) =>
            {
                // `[Rust](…)` on a line of its own, where a `##### [Rust](…)` heading was
                // meant (2025-10-01): it names the group of the items below it.
                while self.stack.len() > 1 && self.stack.last().is_some_and(|l| l.level > 6) {
                    self.stack.pop();
                }
                self.stack.push(Level {
                    level: 7,
                    text: clean_heading(text),
                    decides: None,
                    names_group: true,
                });
                self.out.diagnostics.push(Diagnostic::warning(
                    line,
                    format!("the line `[{text}](…)` is a paragraph, not a heading"),
                    format!("write it as a heading like its siblings: `##### [{text}](…)`"),
                ));
            }
            Decides::Kind(UpdateKind::Job) => {
                if is_all_strong(inline) {
                    self.company = Some(text.trim_end_matches(':').trim().to_string());
                } else if let Some(link) = inline
                    .links
                    .iter()
                    .find(|l| link_text(inline, l).to_lowercase().contains("hiring"))
                {
                    // The r/rust "Who's Hiring" thread (2022-): one job record.
                    self.out.updates.push(Update {
                        kind: UpdateKind::Job,
                        title: link_text(inline, link).trim().to_string(),
                        url: Some(link.url.clone()),
                        group: place.group,
                        disposition: None,
                        line,
                    });
                }
            }
            Decides::Other
                if !inline.links.is_empty()
                    && normalize_heading(&place.heading) == "training opportunities" =>
            {
                // `Three day Rust course at [LinuxHotel](…)` (Training opportunities).
                self.out.other_items.push(OtherItem {
                    heading: place.heading,
                    text: text.to_string(),
                    url: inline.links.first().map(|l| l.url.clone()),
                    line,
                });
            }
            _ => {}
        }
    }

    fn item(&mut self, item: &ListItem) {
        let inline = &item.inline;
        let text = inline.text.trim();
        if text.is_empty() || is_none_note(inline) {
            return;
        }
        let place = self.place();
        let kind = match place.decides {
            Decides::Other => {
                self.out.other_items.push(OtherItem {
                    heading: place.heading,
                    text: text.to_string(),
                    url: inline.links.first().map(|l| l.url.clone()),
                    line: item.line,
                });
                return;
            }
            Decides::Kind(k) => k,
        };
        if text.contains("](") {
            self.out.diagnostics.push(Diagnostic::warning(
                item.line,
                format!(
                    "the item `{}` has a link that does not parse",
                    excerpt(text)
                ),
                "look for a stray character or a line break in the link's `[text](url)`",
            ));
        }
        let (tags, rest) = leading_tags(inline);
        let mut disposition = None;
        for tag in &tags {
            let lower = tag.to_lowercase();
            let Some(value) = lower.strip_prefix("disposition") else {
                continue;
            };
            let value = value.trim_start_matches([':', ' ']).trim();
            match value {
                "merge" | "close" | "postpone" => disposition = Some(value.to_string()),
                "not specified"
                | "unspecified"
                | "\\<not specified\\>"
                | "<not specified>"
                | "\\<unspecified\\>"
                | "<unspecified>"
                | "(unspecified)" => {}
                _ => self.out.diagnostics.push(Diagnostic::warning(
                    item.line,
                    format!("the final comment period item has the disposition `[{tag}]`"),
                    "write `[disposition: merge]`, `[disposition: close]` or \
                     `[disposition: postpone]`",
                )),
            }
        }
        let first = inline.links.first();
        let title = match first {
            Some(link) if link.range.start == rest => link_text(inline, link).trim(),
            _ => inline.text.get(rest..).unwrap_or(text).trim(),
        };
        let title = if title.is_empty() { text } else { title };
        let group = match (kind, place.group) {
            (UpdateKind::Job, None) => self.company.clone(),
            (_, g) => g,
        };
        self.out.updates.push(Update {
            kind,
            title: title.to_string(),
            url: first.map(|l| l.url.clone()),
            group,
            disposition,
            line: item.line,
        });
    }
}

/// The text of a link, clamped to the text: `Inline::link_text` panics when a link ends in
/// white space at the very end of an item (`[Update Windows platform support ](…)`, #538),
/// whose text was trimmed after the link's range was taken.
fn link_text<'a>(inline: &'a Inline, link: &LinkSpan) -> &'a str {
    let len = inline.text.len();
    let mut end = link.range.end.min(len);
    while !inline.text.is_char_boundary(end) {
        end -= 1;
    }
    inline
        .text
        .get(link.range.start.min(end)..end)
        .unwrap_or("")
}

/// The first 60 characters of a text, for a message.
fn excerpt(text: &str) -> String {
    let mut out: String = text.chars().filter(|c| !c.is_control()).take(60).collect();
    if text.chars().count() > 60 {
        out.push('…');
    }
    out
}

/// Whether a paragraph is one link and nothing else.
fn is_lone_link(inline: &Inline) -> bool {
    match inline.links.as_slice() {
        [link] => {
            let text = inline.text.trim();
            !text.is_empty() && link_text(inline, link).trim() == text
        }
        _ => false,
    }
}

/// Whether a paragraph is all bold (`**Company**`).
fn is_all_strong(inline: &Inline) -> bool {
    let text = inline.text.trim_end();
    let lead = inline.text.len() - inline.text.trim_start().len();
    !text.trim().is_empty()
        && inline.links.is_empty()
        && inline
            .strong
            .iter()
            .any(|r| r.start <= lead && r.end >= text.len())
}

/// The `[tag]` prefixes written before an item's first link (`[disposition: merge]`,
/// `[easy]`, `[new]`), and the offset in the text where the rest starts.
fn leading_tags(inline: &Inline) -> (Vec<String>, usize) {
    let text = inline.text.as_str();
    // Only before a link: `[Title](\u{2}https://…)` (#430) is a broken link, not a tag.
    let link_start = inline.links.first().map_or(0, |l| l.range.start);
    let mut tags = Vec::new();
    let mut pos = text.len() - text.trim_start().len();
    while pos < link_start {
        let Some(rest) = text.get(pos..) else { break };
        let Some(inner) = rest.strip_prefix('[') else {
            break;
        };
        let Some(close) = inner.find(']') else { break };
        let end = pos + 1 + close + 1;
        if end > link_start {
            break;
        }
        tags.push(inner.get(..close).unwrap_or("").trim().to_string());
        let after = text.get(end..).unwrap_or("");
        pos = end + (after.len() - after.trim_start().len());
    }
    (tags, pos.min(text.len()))
}

/// A note that there is nothing this week (`*No calls for testing were issued this week by
/// [Rust](…) …*`), written as a list item: not an item.
fn is_none_note(inline: &Inline) -> bool {
    // `*No Items entered … this week for` with its closing `*` missing keeps the `*`.
    let text = inline.text.trim_start_matches(['*', '_', ' ']);
    let offset = inline.text.len() - text.len();
    let lower = text.to_lowercase();
    let starts_with_link = inline
        .links
        .first()
        .is_some_and(|l| l.range.start <= offset);
    !starts_with_link
        && (lower.starts_with("no ") || lower.starts_with("there were no"))
        && lower.contains("this week")
}

/// The count of `N pull requests were merged in the last week`, `181(!) pull requests were
/// merged`, `N PRs were merged this week`, `There were N pull requests merged this week`, `A
/// total of N PRs were merged`.
pub fn merged_count(text: &str) -> Option<u32> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let w = w.to_lowercase();
        let after = if w == "prs" {
            i + 1
        } else if w == "pull" && words.get(i + 1).is_some_and(|n| n.starts_with("requests")) {
            i + 2
        } else {
            continue;
        };
        let mut j = after;
        while words
            .get(j)
            .is_some_and(|w| matches!(w.to_lowercase().as_str(), "were" | "only"))
        {
            j += 1;
        }
        if !words
            .get(j)
            .is_some_and(|w| w.to_lowercase().starts_with("merged"))
        {
            continue;
        }
        let mut k = i;
        while k > 0 {
            k -= 1;
            let before = words.get(k).copied().unwrap_or("");
            if before == "(!)" {
                continue;
            }
            let digits = before.trim_end_matches("(!)").replace(',', "");
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
                return digits.parse().ok();
            }
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::sections::Outline;

    /// Parses every update section of a snippet, as the pipeline does, and merges the results.
    fn parse_md(md: &str, (y, m, d): (i32, u8, u8)) -> UpdateSection {
        let ctx = Context {
            date: Date::new(y, m, d).unwrap_or_else(|| panic!("bad date")),
            number: None,
        };
        let outline = Outline::parse(md, 1);
        let (sections, _) = outline.sections();
        let mut all = UpdateSection::default();
        for s in &sections {
            if !matches!(
                s.role,
                Some(
                    Role::ProjectUpdates
                        | Role::CallsForTesting
                        | Role::CallForParticipation
                        | Role::Jobs
                )
            ) {
                continue;
            }
            let r = parse(s, &ctx);
            all.updates.extend(r.updates);
            all.merged_prs = all.merged_prs.or(r.merged_prs);
            all.other_items.extend(r.other_items);
            all.diagnostics.extend(r.diagnostics);
        }
        all
    }

    fn titles(r: &UpdateSection, kind: UpdateKind) -> Vec<&str> {
        r.updates
            .iter()
            .filter(|u| u.kind == kind)
            .map(|u| u.title.as_str())
            .collect()
    }

    #[test]
    fn merged_count_of_665_is_613() {
        let md = "## Updates from the Rust Project\n\n613 pull requests were [merged in the last week][merged]\n\n[merged]: https://github.com/search?q=is%3Apr\n";
        assert_eq!(parse_md(md, (2026, 8, 19)).merged_prs, Some(613));
    }

    #[test]
    fn merged_count_of_2016_10_04_reads_181_with_an_exclamation_mark() {
        assert_eq!(
            merged_count("181(!) pull requests were merged in the last week."),
            Some(181)
        );
        assert_eq!(
            merged_count("200 (!) pull requests were merged in the last week"),
            Some(200)
        );
    }

    #[test]
    fn merged_count_reads_the_sentences_of_era_a() {
        assert_eq!(merged_count("59 PRs were merged this week."), Some(59));
        assert_eq!(
            merged_count("There were 30 pull requests merged this week. A scattering"),
            Some(30)
        );
        assert_eq!(
            merged_count("Issue churn was -12 this week. A total of 70 PRs were merged."),
            Some(70)
        );
    }

    #[test]
    fn betawatch_backports_of_2015_04_27_are_not_a_merged_count() {
        let md = "# Betawatch!\n\nThere were 2 PRs this week landing backports to beta.\n\n* [24708](https://github.com/rust-lang/rust/pull/24708).\n";
        let r = parse_md(md, (2015, 4, 27));
        assert_eq!(r.merged_prs, None);
        assert_eq!(titles(&r, UpdateKind::PullRequest), ["24708"]);
    }

    #[test]
    fn era_a_change_of_2013_12_09_keeps_its_whole_sentence_as_title() {
        let md = "# What's cooking on master?\n\n52 PRs were merged this week.\n\n## Breaking Changes\n\n- The much-discussed [`Result` API\nchanges](https://github.com/mozilla/rust/pull/10364) have happened.\n";
        let r = parse_md(md, (2013, 12, 9));
        assert_eq!(r.merged_prs, Some(52));
        let u = &r.updates[0];
        assert_eq!(u.kind, UpdateKind::PullRequest);
        assert_eq!(
            u.title,
            "The much-discussed Result API changes have happened."
        );
        assert_eq!(
            u.url.as_deref(),
            Some("https://github.com/mozilla/rust/pull/10364")
        );
        assert_eq!(u.group.as_deref(), Some("Breaking Changes"));
    }

    #[test]
    fn fcp_item_of_2018_06_12_has_its_disposition_and_sub_list() {
        let md = "# Updates from Rust Core\n\n## Final Comment Period\n\n### [RFCs](https://github.com/rust-lang/rfcs/labels/final-comment-period)\n\n* [disposition: close] [Reserve `throw` and `fail` as keywords in edition 2018](https://github.com/rust-lang/rfcs/pull/2441).\n\n### [Tracking Issues & PRs](https://github.com/rust-lang/rust/labels/final-comment-period)\n\n* [disposition: merge] [Exhaustive integer matching](https://github.com/rust-lang/rust/pull/50912).\n";
        let r = parse_md(md, (2018, 6, 12));
        let got: Vec<_> = r
            .updates
            .iter()
            .map(|u| {
                (
                    u.kind,
                    u.title.as_str(),
                    u.group.as_deref(),
                    u.disposition.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    UpdateKind::FinalCommentPeriod,
                    "Reserve throw and fail as keywords in edition 2018",
                    Some("RFCs"),
                    Some("close")
                ),
                (
                    UpdateKind::FinalCommentPeriod,
                    "Exhaustive integer matching",
                    Some("Tracking Issues & PRs"),
                    Some("merge")
                ),
            ]
        );
    }

    #[test]
    fn fcp_items_of_665_are_grouped_by_repository() {
        let md = "## Updates from the Rust Project\n\n### Final Comment Period\n\nEvery week, [the team](https://www.rust-lang.org/team.html) announces the 'final comment period'.\n\n#### Tracking Issues & PRs\n\n##### [Rust](https://github.com/rust-lang/rust/issues)\n\n* [Always escape grapheme extenders in `str::escape_debug`](https://github.com/rust-lang/rust/pull/158303)\n\n##### [Cargo](https://github.com/rust-lang/cargo/issues)\n\n* [feat(diag): Stabilize cargo-lints](https://github.com/rust-lang/cargo/pull/17298)\n";
        let r = parse_md(md, (2026, 8, 19));
        let got: Vec<_> = r
            .updates
            .iter()
            .map(|u| (u.kind, u.group.as_deref(), u.disposition.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (UpdateKind::FinalCommentPeriod, Some("Rust"), None),
                (UpdateKind::FinalCommentPeriod, Some("Cargo"), None)
            ]
        );
    }

    #[test]
    fn fcp_children_at_their_parents_level_in_2021_09_01_stay_fcp_items() {
        let md = "## Updates from Rust Core\n\n### Final Comment Period\n\nEvery week the team announces.\n\n### [RFCs](https://github.com/rust-lang/rfcs/labels/final-comment-period)\n\n* [disposition: close] [Proposal: Else clauses for for and while loops](https://github.com/rust-lang/rfcs/pull/3163)\n\n### [Tracking Issues & PRs](https://github.com/rust-lang/rust/labels/final-comment-period)\n\n* [disposition: merge] [Partially stabilize `array_methods`](https://github.com/rust-lang/rust/pull/76120)\n\n### New RFCs\n\n* [Add `std::simd`](https://github.com/rust-lang/rfcs/pull/2977)\n";
        let r = parse_md(md, (2021, 9, 1));
        assert_eq!(titles(&r, UpdateKind::FinalCommentPeriod).len(), 2);
        assert_eq!(titles(&r, UpdateKind::NewRfc), ["Add std::simd"]);
    }

    #[test]
    fn fcp_groups_beside_their_parent_in_2023_11_01_stay_fcp_items() {
        let md = "## Updates from the Rust Project\n\n### Final Comment Period\n\n#### [Tracking Issues & PRs](https://github.com/rust-lang/rust/issues)\n\n* [disposition: merge] [Clarify UB in `get_unchecked(_mut)`](https://github.com/rust-lang/rust/pull/117039)\n\n### [Language Reference](https://github.com/rust-lang/reference/issues)\n\n* [disposition: merge] [Guarantee that raw pointer conversions preserve slice element count](https://github.com/rust-lang/reference/pull/1417)\n";
        let r = parse_md(md, (2023, 11, 1));
        let last = r.updates.last().unwrap_or_else(|| panic!("no updates"));
        assert_eq!(last.kind, UpdateKind::FinalCommentPeriod);
        assert_eq!(last.group.as_deref(), Some("Language Reference"));
    }

    #[test]
    fn per_area_pr_of_665_is_grouped_by_area() {
        let md = "## Updates from the Rust Project\n\n613 pull requests were [merged in the last week][merged]\n\n#### Compiler\n\n#### Library\n* [add `core::num::Complex`](https://github.com/rust-lang/rust/pull/158885)\n\n#### Clippy\n* [perf: resolve the callee before the expansion walk in `VecArgs::hir`](https://github.com/rust-lang/rust-clippy/pull/17582)\n";
        let r = parse_md(md, (2026, 8, 19));
        let got: Vec<_> = r
            .updates
            .iter()
            .map(|u| (u.kind, u.title.as_str(), u.group.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    UpdateKind::PullRequest,
                    "add core::num::Complex",
                    Some("Library")
                ),
                (
                    UpdateKind::PullRequest,
                    "perf: resolve the callee before the expansion walk in VecArgs::hir",
                    Some("Clippy")
                ),
            ]
        );
    }

    #[test]
    fn approved_rfc_of_2015_07_20_is_its_link_text() {
        let md = "# Approved RFCs\n\nChanges to Rust follow the Rust [RFC (request for comments)\nprocess](https://github.com/rust-lang/rfcs#rust-rfcs). These\nare the RFCs that were approved for implementation this week:\n\n* [RFC for creation of `IntoRaw{Fd, Socket, Handle}` trait to\n  complement\n  `AsRaw*`](https://github.com/rust-lang/rfcs/pull/1174). This\n  provides interop.\n";
        let r = parse_md(md, (2015, 7, 20));
        assert_eq!(
            titles(&r, UpdateKind::ApprovedRfc),
            ["RFC for creation of IntoRaw{Fd, Socket, Handle} trait to complement AsRaw*"]
        );
    }

    #[test]
    fn calls_for_testing_of_665_skip_the_none_note_and_name_the_repository() {
        let md = "## Calls for Testing\n\nAn important step for RFC implementation is for people to experiment.\n\n##### [Cargo](https://github.com/rust-lang/cargo/issues)\n\n* [Tracking Issue for `-Zembed-metadata`](https://github.com/rust-lang/cargo/issues/15495)\n    * [Testing steps](https://github.com/rust-lang/cargo/issues/15495#issuecomment-1)\n\n*No calls for testing were issued this week by\n[Rust](https://github.com/rust-lang/rust/issues) or\n[Rustup](https://github.com/rust-lang/rustup/issues).*\n\n[Let us know](https://github.com/rust-lang/this-week-in-rust/issues) if you would like your feature to be tracked.\n";
        let r = parse_md(md, (2026, 8, 19));
        assert_eq!(r.updates.len(), 1);
        assert_eq!(r.updates[0].kind, UpdateKind::CallForTesting);
        assert_eq!(r.updates[0].title, "Tracking Issue for -Zembed-metadata");
        assert_eq!(r.updates[0].group.as_deref(), Some("Cargo"));
    }

    #[test]
    fn none_note_items_of_2024_07_03_are_not_records() {
        let md = "## Calls for Testing\n\n### [Rust](https://github.com/rust-lang/rust/labels/call-for-testing)\n\n* *No calls for testing were issued this week.*\n";
        let r = parse_md(md, (2024, 7, 3));
        assert!(r.updates.is_empty() && r.other_items.is_empty());
    }

    #[test]
    fn rfcs_cut_off_its_call_for_testing_in_2024_05_08_is_a_call_for_testing() {
        let md = "## Call for Testing\n\nAn important step.\n\n### [RFCs](https://github.com/rust-lang/rfcs/issues?q=label%3Acall-for-testing)\n\n* [RFC: Make Cargo respect minimum supported Rust version (MSRV) when selecting dependencies](https://github.com/rust-lang/rfcs/pull/3537)\n";
        let r = parse_md(md, (2024, 5, 8));
        assert_eq!(r.updates.len(), 1);
        assert_eq!(r.updates[0].kind, UpdateKind::CallForTesting);
        assert_eq!(r.updates[0].group.as_deref(), Some("RFCs"));
    }

    #[test]
    fn rfcs_of_2014_03_29_are_new_rfcs() {
        let md = "# RFCs\n\n- [Smaller refcounts](https://github.com/rust-lang/rfcs/pull/23)\n";
        let r = parse_md(md, (2014, 3, 29));
        assert_eq!(titles(&r, UpdateKind::NewRfc), ["Smaller refcounts"]);
    }

    #[test]
    fn cfp_projects_and_events_of_2024_05_29_are_participation_and_speakers() {
        let md = "## Call for Participation; projects and speakers\n\n### CFP - Projects\n\nAlways wanted to contribute?\n\n* [zerocopy - CI cache not including installed Cargo tools?](https://github.com/google/zerocopy/issues/1)\n\n### CFP - Events\n\n* [**EuroRust 2024**](https://www.papercall.io/eurorust-2024) | Closes 2024-06-03 | Vienna, Austria\n";
        let r = parse_md(md, (2024, 5, 29));
        assert_eq!(
            titles(&r, UpdateKind::CallForParticipation),
            ["zerocopy - CI cache not including installed Cargo tools?"]
        );
        assert_eq!(titles(&r, UpdateKind::CallForSpeakers), ["EuroRust 2024"]);
    }

    #[test]
    fn cfp_item_of_2016_with_a_difficulty_tag_drops_the_tag_from_its_title() {
        let md = "# Call for Participation\n\n* [easy] [rust: Add tests for `rustdoc --test`](https://github.com/rust-lang/rust/issues/1).\n";
        let r = parse_md(md, (2016, 8, 2));
        assert_eq!(
            titles(&r, UpdateKind::CallForParticipation),
            ["rust: Add tests for rustdoc --test"]
        );
    }

    #[test]
    fn jobs_of_2021_06_09_take_their_company_from_the_bold_line() {
        let md = "# Rust Jobs\n\n**Tweede golf**\n\n* [Lead Developer Embedded Rust (Nijmegen, NL)](https://tweedegolf.nl/vacatures/2)\n\n**Einride**\n\n* [Rust Developer Tech (Stockholm, SE)](https://www.einride.tech/careers/1)\n\n*Tweet us at [@ThisWeekInRust](https://twitter.com/ThisWeekInRust) to get your job offers listed here!*\n";
        let r = parse_md(md, (2021, 6, 9));
        let got: Vec<_> = r.updates.iter().map(|u| u.group.as_deref()).collect();
        assert_eq!(got, [Some("Tweede golf"), Some("Einride")]);
        assert!(r.updates.iter().all(|u| u.kind == UpdateKind::Job));
    }

    #[test]
    fn whos_hiring_thread_of_665_is_one_job() {
        let md = "## Jobs\n\nPlease see the latest [Who's Hiring thread on r/rust](https://www.reddit.com/r/rust/comments/1ttbtf5/)\n";
        let r = parse_md(md, (2026, 8, 19));
        assert_eq!(
            titles(&r, UpdateKind::Job),
            ["Who's Hiring thread on r/rust"]
        );
    }

    #[test]
    fn new_contributors_of_2016_03_07_are_other_items() {
        let md = "# Updates from Rust Core\n\n## New Contributors\n\n* ashleysommer\n* Evan\n";
        let r = parse_md(md, (2016, 3, 7));
        assert!(r.updates.is_empty());
        let names: Vec<_> = r.other_items.iter().map(|o| o.text.as_str()).collect();
        assert_eq!(names, ["ashleysommer", "Evan"]);
        assert_eq!(r.other_items[0].heading, "New Contributors");
    }

    #[test]
    fn perf_triage_links_of_2020_06_02_are_other_items_not_prs() {
        let md = "# Updates from Rust Core\n\n* [a PR](https://github.com/rust-lang/rust/pull/1)\n\n## Rust Compiler Performance Triage\n\nThis is a new section.\n\n* [2020-06-02](https://github.com/rust-lang/rustc-perf/blob/master/triage/2020.md#2020-06-02)\n";
        let r = parse_md(md, (2020, 6, 2));
        assert_eq!(titles(&r, UpdateKind::PullRequest), ["a PR"]);
        assert_eq!(r.other_items.len(), 1);
        assert_eq!(r.other_items[0].heading, "Rust Compiler Performance Triage");
    }

    #[test]
    fn disposition_typo_of_2020_05_12_is_reported() {
        let md = "# Updates from Rust Core\n\n## Final Comment Period\n\n### [Tracking Issues & PRs](https://github.com/rust-lang/rust/labels/final-comment-period)\n\n* [disposition: clone] [Tracking issue for non_static_type_id](https://github.com/rust-lang/rust/issues/41875)\n";
        let r = parse_md(md, (2020, 5, 12));
        assert_eq!(r.updates[0].disposition, None);
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].line, 7);
        assert!(r.diagnostics[0].message.contains("disposition: clone"));
    }

    #[test]
    fn link_paragraph_of_2025_10_01_names_the_group_and_is_reported() {
        let md = "## Calls for Testing\n\nAn important step.\n\n[Rust](https://github.com/rust-lang/rust/labels/call-for-testing)\n\n* [FR: Add a --fail-fast option to libtest](https://github.com/rust-lang/rust/issues/142859)\n";
        let r = parse_md(md, (2025, 10, 1));
        assert_eq!(r.updates[0].group.as_deref(), Some("Rust"));
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].line, 5);
    }

    #[test]
    fn broken_job_link_of_2022_01_19_is_reported_and_kept() {
        let md = "# Rust Jobs\n\n**Ockam**\n\n* [Sr Engineer - Rust (Remote)](\u{2}https://jobs.lever.co/ockam/9bdb)\n";
        let r = parse_md(md, (2022, 1, 19));
        assert_eq!(r.updates.len(), 1);
        assert!(r.updates[0].title.starts_with("[Sr Engineer"));
        assert_eq!(r.diagnostics.len(), 1);
        assert!(r.diagnostics[0].message.contains("does not parse"));
    }

    #[test]
    fn link_text_ending_in_a_space_of_2024_03_06_does_not_panic() {
        let md = "## Updates from the Rust Project\n\n### Final Comment Period\n\n* [disposition: merge] [Update Windows platform support ](https://github.com/rust-lang/rust/pull/115141)\n";
        let r = parse_md(md, (2024, 3, 6));
        assert_eq!(
            titles(&r, UpdateKind::FinalCommentPeriod),
            ["Update Windows platform support"]
        );
    }
}
