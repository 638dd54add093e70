//! `index.<hash>.json`: the first screen's data, every issue and post with its counts, and
//! the categories.

use super::manifest::{CRATES_KEY, EVENTS_KEY, LINKS_KEY, OTHERS_KEY, QUOTES_KEY, UPDATES_KEY};
use super::{check_columns, check_schema, issue_number, BundleError, SCHEMA_VERSION};
use crate::date::Date;
use crate::parse::ParsedIssue;
use crate::taxonomy::Category;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The first screen's data: every issue and post with its counts, and the categories.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Index {
    pub schema: u32,
    pub issues: IssueColumns,
    pub posts: PostColumns,
    /// Categories in reader order, with their link counts over the whole archive.
    pub categories: Vec<CategoryCount>,
    /// Record counts by kind over the whole archive.
    pub totals: BTreeMap<String, u32>,
    /// The extension of the body files: `md` (markdown) or `json` (rendered HTML and table
    /// of contents).
    pub body_format: String,
}

/// Weekly issues, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct IssueColumns {
    pub number: Vec<u32>,
    /// Days since 1970-01-01.
    pub date: Vec<i32>,
    pub title: Vec<String>,
    /// Merged pull requests that week, if the issue says.
    pub merged_prs: Vec<Option<u32>>,
    /// 1 if the issue has a Crate of the Week section (with or without a pick), else 0.
    pub crate_section: Vec<u8>,
    /// 1 if the issue has a Quote of the Week section (with or without a quote), else 0.
    pub quote_section: Vec<u8>,
    /// Number of community links.
    pub links: Vec<u32>,
    /// The body file: `issues/<number>.<body>.md`.
    pub body: Vec<String>,
}

/// Other posts (State of Rust), oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PostColumns {
    pub date: Vec<i32>,
    pub title: Vec<String>,
    /// The body file: `posts/<date>.<body>.md`.
    pub body: Vec<String>,
}

/// A category and how many links it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryCount {
    pub slug: String,
    pub label: String,
    pub links: u32,
}

/// One issue as a row, for views.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IssueRow<'a> {
    pub number: u32,
    pub date: Date,
    pub title: &'a str,
    pub merged_prs: Option<u32>,
    pub links: u32,
    /// Hash of the body file: see [`issue_body_path`](super::issue_body_path).
    pub body: &'a str,
}

impl Index {
    /// Decodes and checks an index file.
    pub fn from_json(bytes: &[u8]) -> Result<Self, BundleError> {
        let index: Self = serde_json::from_slice(bytes)?;
        check_schema(index.schema)?;
        let c = &index.issues;
        check_columns(
            "issue",
            &[
                c.number.len(),
                c.date.len(),
                c.title.len(),
                c.merged_prs.len(),
                c.crate_section.len(),
                c.quote_section.len(),
                c.links.len(),
                c.body.len(),
            ],
        )?;
        if let Some(w) = c.number.windows(2).find(|w| w[0] >= w[1]) {
            return Err(BundleError::Inconsistent(format!(
                "the issue numbers do not ascend ({} before {})",
                w[0], w[1]
            )));
        }
        let p = &index.posts;
        check_columns("post", &[p.date.len(), p.title.len(), p.body.len()])?;
        Ok(index)
    }

    /// The issues, oldest first.
    pub fn issues(&self) -> impl DoubleEndedIterator<Item = IssueRow<'_>> + ExactSizeIterator {
        let c = &self.issues;
        (0..c.number.len()).map(move |i| IssueRow {
            number: c.number[i],
            date: Date::from_days(c.date[i]),
            title: &c.title[i],
            merged_prs: c.merged_prs[i],
            links: c.links[i],
            body: &c.body[i],
        })
    }

    /// The index of weekly issues (in number order) and posts (in date order), each with the
    /// hash of its body file, whose extension is `body_format`.
    pub fn from_issues<'a>(
        body_format: &str,
        issues: impl IntoIterator<Item = (&'a ParsedIssue, &'a str)>,
        posts: impl IntoIterator<Item = (&'a ParsedIssue, &'a str)>,
    ) -> Self {
        let mut index = Index {
            schema: SCHEMA_VERSION,
            body_format: body_format.to_string(),
            ..Default::default()
        };
        let mut category_links = [0u32; Category::ALL.len()];
        let mut totals = [0usize; 6];
        for (p, body) in issues {
            let c = &mut index.issues;
            c.number.push(issue_number(p));
            c.date.push(p.meta.date.to_days());
            c.title.push(p.meta.title.clone());
            c.merged_prs.push(p.merged_prs);
            c.crate_section.push(u8::from(p.has_crate_section));
            c.quote_section.push(u8::from(p.has_quote_section));
            c.links.push(p.links.len() as u32);
            c.body.push(body.to_string());
            for l in &p.links {
                category_links[l.category.index()] += 1;
            }
            let counts = [
                p.links.len(),
                p.crates.len(),
                p.quotes.len(),
                p.events.len(),
                p.updates.len(),
                p.other_items.len(),
            ];
            for (total, n) in totals.iter_mut().zip(counts) {
                *total += n;
            }
        }
        for (p, body) in posts {
            index.posts.date.push(p.meta.date.to_days());
            index.posts.title.push(p.meta.title.clone());
            index.posts.body.push(body.to_string());
        }
        index.categories = Category::ALL
            .iter()
            .zip(category_links)
            .map(|(c, n)| CategoryCount {
                slug: c.slug().into(),
                label: c.label().into(),
                links: n,
            })
            .collect();
        let keys = [
            LINKS_KEY,
            CRATES_KEY,
            QUOTES_KEY,
            EVENTS_KEY,
            UPDATES_KEY,
            OTHERS_KEY,
        ];
        for (key, n) in keys.into_iter().zip(totals) {
            index.totals.insert(key.to_string(), n as u32);
        }
        index
    }
}

/// Each issue's date (days since 1970-01-01) by its number, over the issues that exist. An
/// issue number is any `u32` a bundle holds, so nothing is sized by the largest: the numbers
/// are sorted and searched, with a first guess at `number - first number` that finds every
/// issue of an archive numbered without gaps in one step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueDays {
    numbers: Vec<u32>,
    days: Vec<i32>,
}

impl IssueDays {
    pub fn new(index: &Index) -> Self {
        let c = &index.issues;
        let mut pairs: Vec<(u32, i32)> = c
            .number
            .iter()
            .copied()
            .zip(c.date.iter().copied())
            .collect();
        // A checked index ascends already; any other is sorted, the first of a number kept.
        if !pairs.windows(2).all(|w| w[0].0 < w[1].0) {
            pairs.sort_by_key(|&(n, _)| n);
            pairs.dedup_by_key(|&mut (n, _)| n);
        }
        let (numbers, days) = pairs.into_iter().unzip();
        IssueDays { numbers, days }
    }

    /// The day of issue `number`, if the index has it.
    pub fn get(&self, number: u32) -> Option<i32> {
        let first = *self.numbers.first()?;
        let guess = number.checked_sub(first).map_or(usize::MAX, |g| g as usize);
        let at = match self.numbers.get(guess) {
            Some(&n) if n == number => guess,
            _ => self.numbers.binary_search(&number).ok()?,
        };
        self.days.get(at).copied()
    }

    /// How many issues it holds.
    pub fn len(&self) -> usize {
        self.numbers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.numbers.is_empty()
    }
}
