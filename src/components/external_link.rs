use leptos::prelude::*;
use twir_archive::web::is_web_url;

/// A link out of the explorer to a URL from the archive; text alone when the URL is missing
/// or is not http(s), so that no `javascript:` or `data:` URL ever becomes a link.
#[component]
pub fn ExternalLink(
    url: Option<String>,
    #[prop(into)] text: String,
    #[prop(optional)] class: Option<&'static str>,
) -> impl IntoView {
    match url.filter(|u| is_web_url(u)) {
        Some(u) => view! { <a class=class href=u rel="noopener noreferrer">{text}</a> }.into_any(),
        None => view! { <span class=class>{text}</span> }.into_any(),
    }
}
