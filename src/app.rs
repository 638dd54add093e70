use crate::api::{self, LoadError, Progress};
use crate::components::{ErrorPanel, LoadingPanel};
use crate::routes::issues::IssueList;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use twir_archive::bundle::Index;

/// Where the bundle download stands.
#[derive(Clone)]
enum LoadState {
    Loading(Progress),
    Ready(Arc<Index>),
    Failed(LoadError),
}

/// The explorer: a header, and the view of the archive once its bundle has loaded.
#[component]
pub fn App() -> impl IntoView {
    let state = RwSignal::new(LoadState::Loading(Progress::default()));
    let load = move || {
        state.set(LoadState::Loading(Progress::default()));
        spawn_local(async move {
            let on_progress = move |p: Progress| state.set(LoadState::Loading(p));
            match api::load_index(on_progress).await {
                Ok(index) => state.set(LoadState::Ready(Arc::new(index))),
                Err(err) => state.set(LoadState::Failed(err)),
            }
        });
    };
    load();

    view! {
        <header class="site-header">
            <a class="brand" href=".">"This Week in Rust "<span>"Explorer"</span></a>
        </header>
        <main id="main" class="content">
            {move || match state.get() {
                LoadState::Loading(progress) => view! { <LoadingPanel progress /> }.into_any(),
                LoadState::Ready(index) => view! { <IssueList index /> }.into_any(),
                LoadState::Failed(error) => {
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
        </footer>
    }
}
