//! One archive file: its front matter read into an issue's identity (number, date, title,
//! kind), and its body.

use crate::date::Date;
use crate::diagnostic::{Diagnostic, ParseError};
use crate::front_matter;
use serde::{Deserialize, Serialize};

/// What a file of the archive is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueKind {
    /// A weekly newsletter issue (`Category: This Week in Rust`).
    Weekly,
    /// Any other post of the site, such as the three "State of Rust" posts (`Category: Rust`).
    Post,
}

/// The identity of an issue or post, from its front matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueMeta {
    /// The issue number; `None` for posts. Before #92 it comes from the title.
    pub number: Option<u32>,
    /// The `Date:` of the front matter (not the file name's, which differs in nine files).
    pub date: Date,
    pub title: String,
    pub kind: IssueKind,
}

/// A file of the archive, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedFile<'a> {
    pub meta: IssueMeta,
    /// The markdown after the front matter.
    pub body: &'a str,
    /// 1-based line number of the body's first line in the file.
    pub body_line: usize,
    /// Things that were understood but look wrong.
    pub warnings: Vec<Diagnostic>,
}

const WEEKLY_CATEGORY: &str = "This Week in Rust";
const WEEKLY_TITLES: &[&str] = &[
    "this week in rust",
    "last week in rust",
    "these weeks in rust",
];

/// The number in a weekly title: `This Week In Rust 1`, `Last Week in Rust 8`,
/// `These Weeks in Rust 22`. `The State of Rust 0.7` has none.
pub fn weekly_title_number(title: &str) -> Option<u32> {
    let lower = title.trim().to_ascii_lowercase();
    let rest = WEEKLY_TITLES.iter().find_map(|p| lower.strip_prefix(p))?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let digits = rest.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Parses one archive file's text into its identity and body.
pub fn parse_file(text: &str) -> Result<ParsedFile<'_>, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fm = front_matter::parse(text)?;
    let mut warnings = fm.warnings.clone();

    let title_field = fm.get("title").ok_or_else(|| {
        ParseError::new(
            1,
            "the front matter has no `Title:`",
            "add `Title: This Week in Rust N`",
        )
    })?;
    let title = title_field.value.to_string();
    if title.is_empty() {
        return Err(ParseError::new(
            title_field.line,
            "`Title:` is empty",
            "give the issue its title",
        ));
    }

    let date_field = fm.get("date").ok_or_else(|| {
        ParseError::new(
            1,
            "the front matter has no `Date:`",
            "add `Date: YYYY-MM-DD`",
        )
    })?;
    let date = Date::parse_lenient(date_field.value).map_err(|e| {
        ParseError::new(
            date_field.line,
            format!("`Date:` {e}"),
            "write the date as YYYY-MM-DD",
        )
    })?;

    let number_field = match fm.get("number") {
        Some(f) => Some(f.value.parse::<u32>().map_err(|_| {
            ParseError::new(
                f.line,
                format!("`Number: {}` is not a whole number", f.value),
                "write the issue number alone, as in `Number: 123`",
            )
        })?),
        None => None,
    };
    let title_number = weekly_title_number(&title);
    let category = fm.get("category").map(|f| f.value);

    let weekly = match category {
        Some(c) => c.eq_ignore_ascii_case(WEEKLY_CATEGORY),
        None if title_number.is_some() || number_field.is_some() => {
            warnings.push(Diagnostic::warning(
                1,
                "the front matter has no `Category:`",
                "add `Category: This Week in Rust`",
            ));
            true
        }
        None => false,
    };

    let number = if weekly {
        match (number_field, title_number) {
            (Some(n), Some(t)) if n != t => {
                let line = fm.get("number").map_or(1, |f| f.line);
                warnings.push(Diagnostic::warning(
                    line,
                    format!("`Number: {n}` differs from the title's number {t}"),
                    "make them agree; the `Number:` field is used",
                ));
                Some(n)
            }
            (Some(n), _) | (None, Some(n)) => Some(n),
            (None, None) => {
                return Err(ParseError::new(
                    title_field.line,
                    format!("the weekly issue `{title}` has no number"),
                    "add `Number: N` to the front matter",
                ))
            }
        }
    } else {
        None
    };

    Ok(ParsedFile {
        meta: IssueMeta {
            number,
            date,
            title,
            kind: if weekly {
                IssueKind::Weekly
            } else {
                IssueKind::Post
            },
        },
        body: &text[fm.body_offset..],
        body_line: fm.body_line,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_1_takes_its_number_from_the_title_and_its_date_without_the_time() {
        let f = parse_file("Title: This Week In Rust 1\nDate: 2013-06-07 18:46\nTags: this-week-in-rust, rust, programming\nCategory: This Week in Rust\n\nHello and welcome\n").unwrap();
        assert_eq!(f.meta.number, Some(1));
        assert_eq!(f.meta.date.to_string(), "2013-06-07");
        assert_eq!(f.meta.kind, IssueKind::Weekly);
        assert_eq!(f.body, "Hello and welcome\n");
        assert_eq!(f.body_line, 6);
    }

    #[test]
    fn title_variants_of_early_issues_give_their_numbers() {
        assert_eq!(weekly_title_number("Last Week in Rust 8"), Some(8));
        assert_eq!(weekly_title_number("These Weeks in Rust 22"), Some(22));
        assert_eq!(weekly_title_number("These Weeks in Rust 127"), Some(127));
        assert_eq!(weekly_title_number("The State of Rust 0.7"), None);
        assert_eq!(weekly_title_number("This Week in Rust"), None);
        assert_eq!(weekly_title_number("This Week in Rustacean 5"), None);
    }

    #[test]
    fn a_state_of_rust_post_is_a_post_not_issue_7() {
        let f = parse_file("Title: The State of Rust 0.7\nDate: 2013-07-05 09:51\nCategory: Rust\n\nGiven the influx\n").unwrap();
        assert_eq!(f.meta.kind, IssueKind::Post);
        assert_eq!(f.meta.number, None);
    }

    #[test]
    fn unpadded_dates_of_367_parse() {
        let f = parse_file("Title: This Week in Rust 367\nNumber: 367\nDate: 2020-12-2\nCategory: This Week in Rust\n\nx").unwrap();
        assert_eq!(f.meta.date.to_string(), "2020-12-02");
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let f = parse_file(
            "\u{feff}Title: This Week in Rust 3\nDate: 2013-06-22\nCategory: This Week in Rust\n",
        )
        .unwrap();
        assert_eq!(f.meta.number, Some(3));
    }

    #[test]
    fn broken_front_matter_names_the_line_and_the_fix() {
        let e =
            parse_file("Title: This Week in Rust 9\nNumber: nine\nDate: 2013-08-04\n").unwrap_err();
        assert_eq!(
            (e.line, e.hint.as_str()),
            (2, "write the issue number alone, as in `Number: 123`")
        );
        let e = parse_file("Title: This Week in Rust 9\nDate: 2013-13-04\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("2013-13-04"), "{e}");
        let e =
            parse_file("Title: This Week in Rust 9\nCategory: This Week in Rust\n").unwrap_err();
        assert!(e.message.contains("no `Date:`"));
        let e = parse_file("Date: 2013-08-04\n").unwrap_err();
        assert!(e.message.contains("no `Title:`"));
        let e =
            parse_file("Title: This Week in Rust\nDate: 2013-08-04\nCategory: This Week in Rust\n")
                .unwrap_err();
        assert!(e.message.contains("has no number"), "{e}");
    }

    #[test]
    fn a_number_that_disagrees_with_the_title_is_a_warning_and_the_field_wins() {
        let f = parse_file("Title: This Week in Rust 100\nNumber: 101\nDate: 2015-10-12\nCategory: This Week in Rust\n").unwrap();
        assert_eq!(f.meta.number, Some(101));
        assert_eq!(f.warnings.len(), 1);
        assert_eq!(f.warnings[0].line, 2);
    }
}
