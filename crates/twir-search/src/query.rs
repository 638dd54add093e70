//! The query language: words, `"exact phrases"`, and scopes (`crate:`, `quote:`, `author:`,
//! `title:`, `cat:`, `kind:`, `year:`, `before:`, `after:`, `issue:`). See docs/search.md.

use crate::text::for_each_term;
use crate::{field, kind, Filter};
use twir_archive::date::Date;
use twir_archive::model::UpdateKind;
use twir_archive::taxonomy::Category;

/// Longest query read, in bytes; the rest is ignored.
pub const MAX_QUERY_BYTES: usize = 256;
/// Most terms (words and phrase words) a query keeps.
pub const MAX_TERMS: usize = 12;

/// One term every hit must match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Normalised (see [`crate::text`]).
    pub text: String,
    /// Also matches longer terms that start with it (the word being typed).
    pub prefix: bool,
    /// Also matches terms one or two typos away.
    pub fuzzy: bool,
    /// Where it may match: a mask of [`field`] bits.
    pub fields: u8,
}

/// Words that must follow each other in one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    pub terms: Vec<String>,
    pub fields: u8,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub terms: Vec<Term>,
    /// Phrases of two words or more (their words are in `terms` too).
    pub phrases: Vec<Phrase>,
    /// What the scopes restrict (kinds, categories, dates, issues).
    pub filter: Filter,
    /// Whether a scope was given (`kind:crate` alone lists every crate pick).
    pub scoped: bool,
}

impl Query {
    /// Nothing to look for and nothing to list.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && !self.scoped
    }
}

/// The first and last day of `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn day_range(s: &str) -> Option<(i32, i32)> {
    let mut parts = s.split('-');
    let year: i32 = parts
        .next()?
        .parse()
        .ok()
        .filter(|y| (1000..=9999).contains(y))?;
    let month: Option<u8> = match parts.next() {
        Some(m) => Some(m.parse().ok()?),
        None => None,
    };
    let day: Option<u8> = match parts.next() {
        Some(d) => Some(d.parse().ok()?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    let first = |m: u8| Date::new(year, m, 1).map(Date::to_days);
    match (month, day) {
        (None, _) => Some((first(1)?, Date::new(year, 12, 31)?.to_days())),
        (Some(m), None) => {
            let start = first(m)?;
            let end = if m == 12 {
                Date::new(year + 1, 1, 1)?.to_days()
            } else {
                Date::new(year, m + 1, 1)?.to_days()
            };
            Some((start, end - 1))
        }
        (Some(m), Some(d)) => {
            let day = Date::new(year, m, d)?.to_days();
            Some((day, day))
        }
    }
}

/// The [`UpdateKind`] bit of an update kind (its place in the enum).
pub fn update_kind_bit(k: UpdateKind) -> u16 {
    1 << (k as u16)
}

/// Kinds and update kinds named by a `kind:` value.
fn kind_value(v: &str) -> Option<(u8, u16)> {
    use UpdateKind::*;
    let u = |ks: &[UpdateKind]| ks.iter().fold(0, |m, &k| m | update_kind_bit(k));
    Some(match v {
        "link" | "links" => (kind::LINK, u16::MAX),
        "crate" | "crates" | "pick" | "picks" => (kind::CRATE, u16::MAX),
        "quote" | "quotes" => (kind::QUOTE, u16::MAX),
        "event" | "events" => (kind::EVENT, u16::MAX),
        "issue" | "issues" => (kind::ISSUE, u16::MAX),
        "update" | "updates" => (kind::UPDATE, u16::MAX),
        "pr" | "prs" | "pull" | "pull_request" | "pulls" => (kind::UPDATE, u(&[PullRequest])),
        "rfc" | "rfcs" => (kind::UPDATE, u(&[ApprovedRfc, NewRfc])),
        "fcp" => (kind::UPDATE, u(&[FinalCommentPeriod])),
        "call" | "calls" | "cfp" => (
            kind::UPDATE,
            u(&[CallForTesting, CallForParticipation, CallForSpeakers]),
        ),
        "cft" | "testing" => (kind::UPDATE, u(&[CallForTesting])),
        "job" | "jobs" => (kind::UPDATE, u(&[Job])),
        _ => return None,
    })
}

/// Categories a `cat:` value names: a slug, or the label's words, or their start
/// (`cat:walk`, `cat:rust-walkthroughs`, `cat:"project/tooling"`).
fn category_mask(v: &str) -> u16 {
    let want = crate::text::terms(v).join(" ");
    if want.is_empty() {
        return u16::MAX;
    }
    let mut mask = 0;
    for (i, c) in Category::ALL.iter().enumerate() {
        let slug = crate::text::terms(c.slug()).join(" ");
        let label = crate::text::terms(c.label()).join(" ");
        if slug.starts_with(&want) || label.starts_with(&want) {
            mask |= 1 << i;
        }
    }
    mask
}

struct Parser {
    q: Query,
}

impl Parser {
    fn push_terms(&mut self, text: &str, fields: u8, prefix_last: bool) {
        let mut words = Vec::new();
        for_each_term(text, &mut |_, t| words.push(t.to_string()));
        let n = words.len();
        for (i, w) in words.into_iter().enumerate() {
            if self.q.terms.len() >= MAX_TERMS {
                return;
            }
            self.q.terms.push(Term {
                text: w,
                prefix: prefix_last && i + 1 == n,
                fuzzy: true,
                fields,
            });
        }
    }

    fn push_phrase(&mut self, text: &str, fields: u8) {
        let words = crate::text::terms(text);
        let room = MAX_TERMS.saturating_sub(self.q.terms.len());
        let words: Vec<String> = words.into_iter().take(room).collect();
        for w in &words {
            self.q.terms.push(Term {
                text: w.clone(),
                prefix: false,
                fuzzy: false,
                fields,
            });
        }
        if words.len() > 1 {
            self.q.phrases.push(Phrase {
                terms: words,
                fields,
            });
        }
    }

    /// A `name:value` word; false when `name` is not a scope.
    fn scope(&mut self, name: &str, value: &str, quoted: bool, at_end: bool) -> bool {
        let f = &mut self.q.filter;
        let text_scope = |kinds: u8, fields: u8| Some((kinds, fields));
        let mut text = None;
        match name {
            "crate" | "crates" => text = text_scope(kind::CRATE, field::NAME),
            "quote" | "quotes" => text = text_scope(kind::QUOTE, field::TEXT | field::AUTHOR),
            "author" | "by" => text = text_scope(kind::ALL, field::AUTHOR),
            "title" => text = text_scope(kind::ALL, field::TITLE | field::NAME),
            "cat" | "category" => {
                f.kinds &= kind::LINK;
                f.categories &= category_mask(value);
            }
            "kind" | "is" => {
                let (mut kinds, mut updates) = (0, 0);
                for v in value.split(',').filter(|v| !v.is_empty()) {
                    match kind_value(&v.to_ascii_lowercase()) {
                        Some((k, u)) => {
                            kinds |= k;
                            if k == kind::UPDATE {
                                updates |= u;
                            }
                        }
                        None => return false,
                    }
                }
                if kinds == 0 {
                    return false;
                }
                f.kinds &= kinds;
                if updates != 0 {
                    f.update_kinds &= updates;
                }
            }
            "year" | "before" | "after" | "date" | "on" => {
                let (lo, hi) = match (name, value.split_once("..")) {
                    ("year", Some((a, b))) => match (day_range(a), day_range(b)) {
                        (Some(a), Some(b)) => (a.0, b.1),
                        _ => return false,
                    },
                    _ => match day_range(value) {
                        Some(r) => r,
                        None => return false,
                    },
                };
                match name {
                    "before" => f.to_day = f.to_day.min(lo - 1),
                    "after" => f.from_day = f.from_day.max(hi + 1),
                    _ => {
                        f.from_day = f.from_day.max(lo);
                        f.to_day = f.to_day.min(hi);
                    }
                }
            }
            "issue" => {
                let (a, b) = value.split_once('-').unwrap_or((value, value));
                match (a.parse::<u32>(), b.parse::<u32>()) {
                    (Ok(a), Ok(b)) => {
                        f.issues = (f.issues.0.max(a), f.issues.1.min(b));
                    }
                    _ => return false,
                }
            }
            _ => return false,
        }
        if let Some((kinds, fields)) = text {
            f.kinds &= kinds;
            if quoted {
                self.push_phrase(value, fields);
            } else {
                self.push_terms(value, fields, at_end);
            }
        }
        self.q.scoped = true;
        true
    }
}

/// Parses what the reader typed. Never fails: what is not understood is searched as text.
/// The last word is a prefix unless the input ends with white space (the reader has moved
/// on); an unclosed quote runs to the end.
pub fn parse_query(input: &str) -> Query {
    let mut end = input.len().min(MAX_QUERY_BYTES);
    while !input.is_char_boundary(end) {
        end -= 1;
    }
    let s = &input[..end];
    let mut p = Parser {
        q: Query::default(),
    };
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if b[i] == b'"' {
            let rest = &s[i + 1..];
            let close = rest.find('"').unwrap_or(rest.len());
            p.push_phrase(&rest[..close], field::ALL);
            i += 1 + close + 1;
            continue;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'"' {
            i += 1;
        }
        let word = &s[start..i];
        let at_end = i == b.len();
        if let Some((name, value)) = word.split_once(':') {
            let name = name.to_ascii_lowercase();
            if value.is_empty() && i < b.len() && b[i] == b'"' {
                // name:"quoted value"
                let rest = &s[i + 1..];
                let close = rest.find('"').unwrap_or(rest.len());
                if p.scope(&name, &rest[..close], true, false) {
                    i += 1 + close + 1;
                    continue;
                }
            } else if p.scope(&name, value, false, at_end) {
                continue;
            }
        }
        p.push_terms(word, field::ALL, at_end);
    }
    p.q
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(q: &Query) -> Vec<(&str, bool)> {
        q.terms
            .iter()
            .map(|t| (t.text.as_str(), t.prefix))
            .collect()
    }

    #[test]
    fn words_are_terms_and_the_last_is_a_prefix_while_typing() {
        let q = parse_query("Async Trait");
        assert_eq!(texts(&q), [("async", false), ("trait", true)]);
        let q = parse_query("async trait ");
        assert_eq!(texts(&q), [("async", false), ("trait", false)]);
        assert!(q.terms.iter().all(|t| t.fuzzy && t.fields == field::ALL));
        assert!(!q.scoped);
    }

    #[test]
    fn punctuation_inside_a_word_splits_it() {
        let q = parse_query("serde_json");
        assert_eq!(texts(&q), [("serde", false), ("json", true)]);
    }

    #[test]
    fn phrases_are_exact_and_unclosed_quotes_run_to_the_end() {
        let q = parse_query("\"zero cost\" abstractions");
        assert_eq!(q.phrases.len(), 1);
        assert_eq!(q.phrases[0].terms, ["zero", "cost"]);
        assert_eq!(
            texts(&q),
            [("zero", false), ("cost", false), ("abstractions", true)]
        );
        assert!(!q.terms[0].fuzzy);
        let q = parse_query("\"zero cost");
        assert_eq!(q.phrases[0].terms, ["zero", "cost"]);
        // One quoted word is an exact term, not a phrase.
        let q = parse_query("\"tokio\"");
        assert!(q.phrases.is_empty());
        assert_eq!(texts(&q), [("tokio", false)]);
        assert!(!q.terms[0].fuzzy);
    }

    #[test]
    fn scopes_restrict_kinds_fields_and_dates() {
        let q = parse_query("crate:serde");
        assert_eq!(q.filter.kinds, kind::CRATE);
        assert_eq!(q.terms[0].fields, field::NAME);
        assert!(q.terms[0].prefix);
        let q = parse_query("author:\"Clar Fon\" quote:");
        assert_eq!(q.filter.kinds, kind::QUOTE);
        assert_eq!(q.phrases[0].terms, ["clar", "fon"]);
        assert_eq!(q.phrases[0].fields, field::AUTHOR);
        let q = parse_query("year:2023 async");
        let (lo, hi) = (day_range("2023").unwrap().0, day_range("2023").unwrap().1);
        assert_eq!((q.filter.from_day, q.filter.to_day), (lo, hi));
        assert_eq!(hi - lo, 364);
        let q = parse_query("before:2020 after:2018-06");
        assert_eq!(q.filter.to_day, day_range("2020").unwrap().0 - 1);
        assert_eq!(q.filter.from_day, day_range("2018-07-01").unwrap().0);
        assert!(q.scoped && q.terms.is_empty() && !q.is_empty());
        let q = parse_query("kind:pr,rfc issue:500-510");
        assert_eq!(q.filter.kinds, kind::UPDATE);
        assert_eq!(
            q.filter.update_kinds,
            update_kind_bit(UpdateKind::PullRequest)
                | update_kind_bit(UpdateKind::ApprovedRfc)
                | update_kind_bit(UpdateKind::NewRfc)
        );
        assert_eq!(q.filter.issues, (500, 510));
        let q = parse_query("cat:walk");
        assert_eq!(q.filter.kinds, kind::LINK);
        assert_eq!(q.filter.categories, 1 << 5);
        assert_eq!(parse_query("cat:nonsense").filter.categories, 0);
    }

    #[test]
    fn unknown_scopes_and_bad_values_are_text() {
        let q = parse_query("https://tokio.rs year:20x3 kind:banana");
        let t: Vec<&str> = q.terms.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(
            t,
            ["https", "tokio", "rs", "year", "20x3", "kind", "banana"]
        );
        assert_eq!(q.filter, Filter::default());
        assert!(!parse_query("year:2023-02-30").scoped);
    }

    #[test]
    fn hostile_input_is_bounded() {
        assert!(parse_query("").is_empty());
        assert!(parse_query("   ").is_empty());
        assert!(parse_query("!!! ::: ---").is_empty());
        assert!(parse_query("\"").is_empty());
        assert!(parse_query("\"\"\"\"").is_empty());
        assert!(parse_query(":").is_empty());
        let huge = "word ".repeat(100_000);
        assert_eq!(parse_query(&huge).terms.len(), MAX_TERMS);
        let long = "é".repeat(100_000);
        assert_eq!(parse_query(&long).terms.len(), 1);
        let q = parse_query("日本語 Ärger");
        assert_eq!(texts(&q), [("日本語", false), ("arger", true)]);
    }
}
