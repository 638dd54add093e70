//! The direct writer: the parser's events of a body rewritten under the sanitiser's policy
//! (links, images, code blocks, tables, headings with ids), and the table of contents.

use super::ids::{collapse_whitespace, slug, Ids};
use super::sanitize::is_html_tag;
use super::urls::{allowed_image_url, allowed_url};
use super::TocEntry;
use pulldown_cmark::{Alignment, CodeBlockKind, Event, LinkType, Tag, TagEnd};

/// [`Writer::transform`] has rewritten links, images, code blocks and tables). Anything
/// else, including constructs that future parser options could bring (footnotes, task
/// lists, math, alerts), goes through the sanitiser.
pub(super) fn is_plain(event: &Event) -> bool {
    match event {
        Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak | Event::Rule => true,
        Event::InlineHtml(html) => !is_html_tag(html),
        Event::Start(tag) => matches!(
            tag,
            Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(None)
                | Tag::CodeBlock(_)
                | Tag::List(_)
                | Tag::Item
                | Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Link { .. }
                | Tag::Image { .. }
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell
        ),
        Event::End(tag) => matches!(
            tag,
            TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(None)
                | TagEnd::CodeBlock
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
                | TagEnd::Table
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::TableCell
        ),
        _ => false,
    }
}

/// Rewrites the parser's events into the ones to write, and collects the table of contents.
#[derive(Default)]
pub(super) struct Writer {
    ids: Ids,
    pub(super) toc: Vec<TocEntry>,
    /// The ids given since the last block went through the sanitiser.
    pub(super) new_ids: Vec<String>,
    /// The heading being read: its level, its events, its plain text.
    heading: Option<(u8, Vec<Event<'static>>, String)>,
    /// The image being read: nesting depth, the `<img` start written so far, its alt text.
    image: Option<(usize, String, String)>,
}

impl Writer {
    /// Moves the events of `events` into `out`, rewritten.
    pub(super) fn transform<'a>(&mut self, events: &mut Vec<Event<'a>>, out: &mut Vec<Event<'a>>) {
        for event in events.drain(..) {
            let event = match event {
                Event::InlineHtml(html) if !is_html_tag(&html) => Event::Text(html),
                other => other,
            };
            // Image alt text: only its text is kept, as the markdown writer does.
            if let Some((depth, start, alt)) = &mut self.image {
                match &event {
                    Event::Start(Tag::Image { .. }) => *depth += 1,
                    Event::End(TagEnd::Image) => {
                        *depth = depth.saturating_sub(1);
                        if *depth == 0 {
                            let mut tag = std::mem::take(start);
                            tag.push_str(" alt=\"");
                            push_attribute(&mut tag, alt);
                            tag.push_str("\" loading=\"lazy\" />");
                            self.image = None;
                            self.emit(Event::Html(tag.into()), out);
                        }
                    }
                    Event::Text(text) | Event::Code(text) => alt.push_str(text),
                    Event::SoftBreak | Event::HardBreak => alt.push(' '),
                    _ => {}
                }
                continue;
            }
            let event = match event {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    ..
                }) => {
                    let email;
                    let url = if link_type == LinkType::Email {
                        email = format!("mailto:{dest_url}");
                        &email
                    } else {
                        &*dest_url
                    };
                    let mut tag = String::with_capacity(url.len() + 40);
                    tag.push_str("<a");
                    if let Some(href) = allowed_url(url) {
                        tag.push_str(" href=\"");
                        push_attribute(&mut tag, &href);
                        tag.push('"');
                    }
                    if !title.is_empty() {
                        tag.push_str(" title=\"");
                        push_attribute(&mut tag, &title);
                        tag.push('"');
                    }
                    tag.push_str(" rel=\"noopener noreferrer\">");
                    Event::Html(tag.into())
                }
                Event::End(TagEnd::Link) => Event::Html("</a>".into()),
                Event::Start(Tag::Image {
                    dest_url, title, ..
                }) => {
                    let mut start = String::from("<img");
                    if let Some(src) = allowed_image_url(&dest_url) {
                        start.push_str(" src=\"");
                        push_attribute(&mut start, &src);
                        start.push('"');
                    }
                    if !title.is_empty() {
                        start.push_str(" title=\"");
                        push_attribute(&mut start, &title);
                        start.push('"');
                    }
                    self.image = Some((1, start, String::new()));
                    continue;
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                    Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced("".into())))
                }
                Event::Start(Tag::Table(alignments)) => {
                    Event::Start(Tag::Table(vec![Alignment::None; alignments.len()]))
                }
                other => other,
            };
            self.emit(event, out);
        }
    }

    /// Passes an event on, or into the heading being read; writes a heading when it ends.
    fn emit<'a>(&mut self, event: Event<'a>, out: &mut Vec<Event<'a>>) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((level as u8, Vec::new(), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, inner, text)) = self.heading.take() else {
                    return;
                };
                let text = collapse_whitespace(&text);
                let id = self.ids.allocate(&slug(&text));
                // The id is made of letters, digits and `-` only: nothing to escape.
                out.push(Event::Html(format!("<h{level} id=\"{id}\">").into()));
                out.extend(inner);
                out.push(Event::Html(
                    format!(
                        " <a class=\"anchor\" href=\"#{id}\" \
                         aria-label=\"Link to this section\" rel=\"noopener noreferrer\">#</a></h{level}>\n"
                    )
                    .into(),
                ));
                self.new_ids.push(id.clone());
                if level <= 3 {
                    self.toc.push(TocEntry { level, id, text });
                }
            }
            event => match &mut self.heading {
                Some((_, inner, text)) => {
                    match &event {
                        Event::Text(t) | Event::Code(t) => text.push_str(t),
                        Event::SoftBreak | Event::HardBreak => text.push(' '),
                        _ => {}
                    }
                    inner.push(event.into_static());
                }
                None => out.push(event),
            },
        }
    }
}

/// Appends text escaped for a double-quoted attribute value.
fn push_attribute(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(i) = rest.find(['&', '"', '<', '>']) {
        out.push_str(rest.get(..i).unwrap_or(""));
        out.push_str(match rest.as_bytes().get(i) {
            Some(b'&') => "&amp;",
            Some(b'"') => "&quot;",
            Some(b'<') => "&lt;",
            _ => "&gt;",
        });
        rest = rest.get(i + 1..).unwrap_or("");
    }
    out.push_str(rest);
}
