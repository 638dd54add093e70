//! Community links: the items of the community section's category lists, and of the
//! stand-alone link lists of earlier eras (`# Notable Links`, `# From the Blogosphere`, ...).

use super::Context;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::markdown::{Block, ListItem};
use crate::model::{Link, OtherItem};
use crate::sections::Section;
use crate::taxonomy::{classify_heading, Category, Role};

/// The links (and untypable items) of a community or link-list section.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkSection {
    pub links: Vec<Link>,
    pub other_items: Vec<OtherItem>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The day `## News & Blog Posts` gave way to today's categories.
fn modern_categories_since() -> Date {
    Date::new(2020, 7, 28).expect("a real date")
}

/// Category of items listed directly under the community heading, with no category heading:
/// the catch-all of the era.
fn umbrella_category(ctx: &Context) -> Category {
    if ctx.date < modern_categories_since() {
        Category::NewsAndBlogPosts
    } else {
        Category::Miscellaneous
    }
}

pub fn parse(section: &Section<'_>, ctx: &Context) -> LinkSection {
    let mut out = LinkSection::default();
    let (mut heading, mut category) = match section.role {
        Some(Role::LinkList(c)) => (section.heading.to_string(), c),
        _ => (section.heading.to_string(), umbrella_category(ctx)),
    };
    for block in section.blocks {
        match block {
            Block::Heading { inline, .. } => {
                heading = inline.text.trim().to_string();
                category = match classify_heading(&inline.text) {
                    Some(Role::LinkList(c)) => c,
                    // Reported by `twir check` as an unmapped heading; its links are kept.
                    _ => Category::Miscellaneous,
                };
            }
            Block::List { items, .. } => {
                for item in items {
                    link_item(item, &heading, category, &mut out);
                }
            }
            _ => {}
        }
    }
    out
}

/// Links that are boilerplate of the newsletter, not community links.
fn is_boilerplate(title: &str, url: &str) -> bool {
    let t = title.to_ascii_lowercase();
    t.starts_with("please submit")
        || url.contains("REDDIT_LINK_HERE")
        || url.is_empty() && t.is_empty()
}

fn link_item(item: &ListItem, heading: &str, category: Category, out: &mut LinkSection) {
    let inline = &item.inline;
    let Some(first) = inline.links.first() else {
        let text = inline.text.trim();
        if !text.is_empty() {
            out.other_items.push(OtherItem {
                heading: heading.to_string(),
                text: text.to_string(),
                url: None,
                line: item.line,
            });
        }
        return;
    };
    let (tags, prose) = split_tags(inline.before_first_link());
    let link_text = inline.link_text(first).trim();
    let after = inline.text.get(first.range.end..).unwrap_or("");
    if is_boilerplate(link_text, &first.url) {
        return;
    }
    // `* pcwalton wrote [a post](…) about …`: the link text alone is no title.
    let title = if prose.chars().filter(|c| c.is_alphanumeric()).count() >= 4 {
        format!("{}{}{}", prose, link_text, after.trim_end())
    } else {
        link_text.to_string()
    };
    let description = if title.len() > link_text.len() {
        None
    } else {
        description_of(after)
    };
    if first.url.trim().is_empty() {
        out.diagnostics.push(Diagnostic::warning(
            item.line,
            format!("the link `{link_text}` has an empty URL"),
            "add the URL between the parentheses",
        ));
    }
    out.links.push(Link {
        heading: heading.to_string(),
        category,
        title: collapse_spaces(&title),
        url: first.url.trim().to_string(),
        tags,
        description,
        line: item.line,
    });
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `. Description text` after a link → `Description text`; punctuation or emoji alone → none.
fn description_of(after: &str) -> Option<String> {
    let d = after
        .trim()
        .trim_start_matches(['.', ',', ':', ';', '-', '–', '—', ' '])
        .trim();
    (d.chars().filter(|c| c.is_alphanumeric()).count() >= 3).then(|| collapse_spaces(d))
}

/// Reads `[video] [series] ` / `[ZH|EN] ` / `(video) ` prefixes into tags; returns the tags
/// and whatever prose is left before the link.
pub fn split_tags(prefix: &str) -> (Vec<String>, &str) {
    let mut tags: Vec<String> = Vec::new();
    let mut rest = prefix.trim_start();
    loop {
        let (open, close) = match rest.chars().next() {
            Some('[') => ('[', ']'),
            Some('(') => ('(', ')'),
            _ => break,
        };
        let Some(end) = rest.find(close) else { break };
        let inner = &rest[open.len_utf8()..end];
        let found = tags_of(inner);
        if found.is_empty() {
            break;
        }
        for t in found {
            if !tags.contains(&t) {
                tags.push(t);
            }
        }
        rest = rest[end + 1..].trim_start();
    }
    (tags, rest)
}

/// The tags one bracket holds: `video`, `ZH|EN`, `ZH-CN`, `Chinese`.
fn tags_of(inner: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in inner.split(['|', '/', ',']) {
        let p = part.trim().to_ascii_lowercase();
        let tag = match p.as_str() {
            "video" | "videos" => "video",
            "videoplaylist" | "video playlist" => "video",
            "audio" => "audio",
            "podcast" => "podcast",
            "series" => "series",
            "slides" => "slides",
            "pdf" => "pdf",
            "collection" => "collection",
            "picture" => "picture",
            "opinion" => "opinion",
            "inside" => "inside-rust",
            "foundation" => "foundation",
            "zh" | "cn" | "zh-cn" | "chinese" => "zh",
            "ja" | "jp" | "japanese" => "ja",
            "en" => "en",
            "de" => "de",
            "es" => "es",
            "pt" | "pt-br" => "pt",
            "pl" => "pl",
            "fr" => "fr",
            "ru" => "ru",
            "it" => "it",
            "ko" | "kr" => "ko",
            "nl" => "nl",
            "tr" => "tr",
            "uk" | "ua" => "uk",
            _ => return Vec::new(),
        };
        if p.starts_with("videoplaylist") || p == "video playlist" {
            out.push("playlist".to_string());
        }
        out.push(tag.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sections::Outline;

    fn links(md: &str, date: &str) -> LinkSection {
        let o = Outline::parse(md, 1);
        let (sections, _) = o.sections();
        let ctx = Context {
            date: date.parse().unwrap(),
            number: None,
        };
        let mut all = LinkSection::default();
        for s in sections
            .iter()
            .filter(|s| matches!(s.role, Some(Role::Community | Role::LinkList(_))))
        {
            let part = parse(s, &ctx);
            all.links.extend(part.links);
            all.other_items.extend(part.other_items);
            all.diagnostics.extend(part.diagnostics);
        }
        all
    }

    #[test]
    fn links_of_665_carry_heading_category_and_tags() {
        let md = "## Updates from Rust Community\n\n### Official\n* [Experiment in reducing target directory size on nightly](https://blog.rust-lang.org/inside-rust/2026/08/18/reducing-target-dir-size-on-nightly/)\n\n### Observations/Thoughts\n* [From Go to Rust](https://rolandsdev.blog/posts/from-go-to-rust/)\n* [video] [series] [Implementing State Machines (Part 1)](https://youtu.be/q4GdfJNKI-M)\n\n## Crate of the Week\n";
        let s = links(md, "2026-08-19");
        assert_eq!(s.links.len(), 3);
        assert_eq!(s.links[0].category, Category::Official);
        assert_eq!(s.links[0].heading, "Official");
        assert_eq!(s.links[2].title, "Implementing State Machines (Part 1)");
        assert_eq!(s.links[2].tags, ["video", "series"]);
        assert_eq!(s.links[2].category, Category::Observations);
        assert_eq!(s.links[2].line, 8);
    }

    #[test]
    fn news_and_blog_posts_of_2017_keep_their_own_category_and_descriptions() {
        let md = "# Updates from Rust Community\n\n## News & Blog Posts\n\n* 🎈🎉 [Announcing Rust 1.4](https://blog.rust-lang.org/2015/10/29/Rust-1.4.html). 🎉🎈\n* [ZH|EN] [Rust 学习](https://example.com/zh). A guide in two languages.\n";
        let s = links(md, "2017-06-06");
        assert_eq!(s.links[0].category, Category::NewsAndBlogPosts);
        assert_eq!(s.links[0].title, "Announcing Rust 1.4");
        assert_eq!(s.links[0].description, None, "emoji are not a description");
        assert_eq!(s.links[1].tags, ["zh", "en"]);
        assert_eq!(
            s.links[1].description.as_deref(),
            Some("A guide in two languages.")
        );
    }

    #[test]
    fn reference_style_links_of_era_c_resolve() {
        let md = "# Notable Links\n\n* [Rust 1.0 in numbers][numbers].\n\n[numbers]: https://example.com/numbers\n";
        let s = links(md, "2015-05-18");
        assert_eq!(s.links[0].url, "https://example.com/numbers");
        assert_eq!(s.links[0].heading, "Notable Links");
    }

    #[test]
    fn prose_items_of_2013_keep_the_whole_sentence_as_title() {
        let md = "# Notable Links\n\n* pcwalton wrote [a blog post](https://example.com/p) about borrowing.\n";
        let s = links(md, "2013-07-06");
        assert_eq!(
            s.links[0].title,
            "pcwalton wrote a blog post about borrowing."
        );
    }

    #[test]
    fn boilerplate_and_linkless_items_are_not_links() {
        let md = "## Updates from Rust Community\n### Official\n* [Please submit your links](https://example.com)\n* just text\n";
        let s = links(md, "2024-01-01");
        assert!(s.links.is_empty());
        assert_eq!(s.other_items.len(), 1);
    }

    #[test]
    fn tag_prefixes_of_every_style_are_read() {
        assert_eq!(split_tags("[Video] ").0, ["video"]);
        assert_eq!(split_tags("[ZH | EN] ").0, ["zh", "en"]);
        assert_eq!(split_tags("[ZH][series] ").0, ["zh", "series"]);
        assert_eq!(split_tags("(video) ").0, ["video"]);
        assert_eq!(split_tags("[videoplaylist] ").0, ["playlist", "video"]);
        assert_eq!(split_tags("[easy] "), (vec![], "[easy] "));
    }
}
