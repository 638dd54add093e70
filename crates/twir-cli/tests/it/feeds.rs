//! The Atom feeds of `twir bundle --site-url`, read back with feed-rs (an independent
//! parser): over the whole real archive, entry counts equal the bundle index's, ids are
//! unique, valid URIs, dates parse and never go up along a feed; hostile archive text stays
//! text; without a site URL no feed is written.

use crate::support::{dir, has_full_archive, loaded, sample_dir, stderr, twir};
use feed_rs::model::{Feed, Link};
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use twir_archive::taxonomy::Category;
use twir_site::feeds::{self, SiteUrl};

const SITE: &str = "https://example.github.io/twir-explorer/";
const TAG: &str = "tag:example.github.io,2026:twir-explorer/";

/// The bundle and feeds of the real archive, written once by the `twir` binary.
fn built() -> &'static Path {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, out) = OUT.get_or_init(|| {
        let work = tempfile::tempdir().unwrap();
        let out = work.path().join("data");
        let o = twir(&[
            "bundle",
            dir().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--site-url",
            // Without the trailing slash: the command adds it.
            SITE.trim_end_matches('/'),
        ]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("wrote 14 Atom feeds"),
            "{}",
            String::from_utf8_lossy(&o.stdout)
        );
        (work, out)
    });
    out
}

fn parse(path: &Path) -> Feed {
    let bytes = fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    feed_rs::parser::parse(&bytes[..]).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn feed(file: &str) -> Feed {
    parse(&built().join("feeds").join(file))
}

/// The bundle's index, as JSON.
fn index() -> serde_json::Value {
    let dir = built();
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("manifest.json")).unwrap()).unwrap();
    let path = manifest["files"]["index"]["path"].as_str().unwrap();
    serde_json::from_slice(&fs::read(dir.join(path)).unwrap()).unwrap()
}

fn href<'a>(links: &'a [Link], rel: &str) -> Option<&'a str> {
    links
        .iter()
        .find(|l| l.rel.as_deref() == Some(rel))
        .map(|l| l.href.as_str())
}

/// An RFC 3986 URI: a scheme, then only characters a URI may hold.
fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-._~:/?#[]@!$&'()*+,;=%".contains(c))
}

/// Every feed file, with the number of entries the bundle index says it must have.
fn expected_counts() -> Vec<(String, usize)> {
    let index = index();
    let mut expected = vec![
        (
            "issues.xml".to_string(),
            index["issues"]["number"].as_array().unwrap().len(),
        ),
        (
            "crates.xml".to_string(),
            index["totals"]["crates"].as_u64().unwrap() as usize,
        ),
        (
            "quotes.xml".to_string(),
            index["totals"]["quotes"].as_u64().unwrap() as usize,
        ),
    ];
    for c in index["categories"].as_array().unwrap() {
        expected.push((
            format!("links-{}.xml", c["slug"].as_str().unwrap()),
            c["links"].as_u64().unwrap() as usize,
        ));
    }
    expected
}

#[test]
fn every_feed_holds_the_whole_history_with_the_bundles_counts() {
    if !has_full_archive() {
        return;
    }
    let expected = expected_counts();
    // The same figures as a plain scan of the archive gives (docs/bundle.md).
    assert_eq!(expected[0], ("issues.xml".into(), 664));
    assert_eq!(expected[1], ("crates.xml".into(), 560));
    assert_eq!(expected[2], ("quotes.xml".into(), 555));
    assert_eq!(expected.len(), 3 + Category::ALL.len());
    let links: usize = expected[3..].iter().map(|(_, n)| n).sum();
    assert_eq!(links, index()["totals"]["links"].as_u64().unwrap() as usize);
    let mut written: Vec<String> = fs::read_dir(built().join("feeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut names: Vec<String> = expected.iter().map(|(f, _)| f.clone()).collect();
    names.sort();
    assert_eq!(written, names, "one file per feed, nothing else");
    for (file, n) in &expected {
        assert_eq!(feed(file).entries.len(), *n, "{file}");
    }
}

#[test]
fn ids_are_unique_valid_uris_and_dates_never_go_up() {
    if !has_full_archive() {
        return;
    }
    let mut ids = HashSet::new();
    for (file, _) in expected_counts() {
        let f = feed(&file);
        let stem = file.trim_end_matches(".xml");
        assert_eq!(f.id, format!("{TAG}feeds/{stem}"), "{file}");
        assert!(ids.insert(f.id.clone()), "{file}: feed id {} repeats", f.id);
        assert_eq!(
            href(&f.links, "self"),
            Some(format!("{SITE}feeds/{file}").as_str()),
            "{file}"
        );
        assert!(
            href(&f.links, "alternate").is_some_and(|h| h.starts_with(SITE)),
            "{file}"
        );
        assert!(!f.authors.is_empty(), "{file}: Atom needs an author");
        let mut previous = None;
        for e in &f.entries {
            assert!(is_uri(&e.id), "{file}: id {:?} is not a URI", e.id);
            assert!(e.id.starts_with(TAG), "{file}: {}", e.id);
            assert!(ids.insert(e.id.clone()), "{file}: id {} repeats", e.id);
            let updated = e
                .updated
                .unwrap_or_else(|| panic!("{file}: {} has no date", e.id));
            assert_eq!(e.published, Some(updated), "{file}: {}", e.id);
            if let Some(p) = previous {
                assert!(
                    updated <= p,
                    "{file}: {} is newer than the entry before",
                    e.id
                );
            }
            previous = Some(updated);
            assert!(
                e.title.as_ref().is_some_and(|t| !t.content.is_empty()),
                "{file}: {} has no title",
                e.id
            );
            assert!(!e.links.is_empty(), "{file}: {} has no link", e.id);
        }
        // The feed's date is its newest entry's, not the build's time.
        assert_eq!(
            f.updated,
            f.entries.first().and_then(|e| e.updated),
            "{file}"
        );
    }
}

#[test]
fn the_issue_feed_links_the_reader_and_the_original_newest_first() {
    if !has_full_archive() {
        return;
    }
    let f = feed("issues.xml");
    let index = index();
    let numbers = index["issues"]["number"].as_array().unwrap();
    let titles = index["issues"]["title"].as_array().unwrap();
    let newest = &f.entries[0];
    assert_eq!(newest.id, format!("{TAG}issue/665"));
    assert_eq!(
        newest.title.as_ref().unwrap().content,
        "This Week in Rust 665"
    );
    assert_eq!(
        newest.updated.unwrap().to_rfc3339(),
        "2026-08-19T00:00:00+00:00"
    );
    assert_eq!(
        href(&newest.links, "alternate"),
        Some(format!("{SITE}?view=issue&issue=665").as_str())
    );
    assert_eq!(
        href(&newest.links, "related"),
        Some("https://this-week-in-rust.org/blog/2026/08/19/this-week-in-rust-665/")
    );
    assert_eq!(f.entries.last().unwrap().id, format!("{TAG}issue/1"));
    // Every issue of the index once, with its title.
    for e in &f.entries {
        let n: u64 = e.id.rsplit('/').next().unwrap().parse().unwrap();
        let pos = numbers.iter().position(|x| x.as_u64() == Some(n)).unwrap();
        assert_eq!(
            Some(e.title.as_ref().unwrap().content.as_str()),
            titles[pos].as_str()
        );
    }
}

#[test]
fn link_crate_and_quote_entries_point_at_their_sources_and_the_explorer() {
    if !has_full_archive() {
        return;
    }
    let link = &feed("links-official.xml").entries[0];
    assert_eq!(
        link.title.as_ref().unwrap().content,
        "Experiment in reducing target directory size on nightly"
    );
    assert_eq!(
        href(&link.links, "alternate"),
        Some("https://blog.rust-lang.org/inside-rust/2026/08/18/reducing-target-dir-size-on-nightly/")
    );
    assert_eq!(
        href(&link.links, "related"),
        Some(format!("{SITE}?view=issue&issue=665").as_str())
    );
    assert_eq!(link.categories[0].term, "official");

    let pick = &feed("crates.xml").entries[0];
    assert_eq!(pick.title.as_ref().unwrap().content, "tokio_with_wasm");
    assert_eq!(
        href(&pick.links, "alternate"),
        Some("https://crates.io/crates/tokio_with_wasm")
    );
    let body = pick.content.as_ref().unwrap().body.as_deref().unwrap();
    assert!(
        body.contains("run both natively and in web browsers"),
        "{body}"
    );

    let quote = &feed("quotes.xml").entries[0];
    assert_eq!(
        quote.title.as_ref().unwrap().content,
        "Quote of the Week by Clar Fon"
    );
    // The quotes view's permalink: <issue>-<position in the issue>.
    assert_eq!(
        href(&quote.links, "alternate"),
        Some(format!("{SITE}?view=quotes&quote=665-1").as_str())
    );
    let body = quote.content.as_ref().unwrap().body.as_deref().unwrap();
    assert!(body.contains("<p>ass-bind is peak</p>"), "{body}");
}

#[test]
fn the_files_are_what_the_library_makes_and_the_same_every_time() {
    if !has_full_archive() {
        return;
    }
    let site = SiteUrl::parse(SITE).unwrap();
    let first = feeds::feeds(&loaded().parsed(), &site);
    assert_eq!(
        first,
        feeds::feeds(&loaded().parsed(), &site),
        "deterministic"
    );
    for (name, bytes) in &first {
        let written = fs::read(built().join("feeds").join(name)).unwrap();
        assert!(written == *bytes, "{name} differs from the library's");
    }
}

#[test]
fn feeds_are_not_part_of_the_bundle() {
    if !has_full_archive() {
        return;
    }
    let manifest = fs::read_to_string(built().join("manifest.json")).unwrap();
    assert!(!manifest.contains("feeds"), "{manifest}");
    assert!(!manifest.contains(".xml"), "{manifest}");
}

#[test]
fn without_a_site_url_no_feeds_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("data");
    let sample = sample_dir();
    let o = twir(&[
        "bundle",
        sample.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.join("manifest.json").is_file());
    assert!(!out.join("feeds").exists(), "feeds need a site URL");

    // --feeds-out alone is a usage error, as is a site URL that is not absolute.
    let o = twir(&[
        "bundle",
        sample.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--feeds-out",
        dir.path().join("f").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("--site-url"), "{}", stderr(&o));
    let o = twir(&[
        "bundle",
        sample.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--site-url",
        "/twir-explorer/",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not absolute"), "{}", stderr(&o));
}

#[test]
fn hostile_archive_text_stays_text() {
    if !has_full_archive() {
        return;
    }
    const HOSTILE: &str = r#"<script>alert("x")</script> & ]]> <b onclick='y'>"#;
    let real = fs::read_to_string(dir().join("2026-08-19-this-week-in-rust.md")).unwrap();
    let replace = |text: String, from: &str, to: &str| {
        assert!(text.contains(from), "the real #665 no longer has {from:?}");
        text.replacen(from, to, 1)
    };
    let text = replace(
        real,
        "Title: This Week in Rust 665",
        &format!("Title: This Week in Rust 665 {HOSTILE}"),
    );
    let text = replace(
        text,
        "* [Experiment in reducing target directory size on nightly]",
        &format!("* [{}]", HOSTILE.replace(']', "\\]")),
    );
    let text = replace(
        text,
        "> ass-bind is peak",
        &format!("> ass-bind is peak {HOSTILE}"),
    );
    let text = replace(
        text,
        "[tokio_with_wasm](https://crates.io/crates/tokio_with_wasm), a crate that",
        &format!(
            "[tokio_with_wasm](https://crates.io/crates/tokio_with_wasm), {HOSTILE} a crate that"
        ),
    );
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("content");
    fs::create_dir(&archive).unwrap();
    fs::write(archive.join("2026-08-19-this-week-in-rust.md"), text).unwrap();
    let out = dir.path().join("data");
    let o = twir(&[
        "bundle",
        archive.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--site-url",
        SITE,
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let feeds = out.join("feeds");
    for entry in fs::read_dir(&feeds).unwrap() {
        let path = entry.unwrap().path();
        let xml = fs::read_to_string(&path).unwrap();
        assert!(
            !xml.to_lowercase().contains("<script") && !xml.contains("<b "),
            "{}: archive markup reached the XML as markup",
            path.display()
        );
        parse(&path);
    }
    let issue = &parse(&feeds.join("issues.xml")).entries[0];
    assert_eq!(
        issue.title.as_ref().unwrap().content,
        format!("This Week in Rust 665 {HOSTILE}"),
        "the title comes back as the same text"
    );
    // A link's title is what the parser made of the markdown (it keeps the text of inline
    // tags): that text, `&` and `]]>` included, comes back unchanged.
    let parsed = twir_cli::archive::Archive::load(&archive).unwrap();
    let title = &parsed.issue(665).unwrap().issue.links[0].title;
    assert!(title.contains("& ]]>"), "{title}");
    let link = &parse(&feeds.join("links-official.xml")).entries[0];
    assert_eq!(&link.title.as_ref().unwrap().content, title);
    // Quotes and crate descriptions are HTML rendered by the sanitiser: no script survives,
    // the rest is escaped text.
    for file in ["quotes.xml", "crates.xml"] {
        let e = &parse(&feeds.join(file)).entries[0];
        let html = e.content.as_ref().unwrap().body.as_deref().unwrap();
        assert!(!html.to_lowercase().contains("<script"), "{file}: {html}");
        assert!(!html.contains("onclick"), "{file}: {html}");
        assert!(html.contains("&amp; ]]&gt;"), "{file}: {html}");
    }
}
