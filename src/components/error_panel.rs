use leptos::prelude::*;

/// A failed download: what happened, and a button to try again.
#[component]
pub fn ErrorPanel(#[prop(into)] message: Signal<String>, on_retry: Callback<()>) -> impl IntoView {
    view! {
        <section class="panel error" role="alert">
            <h2>"The archive could not be loaded"</h2>
            <p class="error-message">{message}</p>
            <button class="retry" type="button" on:click=move |_| on_retry.run(())>
                "Try again"
            </button>
        </section>
    }
}
