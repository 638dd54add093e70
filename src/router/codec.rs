//! The query string's codec: parsing with percent-decoding, building with percent-encoding,
//! and merging changes into the current parameters.

use std::collections::BTreeMap;

/// Builds `?key=value&…` from pairs, skipping empty values, percent-encoding the rest.
pub fn query_string<'a>(pairs: impl IntoIterator<Item = (&'a str, String)>) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        if v.is_empty() {
            continue;
        }
        out.push(if out.is_empty() { '?' } else { '&' });
        out.push_str(&encode(k));
        out.push('=');
        out.push_str(&encode(&v));
    }
    if out.is_empty() {
        "?".to_string()
    } else {
        out
    }
}

/// The current parameters with some replaced (`None` removes one). A change of any filter
/// resets the page, unless the page itself is what changes.
pub fn merged(current: &BTreeMap<String, String>, changes: &[(&str, Option<String>)]) -> String {
    let mut map = current.clone();
    let mut resets_page = false;
    for (k, v) in changes {
        resets_page |= *k != "page";
        match v {
            Some(v) if !v.is_empty() => {
                map.insert((*k).to_string(), v.clone());
            }
            _ => {
                map.remove(*k);
            }
        }
    }
    if resets_page && !changes.iter().any(|(k, _)| *k == "page") {
        map.remove("page");
    }
    // `view` first, for readable URLs.
    let view = map.remove("view");
    query_string(
        view.map(|v| ("view", v))
            .into_iter()
            .chain(map.iter().map(|(k, v)| (k.as_str(), v.clone()))),
    )
}

/// Parses `?a=1&b=two+words` (percent-decoding).
pub fn parse_query(search: &str) -> BTreeMap<String, String> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Some((decode(k)?, decode(v)?))
        })
        .collect()
}

fn decode(s: &str) -> Option<String> {
    let s = s.replace('+', " ");
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' | b':' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changing_a_filter_resets_the_page_and_keeps_the_rest() {
        let mut cur = BTreeMap::new();
        cur.insert("view".to_string(), "links".to_string());
        cur.insert("cat".to_string(), "research".to_string());
        cur.insert("page".to_string(), "3".to_string());
        assert_eq!(
            merged(&cur, &[("year", Some("2023".into()))]),
            "?view=links&cat=research&year=2023"
        );
        assert_eq!(
            merged(&cur, &[("page", Some("4".into()))]),
            "?view=links&cat=research&page=4"
        );
        assert_eq!(merged(&cur, &[("cat", None)]), "?view=links");
    }

    #[test]
    fn values_are_percent_encoded() {
        assert_eq!(
            query_string([("author", "Clar Fon & co".to_string())]),
            "?author=Clar+Fon+%26+co"
        );
        assert_eq!(
            query_string([("site", "blog.rust-lang.org".to_string())]),
            "?site=blog.rust-lang.org"
        );
        assert_eq!(query_string([("q", String::new())]), "?");
    }

    #[test]
    fn query_strings_parse_with_percent_and_plus_decoding() {
        let q = parse_query("?view=quotes&author=Clar+Fon+%26+co&x=%E2%9C%93");
        assert_eq!(q["view"], "quotes");
        assert_eq!(q["author"], "Clar Fon & co");
        assert_eq!(q["x"], "✓");
        assert!(parse_query("?").is_empty());
        assert!(
            parse_query("?bad=%ZZ").is_empty(),
            "undecodable pairs are dropped"
        );
        assert_eq!(parse_query("?flag")["flag"], "");
    }
}
