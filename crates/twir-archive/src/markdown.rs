//! The one place that owns the markdown parser: pulldown-cmark's event stream turned into a
//! flat list of blocks (headings, paragraphs, lists with nested items, quotes, ...), each
//! with its line number and source range. Section parsers read these blocks, never the raw
//! text line by line, so wrapped lines, reference-style links and nesting are handled once.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The parser options used everywhere in the project.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
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

    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
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
