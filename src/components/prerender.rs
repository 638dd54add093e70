//! The first screen the build step writes into `index.html` (see `twir bundle --prerender`)
//! stays until the app's own view has its data, then goes.

/// Removes the prerendered first screen, if it is still there.
pub fn prerender_done() {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("prerender"))
    {
        el.remove();
    }
}
