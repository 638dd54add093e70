use crate::api::{self, LoadError, Progress};
use crate::components::{prerender_done, ErrorPanel, LoadingPanel, ThemeToggle};
use crate::components::{provide_query_state, use_param};
use crate::query::View;
use crate::routes;
use crate::search::{Search, SearchBox};
use crate::store::Store;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Where the first download (manifest and index) stands.
#[derive(Clone)]
enum Boot {
    Loading(Progress),
    Ready(Store),
    Failed(LoadError),
}

/// The explorer: loads the index, then shows the view the query string names.
#[component]
pub fn App() -> impl IntoView {
    let boot = RwSignal::new(Boot::Loading(Progress::default()));
    let load = move || {
        boot.set(Boot::Loading(Progress::default()));
        spawn_local(async move {
            let on_progress = move |p: Progress| boot.set(Boot::Loading(p));
            match api::load_index(on_progress).await {
                Ok((manifest, index)) => boot.set(Boot::Ready(Store::new(manifest, index))),
                Err(err) => boot.set(Boot::Failed(err)),
            }
        });
    };
    load();
    provide_query_state();
    install_slash_shortcut();
    // Search prepares itself once the first screen is up, never before.
    let search = Search::provide();
    Effect::new(move |_| {
        if let Boot::Ready(store) = boot.get() {
            search.start(store);
        }
    });

    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="site-header">
                <a class="brand" href="?">"This Week in Rust "<span>"Explorer"</span></a>
                <Nav/>
                <SearchBox/>
                <ThemeToggle/>
            </header>
            <main id="main" class="content" tabindex="-1">
                {move || match boot.get() {
                    Boot::Loading(progress) => view! { <LoadingPanel progress /> }.into_any(),
                    Boot::Ready(store) => {
                        provide_context(store);
                        view! { <Views/> }.into_any()
                    }
                    Boot::Failed(error) => {
                        prerender_done();
                        view! { <ErrorPanel error on_retry=Callback::new(move |_| load()) /> }.into_any()
                    }
                }}
            </main>
            <footer class="site-footer">
                <p>
                    "Content from "
                    <a href="https://this-week-in-rust.org/">"This Week in Rust"</a>
                    ", CC-BY-SA 4.0."
                </p>
                <p class="feeds">
                    "Atom feeds: "
                    <a href="feeds/issues.xml" type="application/atom+xml">"issues"</a>
                    ", "
                    <a href="feeds/crates.xml" type="application/atom+xml">"crates of the week"</a>
                    ", "
                    <a href="feeds/quotes.xml" type="application/atom+xml">"quotes"</a>
                </p>
            </footer>
    }
}

/// The tabs of the main views; the current one is marked for assistive technology.
#[component]
fn Nav() -> impl IntoView {
    let view = use_param("view");
    let current = move || View::from_param(view.get().as_deref());
    view! {
        <nav class="tabs" aria-label="Views">
            {View::TABS
                .into_iter()
                .map(|v| {
                    let href = format!("?view={}", v.slug());
                    view! {
                        <a
                            href=href
                            aria-current=move || (current() == v).then_some("page")
                        >
                            {v.label()}
                        </a>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// The open view.
#[component]
fn Views() -> impl IntoView {
    let param = use_param("view");
    let view = Memo::new(move |_| View::from_param(param.get().as_deref()));
    move || match view.get() {
        View::Issues => {
            prerender_done();
            routes::issues::IssuesView().into_any()
        }
        View::Issue => {
            prerender_done();
            routes::reader::ReaderView().into_any()
        }
        View::Links => routes::links::LinksView().into_any(),
        View::Crates => routes::crates::CratesView().into_any(),
        View::Quotes => routes::quotes::QuotesView().into_any(),
        View::Events => routes::events::EventsView().into_any(),
        View::Updates => routes::updates::UpdatesView().into_any(),
        View::Search => routes::search::SearchView().into_any(),
    }
}

/// `/` focuses the search box of the header (the first `[data-slash-target]`), unless the
/// reader is typing somewhere.
fn install_slash_shortcut() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let handler =
        Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
            if e.key() != "/" || e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            let typing = doc.active_element().is_some_and(|el| {
                matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            });
            if typing {
                return;
            }
            if let Ok(Some(el)) = doc.query_selector("[data-slash-target]") {
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    e.prevent_default();
                    let _ = el.focus();
                }
            }
        });
    let _ = window.add_event_listener_with_callback("keydown", handler.as_ref().unchecked_ref());
    handler.forget();
}
