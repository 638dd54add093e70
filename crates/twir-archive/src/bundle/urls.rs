//! URLs in the bundle's columns: short URLs (`https://` left out), event URLs relative to
//! their group's page, and columns of URLs coded by their shape (GitHub pull requests and
//! issues as a repository and a number).

use super::{BundleError, Shared};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

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
    #[serde(deserialize_with = "super::codec::shared::optional_texts")]
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
