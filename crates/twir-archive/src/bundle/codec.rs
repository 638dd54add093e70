//! Compact codings of the bundle's columns: URLs by their shape, and records that repeat
//! week after week (events, final comment period items) stored once.

use super::{BundleError, Shared};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// A column of URLs. A GitHub pull request or issue is its repository and its number, the
/// number coded as the difference from the previous number of the same repository and
/// shape (the pull requests of a week are close together); any other URL is kept as text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CodedUrls {
    /// `owner/name` of the GitHub repositories.
    pub repos: Vec<String>,
    /// Per URL: 0 when the URL is in `text`; else `1 + 2 × repository + (1 for a pull
    /// request, 0 for an issue)`.
    pub shape: Vec<u32>,
    /// For each GitHub URL, in order: its number minus the previous one of the same shape.
    pub delta: Vec<i64>,
    /// For each other URL, in order (null for a record without a URL).
    #[serde(deserialize_with = "shared::optional_texts")]
    pub text: Vec<Option<Shared>>,
}

const GITHUB: &str = "https://github.com/";

/// `https://github.com/owner/name/pull/123` → (`owner/name`, pull request?, 123).
fn github_shape(url: &str) -> Option<(&str, bool, u64)> {
    let rest = url.strip_prefix(GITHUB)?;
    let mut parts = rest.splitn(4, '/');
    let (owner, name, kind, number) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
    let pull = match kind {
        "pull" => true,
        "issues" => false,
        _ => return None,
    };
    if owner.is_empty() || name.is_empty() || number.is_empty() || number.starts_with('0') {
        return None;
    }
    if !number.bytes().all(|b| b.is_ascii_digit()) || number.len() > 12 {
        return None;
    }
    let repo = &rest[..owner.len() + 1 + name.len()];
    Some((repo, pull, number.parse().ok()?))
}

impl CodedUrls {
    pub fn encode<'a>(urls: impl IntoIterator<Item = Option<&'a str>>) -> Self {
        let mut c = CodedUrls::default();
        let mut repo_ids: HashMap<String, u32> = HashMap::new();
        let mut last: HashMap<u32, i64> = HashMap::new();
        for url in urls {
            match url.and_then(github_shape) {
                Some((repo, pull, number)) => {
                    let next = repo_ids.len() as u32;
                    let id = *repo_ids.entry(repo.to_string()).or_insert(next);
                    if id == next {
                        c.repos.push(repo.to_string());
                    }
                    let shape = 1 + 2 * id + u32::from(pull);
                    let prev = last.insert(shape, number as i64).unwrap_or(0);
                    c.shape.push(shape);
                    c.delta.push(number as i64 - prev);
                }
                None => {
                    c.shape.push(0);
                    c.text.push(url.map(Shared::from));
                }
            }
        }
        c
    }

    pub fn len(&self) -> usize {
        self.shape.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shape.is_empty()
    }

    /// The URLs, each in one shared allocation of its exact size.
    pub fn decode(self) -> Result<Vec<Option<Shared>>, BundleError> {
        let bad = |what: &str| BundleError::Inconsistent(format!("URL column: {what}"));
        let mut out = Vec::with_capacity(self.shape.len());
        let (mut deltas, mut texts) = (self.delta.iter(), self.text.into_iter());
        // The last number of each shape (shapes are below 2 × repositories + 3).
        let mut last: Vec<i64> = vec![0; 2 * self.repos.len() + 3];
        let mut url = String::new();
        for &shape in &self.shape {
            if shape == 0 {
                out.push(texts.next().ok_or_else(|| bad("too few texts"))?);
            } else {
                let repo = self
                    .repos
                    .get(((shape - 1) / 2) as usize)
                    .ok_or_else(|| bad("repo"))?;
                let d = deltas.next().ok_or_else(|| bad("too few numbers"))?;
                let prev = last.get_mut(shape as usize).ok_or_else(|| bad("shape"))?;
                let n = prev.checked_add(*d).ok_or_else(|| bad("number"))?;
                *prev = n;
                let kind = if shape % 2 == 0 { "/pull/" } else { "/issues/" };
                url.clear();
                url.push_str(GITHUB);
                url.push_str(repo);
                url.push_str(kind);
                push_decimal(&mut url, n);
                out.push(Some(Shared::from(url.as_str())));
            }
        }
        if deltas.next().is_some() || texts.next().is_some() {
            return Err(bad("values left over"));
        }
        Ok(out)
    }
}

/// Appends `n` in decimal, without the formatting machinery.
fn push_decimal(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut v = n.unsigned_abs();
    loop {
        at -= 1;
        digits[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// Which records of a column file repeat an earlier one (in all but their issue), so that
/// they are stored once: pairs of (gap from the previous repeat's position, distance back
/// to the record it repeats), positions counted over all records. Stored as two columns,
/// `gap` and `back`, `back` as the difference from the previous pair's (listings of one week
/// repeat the week before at nearly the same distance).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Repeats(pub Vec<(u32, u32)>);

#[derive(Serialize, Deserialize)]
struct RepeatColumns {
    gap: Vec<u32>,
    back: Vec<i64>,
}

impl Serialize for Repeats {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut prev = 0i64;
        let back = self
            .0
            .iter()
            .map(|&(_, b)| {
                let d = i64::from(b) - prev;
                prev = i64::from(b);
                d
            })
            .collect();
        RepeatColumns {
            gap: self.0.iter().map(|&(g, _)| g).collect(),
            back,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Repeats {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        let c = RepeatColumns::deserialize(d)?;
        if c.gap.len() != c.back.len() {
            return Err(D::Error::custom("the repeat columns differ in length"));
        }
        let mut prev = 0i64;
        let mut pairs = Vec::with_capacity(c.gap.len());
        for (g, d) in c.gap.into_iter().zip(c.back) {
            let outside = || D::Error::custom("repeats: a `back` points outside the records");
            prev = prev.checked_add(d).ok_or_else(outside)?;
            let back = u32::try_from(prev).map_err(|_| outside())?;
            pairs.push((g, back));
        }
        Ok(Repeats(pairs))
    }
}

/// Serde adapter for a column of days: each as the difference from the previous one given
/// (events of a week lie close together).
pub mod delta_days {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(days: &[Option<i32>], s: S) -> Result<S::Ok, S::Error> {
        let mut prev = 0i64;
        let deltas: Vec<Option<i64>> = days
            .iter()
            .map(|d| {
                d.map(|d| {
                    let delta = i64::from(d) - prev;
                    prev = i64::from(d);
                    delta
                })
            })
            .collect();
        deltas.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Option<i32>>, D::Error> {
        use serde::de::Error as _;
        let deltas = Vec::<Option<i64>>::deserialize(d)?;
        let mut prev = 0i64;
        deltas
            .into_iter()
            .map(|d| match d {
                None => Ok(None),
                Some(d) => {
                    let out_of_range = || D::Error::custom("date: a day out of range");
                    prev = prev.checked_add(d).ok_or_else(out_of_range)?;
                    i32::try_from(prev).map(Some).map_err(|_| out_of_range())
                }
            })
            .collect()
    }
}

/// Serde adapters for columns of texts that rows share (`Arc<str>`): each text is read
/// straight into its shared allocation, with no `String` copied and freed on the way. The
/// app keeps every row in a wasm memory that never shrinks, where tens of thousands of such
/// short-lived copies left megabytes of scattered free space (docs/search.md, memory).
pub mod shared {
    use crate::bundle::Shared;
    use serde::de::{Deserializer, SeqAccess, Visitor};
    use std::fmt;
    use std::marker::PhantomData;

    /// One text, or none.
    trait Text: Sized {
        fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
    }

    struct TextVisitor;

    impl Visitor<'_> for TextVisitor {
        type Value = Shared;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E>(self, s: &str) -> Result<Shared, E> {
            Ok(Shared::from(s))
        }
    }

    impl Text for Shared {
        fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_str(TextVisitor)
        }
    }

    struct OptionVisitor;

    impl<'de> Visitor<'de> for OptionVisitor {
        type Value = Option<Shared>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string or null")
        }
        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(TextVisitor).map(Some)
        }
    }

    impl Text for Option<Shared> {
        fn read<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            d.deserialize_option(OptionVisitor)
        }
    }

    /// A seed that reads one [`Text`] of a sequence.
    struct One<T>(PhantomData<T>);

    impl<'de, T: Text> serde::de::DeserializeSeed<'de> for One<T> {
        type Value = T;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
            T::read(d)
        }
    }

    struct ColumnVisitor<T>(PhantomData<T>);

    impl<'de, T: Text> Visitor<'de> for ColumnVisitor<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an array of strings")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 16));
            while let Some(t) = seq.next_element_seed(One(PhantomData))? {
                out.push(t);
            }
            Ok(out)
        }
    }

    /// `#[serde(deserialize_with = "codec::shared::texts")]` on a `Vec<Shared>`.
    pub fn texts<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Shared>, D::Error> {
        d.deserialize_seq(ColumnVisitor(PhantomData))
    }

    /// `#[serde(deserialize_with = "codec::shared::optional_texts")]` on a
    /// `Vec<Option<Shared>>`.
    pub fn optional_texts<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<Option<Shared>>, D::Error> {
        d.deserialize_seq(ColumnVisitor(PhantomData))
    }
}

/// Builds [`Repeats`] while records are added, each known by a key that is equal for two
/// records exactly when they are the same record (its fields but the line, as a tuple).
pub struct RepeatFinder<K> {
    seen: HashMap<K, u32>,
    position: u32,
    last_repeat: u32,
    pub repeats: Repeats,
}

impl<K> Default for RepeatFinder<K> {
    fn default() -> Self {
        RepeatFinder {
            seen: HashMap::new(),
            position: 0,
            last_repeat: 0,
            repeats: Repeats::default(),
        }
    }
}

impl<K: std::hash::Hash + Eq> RepeatFinder<K> {
    /// A finder with room for `records` keys, so that its table is never grown and rehashed.
    pub fn with_capacity(records: usize) -> Self {
        RepeatFinder {
            seen: HashMap::with_capacity(records),
            ..Self::default()
        }
    }

    /// Registers the next record by its key; true if it must be stored, false if it repeats
    /// an earlier one (and is recorded as such).
    pub fn store(&mut self, key: K) -> bool {
        let pos = self.position;
        self.position += 1;
        match self.seen.get(&key) {
            Some(&earlier) => {
                self.repeats.0.push((pos - self.last_repeat, pos - earlier));
                self.last_repeat = pos;
                false
            }
            None => {
                self.seen.insert(key, pos);
                true
            }
        }
    }
}

impl Repeats {
    /// For each of `total` records, the index of its row among the stored rows.
    pub fn expand(&self, total: usize, stored: usize) -> Result<Vec<usize>, BundleError> {
        let bad = || BundleError::Inconsistent("the repeats do not fit the records".into());
        let mut rows = Vec::with_capacity(total);
        let mut next_repeat = self.0.iter();
        let mut repeat_at = next_repeat
            .next()
            .map(|&(gap, back)| (gap as usize, back as usize));
        let mut last_repeat = 0usize;
        let mut stored_row = 0usize;
        for pos in 0..total {
            match repeat_at {
                Some((gap, back)) if last_repeat.checked_add(gap) == Some(pos) => {
                    let earlier = pos.checked_sub(back).ok_or_else(bad)?;
                    rows.push(*rows.get(earlier).ok_or_else(bad)?);
                    last_repeat = pos;
                    repeat_at = next_repeat.next().map(|&(g, b)| (g as usize, b as usize));
                }
                _ => {
                    rows.push(stored_row);
                    stored_row += 1;
                }
            }
        }
        if stored_row != stored || repeat_at.is_some() {
            return Err(bad());
        }
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_urls_code_as_repository_and_number_and_decode_back() {
        let urls = [
            Some("https://github.com/rust-lang/rust/pull/145000"),
            Some("https://github.com/rust-lang/rust/pull/145003"),
            None,
            Some("https://github.com/rust-lang/cargo/issues/15495"),
            Some("https://blog.rust-lang.org/2026/08/18/x/"),
            Some("https://github.com/rust-lang/rust/pull/0123"),
            Some("https://github.com/rust-lang/rust/pull/144990"),
            Some("https://github.com/rust-lang/rust/pull/1/files"),
        ];
        let c = CodedUrls::encode(urls);
        assert_eq!(c.repos, ["rust-lang/rust", "rust-lang/cargo"]);
        assert_eq!(c.delta, [145000, 3, 15495, -13]);
        assert_eq!(
            c.text.len(),
            4,
            "none, the blog, a zero-padded number and a sub-page stay text"
        );
        let back = c.decode().unwrap();
        assert_eq!(back, urls.map(|u| u.map(Shared::from)));
    }

    #[test]
    fn decimals_are_written_as_to_string_writes_them() {
        for n in [0, 7, 10, 145_000, -13, i64::MIN, i64::MAX] {
            let mut s = String::from("#");
            push_decimal(&mut s, n);
            assert_eq!(s, format!("#{n}"));
        }
    }

    #[test]
    fn shared_text_columns_read_escapes_and_nulls_and_reject_other_values() {
        #[derive(Deserialize)]
        struct C {
            #[serde(deserialize_with = "shared::texts")]
            t: Vec<Shared>,
            #[serde(deserialize_with = "shared::optional_texts")]
            o: Vec<Option<Shared>>,
        }
        let c: C = serde_json::from_str(
            r#"{"t": ["plain", "a \"quoted\" word", "caf\u00e9", ""], "o": [null, "x"]}"#,
        )
        .unwrap();
        assert_eq!(
            c.t,
            ["plain", "a \"quoted\" word", "café", ""].map(Shared::from)
        );
        assert_eq!(c.o, [None, Some(Shared::from("x"))]);
        for bad in [
            r#"{"t": [1], "o": []}"#,
            r#"{"t": [], "o": [2]}"#,
            r#"{"t": "x", "o": []}"#,
        ] {
            assert!(serde_json::from_str::<C>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn repeated_records_are_stored_once_and_expand_back() {
        let keys = ["a", "b", "a", "c", "b", "a", "d"];
        let mut f = RepeatFinder::default();
        let stored: Vec<&str> = keys
            .iter()
            .copied()
            .filter(|k| f.store(k.to_string()))
            .collect();
        assert_eq!(stored, ["a", "b", "c", "d"]);
        let rows = f.repeats.expand(keys.len(), stored.len()).unwrap();
        let back: Vec<&str> = rows.iter().map(|&r| stored[r]).collect();
        assert_eq!(back, keys);
        assert!(f.repeats.expand(keys.len() + 1, stored.len()).is_err());
        assert!(Repeats(vec![(0, 5)]).expand(3, 3).is_err());
    }
}

/// A URL as stored in the bundle's text columns: `https://` (the scheme of nearly all
/// of them) is left out; any other URL is marked with a leading `!`.
pub fn short_url(url: &str) -> String {
    match url.strip_prefix("https://") {
        Some(rest) if !rest.starts_with(['!', '~']) => rest.to_string(),
        _ => format!("!{url}"),
    }
}

/// The URL a [`short_url`] stands for.
pub fn full_url(short: &str) -> String {
    match short.strip_prefix('!') {
        Some(url) => url.to_string(),
        // One allocation of the exact size: `format!` goes through the formatting machinery,
        // which the app paid for on every URL of the archive.
        None => ["https://", short].concat(),
    }
}

/// An event's URL relative to its group's (`~/events/123/` under a meetup group), else short.
pub fn event_url(url: &str, group_url: Option<&str>) -> String {
    match group_url.and_then(|g| url.strip_prefix(g).filter(|_| !g.is_empty())) {
        Some(rest) => format!("~{rest}"),
        None => short_url(url),
    }
}

/// The URL an [`event_url`] stands for.
pub fn full_event_url(short: &str, group_url: Option<&str>) -> String {
    match (short.strip_prefix('~'), group_url) {
        (Some(rest), Some(g)) => [g, rest].concat(),
        _ => full_url(short),
    }
}

#[cfg(test)]
mod url_tests {
    use super::*;

    #[test]
    fn short_urls_drop_https_and_come_back_exactly() {
        for url in [
            "https://blog.rust-lang.org/x",
            "http://example.com/",
            "",
            "mailto:a@b",
            "https://!odd",
            "!x",
            "~y",
        ] {
            assert_eq!(full_url(&short_url(url)), url, "{url}");
        }
        assert_eq!(short_url("https://a.org/b"), "a.org/b");
        let g = Some("https://www.meetup.com/rust-berlin");
        let e = "https://www.meetup.com/rust-berlin/events/313345334/";
        assert_eq!(event_url(e, g), "~/events/313345334/");
        assert_eq!(full_event_url(&event_url(e, g), g), e);
        assert_eq!(
            full_event_url(&event_url("https://luma.com/x", g), g),
            "https://luma.com/x"
        );
        assert_eq!(full_event_url(&event_url(e, Some("")), Some("")), e);
    }
}

/// Serde adapter for `issue` columns: records come in issue order, so the column is stored
/// as runs of `[issue number, count]`.
pub mod issue_runs {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(issues: &[u32], s: S) -> Result<S::Ok, S::Error> {
        let mut runs: Vec<[u32; 2]> = Vec::new();
        for &n in issues {
            match runs.last_mut() {
                Some([last, count]) if *last == n => *count += 1,
                _ => runs.push([n, 1]),
            }
        }
        runs.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
        let runs = Vec::<[u32; 2]>::deserialize(d)?;
        let total: u64 = runs.iter().map(|[_, c]| u64::from(*c)).sum();
        if total > 10_000_000 {
            return Err(D::Error::custom(
                "an issue column of more than 10 million records",
            ));
        }
        let mut out = Vec::with_capacity(total as usize);
        for [n, count] in runs {
            out.extend(std::iter::repeat_n(n, count as usize));
        }
        Ok(out)
    }
}
