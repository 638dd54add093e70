//! The index, the record files and the body files of the bundle, from parsed issues. Each
//! file's columns come from its kind's module of `twir_archive::bundle`; this puts them
//! together.

use super::{json, Body, BodyFormat, Bundle};
use twir_archive::bundle::{
    issue_body_path, post_body_path, CrateColumns, EventColumns, Index, LinkColumns, OtherColumns,
    QuoteColumns, UpdateColumns, CRATES_KEY, EVENTS_KEY, INDEX_KEY, LINKS_KEY, OTHERS_KEY,
    QUOTES_KEY, UPDATES_KEY,
};
use twir_archive::issue::IssueKind;
use twir_archive::parse::ParsedIssue;

/// The bundle of these issues, each with its body file: the index and the record files,
/// listed in the manifest, and the body files. Issues are taken in number order and posts in
/// date order, whatever the input order, so that the same archive always gives
/// byte-identical files.
pub(super) fn build<'a>(
    format: BodyFormat,
    entries: impl IntoIterator<Item = (&'a ParsedIssue, Body)>,
) -> Bundle {
    let (mut issues, mut posts): (Vec<_>, Vec<_>) = (Vec::new(), Vec::new());
    for (p, body) in entries {
        if p.meta.number.is_none() {
            posts.push((p, body));
        } else if p.meta.kind == IssueKind::Weekly {
            issues.push((p, body));
        }
    }
    issues.sort_by_key(|(p, _)| p.meta.number);
    posts.sort_by(|(a, _), (b, _)| (a.meta.date, &a.meta.title).cmp(&(b.meta.date, &b.meta.title)));
    let ext = format.ext();
    let weekly: Vec<&ParsedIssue> = issues.iter().map(|(p, _)| *p).collect();
    // Events and updates, the two kinds with repeats, are the largest files: each is built
    // and encoded on a thread of its own while this one builds the others (or here, after
    // them, where there are no threads, as in wasm).
    std::thread::scope(|scope| {
        let spawn = |build: fn(&[&'a ParsedIssue]) -> Vec<u8>| {
            let weekly = &weekly;
            let thread = std::thread::Builder::new().spawn_scoped(scope, move || build(weekly));
            move || match thread {
                Ok(thread) => thread.join().expect("the record file encodes"),
                Err(_) => build(weekly),
            }
        };
        let events = spawn(|w| json(&EventColumns::from_issues(w)));
        let updates = spawn(|w| json(&UpdateColumns::from_issues(w)));
        let index = Index::from_issues(
            ext,
            issues.iter().map(|(p, b)| (*p, b.hash.as_str())),
            posts.iter().map(|(p, b)| (*p, b.hash.as_str())),
        );
        let mut out = Bundle::new();
        for (p, body) in issues {
            let n = p.meta.number.unwrap_or_default();
            out.add(issue_body_path(n, &body.hash, ext), body.bytes);
        }
        for (p, body) in posts {
            out.add(post_body_path(p.meta.date, &body.hash, ext), body.bytes);
        }
        out.add_keyed(INDEX_KEY, json(&index));
        out.add_keyed(LINKS_KEY, json(&LinkColumns::from_issues(&weekly)));
        out.add_keyed(CRATES_KEY, json(&CrateColumns::from_issues(&weekly)));
        out.add_keyed(QUOTES_KEY, json(&QuoteColumns::from_issues(&weekly)));
        out.add_keyed(EVENTS_KEY, events());
        out.add_keyed(UPDATES_KEY, updates());
        out.add_keyed(OTHERS_KEY, json(&OtherColumns::from_issues(&weekly)));
        out
    })
}
