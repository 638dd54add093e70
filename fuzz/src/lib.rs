//! The fuzz targets' bodies, one function per target, shared by the AFL++ entry points
//! (`src/bin/fuzz_*.rs`), the `replay` tool and the seed tests.
//!
//! Each function takes the fuzzer's bytes and panics only when the code under test breaks
//! a rule: a panic inside the code under test, or a violated invariant checked here. An
//! input that the code refuses with an error is a pass.

use std::cell::RefCell;
use std::sync::{Arc, LazyLock};

use twir_archive::bundle::widget::{QuoteChunk, WidgetCrate, WidgetIssue, WidgetQuotes};
use twir_archive::bundle::{
    CrateColumns, EventColumns, Index, LinkColumns, Manifest, OtherColumns, QuoteColumns, Records,
    RenderedBody, UpdateColumns,
};
use twir_search::{highlight, parse_query, Filter, IndexBuilder, Kind, SearchIndex};

/// A target's body.
pub type Target = fn(&[u8]);

/// The targets, by name: what `replay` and `scripts/fuzz` accept.
pub const TARGETS: [(&str, Target); 5] = [
    ("parse_issue", parse_issue),
    ("render", render),
    ("bundle", bundle),
    ("search", search),
    ("query", query),
];

/// The target of that name.
pub fn target(name: &str) -> Option<Target> {
    TARGETS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// Separates the parts of a multi-part input (`bundle` files for `search`, a query and an
/// index for `search`).
pub const SEPARATOR: &[u8] = b"\n=====\n";

fn split_parts(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(at) = rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
        parts.push(&rest[..at]);
        rest = &rest[at + SEPARATOR.len()..];
    }
    parts.push(rest);
    parts
}

// ---------------------------------------------------------------------------------------
// The build step.

/// `parse_issue`: one archive file's text through the parser, as `twir bundle` reads it
/// (the bytes as UTF-8 with replacement characters, like a file read from disk), then its
/// bundle and rendered body.
pub fn parse_issue(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(issue) = twir_archive::parse::parse_issue(&text) {
        // Every record goes into the bundle's columns, and the columns decode back.
        let files = twir_site::bundle::Bundle::markdown(&[&issue]).to_files();
        for (path, bytes) in &files {
            decode_bundle_file(path, bytes)
                .unwrap_or_else(|e| panic!("{path} of a parsed issue does not decode: {e}"));
        }
    }
}

/// `render`: markdown through the reader's renderer, with the invariants on its HTML.
pub fn render(data: &[u8]) {
    let markdown = String::from_utf8_lossy(data);
    let body = twir_site::render::render_body(&markdown);
    check_rendered_html(&body.html);
    for entry in &body.toc {
        assert!(
            body.html.contains(&format!(" id=\"{}\"", entry.id)),
            "table-of-contents entry {:?} has no heading in the HTML",
            entry.id
        );
    }
    // The reference path (every block through the sanitiser, the body as one piece) obeys
    // the same rules. Its HTML is not compared with the fast path's: they differ by design
    // when a block leaves an element open (`<small>`, `<style>`), which the fast path closes
    // at the end of the block and the reference carries into the blocks after it.
    check_rendered_html(&twir_site::render::render_body_reference(&markdown).html);
}

/// The rendered HTML's invariants:
/// - every `href` and `src` is an `http:`, `https:` or `mailto:` URL or a `#fragment`, as a
///   browser reads the attribute (entities decoded, tabs and newlines removed, surrounding
///   spaces and control characters trimmed, scheme in any case);
/// - no other attribute that holds a URL or a script (`on…`, `action`, `srcset`, `style`…);
/// - a second pass of the sanitiser changes nothing (heading ids aside: the sanitiser keeps
///   only the ids the renderer generated for that pass).
pub fn check_rendered_html(html: &str) {
    let read = pieces(html);
    for piece in &read {
        let Piece::Start(tag, attrs) = piece else {
            continue;
        };
        assert!(
            !matches!(
                tag.as_str(),
                "script" | "style" | "iframe" | "object" | "embed" | "form" | "base" | "meta"
            ),
            "the HTML has a <{tag}> tag"
        );
        for (name, value) in attrs {
            match name.as_str() {
                "href" | "src" => assert!(
                    is_allowed_url(value),
                    "<{tag} {name}={value:?}> is not an http(s), mailto or #fragment URL"
                ),
                "id" | "class" | "title" | "alt" | "aria-label" | "rel" | "start" | "colspan"
                | "rowspan" | "open" | "loading" => {}
                other => panic!("<{tag}> has the attribute {other:?}={value:?}"),
            }
        }
    }
    let again = twir_site::render::sanitizer().clean(html).to_string();
    assert_eq!(
        pieces(&again),
        without_heading_ids(read),
        "a second sanitiser pass changes the HTML {html:?}"
    );
}

fn is_allowed_url(value: &str) -> bool {
    let cleaned: String = value
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c <= ' ');
    let lower = trimmed.to_ascii_lowercase();
    // By scheme, as the browser resolves it: `https:host/path` is an https URL too.
    lower.starts_with("http:")
        || lower.starts_with("https:")
        || lower.starts_with("mailto:")
        || lower.starts_with('#')
}

/// A piece of HTML as the browser's tokenizer reads it: entities decoded, attributes sorted,
/// adjacent text joined, `<br />` and `<br>` alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Start(String, Vec<(String, String)>),
    End(String),
    Text(String),
    Comment(String),
}

/// `html` as [`Piece`]s, read by the HTML5 tokenizer in its data state (without a tree
/// builder, it never switches to raw text inside `<script>` or `<textarea>`, so it sees at
/// least every tag that a browser's parser sees).
pub fn pieces(html: &str) -> Vec<Piece> {
    use html5ever::tokenizer::{
        BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
    };
    use html5ever::TokenizerResult;
    struct Sink(RefCell<Vec<Piece>>);
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let mut out = self.0.borrow_mut();
            let text = |out: &mut Vec<Piece>, t: &str| match out.last_mut() {
                Some(Piece::Text(s)) => s.push_str(t),
                _ => out.push(Piece::Text(t.to_string())),
            };
            match token {
                Token::TagToken(tag) => {
                    let name = tag.name.to_string();
                    if tag.kind == TagKind::StartTag {
                        let mut attrs: Vec<(String, String)> = tag
                            .attrs
                            .iter()
                            .map(|a| (a.name.local.to_string(), a.value.to_string()))
                            .collect();
                        attrs.sort();
                        out.push(Piece::Start(name, attrs));
                    } else {
                        out.push(Piece::End(name));
                    }
                }
                Token::CharacterTokens(t) => text(&mut out, &t),
                // A browser drops a NUL in text (a parse error, ignored in the body).
                Token::NullCharacterToken => {}
                Token::CommentToken(c) => out.push(Piece::Comment(c.to_string())),
                Token::DoctypeToken(d) => out.push(Piece::Comment(format!("{d:?}"))),
                Token::EOFToken | Token::ParseError(_) => {}
            }
            TokenSinkResult::Continue
        }
    }
    let input = BufferQueue::default();
    input.push_back(html.into());
    let tokenizer = Tokenizer::new(Sink(RefCell::new(Vec::new())), Default::default());
    while let TokenizerResult::Script(()) = tokenizer.feed(&input) {}
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// [`pieces`] without the `id` of headings, which only the renderer's own pass keeps.
fn without_heading_ids(mut pieces: Vec<Piece>) -> Vec<Piece> {
    for piece in &mut pieces {
        if let Piece::Start(name, attrs) = piece {
            if matches!(name.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
                attrs.retain(|(a, _)| a != "id");
            }
        }
    }
    pieces
}

// ---------------------------------------------------------------------------------------
// The bundle.

/// The bundle's decoders by file kind (the file name up to its first `.`, with a trailing
/// `-N` dropped), each through to the rows the app uses. `Err` is a refused file.
pub fn decode_bundle_file(path: &str, bytes: &[u8]) -> Result<(), String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or("");
    let kind = if path.starts_with("issues/") || path.starts_with("posts/") {
        if !path.ends_with(".json") {
            return Ok(()); // a markdown body: text, nothing to decode
        }
        "body"
    } else {
        stem.trim_end_matches(|c: char| c.is_ascii_digit())
            .trim_end_matches('-')
    };
    decode_kind(kind, bytes)
}

/// The decoder of a file kind ([`BUNDLE_KINDS`]) through to rows.
pub fn decode_kind(kind: &str, bytes: &[u8]) -> Result<(), String> {
    let e = |e: twir_archive::bundle::BundleError| e.to_string();
    match kind {
        "manifest" => drop(Manifest::from_json(bytes).map_err(e)?),
        "index" => drop(Index::from_json(bytes).map_err(e)?.issues().count()),
        "links" => drop(
            LinkColumns::from_json(bytes)
                .map_err(e)?
                .into_rows()
                .map_err(e)?,
        ),
        "crates" => drop(CrateColumns::from_json(bytes).map_err(e)?.into_rows()),
        "quotes" => drop(QuoteColumns::from_json(bytes).map_err(e)?.into_rows()),
        "events" => drop(
            EventColumns::from_json(bytes)
                .map_err(e)?
                .into_rows()
                .map_err(e)?,
        ),
        "updates" => drop(
            UpdateColumns::from_json(bytes)
                .map_err(e)?
                .into_rows()
                .map_err(e)?,
        ),
        "others" => drop(
            OtherColumns::from_json(bytes)
                .map_err(e)?
                .rows()
                .map_err(e)?,
        ),
        "widget-crate" => drop(WidgetCrate::from_json(bytes).map_err(e)?),
        "widget-quote" => drop(WidgetQuotes::from_json(bytes).map_err(e)?),
        "quotes-widget" => drop(QuoteChunk::from_json(bytes).map_err(e)?),
        "widget-issue" => drop(WidgetIssue::from_json(bytes).map_err(e)?),
        "body" => drop(serde_json::from_slice::<RenderedBody>(bytes).map_err(|e| e.to_string())?),
        _ => return Err(format!("no decoder for {kind}")),
    }
    Ok(())
}

/// The file kinds of [`decode_kind`], in the order of the `bundle` target's first byte.
pub const BUNDLE_KINDS: [&str; 13] = [
    "manifest",
    "index",
    "links",
    "crates",
    "quotes",
    "events",
    "updates",
    "others",
    "widget-crate",
    "widget-quote",
    "quotes-widget",
    "widget-issue",
    "body",
];

/// `bundle`: the first byte picks a decoder ([`BUNDLE_KINDS`], modulo its length), the rest
/// is the file. Any bytes are decoded to rows or refused with a `BundleError`.
pub fn bundle(data: &[u8]) {
    let Some((&which, file)) = data.split_first() else {
        return;
    };
    let _ = decode_kind(BUNDLE_KINDS[usize::from(which) % BUNDLE_KINDS.len()], file);
}

// ---------------------------------------------------------------------------------------
// Search.

/// `search`: the first byte picks what is decoded.
/// - even: the rest is `query SEPARATOR bytes`, the bytes a [`SearchIndex::to_bytes`]
///   image: whatever [`SearchIndex::from_bytes`] accepts must answer the query;
/// - odd: the rest is `index SEPARATOR links SEPARATOR crates SEPARATOR quotes SEPARATOR
///   events SEPARATOR updates`, bundle files: the app's path from the decoded files to a
///   search index, then a query (a file that does not decode counts as empty).
pub fn search(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else {
        return;
    };
    if which % 2 == 0 {
        let (query, image) = match rest.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
            Some(at) => (&rest[..at], &rest[at + SEPARATOR.len()..]),
            None => (&b"rust"[..], rest),
        };
        if let Some(index) = SearchIndex::from_bytes(image) {
            run_query(&index, &String::from_utf8_lossy(query));
        }
        return;
    }
    let parts = split_parts(rest);
    let part = |i: usize| parts.get(i).copied().unwrap_or(b"");
    let Ok(index) = Index::from_json(part(0)) else {
        return;
    };
    let links = LinkColumns::from_json(part(1))
        .ok()
        .and_then(|c| c.into_rows().ok())
        .unwrap_or_default();
    let crates = CrateColumns::from_json(part(2))
        .map(|c| c.into_rows())
        .unwrap_or_default();
    let quotes = QuoteColumns::from_json(part(3))
        .map(|c| c.into_rows())
        .unwrap_or_default();
    let events = EventColumns::from_json(part(4))
        .ok()
        .and_then(|c| c.into_rows().ok())
        .unwrap_or_default();
    let updates = UpdateColumns::from_json(part(5))
        .ok()
        .and_then(|c| c.into_rows().ok())
        .unwrap_or_default();
    let records = Records {
        index: Arc::new(index),
        links: Arc::new(links),
        crates: Arc::new(crates),
        quotes: Arc::new(quotes),
        events: Arc::new(events),
        updates: Arc::new(updates),
    };
    let built = IndexBuilder::build(&records);
    run_query(&built, "rust async");
    // The index's byte image reads back and answers the same.
    let back = SearchIndex::from_bytes(&built.to_bytes()).expect("an index's image reads back");
    assert_eq!(
        back.search(&parse_query("rust async"), &Filter::default(), 20)
            .hits
            .len(),
        built
            .search(&parse_query("rust async"), &Filter::default(), 20)
            .hits
            .len()
    );
}

fn run_query(index: &SearchIndex, text: &str) {
    let q = parse_query(text);
    let results = index.search(&q, &Filter::default(), 50);
    assert!(results.hits.len() <= 50);
    assert!(results.hits.len() as u64 <= u64::from(results.total));
    for hit in &results.hits {
        assert!((hit.record as usize) < index.records().len());
        let _ = index.hit_terms(hit.record, &results.highlighter);
    }
}

/// The sample archive (`archive/`) compiled and indexed once, for `query`.
static SAMPLE: LazyLock<SampleIndex> = LazyLock::new(SampleIndex::build);

/// The search index of the sample archive, with the texts its records point to.
pub struct SampleIndex {
    pub index: SearchIndex,
    /// Each link's title, by row.
    titles: Vec<String>,
}

/// The sample archive's files, built into the binary so that a target needs no files.
pub const SAMPLE_ARCHIVE: [&str; 5] = [
    include_str!("../../archive/000_549cfd427d09cf91.txt"),
    include_str!("../../archive/001_4617adc33c20daef.txt"),
    include_str!("../../archive/002_d4bedbdc5aaa2816.txt"),
    include_str!("../../archive/003_a7224cf5cd8a9145.txt"),
    include_str!("../../archive/004_6512093a7a3bdcd2.txt"),
];

/// The sample archive's bundle files, as `twir bundle` writes them (markdown bodies).
pub fn sample_bundle() -> Vec<(String, Vec<u8>)> {
    let parsed: Vec<_> = SAMPLE_ARCHIVE
        .iter()
        .map(|text| twir_archive::parse::parse_issue(text).expect("a sample issue parses"))
        .collect();
    let refs: Vec<_> = parsed.iter().collect();
    twir_site::bundle::Bundle::markdown(&refs).to_files()
}

/// The file of `files` whose name starts with `kind.`.
pub fn bundle_file<'a>(files: &'a [(String, Vec<u8>)], kind: &str) -> &'a [u8] {
    files
        .iter()
        .find(|(p, _)| p.starts_with(&format!("{kind}.")))
        .map_or(&[][..], |(_, b)| b.as_slice())
}

/// The search index of a bundle's files (`kind.hash.json`), built as the app builds it.
pub fn index_of(files: &[(String, Vec<u8>)]) -> SearchIndex {
    let file = |kind| bundle_file(files, kind);
    let index = Index::from_json(file("index")).expect("index");
    let (links, crates, quotes, events, updates) = rows_of(files);
    IndexBuilder::build(&Records {
        index: Arc::new(index),
        links: Arc::new(links),
        crates: Arc::new(crates),
        quotes: Arc::new(quotes),
        events: Arc::new(events),
        updates: Arc::new(updates),
    })
}

type Rows = (
    Vec<twir_archive::bundle::LinkRow>,
    Vec<twir_archive::bundle::CrateRow>,
    Vec<twir_archive::bundle::QuoteRow>,
    Vec<twir_archive::bundle::EventRow>,
    Vec<twir_archive::bundle::UpdateRow>,
);

fn rows_of(files: &[(String, Vec<u8>)]) -> Rows {
    let file = |kind| bundle_file(files, kind);
    (
        LinkColumns::from_json(file("links"))
            .and_then(|c| c.into_rows())
            .expect("links"),
        CrateColumns::from_json(file("crates"))
            .expect("crates")
            .into_rows(),
        QuoteColumns::from_json(file("quotes"))
            .expect("quotes")
            .into_rows(),
        EventColumns::from_json(file("events"))
            .and_then(|c| c.into_rows())
            .expect("events"),
        UpdateColumns::from_json(file("updates"))
            .and_then(|c| c.into_rows())
            .expect("updates"),
    )
}

impl SampleIndex {
    fn build() -> SampleIndex {
        let files = sample_bundle();
        let links = rows_of(&files).0;
        SampleIndex {
            index: index_of(&files),
            titles: links.iter().map(|l| l.title.clone()).collect(),
        }
    }
}

/// `query`: the bytes as a query typed into the search box, against the sample archive's
/// index, with every filter scope; the highlighter then marks the hits' titles.
pub fn query(data: &[u8]) {
    let sample = &*SAMPLE;
    let text = String::from_utf8_lossy(data);
    let q = parse_query(&text);
    let results = sample.index.search(&q, &Filter::default(), 20);
    assert!(results.hits.len() as u64 <= u64::from(results.total));
    assert_eq!(
        results.counts.iter().map(|&c| u64::from(c)).sum::<u64>(),
        u64::from(results.total),
        "counts by kind add up to the total"
    );
    for hit in &results.hits {
        let record = sample.index.record(hit.record);
        let _ = sample.index.hit_terms(hit.record, &results.highlighter);
        if record.kind != Kind::Link {
            continue;
        }
        if let Some(title) = sample.titles.get(record.row as usize) {
            let pieces = highlight(title, &results.highlighter);
            // The pieces cover the text, in order, on character boundaries.
            let mut at = 0;
            for (range, _) in &pieces {
                assert_eq!(range.start, at, "highlight pieces are contiguous");
                assert!(title.is_char_boundary(range.end));
                at = range.end;
            }
            assert!(pieces.is_empty() || at == title.len());
        }
    }
    // The same text typed one character at a time (the search box's keystrokes).
    for (i, _) in text.char_indices().skip(1).take(64) {
        let _ = sample
            .index
            .search(&parse_query(&text[..i]), &Filter::default(), 5);
    }
}
