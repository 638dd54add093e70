//! The filters of the views as plain values over the decoded records, so that they are tested
//! natively and run the same in the browser: a date range (the issues and links views), and
//! the filtering and counting of community links.

use twir_archive::bundle::LinkRow;
use twir_archive::taxonomy::Category;
use twir_archive::web::host;
use twir_archive::Date;

/// The dates a view keeps: a year, and a first and a last day; `None` means "any".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateRange {
    pub year: Option<i32>,
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl DateRange {
    /// The range of the `year`, `from` and `to` query parameters (an unreadable one is "any").
    pub fn from_params(year: Option<&str>, from: Option<&str>, to: Option<&str>) -> Self {
        Self {
            year: year.and_then(|y| y.parse().ok()),
            from: from.and_then(|d| d.parse().ok()),
            to: to.and_then(|d| d.parse().ok()),
        }
    }

    pub fn contains(&self, date: Date) -> bool {
        self.year.is_none_or(|y| date.year() == y)
            && self.from.is_none_or(|f| date >= f)
            && self.to.is_none_or(|t| date <= t)
    }
}

/// The link filters a reader can set; `None` means "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkFilter {
    pub category: Option<Category>,
    pub dates: DateRange,
    pub min_issue: Option<u32>,
    pub max_issue: Option<u32>,
    pub tag: Option<String>,
    pub site: Option<String>,
    pub oldest_first: bool,
}

impl LinkFilter {
    fn matches_except_category(&self, l: &LinkRow, date: Date) -> bool {
        self.dates.contains(date)
            && self.min_issue.is_none_or(|m| l.issue >= m)
            && self.max_issue.is_none_or(|m| l.issue <= m)
            && self
                .tag
                .as_deref()
                .is_none_or(|t| l.tags.iter().any(|x| x == t))
            && self
                .site
                .as_deref()
                .is_none_or(|s| host(&l.url).eq_ignore_ascii_case(s))
    }

    /// Indices of the matching links, in the chosen order, and the count per category under
    /// all the other filters (so the counts answer "how many would I see if I picked it").
    pub fn apply(
        &self,
        links: &[LinkRow],
        date_of: impl Fn(u32) -> Option<Date>,
    ) -> (Vec<usize>, [usize; Category::ALL.len()]) {
        let mut counts = [0usize; Category::ALL.len()];
        let mut hits = Vec::new();
        for (i, l) in links.iter().enumerate() {
            let Some(date) = date_of(l.issue) else {
                continue;
            };
            if !self.matches_except_category(l, date) {
                continue;
            }
            counts[l.category.index()] += 1;
            if self.category.is_none_or(|c| c == l.category) {
                hits.push(i);
            }
        }
        // Links are stored oldest issue first; newest issue first is the default, keeping
        // each issue's own order (a stable sort).
        if !self.oldest_first {
            hits.sort_by_key(|&i| std::cmp::Reverse(links[i].issue));
        }
        (hits, counts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(issue: u32, category: Category, url: &str, tags: &[&str]) -> LinkRow {
        LinkRow {
            issue,
            category,
            heading: category.label().into(),
            title: format!("#{issue}"),
            url: url.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            description: None,
        }
    }

    fn date_of(issue: u32) -> Option<Date> {
        // Issue n appears in 2000 + n / 100.
        Date::new(2000 + (issue / 100) as i32, 1, 1)
    }

    #[test]
    fn filters_combine_and_category_counts_ignore_only_the_category() {
        let links = vec![
            link(
                2210,
                Category::Walkthroughs,
                "https://www.example.com/a",
                &[],
            ),
            link(
                2320,
                Category::Walkthroughs,
                "https://example.com/b",
                &["video"],
            ),
            link(2330, Category::Research, "https://arxiv.org/x", &[]),
            link(2440, Category::Walkthroughs, "https://example.com/c", &[]),
        ];
        let f = LinkFilter {
            category: Some(Category::Walkthroughs),
            dates: DateRange {
                year: Some(2023),
                ..Default::default()
            },
            ..Default::default()
        };
        let (hits, counts) = f.apply(&links, date_of);
        assert_eq!(hits, [1]);
        assert_eq!(counts[Category::Research.index()], 1);
        let f = LinkFilter {
            site: Some("example.com".into()),
            ..Default::default()
        };
        assert_eq!(
            f.apply(&links, date_of).0,
            [3, 1, 0],
            "newest first; www. ignored"
        );
        let same_issue = vec![
            link(2210, Category::Official, "https://a.org/1", &[]),
            link(2210, Category::Official, "https://a.org/2", &[]),
            link(2320, Category::Official, "https://a.org/3", &[]),
        ];
        let f = LinkFilter::default();
        assert_eq!(
            f.apply(&same_issue, date_of).0,
            [2, 0, 1],
            "an issue keeps its own order"
        );
        let f = LinkFilter {
            tag: Some("video".into()),
            oldest_first: true,
            ..Default::default()
        };
        assert_eq!(f.apply(&links, date_of).0, [1]);
        let f = LinkFilter {
            min_issue: Some(2300),
            max_issue: Some(2330),
            oldest_first: true,
            ..Default::default()
        };
        assert_eq!(f.apply(&links, date_of).0, [1, 2]);
    }

    #[test]
    fn a_date_range_keeps_its_year_and_its_days_inclusive() {
        let d = |y, m, day| Date::new(y, m, day).unwrap();
        let r = DateRange::from_params(Some("2023"), Some("2023-03-01"), Some("2023-06-30"));
        assert!(r.contains(d(2023, 3, 1)) && r.contains(d(2023, 6, 30)));
        assert!(!r.contains(d(2023, 2, 28)) && !r.contains(d(2023, 7, 1)));
        let unread = DateRange::from_params(Some("soon"), Some("2023-13-01"), None);
        assert_eq!(unread, DateRange::default());
        assert!(unread.contains(d(1999, 1, 1)));
    }
}
