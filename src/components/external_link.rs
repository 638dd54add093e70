use crate::search::marked;
use leptos::prelude::*;
use twir_archive::web::is_web_url;
use twir_search::Highlighter;

/// A link out of the explorer to a URL from the archive; text alone when the URL is missing
/// or is not http(s), so that no `javascript:` or `data:` URL ever becomes a link.
#[component]
pub fn ExternalLink(
    url: Option<String>,
    #[prop(into)] text: String,
    #[prop(optional)] class: Option<&'static str>,
    /// Terms of a search to mark in the text.
    #[prop(optional)]
    marks: Option<Highlighter>,
    /// Whether the arrow keys of a result list move to this link (`data-result`).
    #[prop(optional)]
    result: bool,
) -> impl IntoView {
    let text = marked(&text, marks.as_ref());
    match url.filter(|u| is_web_url(u)) {
        Some(u) => view! {
            <a class=class href=u rel="noopener noreferrer" data-result=result.then_some("")>{text}</a>
        }
        .into_any(),
        None => view! { <span class=class>{text}</span> }.into_any(),
    }
}
