use crate::api;
use crate::components::{use_param, ErrorPanel, LoadingPanel};
use crate::routes::{issue_href, twir_org_url};
use crate::store::use_store;
use leptos::prelude::*;
use leptos::task::spawn_local;
use twir_archive::bundle::issue_body_path;

#[derive(Clone)]
enum Body {
    Loading,
    Ready(String),
    Failed(api::LoadError),
}

/// One issue: its body, with links to the previous and next issue and to the original.
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
        let path = store.index.with_value(|i| {
            let pos = i.issues.number.binary_search(&n).ok()?;
            Some(issue_body_path(n, &i.issues.body[pos]))
        });
        body.set(Body::Loading);
        if let Some(path) = path {
            spawn_local(async move {
                match api::load_text(&path).await {
                    Ok(text) if number.get_untracked() == Some(n) => body.set(Body::Ready(text)),
                    Ok(_) => {}
                    Err(e) => body.set(Body::Failed(e)),
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
        let (pos, numbers) = store.index.with_value(|i| {
            (
                i.issues.number.binary_search(&n).ok(),
                i.issues.number.clone(),
            )
        });
        let Some(pos) = pos else {
            return view! {
                <section class="panel error" role="alert">
                    <h1>{format!("There is no issue #{n}")}</h1>
                    <p>"The archive has no issue with that number. "<a href="?view=issues">"See all issues"</a>"."</p>
                </section>
            }
            .into_any();
        };
        let date = store
            .index
            .with_value(|i| twir_archive::Date::from_days(i.issues.date[pos]));
        let title = store.index.with_value(|i| i.issues.title[pos].clone());
        let prev = pos.checked_sub(1).map(|p| numbers[p]);
        let next = numbers.get(pos + 1).copied();
        view! {
            <article class="reader" aria-labelledby="reader-title">
                <header class="reader-header">
                    <h1 id="reader-title">{title}</h1>
                    <p class="reader-meta">
                        <time datetime=date.to_string()>{date.to_string()}</time>
                        " · "
                        <a href=twir_org_url(n, date) rel="noopener noreferrer">"Read on this-week-in-rust.org"</a>
                    </p>
                    <nav class="reader-nav" aria-label="Issues">
                        {prev.map(|p| view! { <a rel="prev" href=issue_href(p)>{format!("‹ #{p}")}</a> })}
                        {next.map(|p| view! { <a rel="next" href=issue_href(p)>{format!("#{p} ›")}</a> })}
                    </nav>
                </header>
                {move || match body.get() {
                    Body::Loading => view! { <LoadingPanel progress=Default::default() /> }.into_any(),
                    Body::Ready(text) => view! { <pre class="reader-body">{text}</pre> }.into_any(),
                    Body::Failed(error) => {
                        view! { <ErrorPanel error on_retry=Callback::new(move |_| fetch(n)) /> }.into_any()
                    }
                }}
            </article>
        }
        .into_any()
    }
}
