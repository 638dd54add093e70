use crate::components::{prerender_done, ErrorPanel, LoadingPanel};
use crate::store::Load;
use leptos::prelude::*;
use std::sync::Arc;

/// Shows a record file's download progress or error, and `render(data)` once it is loaded.
#[component]
pub fn LoadGate<T, F, V>(
    load: RwSignal<Load<Arc<T>>>,
    on_retry: Callback<()>,
    render: F,
) -> impl IntoView
where
    T: Send + Sync + 'static,
    F: Fn(Arc<T>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
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
