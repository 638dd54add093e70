//! The one place that owns the markdown parser: pulldown-cmark's event stream turned into a
//! flat list of blocks (headings, paragraphs, lists with nested items, quotes, ...), each
//! with its line number and source range. Section parsers read these blocks, never the raw
//! text line by line, so wrapped lines, reference-style links and nesting are handled once.

use pulldown_cmark::{CowStr, Event, OffsetIter, Options, Parser, Tag, TagEnd};
use std::collections::VecDeque;
use std::ops::Range;

use crate::diagnostic::Diagnostic;

/// The parser options used everywhere in the project.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// How deep markdown may nest (block quotes, lists, and emphasis, links and the like inside
/// them, all counted), and, separately, how deep the raw HTML of one top-level block may
/// nest. Deeper content is shown as the text it is, with a warning ([`CappedEvents`]).
///
/// The deepest nesting in the real archive (667 files) is 7 for markdown and 2 for raw
/// HTML (`tests/it/nesting_full_archive.rs` checks that it stays under a quarter of the cap).
/// 32 leaves room for any real document, and keeps every tree built from the events
/// shallow: [`Block`] and [`ListItem`] are recursive, and dropping or walking a tree
/// 100,000 levels deep would overflow the stack. html5ever, the sanitiser's parser, spends
/// time proportional to the depth on each tag, so the cap also keeps it linear.
pub const MAX_NESTING: usize = 32;

/// How many raw-HTML start tags one document may hold; later tags are left out, with a
/// warning. The real archive has at most 28 in a file. html5ever, the sanitiser's parser,
/// builds an element for each at a cost of some thousand instructions (ten times that of
/// text), so a file of tags alone, such as a 1 MB line of `<b>x</b>`, would take the
/// sanitiser far longer than any other file of its size.
pub const MAX_HTML_TAGS: usize = 4096;

/// What [`CappedEvents`] cut at the nesting cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CutKind {
    /// Markdown nested deeper than [`MAX_NESTING`]: its source became text.
    Markdown,
    /// Raw HTML nested deeper than [`MAX_NESTING`]: its deeper tags became text.
    Html,
    /// More raw-HTML start tags than [`MAX_HTML_TAGS`] in the document: the later tags were
    /// left out.
    HtmlTags,
}

/// A place where [`CappedEvents`] cut the document (at most one of each nesting kind per
/// top-level block, and one [`CutKind::HtmlTags`] in all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cut {
    pub kind: CutKind,
    /// Byte offset in the parsed text.
    pub offset: usize,
}

impl Cut {
    /// The warning for this cut, on `line` of the file.
    pub fn diagnostic(&self, line: usize) -> Diagnostic {
        match self.kind {
            CutKind::Markdown => Diagnostic::warning(
                line,
                format!(
                    "block quotes, lists or emphasis are nested more than {MAX_NESTING} deep here"
                ),
                "nest them less deeply; the deeper part is shown as plain text",
            ),
            CutKind::Html => Diagnostic::warning(
                line,
                format!("raw HTML is nested more than {MAX_NESTING} elements deep here"),
                "close the elements, or nest them less deeply; the deeper tags are shown as text",
            ),
            CutKind::HtmlTags => Diagnostic::warning(
                line,
                format!("raw HTML has more than {MAX_HTML_TAGS} start tags in this file; the tags from here on are left out"),
                "write the content in markdown; the text between the later tags is kept",
            ),
        }
    }
}

/// The parser's events (with their source ranges), nesting capped at [`MAX_NESTING`]: the
/// one event stream that both the record parser ([`parse_blocks`]) and the reader's
/// renderer read, so that they agree on what a capped document holds.
///
/// - A markdown element that would open deeper than the cap is replaced by its source, as
///   text (in a paragraph, if it is a block), and nothing inside it is passed on.
/// - In raw HTML, a start tag that would open deeper than the cap in its top-level block
///   has its `<` written as `&lt;`, so that it is text to any HTML parser. The count is an
///   upper bound on what html5ever keeps open: void elements do not count, an end tag
///   closes only an element it matches, and a formatting element (`<b>`, `<a>`, ...) stays
///   counted until its own end tag, as html5ever reopens it after other end tags.
/// - In raw HTML, every tag (start or end) after the first [`MAX_HTML_TAGS`] start tags of
///   the document is left out; the text between the tags stays.
///
/// Both cost constant work per event and per byte, so the stream stays linear in the text.
pub struct CappedEvents<'a> {
    text: &'a str,
    inner: OffsetIter<'a>,
    /// Open tags passed on.
    depth: usize,
    /// While the events inside a cut element are skipped: how many of its tags are open.
    skip: usize,
    html: HtmlNesting,
    queued: VecDeque<(Event<'a>, Range<usize>)>,
    cuts: Vec<Cut>,
    /// Whether the current top-level block has had a cut of each kind.
    cut_markdown: bool,
    cut_html: bool,
    /// Whether the document has had its [`CutKind::HtmlTags`] cut.
    cut_html_tags: bool,
    max_depth: usize,
    max_html_depth: usize,
}

impl<'a> CappedEvents<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            inner: Parser::new_ext(text, options()).into_offset_iter(),
            depth: 0,
            skip: 0,
            html: HtmlNesting::default(),
            queued: VecDeque::new(),
            cuts: Vec::new(),
            cut_markdown: false,
            cut_html: false,
            cut_html_tags: false,
            max_depth: 0,
            max_html_depth: 0,
        }
    }

    /// Where the document was cut, in document order.
    pub fn cuts(&self) -> &[Cut] {
        &self.cuts
    }

    /// The deepest markdown nesting and raw-HTML nesting seen (at most the cap).
    pub fn max_depths(&self) -> (usize, usize) {
        (self.max_depth, self.max_html_depth)
    }

    fn cut(&mut self, kind: CutKind, offset: usize) {
        let seen = match kind {
            CutKind::Markdown => &mut self.cut_markdown,
            CutKind::Html => &mut self.cut_html,
            CutKind::HtmlTags => &mut self.cut_html_tags,
        };
        if !*seen {
            *seen = true;
            self.cuts.push(Cut { kind, offset });
        }
    }

    /// After [`HtmlNesting::cap`] changed tags: the cuts it made, by why it made them.
    fn cut_html_kinds(&mut self, offset: usize) {
        let (deep, many) = self.html.escaped;
        if deep {
            self.cut(CutKind::Html, offset);
        }
        if many {
            self.cut(CutKind::HtmlTags, offset);
        }
    }

    fn next_event(&mut self) -> Option<(Event<'a>, Range<usize>)> {
        loop {
            let (event, range) = self.inner.next()?;
            if self.skip > 0 {
                match event {
                    Event::Start(_) => self.skip += 1,
                    Event::End(_) => self.skip -= 1,
                    _ => {}
                }
                if self.skip == 0 {
                    self.end_of(&range);
                }
                continue;
            }
            match event {
                Event::Start(tag) => {
                    if self.depth >= MAX_NESTING && can_cut(&tag) {
                        self.cut(CutKind::Markdown, range.start);
                        self.skip = 1;
                        let source = self.text.get(range.clone()).unwrap_or("").trim_end();
                        let text = Event::Text(CowStr::Borrowed(source));
                        if is_block(&tag) {
                            self.queued
                                .push_back((Event::Start(Tag::Paragraph), range.clone()));
                            self.queued.push_back((text, range.clone()));
                            self.queued
                                .push_back((Event::End(TagEnd::Paragraph), range.clone()));
                        } else {
                            self.queued.push_back((text, range.clone()));
                        }
                        return self.queued.pop_front();
                    }
                    self.depth += 1;
                    self.max_depth = self.max_depth.max(self.depth);
                    return Some((Event::Start(tag), range));
                }
                Event::End(tag) => {
                    self.depth = self.depth.saturating_sub(1);
                    self.end_of(&range);
                    return Some((Event::End(tag), range));
                }
                Event::Html(html) => {
                    let event = match self.html.cap(&html) {
                        Some(capped) => {
                            self.cut_html_kinds(range.start);
                            Event::Html(capped.into())
                        }
                        None => Event::Html(html),
                    };
                    self.max_html_depth = self.max_html_depth.max(self.html.max_open);
                    return Some((event, range));
                }
                Event::InlineHtml(html) => {
                    let event = match self.html.cap(&html) {
                        Some(capped) => {
                            self.cut_html_kinds(range.start);
                            if capped.trim().is_empty() {
                                continue; // a tag left out
                            }
                            Event::Text(html)
                        }
                        None => Event::InlineHtml(html),
                    };
                    self.max_html_depth = self.max_html_depth.max(self.html.max_open);
                    return Some((event, range));
                }
                event => return Some((event, range)),
            }
        }
    }

    /// After an end tag: a top-level block ends when nothing is open any more.
    fn end_of(&mut self, _range: &Range<usize>) {
        if self.depth == 0 && self.skip == 0 {
            self.html.open.clear();
            self.cut_markdown = false;
            self.cut_html = false;
        }
    }
}

impl<'a> Iterator for CappedEvents<'a> {
    type Item = (Event<'a>, Range<usize>);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(queued) = self.queued.pop_front() {
            return Some(queued);
        }
        self.next_event()
    }
}

/// Whether a tag can be replaced by its source: not one that only makes sense inside its
/// parent (a list item, a table's rows and cells), which goes with its parent instead.
fn can_cut(tag: &Tag<'_>) -> bool {
    !matches!(
        tag,
        Tag::Item
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
    )
}

/// Whether a tag is a block, whose source as text goes into a paragraph of its own.
fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::MetadataBlock(_)
    )
}

/// The elements of raw HTML open in the current top-level block, as far as a scan of its
/// tags can tell (see [`CappedEvents`]); never more than [`MAX_NESTING`].
#[derive(Default)]
struct HtmlNesting {
    open: Vec<String>,
    max_open: usize,
    /// Start tags passed on in the whole document.
    tags: usize,
    /// What the last [`Self::cap`] changed tags for: (escaped, too deep; left out, too many).
    escaped: (bool, bool),
}

/// Elements without content: they never nest.
const VOID_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Elements that html5ever keeps in its list of active formatting elements, and reopens
/// after other elements' end tags.
const FORMATTING_ELEMENTS: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

impl HtmlNesting {
    /// `html` with the `<` of every start tag that would open deeper than the cap written
    /// as `&lt;`, and every tag after the document's first [`MAX_HTML_TAGS`] start tags left
    /// out; `None` if it had no such tag.
    fn cap(&mut self, html: &str) -> Option<String> {
        let bytes = html.as_bytes();
        let mut out: Option<String> = None;
        // Bytes of `html` before `copied` are in `out` already.
        let mut copied = 0;
        let mut i = 0;
        self.escaped = (false, false);
        while let Some(found) = bytes
            .get(i..)
            .and_then(|b| b.iter().position(|&c| c == b'<'))
        {
            let lt = i + found;
            let rest = &bytes[lt + 1..];
            i = lt + 1;
            if rest.starts_with(b"!--") {
                i = find_from(html, lt + 4, "-->").map_or(bytes.len(), |e| e + 3);
            } else if rest.first().is_some_and(|&c| c == b'!' || c == b'?') {
                i = find_from(html, lt + 1, ">").map_or(bytes.len(), |e| e + 1);
            } else if rest.first() == Some(&b'/') {
                let (name, after) = tag_name(html, lt + 2);
                i = find_from(html, after, ">").map_or(bytes.len(), |e| e + 1);
                if self.tags >= MAX_HTML_TAGS {
                    self.escaped.1 = true;
                    splice(&mut out, html, &mut copied, lt..i, "");
                } else {
                    self.close(&name);
                }
            } else if rest.first().is_some_and(u8::is_ascii_alphabetic) {
                let (name, after) = tag_name(html, lt + 1);
                i = tag_end(bytes, after);
                let void = VOID_ELEMENTS.contains(&name.as_str());
                if self.tags >= MAX_HTML_TAGS {
                    // Left out, not escaped: as text, each `&lt;` would cost html5ever more
                    // than the element did.
                    self.escaped.1 = true;
                    splice(&mut out, html, &mut copied, lt..i, "");
                } else if !void && self.open.len() >= MAX_NESTING {
                    // A void element never nests.
                    self.escaped.0 = true;
                    splice(&mut out, html, &mut copied, lt..lt + 1, "&lt;");
                } else {
                    self.tags += 1;
                    if !void {
                        self.open.push(name);
                        self.max_open = self.max_open.max(self.open.len());
                    }
                }
            }
        }
        out.map(|mut out| {
            out.push_str(html.get(copied..).unwrap_or(""));
            out
        })
    }

    /// An end tag: closes the innermost open element of that name, and the elements opened
    /// after it, except formatting elements (html5ever reopens those).
    fn close(&mut self, name: &str) {
        let Some(at) = self.open.iter().rposition(|open| open == name) else {
            return; // a stray end tag: ignored, as by an HTML parser
        };
        if FORMATTING_ELEMENTS.contains(&name) {
            self.open.remove(at);
        } else {
            let above = self.open.split_off(at);
            self.open.extend(
                above
                    .into_iter()
                    .skip(1)
                    .filter(|n| FORMATTING_ELEMENTS.contains(&n.as_str())),
            );
        }
    }
}

/// Writes `with` in place of `html[range]` in `out` (started on the first call), copying the
/// text between `copied` and the range first; `copied` moves past the range.
fn splice(
    out: &mut Option<String>,
    html: &str,
    copied: &mut usize,
    range: Range<usize>,
    with: &str,
) {
    let out = out.get_or_insert_with(|| String::with_capacity(html.len() + 16));
    out.push_str(html.get(*copied..range.start).unwrap_or(""));
    out.push_str(with);
    *copied = range.end;
}

/// The offset of `pattern` in `text` at or after `from`.
fn find_from(text: &str, from: usize, pattern: &str) -> Option<usize> {
    text.get(from..)?.find(pattern).map(|i| i + from)
}

/// The lower-cased tag name starting at `start`, and the offset after it.
fn tag_name(text: &str, start: usize) -> (String, usize) {
    let bytes = text.as_bytes();
    let mut end = start;
    while bytes
        .get(end)
        .is_some_and(|&c| !c.is_ascii_whitespace() && c != b'/' && c != b'>')
    {
        end += 1;
    }
    let name = text.get(start..end).unwrap_or("").to_ascii_lowercase();
    (name, end)
}

/// The offset after the `>` that ends a start tag whose attributes begin at `from`
/// (quoted attribute values may hold `>`), or the end of the text.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    let mut after_equals = false;
    while let Some(&c) = bytes.get(i) {
        match c {
            b'>' => return i + 1,
            b'=' => after_equals = true,
            b'"' | b'\'' if after_equals => {
                let close = bytes
                    .get(i + 1..)
                    .and_then(|b| b.iter().position(|&q| q == c))
                    .map_or(bytes.len(), |p| i + 1 + p);
                i = close;
                after_equals = false;
            }
            c if c.is_ascii_whitespace() => {}
            _ => after_equals = false,
        }
        i += 1;
    }
    bytes.len()
}

/// Inline content as plain text, with the links inside it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inline {
    /// The text as a reader sees it: markup removed, link texts kept, breaks as spaces.
    pub text: String,
    /// Links, in order, with their range in `text`.
    pub links: Vec<LinkSpan>,
    /// Ranges of `text` that were strong (`**…**`).
    pub strong: Vec<Range<usize>>,
}

/// A link inside inline content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSpan {
    pub url: String,
    /// The link's text, as a range of the containing `Inline::text`.
    pub range: Range<usize>,
}

impl Inline {
    /// The text of a link.
    pub fn link_text(&self, link: &LinkSpan) -> &str {
        self.text.get(link.range.clone()).unwrap_or("")
    }

    /// The text before the first link (or all of it, if there is none).
    pub fn before_first_link(&self) -> &str {
        match self.links.first() {
            Some(l) => self.text.get(..l.range.start).unwrap_or(""),
            None => &self.text,
        }
    }

    /// Drops trailing white space, keeping link and strong ranges inside the text.
    fn trim_end(&mut self) {
        let len = self.text.trim_end().len();
        self.text.truncate(len);
        for r in self
            .links
            .iter_mut()
            .map(|l| &mut l.range)
            .chain(self.strong.iter_mut())
        {
            r.end = r.end.min(len);
            r.start = r.start.min(r.end);
        }
    }

    fn push_text(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn separate(&mut self, sep: &str) {
        if !self.text.is_empty() && !self.text.ends_with(char::is_whitespace) {
            self.text.push_str(sep);
        }
    }
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading {
        level: u8,
        inline: Inline,
        line: usize,
        source: Range<usize>,
    },
    Paragraph {
        inline: Inline,
        line: usize,
        source: Range<usize>,
    },
    List {
        items: Vec<ListItem>,
        line: usize,
        source: Range<usize>,
    },
    /// A blockquote and the blocks inside it.
    Quote {
        blocks: Vec<Block>,
        line: usize,
        source: Range<usize>,
    },
    Code {
        text: String,
        line: usize,
        source: Range<usize>,
    },
    Html {
        html: String,
        line: usize,
        source: Range<usize>,
    },
    Table {
        line: usize,
        source: Range<usize>,
    },
    Rule {
        line: usize,
        source: Range<usize>,
    },
}

impl Block {
    /// 1-based line number in the file.
    pub fn line(&self) -> usize {
        match self {
            Block::Heading { line, .. }
            | Block::Paragraph { line, .. }
            | Block::List { line, .. }
            | Block::Quote { line, .. }
            | Block::Code { line, .. }
            | Block::Html { line, .. }
            | Block::Table { line, .. }
            | Block::Rule { line, .. } => *line,
        }
    }

    /// Byte range of the block in the parsed text.
    pub fn source(&self) -> Range<usize> {
        match self {
            Block::Heading { source, .. }
            | Block::Paragraph { source, .. }
            | Block::List { source, .. }
            | Block::Quote { source, .. }
            | Block::Code { source, .. }
            | Block::Html { source, .. }
            | Block::Table { source, .. }
            | Block::Rule { source, .. } => source.clone(),
        }
    }
}

/// One item of a list: its own text (all its paragraphs), and its nested items.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListItem {
    pub inline: Inline,
    pub children: Vec<ListItem>,
    /// Quotes, code or other blocks inside the item (rare), flattened.
    pub other: Vec<Block>,
    pub line: usize,
    pub source: Range<usize>,
}

/// Maps byte offsets of a text to 1-based line numbers of the file it came from.
pub struct LineIndex {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    /// `first_line` is the file line of the text's first line.
    pub fn new(text: &str, first_line: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self { starts, first_line }
    }

    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset) - 1 + self.first_line
    }
}

enum Frame {
    Container {
        blocks: Vec<Block>,
        start: usize,
    },
    List {
        items: Vec<ListItem>,
        start: usize,
    },
    Item {
        item: ListItem,
    },
    Leaf {
        kind: LeafKind,
        inline: Inline,
        start: usize,
        end: usize,
    },
}

#[derive(Clone, Copy)]
enum LeafKind {
    Heading(u8),
    Paragraph,
    Code,
    Table,
}

/// Parses markdown into blocks. `lines` maps offsets of `text` to file lines.
pub fn parse_blocks(text: &str, lines: &LineIndex) -> Vec<Block> {
    parse_blocks_capped(text, lines).0
}

/// Parses markdown into blocks, nesting capped at [`MAX_NESTING`] (see [`CappedEvents`]), with
/// a warning for each place where the cap cut the document.
pub fn parse_blocks_capped(text: &str, lines: &LineIndex) -> (Vec<Block>, Vec<Diagnostic>) {
    let mut events = CappedEvents::new(text);
    let blocks = build_blocks(&mut events, lines);
    let warnings = events
        .cuts()
        .iter()
        .map(|cut| cut.diagnostic(lines.line_of(cut.offset)))
        .collect();
    (blocks, warnings)
}

fn build_blocks<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    lines: &LineIndex,
) -> Vec<Block> {
    let mut stack: Vec<Frame> = vec![Frame::Container {
        blocks: Vec::new(),
        start: 0,
    }];
    // Open links: (url, start offset in the current inline's text).
    let mut links: Vec<(String, usize)> = Vec::new();
    let mut strongs: Vec<usize> = Vec::new();
    let mut image_depth = 0usize;

    fn inline_of(stack: &mut [Frame]) -> Option<&mut Inline> {
        match stack.last_mut()? {
            Frame::Leaf { inline, .. } => Some(inline),
            Frame::Item { item } => Some(&mut item.inline),
            _ => None,
        }
    }

    fn push_block(stack: &mut [Frame], block: Block) {
        match stack.last_mut() {
            Some(Frame::Container { blocks, .. }) => blocks.push(block),
            Some(Frame::Item { item }) => item.other.push(block),
            _ => {}
        }
    }

    for (event, range) in events {
        if image_depth > 0 {
            match event {
                Event::Start(Tag::Image { .. }) => image_depth += 1,
                Event::End(TagEnd::Image) => image_depth -= 1,
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { level, .. } => stack.push(Frame::Leaf {
                    kind: LeafKind::Heading(level as u8),
                    inline: Inline::default(),
                    start: range.start,
                    end: range.end,
                }),
                Tag::Paragraph => {
                    if let Some(Frame::Item { item }) = stack.last_mut() {
                        // A paragraph of a list item is part of the item's text.
                        item.inline.separate(" ");
                    } else {
                        stack.push(Frame::Leaf {
                            kind: LeafKind::Paragraph,
                            inline: Inline::default(),
                            start: range.start,
                            end: range.end,
                        });
                    }
                }
                Tag::BlockQuote(_) => stack.push(Frame::Container {
                    blocks: Vec::new(),
                    start: range.start,
                }),
                Tag::List(_) => stack.push(Frame::List {
                    items: Vec::new(),
                    start: range.start,
                }),
                Tag::Item => stack.push(Frame::Item {
                    item: ListItem {
                        line: lines.line_of(range.start),
                        source: range.clone(),
                        ..Default::default()
                    },
                }),
                Tag::CodeBlock(_) => stack.push(Frame::Leaf {
                    kind: LeafKind::Code,
                    inline: Inline::default(),
                    start: range.start,
                    end: range.end,
                }),
                Tag::Table(_) => stack.push(Frame::Leaf {
                    kind: LeafKind::Table,
                    inline: Inline::default(),
                    start: range.start,
                    end: range.end,
                }),
                Tag::Link { dest_url, .. } => {
                    if let Some(inline) = inline_of(&mut stack) {
                        links.push((dest_url.to_string(), inline.text.len()));
                    }
                }
                Tag::Strong => {
                    if let Some(inline) = inline_of(&mut stack) {
                        strongs.push(inline.text.len());
                    }
                }
                Tag::Image { .. } => image_depth = 1,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Table => {
                    if let Some(Frame::Leaf {
                        kind,
                        inline,
                        start,
                        end,
                    }) = stack.pop()
                    {
                        let line = lines.line_of(start);
                        let source = start..end;
                        let block = match kind {
                            LeafKind::Heading(level) => Block::Heading {
                                level,
                                inline,
                                line,
                                source,
                            },
                            LeafKind::Code => Block::Code {
                                text: inline.text,
                                line,
                                source,
                            },
                            LeafKind::Table => Block::Table { line, source },
                            LeafKind::Paragraph => Block::Paragraph {
                                inline,
                                line,
                                source,
                            },
                        };
                        push_block(&mut stack, block);
                    }
                }
                TagEnd::Paragraph => {
                    if matches!(
                        stack.last(),
                        Some(Frame::Leaf {
                            kind: LeafKind::Paragraph,
                            ..
                        })
                    ) {
                        if let Some(Frame::Leaf {
                            inline, start, end, ..
                        }) = stack.pop()
                        {
                            let block = Block::Paragraph {
                                inline,
                                line: lines.line_of(start),
                                source: start..end,
                            };
                            push_block(&mut stack, block);
                        }
                    }
                }
                TagEnd::BlockQuote(_) => {
                    if let Some(Frame::Container { blocks, start, .. }) = stack.pop() {
                        let block = Block::Quote {
                            blocks,
                            line: lines.line_of(start),
                            source: start..range.end,
                        };
                        push_block(&mut stack, block);
                    }
                }
                TagEnd::List(_) => {
                    if let Some(Frame::List { items, start }) = stack.pop() {
                        if let Some(Frame::Item { item }) = stack.last_mut() {
                            item.children.extend(items);
                        } else {
                            let block = Block::List {
                                items,
                                line: lines.line_of(start),
                                source: start..range.end,
                            };
                            push_block(&mut stack, block);
                        }
                    }
                }
                TagEnd::Item => {
                    if let Some(Frame::Item { mut item }) = stack.pop() {
                        item.inline.trim_end();
                        item.source.end = range.end;
                        if let Some(Frame::List { items, .. }) = stack.last_mut() {
                            items.push(item);
                        }
                    }
                }
                TagEnd::Link => {
                    if let (Some((url, start)), Some(inline)) = (links.pop(), inline_of(&mut stack))
                    {
                        let end = inline.text.len().max(start);
                        inline.links.push(LinkSpan {
                            url,
                            range: start..end,
                        });
                    }
                }
                TagEnd::Strong => {
                    if let (Some(start), Some(inline)) = (strongs.pop(), inline_of(&mut stack)) {
                        let end = inline.text.len().max(start);
                        inline.strong.push(start..end);
                    }
                }
                _ => {}
            },
            Event::Text(t) | Event::Code(t) => {
                if let Some(inline) = inline_of(&mut stack) {
                    inline.push_text(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(inline) = inline_of(&mut stack) {
                    inline.separate(" ");
                }
            }
            Event::Html(html) => {
                let block = Block::Html {
                    html: html.to_string(),
                    line: lines.line_of(range.start),
                    source: range,
                };
                push_block(&mut stack, block);
            }
            Event::Rule => push_block(
                &mut stack,
                Block::Rule {
                    line: lines.line_of(range.start),
                    source: range,
                },
            ),
            _ => {}
        }
    }
    // Unwind anything left open (pulldown-cmark closes everything, but be safe).
    while stack.len() > 1 {
        stack.pop();
    }
    match stack.pop() {
        // Links are recorded at their end, which is document order: CommonMark links
        // never nest.
        Some(Frame::Container { blocks, .. }) => blocks,
        _ => Vec::new(),
    }
}

/// Replaces every HTML comment with spaces (keeping newlines), so that offsets and line
/// numbers stay those of the file. An unclosed comment runs to the end, as in a browser.
pub fn blank_html_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 4..];
        let (comment_len, tail) = match after.find("-->") {
            Some(end) => (4 + end + 3, &after[end + 3..]),
            None => (rest.len() - start, ""),
        };
        for c in rest[start..start + comment_len].chars() {
            if c == '\n' {
                out.push('\n');
            } else {
                // One space per byte keeps every later offset where it was.
                out.extend(std::iter::repeat_n(' ', c.len_utf8()));
            }
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// Blanks lines like `[mtg-reddit]:` (a reference definition without a URL). CommonMark
/// reads such a line as text, and every definition after it as part of that paragraph, so
/// one empty definition would lose the links of a whole list (2015-02-23). Returns the
/// offsets of the blanked lines.
pub fn blank_empty_reference_definitions(text: &mut String) -> Vec<usize> {
    let mut offsets = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let is_empty_def = t.starts_with('[')
            && t.ends_with("]:")
            && t.len() > 3
            && !t[1..t.len() - 2].contains(['[', ']']);
        if is_empty_def {
            offsets.push(start);
        }
        start += line.len();
    }
    for &o in &offsets {
        let len = text[o..].find('\n').unwrap_or(text.len() - o);
        text.replace_range(o..o + len, &" ".repeat(len));
    }
    offsets
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(md: &str) -> Vec<Block> {
        parse_blocks(md, &LineIndex::new(md, 1))
    }

    #[test]
    fn list_items_carry_their_links_text_and_nested_items() {
        let md = "### Official\n* [video] [Title *one*](https://a.example/1). Description\n* [Two](https://b.example)\n    * [**Nested**](https://c.example)\n";
        let b = blocks(md);
        assert!(
            matches!(&b[0], Block::Heading { level: 3, inline, line: 1, .. } if inline.text == "Official")
        );
        let Block::List { items, .. } = &b[1] else {
            panic!("{b:?}")
        };
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].inline.text, "[video] Title one. Description");
        assert_eq!(items[0].inline.before_first_link(), "[video] ");
        assert_eq!(
            items[0].inline.link_text(&items[0].inline.links[0]),
            "Title one"
        );
        assert_eq!(items[0].line, 2);
        assert_eq!(items[1].children.len(), 1);
        assert_eq!(items[1].children[0].inline.strong, vec![0..6]);
        assert_eq!(items[1].children[0].line, 4);
    }

    #[test]
    fn reference_style_links_are_resolved() {
        let md = "* [Title][ref]\n\n[ref]: https://example.com/x\n";
        let Block::List { items, .. } = &blocks(md)[0] else {
            panic!()
        };
        assert_eq!(items[0].inline.links[0].url, "https://example.com/x");
    }

    #[test]
    fn comments_are_blanked_keeping_offsets_and_lines() {
        let md = "a <!-- b\n* [x](y) é -->c\n<!-- open";
        let out = blank_html_comments(md);
        assert_eq!(out.len(), md.len());
        assert_eq!(out.lines().count(), md.lines().count());
        assert!(out.starts_with("a "));
        assert!(out.contains("c"));
        assert!(!out.contains("[x]"));
        assert!(!out.contains("open"));
    }
}

#[cfg(test)]
mod trailing_space_tests {
    use super::*;

    #[test]
    fn a_link_text_ending_in_a_space_at_the_end_of_an_item_stays_in_bounds() {
        let md = "* [\"try fn\" without special-casing Result ](https://example.com)\n";
        let b = parse_blocks(md, &LineIndex::new(md, 1));
        let Block::List { items, .. } = &b[0] else {
            panic!()
        };
        let inline = &items[0].inline;
        assert_eq!(
            inline.link_text(&inline.links[0]),
            "\"try fn\" without special-casing Result"
        );
    }
}

#[cfg(test)]
mod nesting_tests {
    use super::*;

    fn capped(md: &str) -> (Vec<Block>, Vec<Diagnostic>) {
        parse_blocks_capped(md, &LineIndex::new(md, 10))
    }

    /// How many quotes deep the first block goes, and the innermost quote's first block.
    fn quote_depth(blocks: &[Block]) -> (usize, Option<&Block>) {
        let mut depth = 0;
        let mut current = blocks;
        loop {
            match current.first() {
                Some(Block::Quote { blocks, .. }) => {
                    depth += 1;
                    current = blocks;
                }
                other => return (depth, other),
            }
        }
    }

    fn list_depth(items: &[ListItem]) -> usize {
        let mut depth = 0;
        let mut current = items;
        while let Some(item) = current.first() {
            depth += 1;
            current = &item.children;
        }
        depth
    }

    #[test]
    fn quotes_100000_deep_stop_at_the_cap_and_the_rest_is_text_with_a_warning() {
        let md = format!("Intro\n\n{} deep\n", ">".repeat(100_000));
        let (blocks, warnings) = capped(&md);
        let (depth, innermost) = quote_depth(&blocks[1..]);
        assert!((MAX_NESTING - 1..=MAX_NESTING).contains(&depth), "{depth}");
        let Some(Block::Paragraph { inline, .. }) = innermost else {
            panic!("{innermost:?}")
        };
        assert!(inline.text.starts_with(">>>>") && inline.text.ends_with("> deep"));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, 12);
        assert!(warnings[0].message.contains("nested more than 32 deep"));
    }

    #[test]
    fn lists_100000_deep_stop_at_the_cap() {
        let md = format!("{}x\n", "- ".repeat(100_000));
        let (blocks, warnings) = capped(&md);
        let Block::List { items, .. } = &blocks[0] else {
            panic!()
        };
        let depth = list_depth(items);
        assert!(
            depth * 2 <= MAX_NESTING && depth * 2 >= MAX_NESTING - 2,
            "{depth}"
        );
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, 10);
    }

    #[test]
    fn emphasis_nested_past_the_cap_becomes_text() {
        let n = 1000;
        let md = format!("{}x{}\n", "*".repeat(n), "*".repeat(n));
        let events: Vec<_> = CappedEvents::new(&md).collect();
        let mut depth = 0usize;
        let mut deepest = 0;
        for (event, _) in &events {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            deepest = deepest.max(depth);
        }
        assert!(deepest <= MAX_NESTING + 1, "{deepest}");
        assert!(events
            .iter()
            .any(|(e, _)| matches!(e, Event::Text(t) if t.starts_with("*") && t.contains('x'))));
    }

    #[test]
    fn raw_html_100000_deep_has_its_deeper_tags_escaped() {
        let md = format!("{}x\n", "<div>".repeat(100_000));
        let mut events = CappedEvents::new(&md);
        let html: String = events
            .by_ref()
            .filter_map(|(e, _)| match e {
                Event::Html(h) => Some(h.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(html.matches("<div>").count(), MAX_NESTING);
        assert_eq!(html.matches("&lt;div>").count(), 100_000 - MAX_NESTING);
        assert_eq!(
            events.cuts(),
            [Cut {
                kind: CutKind::Html,
                offset: 0
            }]
        );
    }

    fn html_cut(html: &str) -> Option<String> {
        HtmlNesting::default().cap(html)
    }

    #[test]
    fn tags_after_the_first_max_html_tags_start_tags_of_a_document_are_left_out() {
        // Closed and void elements, inline and in HTML blocks, over several top-level
        // blocks: the count is the document's, not a block's.
        let para = "a <b>x</b> <br> <i>y</i>\n\n";
        let block = "<div>\n<img src=a.png>\n</div>\n\n";
        let paras = MAX_HTML_TAGS / 3 + 10;
        let md = format!("{}{}", para.repeat(paras), block.repeat(100));
        let mut events = CappedEvents::new(&md);
        let (mut starts, mut text) = (0, String::new());
        for (event, _) in events.by_ref() {
            match event {
                Event::InlineHtml(h) | Event::Html(h) => {
                    starts += h.matches('<').count() - h.matches("</").count();
                    assert!(!h.contains("&lt;"), "{h}");
                }
                Event::Text(t) => text.push_str(&t),
                _ => {}
            }
        }
        assert_eq!(starts, MAX_HTML_TAGS);
        // No tag became text, and the text between the tags is all there.
        assert!(!text.contains('<'));
        assert_eq!(text.matches('x').count(), paras);
        assert_eq!(text.matches('y').count(), paras);
        let cuts = events.cuts();
        assert_eq!(cuts.len(), 1, "{cuts:?}");
        assert_eq!(cuts[0].kind, CutKind::HtmlTags);
        // The first tag left out: the one after the first MAX_HTML_TAGS start tags, 3 a
        // paragraph.
        let (whole, passed) = (MAX_HTML_TAGS / 3, MAX_HTML_TAGS % 3);
        let mut seen = 0;
        let at = para
            .match_indices('<')
            .map(|(i, _)| i)
            .find(|&i| {
                if seen == passed {
                    return true;
                }
                seen += usize::from(!para[i..].starts_with("</"));
                false
            })
            .unwrap();
        assert_eq!(cuts[0].offset, para.len() * whole + at);
    }

    #[test]
    fn closed_void_and_commented_tags_do_not_count() {
        let n = 10 * MAX_NESTING;
        assert_eq!(html_cut(&"<div><p>a</p></div>".repeat(n)), None);
        assert_eq!(html_cut(&"<br><img src=x><hr/>".repeat(n)), None);
        assert_eq!(html_cut(&"<!-- <div> -->".repeat(n)), None);
        assert_eq!(html_cut(&"<a title=\"<div>\">x</a>".repeat(n)), None);
        // A list item or paragraph left open is closed by its parent's end tag.
        assert_eq!(html_cut(&"<ul><li>a<li>b</ul>".repeat(n)), None);
    }

    #[test]
    fn stray_end_tags_and_reopened_formatting_elements_still_count() {
        let stray = format!("{}{}", "</div>".repeat(100), "<div>".repeat(100));
        assert_eq!(
            html_cut(&stray).unwrap().matches("&lt;div>").count(),
            100 - MAX_NESTING
        );
        // html5ever reopens `<b>` after `</p>`, so each round nests one more element.
        let formatting: String = (0..100).map(|i| format!("<p><b id={i}></p>")).collect();
        assert!(html_cut(&formatting).is_some());
    }

    #[test]
    fn a_cut_in_one_top_level_block_leaves_the_next_block_alone() {
        let md = format!("{}\n\n<div>a</div>\n", "<div>".repeat(100));
        let html: Vec<String> = CappedEvents::new(&md)
            .filter_map(|(e, _)| match e {
                Event::Html(h) => Some(h.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(html.last().map(String::as_str), Some("<div>a</div>\n"));
    }
}
