//! What the page says when the app stops: a panic ends the wasm instance (release builds abort),
//! and the most likely one is a part of the app (a view's chunk, `#[lazy]`) that failed to
//! download, which Leptos reports by panicking. Instead of a page that silently stops
//! answering, the reader gets a message and a way to reload.

/// Logs the panic to the console, then puts a notice at the top of the page.
pub fn on_panic(info: &std::panic::PanicHookInfo<'_>) {
    console_error_panic_hook::hook(info);
    show_notice();
}

fn show_notice() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    if document.get_element_by_id("app-stopped").is_some() {
        return;
    }
    let make = |tag: &str, text: &str| {
        let el = document.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        Some(el)
    };
    let (Some(panel), Some(message), Some(reload)) = (
        make("section", ""),
        make(
            "p",
            "Part of the explorer could not be loaded (the network failed, or a new version of \
             the site was published). Reload the page to go on.",
        ),
        make("a", "Reload"),
    ) else {
        return;
    };
    panel.set_id("app-stopped");
    let _ = panel.set_attribute("class", "panel error");
    let _ = panel.set_attribute("role", "alert");
    // The same address: reloading keeps the view and its filters.
    let here = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let _ = reload.set_attribute("href", &here);
    let _ = panel.append_child(&message);
    let _ = panel.append_child(&reload);
    let _ = body.prepend_with_node_1(&panel);
}
