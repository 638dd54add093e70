use crate::api::Progress;
use leptos::prelude::*;

/// Shows how much of the archive has downloaded.
#[component]
pub fn LoadingPanel(#[prop(into)] progress: Signal<Progress>) -> impl IntoView {
    let kb = |b: u64| b.div_ceil(1024);
    let label = move || {
        let progress = progress.get();
        if progress.total > 0 {
            format!(
                "Loading the archive… {} of {} KB",
                kb(progress.received),
                kb(progress.total)
            )
        } else {
            "Loading the archive…".to_string()
        }
    };
    // Without a known total the bar has no value: the browser shows it as indeterminate.
    let value = move || progress.get().percent().map(|p| p.to_string());
    view! {
        <section class="panel loading" aria-busy="true">
            <p id="loading-label" role="status">{label}</p>
            <progress aria-labelledby="loading-label" max="100" value=value></progress>
        </section>
    }
}
