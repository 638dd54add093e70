//! Crate of the Week: the crate (or crates) an issue picks, what it says they are, and who
//! suggested them.
//!
//! The section names its pick in one paragraph (`This week's crate is [x](u), a …`, and a
//! dozen older phrasings), in a bullet list (`This week has multiple crates:`), or in a
//! sentence listing several (`This week's crates are [a](u), … and [b](u), …`). The first
//! paragraph or list with a link that is not the suggester's, the submit line or the users
//! forum thread holds the pick. The suggester comes from `Thanks to [X](u) for the
//! suggestion!` and its variants, or from the narrative `User [X](u) suggested his own …`.
//! Weeks without a pick say so (`No crate was selected for CotW.`); a section that does
//! neither gets a warning.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::markdown::{Block, Inline, LinkSpan};
use crate::model::CratePick;
use crate::sections::Section;
use std::ops::Range;

/// The crate picks of a `Crate of the Week` section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CrateSection {
    /// The picks; empty for a week without a pick.
    pub picks: Vec<CratePick>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Phrases of a week without a pick (matched lower-case).
const NO_PICK: &[&str] = &[
    "no crate was selected",
    "no crate was nominated",
    "no crate was suggested",
    "no suggestion",
    "no nomination",
    "no one suggested",
    "without a crate",
    "lack of a crate",
    "no crate of this week",
    "no crate of the week",
    "for lack of suggestions",
    "for lack of nominations",
    "for lack of votes",
];

/// Words before a pick sentence that announce several crates (matched lower-case).
const MANY: &[&str] = &[
    "crates are",
    "two crates",
    "three crates",
    "multiple crates",
    "crates of the week",
];

/// What ends a crate's name in a multi-crate sentence and starts the next one.
const MANY_SEPARATORS: &[&str] = &[", and ", " and ", ", while ", ", ", ". ", ": "];

pub fn parse(section: &Section<'_>, _ctx: &Context) -> CrateSection {
    let units = units_of(section);
    let mut out = CrateSection::default();

    let thanks = units.iter().find_map(thanks_of);
    let editor = units.iter().find_map(editor_suggestion);
    let mut narrative = None;
    let mut self_hint = false;

    if let Some(unit) = units.iter().find(|u| !candidates(u).is_empty()) {
        narrative = narrative_suggester(unit);
        let lower = unit.inline.text.to_lowercase();
        self_hint = lower.contains("self-submitted") || lower.contains("self-promoted");
        match unit.list {
            Some(list) => {
                for u in units.iter().filter(|u| u.list == Some(list)) {
                    if let Some(&link) = candidates(u).first() {
                        out.picks.push(pick(u, link, None));
                    }
                }
            }
            None => {
                let links = candidates(unit);
                let before = links
                    .first()
                    .and_then(|l| unit.inline.text.get(..l.range.start))
                    .unwrap_or("")
                    .to_lowercase();
                let many = MANY.iter().any(|m| before.contains(m));
                let mut chosen: Vec<&LinkSpan> = Vec::new();
                for link in links {
                    let Some(prev) = chosen.last() else {
                        chosen.push(link);
                        continue;
                    };
                    if !many {
                        break;
                    }
                    let gap = unit
                        .inline
                        .text
                        .get(prev.range.end..link.range.start)
                        .unwrap_or("");
                    if MANY_SEPARATORS.iter().any(|s| gap.ends_with(s)) {
                        chosen.push(link);
                    }
                }
                for (i, link) in chosen.iter().enumerate() {
                    let next = chosen.get(i + 1).map(|l| l.range.start);
                    out.picks.push(pick(unit, link, next));
                }
            }
        }
    }

    if out.picks.is_empty() {
        let has_text = units.iter().any(|u| !is_submit_line(u.inline));
        let says_none = units.iter().any(|u| {
            let lower = u.inline.text.to_lowercase();
            NO_PICK.iter().any(|p| lower.contains(p))
        });
        if has_text && !says_none {
            let first = units.iter().find(|u| !is_submit_line(u.inline));
            out.diagnostics.push(Diagnostic::warning(
                first.map_or(section.line, |u| u.line),
                format!(
                    "Crate of the Week section names no crate and does not say there is none: \"{}\"",
                    excerpt(first.map_or("", |u| u.inline.text.as_str()), 80)
                ),
                "link the pick as `This week's crate is [name](url), a …`, or write \
                 `No crate was selected for CotW.` for a week without one",
            ));
        }
        return out;
    }

    let suggester = narrative.or(thanks).or(editor);
    if let Some(s) = suggester {
        let names = split_names(&s);
        let per_pick = names.len() == out.picks.len() && names.len() > 1;
        for (i, p) in out.picks.iter_mut().enumerate() {
            let (name, url) = match names.get(i) {
                Some((n, u)) if per_pick => (n.clone(), u.clone()),
                _ => (s.name.clone(), s.url.clone()),
            };
            p.suggested_by = Some(name);
            p.suggested_by_url = url;
            p.self_suggested = s.self_suggested || self_hint;
        }
    } else if self_hint {
        for p in &mut out.picks {
            p.self_suggested = true;
        }
    }
    out
}

/// A piece of inline text of the section: a paragraph, or one top-level list item.
struct Unit<'a> {
    inline: &'a Inline,
    line: usize,
    /// The markdown source, to find the line a link is on.
    source: &'a str,
    /// Which list of the section the item belongs to, for list items.
    list: Option<usize>,
}

fn units_of<'a>(section: &Section<'a>) -> Vec<Unit<'a>> {
    let mut units = Vec::new();
    for (i, block) in section.blocks.iter().enumerate() {
        match block {
            Block::Paragraph { inline, line, .. } => units.push(Unit {
                inline,
                line: *line,
                source: section.text.get(block.source()).unwrap_or(""),
                list: None,
            }),
            Block::List { items, .. } => {
                for item in items {
                    units.push(Unit {
                        inline: &item.inline,
                        line: item.line,
                        source: section.text.get(item.source.clone()).unwrap_or(""),
                        list: Some(i),
                    });
                }
            }
            // Quotes are what suggesters said (or, in `Crate & Quote of the Week`, the quote).
            _ => {}
        }
    }
    units
}

/// The links of a unit that can be a pick: not the suggester, the submit line, the users
/// forum thread or a user's profile.
fn candidates<'a>(unit: &Unit<'a>) -> Vec<&'a LinkSpan> {
    let inline = unit.inline;
    let thanks = thanks_spans(inline);
    inline
        .links
        .iter()
        .filter(|l| {
            let text = link_text(inline, l).trim().to_lowercase();
            let url = l.url.to_lowercase();
            !(text.is_empty()
                || text.starts_with("submit")
                || text.starts_with("please submit")
                || url.contains("users.rust-lang.org/t/crate-of-the-week")
                || url.contains("users.rust-lang.org/u/")
                || url.contains("users.rust-lang.org/users/")
                || url.contains("reddit.com/user/")
                || url.contains("reddit.com/u/")
                || thanks.iter().any(|s| s.contains(&l.range.start))
                || is_narrative_user(inline, l))
        })
        .collect()
}

/// A link's text. `Inline::link_text` indexes, and a list item's text is trimmed after its
/// links are recorded, so a link at its very end can reach past it (`* [ Title ](u)`):
/// clamp the range.
fn link_text<'a>(inline: &'a Inline, link: &LinkSpan) -> &'a str {
    let end = link.range.end.min(inline.text.len());
    inline.text.get(link.range.start..end).unwrap_or("")
}

/// `User [jkcclemens](u) suggested …`: the link is the suggester.
fn is_narrative_user(inline: &Inline, link: &LinkSpan) -> bool {
    let before = inline.text.get(..link.range.start).unwrap_or("");
    let after = inline.text.get(link.range.end..).unwrap_or("");
    (before.ends_with("User ") || before.ends_with("user ")) && after.starts_with(" suggested")
}

fn narrative_suggester(unit: &Unit<'_>) -> Option<Suggester> {
    let inline = unit.inline;
    let link = inline.links.iter().find(|l| is_narrative_user(inline, l))?;
    let after = inline.text.get(link.range.end..).unwrap_or("");
    let self_suggested = [" suggested his", " suggested her", " suggested their"]
        .iter()
        .any(|p| after.starts_with(p));
    Some(Suggester {
        name: link_text(inline, link).trim().to_string(),
        url: Some(link.url.clone()),
        self_suggested,
        links: vec![(link_text(inline, link).trim().to_string(), link.url.clone())],
    })
}

fn pick(unit: &Unit<'_>, link: &LinkSpan, next: Option<usize>) -> CratePick {
    let text = &unit.inline.text;
    let start = link.range.end;
    let mut end = sentence_end(text, start).min(thanks_after(text, start));
    if let Some(n) = next {
        end = end.min(n);
    }
    let description = text
        .get(start..end.max(start))
        .map(clean_description)
        .filter(|d| !d.is_empty());
    CratePick {
        name: unescape(link_text(unit.inline, link).trim()),
        url: link.url.clone(),
        description,
        suggested_by: None,
        suggested_by_url: None,
        self_suggested: false,
        line: line_of_url(unit, &link.url),
    }
}

/// The line of the unit's source that holds `url` (the unit's first line for references).
fn line_of_url(unit: &Unit<'_>, url: &str) -> usize {
    match unit.source.find(url) {
        Some(at) if !url.is_empty() => {
            unit.line + unit.source.get(..at).map_or(0, |s| s.matches('\n').count())
        }
        _ => unit.line,
    }
}

/// The text after a crate's link, without the joining punctuation.
fn clean_description(s: &str) -> String {
    let mut d = s.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, ',' | ':' | ';' | '-' | '–' | '—')
    });
    // `[bins](u) crate that lets us …`, `[trace](u) crate, a syntax extension …`,
    // `[Rustexp](u) site, a Rust regular expression editor`.
    for word in ["crate, ", "crate ", "site, ", "site "] {
        if let Some(rest) = d.strip_prefix(word) {
            d = rest.trim_start();
        }
    }
    loop {
        let t = d.trim_end();
        let t = t
            .strip_suffix(", and")
            .or_else(|| t.strip_suffix(" and"))
            .or_else(|| t.strip_suffix(", while"))
            .or_else(|| t.strip_suffix(','))
            .or_else(|| t.strip_suffix('.'))
            .unwrap_or(t);
        if t.len() == d.len() {
            break;
        }
        d = t;
    }
    d.to_string()
}

/// Undoes markdown backslash escapes (`derive\_more` → `derive_more`).
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&n) = chars.peek() {
                if n.is_ascii_punctuation() {
                    out.push(n);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// Where the sentence that goes on at `from` ends (the offset of its final `.`, `!` or `?`,
/// or the end of the text). A period after an initial or abbreviation (`Prof. D. Lemire`,
/// `e.g.`) does not end a sentence, nor does a `!` inside one (`print! statements`).
fn sentence_end(text: &str, from: usize) -> usize {
    let Some(rest) = text.get(from..) else {
        return text.len();
    };
    let mut iter = rest.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let Some(&(_, next)) = iter.peek() else {
            return from + i;
        };
        if !next.is_whitespace() {
            continue;
        }
        let ends = if c == '.' {
            let before = text.get(..from + i).unwrap_or("");
            let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
            let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
            !(word.chars().count() <= 1
                || word.contains('.')
                || ["Prof", "Dr", "Mr", "Mrs", "Ms", "St", "vs"].contains(&word))
        } else {
            let after = rest.get(i + c.len_utf8()..).unwrap_or("").trim_start();
            !after.starts_with(|n: char| n.is_lowercase())
        };
        if ends {
            return from + i;
        }
    }
    text.len()
}

/// The offset of the next `Thanks`/`Thank you` at or after `from` (the end if none).
fn thanks_after(text: &str, from: usize) -> usize {
    text.get(from..)
        .and_then(|rest| rest.find("Thank"))
        .map_or(text.len(), |i| from + i)
}

/// Who suggested the pick.
#[derive(Debug, Clone)]
struct Suggester {
    name: String,
    url: Option<String>,
    self_suggested: bool,
    /// The links inside the name, (text, url), to attribute names one by one.
    links: Vec<(String, String)>,
}

const THANKS: &[&str] = &[
    "Thanks go to ",
    "Thanks again to ",
    "Thanks you to ",
    "Thanks to ",
    "Thank you, ",
    "Thanks, ",
    "Thanks ",
];

/// The ranges of `text` naming whoever a `Thanks …` phrase thanks.
fn thanks_spans(inline: &Inline) -> Vec<Range<usize>> {
    thanks_phrases(inline).into_iter().map(|t| t.0).collect()
}

/// Each `Thanks …` phrase: the range of the name, and the rest of its sentence.
fn thanks_phrases(inline: &Inline) -> Vec<(Range<usize>, String)> {
    let text = &inline.text;
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = text.get(from..).and_then(|r| r.find("Thank")) {
        let at = from + at;
        from = at + "Thank".len();
        let rest = text.get(at..).unwrap_or("");
        let Some(prefix) = THANKS.iter().find(|p| rest.starts_with(**p)) else {
            continue;
        };
        let start = at + prefix.len();
        let after = text.get(start..).unwrap_or("");
        let stop = [" for ", ", who", " who ", "!", ":"]
            .iter()
            .filter_map(|s| after.find(s))
            .min();
        let end = match stop {
            Some(s) => start + s,
            None => sentence_end(text, start),
        };
        // `Thanks [X](u) for …` is written only with a name; `Thanks for …` thanks no one.
        let named = after.find(" for ").is_some_and(|s| s > 0);
        if *prefix == "Thanks " && (after.starts_with("for ") || !named) {
            continue;
        }
        let mut name_start = start;
        for lead in [
            "Reddit user ",
            "reddit user ",
            "redditor ",
            "Redditor ",
            "user ",
        ] {
            if text.get(name_start..).is_some_and(|r| r.starts_with(lead)) {
                name_start += lead.len();
            }
        }
        let name = text.get(name_start..end).unwrap_or("");
        // `Thanks to [7zf](u).` ends with the sentence; `Thanks to Soni L. for` keeps its `.`.
        let trimmed = match stop {
            Some(_) => name.trim_end_matches(|c: char| c == ',' || c.is_whitespace()),
            None => name.trim_end_matches(|c: char| c == '.' || c == ',' || c.is_whitespace()),
        };
        if trimmed.is_empty() {
            continue;
        }
        let sentence_stop = sentence_end(text, end);
        let tail = text
            .get(end..sentence_stop.max(end))
            .unwrap_or("")
            .to_string();
        out.push((name_start..name_start + trimmed.len(), tail));
        from = end.max(from);
    }
    out
}

fn thanks_of(unit: &Unit<'_>) -> Option<Suggester> {
    let inline = unit.inline;
    let (range, tail) = thanks_phrases(inline).into_iter().next()?;
    let name = inline.text.get(range.clone())?.trim().to_string();
    let links: Vec<(String, String)> = inline
        .links
        .iter()
        .filter(|l| l.range.start >= range.start && l.range.end <= range.end)
        .map(|l| (link_text(inline, l).trim().to_string(), l.url.clone()))
        .collect();
    let url = match links.as_slice() {
        [(text, url)] if *text == name => Some(url.clone()),
        _ => None,
    };
    let tail = tail.to_lowercase();
    Some(Suggester {
        name,
        url,
        self_suggested: tail.contains("self") || tail.contains("both crate and suggestion"),
        links,
    })
}

/// `llogiq is very pleased with his suggestion.`: the editor suggested the crate himself.
fn editor_suggestion(unit: &Unit<'_>) -> Option<Suggester> {
    let text = &unit.inline.text;
    let (word, rest) = text.split_once(' ')?;
    let verb = rest.starts_with("is ") || rest.starts_with("shamelessly ");
    let said = [
        "his suggestion",
        "the suggestion",
        "this suggestion",
        "self-suggestion",
    ]
    .iter()
    .any(|p| rest.contains(p));
    let is_name = !word.is_empty() && word.chars().all(|c| c.is_alphanumeric() || c == '_');
    (verb && said && is_name && word != "This" && word != "It").then(|| Suggester {
        name: word.to_string(),
        url: None,
        self_suggested: false,
        links: Vec::new(),
    })
}

/// The names of a suggester phrase thanking several people (`A, B and C`), with the url of
/// each name that is a link.
fn split_names(s: &Suggester) -> Vec<(String, Option<String>)> {
    s.name
        .split(", ")
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            let url = s.links.iter().find(|(t, _)| t == n).map(|(_, u)| u.clone());
            (n.to_string(), url)
        })
        .collect()
}

/// The submit line (`[Submit your suggestions and votes for next week][submit_crate]!`).
fn is_submit_line(inline: &Inline) -> bool {
    let t = inline.text.trim().to_lowercase();
    t.is_empty() || t.starts_with("submit your") || t.starts_with("please submit")
}

fn excerpt(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", s.get(..i).unwrap_or(s)),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::sections::Outline;
    use crate::taxonomy::Role;

    /// Parses the Crate of the Week section of a markdown snippet whose first line is `line`.
    fn cotw(md: &str, line: usize) -> CrateSection {
        let outline = Outline::parse(md, line);
        let (sections, _) = outline.sections();
        let section = sections
            .iter()
            .find(|s| matches!(s.role, Some(Role::CrateOfTheWeek | Role::CrateAndQuote)))
            .expect("the snippet has a Crate of the Week section");
        let ctx = Context {
            date: Date::new(2024, 10, 16).expect("a valid date"),
            number: None,
        };
        parse(section, &ctx)
    }

    fn names(section: &CrateSection) -> Vec<&str> {
        section.picks.iter().map(|p| p.name.as_str()).collect()
    }

    const BACON_569: &str = "## Crate of the Week

This week's crate is [bacon](https://dystroy.org/bacon), a terminal application to run your cargo tasks on change in background.

Thanks to [Denys Séguret](https://users.rust-lang.org/t/crate-of-the-week/2704/1351) for the self-suggestion!

[Please submit your suggestions and votes for next week][submit_crate]!

[submit_crate]: https://users.rust-lang.org/t/crate-of-the-week/2704
";

    #[test]
    fn crate_pick_of_569_is_bacon_self_suggested_by_denys_seguret() {
        let s = cotw(BACON_569, 64);
        assert_eq!(
            s.picks,
            vec![CratePick {
                name: "bacon".into(),
                url: "https://dystroy.org/bacon".into(),
                description: Some(
                    "a terminal application to run your cargo tasks on change in background".into()
                ),
                suggested_by: Some("Denys Séguret".into()),
                suggested_by_url: Some(
                    "https://users.rust-lang.org/t/crate-of-the-week/2704/1351".into()
                ),
                self_suggested: true,
                line: 66,
            }]
        );
        assert!(s.diagnostics.is_empty());
    }

    #[test]
    fn escaped_name_of_546_reads_derive_more() {
        let s = cotw(
            "## Crate of the Week\n\nThis week's crate is [derive\\_more](https://docs.rs/derive_more), a crate for deriving a whole lot of traits\n\nThanks to [teor](https://users.rust-lang.org/t/crate-of-the-week/2704/1306) for the suggestion!\n",
            80,
        );
        assert_eq!(names(&s), ["derive_more"]);
        assert_eq!(s.picks[0].suggested_by.as_deref(), Some("teor"));
        assert!(!s.picks[0].self_suggested);
    }

    #[test]
    fn bold_link_of_96_is_clap_not_the_forum_thread() {
        let s = cotw(
            "# Crate of the Week

This is a new part of this weekly installation, where we will write about a crate that some of you may not know.
Please nominate a crate of your choice at the [rust-users thread](https://users.rust-lang.org/t/crate-of-the-week/2704/15) so we can write about it next week.

This week, Crate of the Week is **[clap](https://github.com/kbknapp/clap-rs)**. Thanks go to [eternaleye](https://users.rust-lang.org/users/eternaleye) for the suggestion.

Quoting [eternaleye](https://users.rust-lang.org/users/eternaleye) verbatim:
",
            111,
        );
        assert_eq!(names(&s), ["clap"]);
        let p = &s.picks[0];
        assert_eq!(p.url, "https://github.com/kbknapp/clap-rs");
        assert_eq!(p.line, 116);
        assert_eq!(p.description, None);
        assert_eq!(p.suggested_by.as_deref(), Some("eternaleye"));
        assert_eq!(
            p.suggested_by_url.as_deref(),
            Some("https://users.rust-lang.org/users/eternaleye")
        );
    }

    #[test]
    fn crates_are_of_326_lists_two_picks_and_not_the_julia_link() {
        let s = cotw(
            "# Crate of the Week

This week's crates are [pointer-utils](https://github.com/CAD97/pointer-utils), a small library for working with pointers, and [jlrs](https://github.com/Taaitaaiger/jlrs), a crate to call [Julia](https://julialang.org) from Rust.

Thanks to [Vikrant](https://users.rust-lang.org/t/crate-of-the-week/2704/729) for the suggestions!
",
            33,
        );
        assert_eq!(names(&s), ["pointer-utils", "jlrs"]);
        assert_eq!(
            s.picks[0].description.as_deref(),
            Some("a small library for working with pointers")
        );
        assert_eq!(
            s.picks[1].description.as_deref(),
            Some("a crate to call Julia from Rust")
        );
        assert!(s
            .picks
            .iter()
            .all(|p| p.suggested_by.as_deref() == Some("Vikrant")));
    }

    #[test]
    fn three_crates_of_308_each_get_their_own_suggester() {
        let s = cotw(
            "# Crate of the Week

This week, we don't have one, nor two, but *three* crates of the week! There's [Watt](https://github.com/dtolnay/watt), a fast WASM-based proc-macro runtime, [Anyhow](https://github.com/dtolnay/anyhow), yet another error handling crate and [spotify-tui](https://github.com/Rigellute/spotify-tui), a console user interface for Spotify.

Thanks to [Aloso](https://users.rust-lang.org/t/crate-of-the-week/2704/649), [zicklag](https://users.rust-lang.org/t/crate-of-the-week/2704/645) and [Vikrant](https://users.rust-lang.org/t/crate-of-the-week/2704/644) for the suggestion!
",
            32,
        );
        assert_eq!(names(&s), ["Watt", "Anyhow", "spotify-tui"]);
        assert_eq!(
            s.picks[1].description.as_deref(),
            Some("yet another error handling crate")
        );
        let by: Vec<_> = s
            .picks
            .iter()
            .map(|p| (p.suggested_by.as_deref(), p.suggested_by_url.as_deref()))
            .collect();
        assert_eq!(
            by,
            [
                (
                    Some("Aloso"),
                    Some("https://users.rust-lang.org/t/crate-of-the-week/2704/649")
                ),
                (
                    Some("zicklag"),
                    Some("https://users.rust-lang.org/t/crate-of-the-week/2704/645")
                ),
                (
                    Some("Vikrant"),
                    Some("https://users.rust-lang.org/t/crate-of-the-week/2704/644")
                ),
            ]
        );
    }

    #[test]
    fn bullet_list_of_312_gives_three_picks_on_their_own_lines() {
        let s = cotw(
            "# Crate of the Week

This week has multiple crates:

* [accurate](https://crates.io/crates/accurate), accumulator types for more accurate (or even provably correct) sum and dot product of floating-point numbers
* [transfer](https://github.com/dureuill/transfer), a crate to transfer values between pinned instances.
* [genawaiter](https://github.com/whatisaphone/genawaiter), a crate to allow generators on stable Rust.

Thanks to [Nestor Demeure](https://users.rust-lang.org/t/crate-of-the-week/2704/666) and [Willi Kappler](https://users.rust-lang.org/t/crate-of-the-week/2704/669) for the suggestions!
",
            40,
        );
        assert_eq!(names(&s), ["accurate", "transfer", "genawaiter"]);
        let lines: Vec<_> = s.picks.iter().map(|p| p.line).collect();
        assert_eq!(lines, [44, 45, 46]);
        assert_eq!(
            s.picks[1].description.as_deref(),
            Some("a crate to transfer values between pinned instances")
        );
        // Two names for three crates: each pick gets the whole phrase.
        assert_eq!(
            s.picks[2].suggested_by.as_deref(),
            Some("Nestor Demeure and Willi Kappler")
        );
    }

    #[test]
    fn narrative_of_136_picks_bins_self_suggested_by_jkcclemens() {
        let s = cotw(
            "# Crate of the Week

User [jkcclemens](https://users.rust-lang.org/users/jkcclemens) suggested his own [bins](https://crates.io/crates/bins) crate that lets us programmatically create pastebins and is now our Crate of the Week! Thanks, jkcclemens!
",
            54,
        );
        assert_eq!(names(&s), ["bins"]);
        let p = &s.picks[0];
        assert_eq!(p.suggested_by.as_deref(), Some("jkcclemens"));
        assert_eq!(
            p.suggested_by_url.as_deref(),
            Some("https://users.rust-lang.org/users/jkcclemens")
        );
        assert!(p.self_suggested);
        assert_eq!(
            p.description.as_deref(),
            Some("that lets us programmatically create pastebins and is now our Crate of the Week")
        );
    }

    #[test]
    fn unilateral_declaration_of_145_picks_ring_without_suggester() {
        let s = cotw(
            "# Crate of the Week

No crate was suggested for this week. So I unilaterally declare [ring](https://crates.io/crates/ring), Brian Smith's Rust crypto implementation, which is finally on crates.io as this week's crate.

Can we have suggestions and votes next week? Pretty please?
",
            50,
        );
        assert_eq!(names(&s), ["ring"]);
        assert_eq!(s.picks[0].suggested_by, None);
        assert!(s.diagnostics.is_empty());
    }

    #[test]
    fn not_a_crate_of_294_is_the_rustexp_site() {
        let s = cotw(
            "# Crate of the Week

This week's CotW is not a crate but [Rustexp](https://rustexp.lpil.uk/) site, a Rust regular expression editor & tester.

Thanks to [carols10cents](https://github.com/cmr/this-week-in-rust/issues/939) for the suggestion!
",
            27,
        );
        assert_eq!(names(&s), ["Rustexp"]);
        assert_eq!(
            s.picks[0].description.as_deref(),
            Some("a Rust regular expression editor & tester")
        );
        assert_eq!(s.picks[0].suggested_by.as_deref(), Some("carols10cents"));
    }

    #[test]
    fn crate_and_quote_of_103_picks_alias_not_its_author_or_the_quote() {
        let s = cotw(
            "# Crate & Quote of the Week

This week's Crate of the Week is [alias](https://github.com/huonw/alias) by [Huon W](https://github.com/huonw). Thanks go to Reddit user [notriddle](https://www.reddit.com/user/notriddle) for the suggestion. [Submit your suggestions for next week][submit_crate]!

> _alias_ allows _mutably aliasing values_ – which seems to actually be safe, somewhat surprisingly. Honestly, I'm a bit shocked about it myself.

— [llogiq](https://github.com/llogiq) on the [alias](https://github.com/huonw/alias) crate.

[Submit your quotes for next week][submit]!

[submit]: http://users.rust-lang.org/t/twir-quote-of-the-week/328
[submit_crate]: https://users.rust-lang.org/t/crate-of-the-week/2704
",
            123,
        );
        assert_eq!(names(&s), ["alias"]);
        assert_eq!(s.picks[0].suggested_by.as_deref(), Some("notriddle"));
        assert_eq!(
            s.picks[0].suggested_by_url.as_deref(),
            Some("https://www.reddit.com/user/notriddle")
        );
    }

    #[test]
    fn suggester_of_191_keeps_the_initial_in_tony_p() {
        let s = cotw(
            "# Crate of the Week

This week's crate is [extfsm](https://crates.io/crates/extfsm), a crate to help build finite state machines. Thanks to [Tony P.](https://users.rust-lang.org/u/prz) for the suggestion.
",
            38,
        );
        let p = &s.picks[0];
        assert_eq!(
            p.description.as_deref(),
            Some("a crate to help build finite state machines")
        );
        assert_eq!(p.suggested_by.as_deref(), Some("Tony P."));
        assert_eq!(
            p.suggested_by_url.as_deref(),
            Some("https://users.rust-lang.org/u/prz")
        );
    }

    #[test]
    fn thanks_comma_of_463_names_leopold_arkham() {
        let s = cotw(
            "## Crate of the Week

This week's crate is [humansize](https://lib.rs/crates/humansize), a size formatting crate. Now in version 2.0, with an updated API. 

Thanks, [Leopold Arkham](https://users.rust-lang.org/u/leopoldarkham/summary) for the suggestion!
",
            60,
        );
        assert_eq!(names(&s), ["humansize"]);
        assert_eq!(
            s.picks[0].description.as_deref(),
            Some("a size formatting crate")
        );
        assert_eq!(s.picks[0].suggested_by.as_deref(), Some("Leopold Arkham"));
    }

    #[test]
    fn editor_pick_of_419_is_suggested_by_llogiq() {
        let s = cotw(
            "## Crate of the Week

This week's crate is [poem-openapi](https://crates.io/crates/poem-openapi), a framework to implement OpenAPI services.

llogiq is very pleased with his suggestion.

[Please submit your suggestions and votes for next week][submit_crate]!
",
            68,
        );
        assert_eq!(s.picks[0].suggested_by.as_deref(), Some("llogiq"));
        assert_eq!(s.picks[0].suggested_by_url, None);
    }

    #[test]
    fn no_crate_selected_in_138_gives_no_pick_and_no_warning() {
        let s = cotw(
            "# Crate of the Week

*No crate was selected for CotW.*

[Submit your suggestions for next week][submit_crate]!

[submit_crate]: https://users.rust-lang.org/t/crate-of-the-week/2704
",
            41,
        );
        assert!(s.picks.is_empty());
        assert!(s.diagnostics.is_empty());
    }

    #[test]
    fn no_nominations_in_183_gives_no_pick_and_no_warning() {
        let s = cotw(
            "# Crate of the Week

Sadly, we had no nominations this week, so stay tuned for next week!

[Submit your suggestions and votes for next week][submit_crate]!
",
            30,
        );
        assert!(s.picks.is_empty());
        assert!(s.diagnostics.is_empty());
    }

    #[test]
    fn pick_of_569_written_without_its_link_is_reported() {
        let s = cotw(
            "## Crate of the Week

This week's crate is bacon, a terminal application to run your cargo tasks on change in background.

[Please submit your suggestions and votes for next week][submit_crate]!
",
            64,
        );
        assert!(s.picks.is_empty());
        assert_eq!(s.diagnostics.len(), 1);
        assert_eq!(s.diagnostics[0].line, 66);
        assert!(s.diagnostics[0]
            .message
            .contains("This week's crate is bacon"));
    }

    #[test]
    fn submit_line_alone_is_neither_a_pick_nor_reported() {
        let s = cotw(
            "## Crate of the Week\n\n[Please submit your suggestions and votes for next week][submit_crate]!\n\n[submit_crate]: https://users.rust-lang.org/t/crate-of-the-week/2704\n",
            1,
        );
        assert!(s.picks.is_empty());
        assert!(s.diagnostics.is_empty());
    }

    #[test]
    fn list_item_link_with_inner_spaces_as_in_cfp_of_521_does_not_panic() {
        let s = cotw(
            "## Crate of the Week\n\n* [ Hyperswitch - [REFACTOR]: [Zen] MCA metadata validation ](https://github.com/juspay/hyperswitch/issues/2913)\n",
            82,
        );
        assert_eq!(
            names(&s),
            ["Hyperswitch - [REFACTOR]: [Zen] MCA metadata validation"]
        );
    }

    #[test]
    fn sentence_end_skips_initials_abbreviations_and_inner_bangs() {
        let t = "the Rust version of Prof. D. Lemire's bitmap. More";
        assert_eq!(sentence_end(t, 0), t.find("bitmap.").map_or(0, |i| i + 6));
        let t = "a macro to insert print! statements. Next";
        assert_eq!(
            sentence_end(t, 0),
            t.find("statements.").map_or(0, |i| i + 10)
        );
        let t = "e.g. fuzzy text search";
        assert_eq!(sentence_end(t, 0), t.len());
    }
}
