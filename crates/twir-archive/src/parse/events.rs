//! Upcoming Events: the `Meetups` / `Upcoming Meetups` / `Upcoming Events` section of every
//! era, one [`Event`] per top-level date line.
//!
//! The forms, oldest first (archive-format.md, section 5):
//! - 2013-14: free text bullets (`… meetup planned in Mountain View on Wednesday, June 12, …`);
//! - 2014-12 → 2015-02: `[Rust Paris, Nov 17](url)`, `[January 19 - Rust Paris](url)`;
//! - 2015-02 → 2017-02: `[9/15. San Diego Rust Meetup #8](url).`, unlinked, bold, ranges;
//! - 2017-02 → 2020-11: `[Jun  7. Columbus, US - Columbus Rust Society - Monthly Meeting](url)`
//!   (location, then group, then title);
//! - 2020-11 → 2022-02: `[December 16, Vancouver, BC, US - Title - Group](url)` (title before
//!   group), with `, 2021` years and then `| Location | **Title** | Group` fields;
//! - 2022-03 → now: `2022-06-08 | Boulder, CO, US | [Group](url)` with nested title bullets.
//!
//! Region sub-headings (`### Europe`, `# Oceania`, `### Oceania:`) set the region of the
//! events after them.

use super::Context;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::markdown::{Block, Inline, ListItem};
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

/// How far before the issue an event may lie before its date looks wrong.
const MAX_DAYS_BEFORE: i32 = 120;
/// How far after the issue an event may lie before its date looks wrong.
const MAX_DAYS_AFTER: i32 = 400;

pub fn parse(section: &Section<'_>, ctx: &Context) -> EventSection {
    let mut parser = Parser {
        ctx,
        heading: section.heading,
        region: None,
        // Whether the last event was of the `date | location | [group]` form and still
        // lacks a title (an unindented title bullet may follow it).
        open_titleless: false,
        out: EventSection::default(),
    };
    for block in section.blocks {
        match block {
            Block::Heading { inline, line, .. } => {
                let text = inline.text.trim();
                if text.starts_with(|c: char| c.is_ascii_digit()) {
                    // `# 2025-07-23 | …`: an event written as a heading.
                    parser.item(inline, &[], *line);
                } else {
                    let region = text.trim_end_matches(':').trim_end();
                    parser.region = (!region.is_empty()).then(|| region.to_string());
                    parser.open_titleless = false;
                }
            }
            Block::List { items, .. } => {
                for item in items {
                    parser.item(&item.inline, &item.children, item.line);
                }
            }
            Block::Paragraph { inline, line, .. } => parser.paragraph(inline, *line),
            _ => {}
        }
    }
    parser.out
}

struct Parser<'a> {
    ctx: &'a Context,
    heading: &'a str,
    region: Option<String>,
    open_titleless: bool,
    out: EventSection,
}

/// The fields read from an event line, before the date is resolved.
#[derive(Default)]
struct Fields {
    date: Option<DateSpec>,
    date_text: String,
    location: Option<String>,
    group: Option<String>,
    group_url: Option<String>,
    title: Option<String>,
    url: Option<String>,
}

impl Parser<'_> {
    fn item(&mut self, inline: &Inline, children: &[ListItem], line: usize) {
        let text = inline.text.trim();
        if text.is_empty() {
            return;
        }
        if self.open_titleless && is_title_bullet(inline) {
            // 2024-07-17: the title bullet of the event above lost its indentation.
            if let Some(event) = self.out.events.last_mut() {
                event.title = Some(clean_title(text));
                event.url = inline.links.first().map(|l| l.url.clone());
            }
            self.open_titleless = false;
            return;
        }
        self.open_titleless = false;
        let fields = if starts_with_iso_date(text) && text.contains('|') {
            let f = piped_fields(inline, children);
            self.open_titleless = f.title.is_none();
            Some(f)
        } else {
            dated_fields(inline).or_else(|| free_text_fields(inline))
        };
        match fields {
            Some(f) => self.push(f, line),
            None => {
                self.out.other_items.push(OtherItem {
                    heading: self.heading.to_string(),
                    text: text.to_string(),
                    url: inline.links.first().map(|l| l.url.clone()),
                    line,
                });
                self.out.diagnostics.push(Diagnostic::warning(
                    line,
                    format!("event item `{}` has no date that can be read", short(text)),
                    "start the item with its date, as in `* 2024-05-01 | City, CC | [Group](url)`",
                ));
            }
        }
    }

    /// 2015-01-12 lists its events as lines of a paragraph: `[January 12 - Seattle Meetup][s].`
    fn paragraph(&mut self, inline: &Inline, line: usize) {
        for link in &inline.links {
            let text = inline.link_text(link);
            if let Some((spec, len)) = leading_date(text) {
                let rest = text.get(len..).unwrap_or("");
                let mut f = split_rest(rest, spec.comma);
                f.date_text = date_text(text, len);
                f.date = Some(spec);
                f.url = Some(link.url.clone());
                self.push(f, line);
            }
        }
    }

    fn push(&mut self, f: Fields, line: usize) {
        let (date, end_date) = match f.date {
            Some(spec) => self.resolve(&spec, &f.date_text, line),
            None => (None, None),
        };
        let online = f.location.as_deref().is_some_and(is_online_place)
            || self.region.as_deref().is_some_and(is_online_place);
        self.out.events.push(Event {
            date,
            end_date,
            date_text: f.date_text,
            location: f.location,
            group: f.group,
            group_url: f.group_url,
            title: f.title,
            url: f.url,
            region: self.region.clone(),
            online,
            line,
        });
    }

    /// The event's first and last day, warning about days that do not exist or lie far
    /// from the issue's date.
    fn resolve(
        &mut self,
        spec: &DateSpec,
        text: &str,
        line: usize,
    ) -> (Option<Date>, Option<Date>) {
        let issue = self.ctx.date;
        let start = match spec.year {
            Some(y) => Date::new(y, spec.month, spec.day),
            None => infer_year(spec.month, spec.day, issue),
        };
        let Some(start) = start else {
            self.out.diagnostics.push(Diagnostic::warning(
                line,
                format!("event date `{text}` is not a day of the calendar"),
                "correct the date of the event",
            ));
            return (None, None);
        };
        let diff = start.to_days() - issue.to_days();
        if !(-MAX_DAYS_BEFORE..=MAX_DAYS_AFTER).contains(&diff) {
            let (n, side) = if diff < 0 {
                (-diff, "before")
            } else {
                (diff, "after")
            };
            self.out.diagnostics.push(Diagnostic::warning(
                line,
                format!("event date `{text}` is {n} days {side} the issue's date {issue}"),
                "check the event's year, or remove the event if it is stale",
            ));
        }
        let end = spec.end.and_then(|(year, month, day)| {
            let month = month.unwrap_or(start.month());
            let year = year.unwrap_or(start.year());
            let end = Date::new(year, month, day)?;
            if end < start {
                Date::new(year + 1, month, day)
            } else {
                Some(end)
            }
        });
        (Some(start), end)
    }
}

/// The year that puts a month and day nearest the issue, looking at most 120 days back.
fn infer_year(month: u8, day: u8, issue: Date) -> Option<Date> {
    let mut best: Option<(i32, Date)> = None;
    for year in [issue.year() - 1, issue.year(), issue.year() + 1] {
        let Some(d) = Date::new(year, month, day) else {
            continue;
        };
        let diff = d.to_days() - issue.to_days();
        let score = if diff < -MAX_DAYS_BEFORE {
            diff.abs() + 10_000
        } else {
            diff.abs()
        };
        if best.is_none_or(|(s, _)| score < s) {
            best = Some((score, d));
        }
    }
    best.map(|(_, d)| d)
}

/// `2022-06-08 | Boulder, CO, US | [Group](url)` with nested `[**Title**](url)` bullets.
fn piped_fields(inline: &Inline, children: &[ListItem]) -> Fields {
    let text = inline.text.trim();
    let parts: Vec<&str> = text.split('|').map(str::trim).collect();
    let date_field = parts.first().copied().unwrap_or("");
    let (date, date_len) = match iso_date(date_field) {
        Some((spec, len)) => (Some(spec), len),
        None => (None, 0),
    };
    let mut f = Fields {
        date,
        date_text: date_field
            .get(..date_len)
            .unwrap_or(date_field)
            .trim()
            .to_string(),
        ..Fields::default()
    };
    let rest = parts.get(1..).unwrap_or(&[]);
    let (places, group) = match rest.split_last() {
        Some((last, places)) if !places.is_empty() || !inline.links.is_empty() => {
            (places, Some(*last))
        }
        _ => (rest, None),
    };
    let location = places.join(" | ");
    f.location = non_empty(&location);
    f.group = group.and_then(non_empty);
    f.group_url = inline.links.first().map(|l| l.url.clone());
    let titles: Vec<String> = children
        .iter()
        .map(|c| clean_title(&c.inline.text))
        .filter(|t| !t.is_empty())
        .collect();
    f.title = (!titles.is_empty()).then(|| titles.join(" | "));
    f.url = children
        .iter()
        .find_map(|c| c.inline.links.first())
        .or(inline.links.first())
        .map(|l| l.url.clone());
    f
}

/// An item that starts with its date: in its first link's text when the link opens the
/// item (`[Jun 14. Columbus, US - Group - Title](url)`), else in its text
/// (`9/16. RustBerlin Hack and Learn.`).
fn dated_fields(inline: &Inline) -> Option<Fields> {
    let full = inline.text.as_str();
    let lead = full.len() - full.trim_start().len();
    let (seg_start, seg) = match inline.links.first() {
        Some(l) if l.range.start <= lead => (l.range.start, inline.link_text(l)),
        _ => (lead, full.trim()),
    };
    let (spec, len) = leading_date(seg)?;
    let rest_raw = seg.get(len..).unwrap_or("");
    let rest_offset = seg_start + len + (rest_raw.len() - trim_separators(rest_raw).len());
    let strong = inline
        .strong
        .iter()
        .find(|r| r.start >= rest_offset && r.end <= seg_start + seg.len() && r.end > r.start);
    // The piped form has a `|` right after the date: `February 23, 2022 | Graz, AT | …`.
    let piped = rest_raw.trim_start().starts_with('|');
    let mut f = match (strong, piped) {
        // `March 3, 2022 | Würzburg, DE | **Guest Speaker | … ** | Rust Würzburg Meetup Group`
        (Some(r), _) => {
            let before = full.get(rest_offset..r.start).unwrap_or("");
            let after = full.get(r.end..seg_start + seg.len()).unwrap_or("");
            Fields {
                location: non_empty(before.trim().trim_end_matches(['|', '-']).trim()),
                title: non_empty(full.get(r.clone()).unwrap_or("")),
                group: non_empty(trim_separators(after).trim_end_matches('.')),
                ..Fields::default()
            }
        }
        (None, true) => {
            let parts: Vec<&str> = trim_separators(rest_raw)
                .split('|')
                .map(str::trim)
                .collect();
            let mut f = Fields::default();
            if let Some((first, tail)) = parts.split_first() {
                f.location = non_empty(first);
                if let Some((last, middle)) = tail.split_last() {
                    if middle.is_empty() {
                        f.title = non_empty(last);
                    } else {
                        f.title = non_empty(&middle.join(" | "));
                        f.group = non_empty(last);
                    }
                }
            }
            f
        }
        (None, false) => split_rest(rest_raw, spec.comma),
    };
    f.date_text = date_text(seg, len);
    f.date = Some(spec);
    f.url = inline.links.first().map(|l| l.url.clone());
    Some(f)
}

/// The text after a date, in the dash forms: `Columbus, US - Group - Title` (after `Jun 14.`)
/// or `Vancouver, BC, US - Title - Group` (after `December 16,`).
fn split_rest(rest: &str, comma: bool) -> Fields {
    let rest = trim_separators(rest).trim_end_matches('.').trim_end();
    let mut parts: Vec<&str> = split_dashes(rest);
    let mut f = Fields::default();
    if parts.len() >= 2 {
        let first = parts.first().copied().unwrap_or("");
        if comma || looks_like_place(first) {
            f.location = non_empty(first);
            parts.remove(0);
        }
    }
    match parts.as_slice() {
        [] => {}
        [only] => f.title = non_empty(only),
        [first, tail @ ..] if !comma => {
            f.group = non_empty(first);
            f.title = non_empty(&tail.join(" - "));
        }
        [head @ .., last] => {
            f.title = non_empty(&head.join(" - "));
            f.group = non_empty(last);
        }
    }
    f
}

/// Splits at ` - ` and ` — `, the separators of the dash forms.
fn split_dashes(s: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut rest = s;
    loop {
        let next = [" - ", " — ", " – "]
            .iter()
            .filter_map(|sep| rest.find(sep).map(|i| (i, sep.len())))
            .min();
        match next {
            Some((i, len)) => {
                parts.push(rest.get(..i).unwrap_or("").trim());
                rest = rest.get(i + len..).unwrap_or("");
            }
            None => {
                parts.push(rest.trim());
                return parts;
            }
        }
    }
}

/// Free text of 2013-14 (`… meetup planned in Mountain View on Wednesday, June 12, at 7pm`)
/// and `[Rust Paris, Nov 17](url)`: the first `Month day` anywhere in the text.
fn free_text_fields(inline: &Inline) -> Option<Fields> {
    let text = inline.text.trim();
    let (start, spec, len) = text.char_indices().find_map(|(i, c)| {
        let word_start = i == 0 || text.get(..i).is_some_and(|b| b.ends_with([' ', '(', '[']));
        if !(c.is_ascii_uppercase() && word_start) {
            return None;
        }
        let (spec, len) = month_day(text.get(i..)?, false)?;
        Some((i, spec, len))
    })?;
    let title = match inline.links.first() {
        Some(l) if l.range.start == 0 => inline.link_text(l).trim(),
        _ => text,
    };
    Some(Fields {
        date: Some(spec),
        date_text: text
            .get(start..start + len)
            .unwrap_or("")
            .trim()
            .to_string(),
        title: non_empty(title.trim_end_matches('.')),
        url: inline.links.first().map(|l| l.url.clone()),
        ..Fields::default()
    })
}

/// The date as written: its text plus a closing period (`Jun  7.`), without a comma.
fn date_text(seg: &str, len: usize) -> String {
    let date = seg.get(..len).unwrap_or("").trim();
    let with_dot = seg.get(len..).is_some_and(|r| r.starts_with('.'));
    if with_dot {
        format!("{date}.")
    } else {
        date.to_string()
    }
}

/// A date as written: a month and day, perhaps a year, perhaps a last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DateSpec {
    year: Option<i32>,
    month: u8,
    day: u8,
    /// The last day: (year, month, day), year and month when written.
    end: Option<(Option<i32>, Option<u8>, u8)>,
    /// The date is followed by a comma (`December 16, Vancouver …`): the location comes next.
    comma: bool,
}

/// A date at the start of `s`, in any of the archive's forms, and its length in bytes.
fn leading_date(s: &str) -> Option<(DateSpec, usize)> {
    iso_date(s)
        .or_else(|| numeric_date(s))
        .or_else(|| month_day(s, true))
}

/// `2022-06-08`, `2023-10-9`, and the ranges `2023-07-13 - 2023-07-14`, `2022-05-19 & 05-20`,
/// `2023-02-16, 2023-02-17`, `2025-09-02 * 2025-09-05`, `2024-01-27-28`.
fn iso_date(s: &str) -> Option<(DateSpec, usize)> {
    let mut c = Cursor::new(s);
    let (year, month, day) = c.iso()?;
    let mut spec = DateSpec {
        year: Some(year),
        month,
        day,
        end: None,
        comma: false,
    };
    let after_start = c.pos;
    if c.eat('-') {
        if let Some(d) = c.number(2) {
            spec.end = Some((None, None, d));
            return Some((spec, c.pos));
        }
    }
    c.pos = after_start;
    c.spaces();
    if c.eat('-') || c.eat('&') || c.eat(',') || c.eat('*') {
        c.spaces();
        let save = c.pos;
        if let Some((y, m, d)) = c.iso() {
            spec.end = Some((Some(y), Some(m), d));
            return Some((spec, c.pos));
        }
        c.pos = save;
        if let (Some(m), true, Some(d)) = (c.number(2), c.eat('-'), c.number(2)) {
            spec.end = Some((None, Some(m), d));
            return Some((spec, c.pos));
        }
    }
    Some((spec, after_start))
}

/// `9/15`, `11/19 - 11/20`, `3/9` (2014-12 → 2017-02).
fn numeric_date(s: &str) -> Option<(DateSpec, usize)> {
    let mut c = Cursor::new(s);
    let month = c.number(2)?;
    if !c.eat('/') {
        return None;
    }
    let day = c.number(2)?;
    let mut spec = DateSpec {
        year: None,
        month,
        day,
        end: None,
        comma: false,
    };
    let end = c.pos;
    c.spaces();
    if c.eat('-') {
        c.spaces();
        if let (Some(m), true, Some(d)) = (c.number(2), c.eat('/'), c.number(2)) {
            spec.end = Some((None, Some(m), d));
            return Some((spec, c.pos));
        }
    }
    spec.comma = s.get(end..).is_some_and(|r| r.starts_with(','));
    Some((spec, end))
}

/// `Jun  7`, `Feb. 9`, `December 9th`, `June 15, 2021`, `June 29. 2021`, ranges `Oct 20 & 21`,
/// `Apr 26-29`, `Dec 27 - 30`, `Oct  2 - Oct 3`, `Nov 26+28`, `May 30/31`.
fn month_day(s: &str, lenient: bool) -> Option<(DateSpec, usize)> {
    let mut c = Cursor::new(s);
    c.lenient = lenient;
    let month = c.month()?;
    c.spaces();
    let day = c.number(2)?;
    c.ordinal();
    let mut spec = DateSpec {
        year: None,
        month,
        day,
        end: None,
        comma: false,
    };
    let mut end = c.pos;
    c.spaces();
    if c.eat('-') || c.eat('&') || c.eat('+') || c.eat('/') {
        c.spaces();
        let save = c.pos;
        let m2 = c.month();
        if m2.is_some() {
            c.spaces();
        } else {
            c.pos = save;
        }
        if let Some(d2) = c.number(2) {
            c.ordinal();
            spec.end = Some((None, m2, d2));
            end = c.pos;
        }
    }
    c.pos = end;
    if c.eat(',') || c.eat('.') {
        c.spaces();
        if let Some(y) = c.year() {
            spec.year = Some(y);
            end = c.pos;
        }
    }
    spec.comma = s.get(end..).is_some_and(|r| r.starts_with(','));
    Some((spec, end))
}

/// A byte cursor over ASCII tokens; it only ever stops after an ASCII byte, so every
/// position is a char boundary.
struct Cursor<'a> {
    s: &'a [u8],
    pos: usize,
    /// Accept misspelt month names (at the start of an item, not inside free text).
    lenient: bool,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str) -> Self {
        Self {
            s: s.as_bytes(),
            pos: 0,
            lenient: true,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c as u8) && c.is_ascii() {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn spaces(&mut self) {
        while self.peek() == Some(b' ') {
            self.pos += 1;
        }
    }

    /// Up to `max` digits (and no more), as a number that fits a day or month.
    fn number(&mut self, max: usize) -> Option<u8> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        let n = self.pos - start;
        if n == 0 || n > max {
            self.pos = start;
            return None;
        }
        let v = self.s.get(start..self.pos)?.iter().fold(0u8, |acc, b| {
            acc.saturating_mul(10).saturating_add(b - b'0')
        });
        Some(v)
    }

    /// A four-digit year of the archive's time, not followed by another digit.
    fn year(&mut self) -> Option<i32> {
        let start = self.pos;
        let digits = self.s.get(start..start + 4)?;
        if !digits.iter().all(u8::is_ascii_digit)
            || self.s.get(start + 4).is_some_and(u8::is_ascii_digit)
        {
            return None;
        }
        let y = digits
            .iter()
            .fold(0i32, |acc, b| acc * 10 + i32::from(b - b'0'));
        if !(2000..=2100).contains(&y) {
            return None;
        }
        self.pos += 4;
        Some(y)
    }

    /// `YYYY-M-D` with one- or two-digit month and day.
    fn iso(&mut self) -> Option<(i32, u8, u8)> {
        let start = self.pos;
        let parsed = (|| {
            let y = self.year()?;
            if !self.eat('-') {
                return None;
            }
            let m = self.number(2)?;
            if !self.eat('-') {
                return None;
            }
            let d = self.number(2)?;
            Some((y, m, d))
        })();
        if parsed.is_none() {
            self.pos = start;
        }
        parsed
    }

    /// A month name or abbreviation (`Jun`, `June`, `Feb.`, and the typo `Dex`).
    fn month(&mut self) -> Option<u8> {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
            self.pos += 1;
        }
        let word = std::str::from_utf8(self.s.get(start..self.pos)?)
            .ok()?
            .to_ascii_lowercase();
        // Names and abbreviations, and misspellings that keep the first three letters
        // (`Octover 15`, `Februar 2`).
        let month = MONTHS
            .iter()
            .find(|(names, _)| {
                names.contains(&word.as_str())
                    || (self.lenient
                        && word.len() <= 9
                        && names.iter().any(|n| n.len() == 3 && word.starts_with(n)))
            })
            .map(|(_, m)| *m);
        if month.is_none() {
            self.pos = start;
        } else {
            self.eat('.');
        }
        month
    }

    /// `st`, `nd`, `rd`, `th` after a day.
    fn ordinal(&mut self) {
        for suffix in ["st", "nd", "rd", "th"] {
            let end = self.pos + 2;
            if self.s.get(self.pos..end) == Some(suffix.as_bytes())
                && !self.s.get(end).is_some_and(u8::is_ascii_alphanumeric)
            {
                self.pos = end;
                return;
            }
        }
    }
}

const MONTHS: &[(&[&str], u8)] = &[
    (&["jan", "january"], 1),
    (&["feb", "february"], 2),
    (&["mar", "march"], 3),
    (&["apr", "april"], 4),
    (&["may"], 5),
    (&["jun", "june"], 6),
    (&["jul", "july"], 7),
    (&["aug", "august"], 8),
    (&["sep", "sept", "september"], 9),
    (&["oct", "october"], 10),
    (&["nov", "november"], 11),
    // `Dex  6` (2017-11-28) is a typo for December.
    (&["dec", "december", "dex"], 12),
];

fn starts_with_iso_date(s: &str) -> bool {
    Cursor::new(s).iso().is_some()
}

/// A bullet that is only a bold link: `[**Title**](url)` (or `$[**Title**](url)`).
fn is_title_bullet(inline: &Inline) -> bool {
    let text = inline.text.trim_end();
    let lead = text.len() - text.trim_start_matches(['$', ' ']).len();
    match (inline.links.first(), inline.strong.first()) {
        (Some(l), Some(s)) => l.range.start <= lead && s.start <= lead + 1,
        _ => false,
    }
}

/// A title bullet's text without the stray `$` of `$[**…**](url)` (2025-10/11).
fn clean_title(text: &str) -> String {
    text.trim().trim_start_matches('$').trim().to_string()
}

/// `Columbus, US`, `Vancouver, BC, CA`, `Online`: a place, not a group's name.
fn looks_like_place(s: &str) -> bool {
    if is_online_place(s) {
        return true;
    }
    match s.rsplit_once(',') {
        Some((_, code)) => {
            let code = code.trim();
            (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase())
        }
        None => false,
    }
}

fn is_online_place(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    ["virtual", "online", "hybrid"]
        .iter()
        .any(|w| s.contains(w))
}

/// Drops what separates a date from the text after it: `. `, `, `, `: `, ` - `, ` | `
/// (one of each, so that `./novemb.rs` keeps its dot).
fn trim_separators(s: &str) -> &str {
    let s = s.trim_start();
    let s = s.strip_prefix(['.', ',', ':']).unwrap_or(s).trim_start();
    let s = s.strip_prefix(['-', '|', '–', '—']).unwrap_or(s);
    s.trim_start()
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// The start of a long text, for messages.
fn short(text: &str) -> String {
    match text.char_indices().nth(80) {
        Some((i, _)) => format!("{}…", text.get(..i).unwrap_or(text)),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sections::Outline;
    use crate::taxonomy::Role;

    /// Parses `md` (an events section with its heading) as if the issue were of `date`.
    fn events_of(md: &str, date: &str) -> EventSection {
        let outline = Outline::parse(md, 1);
        let (sections, _) = outline.sections();
        let ctx = Context {
            date: date.parse().unwrap(),
            number: None,
        };
        let section = sections
            .iter()
            .find(|s| s.role == Some(Role::Events))
            .expect("an events section");
        parse(section, &ctx)
    }

    fn day(s: &str) -> Option<Date> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn date_line_of_2022_03_02_has_location_group_and_the_nested_title() {
        let md = "## Upcoming Events\n\nRusty Events between 2022-03-02 - 2022-03-30 🦀\n\n### Virtual\n\n* 2022-03-02 | Berlin, DE | [OpenTechSchool Berlin](https://www.meetup.com/de-DE/opentechschool-berlin)\n    * [**Rust Hack and Learn**](https://www.meetup.com/de-DE/opentechschool-berlin/events/283633083/)\n";
        let r = events_of(md, "2022-03-02");
        assert_eq!(r.events.len(), 1);
        let e = &r.events[0];
        assert_eq!(e.date, day("2022-03-02"));
        assert_eq!(e.date_text, "2022-03-02");
        assert_eq!(e.location.as_deref(), Some("Berlin, DE"));
        assert_eq!(e.group.as_deref(), Some("OpenTechSchool Berlin"));
        assert_eq!(e.title.as_deref(), Some("Rust Hack and Learn"));
        assert_eq!(
            e.url.as_deref(),
            Some("https://www.meetup.com/de-DE/opentechschool-berlin/events/283633083/")
        );
        assert_eq!(e.region.as_deref(), Some("Virtual"));
        assert!(e.online, "listed under Virtual");
        assert_eq!(e.line, 7);
        assert!(r.diagnostics.is_empty() && r.other_items.is_empty());
    }

    #[test]
    fn titles_of_one_event_in_2022_03_16_are_joined_with_a_bar() {
        let md = "## Upcoming Events\n### Europe\n* 2022-04-12 | Berlin, DE | [Rust Berlin](https://www.meetup.com/Rust-Berlin/)\n    * [**Rust and Tell - an onsite event**](https://www.meetup.com/Rust-Berlin/events/284512764/) | [**Alt Link**](https://berline.rs/2022/04/12/rust-and-tell.html)\n";
        let e = &events_of(md, "2022-03-16").events[0];
        assert_eq!(
            e.title.as_deref(),
            Some("Rust and Tell - an onsite event | Alt Link")
        );
        assert_eq!(
            e.url.as_deref(),
            Some("https://www.meetup.com/Rust-Berlin/events/284512764/")
        );
        assert!(!e.online, "in person in Europe");
    }

    #[test]
    fn unindented_title_bullet_of_2024_07_17_is_the_title_of_the_event_above() {
        let md = "## Upcoming Events\n### Virtual\n* 2024-07-17| Virtual (Cardiff, UK)| [Rust and C++ Cardiff](https://www.meetup.com/rust-and-c-plus-plus-in-cardiff/events/302139632/)\n* [**Rust for Rustaceans Book Club: Chapter 10: Concurrency (and Parallelism)**](https://www.meetup.com/rust-and-c-plus-plus-in-cardiff/events/301314544/)\n* 2024-07-17 | Hybrid - Virtual and In-person (Vancouver, BC, CA) | [Vancouver Rust](https://www.meetup.com/vancouver-rust/)\n    * [**Rust Study/Hack/Hang-out**](https://www.meetup.com/vancouver-rust/events/298631734/)\n";
        let r = events_of(md, "2024-07-17");
        assert_eq!(r.events.len(), 2);
        let e = &r.events[0];
        assert_eq!(e.location.as_deref(), Some("Virtual (Cardiff, UK)"));
        assert_eq!(
            e.title.as_deref(),
            Some("Rust for Rustaceans Book Club: Chapter 10: Concurrency (and Parallelism)")
        );
        assert_eq!(
            e.url.as_deref(),
            Some("https://www.meetup.com/rust-and-c-plus-plus-in-cardiff/events/301314544/")
        );
        assert!(r.other_items.is_empty());
    }

    #[test]
    fn event_written_as_a_heading_in_2025_07_23_is_an_event_with_the_title_below() {
        let md = "## Upcoming Events\n### Africa\n# 2025-07-23 | Ikot Akpaden, Mkpat Enin, Akwa Ibom State, NG | [Rust Nigeria](https://x.com/RustNigeria)\n   * [**Rust Developers Training Program: Akwa Ibom State University. 21 July - 21 Aug 2025.**](https://docs.google.com/forms/x)\n   \n### Asia\n* 2025-07-26 | Bangalore, IN | [Rust Bangalore](https://hasgeek.com/rustbangalore)\n    * [**July 2025 Rustacean meetup**](https://hasgeek.com/rustbangalore/july-2025-rustacean-meetup/)\n";
        let r = events_of(md, "2025-07-23");
        assert_eq!(r.events.len(), 2);
        let e = &r.events[0];
        assert_eq!(e.date, day("2025-07-23"));
        assert_eq!(e.group.as_deref(), Some("Rust Nigeria"));
        assert_eq!(e.region.as_deref(), Some("Africa"));
        assert_eq!(
            e.title.as_deref(),
            Some("Rust Developers Training Program: Akwa Ibom State University. 21 July - 21 Aug 2025.")
        );
        assert_eq!(r.events[1].region.as_deref(), Some("Asia"));
    }

    #[test]
    fn stray_dollar_and_empty_location_of_2025_10_22_are_dropped() {
        let md = "## Upcoming Events\n### Virtual\n* 2025-11-10 || [BetterCode](https://www.bettercode.eu/)\n    * $[**betterCode() Industrielle Anwendungen mit Rust**](https://dev.events/conferences/better-code-rust-i6inve6t)\n";
        let e = &events_of(md, "2025-10-22").events[0];
        assert_eq!(
            e.title.as_deref(),
            Some("betterCode() Industrielle Anwendungen mit Rust")
        );
        assert_eq!(e.location, None);
        assert_eq!(e.group.as_deref(), Some("BetterCode"));
    }

    #[test]
    fn day_range_of_2024_01_10_ends_on_the_28th() {
        let md = "## Upcoming Events\n### North America\n* 2024-01-27-28 | Calgary, AB, CA | [Rust Calgary](https://www.eventbrite.ca/o/rust-calgary-63449860593)\n";
        let e = &events_of(md, "2024-01-10").events[0];
        assert_eq!(e.date, day("2024-01-27"));
        assert_eq!(e.end_date, day("2024-01-28"));
        assert_eq!(e.date_text, "2024-01-27-28");
    }

    #[test]
    fn region_heading_with_a_colon_in_2025_01_15_loses_the_colon() {
        let md = "## Upcoming Events\n### Oceania:\n* 2025-02-04 | Auckland, NZ | [Rust AKL](https://www.meetup.com/rust-akl/events/)\n    * [**Rust AKL: How We Learn Rust**](https://www.meetup.com/rust-akl/events/305583693)\n";
        let e = &events_of(md, "2025-01-15").events[0];
        assert_eq!(e.region.as_deref(), Some("Oceania"));
    }

    #[test]
    fn level_one_oceania_of_2024_07_17_is_a_region() {
        let md = "## Upcoming Events\n### Europe\n* 2024-07-18 | Berlin, DE | [Rust Berlin](https://u)\n# Oceania\n* 2024-08-01 | Brisbane, QLD, AU | [Rust Brisbane](https://www.meetup.com/rust-brisbane/)\n    * [**August Meetup**](https://www.meetup.com/rust-brisbane/events/302244260/)\n";
        let r = events_of(md, "2024-07-17");
        assert_eq!(r.events.len(), 2);
        assert_eq!(r.events[1].region.as_deref(), Some("Oceania"));
    }

    #[test]
    fn event_of_2022_10_31_in_2024_10_09_is_warned_as_stale() {
        let md = "## Upcoming Events\n### Virtual\n* 2022-10-31 | Virtual (Nürnberg, DE) | [Rust Nurnberg DE](https://www.meetup.com/rust-noris/)\n    * [**Rust Nürnberg online**](https://www.meetup.com/rust-noris/events/300820274/)\n";
        let r = events_of(md, "2024-10-09");
        assert_eq!(r.events[0].date, day("2022-10-31"));
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].line, 3);
        assert!(r.diagnostics[0].message.contains("`2022-10-31`"));
        assert!(r.diagnostics[0].message.contains("709 days before"));
    }

    #[test]
    fn location_group_and_title_of_2019_06_04_split_at_dashes() {
        let md = "# Upcoming Events\n\n### North America\n\n* [Jun 11. Redmond, WA, US - Seattle Rust Meetup - Monthly meetup](https://www.meetup.com/Seattle-Rust-Meetup/events/nzfspqyzjbpb/).\n";
        let e = &events_of(md, "2019-06-04").events[0];
        assert_eq!(e.date, day("2019-06-11"));
        assert_eq!(e.date_text, "Jun 11.");
        assert_eq!(e.location.as_deref(), Some("Redmond, WA, US"));
        assert_eq!(e.group.as_deref(), Some("Seattle Rust Meetup"));
        assert_eq!(e.title.as_deref(), Some("Monthly meetup"));
        assert_eq!(e.region.as_deref(), Some("North America"));
    }

    #[test]
    fn typo_dex_with_two_spaces_in_2017_11_28_is_december_6() {
        let md = "# Upcoming Events\n\n* [Dex  6. Rust Roma: Rust learning and hacking evening #4](https://www.meetup.com/Rust-Roma/events/245256474/).\n";
        let e = &events_of(md, "2017-11-28").events[0];
        assert_eq!(e.date, day("2017-12-06"));
        assert_eq!(e.date_text, "Dex  6.");
        assert_eq!(
            e.title.as_deref(),
            Some("Rust Roma: Rust learning and hacking evening #4")
        );
    }

    #[test]
    fn january_event_in_the_2017_12_26_issue_is_in_2018() {
        let md = "# Upcoming Events\n\n* [Jan  3. Indy.rs - 2018 kickoff - Indianapolis](https://www.meetup.com/indyrs/events/245944859/).\n";
        let e = &events_of(md, "2017-12-26").events[0];
        assert_eq!(e.date, day("2018-01-03"));
    }

    #[test]
    fn title_comes_before_group_in_2020_12_16() {
        let md = "# Upcoming Events\n\n### Online\n* [December 16, Vancouver, BC, US - Are Results just Checked Exceptions? - Vancouver Rust](https://www.meetup.com/Vancouver-Rust/events/npqfbsybcqbvb/)\n";
        let e = &events_of(md, "2020-12-16").events[0];
        assert_eq!(e.date_text, "December 16");
        assert_eq!(e.location.as_deref(), Some("Vancouver, BC, US"));
        assert_eq!(
            e.title.as_deref(),
            Some("Are Results just Checked Exceptions?")
        );
        assert_eq!(e.group.as_deref(), Some("Vancouver Rust"));
        assert!(e.online);
    }

    #[test]
    fn period_before_the_year_in_2021_06_09_still_gives_the_year() {
        let md = "## Upcoming Events\n\n### Online\n\n* [June 29. 2021, Dallas, TX, US - Last Tuesday - Dallas Rust](https://www.meetup.com/Dallas-Rust/events/jqxqwryccjbmc/)\n";
        let e = &events_of(md, "2021-06-09").events[0];
        assert_eq!(e.date, day("2021-06-29"));
        assert_eq!(e.date_text, "June 29. 2021");
        assert_eq!(e.location.as_deref(), Some("Dallas, TX, US"));
        assert_eq!(e.title.as_deref(), Some("Last Tuesday"));
    }

    #[test]
    fn bold_title_between_bars_in_2022_02_23_is_the_title() {
        let md = "## Upcoming Events\n\n### Online\n\n* [March 3, 2022 | Würzburg, DE | **Guest Speaker | Herbert Wolverson | Rust gamedev in 2022** | Rust Würzburg Meetup Group](https://www.meetup.com/rust-wurzburg-meetup-group/events/283765814)\n";
        let e = &events_of(md, "2022-02-23").events[0];
        assert_eq!(e.date, day("2022-03-03"));
        assert_eq!(e.location.as_deref(), Some("Würzburg, DE"));
        assert_eq!(
            e.title.as_deref(),
            Some("Guest Speaker | Herbert Wolverson | Rust gamedev in 2022")
        );
        assert_eq!(e.group.as_deref(), Some("Rust Würzburg Meetup Group"));
    }

    #[test]
    fn range_of_2016_11_08_has_an_end_date() {
        let md =
            "# Upcoming Events\n\n* [11/19 - 11/20. ./novemb.rs Code Sprint](http://novemb.rs/).\n";
        let e = &events_of(md, "2016-11-08").events[0];
        assert_eq!(e.date, day("2016-11-19"));
        assert_eq!(e.end_date, day("2016-11-20"));
        assert_eq!(e.date_text, "11/19 - 11/20.");
        assert_eq!(e.title.as_deref(), Some("./novemb.rs Code Sprint"));
    }

    #[test]
    fn unlinked_and_bold_items_of_2016_09_13_are_events() {
        let md = "# Upcoming Events\n\n* **[9/17. Rustfest Europe Conference](http://www.rustfest.eu/)**.\n* 9/21. Rust Community Team Meeting at #rust-community on irc.mozilla.org.\n\nIf you are running a Rust event please add it to the [calendar] to get\nit mentioned here.\n\n[calendar]: https://www.google.com/calendar/embed\n";
        let r = events_of(md, "2016-09-13");
        assert_eq!(r.events.len(), 2, "the closing paragraph is not an event");
        assert_eq!(
            r.events[0].title.as_deref(),
            Some("Rustfest Europe Conference")
        );
        assert_eq!(r.events[0].url.as_deref(), Some("http://www.rustfest.eu/"));
        assert_eq!(r.events[1].date, day("2016-09-21"));
        assert_eq!(
            r.events[1].title.as_deref(),
            Some("Rust Community Team Meeting at #rust-community on irc.mozilla.org")
        );
        assert_eq!(r.events[1].url, None);
    }

    #[test]
    fn month_first_link_of_2015_01_19_is_read() {
        let md =
            "## Upcoming Events\n\n* [January 19 - Rust Paris](http://www.meetup.com/Rust-Paris)\n";
        let e = &events_of(md, "2015-01-19").events[0];
        assert_eq!(e.date, day("2015-01-19"));
        assert_eq!(e.title.as_deref(), Some("Rust Paris"));
    }

    #[test]
    fn date_after_the_name_in_2014_11_17_is_found() {
        let md = "## Upcoming Meetups\n\n* [Rust Paris, Nov 17](http://www.meetup.com/Rust-Paris/events/185461312/)\n";
        let e = &events_of(md, "2014-11-17").events[0];
        assert_eq!(e.date, day("2014-11-17"));
        assert_eq!(e.date_text, "Nov 17");
        assert_eq!(e.title.as_deref(), Some("Rust Paris, Nov 17"));
    }

    #[test]
    fn free_text_meetup_of_2013_06_07_takes_the_day_from_its_sentence() {
        let md = "# Meetups\n\n- Erick Tryzelaar has a meetup planned in Mountain View on Wednesday, June 12,\n  at 7pm. See the [ML thread][sanfran] for more details.\n\n[sanfran]: https://mail.mozilla.org/pipermail/rust-dev/2013-June/004356.html\n";
        let e = &events_of(md, "2013-06-07").events[0];
        assert_eq!(e.date, day("2013-06-12"));
        assert_eq!(e.date_text, "June 12");
        assert_eq!(
            e.url.as_deref(),
            Some("https://mail.mozilla.org/pipermail/rust-dev/2013-June/004356.html")
        );
    }

    #[test]
    fn paragraph_lines_of_2015_01_12_are_events() {
        let md = "## Upcoming Events\n\n[January 12 - Seattle Meetup][seattle].\n[January 17 - Beijing Meetup][beijing]. Presantations about servo and\nzmq.rs.\n\n[seattle]: https://a.example/s\n[beijing]: https://a.example/b\n";
        let r = events_of(md, "2015-01-12");
        assert_eq!(r.events.len(), 2);
        assert_eq!(r.events[1].date, day("2015-01-17"));
        assert_eq!(r.events[1].title.as_deref(), Some("Beijing Meetup"));
        assert_eq!(r.events[1].url.as_deref(), Some("https://a.example/b"));
    }

    #[test]
    fn undated_item_of_2016_10_18_is_an_other_item_with_a_warning() {
        let md = "# Upcoming Events\n\n* **[Rust Belt Rust Conference - Pittsburgh](http://www.rust-belt-rust.com/)**.\n";
        let r = events_of(md, "2016-10-18");
        assert!(r.events.is_empty());
        assert_eq!(r.other_items.len(), 1);
        assert_eq!(
            r.other_items[0].url.as_deref(),
            Some("http://www.rust-belt-rust.com/")
        );
        assert_eq!(r.diagnostics.len(), 1);
        assert_eq!(r.diagnostics[0].line, 3);
        assert!(r.diagnostics[0]
            .message
            .contains("Rust Belt Rust Conference - Pittsburgh"));
    }

    #[test]
    fn impossible_day_is_warned_and_the_event_kept_without_a_date() {
        let md = "## Upcoming Events\n* 2023-02-30 | Berlin, DE | [Rust Berlin](https://u)\n";
        let r = events_of(md, "2023-02-22");
        assert_eq!(r.events.len(), 1);
        assert_eq!(r.events[0].date, None);
        assert_eq!(r.diagnostics.len(), 1);
        assert!(r.diagnostics[0].message.contains("`2023-02-30`"));
    }

    #[test]
    fn odd_text_never_panics() {
        for md in [
            "## Upcoming Events\n* 2024-\n* Dec\n* 12/\n* é 9/9 ü\n* [**](u)\n* 2024-01-01 |\n* |||\n# 9\n",
            "## Upcoming Events\n* Jan 99999999999. x\n* 2024-13-45-99 | x\n* Feb 29, 2023 - Feb\n",
            "## Upcoming Events\n* [🦀 Jun 7](u)\n* Février 3\n* Mar  5 & . x\n* $\n",
        ] {
            let _ = events_of(md, "2024-01-01");
        }
    }
}
