//! The summary `twir bundle` prints: what was compiled, per kind and category.

use crate::archive::Archive;
use std::fmt;
use std::time::Duration;
use twir_archive::taxonomy::Category;

/// Counts of one run, printed as a few aligned lines.
pub struct Summary {
    issues: usize,
    range: Option<(u32, u32)>,
    posts: usize,
    per_category: Vec<(Category, usize)>,
    links: usize,
    crate_weeks: usize,
    crates: usize,
    quote_weeks: usize,
    quotes: usize,
    events: usize,
    updates: usize,
    others: usize,
    errors: usize,
    warnings: usize,
    skipped: usize,
    bytes: usize,
    elapsed: Duration,
}

impl Summary {
    pub fn new(archive: &Archive, bytes: usize, elapsed: Duration) -> Self {
        let issues: Vec<_> = archive
            .issues()
            .filter(|i| i.meta.number.is_some())
            .collect();
        let numbers = issues.iter().filter_map(|i| i.meta.number);
        let range = numbers.clone().min().zip(numbers.max());
        let per_category = Category::ALL
            .iter()
            .map(|c| {
                (
                    *c,
                    issues
                        .iter()
                        .flat_map(|i| &i.links)
                        .filter(|l| l.category == *c)
                        .count(),
                )
            })
            .collect();
        let sum = |f: &dyn Fn(&twir_archive::parse::ParsedIssue) -> usize| {
            issues.iter().map(|i| f(i)).sum()
        };
        Self {
            issues: issues.len(),
            range,
            posts: archive.issues().count() - issues.len(),
            per_category,
            links: sum(&|i| i.links.len()),
            crate_weeks: sum(&|i| usize::from(!i.crates.is_empty())),
            crates: sum(&|i| i.crates.len()),
            quote_weeks: sum(&|i| usize::from(!i.quotes.is_empty())),
            quotes: sum(&|i| i.quotes.len()),
            events: sum(&|i| i.events.len()),
            updates: sum(&|i| i.updates.len()),
            others: sum(&|i| i.other_items.len()),
            errors: archive.errors.len(),
            warnings: archive.warning_count(),
            skipped: archive.skipped.len(),
            bytes,
            elapsed,
        }
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let range = self
            .range
            .map_or(String::new(), |(lo, hi)| format!(" (#{lo}–#{hi})"));
        writeln!(
            f,
            "twir: compiled {} issues{range} and {} other posts in {} ms",
            self.issues,
            self.posts,
            self.elapsed.as_millis()
        )?;
        writeln!(f, "  links        {:>6}", self.links)?;
        for (c, n) in &self.per_category {
            writeln!(f, "    {:<24} {:>6}", c.label(), n)?;
        }
        writeln!(
            f,
            "  crate picks  {:>6} in {} weeks",
            self.crates, self.crate_weeks
        )?;
        writeln!(
            f,
            "  quotes       {:>6} in {} weeks",
            self.quotes, self.quote_weeks
        )?;
        writeln!(f, "  events       {:>6}", self.events)?;
        writeln!(
            f,
            "  updates      {:>6} (pull requests, RFCs, FCP, calls, jobs)",
            self.updates
        )?;
        writeln!(f, "  other items  {:>6}", self.others)?;
        writeln!(
            f,
            "twir: {} errors, {} warnings (see `twir check`), {} files skipped; bundle {} KB",
            self.errors,
            self.warnings,
            self.skipped,
            self.bytes / 1024
        )
    }
}
