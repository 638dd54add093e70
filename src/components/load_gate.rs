use crate::components::{prerender_done, ErrorPanel, LoadingPanel};
use crate::store::{use_store, Load, Store};
use leptos::prelude::*;
use std::sync::Arc;

/// Starts loading one of the store's record files (`file`, such as `Store::links`), shows
/// its progress or its error with a retry, and `render(data)` once it is loaded.
#[component]
pub fn LoadGate<T, F, V>(file: fn(&Store) -> RwSignal<Load<Arc<T>>>, render: F) -> impl IntoView
where
    T: Send + Sync + 'static,
    F: Fn(Arc<T>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let store = use_store();
    let load = file(&store);
    let on_retry = Callback::new(move |_| {
        load.set(Load::Idle);
        file(&store);
    });
    move || match load.get() {
        Load::Idle => view! { <LoadingPanel progress=Default::default() /> }.into_any(),
        Load::Loading(progress) => view! { <LoadingPanel progress /> }.into_any(),
        Load::Ready(data) => {
            prerender_done();
            render(data).into_any()
        }
        Load::Failed(error) => {
            prerender_done();
            view! { <ErrorPanel error on_retry /> }.into_any()
        }
    }
}
