//! The reader's HTML is safe whatever the body says, and the real archive renders whole:
//! hostile bodies lose every active part and keep their text; all 667 archive files render
//! with web links only, unique heading ids, their visible text, and the fast path equal to
//! the fully sanitised reference.

use crate::support;
use std::collections::HashSet;

use pulldown_cmark::{Event, Parser, Tag};
use twir_site::render::{render_body, render_body_reference};

/// A piece of HTML output: text (entities decoded) or a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Text(String),
    Start(String, Vec<(String, String)>),
    End(String),
}

/// Splits HTML as our two writers produce it (quoted attributes, escaped text) into
/// tokens. Written independently of the renderer: it is the test's own reading.
fn tokens(html: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    let mut chars = html.char_indices().peekable();
    let mut text = String::new();
    while let Some((i, c)) = chars.next() {
        if c != '<' {
            text.push(c);
            continue;
        }
        if !text.is_empty() {
            push_text(&mut out, decode(&text));
            text.clear();
        }
        // Read to the closing `>`, skipping quoted values.
        let mut quote: Option<char> = None;
        let mut end = html.len();
        for (j, c) in chars.by_ref() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '>') => {
                    end = j;
                    break;
                }
                _ => {}
            }
        }
        let inner = &html[i + 1..end];
        out.push(parse_tag(inner));
    }
    if !text.is_empty() {
        push_text(&mut out, decode(&text));
    }
    out
}

fn push_text(out: &mut Vec<Token>, text: String) {
    if let Some(Token::Text(last)) = out.last_mut() {
        last.push_str(&text);
    } else {
        out.push(Token::Text(text));
    }
}

fn parse_tag(inner: &str) -> Token {
    if let Some(name) = inner.strip_prefix('/') {
        return Token::End(name.trim().to_ascii_lowercase());
    }
    let inner = inner.trim_end_matches('/').trim_end();
    let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
    let name = inner[..name_end].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut rest = inner[name_end..].trim_start();
    while !rest.is_empty() {
        let key_end = rest
            .find(|c: char| c == '=' || c.is_whitespace())
            .unwrap_or(rest.len());
        let key = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            if let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let body = &after[1..];
                let close = body.find(q).unwrap_or(body.len());
                value = decode(&body[..close]);
                rest = body.get(close + 1..).unwrap_or("").trim_start();
            } else {
                let close = after.find(char::is_whitespace).unwrap_or(after.len());
                value = decode(&after[..close]);
                rest = after[close..].trim_start();
            }
        }
        attrs.push((key, value));
    }
    attrs.sort();
    Token::Start(name, attrs)
}

fn decode(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// The problems of a rendered body: active content, or an attribute that is not allowed.
fn dangers(html: &str) -> Vec<String> {
    // The same list the sanitiser is configured with.
    const ALLOWED: &[&str] = twir_site::render::ALLOWED_TAGS;
    let mut found = Vec::new();
    let lower = html.to_ascii_lowercase();
    for needle in [
        "<script", "<iframe", "<object", "<embed", "<style", "<form", "<svg", "<input",
    ] {
        if lower.contains(needle) {
            found.push(format!("contains {needle}"));
        }
    }
    for token in tokens(html) {
        let (name, attrs) = match token {
            Token::Start(name, attrs) => (name, attrs),
            Token::End(name) if !ALLOWED.contains(&name.as_str()) => {
                found.push(format!("end tag {name}"));
                continue;
            }
            _ => continue,
        };
        if !ALLOWED.contains(&name.as_str()) {
            found.push(format!("tag {name}"));
        }
        for (key, value) in attrs {
            let compact: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            match key.as_str() {
                k if k.starts_with("on") => found.push(format!("{name} {k}")),
                "style" => found.push(format!("{name} style")),
                "class" if !value.is_empty() && value != "anchor" => {
                    found.push(format!("class {value}"))
                }
                "id" if !name.starts_with('h') => found.push(format!("id on {name}")),
                "href" | "src" => {
                    let ok = compact.starts_with("http://")
                        || compact.starts_with("https://")
                        || (key == "href" && compact.starts_with("mailto:"))
                        || (key == "href" && compact.starts_with('#'));
                    if !ok {
                        found.push(format!("{name} {key}={value}"));
                    }
                }
                _ => {}
            }
        }
    }
    found
}

/// The text a reader sees: text nodes and image alt texts.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    for token in tokens(html) {
        match token {
            Token::Text(t) => text.push_str(&t),
            Token::Start(name, attrs) if name == "img" => {
                for (key, value) in attrs {
                    if key == "alt" {
                        text.push_str(&value);
                    }
                }
            }
            _ => {}
        }
    }
    text
}

/// Hostile bodies and a harmless text each must keep.
const HOSTILE: &[(&str, &str)] = &[
    ("Hello <script>alert(1)</script> world", "Hello"),
    (
        "<script>\nalert(1)\n</script>\n\nAfter the block",
        "After the block",
    ),
    ("An image <img src=x onerror=alert(1)> here", "An image"),
    (
        "<img src=\"data:image/svg+xml;base64,PHN2Zz4=\" alt=\"kept alt\">",
        "kept alt",
    ),
    ("![data image](data:image/png;base64,AAAA)", "data image"),
    (
        "<a href=\"javascript:alert(1)\">raw js link</a>",
        "raw js link",
    ),
    ("[md js link](javascript:alert(1))", "md js link"),
    ("[mixed case](JaVaScRiPt:alert(1))", "mixed case"),
    ("[tab entity](java&#x09;script:alert(1))", "tab entity"),
    (
        "[newline entity](java&#10;script:alert(1))",
        "newline entity",
    ),
    (
        "<a href=\"java&#x09;script:alert(1)\">raw tab entity</a>",
        "raw tab entity",
    ),
    (
        "<a href=\" &#14; javascript:alert(1)\">leading control</a>",
        "leading control",
    ),
    (
        "<a href=\"&#106;avascript:alert(1)\">decimal entity</a>",
        "decimal entity",
    ),
    ("[vb](vbscript:msgbox(1))", "vb"),
    (
        "[data link](data:text/html,<script>alert(1)</script>)",
        "data link",
    ),
    (
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">raw data</a>",
        "raw data",
    ),
    (
        "Framed <iframe src=\"https://evil.example\"></iframe> text",
        "Framed",
    ),
    (
        "<svg onload=alert(1)><circle r=1 /></svg> svg text",
        "svg text",
    ),
    (
        "<style>body { display: none }</style>\n\nStyled away",
        "Styled away",
    ),
    (
        "<form action=\"https://evil.example\"><input name=x value=\"typed\"></form> form text",
        "form text",
    ),
    (
        "<object data=\"x.swf\"></object><embed src=\"x.swf\"> plugin text",
        "plugin text",
    ),
    (
        "Unclosed <b onclick=alert(1)>bold <i>and <script>alert(1)",
        "Unclosed",
    ),
    (
        "<div>unclosed div <p onmouseover=\"alert(1)\">para",
        "unclosed div",
    ),
    ("Comment <!-- <script>alert(1)</script> --> after", "after"),
    (
        "<!--\n<script>alert(1)</script>\n-->\n\nAfter comment block",
        "After comment block",
    ),
    (
        "<p style=\"background:url(javascript:alert(1))\">styled para</p>",
        "styled para",
    ),
    (
        "<a href=\"https://ok.example\" onclick=\"alert(1)\" class=\"evil\">ok link</a>",
        "ok link",
    ),
    (
        "<h2 id=\"x\" onclick=\"alert(1)\">raw heading</h2>",
        "raw heading",
    ),
    (
        "<details open ontoggle=alert(1)><summary>sum</summary>details text</details>",
        "details text",
    ),
    (
        "<math><mi xlink:href=\"javascript:alert(1)\">math</mi></math> after math",
        "after math",
    ),
    ("<SCRIPT>alert(1)</SCRIPT> upper", "upper"),
    ("<scr<script>ipt>alert(1)</script> nested", "nested"),
    ("<img src=`javascript:alert(1)`> backtick", "backtick"),
    (
        "<a href=//evil.example/x>protocol relative</a>",
        "protocol relative",
    ),
    (
        "[![img in link](javascript:alert(1))](javascript:alert(2)) trailer",
        "trailer",
    ),
    (
        "<base href=\"https://evil.example/\"><meta http-equiv=refresh content=0> meta",
        "meta",
    ),
    ("# Heading <img src=x onerror=alert(1)>\n\ntext", "Heading"),
];

#[test]
fn hostile_bodies_lose_every_active_part_and_keep_their_text() {
    for (body, keep) in HOSTILE {
        let html = render_body(body).html;
        assert_eq!(dangers(&html), Vec::<String>::new(), "{body}\n=> {html}");
        assert!(text_of(&html).contains(keep), "{body}\n=> {html}");
        // The same holds for the reference path.
        let reference = render_body_reference(body).html;
        assert_eq!(
            dangers(&reference),
            Vec::<String>::new(),
            "{body}\n=> {reference}"
        );
    }
}

#[test]
fn hostile_links_lose_their_href_but_keep_their_text_as_plain_text() {
    let html = render_body("[md js link](javascript:alert(1))").html;
    assert_eq!(
        html,
        "<p><a rel=\"noopener noreferrer\">md js link</a></p>\n"
    );
}

#[test]
fn protocol_relative_links_get_https() {
    let html = render_body("<a href=//evil.example/x>x</a>").html;
    assert!(html.contains("href=\"https://evil.example/x\""), "{html}");
}

/// The bodies of all archive files, by file name.
fn archive() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(support::dir())
        .expect("archive folder")
        .map(|entry| {
            let path = entry.expect("entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).expect("utf-8 file");
            let issue =
                twir_archive::parse::parse_issue(&text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            (name, issue.body)
        })
        .collect();
    files.sort();
    files
}

/// What a reader sees of the markdown: its text and code, as the parser reads it.
fn markdown_text(body: &str) -> (usize, usize) {
    let mut chars = 0;
    let mut headings = 0;
    for event in Parser::new_ext(body, twir_archive::markdown::options()) {
        match event {
            Event::Text(t) | Event::Code(t) => {
                chars += t.chars().filter(|c| !c.is_whitespace()).count()
            }
            Event::Start(Tag::Heading { .. }) => headings += 1,
            _ => {}
        }
    }
    (chars, headings)
}

#[test]
fn every_archive_file_renders_safe_with_unique_ids_and_its_text() {
    if !support::has_full_archive() {
        return;
    }
    let files = archive();
    // `ls content | wc -l`.
    assert_eq!(files.len(), 667);
    let mut with_tables = 0;
    let mut with_small = 0;
    for (name, body) in &files {
        let rendered = render_body(body);
        let html = &rendered.html;
        assert_eq!(dangers(html), Vec::<String>::new(), "{name}");

        let (mut has_table, mut has_small) = (false, false);
        let mut ids = HashSet::new();
        let mut heading_tags = 0;
        for token in tokens(html) {
            if let Token::Start(tag, attrs) = token {
                if let Some((_, id)) = attrs.iter().find(|(k, _)| k == "id") {
                    heading_tags += 1;
                    assert!(ids.insert(id.clone()), "{name}: id {id} twice");
                }
                has_table |= tag == "table";
                has_small |= tag == "small";
            }
        }
        with_tables += usize::from(has_table);
        with_small += usize::from(has_small);
        let (md_chars, md_headings) = markdown_text(body);
        assert_eq!(heading_tags, md_headings, "{name}: every heading has an id");
        for entry in &rendered.toc {
            assert!(ids.contains(&entry.id), "{name}: toc {entry:?}");
            assert!((1..=3).contains(&entry.level));
        }
        // Each heading adds a `#` anchor; unknown tags like `<T>` come back as text.
        let shown = text_of(html).chars().filter(|c| !c.is_whitespace()).count();
        let shown = shown - heading_tags;
        assert!(
            shown * 100 >= md_chars * 99,
            "{name}: {shown} visible characters of {md_chars}"
        );
    }
    // `grep -l '^|:---' content/* | wc -l`: 122 files with a (perf triage) table;
    // `grep -l '<small>' content/* | wc -l`: 418 files with a `<small>` footer.
    assert_eq!(with_tables, 122);
    assert_eq!(with_small, 418);
}

#[test]
fn fast_path_equals_the_fully_sanitised_reference_on_every_archive_file() {
    if !support::has_full_archive() {
        return;
    }
    for (name, body) in archive() {
        let fast = tokens(&render_body(&body).html);
        let reference = tokens(&render_body_reference(&body).html);
        if fast != reference {
            let at = fast
                .iter()
                .zip(&reference)
                .position(|(a, b)| a != b)
                .unwrap_or(fast.len().min(reference.len()));
            panic!(
                "{name}: first difference at token {at}: {:?} vs {:?}",
                fast.get(at.saturating_sub(1)..at + 2),
                reference.get(at.saturating_sub(1)..at + 2)
            );
        }
    }
}
