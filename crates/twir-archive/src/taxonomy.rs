//! The categories readers filter links by, and the one table that maps every heading the
//! archive has used since 2013 to a section role (and, for link lists, a category).
//!
//! Categories: the eight of today's issues, plus three that older headings honestly need:
//! `News & Blog Posts` (the catch-all of 2013-2020, kept as its own rather than forced into a
//! modern category), `Discussions` (forum and Reddit threads of 2013-2015) and
//! `Talks & Conferences` (conference write-ups and recordings, under the conference's name).

use serde::{Deserialize, Serialize};

/// A canonical category of community links.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    Official,
    Foundation,
    Newsletters,
    ProjectUpdates,
    Observations,
    Walkthroughs,
    Research,
    Miscellaneous,
    NewsAndBlogPosts,
    Discussions,
    TalksAndConferences,
}

impl Category {
    /// All categories, in the order readers see them.
    pub const ALL: [Category; 11] = [
        Category::Official,
        Category::Foundation,
        Category::Newsletters,
        Category::ProjectUpdates,
        Category::Observations,
        Category::Walkthroughs,
        Category::Research,
        Category::Miscellaneous,
        Category::NewsAndBlogPosts,
        Category::Discussions,
        Category::TalksAndConferences,
    ];

    /// The name readers see.
    pub fn label(self) -> &'static str {
        match self {
            Category::Official => "Official",
            Category::Foundation => "Foundation",
            Category::Newsletters => "Newsletters",
            Category::ProjectUpdates => "Project/Tooling Updates",
            Category::Observations => "Observations/Thoughts",
            Category::Walkthroughs => "Rust Walkthroughs",
            Category::Research => "Research",
            Category::Miscellaneous => "Miscellaneous",
            Category::NewsAndBlogPosts => "News & Blog Posts",
            Category::Discussions => "Discussions",
            Category::TalksAndConferences => "Talks & Conferences",
        }
    }

    /// The stable identifier used in the bundle and in URLs.
    pub fn slug(self) -> &'static str {
        match self {
            Category::Official => "official",
            Category::Foundation => "foundation",
            Category::Newsletters => "newsletters",
            Category::ProjectUpdates => "project-updates",
            Category::Observations => "observations",
            Category::Walkthroughs => "walkthroughs",
            Category::Research => "research",
            Category::Miscellaneous => "miscellaneous",
            Category::NewsAndBlogPosts => "news-and-blog-posts",
            Category::Discussions => "discussions",
            Category::TalksAndConferences => "talks-and-conferences",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.slug() == slug)
    }

    /// Its place in [`Category::ALL`]: the index of per-category counts, the bundle's
    /// category column and the search index's category bits.
    pub fn index(self) -> usize {
        // The variants are declared in the order of `ALL` (a test checks it).
        self as usize
    }
}

/// What a section of an issue is, decided from its heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The community links umbrella (`Updates from Rust Community`, `Community`); items
    /// directly under it belong to the catch-all of their era.
    Community,
    /// A list of community links of one category.
    LinkList(Category),
    CrateOfTheWeek,
    QuoteOfTheWeek,
    /// `Crate & Quote of the Week` (2015-10-26): both in one section.
    CrateAndQuote,
    /// `Upcoming Events`, `Meetups`.
    Events,
    /// A region heading inside events (`Europe`, `Virtual`, `Oceania:`).
    EventRegion,
    /// `Call for Participation`, with `CFP - Projects` / `CFP - Speakers` / `CFP - Events`.
    CallForParticipation,
    CallsForTesting,
    /// The project's updates: `Updates from Rust Core/Project`, `What's cooking on master?`,
    /// and their parts when they stand alone (`Approved RFCs`, `Final Comment Period`, ...).
    ProjectUpdates,
    Jobs,
    /// Known sections kept as narrative text of the issue (meetings, This Week in Servo,
    /// anniversaries, editors); their list items become other items.
    Narrative,
}

impl Role {
    /// Whether this role starts a new top-level section wherever it appears.
    pub fn is_top_level(self) -> bool {
        !matches!(
            self,
            Role::EventRegion | Role::LinkList(_) | Role::Narrative
        )
    }
}

/// A heading reduced for matching: lower case, link brackets and emphasis dropped, trailing
/// colons and exclamation marks gone, white space folded.
pub fn normalize_heading(text: &str) -> String {
    let mut s: String = text
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | '*' | '`' | '\\'))
        .collect::<String>()
        .to_lowercase();
    s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_end_matches([':', '!', '?', ',', '.', ' '])
        .trim()
        .to_string()
}

use Category as C;

/// Exact headings (normalised) and their role. The one table; `twir check` reports any
/// heading that neither this table nor the prefix rules below map.
const EXACT: &[(&str, Role)] = &[
    // The community umbrella.
    ("updates from rust community", Role::Community),
    ("community", Role::Community),
    // Today's eight categories and their earlier names.
    ("official", Role::LinkList(C::Official)),
    ("from the team", Role::LinkList(C::Official)),
    ("foundation", Role::LinkList(C::Foundation)),
    ("newsletters", Role::LinkList(C::Newsletters)),
    ("newsletter", Role::LinkList(C::Newsletters)),
    (
        "other weeklies from rust community",
        Role::LinkList(C::Newsletters),
    ),
    ("project/tooling updates", Role::LinkList(C::ProjectUpdates)),
    ("tooling", Role::LinkList(C::ProjectUpdates)),
    ("project updates", Role::LinkList(C::ProjectUpdates)),
    ("new projects", Role::LinkList(C::ProjectUpdates)),
    ("projects", Role::LinkList(C::ProjectUpdates)),
    ("external projects", Role::LinkList(C::ProjectUpdates)),
    ("new crates", Role::LinkList(C::ProjectUpdates)),
    ("notable new crates", Role::LinkList(C::ProjectUpdates)),
    (
        "notable new crates & projects",
        Role::LinkList(C::ProjectUpdates),
    ),
    (
        "notable new crates & project updates",
        Role::LinkList(C::ProjectUpdates),
    ),
    (
        "new crates & project updates",
        Role::LinkList(C::ProjectUpdates),
    ),
    (
        "new releases & project updates",
        Role::LinkList(C::ProjectUpdates),
    ),
    ("crates ecosystem", Role::LinkList(C::ProjectUpdates)),
    ("gsoc project", Role::LinkList(C::ProjectUpdates)),
    ("gsoc projects", Role::LinkList(C::ProjectUpdates)),
    ("rsoc projects", Role::LinkList(C::ProjectUpdates)),
    ("summer of code projects", Role::LinkList(C::ProjectUpdates)),
    ("observations/thoughts", Role::LinkList(C::Observations)),
    ("call for blog posts", Role::LinkList(C::Observations)),
    ("rustconf experiences", Role::LinkList(C::Observations)),
    (
        "rustconf/rustfest experiences",
        Role::LinkList(C::Observations),
    ),
    ("rust walkthroughs", Role::LinkList(C::Walkthroughs)),
    ("learn", Role::LinkList(C::Walkthroughs)),
    ("learn rust", Role::LinkList(C::Walkthroughs)),
    ("learn standard rust", Role::LinkList(C::Walkthroughs)),
    ("learn more rust", Role::LinkList(C::Walkthroughs)),
    ("learn simple rust", Role::LinkList(C::Walkthroughs)),
    ("tips & tricks", Role::LinkList(C::Walkthroughs)),
    ("research", Role::LinkList(C::Research)),
    ("papers", Role::LinkList(C::Research)),
    ("research papers", Role::LinkList(C::Research)),
    ("research and papers", Role::LinkList(C::Research)),
    ("papers and research projects", Role::LinkList(C::Research)),
    ("papers/research projects", Role::LinkList(C::Research)),
    ("miscellaneous", Role::LinkList(C::Miscellaneous)),
    // The catch-alls of 2013-2020.
    ("news & blog posts", Role::LinkList(C::NewsAndBlogPosts)),
    ("blog posts", Role::LinkList(C::NewsAndBlogPosts)),
    (
        "news & project updates",
        Role::LinkList(C::NewsAndBlogPosts),
    ),
    ("from the blogosphere", Role::LinkList(C::NewsAndBlogPosts)),
    ("notable links", Role::LinkList(C::NewsAndBlogPosts)),
    ("in the news", Role::LinkList(C::NewsAndBlogPosts)),
    ("some links", Role::LinkList(C::NewsAndBlogPosts)),
    (
        "prominent blog posts and ml threads",
        Role::LinkList(C::NewsAndBlogPosts),
    ),
    (
        "discussion + blog posts",
        Role::LinkList(C::NewsAndBlogPosts),
    ),
    ("community updates", Role::LinkList(C::NewsAndBlogPosts)),
    ("announcements", Role::LinkList(C::NewsAndBlogPosts)),
    ("announcements etc", Role::LinkList(C::NewsAndBlogPosts)),
    ("announcements, etc", Role::LinkList(C::NewsAndBlogPosts)),
    ("other announcements", Role::LinkList(C::NewsAndBlogPosts)),
    (
        "project announcements etc",
        Role::LinkList(C::NewsAndBlogPosts),
    ),
    (
        "projects and discussion",
        Role::LinkList(C::NewsAndBlogPosts),
    ),
    (
        "projects, discussion, and announcements",
        Role::LinkList(C::NewsAndBlogPosts),
    ),
    (
        "notable discourse and external projects",
        Role::LinkList(C::NewsAndBlogPosts),
    ),
    ("other things", Role::LinkList(C::NewsAndBlogPosts)),
    // Forum and Reddit threads.
    ("discussions", Role::LinkList(C::Discussions)),
    ("discuss", Role::LinkList(C::Discussions)),
    ("reddit", Role::LinkList(C::Discussions)),
    ("internals discussions", Role::LinkList(C::Discussions)),
    ("notable discourse", Role::LinkList(C::Discussions)),
    // Conferences.
    ("videos", Role::LinkList(C::TalksAndConferences)),
    (
        "slides and talks from rustcamp",
        Role::LinkList(C::TalksAndConferences),
    ),
    (
        "from rust all hands in berlin",
        Role::LinkList(C::TalksAndConferences),
    ),
    ("novemb.rs", Role::LinkList(C::TalksAndConferences)),
    // Crate and quote.
    ("crate of the week", Role::CrateOfTheWeek),
    ("crate & quote of the week", Role::CrateAndQuote),
    ("quote of the week", Role::QuoteOfTheWeek),
    ("quotes of the week", Role::QuoteOfTheWeek),
    // Events.
    ("upcoming events", Role::Events),
    ("upcoming meetups", Role::Events),
    ("meetups", Role::Events),
    ("online", Role::EventRegion),
    ("virtual", Role::EventRegion),
    ("africa", Role::EventRegion),
    ("asia", Role::EventRegion),
    ("asia pacific", Role::EventRegion),
    ("asia-pacific", Role::EventRegion),
    ("europe", Role::EventRegion),
    ("north america", Role::EventRegion),
    ("south america", Role::EventRegion),
    ("oceania", Role::EventRegion),
    // Calls.
    ("call for participation", Role::CallForParticipation),
    (
        "call for participation; projects and speakers",
        Role::CallForParticipation,
    ),
    ("cfp - projects", Role::CallForParticipation),
    ("cfp - speakers", Role::CallForParticipation),
    ("cfp - events", Role::CallForParticipation),
    ("call for testing", Role::CallsForTesting),
    ("calls for testing", Role::CallsForTesting),
    ("call for testing (new)", Role::CallsForTesting),
    // The project's updates and their parts.
    ("updates from rust core", Role::ProjectUpdates),
    ("updates from the rust project", Role::ProjectUpdates),
    ("approved rfcs", Role::ProjectUpdates),
    ("approved rfc's", Role::ProjectUpdates),
    ("new rfcs", Role::ProjectUpdates),
    ("new rfc's", Role::ProjectUpdates),
    ("new and updated rfcs", Role::ProjectUpdates),
    ("rfcs", Role::ProjectUpdates),
    ("style rfcs", Role::ProjectUpdates),
    ("closed rfcs", Role::ProjectUpdates),
    ("final comment period", Role::ProjectUpdates),
    ("tracking issues & prs", Role::ProjectUpdates),
    ("rust compiler performance triage", Role::ProjectUpdates),
    ("breaking changes", Role::ProjectUpdates),
    ("breaking change log", Role::ProjectUpdates),
    ("other changes", Role::ProjectUpdates),
    ("notable changes", Role::ProjectUpdates),
    ("new contributors", Role::ProjectUpdates),
    ("betawatch", Role::ProjectUpdates),
    // Jobs.
    ("rust jobs", Role::Jobs),
    ("jobs", Role::Jobs),
    ("fn work(on: rustproject) -> money", Role::Jobs),
    ("training opportunities", Role::Jobs),
];

/// Headings that start with one of these (normalised) map to the role.
const PREFIXES: &[(&str, Role)] = &[
    ("what's cooking", Role::ProjectUpdates),
    ("notable additions", Role::ProjectUpdates),
    ("notable compiler additions", Role::ProjectUpdates),
    ("notable library additions", Role::ProjectUpdates),
    ("library improvements", Role::ProjectUpdates),
    ("compiler improvements", Role::ProjectUpdates),
    ("library changes", Role::ProjectUpdates),
    ("compiler changes", Role::ProjectUpdates),
    ("additions", Role::ProjectUpdates),
    ("changes etc", Role::ProjectUpdates),
    ("#rust20", Role::LinkList(C::Observations)),
    ("24 days of rust", Role::LinkList(C::Walkthroughs)),
    (
        "the end of 24 days of rust",
        Role::LinkList(C::Walkthroughs),
    ),
    ("rustconf 20", Role::LinkList(C::TalksAndConferences)),
    ("eurorust", Role::LinkList(C::TalksAndConferences)),
    ("rustnl", Role::LinkList(C::TalksAndConferences)),
    ("rust nation", Role::LinkList(C::TalksAndConferences)),
    ("fosdem", Role::LinkList(C::TalksAndConferences)),
    ("rustfest", Role::LinkList(C::TalksAndConferences)),
];

/// Narrative sections: known, kept as text of the issue.
const NARRATIVE: &[&str] = &[
    "weekly meeting",
    "weekly meetings",
    "meeting",
    "meetings",
    "meetings and notes",
    "this week in servo",
    "servo",
    "this week in cargo",
    "subteam reports",
    "libs team",
    "lang team",
    "compiler team",
    "tool team",
    "friend of the tree",
    "friends of the forest",
    "documentation",
    "documentation etc",
    "docs etc",
    "documentation, tools, and other stuff",
    "tools, documentation, etc",
    "everything else",
    "other changes etc",
    "compiler",
    "libraries",
    "iterators",
    "rustpkg",
    "io",
    "runtime",
    "the future",
    "newcomers",
    "is rust ready",
    "is rust ready yet",
    "the big story",
    "the big news",
    "in summary",
    "new intern",
    "incoming branch annihilated",
    "newrt changes",
    "rustdoc_ng",
    "module of the week",
    "issue 400",
    "current editors",
    "past editors",
    "thank you",
    "what does this week in rust mean to you",
    "we stand with you",
    "we stand with you 🇺🇦",
    "transcript",
    "who's been awesome for the rust community - rustconf 2017 edition",
];

/// The role of a heading, if a rule maps it.
pub fn classify_heading(text: &str) -> Option<Role> {
    let h = normalize_heading(text);
    if let Some((_, role)) = EXACT.iter().find(|(k, _)| *k == h) {
        return Some(*role);
    }
    if let Some((_, role)) = PREFIXES.iter().find(|(p, _)| h.starts_with(p)) {
        return Some(*role);
    }
    if NARRATIVE.contains(&h.as_str()) || h.ends_with("triage log") {
        return Some(Role::Narrative);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn todays_eight_categories_map_to_themselves() {
        for c in &Category::ALL[..8] {
            assert_eq!(
                classify_heading(c.label()),
                Some(Role::LinkList(*c)),
                "{}",
                c.label()
            );
        }
    }

    #[test]
    fn older_headings_map_honestly() {
        assert_eq!(
            classify_heading("News & Blog Posts"),
            Some(Role::LinkList(C::NewsAndBlogPosts))
        );
        assert_eq!(
            classify_heading("Learn More Rust"),
            Some(Role::LinkList(C::Walkthroughs))
        );
        assert_eq!(
            classify_heading("[RustConf 2024](https://rustconf.com)"),
            Some(Role::LinkList(C::TalksAndConferences))
        );
        assert_eq!(
            classify_heading("#Rust2019"),
            Some(Role::LinkList(C::Observations))
        );
        assert_eq!(classify_heading("Oceania:"), Some(Role::EventRegion));
        assert_eq!(
            classify_heading("What's cooking on `master`?"),
            Some(Role::ProjectUpdates)
        );
        assert_eq!(
            classify_heading("fn work(on: RustProject) -> Money"),
            Some(Role::Jobs)
        );
        assert_eq!(classify_heading("Something never seen"), None);
    }

    #[test]
    fn slugs_round_trip() {
        for c in Category::ALL {
            assert_eq!(Category::from_slug(c.slug()), Some(c));
        }
    }

    #[test]
    fn index_is_the_place_in_all() {
        for (i, c) in Category::ALL.into_iter().enumerate() {
            assert_eq!(c.index(), i, "{c:?}");
            assert_eq!(Category::ALL[c.index()], c);
        }
    }
}
