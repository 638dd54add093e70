use crate::api;
use crate::components::{use_param, ErrorPanel, LoadingPanel};
use crate::routes::issue_href;
use crate::store::use_store;
use leptos::prelude::*;
use leptos::task::spawn_local;
use twir_archive::bundle::{issue_body_path, RenderedBody};
use twir_archive::web::twir_org_url;

#[derive(Clone)]
enum Body {
    Loading,
    /// HTML sanitised by the build step, with its table of contents.
    Rendered(RenderedBody),
    /// A bundle written with markdown bodies: shown as text.
    Markdown(String),
    Failed(api::LoadError),
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
    let body = RwSignal::new(Body::Loading);
    let fetch = move |n: u32| {
        let found = store.index.with_value(|i| {
            let pos = i.issues.number.binary_search(&n).ok()?;
            Some((
                issue_body_path(n, &i.issues.body[pos], &i.body_format),
                i.body_format == "json",
            ))
        });
        body.set(Body::Loading);
        if let Some((path, rendered)) = found {
            spawn_local(async move {
                let result = api::load_text(&path).await.and_then(|text| {
                    if !rendered {
                        return Ok(Body::Markdown(text));
                    }
                    serde_json::from_str::<RenderedBody>(&text)
                        .map(Body::Rendered)
                        .map_err(|e| api::LoadError::Corrupt {
                            url: path.clone(),
                            reason: e.to_string(),
                        })
                });
                if number.get_untracked() == Some(n) {
                    body.set(result.unwrap_or_else(Body::Failed));
                }
            });
        }
    };
    Effect::new(move |_| {
        if let Some(n) = number.get() {
            fetch(n);
        }
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
                {move || match body.get() {
                    Body::Loading => view! { <LoadingPanel progress=Default::default() /> }.into_any(),
                    Body::Rendered(r) => {
                        let toc = r.toc.clone();
                        // Opened with a fragment (`…&issue=N#id`, a link or back/forward from
                        // another view), the browser looked for the heading before the body
                        // was there: go to it once the body is drawn.
                        request_animation_frame(scroll_to_fragment);
                        view! {
                            <nav class="toc" aria-label="Contents">
                                <h2>"Contents"</h2>
                                <ol>
                                    {toc
                                        .into_iter()
                                        .map(|t| {
                                            let cls = format!("toc-{}", t.level);
                                            // Same-page anchors: the app keeps the reader's
                                            // query when one is followed (query_nav.rs).
                                            view! { <li class=cls><a href=format!("#{}", t.id)>{t.text}</a></li> }
                                        })
                                        .collect_view()}
                                </ol>
                            </nav>
                            // Sanitised by the build step (ammonia): no script, no event
                            // handler, no javascript: URL can be in it.
                            <div class="reader-body" inner_html=r.html></div>
                        }
                        .into_any()
                    }
                    Body::Markdown(text) => view! { <pre class="reader-body">{text}</pre> }.into_any(),
                    Body::Failed(error) => {
                        view! { <ErrorPanel error on_retry=Callback::new(move |_| fetch(n)) /> }.into_any()
                    }
                }}
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
