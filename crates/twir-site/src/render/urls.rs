//! The URL policy of rendered bodies: which link targets and image sources stay, and where
//! relative ones point.

use super::ids::HEADING_ID_PREFIX;
use std::borrow::Cow;

/// The live site: root-relative links of the archive point there.
pub const SITE: &str = twir_archive::web::TWIR_SITE;

/// A link target as the sanitiser would leave it: `http:`, `https:`, `mailto:` URLs as
/// they are, relative ones through [`resolve_relative`], nothing else.
pub(super) fn allowed_url(url: &str) -> Option<Cow<'_, str>> {
    if is_plain_web_url(url) {
        return Some(Cow::Borrowed(url));
    }
    match ammonia::Url::parse(url) {
        Ok(parsed) => ["http", "https", "mailto"]
            .contains(&parsed.scheme())
            .then_some(Cow::Borrowed(url)),
        Err(ammonia::url::ParseError::RelativeUrlWithoutBase) => resolve_relative(url),
        Err(_) => None,
    }
}

/// A shortcut for the common case, which `Url::parse` would accept as http(s): a lower-case
/// `http://` or `https://` and a host of ASCII letters, digits, `.` and `-` that ends in a
/// letter (so not an IPv4 address), followed by nothing, `/`, `?` or `#`.
fn is_plain_web_url(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest.get(..end).unwrap_or("");
    host.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        && host.bytes().last().is_some_and(|b| b.is_ascii_alphabetic())
        && !rest.contains(|c: char| c.is_ascii_control() || c == '\\')
}

/// An image source as the sanitiser would leave it (see [`filter_attribute`](super::sanitize::filter_attribute)).
pub(super) fn allowed_image_url(url: &str) -> Option<String> {
    let url = allowed_url(url)?;
    super::sanitize::filter_attribute("img", "src", &url).map(Cow::into_owned)
}

/// A relative URL as a link of the reader: `#fragment` goes to the heading ids of the body
/// (`#x` becomes `#s-x`, see [`HEADING_ID_PREFIX`]; `#s-x` stays), `/path` goes to [`SITE`],
/// `//host/…` and `www.host/…` get `https:`; anything else (path-relative, or not a URL at
/// all) has no meaning outside the old site's page and is dropped.
pub(super) fn resolve_relative(url: &str) -> Option<Cow<'_, str>> {
    let url = url.trim();
    if let Some(fragment) = url.strip_prefix('#') {
        if fragment.is_empty() || fragment.starts_with(HEADING_ID_PREFIX) {
            Some(Cow::Borrowed(url))
        } else {
            Some(Cow::Owned(["#", HEADING_ID_PREFIX, fragment].concat()))
        }
    } else if let Some(rest) = url.strip_prefix("//") {
        (!rest.is_empty()).then(|| Cow::Owned(format!("https://{rest}")))
    } else if url.starts_with('/') {
        Some(Cow::Owned(format!("{SITE}{url}")))
    } else if url.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("www.")) {
        Some(Cow::Owned(format!("https://{url}")))
    } else {
        None
    }
}
