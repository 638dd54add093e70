use crate::api::{self, Progress};
use crate::components::{prerender_done, LoadBoundary, ThemeToggle};
use crate::download::Download;
use crate::router::{provide_query_state, use_param, View};
use crate::routes;
use crate::search::{Search, SearchBox};
use crate::store::Store;
use leptos::prelude::*;
use std::sync::Arc;

/// The explorer: loads the index, then shows the view the query string names.
#[component]
pub fn App() -> impl IntoView {
    // The first download: the manifest, then the index, whose progress the loading panel shows.
    let progress = RwSignal::new(Progress::default());
    let boot = Download::new(move || async move {
        let (manifest, index) = api::load_index(|p| progress.set(p)).await?;
        Ok(Arc::new(Store::new(manifest, index)))
    });
    let retry = Callback::new(move |_| {
        if boot.retry() {
            progress.set(Progress::default());
        }
    });
    provide_query_state();
    install_slash_shortcut();
    // Search prepares itself once the first screen is up, never before.
    let search = Search::provide();
    Effect::new(move |_| {
        if let Some(store) = boot.ready() {
            search.start(*store);
        }
    });
    let views = move || {
        boot.get().map(|loaded| {
            loaded.map(|store| {
                provide_context(*store);
                view! { <Views/> }
            })
        })
    };

    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="site-header">
                <a class="brand" href="?">"This Week in Rust "<span>"Explorer"</span></a>
                <Nav/>
                <SearchBox/>
                <ThemeToggle/>
            </header>
            <main id="main" class="content" tabindex="-1">
                <LoadBoundary progress on_retry=retry children=ViewFn::from(move || views().into_any()) />
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
            Suspend::new(split::reader()).into_any()
        }
        View::Links => Suspend::new(split::links()).into_any(),
        View::Crates => Suspend::new(split::crates()).into_any(),
        View::Quotes => Suspend::new(split::quotes()).into_any(),
        View::Events => Suspend::new(split::events()).into_any(),
        View::Updates => Suspend::new(split::updates()).into_any(),
        View::Search => Suspend::new(split::search()).into_any(),
    }
}

/// The views after the first screen (the issue list), each in a wasm chunk of its own that
/// the browser fetches the first time the view opens (docs/development.md, "Code splitting").
/// On a native target (the tests) each is a plain call.
mod split {
    use crate::routes;
    use leptos::prelude::*;

    #[lazy]
    pub fn reader() -> AnyView {
        routes::reader::ReaderView().into_any()
    }
    #[lazy]
    pub fn links() -> AnyView {
        routes::links::LinksView().into_any()
    }
    #[lazy]
    pub fn crates() -> AnyView {
        routes::crates::CratesView().into_any()
    }
    #[lazy]
    pub fn quotes() -> AnyView {
        routes::quotes::QuotesView().into_any()
    }
    #[lazy]
    pub fn events() -> AnyView {
        routes::events::EventsView().into_any()
    }
    #[lazy]
    pub fn updates() -> AnyView {
        routes::updates::UpdatesView().into_any()
    }
    #[lazy]
    pub fn search() -> AnyView {
        routes::search_results::SearchView().into_any()
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
