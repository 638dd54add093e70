use crate::api::Progress;
use leptos::prelude::*;

/// Shows how much of the archive has downloaded.
#[component]
pub fn LoadingPanel(progress: Progress) -> impl IntoView {
    let kb = |b: u64| b.div_ceil(1024);
    let label = if progress.total > 0 {
        format!(
            "Loading the archive… {} of {} KB",
            kb(progress.received),
            kb(progress.total)
        )
    } else {
        "Loading the archive…".to_string()
    };
    view! {
        <section class="panel loading" aria-busy="true">
            <p id="loading-label" role="status">{label}</p>
            {match progress.percent() {
                Some(p) => view! {
                    <progress aria-labelledby="loading-label" max="100" value=p.to_string()></progress>
                }.into_any(),
                None => view! { <progress aria-labelledby="loading-label"></progress> }.into_any(),
            }}
        </section>
    }
}
