use leptos::prelude::*;

/// Switches between light and dark. Until the reader chooses, the page follows the system;
/// the choice is remembered (`localStorage.theme`) and applied before the app starts by a
/// line of script in `index.html`, so the page does not flash.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let root = || web_sys::window()?.document()?.document_element();
    let system_dark = || {
        web_sys::window()
            .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
            .is_some_and(|m| m.matches())
    };
    let initial = root()
        .and_then(|r| r.get_attribute("data-theme"))
        .map_or_else(system_dark, |t| t == "dark");
    let dark = RwSignal::new(initial);
    let toggle = move |_| {
        let next = !dark.get_untracked();
        dark.set(next);
        let theme = if next { "dark" } else { "light" };
        if let Some(r) = root() {
            let _ = r.set_attribute("data-theme", theme);
        }
        if let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = storage.set_item("theme", theme);
        }
    };
    view! {
        <button
            type="button"
            class="theme-toggle"
            aria-pressed=move || dark.get().to_string()
            on:click=toggle
        >
            {move || if dark.get() { "☀ Light" } else { "☾ Dark" }}
        </button>
    }
}
