//! What the app and the build step need to know of a URL from the archive: its host, and
//! whether it may become a link at all (archive text is data: only http(s) URLs are links),
//! and where an issue lives on the archive's own site.

use crate::Date;

/// The live site of This Week in Rust.
pub const TWIR_SITE: &str = "https://this-week-in-rust.org";

/// The issue on the archive's own site.
pub fn twir_org_url(number: u32, date: Date) -> String {
    format!(
        "{TWIR_SITE}/blog/{:04}/{:02}/{:02}/this-week-in-rust-{number}/",
        date.year(),
        date.month(),
        date.day()
    )
}

/// An `http:` or `https:` URL, the only kind the explorer turns into a link.
pub fn is_web_url(url: &str) -> bool {
    let scheme = url.split_once("://").map_or("", |(s, _)| s);
    scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")
}

/// The host of a URL without `www.` and user info: `blog.rust-lang.org`.
pub fn host(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    host.strip_prefix("www.").unwrap_or(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issues_link_to_their_page_on_the_archive_site() {
        assert_eq!(
            twir_org_url(1, Date::new(2013, 6, 22).unwrap()),
            "https://this-week-in-rust.org/blog/2013/06/22/this-week-in-rust-1/"
        );
    }

    #[test]
    fn only_http_and_https_urls_are_web_urls() {
        for ok in ["https://a.org/", "http://a.org", "HTTPS://a.org/x"] {
            assert!(is_web_url(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt://x",
            "data:text/html,x",
            "mailto:a@b",
            "//a.org",
            "",
            "a.org",
        ] {
            assert!(!is_web_url(bad), "{bad}");
        }
    }

    #[test]
    fn hosts_are_read_from_any_url() {
        assert_eq!(
            host("https://www.blog.rust-lang.org/2024/x?y#z"),
            "blog.rust-lang.org"
        );
        assert_eq!(host("http://user@example.com:8080/"), "example.com:8080");
        assert_eq!(host("not a url"), "not a url");
    }
}
