//! What the app and the build step need to know of a URL from the archive: its host, and
//! whether it may become a link at all (archive text is data: only http(s) URLs are links).

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
