//! Quote of the Week: the quotes of a `Quote of the Week` section (or the quote half of the
//! `Crate & Quote of the Week` section of 2015-10-26 and 2015-11-02).
//!
//! The canonical form (2015-10 on) is a blockquote, an attribution line starting with a dash
//! (`– [Author on Source](url)`), `Thanks to [x](…) for the suggestion!` and a link asking
//! for next week's quotes. Earlier issues quote inline (`*"…"* — [author](url)`), as plain
//! text (`"…" - [author](url)`, 2014), as fenced IRC logs, or as HTML (`<img>`, `<pre>`), and
//! attribute in prose (`Quxxy, from [/r/rust](url).`). Everything after the quote that
//! belongs to the issue's closing (editors, email hosting, `Discuss on r/rust`) is ignored.

use super::Context;
use crate::diagnostic::Diagnostic;
use crate::markdown::{Block, Inline, LinkSpan};
use crate::model::Quote;
use crate::sections::Section;
use std::ops::Range;

/// The quotes of a `Quote of the Week` section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuoteSection {
    /// The quotes; empty for a week without one.
    pub quotes: Vec<Quote>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Who said a quote, and where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Attribution {
    author: Option<String>,
    source: Option<String>,
    url: Option<String>,
}

impl Attribution {
    fn is_empty(&self) -> bool {
        self.author.is_none() && self.source.is_none() && self.url.is_none()
    }
}

/// A quote being read: its body parts, then its attribution.
#[derive(Debug)]
struct Draft {
    parts: Vec<String>,
    line: usize,
    attribution: Option<Attribution>,
    suggested_by: Option<String>,
}

/// The reading state of one section.
struct Reader {
    drafts: Vec<Draft>,
    /// The last draft still takes body parts and its attribution.
    open: bool,
    /// Drafts from this index on have not been thanked for yet.
    thanks_from: usize,
    /// The section says there is no quote this week.
    said_none: bool,
    /// The section has text that is neither a quote nor a known phrasing.
    unknown_line: Option<usize>,
    /// A lead-in (`here's one from [Evan Miller's evaluation of Rust](url):`) naming the
    /// source of the next quote.
    lead_in: Option<Attribution>,
}

impl Reader {
    /// Adds a body part: to the open quote, or as a new quote.
    fn body(&mut self, text: &str, line: usize) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        match self.drafts.last_mut() {
            Some(d) if self.open => d.parts.push(text.to_string()),
            _ => {
                let mut draft = Draft {
                    parts: vec![text.to_string()],
                    line,
                    attribution: None,
                    suggested_by: None,
                };
                if let Some(lead) = self.lead_in.take() {
                    draft.attribution = Some(lead);
                    // Still open: a lead-in does not end the quote's body.
                }
                self.drafts.push(draft);
                self.open = true;
            }
        }
    }

    /// Attributes the open quote; returns whether there was one.
    fn attribute(&mut self, attribution: Attribution) -> bool {
        match self.drafts.last_mut() {
            Some(d) if self.open => {
                if !attribution.is_empty() || d.attribution.is_none() {
                    d.attribution = Some(attribution);
                }
                self.open = false;
                true
            }
            _ => false,
        }
    }

    /// Sets who suggested the quotes not yet thanked for: one name each when the thanks
    /// names as many people as there are quotes, else the whole phrase for all of them.
    fn thank(&mut self, whole: &str, names: &[String]) {
        let pending = self.drafts.get_mut(self.thanks_from..).unwrap_or_default();
        if pending.len() > 1 && names.len() == pending.len() {
            for (d, n) in pending.iter_mut().zip(names) {
                d.suggested_by = Some(n.clone());
            }
        } else if !whole.is_empty() {
            for d in pending.iter_mut() {
                d.suggested_by = Some(whole.to_string());
            }
        }
        self.thanks_from = self.drafts.len();
        self.open = false;
    }
}

pub fn parse(section: &Section<'_>, _ctx: &Context) -> QuoteSection {
    let mut r = Reader {
        drafts: Vec::new(),
        open: false,
        thanks_from: 0,
        said_none: false,
        unknown_line: None,
        lead_in: None,
    };
    let blocks = section.blocks;
    let mut i = 0;
    while let Some(block) = blocks.get(i) {
        i += 1;
        match block {
            Block::Quote {
                blocks: inner,
                line,
                ..
            } => read_blockquote(&mut r, section, block, inner, *line),
            Block::Code { line, .. } => r.body(section.source_of(block), *line),
            Block::Html { line, source, .. } => {
                // An HTML block comes as one block per line: take the run.
                let mut end = source.end;
                while let Some(Block::Html { source: s, .. }) = blocks.get(i) {
                    end = s.end;
                    i += 1;
                }
                let html = section.text.get(source.start..end).unwrap_or("");
                r.body(html, *line);
            }
            Block::Paragraph { inline, line, .. } => {
                if !read_paragraph(&mut r, inline, section.source_of(block), *line) {
                    break;
                }
            }
            Block::List { items, .. } => {
                if !read_list(&mut r, section, items) {
                    break;
                }
            }
            Block::Heading { .. } | Block::Table { .. } | Block::Rule { .. } => {}
        }
    }
    finish(r, section)
}

/// A blockquote: the quote's body, and its attribution when a lazy continuation line
/// (`– [Author](url)` right after a `>` line) or a last paragraph starting with a dash pulled
/// it inside.
fn read_blockquote(
    r: &mut Reader,
    section: &Section<'_>,
    block: &Block,
    inner: &[Block],
    line: usize,
) {
    let src = section.source_of(block);
    let last_para = inner.iter().rev().find_map(|b| match b {
        Block::Paragraph { inline, source, .. } => Some((inline, source.clone())),
        _ => None,
    });
    let lines: Vec<&str> = src.lines().collect();
    let last_line = lines.iter().rposition(|l| !l.trim().is_empty());
    // Case 1: the attribution is the lazy last line (no `>`).
    if let Some(k) = last_line {
        let l = lines.get(k).copied().unwrap_or("");
        if !has_marker(l) && dash_start(l.trim()).is_some() {
            let body = lines.get(..k).unwrap_or_default().join("\n");
            r.body(&strip_markers(&body), line);
            let attribution = match last_para {
                Some((inline, _)) => match inline_dash_in(&inline.text) {
                    Some(pos) => attribution_of(&sub_inline(inline, pos..inline.text.len())),
                    None => plain_attribution(l.trim()),
                },
                None => plain_attribution(l.trim()),
            };
            r.attribute(attribution);
            return;
        }
    }
    // Case 2: the last paragraph inside the quote starts with a dash.
    if let (Some((inline, psrc)), true) = (last_para, inner.len() > 1) {
        let is_last = matches!(inner.last(), Some(Block::Paragraph { .. }));
        let block_start = block.source().start;
        if is_last && dash_start(inline.text.trim_start()).is_some() && psrc.start > block_start {
            let body = src.get(..psrc.start - block_start).unwrap_or("");
            r.body(&strip_markers(body), line);
            r.attribute(attribution_of(inline));
            return;
        }
    }
    r.body(&strip_markers(src), line);
}

/// Reads one paragraph; returns false at the issue's closing (nothing after it is a quote).
fn read_paragraph(r: &mut Reader, inline: &Inline, src: &str, line: usize) -> bool {
    let t = inline.text.trim();
    if t.is_empty() {
        return true;
    }
    if is_closing(t) {
        return false;
    }
    let lower = t.to_lowercase();
    if lower.contains("crate of the week is") {
        // The crate half of `Crate & Quote of the Week`.
        return true;
    }
    if says_no_quote(&lower) {
        r.said_none = true;
        return true;
    }
    if let Some(pos) = inline.text.find("Thanks to ") {
        let before = sub_inline(inline, 0..pos);
        if !before.text.trim().is_empty() && r.open {
            r.attribute(attribution_of(&before));
        }
        let (whole, names) = suggesters(inline, pos + "Thanks to ".len());
        r.thank(&whole, &names);
        return true;
    }
    if lower.contains("submit") && lower.contains("quote") {
        return true;
    }
    if let Some(name) = self_suggestion(inline, &lower) {
        r.thank(&name, &[]);
        return true;
    }
    if dash_start(t).is_some() {
        if !r.attribute(attribution_of(inline)) && r.drafts.is_empty() {
            // An attribution of no quote (the limerick of 2021-08-10 is signed).
            r.unknown_line.get_or_insert(line);
        }
        return true;
    }
    if looks_quoted(src) {
        if let Some((body, attribution)) = split_inline_quote(inline, src) {
            r.open = false;
            r.body(body, line);
            r.attribute(attribution);
            return true;
        }
        r.body(src, line);
        return true;
    }
    if r.open && is_emphasised(src) {
        // A further paragraph of an early quote (`*The 2nd rule of …*`, 2015-06-08).
        r.body(src, line);
        return true;
    }
    if t.ends_with(':') {
        if r.open {
            // `And the reply:` between two blockquotes of one quote (2024-05-08).
            r.body(src, line);
        } else if !inline.links.is_empty() {
            r.lead_in = Some(lead_in_attribution(inline));
        }
        return true;
    }
    if r.open {
        // A prose or bare-link attribution (`[jimb on rust-internals](url)`,
        // `Quxxy, from [/r/rust](url).`).
        r.attribute(attribution_of(inline));
        return true;
    }
    if r.drafts.is_empty() && !is_intro(&lower) {
        r.unknown_line.get_or_insert(line);
    }
    true
}

/// A list: items holding a quote (`- "…" - [bjz](url)`, 2014), or a one-item list that is
/// an attribution written with a hyphen (`- [Kornel on rust-users](url)`).
fn read_list(r: &mut Reader, section: &Section<'_>, items: &[crate::markdown::ListItem]) -> bool {
    for item in items {
        let t = item.inline.text.trim();
        if is_closing(t) {
            return false;
        }
        let src = section.text.get(item.source.clone()).unwrap_or("");
        let body_src = src.trim_start().get(1..).unwrap_or("").trim_start();
        if looks_quoted(body_src) {
            if let Some((body, attribution)) = split_inline_quote(&item.inline, body_src) {
                r.open = false;
                r.body(body, item.line);
                r.attribute(attribution);
                continue;
            }
        }
        if r.open && items.len() == 1 {
            r.attribute(attribution_of(&item.inline));
        }
    }
    true
}

fn finish(r: Reader, section: &Section<'_>) -> QuoteSection {
    let mut out = QuoteSection::default();
    for d in r.drafts {
        let text = d.parts.join("\n\n");
        let attribution = d.attribution.unwrap_or_default();
        if attribution.is_empty() {
            out.diagnostics.push(Diagnostic::warning(
                d.line,
                format!(
                    "quote of the week `{}` has no attribution",
                    excerpt(&text, 60)
                ),
                "add a line `– [Author on Source](url)` after the quote",
            ));
        }
        out.quotes.push(Quote {
            text,
            author: attribution.author,
            source: attribution.source,
            url: attribution.url,
            suggested_by: d.suggested_by,
            line: d.line,
        });
    }
    if out.quotes.is_empty() && !r.said_none {
        if let Some(line) = r.unknown_line {
            out.diagnostics.push(Diagnostic::warning(
                line,
                format!(
                    "section `{}` has text but neither a quote nor a note that there is none",
                    section.heading
                ),
                "put the quote in a `>` blockquote, or write `*No quote was selected for QotW.*`",
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Phrasings

/// The closing of an issue, which follows the quote section in modern issues.
fn is_closing(t: &str) -> bool {
    let t = t.trim_start_matches(['*', '_', ' ']);
    t.starts_with("This Week in Rust is edited by")
        || t.starts_with("Email list hosting")
        || t.starts_with("Discuss on r/rust")
}

/// `*No quote was selected for QotW.*`, `Sadly, we had no quote suggestions…`,
/// `Alas … quoteless`, `We regrettably lack nominations` (the limerick of 2021-08-10).
fn says_no_quote(lower: &str) -> bool {
    const PHRASES: [&str; 9] = [
        "no quote",
        "no qotw",
        "quoteless",
        "no nominations",
        "no suggestion",
        "lack nominations",
        "without a nominated quote",
        "without any memorable quote",
        "saw no quote",
    ];
    PHRASES.iter().any(|p| lower.contains(p))
}

/// `This week, we have two quotes:`, `Ok, you wanted it. Let's go full meta:`: text before
/// the quotes that is neither quote nor attribution.
fn is_intro(lower: &str) -> bool {
    lower.ends_with(':') || lower.contains("two quotes") || lower.contains("great quotes")
}

/// `[llogiq](url) is mightily pleased with his suggestion.`: the name of a self-suggester.
fn self_suggestion(inline: &Inline, lower: &str) -> Option<String> {
    let suggests = [
        "his suggestion",
        "his own suggestion",
        "self-suggestion",
        "for the suggestion",
    ]
    .iter()
    .any(|p| lower.contains(p));
    if !suggests {
        return None;
    }
    let text = inline.text.trim_start();
    let lead = inline.text.len() - text.len();
    match inline.links.first() {
        Some(l) if l.range.start == lead => Some(inline.link_text(l).trim().to_string()),
        _ => text
            .split_whitespace()
            .next()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
            .filter(|w| !w.is_empty()),
    }
}

/// Who a `Thanks to …` thanks: the phrase up to ` for the`, and the linked names in it.
fn suggesters(inline: &Inline, from: usize) -> (String, Vec<String>) {
    let rest = inline.text.get(from..).unwrap_or("");
    let len = rest.find(" for ").unwrap_or_else(|| {
        [". ", "!"]
            .iter()
            .filter_map(|p| rest.find(p))
            .min()
            .unwrap_or(rest.len())
    });
    let range = from..from + len;
    let whole = inline
        .text
        .get(range.clone())
        .unwrap_or("")
        .trim()
        .to_string();
    let names = inline
        .links
        .iter()
        .filter(|l| l.range.start >= range.start && l.range.end <= range.end)
        .map(|l| inline.link_text(l).trim().to_string())
        .collect();
    (whole, names)
}

// ---------------------------------------------------------------------------------------
// Quote bodies

/// The quote's markdown: one `>` marker (and the space after it) removed from each line.
fn strip_markers(src: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for line in src.lines() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let stripped = match line.get(indent.min(3)..) {
            Some(rest) if rest.starts_with('>') => {
                let rest = rest.get(1..).unwrap_or("");
                rest.strip_prefix(' ')
                    .or_else(|| rest.strip_prefix('\t'))
                    .unwrap_or(rest)
            }
            _ => line,
        };
        out.push(stripped);
    }
    out.join("\n").trim().to_string()
}

/// The line has a blockquote marker.
fn has_marker(line: &str) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    indent <= 3 && line.trim_start_matches(' ').starts_with('>')
}

/// Early quotes: `*"…"*`, `"…"`, `*…*` (emphasis) before an inline attribution.
fn looks_quoted(src: &str) -> bool {
    let s = src.trim_start();
    let s = s.trim_start_matches(['*', '_']);
    s.starts_with(['"', '“']) || (is_emphasised(src) && inline_dash_in(src).is_some())
}

/// The paragraph starts with emphasis (`*…` or `_…`).
fn is_emphasised(src: &str) -> bool {
    let s = src.trim_start();
    (s.starts_with('*') && !s.starts_with("* ")) || (s.starts_with('_') && !s.starts_with("_ "))
}

/// An early quote with its attribution on the same paragraph: `*"…"* — [author](url)`,
/// `"…" - [kmc on …](url).`, or `*"…"* [@horse_rust] (after [Niko]).`. Returns the quote's
/// markdown and the attribution.
fn split_inline_quote<'s>(inline: &Inline, src: &'s str) -> Option<(&'s str, Attribution)> {
    if let (Some(s), Some(t)) = (inline_dash_in(src), inline_dash_in(&inline.text)) {
        let body = src.get(..s)?;
        let attribution = attribution_of(&sub_inline(inline, t..inline.text.len()));
        return Some((body, attribution));
    }
    // The closing quote mark followed by a link: `*"…"* [@horse_rust] (after [Niko]).`
    let close_src = src.rfind("\"*").map(|p| p + 2)?;
    let rest = src.get(close_src..)?.trim();
    if rest.is_empty() {
        return None;
    }
    let close_text = inline.text.rfind('"').map(|p| p + 1)?;
    let tail = sub_inline(inline, close_text..inline.text.len());
    if tail.links.is_empty() {
        return None;
    }
    Some((src.get(..close_src)?, attribution_of(&tail)))
}

/// The offset of the last ` — `, ` – ` or ` - ` (any whitespace around) that is not inside
/// a link, i.e. where an inline attribution starts.
fn inline_dash_in(s: &str) -> Option<usize> {
    let mut found = None;
    let mut in_brackets = 0i32;
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    for (k, &(pos, c)) in chars.iter().enumerate() {
        match c {
            '[' => in_brackets += 1,
            ']' => in_brackets = (in_brackets - 1).max(0),
            _ => {}
        }
        if in_brackets > 0 || !is_dash(c) {
            continue;
        }
        let before = k.checked_sub(1).and_then(|b| chars.get(b)).map(|&(_, c)| c);
        let after = chars.get(k + 1).map(|&(_, c)| c);
        if before.is_some_and(char::is_whitespace) && after.is_some_and(char::is_whitespace) {
            found = Some(pos);
        }
    }
    found
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '-')
}

/// `— x`, `– x`, `- x`, `-- x`: the text after the dash, if `t` starts with one.
fn dash_start(t: &str) -> Option<&str> {
    let rest = t.trim_start_matches(is_dash);
    if rest.len() == t.len() || t.len() - rest.len() > "——".len() {
        return None;
    }
    rest.starts_with(char::is_whitespace)
        .then(|| rest.trim_start())
}

// ---------------------------------------------------------------------------------------
// Attributions

/// The part of an inline in `range` (clamped to char boundaries), with the links inside it.
fn sub_inline(inline: &Inline, range: Range<usize>) -> Inline {
    let start = floor_boundary(&inline.text, range.start);
    let end = floor_boundary(&inline.text, range.end).max(start);
    Inline {
        text: inline.text.get(start..end).unwrap_or("").to_string(),
        links: inline
            .links
            .iter()
            .filter(|l| l.range.start >= start && l.range.end <= end)
            .map(|l| LinkSpan {
                url: l.url.clone(),
                range: l.range.start - start..l.range.end - start,
            })
            .collect(),
        strong: Vec::new(),
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Reads an attribution: `– [Author on Source](url)`, `— [Author](url) on [Source](url)`,
/// `– /u/bkv on [/r/rust](url)`, `– Tim McNamara`, `[jimb on rust-internals](url)`,
/// `Quxxy, from [/r/rust](url).`
fn attribution_of(inline: &Inline) -> Attribution {
    let text = &inline.text;
    // Skip the dash and an `and ` (`– and [ZiCog on rust-users](url)`, 2020-07-14).
    let mut start = text.len() - text.trim_start().len();
    if let Some(rest) = dash_start(text.trim_start()) {
        start = text.len() - rest.len();
    }
    if text.get(start..).is_some_and(|r| r.starts_with("and ")) {
        start += "and ".len();
    }
    let inline = sub_inline(inline, start..text.len());
    let text = inline.text.trim_end();
    let Some(first) = inline.links.first() else {
        return plain_attribution(text);
    };
    let url = non_empty(&first.url);
    let before = text.get(..first.range.start).unwrap_or("").trim();
    let link = tidy(inline.link_text(first));
    if before.is_empty() {
        // `[Author on Source](url)`, or `[Author](url) on [Source](url)`.
        let between = inline
            .links
            .get(1)
            .and_then(|second| text.get(first.range.end..second.range.start))
            .map(str::trim);
        if let (Some(second), Some(between)) = (inline.links.get(1), between) {
            // `[Kornel](url) [on rust-users](url)`: the connector may sit inside the link.
            let second_text = tidy(inline.link_text(second));
            let inner = ["on ", "at "]
                .iter()
                .find_map(|p| second_text.strip_prefix(p))
                .filter(|_| between.is_empty());
            if matches!(between, "on" | "at" | "on the" | "in") || inner.is_some() {
                return Attribution {
                    author: non_empty(link),
                    source: non_empty(inner.unwrap_or(second_text)),
                    url: non_empty(&second.url),
                };
            }
        }
        let (author, source) = split_on(link);
        return Attribution {
            author: non_empty(author),
            source: source.and_then(non_empty),
            url,
        };
    }
    // `Author on [Source](url)`, `Author [on source](url)`, `Quxxy, from [/r/rust](url)`.
    let mut author = before;
    for suffix in [" on", " at", " in a", " in", " from", ","] {
        author = author.strip_suffix(suffix).unwrap_or(author).trim_end();
    }
    // `From @Gankro's [Learning Rust With Entirely Too Many Linked Lists](url).`
    let author = author.strip_prefix("From ").unwrap_or(author);
    let author = match author.strip_suffix("'s") {
        Some(a) if !a.contains(' ') => a,
        _ => author,
    };
    let author = if author.eq_ignore_ascii_case("from") {
        ""
    } else {
        author
    };
    let mut source = link;
    for prefix in ["on ", "at "] {
        source = source.strip_prefix(prefix).unwrap_or(source);
    }
    Attribution {
        author: non_empty(author),
        source: non_empty(source),
        url,
    }
}

/// An attribution without a link: `Tim McNamara`, `tjc on the Rust-the-game confusion`,
/// `From #rust.`
fn plain_attribution(text: &str) -> Attribution {
    let text = dash_start(text.trim()).unwrap_or(text.trim());
    let text = tidy(text);
    if let Some(source) = text
        .strip_prefix("From ")
        .or_else(|| text.strip_prefix("from "))
    {
        return Attribution {
            source: non_empty(source),
            ..Attribution::default()
        };
    }
    // `JakDrako, from the same thread.`, `Ms2ger in #rust.` (2015).
    let (author, source) = match split_on(text) {
        (a, None) => match a.split_once(", from ").or_else(|| a.split_once(" in ")) {
            Some((a, s)) if !a.contains(' ') => (a, Some(s)),
            _ => (a, None),
        },
        split => split,
    };
    Attribution {
        author: non_empty(author),
        source: source.and_then(non_empty),
        url: None,
    }
}

/// A lead-in naming where the next quote comes from: its first link.
fn lead_in_attribution(inline: &Inline) -> Attribution {
    let Some(first) = inline.links.first() else {
        return Attribution::default();
    };
    Attribution {
        author: None,
        source: non_empty(tidy(inline.link_text(first))),
        url: non_empty(&first.url),
    }
}

/// `Author on Source` split at the first ` on ` (`Nadrieril on the Rust Project
/// Perspectives on AI`: the source may hold another ` on `, an author never does).
fn split_on(text: &str) -> (&str, Option<&str>) {
    match text.split_once(" on ") {
        Some((a, s)) => (a.trim().trim_end_matches(','), Some(s.trim())),
        None => (text.trim(), None),
    }
}

/// Trailing punctuation and spaces off.
fn tidy(s: &str) -> &str {
    s.trim().trim_end_matches(['.', '!', ',']).trim()
}

fn non_empty(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// The first `max` characters of a text, on one line.
fn excerpt(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", flat.get(..i).unwrap_or("")),
        None => flat,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;
    use crate::sections::Outline;
    use crate::taxonomy::Role;

    /// The quote section of a snippet, parsed.
    fn quotes_of(md: &str) -> QuoteSection {
        let outline = Outline::parse(md, 1);
        let (sections, _) = outline.sections();
        let ctx = Context {
            date: Date::new(2020, 1, 1).unwrap_or_else(|| unreachable!()),
            number: None,
        };
        sections
            .iter()
            .find(|s| matches!(s.role, Some(Role::QuoteOfTheWeek | Role::CrateAndQuote)))
            .map(|s| parse(s, &ctx))
            .unwrap_or_default()
    }

    const Q_2024_11_20: &str = "# Quote of the Week

> The whole point of Rust is that before there were two worlds:
>
> * Inefficient, garbage collected, reliable languages
> * Efficient, manually allocated, dangerous languages
>
> And the mark of being a good developer in the first was mitigating the inefficiency well.

– [Simon Buchan on rust-users]()

Thanks to [binarycat](https://users.rust-lang.org/t/twir-quote-of-the-week/328/1632) for the suggestion!

[Please submit quotes and vote for next week!](https://users.rust-lang.org/t/twir-quote-of-the-week/328)

*This Week in Rust is edited by: [nellshamrell](https://github.com/nellshamrell), [llogiq](https://github.com/llogiq).*

*Email list hosting is sponsored by [The Rust Foundation](https://foundation.rust-lang.org/)*

<small>[Discuss on r/rust](https://www.reddit.com/r/rust/comments/1gw6ztc/this_week_in_rust_574/)</small>
";

    #[test]
    fn quote_of_2024_11_20_is_by_simon_buchan_on_rust_users_with_an_empty_url() {
        let q = quotes_of(Q_2024_11_20);
        assert_eq!(q.quotes.len(), 1);
        let quote = &q.quotes[0];
        assert_eq!(quote.author.as_deref(), Some("Simon Buchan"));
        assert_eq!(quote.source.as_deref(), Some("rust-users"));
        assert_eq!(quote.url, None);
        assert_eq!(quote.line, 3);
        assert!(q.diagnostics.is_empty(), "{:?}", q.diagnostics);
    }

    #[test]
    fn quote_text_of_2024_11_20_is_markdown_without_the_markers() {
        let q = quotes_of(Q_2024_11_20);
        assert_eq!(
            q.quotes[0].text,
            "The whole point of Rust is that before there were two worlds:\n\n\
             * Inefficient, garbage collected, reliable languages\n\
             * Efficient, manually allocated, dangerous languages\n\n\
             And the mark of being a good developer in the first was mitigating the \
             inefficiency well."
        );
    }

    #[test]
    fn suggester_of_2024_11_20_is_binarycat() {
        let q = quotes_of(Q_2024_11_20);
        assert_eq!(q.quotes[0].suggested_by.as_deref(), Some("binarycat"));
    }

    #[test]
    fn attribution_of_2024_10_30_pulled_in_by_lazy_continuation_is_split_off() {
        let q = quotes_of(
            "# Quote of the Week

> An earnest effort to pursue \\[[P1179R1](https://wg21.link/p1179r1)\\] as a Lifetime TS will compromise.
In the compiler business this is called *carcinization*.
– [Sean Baxter on circle-lang.org](https://www.circle-lang.org/draft-profiles.html#carcinization)

Thanks to [Collin Richards](https://users.rust-lang.org/t/twir-quote-of-the-week/328/1627) for the suggestion!
",
        );
        assert_eq!(q.quotes.len(), 1);
        let quote = &q.quotes[0];
        assert_eq!(quote.author.as_deref(), Some("Sean Baxter"));
        assert_eq!(quote.source.as_deref(), Some("circle-lang.org"));
        assert_eq!(
            quote.url.as_deref(),
            Some("https://www.circle-lang.org/draft-profiles.html#carcinization")
        );
        assert!(
            quote.text.ends_with("called *carcinization*."),
            "{}",
            quote.text
        );
    }

    #[test]
    fn two_quotes_of_2019_02_05_keep_their_own_attributions() {
        let q = quotes_of(
            "# Quote of the Week

This time, we have two quotes for the price of one:

> The borrow checker breaks you down so that it can build you back up.

– /u/bkv on [/r/rust](https://www.reddit.com/r/rust/comments/ampvvt/x/efnw35o/)

> I always think of borrowck as an angel sitting on your shoulder.

– llogiq on [/r/rust](https://www.reddit.com/r/rust/comments/ampvvt/x/efo074d)

Thanks to [Christopher Durham](https://users.rust-lang.org/t/twir-quote-of-the-week/328/617) for the suggestion!
",
        );
        let who: Vec<_> = q
            .quotes
            .iter()
            .map(|x| {
                (
                    x.author.as_deref(),
                    x.source.as_deref(),
                    x.suggested_by.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            who,
            vec![
                (Some("/u/bkv"), Some("/r/rust"), Some("Christopher Durham")),
                (Some("llogiq"), Some("/r/rust"), Some("Christopher Durham")),
            ]
        );
    }

    #[test]
    fn two_suggesters_of_2021_09_29_are_thanked_one_per_quote() {
        let q = quotes_of(
            "# Quote of the Week

This week we have two great quotes!

> The signature of your function is your contract.

– [Quine Dot on rust-users](https://users.rust-lang.org/t/x/65106/3)

> Do you want to know what was harder than learning lifetimes?

– [Zac Burns in his RustConf talk](https://www.youtube.com/watch?v=4_Jg-rLDy-Y&t=1658s)

Thanks to [Daniel H-M](https://users.rust-lang.org/t/twir-quote-of-the-week/328/1116) and [Erik Zivkovic](https://users.rust-lang.org/t/twir-quote-of-the-week/328/1117) for the suggestions!
",
        );
        let by: Vec<_> = q.quotes.iter().map(|x| x.suggested_by.as_deref()).collect();
        assert_eq!(by, vec![Some("Daniel H-M"), Some("Erik Zivkovic")]);
    }

    #[test]
    fn two_blockquotes_of_2024_05_08_sharing_one_attribution_are_one_quote() {
        let q = quotes_of(
            "# Quote of the Week

> Rust and its borrow checker are like proper form when lifting boxes.

And the reply:

> 3. proper form while lifting boxes are a really terrible way to model graphs

– [Brett Witty and Leon on Mastodon](https://mstdn.social/@brettwitty/111734369720814683)
",
        );
        assert_eq!(q.quotes.len(), 1);
        assert_eq!(q.quotes[0].author.as_deref(), Some("Brett Witty and Leon"));
        assert!(q.quotes[0].text.ends_with("terrible way to model graphs"));
    }

    #[test]
    fn inline_quote_of_2015_08_17_is_split_at_the_em_dash() {
        let q = quotes_of(
            "# Quote of the Week

*\"Any sufficiently advanced macro is indistinguishable from magic.\"* — [barosl](https://www.reddit.com/user/barosl) at [reddit](https://www.reddit.com/r/rust/comments/3fq3o2/x/ctqzi26).

Thanks to [nasa42](https://users.rust-lang.org/users/nasa42) for the tip. [Submit your quotes for next week!][submit].

[submit]: http://users.rust-lang.org/t/twir-quote-of-the-week/328
",
        );
        assert_eq!(q.quotes.len(), 1);
        let quote = &q.quotes[0];
        assert_eq!(
            quote.text,
            "*\"Any sufficiently advanced macro is indistinguishable from magic.\"*"
        );
        assert_eq!(quote.author.as_deref(), Some("barosl"));
        assert_eq!(quote.source.as_deref(), Some("reddit"));
        assert_eq!(
            quote.url.as_deref(),
            Some("https://www.reddit.com/r/rust/comments/3fq3o2/x/ctqzi26")
        );
        assert_eq!(quote.suggested_by.as_deref(), Some("nasa42"));
    }

    #[test]
    fn plain_quotes_of_2014_01_11_in_a_paragraph_and_a_list_item_are_two() {
        let q = quotes_of(
            "# Quotes of the Week

\"[I] find it easy to get lost in this file.\" -
[kud1ing](https://github.com/mozilla/rust/pull/11472/files#r8810362) on
`libc.rs`
- \"A language is more than just semantics, syntax, and an implementation -
it's about an ecosystem and a community. Without that it dies.\" -
[bjz](https://botbot.me/mozilla/rust-internals/msg/9689869/)
",
        );
        let who: Vec<_> = q.quotes.iter().map(|x| x.author.as_deref()).collect();
        assert_eq!(who, vec![Some("kud1ing"), Some("bjz")]);
        assert!(q.quotes[1].text.ends_with("Without that it dies.\""));
    }

    #[test]
    fn fenced_irc_log_of_2015_04_13_is_the_quote_from_rust() {
        let q = quotes_of(
            "# Quote of the Week

```
<frankmcsherry> rust is like a big bucket of solder and wire.
```

From #rust.

Thanks to BurntSushi for the tip. [Submit your quotes for next week!][submit].
",
        );
        assert_eq!(q.quotes.len(), 1);
        let quote = &q.quotes[0];
        assert!(quote.text.starts_with("```\n<frankmcsherry>"));
        assert_eq!(quote.author, None);
        assert_eq!(quote.source.as_deref(), Some("#rust"));
        assert_eq!(quote.suggested_by.as_deref(), Some("BurntSushi"));
    }

    #[test]
    fn comic_of_2016_12_13_is_an_html_quote() {
        let q = quotes_of(
            "# Quote of the Week

<img src=\"https://this-week-in-rust.org/images/programming-people-rust.png\" alt=\"A lady warrior\">

— [Programming People by David Marino](http://leftoversalad.com/c/015_programmingpeople/).

Thanks to [skade](https://users.rust-lang.org/users/skade) for the suggestion.
",
        );
        assert_eq!(q.quotes.len(), 1);
        assert!(q.quotes[0].text.starts_with("<img src="));
        assert_eq!(
            q.quotes[0].author.as_deref(),
            Some("Programming People by David Marino")
        );
    }

    #[test]
    fn bare_link_line_of_2016_01_04_attributes_to_jimb_on_rust_internals() {
        let q = quotes_of(
            "# Quote of the Week

> I think the \"standard library\" is really (forgive me) a brand.

[jimb on rust-internals](https://internals.rust-lang.org/t/thoughts-on-rust-stdlib-and-c-interfacing/3036/14)

Thanks to llogiq for the belated suggestion.
",
        );
        let quote = &q.quotes[0];
        assert_eq!(quote.author.as_deref(), Some("jimb"));
        assert_eq!(quote.source.as_deref(), Some("rust-internals"));
        assert_eq!(quote.suggested_by.as_deref(), Some("llogiq"));
    }

    #[test]
    fn hyphen_attribution_of_2024_11_27_read_as_a_list_is_the_attribution() {
        let q = quotes_of(
            "# Quote of the Week

> Will never stop being positively surprised by clippy

- [Manos Pitsidianakis (and rust-clippy) on Mastodon](https://chaos.social/@epilys/113538172289599584)

llogiq is quite self-appreciative regarding [his suggestion](https://users.rust-lang.org/t/twir-quote-of-the-week/328/1633).
",
        );
        let quote = &q.quotes[0];
        assert_eq!(
            quote.author.as_deref(),
            Some("Manos Pitsidianakis (and rust-clippy)")
        );
        assert_eq!(quote.source.as_deref(), Some("Mastodon"));
        assert_eq!(quote.suggested_by.as_deref(), Some("llogiq"));
    }

    #[test]
    fn plain_text_attribution_of_2025_10_15_is_tim_mcnamara() {
        let q = quotes_of("# Quote of the Week\n\n> Pointers are quite hard.\n\n– Tim McNamara\n");
        assert_eq!(q.quotes[0].author.as_deref(), Some("Tim McNamara"));
        assert_eq!(q.quotes[0].url, None);
        assert!(q.diagnostics.is_empty());
    }

    #[test]
    fn author_and_source_links_of_2015_11_02_take_the_source_url() {
        let q = quotes_of(
            "# Crate & Quote of the Week

This week's Crate of the Week is [alias](https://github.com/huonw/alias) by [Huon W](https://github.com/huonw). Thanks go to Reddit user [notriddle](https://www.reddit.com/user/notriddle) for the suggestion.

> _alias_ allows _mutably aliasing values_ – which seems to actually be safe.

— [llogiq](https://github.com/llogiq) on the [alias](https://github.com/huonw/alias) crate.

[Submit your quotes for next week][submit]!
",
        );
        assert_eq!(q.quotes.len(), 1);
        let quote = &q.quotes[0];
        assert_eq!(quote.author.as_deref(), Some("llogiq"));
        assert_eq!(quote.source.as_deref(), Some("alias"));
        assert_eq!(quote.url.as_deref(), Some("https://github.com/huonw/alias"));
        assert_eq!(quote.suggested_by, None);
    }

    #[test]
    fn no_quote_note_of_2016_03_28_gives_no_quote_and_no_warning() {
        let q = quotes_of(
            "# Quote of the Week\n\n*No quote was selected for QotW.*\n\n[Submit your quotes for next week][submit]!\n",
        );
        assert_eq!(q, QuoteSection::default());
    }

    #[test]
    fn limerick_of_2021_08_10_counts_as_no_quote() {
        let q = quotes_of(
            "# Quote of the Week

We regrettably lack nominations,  
so as I can't choose fresh quotations,  
at last nor this time,  
I'll offer this rhyme  
to quell all discombombulations.

– a very sorry llogiq

[Please submit quotes and vote for next week!](https://users.rust-lang.org/t/twir-quote-of-the-week/328)
",
        );
        assert_eq!(q, QuoteSection::default());
    }

    #[test]
    fn quote_of_2015_10_26_without_attribution_is_warned() {
        let q = quotes_of(
            "# Crate & Quote of the Week

This week's Crate of the Week is [winapi-rs](https://github.com/retep998/winapi-rs). Thanks to [DanielKeep](https://users.rust-lang.org/t/crate-of-the-week/2704/64) for the suggestion.

> [@retep998](https://users.rust-lang.org/users/retep998) has, by and large, taken it upon himself.

> To put it another way: I think it'd be kinda nice to give him a proverbial pat on the back.

[Submit your quotes for next week][submit]!
",
        );
        assert_eq!(q.quotes.len(), 1, "two `>` blocks, one quote");
        assert!(q.quotes[0].text.contains("himself.\n\nTo put it"));
        assert_eq!(q.quotes[0].suggested_by, None);
        assert_eq!(q.diagnostics.len(), 1);
        assert_eq!(q.diagnostics[0].line, 5);
        assert!(q.diagnostics[0].message.contains("no attribution"));
    }

    #[test]
    fn text_that_is_neither_quote_nor_none_note_is_warned() {
        let q =
            quotes_of("# Quote of the Week\n\nSomething went wrong with the quote this week.\n");
        assert!(q.quotes.is_empty());
        assert_eq!(q.diagnostics.len(), 1);
        assert_eq!(q.diagnostics[0].line, 3);
    }

    #[test]
    fn closing_after_the_quote_of_2026_03_11_is_not_read() {
        let q = quotes_of(
            "# Quote of the Week

> Quote.

– [Manpacket on functional.cafe](https://functional.cafe/@manpacket/116178060408287449)

This Week in Rust is edited by:

* [nellshamrell](https://github.com/nellshamrell)
* [llogiq](https://github.com/llogiq)

> Not a quote.
",
        );
        assert_eq!(q.quotes.len(), 1);
        assert!(q.diagnostics.is_empty());
    }

    #[test]
    fn odd_text_does_not_panic() {
        for md in [
            "# Quote of the Week\n\n>\n– \n",
            "# Quote of the Week\n\n– é\n\n*\"é — \n",
            "# Quote of the Week\n\n> é\n—\n\n- \n\n\"* [x]()\n",
            "# Quote of the Week\n\nThanks to \n\n\"é\"* [é](ü) — ",
        ] {
            let _ = quotes_of(md);
        }
    }
}
