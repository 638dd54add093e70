//! Nothing is lost: every top-level list item with a link, in every section of every issue of
//! the real archive, is in the bundle as a record of some kind (link, crate pick, quote,
//! event, update or other item) of the same issue.
//!
//! The items are found by a plain scan of the files, independent of the parser: bullet-start
//! lines (`*`, `-`, `+` indented by at most one space), with HTML comments and fenced code
//! removed, whose text holds an inline link `](url)`, a reference link `][ref]` or an
//! autolink `<http…>`. The item's first URL must be one of the URLs of the issue's records.
//!
//! Exclusions, each justified and counted (the test fails if a count changes):
//! - nested bullets (indented two spaces or more): event titles and discussion links that
//!   belong to the record of their parent item;
//! - the credits after the quote (`This Week in Rust is edited by:` and its list of editors);
//! - "none this week" notes written as bullets (`* *No calls for testing…*`);
//! - boilerplate asking for submissions (`Please submit …`).

use crate::support::{archive, dir};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs;
use twir_archive::bundle::{
    CrateColumns, EventColumns, Index, LinkColumns, Manifest, OtherColumns, QuoteColumns,
    UpdateColumns,
};

/// The text with HTML comments and fenced code blocks replaced by empty lines.
fn strip(text: &str) -> Vec<String> {
    let mut no_comments = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("<!--") {
        no_comments.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = after.find("-->").map_or(after.len(), |e| e + 3);
        no_comments.extend(after[..end].chars().filter(|&c| c == '\n'));
        rest = &after[end..];
    }
    no_comments.push_str(rest);
    let mut fenced = false;
    no_comments
        .lines()
        .map(|l| {
            if l.trim_start().starts_with("```") {
                fenced = !fenced;
                return String::new();
            }
            if fenced {
                String::new()
            } else {
                l.replace('\t', "    ")
            }
        })
        .collect()
}

/// `[ref]: url` definitions, lower-cased keys.
fn references(lines: &[String]) -> HashMap<String, String> {
    let mut refs = HashMap::new();
    for l in lines {
        let t = l.trim();
        if let Some(rest) = t.strip_prefix('[') {
            if let Some((key, url)) = rest.split_once("]:") {
                let url = url
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_matches(['<', '>']);
                // As in CommonMark, the first definition of a label wins.
                refs.entry(key.to_lowercase())
                    .or_insert_with(|| url.to_string());
            }
        }
    }
    refs
}

/// The first URL of a bullet line, by a plain scan.
fn first_url(line: &str, refs: &HashMap<String, String>) -> Option<String> {
    let inline = line.find("](").map(|i| (i, 0));
    let reference = line.find("][").map(|i| (i, 1));
    let auto = line.find("<http").map(|i| (i, 2));
    let shortcut = shortcut_reference(line, refs).map(|(i, _)| (i, 3));
    let (pos, kind) = [inline, reference, auto, shortcut]
        .into_iter()
        .flatten()
        .min()?;
    if kind == 3 {
        return shortcut_reference(line, refs).map(|(_, url)| url);
    }
    match kind {
        0 => {
            let rest = line[pos + 2..].trim_start();
            // Balanced parentheses inside URLs (wikipedia links) are part of the URL.
            let mut depth = 0;
            let end = rest
                .char_indices()
                .find(|&(_, c)| match c {
                    '(' => {
                        depth += 1;
                        false
                    }
                    ')' if depth == 0 => true,
                    ')' => {
                        depth -= 1;
                        false
                    }
                    ' ' => true,
                    _ => false,
                })
                .map_or(rest.len(), |(i, _)| i);
            Some(rest[..end].trim_matches(['<', '>']).to_string())
        }
        1 => {
            let rest = &line[pos + 2..];
            let key = &rest[..rest.find(']')?];
            let key = if key.is_empty() {
                // `[text][]`: the text is the key.
                let start = line[..pos].rfind('[')?;
                &line[start + 1..pos]
            } else {
                key
            };
            refs.get(&key.to_lowercase()).cloned()
        }
        _ => {
            let rest = &line[pos + 1..];
            Some(rest[..rest.find('>')?].to_string())
        }
    }
}

/// `[label]` standing alone (not followed by `(` or `[`) with a definition: the position of
/// its closing bracket and its URL.
fn shortcut_reference(line: &str, refs: &HashMap<String, String>) -> Option<(usize, String)> {
    let mut from = 0;
    while let Some(open) = line[from..].find('[').map(|i| i + from) {
        let close = open + line[open..].find(']')?;
        let next = line[close + 1..].chars().next();
        if !matches!(next, Some('(') | Some('[')) && !line[..open].ends_with(']') {
            if let Some(url) = refs.get(&line[open + 1..close].to_lowercase()) {
                return Some((close, url.clone()));
            }
        }
        from = close + 1;
    }
    None
}

/// Compares URLs as the markdown parser reports them: escapes and entities undone.
fn normalise(url: &str) -> String {
    url.replace("\\_", "_")
        .replace("\\*", "*")
        .replace("\\(", "(")
        .replace("\\)", ")")
        .replace("&amp;", "&")
        .replace("\\#", "#")
        .trim()
        .to_string()
}

#[derive(Default, Debug, PartialEq, Eq)]
struct Exclusions {
    nested: usize,
    credits: usize,
    none_notes: usize,
    boilerplate: usize,
    malformed: Vec<String>,
}

/// Items whose markdown is broken in the archive, so that no link can be read from them
/// (`twir check` reports the first; the others are not links to a markdown parser).
const MALFORMED: &[(&str, usize, &str)] = &[
    (
        "2022-01-19-this-week-in-rust.md",
        200,
        "a U+0002 control character inside the URL",
    ),
    (
        "2025-10-29-this-week-in-rust.md",
        414,
        "`[Rust Luzern]((https://…)`: a doubled parenthesis",
    ),
    (
        "2025-11-05-this-week-in-rust.md",
        403,
        "`[Rust Luzern]((https://…)`: a doubled parenthesis",
    ),
];

#[test]
fn every_top_level_list_item_with_a_link_is_a_record_of_its_issue() {
    let Some(archive) = archive() else {
        return;
    };
    let parsed: Vec<_> = archive.issues().collect();
    let files = twir_site::bundle::Bundle::markdown(&parsed);
    let get = |key: &str| {
        let manifest = Manifest::from_json(&files.manifest_json()).unwrap();
        let path = manifest.file(key).unwrap().path.clone();
        files.file(&path).unwrap().to_vec()
    };
    // Every URL of every record, by issue, read back from the bundle itself.
    let mut urls: BTreeMap<u32, HashSet<String>> = BTreeMap::new();
    let mut add = |issue: u32, url: Option<&str>| {
        if let Some(u) = url {
            urls.entry(issue).or_default().insert(normalise(u));
        }
    };
    let links = LinkColumns::from_json(&get("links"))
        .unwrap()
        .into_rows()
        .unwrap();
    for l in &links {
        add(l.issue, Some(&l.url));
    }
    for c in CrateColumns::from_json(&get("crates")).unwrap().into_rows() {
        add(c.issue, Some(&c.url));
        add(c.issue, c.suggested_by_url.as_deref());
    }
    for q in QuoteColumns::from_json(&get("quotes")).unwrap().into_rows() {
        add(q.issue, q.url.as_deref());
    }
    for e in EventColumns::from_json(&get("events"))
        .unwrap()
        .into_rows()
        .unwrap()
    {
        add(e.issue, e.url.as_deref());
        add(e.issue, e.group_url.as_deref());
    }
    for u in UpdateColumns::from_json(&get("updates"))
        .unwrap()
        .into_rows()
        .unwrap()
    {
        add(u.issue, u.url.as_deref());
    }
    for o in OtherColumns::from_json(&get("others"))
        .unwrap()
        .rows()
        .unwrap()
    {
        add(o.issue, o.url.as_deref());
    }
    let index = Index::from_json(&get("index")).unwrap();
    assert_eq!(index.issues.number.len(), 664);

    let mut checked = 0;
    let mut excluded = Exclusions::default();
    let mut missing = Vec::new();
    for c in &archive.compiled {
        let Some(number) = c.issue.meta.number else {
            continue;
        };
        let text = fs::read_to_string(dir().join(&c.path)).unwrap();
        let lines = strip(&text);
        let refs = references(&lines);
        let mut in_credits = false;
        for (i, first_line) in lines.iter().enumerate() {
            // A bullet's text runs on over the lines that follow it, up to a blank line, a
            // heading or the next bullet.
            let mut line = first_line.clone();
            for next in &lines[i + 1..] {
                let t = next.trim_start();
                if t.is_empty()
                    || t.starts_with('#')
                    || ["* ", "- ", "+ "].iter().any(|b| t.starts_with(b))
                {
                    break;
                }
                line.push(' ');
                line.push_str(t);
            }
            let line = &line;
            if line.starts_with("This Week in Rust is edited by") {
                in_credits = true;
            }
            if line.starts_with('#') {
                in_credits = false;
            }
            let indent = line.len() - line.trim_start().len();
            let trimmed = line.trim_start();
            let bullet = ["* ", "- ", "+ "].iter().any(|b| trimmed.starts_with(b));
            if !bullet {
                continue;
            }
            let Some(url) = first_url(trimmed, &refs) else {
                continue;
            };
            let body = trimmed[2..].trim_start();
            if indent >= 2 {
                excluded.nested += 1;
            } else if in_credits {
                excluded.credits += 1;
            } else if ["*No ", "_No ", "No "].iter().any(|p| body.starts_with(p)) {
                excluded.none_notes += 1;
            } else if body.to_lowercase().contains("please submit") {
                excluded.boilerplate += 1;
            } else if let Some(why) = MALFORMED
                .iter()
                .find(|(f, l, _)| *f == c.path && *l == i + 1)
            {
                excluded
                    .malformed
                    .push(format!("{}:{}: {}", why.0, why.1, why.2));
            } else {
                checked += 1;
                let found = urls
                    .get(&number)
                    .is_some_and(|set| set.contains(&normalise(&url)));
                if !found {
                    missing.push(format!("{}:{}: {url}", c.path, i + 1));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "{} items are not records:\n{}",
        missing.len(),
        missing.join("\n")
    );
    println!("checked {checked} items; excluded {excluded:?}");
    assert_eq!(checked, 64_362);
    assert_eq!(
        (
            excluded.nested,
            excluded.credits,
            excluded.none_notes,
            excluded.boilerplate
        ),
        (9_981, 462, 55, 1)
    );
    assert_eq!(excluded.malformed.len(), MALFORMED.len());
}
