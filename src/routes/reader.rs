use crate::api::{self, LoadError, Progress};
use crate::components::LoadBoundary;
use crate::download::Download;
use crate::router::use_param;
use crate::routes::issue_href;
use crate::store::use_store;
use leptos::prelude::*;
use std::sync::Arc;
use twir_archive::bundle::{issue_body_path, RenderedBody};
use twir_archive::web::twir_org_url;

/// An issue's body as the bundle ships it.
enum Body {
    /// HTML sanitised by the build step, with its table of contents.
    Rendered(RenderedBody),
    /// A bundle written with markdown bodies: shown as text.
    Markdown(String),
}

/// One issue: its table of contents and body, with links to the previous and next issue and
/// to the original on this-week-in-rust.org.
#[component]
pub fn ReaderView() -> impl IntoView {
    let store = use_store();
    let issue = use_param("issue");
    let number = Memo::new(move |_| {
        let newest = store.index.with_value(|i| i.issues.number.last().copied());
        issue
            .get()
            .and_then(|n| n.trim_start_matches('#').parse::<u32>().ok())
            .or(newest)
    });
    move || {
        let Some(n) = number.get() else {
            return view! { <p>"This archive has no issues."</p> }.into_any();
        };
        let pos = store
            .index
            .with_value(|i| i.issues.number.binary_search(&n).ok());
        let Some(pos) = pos else {
            return view! {
                <section class="panel error" role="alert">
                    <h1>{format!("There is no issue #{n}")}</h1>
                    <p>"The archive has no issue with that number. "<a href="?view=issues">"See all issues"</a>"."</p>
                </section>
            }
            .into_any();
        };
        // The body of this issue: a resource of its own, owned by this run of the view, so
        // that opening another issue drops it (an answer still on its way is never shown)
        // and starts the next download at once, without waiting for this one to end.
        let body = store.index.with_value(|i| {
            body_download(
                issue_body_path(n, &i.issues.body[pos], &i.body_format),
                i.body_format == "json",
            )
        });
        let retry = Callback::new(move |_| {
            body.retry();
        });
        let body_view = move || {
            body.get().map(|loaded| {
                loaded.map(|b| match &*b {
                    Body::Rendered(r) => {
                        // Opened with a fragment (`…&issue=N#id`, a link or back/forward from
                        // another view), the browser looked for the heading before the body
                        // was there: go to it once the body is drawn.
                        request_animation_frame(scroll_to_fragment);
                        view! {
                            <nav class="toc" aria-label="Contents">
                                <h2>"Contents"</h2>
                                <ol>
                                    {r.toc
                                        .iter()
                                        .map(|t| {
                                            let cls = format!("toc-{}", t.level);
                                            // Same-page anchors: the app keeps the reader's
                                            // query when one is followed (router/history.rs).
                                            view! { <li class=cls><a href=format!("#{}", t.id)>{t.text.clone()}</a></li> }
                                        })
                                        .collect_view()}
                                </ol>
                            </nav>
                            // Sanitised by the build step (ammonia): no script, no event
                            // handler, no javascript: URL can be in it.
                            <div class="reader-body" inner_html=r.html.clone()></div>
                        }
                        .into_any()
                    }
                    Body::Markdown(text) => view! { <pre class="reader-body">{text.clone()}</pre> }.into_any(),
                })
            })
        };
        // The issue and its neighbours, read once from the index.
        let (date, title, prev, next) = store.index.with_value(|i| {
            let c = &i.issues;
            (
                twir_archive::Date::from_days(c.date[pos]),
                c.title[pos].clone(),
                pos.checked_sub(1).map(|p| c.number[p]),
                c.number.get(pos + 1).copied(),
            )
        });
        view! {
            <article class="reader" aria-labelledby="reader-title">
                <header class="reader-header">
                    <h1 id="reader-title">{title}</h1>
                    <p class="reader-meta">
                        <time datetime=date.to_string()>{date.to_string()}</time>
                        " · "
                        <a href=twir_org_url(n, date) rel="noopener noreferrer">"Read on this-week-in-rust.org"</a>
                    </p>
                    <nav class="reader-nav" aria-label="Previous and next issue">
                        {prev.map(|p| view! { <a rel="prev" href=issue_href(p)>{format!("‹ #{p}")}</a> })}
                        {next.map(|p| view! { <a rel="next" href=issue_href(p)>{format!("#{p} ›")}</a> })}
                    </nav>
                </header>
                <LoadBoundary
                    progress=Progress::default()
                    on_retry=retry
                    children=ViewFn::from(move || body_view().into_any())
                />
            </article>
        }
        .into_any()
    }
}

/// Scrolls to the element the URL's fragment names, if there is one.
fn scroll_to_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let hash = window.location().hash().unwrap_or_default();
    let Some(fragment) = hash.strip_prefix('#').filter(|f| !f.is_empty()) else {
        return;
    };
    let id =
        js_sys::decode_uri_component(fragment).map_or_else(|_| fragment.to_string(), String::from);
    if let Some(el) = window.document().and_then(|d| d.get_element_by_id(&id)) {
        el.scroll_into_view();
    }
}

/// Downloads an issue's body from `path` (rendered HTML as JSON, or markdown).
fn body_download(path: String, rendered: bool) -> Download<Body> {
    Download::new(move || {
        let path = path.clone();
        async move {
            let text = api::load_text(&path).await?;
            if !rendered {
                return Ok(Arc::new(Body::Markdown(text)));
            }
            serde_json::from_str::<RenderedBody>(&text)
                .map(|r| Arc::new(Body::Rendered(r)))
                .map_err(|e| LoadError::Corrupt {
                    url: path,
                    reason: e.to_string(),
                })
        }
    })
}
