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

/// The issue numbers a file may claim. This Week in Rust publishes one issue a week (#665
/// in 2026), so 100,000 leaves centuries of room, while a typo such as `Number: 665000000`
/// or `4294967295` is refused before anything sized by issue numbers sees it.
pub const ISSUE_NUMBERS: std::ops::RangeInclusive<u32> = 1..=100_000;

const WEEKLY_CATEGORY: &str = "This Week in Rust";
const WEEKLY_TITLES: &[&str] = &[
    "this week in rust",
    "last week in rust",
    "these weeks in rust",
];

/// The number in a weekly title: `This Week In Rust 1`, `Last Week in Rust 8`,
/// `These Weeks in Rust 22`. `The State of Rust 0.7` has none.
pub fn weekly_title_number(title: &str) -> Option<u32> {
    weekly_title_digits(title)?.parse().ok()
}

/// The digits of the number in a weekly title, however long.
fn weekly_title_digits(title: &str) -> Option<&str> {
    let trimmed = title.trim();
    let digits = trimmed.rsplit(char::is_whitespace).next()?;
    let lower = trimmed
        .get(..trimmed.len() - digits.len())?
        .to_ascii_lowercase();
    let prefix = lower.trim_end();
    (!digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && WEEKLY_TITLES.contains(&prefix))
    .then_some(digits)
}

/// `digits` (ASCII digits only) as an issue number in [`ISSUE_NUMBERS`], or an error on
/// `line` that names `what` (which quotes the digits) and says what to do.
fn number_in_range(digits: &str, line: usize, what: &str) -> Result<u32, ParseError> {
    match digits.parse::<u32>() {
        Ok(n) if ISSUE_NUMBERS.contains(&n) => Ok(n),
        _ => Err(ParseError::new(
            line,
            format!(
                "{what} is not an issue number: issues are numbered from {} to {}",
                ISSUE_NUMBERS.start(),
                ISSUE_NUMBERS.end()
            ),
            if digits.bytes().all(|b| b == b'0') {
                "issues are numbered from 1: write the issue's own number".to_string()
            } else {
                "write the issue's own number (the newest issues are in the 600s); a number \
                 this large is a typo, and the file is not compiled until it is fixed"
                    .to_string()
            },
        )),
    }
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
        Some(f) => {
            let is_digits = !f.value.is_empty() && f.value.bytes().all(|b| b.is_ascii_digit());
            if !is_digits {
                return Err(ParseError::new(
                    f.line,
                    format!("`Number: {}` is not a whole number", f.value),
                    "write the issue number alone, as in `Number: 123`",
                ));
            }
            Some(number_in_range(
                f.value,
                f.line,
                &format!("`Number: {}`", f.value),
            )?)
        }
        None => None,
    };
    let title_digits = weekly_title_digits(&title);
    let title_number = title_digits.and_then(|d| d.parse::<u32>().ok());
    let category = fm.get("category").map(|f| f.value);

    let weekly = match category {
        Some(c) => c.eq_ignore_ascii_case(WEEKLY_CATEGORY),
        None if title_digits.is_some() || number_field.is_some() => {
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
            (Some(n), _) => Some(n),
            (None, _) if title_digits.is_some() => Some(number_in_range(
                title_digits.unwrap_or_default(),
                title_field.line,
                &format!("the title's number {}", title_digits.unwrap_or_default()),
            )?),
            (None, _) => {
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

    #[test]
    fn an_issue_number_outside_1_to_100000_is_an_error_on_its_line() {
        let file = |number: &str| {
            format!("Title: This Week in Rust 665\nNumber: {number}\nDate: 2026-08-19\nCategory: This Week in Rust\n\nbody\n")
        };
        for number in [
            "4294967295",
            "665000000",
            "100001",
            "0",
            "99999999999999999999",
        ] {
            let e = parse_file(&file(number)).unwrap_err();
            assert_eq!(e.line, 2, "{number}");
            assert!(
                e.message
                    .contains(&format!("`Number: {number}` is not an issue number"))
                    && e.message.contains("1 to 100000"),
                "{e}"
            );
            assert!(e.hint.contains("write the issue's own number"), "{e}");
        }
        for number in ["1", "665", "100000"] {
            let text = file(number);
            let f = parse_file(&text).unwrap();
            assert_eq!(f.meta.number, Some(number.parse().unwrap()));
        }
        let e = parse_file(
            "Date: 2013-06-07\nTitle: This Week in Rust 4294967296\nCategory: This Week in Rust\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 2);
        assert!(
            e.message
                .contains("the title's number 4294967296 is not an issue number"),
            "{e}"
        );
    }
}
