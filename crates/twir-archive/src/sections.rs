//! An issue's body cut into top-level sections by their headings' meaning, not their level:
//! the archive's levels drift (`# Quote of the Week` stays at level 1 in the `##` era,
//! `# Oceania` sits at level 1 inside events, `## Project/Tooling Updates` at level 2 inside
//! the community section), so a heading's role decides where a section starts.

use crate::diagnostic::Diagnostic;
use crate::markdown::{self, Block, LineIndex};
use crate::taxonomy::{classify_heading, normalize_heading, Role};

/// Sub-headings of calls for testing: the repositories the calls come from.
const CALL_FOR_TESTING_GROUPS: &[&str] = &["rfcs", "rust", "rustup", "cargo", "rust language rfcs"];

/// A body parsed into blocks: owns what sections borrow.
pub struct Outline {
    /// The text the blocks were parsed from (comments blanked, mojibake repaired).
    pub text: String,
    pub blocks: Vec<Block>,
    /// Where the text nests deeper than [`markdown::MAX_NESTING`] (shown as text there).
    pub warnings: Vec<Diagnostic>,
}

/// One top-level section: its heading, and every block up to the next top-level section
/// (sub-headings included, as `Block::Heading`).
#[derive(Debug, Clone, Copy)]
pub struct Section<'a> {
    /// `None` for the introduction before the first heading, and for headings no rule maps.
    pub role: Option<Role>,
    /// The heading's text as a reader sees it (empty for the introduction).
    pub heading: &'a str,
    /// Heading level, 0 for the introduction.
    pub level: u8,
    /// Line of the heading (of the first block, for the introduction).
    pub line: usize,
    pub blocks: &'a [Block],
    /// The whole parsed text: block source ranges index into it.
    pub text: &'a str,
}

impl Section<'_> {
    /// The markdown source of a block.
    pub fn source_of(&self, block: &Block) -> &str {
        self.text.get(block.source()).unwrap_or("")
    }
}

/// A heading that no rule maps, and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmappedHeading {
    pub text: String,
    pub line: usize,
}

impl Outline {
    /// Parses `text`, whose first line is line `first_line` of the file.
    pub fn parse(text: &str, first_line: usize) -> Self {
        let lines = LineIndex::new(text, first_line);
        let (blocks, warnings) = markdown::parse_blocks_capped(text, &lines);
        Self {
            text: text.to_string(),
            blocks,
            warnings,
        }
    }

    /// The top-level sections, in order; the first is the introduction (possibly empty).
    pub fn sections(&self) -> (Vec<Section<'_>>, Vec<UnmappedHeading>) {
        let mut starts: Vec<(usize, Option<Role>, &str, u8, usize)> =
            vec![(0, None, "", 0, self.blocks.first().map_or(1, Block::line))];
        let mut unmapped = Vec::new();
        for (i, block) in self.blocks.iter().enumerate() {
            let Block::Heading {
                level,
                inline,
                line,
                ..
            } = block
            else {
                continue;
            };
            let role = classify_heading(&inline.text);
            let (_, cur_role, _, cur_level, _) = *starts.last().expect("never empty");
            let deeper = *level > cur_level && cur_level > 0;
            let nested = match (cur_role, role) {
                (Some(Role::Community), Some(Role::LinkList(_))) => true,
                (Some(Role::Community), None) => deeper || *level == cur_level,
                (Some(Role::Events), Some(Role::EventRegion)) => true,
                // `# 2025-07-23 | …`: an event written as a heading.
                (Some(Role::Events), None) => {
                    deeper || inline.text.starts_with(|c: char| c.is_ascii_digit())
                }
                (Some(a), Some(b)) if a == b => deeper,
                // `### [RFCs]`, `### [Rust]` under a calls-for-testing heading name the
                // repository of the calls, even at the heading's own level (2022-2024).
                (Some(Role::CallsForTesting), Some(Role::ProjectUpdates) | None)
                    if *level >= cur_level
                        && CALL_FOR_TESTING_GROUPS
                            .contains(&normalize_heading(&inline.text).as_str()) =>
                {
                    true
                }
                (Some(Role::CallsForTesting), Some(Role::ProjectUpdates)) => deeper,
                (Some(Role::ProjectUpdates), Some(Role::Narrative)) => deeper,
                (Some(Role::LinkList(_)), Some(Role::LinkList(_))) => deeper,
                (_, Some(r)) if r.is_top_level() => false,
                (_, Some(Role::EventRegion)) => false,
                (Some(_), Some(Role::Narrative) | None) => deeper,
                (_, _) => false,
            };
            let reported = role.is_none()
                && match cur_role {
                    _ if !nested => true,
                    Some(Role::Community) | Some(Role::LinkList(_)) => true,
                    _ => false,
                };
            if reported {
                unmapped.push(UnmappedHeading {
                    text: inline.text.clone(),
                    line: *line,
                });
            }
            if !nested {
                starts.push((i, role, inline.text.as_str(), *level, *line));
            }
        }
        let mut sections = Vec::with_capacity(starts.len());
        for (k, &(start, role, heading, level, line)) in starts.iter().enumerate() {
            let end = starts.get(k + 1).map_or(self.blocks.len(), |s| s.0);
            let first = if level == 0 { start } else { start + 1 };
            sections.push(Section {
                role,
                heading,
                level,
                line,
                blocks: &self.blocks[first.min(end)..end],
                text: &self.text,
            });
        }
        (sections, unmapped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::Category;

    fn outline_roles(md: &str) -> Vec<(Option<Role>, String, usize)> {
        let o = Outline::parse(md, 1);
        let (sections, _) = o.sections();
        sections
            .iter()
            .map(|s| (s.role, s.heading.to_string(), s.blocks.len()))
            .collect()
    }

    #[test]
    fn level_drift_does_not_move_section_boundaries() {
        let md = "Intro\n\n## Updates from Rust Community\n### Official\n* [a](u)\n## Project/Tooling Updates\n* [b](u)\n## Crate of the Week\nThis week's crate is [x](u).\n## Upcoming Events\n### Europe\n* e\n# Oceania\n* f\n# Quote of the Week\n> q\n";
        let roles = outline_roles(md);
        assert_eq!(
            roles,
            vec![
                (None, "".into(), 1),
                (
                    Some(Role::Community),
                    "Updates from Rust Community".into(),
                    4
                ),
                (Some(Role::CrateOfTheWeek), "Crate of the Week".into(), 1),
                (Some(Role::Events), "Upcoming Events".into(), 4),
                (Some(Role::QuoteOfTheWeek), "Quote of the Week".into(), 1),
            ]
        );
    }

    #[test]
    fn standalone_link_lists_of_early_issues_are_sections_of_their_own() {
        let roles = outline_roles("# Notable Links\n* [a](u)\n# Project Updates\n* [b](u)\n");
        assert_eq!(roles[1].0, Some(Role::LinkList(Category::NewsAndBlogPosts)));
        assert_eq!(roles[2].0, Some(Role::LinkList(Category::ProjectUpdates)));
    }

    #[test]
    fn unknown_headings_are_reported_where_they_start_a_section_or_name_a_category() {
        let md = "## Updates from Rust Community\n### Brand New Category\n* [a](u)\n## Updates from the Rust Project\n##### [Rust](u)\n* [b](u)\n# Totally New Section\ntext\n";
        let o = Outline::parse(md, 10);
        let (_, unmapped) = o.sections();
        assert_eq!(
            unmapped,
            vec![
                UnmappedHeading {
                    text: "Brand New Category".into(),
                    line: 11
                },
                UnmappedHeading {
                    text: "Totally New Section".into(),
                    line: 16
                },
            ]
        );
    }
}
