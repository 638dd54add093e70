//! Pelican front matter: `Key: value` lines at the top of a file, up to the first blank line.
//!
//! The archive bends the rule once: #604 has a blank line before `Category:`. So a blank
//! line ends the block only if the next non-blank line is not a known Pelican key.

use crate::diagnostic::{Diagnostic, ParseError};
use std::borrow::Cow;
use std::collections::HashSet;

/// The keys Pelican knows; only these may continue the block after a blank line.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "number",
    "date",
    "modified",
    "category",
    "tags",
    "slug",
    "author",
    "authors",
    "summary",
    "status",
    "lang",
    "translation",
    "save_as",
    "url",
    "template",
];

/// One `Key: value` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field<'a> {
    /// The key, lower-cased as Pelican treats it.
    pub key: Cow<'a, str>,
    pub value: &'a str,
    /// 1-based line number.
    pub line: usize,
}

/// The front matter of a file, and where its body starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatter<'a> {
    pub fields: Vec<Field<'a>>,
    /// 1-based line number of the first body line.
    pub body_line: usize,
    /// Byte offset of the body in the text.
    pub body_offset: usize,
    pub warnings: Vec<Diagnostic>,
}

impl<'a> FrontMatter<'a> {
    /// The field with this (lower-case) key; the last one if it is repeated.
    pub fn get(&self, key: &str) -> Option<&Field<'a>> {
        self.fields.iter().rev().find(|f| f.key == key)
    }
}

/// A `Key: value` line, if this line is one.
fn split_field(line: &str) -> Option<(Cow<'_, str>, &str)> {
    let (key, value) = line.split_once(':')?;
    let mut chars = key.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let key = if key.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(key.to_ascii_lowercase())
    } else {
        Cow::Borrowed(key)
    };
    (first_ok && rest_ok).then(|| (key, value.trim()))
}

/// Reads the front matter at the top of `text` (which must not start with a BOM).
pub fn parse(text: &str) -> Result<FrontMatter<'_>, ParseError> {
    let mut fields: Vec<Field<'_>> = Vec::new();
    let mut warnings = Vec::new();
    let mut offset = 0;
    let mut line_no = 0;
    // Lines with their byte offsets, CRLF-aware.
    let mut lines = text.split_inclusive('\n').map(|raw| {
        let start = offset;
        offset += raw.len();
        (start, raw.trim_end_matches(['\n', '\r']))
    });
    let mut pending_blank: Option<usize> = None;
    let mut body_offset = text.len();
    let body_line;
    loop {
        let Some((start, line)) = lines.next() else {
            body_line = line_no + 1;
            break;
        };
        line_no += 1;
        if line.trim().is_empty() {
            if fields.is_empty() {
                continue; // blank lines before the block
            }
            pending_blank.get_or_insert(line_no);
            continue;
        }
        let field = split_field(line);
        let continues = match (&field, pending_blank) {
            (Some(_), None) => true,
            (Some((key, _)), Some(_)) => KNOWN_KEYS.contains(&key.as_ref()),
            (None, _) => false,
        };
        let Some((key, value)) = field.filter(|_| continues) else {
            body_offset = start;
            body_line = line_no;
            break;
        };
        if let Some(blank) = pending_blank.take() {
            warnings.push(Diagnostic::warning(
                blank,
                "blank line inside the front matter",
                "remove it: Pelican ends the metadata at the first blank line",
            ));
        }
        fields.push(Field {
            key,
            value,
            line: line_no,
        });
    }
    // Repeated keys, found in a set: constant time each, so that a file of many keys
    // (100,000 in `twir bench-pathological`) stays linear.
    let mut seen: HashSet<&str> = HashSet::with_capacity(fields.len());
    for field in &fields {
        if !seen.insert(&field.key) {
            warnings.push(Diagnostic::warning(
                field.line,
                format!("`{}` is given twice in the front matter", field.key),
                "keep one of them; the last one is used",
            ));
        }
    }
    warnings.sort_by_key(|w| w.line);
    if fields.is_empty() {
        return Err(ParseError::new(
            1,
            "no front matter",
            "an issue starts with `Title: This Week in Rust N` and `Date: YYYY-MM-DD` lines",
        ));
    }
    Ok(FrontMatter {
        fields,
        body_line,
        body_offset,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_fields_until_the_first_blank_line() {
        let fm = parse("Title: This Week in Rust 665\nNumber: 665\nDate: 2026-08-19\nCategory: This Week in Rust\n\nHello: and welcome\n").unwrap();
        assert_eq!(fm.fields.len(), 4);
        assert_eq!(fm.get("date").unwrap().value, "2026-08-19");
        assert_eq!(fm.get("date").unwrap().line, 3);
        assert_eq!(
            fm.body_line, 6,
            "a body line that looks like a field is body after a blank line"
        );
        assert!(fm.warnings.is_empty());
    }

    #[test]
    fn a_blank_line_before_a_known_key_does_not_end_the_block_as_in_604() {
        let text = "Title: This Week in Rust 604\nNumber: 604\nDate: 2025-06-18\n\nCategory: This Week in Rust\n\n\nHello and welcome\n";
        let fm = parse(text).unwrap();
        assert_eq!(fm.get("category").unwrap().value, "This Week in Rust");
        assert_eq!(fm.body_line, 8);
        assert_eq!(&text[fm.body_offset..], "Hello and welcome\n");
        assert_eq!(fm.warnings.len(), 1);
        assert_eq!(fm.warnings[0].line, 4);
    }

    #[test]
    fn crlf_line_endings_and_odd_key_case_are_accepted() {
        let fm = parse("title: A\r\nDATE: 2013-06-07 18:46\r\n\r\nbody\r\n").unwrap();
        assert_eq!(fm.get("title").unwrap().value, "A");
        assert_eq!(fm.get("date").unwrap().value, "2013-06-07 18:46");
        assert_eq!(fm.body_line, 4);
    }

    #[test]
    fn a_file_without_front_matter_is_an_error_on_line_1() {
        let err = parse("# This Week in Rust\n\nSome text\n").unwrap_err();
        assert_eq!(err.line, 1);
        assert!(err.message.contains("no front matter"));
        assert!(parse("").is_err());
        assert!(parse("\n\n\n").is_err());
    }

    #[test]
    fn a_file_that_is_only_front_matter_has_an_empty_body() {
        let fm = parse("Title: x\nDate: 2020-01-01").unwrap();
        assert_eq!(fm.fields.len(), 2);
        assert_eq!(fm.body_line, 3);
    }

    #[test]
    fn a_repeated_key_is_a_warning_on_its_second_line_and_the_last_value_wins() {
        let fm = parse("Title: A\nDate: 2020-01-01\ntitle: B\nDATE: 2020-01-02\n\nbody\n").unwrap();
        assert_eq!(fm.get("title").unwrap().value, "B");
        let lines: Vec<usize> = fm.warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, [3, 4]);
        assert!(fm.warnings[0].message.contains("`title` is given twice"));
    }
}
