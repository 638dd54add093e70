//! What a view shows of a download: a [`Suspense`] whose fallback is the loading panel, around
//! an [`ErrorBoundary`] whose fallback is the error panel with its retry.

use crate::api::Progress;
use crate::components::{prerender_done, ErrorPanel, LoadingPanel};
use crate::store::{use_store, RecordFile, Store};
use leptos::prelude::*;
use std::sync::Arc;

/// Shows `children` once the resources they read have loaded; until then the loading panel
/// with `progress`, and if one has failed (a `Result::Err` in the view), the error panel,
/// whose button runs `on_retry`. One component for every download, so that the app carries
/// one copy of Suspense and ErrorBoundary.
#[component]
pub fn LoadBoundary(
    #[prop(into)] progress: Signal<Progress>,
    on_retry: Callback<()>,
    children: ViewFn,
) -> impl IntoView {
    let error_panel = move |errors: ArcRwSignal<Errors>| {
        prerender_done();
        let message = move || {
            errors.with(|e| {
                e.iter()
                    .next()
                    .map(|(_, e)| e.to_string())
                    .unwrap_or_default()
            })
        };
        view! { <ErrorPanel message=Signal::derive(message) on_retry /> }
    };
    let body = move || children.run();
    view! {
        <Suspense fallback=move || view! { <LoadingPanel progress /> }>
            <ErrorBoundary fallback=error_panel>{body}</ErrorBoundary>
        </Suspense>
    }
}

/// Starts the download of one of the store's record files (`file`, such as `|s| s.links`) and
/// shows `render(rows)` once it is loaded, its progress or its error with a retry until then.
#[component]
pub fn LoadGate<T, F, V>(file: fn(&Store) -> RecordFile<T>, render: F) -> impl IntoView
where
    T: Send + Sync + 'static,
    F: Fn(Arc<Vec<T>>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let records = file(&use_store());
    let rows = records.start();
    let body = move || {
        rows.get().map(|rows| {
            rows.map(|rows| {
                prerender_done();
                render(rows).into_any()
            })
        })
    };
    view! {
        <LoadBoundary
            progress=records.progress
            on_retry=Callback::new(move |_| records.retry())
            children=ViewFn::from(move || body().into_any())
        />
    }
}
